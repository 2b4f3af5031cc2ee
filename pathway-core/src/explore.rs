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

use crate::cond::{Cond, Range};
use crate::model::*;
use crate::session::next_target;
use crate::sheet::{Given, Sheet};
use std::collections::{BTreeMap, HashSet, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};

/// Past this many distinct options, the subsets of a multiple-choice step are not enumerated.
pub(crate) const MAX_CHOICE_CLASSES: usize = 16;
/// Past this many intermediate states, a checklist's classes are not enumerated.
const MAX_CHECKLIST_STATES: usize = 200_000;

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

/// A complete walk: the answers on its sheet, and the steps in the order answered.
pub(crate) struct Walk<'a, 'p> {
    pub(crate) sheet: &'a Sheet<'p>,
    pub(crate) path: &'a [StepIx],
}

pub(crate) struct Explorer<'p> {
    pathway: &'p Pathway,
    atoms: Vec<Cond>,
    candidates: Vec<Vec<Given>>,
    /// For each step, the atoms its answer can change: those that read it, and those that
    /// test a flag it can set.
    affected: Vec<Vec<usize>>,
    horizon: Horizon,
    exact: bool,
}

/// What can still change from each step of a walk on: the steps that can still be answered,
/// the flags they can set, and whether the risk level can still change.
struct Horizon {
    steps: Vec<Vec<bool>>,
    flags: Vec<Vec<bool>>,
    risk: Vec<bool>,
}

impl Horizon {
    fn new(p: &Pathway) -> Self {
        let n = p.steps.len();
        // Steps reachable from each step, itself included; loaded pathways have no cycles.
        let mut steps: Vec<Vec<bool>> = vec![Vec::new(); n];
        fn fill(p: &Pathway, i: usize, steps: &mut Vec<Vec<bool>>) {
            if steps.get(i).is_some_and(|r| !r.is_empty()) {
                return;
            }
            let mut reach = vec![false; p.steps.len()];
            if let Some(r) = reach.get_mut(i) {
                *r = true;
            }
            for next in crate::graph::step_nexts(p.step_at(StepIx(i))) {
                for t in next.targets() {
                    if let Target::Step(j) = t {
                        fill(p, j.0, steps);
                        for (mine, theirs) in reach.iter_mut().zip(steps.get(j.0).into_iter().flatten()) {
                            *mine |= *theirs;
                        }
                    }
                }
            }
            if let Some(slot) = steps.get_mut(i) {
                *slot = reach;
            }
        }
        for i in 0..n {
            fill(p, i, &mut steps);
        }
        let sets: Vec<Vec<FlagIx>> = p.steps.iter().map(flags_set_by).collect();
        let flags = steps
            .iter()
            .map(|reach| {
                let mut open = vec![false; p.flags.len()];
                for (s, _) in reach.iter().enumerate().filter(|(_, r)| **r) {
                    for f in sets.get(s).into_iter().flatten() {
                        if let Some(o) = open.get_mut(f.0) {
                            *o = true;
                        }
                    }
                }
                open
            })
            .collect::<Vec<_>>();
        // The steps the risk model depends on: those it reads, those that set a flag it tests.
        let mut risk_steps = vec![false; n];
        if let Some(model) = &p.risk {
            if let Some(c) = risk_steps.get_mut(model.checklist.0) {
                *c = true;
            }
            for cond in model.conditions() {
                cond.for_each_leaf(&mut |leaf| {
                    leaf.for_each_step(&mut |s| {
                        if let Some(r) = risk_steps.get_mut(s.0) {
                            *r = true;
                        }
                    });
                    if let Cond::Flag(f) = leaf {
                        for (s, set) in sets.iter().enumerate() {
                            if let (true, Some(r)) = (set.contains(f), risk_steps.get_mut(s)) {
                                *r = true;
                            }
                        }
                    }
                });
            }
        }
        let risk = steps.iter().map(|reach| reach.iter().zip(&risk_steps).any(|(a, b)| *a && *b)).collect();
        Horizon { steps, flags, risk }
    }

