//! Walking a past case, fast enough for a million rows: the pathway as a state machine learnt
//! as the rows go.
//!
//! A state is the explorer's (`author/explore`): the step a walk is at and the truth of every
//! atom the pathway's branches, routes, criteria and levels read. Two walks in the same state
//! have the same future and, at the end, the same outcome (referrals in order, risk level,
//! criteria, warnings), so each state's moves are learnt once, from the first row that makes
//! them, and each ending's outcome is worked out once, by `outcome_of` (what `pathway run`
//! prints), from the first row that reaches it. A move is keyed by the answer itself where a
//! step has few answers (yes/no, one option), and otherwise by what the answer does: the
//! truth of the atoms that read the step and the flags it sets. So a row costs one lookup a
//! step, and memory grows with the states met, never with the rows.

use super::columns::{ColumnProblem, Layout};
use super::summary::{Difference, differences};
use crate::author::explore::{Explorer, MixHasher, Valuation};
use crate::cond::Cond;
use crate::ids::*;
use crate::model::*;
use crate::walk::outcome::{Outcome, holds_atom};
use crate::walk::sheet::{Given, Sheet};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// Past this many states the learnt machine is forgotten and learnt again: a bound on memory
/// whatever the rows (Durham's cases meet a few thousand).
const MAX_STATES: usize = 1 << 20;

/// A state of the machine, by position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct StateIx(u32);

/// An outcome learnt, by position: the same for every case that ends (or stops) alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OutcomeIx(pub u32);

struct State {
    valuation: Valuation,
    at: Target,
    /// The moves learnt: the answer's key, and the state it leads to.
    moves: Vec<(u128, StateIx)>,
    ending: Option<OutcomeIx>,
}

/// What a case ends with, as `pathway run` would print it, less the reasons in words.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CaseOutcome {
    pub complete: bool,
    /// Where the walk stopped, when the row gives no answer to a step it reaches.
    pub stopped_at: Option<StepId>,
    pub risk_level: Option<LevelId>,
    pub criteria: Vec<CriterionId>,
    /// In order of urgency, as the practitioner sees them.
    pub referrals: Vec<Referred>,
    pub interrupts: Vec<DestinationId>,
    pub warnings: Vec<RouteId>,
    pub advice: Vec<RouteId>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Referred {
    pub destination: DestinationId,
    pub urgency: Urgency,
    /// The first route that refers to it: why, as the pathway names it.
    pub route: RouteId,
}

/// One case walked: its ending, and what differs from case to case within an ending.
#[derive(Clone, Debug)]
pub struct Walked<'a> {
    pub ending: OutcomeIx,
    pub outcome: &'a CaseOutcome,
    /// The risk checklist's score, where it was answered.
    pub score: Option<i64>,
    /// Where the export records the referrals made: how they differ from the pathway's.
    pub differences: Option<Vec<Difference>>,
}

/// Why a row could not be walked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    Field(ColumnProblem),
    /// The row has more or fewer fields than the header.
    Width {
        found: usize,
        expected: usize,
    },
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RowProblem::Field(p) => write!(f, "column `{}`: {}", p.column, p.reason),
            RowProblem::Width { found, expected } => {
                write!(f, "has {found} field(s); the header has {expected}")
            }
        }
    }
}

type Fast<K, V> = HashMap<K, V, BuildHasherDefault<MixHasher>>;

/// Walks rows of one export over one pathway.
pub struct Auditor<'p> {
    pathway: &'p Pathway,
    layout: Layout,
    explorer: Explorer<'p>,
    index: Fast<(Valuation, Target), StateIx>,
    states: Vec<State>,
    endings: Vec<CaseOutcome>,
    /// The atoms that read each step, and the flags it can set: what an answer's key is made of.
    reading: Vec<(Vec<Cond>, Vec<FlagIx>)>,
    /// One sheet, used for each answer's key and given back straight after.
    scratch: Sheet<'p>,
    /// This row's answers, by step, as they were read.
    row: Vec<Option<Given>>,
    path: Vec<StepIx>,
    actual: Vec<DestIx>,
}

