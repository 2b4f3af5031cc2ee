//! Every walk of a pathway, by classes of answers: the exploration behind `verify` and the
//! outcome tables.
//!
//! Conditions are built from *atoms* (a test of one answer, flag, score, count or number).
//! Two answers to a step that give every atom the same truth, set the same flags and lead to
//! the same place have the same future, so each step is offered one answer per class:
//! every yes/no answer and option; every set of multiple-choice options that differ; numbers
//! on each side of every threshold; and, for a checklist, every reachable combination of its
//! score and counts (each capped just past the largest threshold that reads it) with the
//! answers to the items that are tested or set flags, found by a dynamic programme over the
//! items. Two partial walks at the same step with the same truth for every atom have the
//! same futures, so each such state is explored once, breadth first, which makes the first
//! walk met for any class one of the shortest.
//!
//! This is exact: every walk belongs to a class that is explored. The only place it could
//! not be is a multiple-choice step with more than [`MAX_CHOICE_CLASSES`] distinct options;
//! the exploration then says it is not exact, and `verify` never says "proven".

use crate::cond::Cond;
use crate::model::*;
use crate::walk::sheet::{Given, Sheet};
use horizon::Horizon;
use std::collections::{HashSet, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};
pub(crate) use valuation::Valuation;
use valuation::{Atoms, Effect};

/// What tells one answer's class apart from another's at a step: its effect on the atoms, and
/// which answer-specific `next` it takes.
pub(crate) type ClassKey = (Effect, Option<usize>);

mod classes;
mod horizon;
mod valuation;

pub(crate) use valuation::answered;

pub(crate) use classes::{ChecklistView, MAX_CHOICE_CLASSES, checklist_classes};

/// What one exploration did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Exploration {
    /// Distinct states visited.
    pub(crate) explored: usize,
    /// Whether it stopped at its limit before visiting every state.
    pub(crate) truncated: bool,
    /// Whether every class of answers was offered (see the module's notes).
    pub(crate) exact: bool,
}

/// A complete walk, as the truth of the explorer's atoms; its answers are rebuilt on demand.
pub(crate) struct Walk<'a, 'p> {
    explorer: &'a Explorer<'p>,
    valuation: &'a Valuation,
    trail: &'a [(StepIx, usize, Option<usize>)],
    last: Option<usize>,
}

impl<'p> Walk<'_, 'p> {
    /// Whether a condition holds on this walk. Its atoms must be among the explorer's.
    pub(crate) fn holds(&self, cond: &Cond) -> bool {
        self.explorer.atoms.truth(cond, self.valuation)
    }

    /// The risk level's position, if a level is given.
    pub(crate) fn level(&self) -> Option<LevelIx> {
        self.explorer.atoms.level(self.valuation)
    }

    /// The answers of this walk, and its steps in order: the shortest walk of its class.
    pub(crate) fn replay(&self) -> (Sheet<'p>, Vec<StepIx>) {
        let mut taken = Vec::new();
        let mut cursor = self.last;
        while let Some((step, k, before)) = cursor.and_then(|i| self.trail.get(i)) {
            taken.push((*step, *k));
            cursor = *before;
        }
        taken.reverse();
        let mut sheet = Sheet::new(self.explorer.pathway);
        for (step, k) in &taken {
            if let Some(m) = self.explorer.moves.get(step.0).and_then(|m| m.get(*k)) {
                sheet.record(*step, m.given.clone());
            }
        }
        (sheet, taken.into_iter().map(|(s, _)| s).collect())
    }
}

/// One class of answers to a step: the answer that stands for it, what it does to the
/// valuation, and its own `next`, if it has one.
struct Move<'p> {
    given: Given,
    effect: Effect,
    next: Option<&'p Next>,
}

pub(crate) struct Explorer<'p> {
    pathway: &'p Pathway,
    atoms: Atoms<'p>,
    moves: Vec<Vec<Move<'p>>>,
    horizon: Horizon,
    exact: bool,
}

