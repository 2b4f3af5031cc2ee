//! Atoms, and a walk's state as the truth of each: the explorer reasons over these bits, not
//! over answer sheets, so a state costs a few words and branches, criteria, risk levels and
//! routes are evaluated from them directly.

use super::MixHasher;
use crate::cond::{Cond, Range};
use crate::model::*;
use crate::walk::sheet::Sheet;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

type Fast<K, V> = HashMap<K, V, BuildHasherDefault<MixHasher>>;

/// The truth of every atom, one bit each.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Valuation(Vec<u64>);

impl Valuation {
    fn get(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    fn set(&mut self, i: usize, value: bool) {
        if let Some(word) = self.0.get_mut(i / 64) {
            let bit = 1u64 << (i % 64);
            if value { *word |= bit } else { *word &= !bit }
        }
    }
}

/// What one answer does to a valuation: the bits it sets and those it clears.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Effect {
    set: Vec<usize>,
    clear: Vec<usize>,
}

impl Effect {
    pub(super) fn apply(&self, v: &Valuation) -> Valuation {
        let mut out = v.clone();
        self.set.iter().for_each(|i| out.set(*i, true));
        self.clear.iter().for_each(|i| out.set(*i, false));
        out
    }
}

/// The atoms an exploration tells walks apart by, and how to evaluate conditions over them.
pub(super) struct Atoms<'p> {
    pathway: &'p Pathway,
    list: Vec<Cond>,
    index: HashMap<Cond, usize>,
    /// The same, by the address of a leaf in the pathway: conditions are evaluated many
    /// times over, and an address is far cheaper to hash than a condition.
    by_address: RefCell<Fast<usize, usize>>,
    /// The atom that says the risk checklist has been answered, where the risk model is read.
    answered: Option<usize>,
    /// Set if a condition read an atom that is not in the list: then nothing is proven.
    missed: Cell<bool>,
}

impl<'p> Atoms<'p> {
    pub(super) fn new(pathway: &'p Pathway, list: Vec<Cond>, reads_risk: bool) -> Self {
        let mut list = list;
        let answered = match (&pathway.risk, reads_risk) {
            (Some(model), true) => {
                let atom = answered(model.checklist);
                if !list.contains(&atom) {
                    list.push(atom.clone());
                }
                list.iter().position(|a| *a == atom)
            }
            _ => None,
        };
        let index = list.iter().cloned().enumerate().map(|(i, a)| (a, i)).collect();
        Atoms { pathway, list, index, by_address: RefCell::default(), answered, missed: Cell::new(false) }
    }

    pub(super) fn list(&self) -> &[Cond] {
        &self.list
    }

    /// Whether every condition evaluated so far found its atoms.
    pub(super) fn complete(&self) -> bool {
        !self.missed.get()
    }

    /// The valuation of an answer sheet.
    pub(super) fn valuation(&self, sheet: &Sheet<'_>) -> Valuation {
        let mut v = Valuation(vec![0; self.list.len().div_ceil(64)]);
        for (i, a) in self.list.iter().enumerate() {
            v.set(i, crate::walk::outcome::holds_atom(a, sheet));
        }
        v
    }

    /// What answering `step` with `given` does: the atoms that read the step take the truth
    /// the answer gives them (they read nothing else), and the flags it sets become true.
    pub(super) fn effect(&self, step: StepIx, sheet_with_answer: &Sheet<'_>) -> Effect {
        let mut effect = Effect { set: Vec::new(), clear: Vec::new() };
        for (i, a) in self.list.iter().enumerate() {
            let affected = match a {
                Cond::Flag(f) => sheet_with_answer.flag(*f),
                atom => super::reads(atom, step),
            };
            if affected {
                match crate::walk::outcome::holds_atom(a, sheet_with_answer) {
                    true => effect.set.push(i),
                    false => effect.clear.push(i),
                }
            }
        }
        effect
    }

    /// Whether `cond` holds on a walk whose atoms have the truth `v`.
    pub(super) fn truth(&self, cond: &Cond, v: &Valuation) -> bool {
        match cond {
            Cond::All(list) => list.iter().all(|c| self.truth(c, v)),
            Cond::Any(list) => list.iter().any(|c| self.truth(c, v)),
            Cond::Not(inner) => !self.truth(inner, v),
            Cond::Criterion(c) => {
                let risk = self.pathway.risk.as_ref();
                risk.and_then(|r| r.criterion_at(*c)).is_some_and(|c| self.truth(&c.when, v))
            }
            Cond::Risk(level) => self.level(v) == Some(*level),
            atom => match self.position(atom) {
                Some(i) => v.get(i),
                None => {
                    self.missed.set(true);
                    false
                }
            },
        }
    }

    /// Forgets the addresses of leaves seen so far. Called before each exploration, so a
    /// condition made for one exploration and freed can never be mistaken for another made
    /// later at the same address.
    pub(super) fn forget_addresses(&self) {
        self.by_address.borrow_mut().clear();
    }

    fn position(&self, atom: &Cond) -> Option<usize> {
        let address = std::ptr::from_ref(atom) as usize;
        if let Some(i) = self.by_address.borrow().get(&address) {
            return Some(*i);
        }
        let i = *self.index.get(atom)?;
        self.by_address.borrow_mut().insert(address, i);
        Some(i)
    }

    /// The risk level, as `Evaluation` works it out: none until the checklist is answered.
    pub(super) fn level(&self, v: &Valuation) -> Option<LevelIx> {
        let model = self.pathway.risk.as_ref()?;
        match self.answered {
            Some(i) if v.get(i) => model
                .levels
                .iter()
                .position(|l| l.when.as_ref().is_none_or(|w| self.truth(w, v)))
                .map(LevelIx),
            Some(_) => None,
            None => {
                self.missed.set(true);
                None
            }
        }
    }
}

/// True once the checklist `step` has been answered at all.
pub(crate) fn answered(step: StepIx) -> Cond {
    let every = Reply::ALL.iter().fold(0, |bits, r| bits | r.bit());
    Cond::Count {
        step,
        replies: ReplySet(every),
        significant_only: false,
        range: Range { at_least: Some(0), at_most: None },
    }
}