    /// Whether `cond` is already decided at `at`, whatever the rest of the walk: `Some(truth)`,
    /// or `None` while answers still to come could change it (Kleene's three-valued logic).
    fn settled(&self, cond: &Cond, sheet: &Sheet<'_>, at: Target) -> Option<bool> {
        let Target::Step(here) = at else {
            return Some(crate::outcome::holds(cond, sheet));
        };
        let open_step = |s: StepIx| self.steps.get(here.0).and_then(|r| r.get(s.0)).copied().unwrap_or(false);
        match cond {
            Cond::All(list) => {
                let mut all = Some(true);
                for c in list {
                    match self.settled(c, sheet, at) {
                        Some(false) => return Some(false),
                        None => all = None,
                        Some(true) => {}
                    }
                }
                all
            }
            Cond::Any(list) => {
                let mut any = Some(false);
                for c in list {
                    match self.settled(c, sheet, at) {
                        Some(true) => return Some(true),
                        None => any = None,
                        Some(false) => {}
                    }
                }
                any
            }
            Cond::Not(inner) => self.settled(inner, sheet, at).map(|b| !b),
            Cond::Flag(f) if sheet.flag(*f) => Some(true),
            Cond::Flag(f) => {
                let open = self.flags.get(here.0).and_then(|o| o.get(f.0)).copied().unwrap_or(true);
                if open { None } else { Some(false) }
            }
            Cond::Criterion(_) | Cond::Risk(_) => {
                if self.risk.get(here.0).copied().unwrap_or(true) {
                    None
                } else {
                    Some(crate::outcome::holds(cond, sheet))
                }
            }
            atom => {
                let mut open = false;
                atom.for_each_step(&mut |s| open |= open_step(s));
                if open { None } else { Some(crate::outcome::holds_atom(atom, sheet)) }
            }
        }
    }
}

/// A state waiting to be explored; `trail` indexes its last step in the explorer's trail.
struct Pending<'p> {
    sheet: Sheet<'p>,
    /// The truth of every atom on `sheet`.
    bits: Vec<u64>,
    at: Target,
    trail: Option<usize>,
}