impl<'p> Auditor<'p> {
    pub fn new(pathway: &'p Pathway, layout: Layout) -> Self {
        let conditions: Vec<&Cond> = pathway.routes.iter().map(|r| &r.when).collect();
        let explorer = Explorer::with_risk(pathway, conditions.into_iter());
        let reading = (0..pathway.steps.len())
            .map(|i| {
                let step = StepIx(i);
                let atoms = explorer.atoms_reading(step).into_iter().cloned().collect();
                (atoms, pathway.step_at(step).flags_set())
            })
            .collect();
        let mut auditor = Auditor {
            pathway,
            layout,
            explorer,
            index: Fast::default(),
            states: Vec::new(),
            endings: Vec::new(),
            reading,
            scratch: Sheet::new(pathway),
            row: vec![None; pathway.steps.len()],
            path: Vec::new(),
            actual: Vec::new(),
        };
        auditor.start();
        auditor
    }

    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    pub fn pathway(&self) -> &'p Pathway {
        self.pathway
    }

    /// Every outcome learnt so far, by `OutcomeIx`.
    pub fn ending(&self, ix: OutcomeIx) -> Option<&CaseOutcome> {
        self.endings.get(ix.0 as usize)
    }

    fn start(&mut self) {
        self.index.clear();
        self.states.clear();
        let (valuation, at) = self.explorer.start();
        self.intern(valuation, at);
    }

    fn intern(&mut self, valuation: Valuation, at: Target) -> StateIx {
        if let Some(s) = self.index.get(&(valuation.clone(), at)) {
            return *s;
        }
        let ix = StateIx(u32::try_from(self.states.len()).unwrap_or(u32::MAX));
        self.index.insert((valuation.clone(), at), ix);
        self.states.push(State { valuation, at, moves: Vec::new(), ending: None });
        ix
    }

    /// Walks one row: its fields, in the header's order.
    pub fn walk(&mut self, fields: &[&[u8]]) -> Result<Walked<'_>, RowProblem> {
        if fields.len() != self.layout.width() {
            return Err(RowProblem::Width { found: fields.len(), expected: self.layout.width() });
        }
        if self.states.len() > MAX_STATES {
            self.start();
        }
        let recorded = self.layout.actual(fields, &mut self.actual).map_err(RowProblem::Field)?;
        self.row.iter_mut().for_each(|g| *g = None);
        self.path.clear();
        let mut state = StateIx(0);
        let stopped = loop {
            let Some(Target::Step(step)) = self.states.get(state.0 as usize).map(|s| s.at) else {
                break None;
            };
            // A walk never asks a step twice (`load` refuses cycles); this bounds it regardless.
            if self.path.len() > self.pathway.steps.len() {
                break Some(step);
            }
            let Some(given) = self.layout.given(self.pathway, step, fields).map_err(RowProblem::Field)?
            else {
                break Some(step);
            };
            let (key, given) = self.key(step, given);
            let current = self.states.get(state.0 as usize);
            let known = key.and_then(|k| current?.moves.iter().find(|(m, _)| *m == k).map(|(_, s)| *s));
            let next = match (known, current) {
                (Some(next), _) => next,
                (None, None) => break Some(step),
                (None, Some(current)) => {
                    let (valuation, at, _) = self.explorer.step(step, &given, &current.valuation);
                    let next = self.intern(valuation, at);
                    if let (Some(k), Some(s)) = (key, self.states.get_mut(state.0 as usize)) {
                        s.moves.push((k, next));
                    }
                    next
                }
            };
            if let Some(slot) = self.row.get_mut(step.0) {
                *slot = Some(given);
            }
            self.path.push(step);
            state = next;
        };
        let ending = match self.states.get(state.0 as usize).and_then(|s| s.ending) {
            Some(e) => e,
            None => self.learn_outcome(state, stopped),
        };
        let score = self.score();
        let outcome =
            self.endings.get(ending.0 as usize).ok_or(RowProblem::Width { found: 0, expected: 0 })?;
        let differences = recorded.then(|| differences(self.pathway, outcome, &self.actual));
        Ok(Walked { ending, outcome, score, differences })
    }

    /// The key of an answer's move: the answer itself where a step has few, else what it does.
    /// `None` where what it does is too much to key (then the move is worked out every time).
    fn key(&mut self, step: StepIx, given: Given) -> (Option<u128>, Given) {
        match given {
            Given::Reply(r) => (Some(r as u128), given),
            Given::Choice(o) => (Some(o.0 as u128), given),
            Given::Seen => (Some(0), given),
            _ => {
                let Some((atoms, flags)) = self.reading.get(step.0) else { return (None, given) };
                if atoms.len() + flags.len() > 127 {
                    return (None, given);
                }
                self.scratch.record(step, given);
                let mut key: u128 = 1;
                for a in atoms {
                    key = key << 1 | u128::from(holds_atom(a, &self.scratch));
                }
                for f in flags {
                    key = key << 1 | u128::from(self.scratch.flag(*f));
                }
                match self.scratch.forget(step) {
                    Some(given) => (Some(key), given),
                    None => (None, Given::Seen),
                }
            }
        }
    }

    /// Works out, once, the outcome of every case that ends in `state`, from this row.
    fn learn_outcome(&mut self, state: StateIx, stopped: Option<StepIx>) -> OutcomeIx {
        let mut sheet = Sheet::new(self.pathway);
        for step in &self.path {
            if let Some(Some(given)) = self.row.get(step.0) {
                sheet.record(*step, given.clone());
            }
        }
        let outcome = self.pathway.outcome_of(&sheet, &self.path, stopped);
        let ending = CaseOutcome::from(&outcome);
        let ix = match self.endings.iter().position(|e| *e == ending) {
            Some(i) => OutcomeIx(u32::try_from(i).unwrap_or(u32::MAX)),
            None => {
                self.endings.push(ending);
                OutcomeIx(u32::try_from(self.endings.len() - 1).unwrap_or(u32::MAX))
            }
        };
        if let Some(s) = self.states.get_mut(state.0 as usize) {
            s.ending = Some(ix);
        }
        ix
    }

    fn score(&self) -> Option<i64> {
        let risk = self.pathway.risk.as_ref()?;
        match (&self.pathway.step_at(risk.checklist).kind, self.row.get(risk.checklist.0)) {
            (StepKind::Checklist { items, .. }, Some(Some(Given::Checklist(replies)))) => {
                Some(crate::walk::sheet::score(items, replies))
            }
            _ => None,
        }
    }
}

impl From<&Outcome> for CaseOutcome {
    fn from(o: &Outcome) -> Self {
        CaseOutcome {
            complete: o.complete,
            stopped_at: o.next_step.clone(),
            risk_level: o.risk.as_ref().map(|r| r.level.clone()),
            criteria: o.risk.iter().flat_map(|r| r.criteria.iter().map(|c| c.id.clone())).collect(),
            referrals: o
                .referrals
                .iter()
                .map(|r| Referred {
                    destination: r.destination.clone(),
                    urgency: r.urgency,
                    route: r
                        .reasons
                        .first()
                        .map(|x| x.route.clone())
                        .unwrap_or_else(|| RouteId::new(String::new())),
                })
                .collect(),
            interrupts: o.interrupts.clone(),
            warnings: o.warnings.iter().map(|n| n.route.clone()).collect(),
            advice: o.advice.iter().map(|n| n.route.clone()).collect(),
        }
    }
}