impl<'p> Explorer<'p> {
    /// An explorer that tells apart walks by the given conditions, and by every condition
    /// that steers the walk.
    pub(crate) fn new<'c>(pathway: &'p Pathway, conditions: impl Iterator<Item = &'c Cond>) -> Self {
        Self::build(pathway, conditions.collect(), false)
    }

    /// An explorer that also tells apart every risk level and set of criteria met.
    pub(crate) fn with_risk<'c>(pathway: &'p Pathway, conditions: impl Iterator<Item = &'c Cond>) -> Self {
        Self::build(pathway, conditions.collect(), true)
    }

    fn build(pathway: &'p Pathway, conditions: Vec<&Cond>, with_risk: bool) -> Self {
        let placed = pathway.conditions();
        let steering: Vec<&Cond> = placed.iter().filter(|p| p.at_step.is_some()).map(|p| p.cond).collect();
        let reads_risk = with_risk || conditions.iter().chain(&steering).any(|c| c.reads_risk());
        let mut list = leaves(conditions.into_iter());
        merge(&mut list, leaves(steering.into_iter()));
        if let (true, Some(model)) = (reads_risk, &pathway.risk) {
            merge(&mut list, leaves(model.conditions()));
        }
        let atoms = Atoms::new(pathway, list, reads_risk);
        let mut exact = true;
        let moves = (0..pathway.steps.len())
            .map(|i| {
                let step = StepIx(i);
                let (given, complete) = classes::candidates(pathway, step, atoms.list());
                exact &= complete;
                given
                    .into_iter()
                    .map(|given| {
                        let mut sheet = Sheet::new(pathway);
                        sheet.record(step, given.clone());
                        let effect = atoms.effect(step, &sheet);
                        Move { next: own_next(pathway.step_at(step), &given), given, effect }
                    })
                    .collect()
            })
            .collect();
        Explorer { pathway, atoms, moves, horizon: Horizon::new(pathway), exact }
    }

    /// Calls `visit` once for each class of complete walk, shortest walks first, visiting at
    /// most `limit` states.
    pub(crate) fn walks(&self, limit: usize, visit: &mut dyn FnMut(Walk<'_, 'p>)) -> Exploration {
        self.walks_where(None, limit, visit)
    }

    /// As [`walks`](Self::walks), but only the walks on which `only` can still hold: a partial
    /// walk where it is already false, whatever comes next, is not explored further. `only`
    /// must be one of the conditions the explorer was made with.
    pub(crate) fn walks_where(
        &self,
        only: Option<&Cond>,
        limit: usize,
        visit: &mut dyn FnMut(Walk<'_, 'p>),
    ) -> Exploration {
        let p = self.pathway;
        self.atoms.forget_addresses();
        let start = (self.atoms.valuation(&Sheet::new(p)), Target::Step(p.start));
        let mut seen: HashSet<(Valuation, Target), BuildHasherDefault<MixHasher>> = HashSet::default();
        seen.insert(start.clone());
        // Each state's last step, the class of answer given there, and the state before it:
        // walks share their beginnings, and a sheet is rebuilt only for complete walks.
        let mut trail: Vec<(StepIx, usize, Option<usize>)> = Vec::new();
        let mut queue = VecDeque::from([(start.0, start.1, None)]);
        let mut explored = 0;
        while let Some((v, at, last)) = queue.pop_front() {
            explored += 1;
            if explored > limit {
                return self.done(explored, true);
            }
            let Target::Step(step) = at else {
                visit(Walk { explorer: self, valuation: &v, trail: &trail, last });
                continue;
            };
            for (k, m) in self.moves.get(step.0).into_iter().flatten().enumerate() {
                let next = m.effect.apply(&v);
                let to = self.target(p.step_at(step), m, &next);
                if only.is_some_and(|c| self.horizon.settled(c, &next, &self.atoms, to) == Some(false)) {
                    continue;
                }
                if seen.insert((next.clone(), to)) {
                    trail.push((step, k, last));
                    queue.push_back((next, to, Some(trail.len() - 1)));
                }
            }
        }
        self.done(explored, false)
    }

    /// Where every walk starts: nothing answered, at the start step. For a walk driven from
    /// outside (two versions compared), with [`step`](Self::step) and [`truth`](Self::truth).
    pub(crate) fn start(&self) -> (Valuation, Target) {
        self.atoms.forget_addresses();
        (self.atoms.valuation(&Sheet::new(self.pathway)), Target::Step(self.pathway.start))
    }

    /// What answering `step` with `given` does to a walk in state `v`: the new state and where
    /// the walk goes next; and what tells this answer's class apart (its effect on the atoms,
    /// and its own `next`, if it has one).
    pub(crate) fn step(&self, step: StepIx, given: &Given, v: &Valuation) -> (Valuation, Target, ClassKey) {
        let mut sheet = Sheet::new(self.pathway);
        sheet.record(step, given.clone());
        let effect = self.atoms.effect(step, &sheet);
        let m = Move { next: own_next(self.pathway.step_at(step), given), given: given.clone(), effect };
        let after = m.effect.apply(v);
        let to = self.target(self.pathway.step_at(step), &m, &after);
        let key = (m.effect, classes::specific_next(self.pathway, step, given));
        (after, to, key)
    }

    /// Whether `cond` (one of the explorer's conditions) holds in state `v`.
    pub(crate) fn truth(&self, cond: &Cond, v: &Valuation) -> bool {
        self.atoms.truth(cond, v)
    }

    /// The risk level's position in state `v`, if a level is given.
    pub(crate) fn level_in(&self, v: &Valuation) -> Option<LevelIx> {
        self.atoms.level(v)
    }

    /// One answer per class for `step`, as this explorer alone tells them apart, and whether
    /// every class is there.
    pub(crate) fn classes_of(&self, step: StepIx) -> (Vec<Given>, bool) {
        classes::candidates(self.pathway, step, self.atoms.list())
    }

    /// The atoms that read `step`.
    pub(crate) fn atoms_reading(&self, step: StepIx) -> Vec<&Cond> {
        self.atoms.list().iter().filter(|a| reads(a, step)).collect()
    }

    /// Whether every condition evaluated so far found its atoms, and every class was offered.
    pub(crate) fn exact(&self) -> bool {
        self.exact && self.atoms.complete()
    }

    fn done(&self, explored: usize, truncated: bool) -> Exploration {
        Exploration { explored, truncated, exact: self.exact && self.atoms.complete() }
    }

    /// Where the walk goes after `step` is answered with `m`, as `session::next_target` does.
    fn target(&self, step: &Step, m: &Move<'_>, v: &Valuation) -> Target {
        match m.next.or(step.next.as_ref()) {
            Some(Next::To(t)) => *t,
            Some(Next::Branches(branches)) => branches
                .iter()
                .find(|(when, _)| when.as_ref().is_none_or(|w| self.atoms.truth(w, v)))
                .map(|(_, t)| *t)
                .unwrap_or(Target::End),
            None => Target::End,
        }
    }
}