impl<'p> Explorer<'p> {
    /// An explorer that tells apart walks by the given conditions, and by every condition
    /// that steers the walk.
    pub(crate) fn new<'c>(pathway: &'p Pathway, conditions: impl Iterator<Item = &'c Cond>) -> Self {
        let conditions: Vec<&Cond> = conditions.collect();
        let reads_risk = conditions.iter().any(|c| uses_risk(c));
        Self::build(pathway, conditions, reads_risk)
    }

    /// An explorer that also tells apart every risk level and set of criteria met.
    pub(crate) fn with_risk<'c>(pathway: &'p Pathway, conditions: impl Iterator<Item = &'c Cond>) -> Self {
        Self::build(pathway, conditions.collect(), true)
    }

    fn build(pathway: &'p Pathway, conditions: Vec<&Cond>, reads_risk: bool) -> Self {
        let mut atoms = leaves(conditions.into_iter());
        merge(
            &mut atoms,
            leaves(pathway.conditions().iter().filter(|p| p.at_step.is_some()).map(|p| p.cond)),
        );
        if let (true, Some(model)) = (reads_risk, &pathway.risk) {
            // A risk level exists only once its checklist is answered; that is a fact the
            // atoms must see, or a walk past the checklist and one that skipped it would merge.
            merge(&mut atoms, leaves(model.conditions()));
            merge(&mut atoms, vec![answered(model.checklist)]);
        }
        let mut exact = true;
        let candidates = (0..pathway.steps.len())
            .map(|i| {
                let (given, complete) = candidates(pathway, StepIx(i), &atoms);
                exact &= complete;
                given
            })
            .collect();
        let affected = (0..pathway.steps.len())
            .map(|i| {
                let sets = flags_set_by(pathway.step_at(StepIx(i)));
                (0..atoms.len())
                    .filter(|a| match atoms.get(*a) {
                        Some(Cond::Flag(f)) => sets.contains(f),
                        Some(atom) => reads(atom, StepIx(i)),
                        None => false,
                    })
                    .collect()
            })
            .collect();
        Explorer { pathway, atoms, candidates, affected, horizon: Horizon::new(pathway), exact }
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
        let start = Sheet::new(p);
        let bits = valuation(&self.atoms, &start);
        let mut seen: HashSet<(Target, Vec<u64>), BuildHasherDefault<MixHasher>> = HashSet::default();
        seen.insert((Target::Step(p.start), bits.clone()));
        let mut queue =
            VecDeque::from([Pending { sheet: start, bits, at: Target::Step(p.start), trail: None }]);
        // Each state's last step and the state before it, so paths are shared, not copied.
        let mut trail: Vec<(StepIx, Option<usize>)> = Vec::new();
        let mut explored = 0;
        while let Some(Pending { sheet, bits: here, at, trail: last }) = queue.pop_front() {
            explored += 1;
            if explored > limit {
                return Exploration { explored, truncated: true, exact: self.exact };
            }
            let Target::Step(step) = at else {
                let mut path = Vec::new();
                let mut cursor = last;
                while let Some((s, before)) = cursor.and_then(|i| trail.get(i)) {
                    path.push(*s);
                    cursor = *before;
                }
                path.reverse();
                visit(Walk { sheet: &sheet, path: &path });
                continue;
            };
            let affected = self.affected.get(step.0).map(Vec::as_slice).unwrap_or_default();
            for given in self.candidates.get(step.0).into_iter().flatten() {
                let mut next = sheet.clone();
                next.record(step, given.clone());
                let mut bits = here.clone();
                for a in affected {
                    if let (Some(atom), Some(word)) = (self.atoms.get(*a), bits.get_mut(a / 64)) {
                        let bit = 1u64 << (a % 64);
                        if crate::outcome::holds_atom(atom, &next) { *word |= bit } else { *word &= !bit }
                    }
                }
                let to = next_target(p, step, &next);
                if only.is_some_and(|c| self.horizon.settled(c, &next, to) == Some(false)) {
                    continue;
                }
                if seen.insert((to, bits.clone())) {
                    trail.push((step, last));
                    queue.push_back(Pending { sheet: next, bits, at: to, trail: Some(trail.len() - 1) });
                }
            }
        }
        Exploration { explored, truncated: false, exact: self.exact }
    }
}

/// A fast hasher for the explorer's states, which are words of atom truths: no untrusted
/// input reaches it, so it needs no protection against chosen collisions.
#[derive(Default)]
struct MixHasher(u64);

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

