//! What can still change from each point of a walk, so that a walk on which a condition can
//! no longer hold is not explored further.

use super::valuation::{Atoms, Valuation};
use crate::cond::Cond;
use crate::model::*;

/// What can still change from each step of a walk on: the steps that can still be answered,
/// the flags they can set, and whether the risk level can still change.
pub(super) struct Horizon {
    steps: Vec<Vec<bool>>,
    flags: Vec<Vec<bool>>,
    risk: Vec<bool>,
}

impl Horizon {
    pub(super) fn new(p: &Pathway) -> Self {
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
            for next in p.step_at(StepIx(i)).ways_on() {
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
        let sets: Vec<Vec<FlagIx>> = p.steps.iter().map(Step::flags_set).collect();
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
    pub(super) fn settled(&self, cond: &Cond, v: &Valuation, atoms: &Atoms<'_>, at: Target) -> Option<bool> {
        let Target::Step(here) = at else {
            return Some(atoms.truth(cond, v));
        };
        match cond {
            Cond::All(list) => {
                let mut all = Some(true);
                for c in list {
                    match self.settled(c, v, atoms, at) {
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
                    match self.settled(c, v, atoms, at) {
                        Some(true) => return Some(true),
                        None => any = None,
                        Some(false) => {}
                    }
                }
                any
            }
            Cond::Not(inner) => self.settled(inner, v, atoms, at).map(|b| !b),
            Cond::Criterion(_) | Cond::Risk(_) => {
                if self.risk.get(here.0).copied().unwrap_or(true) {
                    None
                } else {
                    Some(atoms.truth(cond, v))
                }
            }
            Cond::Flag(f) => {
                // A flag once set stays set; one not yet set may be set by a step still to come.
                let open = self.flags.get(here.0).and_then(|o| o.get(f.0)).copied().unwrap_or(true);
                match atoms.truth(cond, v) {
                    true => Some(true),
                    false if open => None,
                    false => Some(false),
                }
            }
            atom => {
                let mut open = false;
                atom.for_each_step(&mut |s| {
                    open |= self.steps.get(here.0).and_then(|r| r.get(s.0)).copied().unwrap_or(true)
                });
                if open { None } else { Some(atoms.truth(atom, v)) }
            }
        }
    }
}