/// An answer's own `next` (a yes/no answer's or a single-choice option's), if it has one.
fn own_next<'p>(step: &'p Step, given: &Given) -> Option<&'p Next> {
    match (&step.kind, given) {
        (StepKind::YesNo { rules, .. }, Given::Reply(r)) => {
            rules.iter().find(|rule| rule.reply == *r).and_then(|rule| rule.next.as_ref())
        }
        (StepKind::SingleChoice { options }, Given::Choice(i)) => {
            options.get(i.0).and_then(|o| o.next.as_ref())
        }
        _ => None,
    }
}

/// A fast hasher for the explorer's states, which are words of atom truths: no untrusted
/// input reaches it, so it needs no protection against chosen collisions.
#[derive(Default)]
pub(super) struct MixHasher(u64);

impl Hasher for MixHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_u64(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_usize(&mut self, word: usize) {
        self.write_u64(word as u64);
    }
}

/// The tests of answers, flags, scores, counts and numbers in some conditions, once each.
pub(crate) fn leaves<'c>(conditions: impl Iterator<Item = &'c Cond>) -> Vec<Cond> {
    let mut atoms: Vec<Cond> = Vec::new();
    for c in conditions {
        c.for_each_leaf(&mut |leaf| {
            if !matches!(leaf, Cond::Criterion(_) | Cond::Risk(_)) && !atoms.contains(leaf) {
                atoms.push(leaf.clone());
            }
        });
    }
    atoms
}

pub(crate) fn merge(atoms: &mut Vec<Cond>, more: Vec<Cond>) {
    for a in more {
        if !atoms.contains(&a) {
            atoms.push(a);
        }
    }
}

fn reads(atom: &Cond, step: StepIx) -> bool {
    let mut found = false;
    atom.for_each_step(&mut |s| found |= s == step);
    found
}