fn flags_set_by(step: &Step) -> Vec<FlagIx> {
    match &step.kind {
        StepKind::YesNo { rules, .. } => rules.iter().flat_map(|r| r.sets.iter().copied()).collect(),
        StepKind::SingleChoice { options } | StepKind::MultipleChoice { options } => {
            options.iter().flat_map(|o| o.sets.iter().copied()).collect()
        }
        StepKind::Checklist { items } => items.iter().flat_map(|i| i.sets.iter().copied()).collect(),
        _ => Vec::new(),
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

/// True once the checklist `step` has been answered at all.
fn answered(step: StepIx) -> Cond {
    let every = Reply::ALL.iter().fold(0, |bits, r| bits | r.bit());
    Cond::Count {
        step,
        replies: ReplySet(every),
        significant_only: false,
        range: Range { at_least: Some(0), at_most: None },
    }
}

/// Whether a condition reads the risk level or a criterion.
pub(crate) fn uses_risk(cond: &Cond) -> bool {
    let mut found = false;
    cond.for_each_leaf(&mut |leaf| found |= matches!(leaf, Cond::Criterion(_) | Cond::Risk(_)));
    found
}

fn reads(atom: &Cond, step: StepIx) -> bool {
    let mut found = false;
    atom.for_each_step(&mut |s| found |= s == step);
    found
}

fn valuation(atoms: &[Cond], sheet: &Sheet<'_>) -> Vec<u64> {
    let mut out = vec![0u64; atoms.len().div_ceil(64)];
    for (i, a) in atoms.iter().enumerate() {
        if crate::outcome::holds_atom(a, sheet)
            && let Some(word) = out.get_mut(i / 64)
        {
            *word |= 1 << (i % 64);
        }
    }
    out
}

/// One answer per class for one step, and whether every class is there.
fn candidates(p: &Pathway, step: StepIx, atoms: &[Cond]) -> (Vec<Given>, bool) {
    let here: Vec<&Cond> = atoms.iter().filter(|a| reads(a, step)).collect();
    let mut exact = true;
    let raw: Vec<Given> = match &p.step_at(step).kind {
        StepKind::YesNo { allowed, .. } => allowed.iter().map(|r| Given::Reply(*r)).collect(),
        StepKind::SingleChoice { options } => (0..options.len()).map(Given::Choice).collect(),
        StepKind::MultipleChoice { options } => {
            let (given, complete) = choice_candidates(options, &here);
            exact &= complete;
            given
        }
        StepKind::Checklist { items } => {
            let (given, complete) = checklist_candidates(items, &here);
            exact &= complete;
            given
        }
        StepKind::Number { min, max, .. } => {
            let mut values = vec![*min, *max];
            for a in &here {
                if let Cond::Number { range, .. } = a {
                    for b in
                        [range.at_least, range.at_most.map(|v| v.saturating_add(1))].into_iter().flatten()
                    {
                        values.extend([b.saturating_sub(1), b]);
                    }
                }
            }
            values.retain(|v| (*min..=*max).contains(v));
            values.sort_unstable();
            values.dedup();
            values.into_iter().map(Given::Number).collect()
        }
        StepKind::Text { .. } => vec![Given::Text("(reason recorded)".into())],
        StepKind::Info => vec![Given::Seen],
    };
    // Keep one answer per distinct effect: where it leads, the flags it sets, and the truth
    // of every atom that reads this step.
    let mut effects = HashSet::new();
    let mut out = Vec::new();
    for given in raw {
        let mut sheet = Sheet::new(p);
        sheet.record(step, given.clone());
        let effect = (
            (0..p.flags.len()).map(|f| sheet.flag(FlagIx(f))).collect::<Vec<_>>(),
            here.iter().map(|a| crate::outcome::holds_atom(a, &sheet)).collect::<Vec<_>>(),
            specific_next(p, step, &given),
        );
        if effects.insert(effect) {
            out.push(given);
        }
    }
    (out, exact)
}

/// Which answer-specific `next` an answer takes, if any, as a position to compare.
fn specific_next(p: &Pathway, step: StepIx, given: &Given) -> Option<usize> {
    match (&p.step_at(step).kind, given) {
        (StepKind::YesNo { rules, .. }, Given::Reply(r)) => {
            rules.iter().position(|rule| rule.reply == *r && rule.next.is_some())
        }
        (StepKind::SingleChoice { options }, Given::Choice(i)) => {
            options.get(*i).and_then(|o| o.next.as_ref()).map(|_| *i)
        }
        _ => None,
    }
}

/// Options with the same flags and the same membership in every test behave alike, and two
/// alike options chosen together behave as one: so every non-empty set of classes, and each
/// exclusive option alone.
fn choice_candidates(options: &[ChoiceOption], here: &[&Cond]) -> (Vec<Given>, bool) {
    let mut classes: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for (i, o) in options.iter().enumerate() {
        if o.exclusive {
            out.push(Given::Choices(vec![i]));
            continue;
        }
        let alike = |j: &usize| {
            options.get(*j).is_some_and(|other| other.sets == o.sets)
                && here.iter().all(|a| match a {
                    Cond::Chosen { options: set, .. } => set.contains(&i) == set.contains(j),
                    _ => true,
                })
        };
        if !classes.iter().any(alike) {
            classes.push(i);
        }
    }
    let exact = classes.len() <= MAX_CHOICE_CLASSES;
    classes.truncate(MAX_CHOICE_CLASSES);
    for mask in 1u32..(1 << classes.len()) {
        let chosen =
            classes.iter().enumerate().filter(|(b, _)| mask & (1 << b) != 0).map(|(_, i)| *i).collect();
        out.push(Given::Choices(chosen));
    }
    (out, exact)
}

/// Where a checklist stands after some of its items: what the answers to the items that
/// matter on their own did (which item tests held, whether its flags were set), the score
/// and each count (capped just past the largest threshold tested).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Tally {
    fixed: Vec<u32>,
    score: i64,
    counts: Vec<i64>,
}

/// What an item's answer does on its own: bit 0, whether it sets the item's flags; then one
/// bit per test of this item, whether the test holds.
fn signature(i: usize, item: &ChecklistItem, reply: Reply, here: &[&Cond]) -> u32 {
    let mut bits = u32::from(reply == Reply::Yes && !item.sets.is_empty());
    let tests = here.iter().filter_map(|a| match a {
        Cond::Item { item, replies, .. } if *item == i => Some(replies.contains(reply)),
        _ => None,
    });
    for (k, holds) in tests.take(31).enumerate() {
        bits |= u32::from(holds) << (k + 1);
    }
    bits
}

/// Every reachable class of checklist answers, one filled-in checklist each.
fn checklist_candidates(items: &[ChecklistItem], here: &[&Cond]) -> (Vec<Given>, bool) {
    // Items whose own answer matters: tested directly, or setting a flag.
    let fixed: Vec<usize> = (0..items.len())
        .filter(|i| {
            items.get(*i).is_some_and(|it| !it.sets.is_empty())
                || here.iter().any(|a| matches!(a, Cond::Item { item, .. } if item == i))
        })
        .collect();
    let bound = |range: &Range| range.at_least.max(range.at_most.map(|v| v.saturating_add(1))).unwrap_or(0);
    let score_cap = here
        .iter()
        .filter_map(|a| if let Cond::Score { range, .. } = a { Some(bound(range)) } else { None })
        .max()
        .unwrap_or(0);
    let mut counters: Vec<(ReplySet, bool, i64)> = Vec::new();
    for a in here {
        if let Cond::Count { replies, significant_only, range, .. } = a {
            match counters.iter_mut().find(|(r, s, _)| r == replies && s == significant_only) {
                Some((_, _, cap)) => *cap = (*cap).max(bound(range)),
                None => counters.push((*replies, *significant_only, bound(range))),
            }
        }
    }
    let start = Tally { fixed: Vec::new(), score: 0, counts: vec![0; counters.len()] };
    let mut states: BTreeMap<Tally, Vec<Reply>> = BTreeMap::from([(start, Vec::new())]);
    for (i, item) in items.iter().enumerate() {
        let mut next: BTreeMap<Tally, Vec<Reply>> = BTreeMap::new();
        for (tally, answers) in &states {
            for reply in Reply::ALL {
                let mut t = tally.clone();
                if fixed.contains(&i) {
                    t.fixed.push(signature(i, item, reply, here));
                }
                if reply == Reply::Yes {
                    t.score = (t.score + item.weight).min(score_cap);
                }
                for ((set, significant_only, cap), count) in counters.iter().zip(t.counts.iter_mut()) {
                    if set.contains(reply) && (item.significant || !significant_only) {
                        *count = (*count + 1).min(*cap);
                    }
                }
                next.entry(t).or_insert_with(|| {
                    let mut a = answers.clone();
                    a.push(reply);
                    a
                });
            }
        }
        if next.len() > MAX_CHECKLIST_STATES {
            let some = next.into_values().next().map(Given::Checklist);
            return (some.into_iter().collect(), false);
        }
        states = next;
    }
    let mut out: Vec<Vec<Reply>> = states.into_values().collect();
    // A stable order, so examples and snapshots do not change from run to run.
    out.sort();
    (out.into_iter().map(Given::Checklist).collect(), true)
}
