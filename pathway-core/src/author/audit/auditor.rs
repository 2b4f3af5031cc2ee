//! Walking a past case, fast enough for a year of a county's records and more: each row is
//! walked by the walker `pathway run` uses (its answers checked and recorded on one sheet,
//! reused row after row, and `next_target` choosing each step), and its outcome read from
//! the one referral rule (`applied`: the routes that apply, the destinations in order) and
//! the risk model's evaluation, without the reasons in words that a practitioner reads and
//! an audit does not. The outcome borrows its ids from the pathway and reuses its lists, so a
//! row allocates little, and memory does not grow with the rows.

use super::columns::{ColumnProblem, Layout};
use super::route_table::RouteTable;
use super::summary::{Difference, differences};
use crate::ids::*;
use crate::model::*;
use crate::walk::outcome::{Applied, Evaluation, Outcome};
use crate::walk::session::next_target;
use crate::walk::sheet::Sheet;

/// What a case ends with, as `pathway run` would print it, less the reasons in words; its
/// ids borrowed from the pathway.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct CaseOutcome<'p> {
    pub complete: bool,
    /// Where the walk stopped, when the row gives no answer to a step it reaches.
    pub stopped_at: Option<&'p StepId>,
    pub risk_level: Option<&'p LevelId>,
    /// The risk checklist's score, where a risk level is given.
    pub score: Option<i64>,
    pub criteria: Vec<&'p CriterionId>,
    /// In order of urgency, as the practitioner sees them.
    pub referrals: Vec<Referred<'p>>,
    pub interrupts: Vec<&'p DestinationId>,
    pub warnings: Vec<&'p RouteId>,
    pub advice: Vec<&'p RouteId>,
    /// The same by position, for counting without comparing names.
    #[serde(skip)]
    pub(crate) positions: Positions,
}

/// An outcome's level, criteria and destinations, by position.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Positions {
    pub(crate) level: Option<LevelIx>,
    pub(crate) criteria: Vec<CriterionIx>,
    /// Each destination referred to, with the first route that refers to it.
    pub(crate) referred: Vec<(DestIx, RouteIx)>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Referred<'p> {
    pub destination: &'p DestinationId,
    pub urgency: Urgency,
    /// The first route that refers to it: why, as the pathway names it.
    pub route: &'p RouteId,
}

/// One case walked: its outcome, and, where the export records the referrals made and the walk
/// reached its end, how they differ from the pathway's.
#[derive(Clone, Debug)]
pub struct Walked<'a, 'p> {
    pub outcome: &'a CaseOutcome<'p>,
    pub differences: Option<&'a [Difference]>,
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

impl RowProblem {
    /// What kind of problem it is, without the value that caused it: rows with different bad
    /// values in one column count as one kind.
    pub fn kind(&self) -> String {
        match self {
            RowProblem::Field(p) => {
                let reason = match (p.reason.find('`'), p.reason.find("` ")) {
                    (Some(0), Some(end)) => format!("a value{}", p.reason.get(end + 1..).unwrap_or_default()),
                    _ => p.reason.clone(),
                };
                format!("column `{}`: {reason}", p.column)
            }
            RowProblem::Width { expected, .. } => format!("not {expected} fields, as the header has"),
        }
    }
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

/// Walks rows of one export over one pathway.
pub struct Auditor<'p> {
    pathway: &'p Pathway,
    layout: Layout,
    /// This row's outcome: its lists kept from row to row.
    outcome: CaseOutcome<'p>,
    /// This row's answers, recorded as the walk reaches each step.
    sheet: Sheet<'p>,
    path: Vec<StepIx>,
    actual: Vec<DestIx>,
    applied: Applied,
    /// Room for the evaluation's criteria, kept from row to row.
    criteria: Vec<bool>,
    differences: Vec<Difference>,
    routes: RouteTable,
}

impl<'p> Auditor<'p> {
    pub fn new(pathway: &'p Pathway, layout: Layout) -> Self {
        Auditor {
            pathway,
            layout,
            outcome: CaseOutcome::default(),
            sheet: Sheet::new(pathway),
            path: Vec::new(),
            actual: Vec::new(),
            applied: Applied::default(),
            criteria: Vec::new(),
            differences: Vec::new(),
            routes: RouteTable::new(pathway),
        }
    }

    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    pub fn pathway(&self) -> &'p Pathway {
        self.pathway
    }

    /// Walks one row: its fields, in the header's order.
    pub fn walk(&mut self, fields: &[&[u8]]) -> Result<Walked<'_, 'p>, RowProblem> {
        if fields.len() != self.layout.width() {
            return Err(RowProblem::Width { found: fields.len(), expected: self.layout.width() });
        }
        let recorded = self.layout.actual(fields, &mut self.actual).map_err(RowProblem::Field)?;
        self.sheet.clear(&self.path);
        self.path.clear();
        let mut at = Target::Step(self.pathway.start);
        let stopped = loop {
            let Target::Step(step) = at else { break None };
            // A walk never asks a step twice (`load` refuses cycles); this bounds it regardless.
            if self.path.len() > self.pathway.steps.len() {
                break Some(step);
            }
            match self.layout.record(self.pathway, step, fields, &mut self.sheet) {
                Ok(true) => self.path.push(step),
                Ok(false) => break Some(step),
                Err(problem) => return Err(RowProblem::Field(*problem)),
            }
            at = next_target(self.pathway, step, &self.sheet);
        };
        self.decide(stopped);
        // A case that stops before the end has not met every referral the pathway would make,
        // so it is not compared with what was done.
        let compared = recorded && self.outcome.complete;
        if compared {
            differences(&self.outcome.positions.referred, &self.actual, &mut self.differences);
        }
        Ok(Walked { outcome: &self.outcome, differences: compared.then_some(self.differences.as_slice()) })
    }

    /// Reads this row's outcome from the sheet: the same rule, evaluation and order as
    /// `outcome_of`, without the reasons.
    fn decide(&mut self, stopped: Option<StepIx>) {
        let p = self.pathway;
        let eval = Evaluation::in_room(&self.sheet, std::mem::take(&mut self.criteria));
        self.routes.apply(p, &eval, &mut self.applied);
        let applied = &self.applied;
        let (criteria, level) = eval.findings();
        let o = &mut self.outcome;
        o.complete = stopped.is_none();
        o.stopped_at = stopped.map(|s| &p.step_at(s).id);
        let risk = p.risk.as_ref();
        o.risk_level = risk.zip(level).and_then(|(r, l)| r.level_at(l)).map(|l| &l.id);
        // As `risk_outcome`: a score and criteria only where a level is given.
        o.score = o.risk_level.and(risk.and_then(|r| self.sheet.score(r.checklist)));
        o.positions.level = level.filter(|_| o.risk_level.is_some());
        o.criteria.clear();
        o.positions.criteria.clear();
        if o.risk_level.is_some() {
            let met = risk.into_iter().flat_map(|r| r.indexed_criteria());
            for (i, c) in met.filter(|(i, _)| criteria.get(i.0) == Some(&true)) {
                o.criteria.push(&c.id);
                o.positions.criteria.push(i);
            }
        }
        o.positions.referred.clear();
        o.referrals.clear();
        o.interrupts.clear();
        for (d, route) in applied.referrals.iter().zip(self.routes.firsts()) {
            let (d, route) = (*d, *route);
            let destination = p.destination_at(d);
            o.positions.referred.push((d, route));
            let route = p.route_at(route);
            o.referrals.push(Referred {
                destination: &destination.id,
                urgency: destination.urgency,
                route: &route.id,
            });
            if destination.interrupt {
                o.interrupts.push(&destination.id);
            }
        }
        o.warnings.clear();
        o.advice.clear();
        for route in applied.routes.iter().map(|r| p.route_at(*r)) {
            if route.warning.is_some() {
                o.warnings.push(&route.id);
            }
            if route.advice.is_some() {
                o.advice.push(&route.id);
            }
        }
        self.criteria = eval.into_room();
    }
}

impl<'o> From<&'o Outcome> for CaseOutcome<'o> {
    /// `pathway run`'s outcome as the audit records it: for the tests that hold the two alike.
    fn from(o: &'o Outcome) -> Self {
        CaseOutcome {
            complete: o.complete,
            stopped_at: o.next_step.as_ref(),
            risk_level: o.risk.as_ref().map(|r| &r.level),
            score: o.risk.as_ref().map(|r| r.score),
            criteria: o.risk.iter().flat_map(|r| r.criteria.iter().map(|c| &c.id)).collect(),
            referrals: o
                .referrals
                .iter()
                .filter_map(|r| {
                    let route = &r.reasons.first()?.route;
                    Some(Referred { destination: &r.destination, urgency: r.urgency, route })
                })
                .collect(),
            interrupts: o.interrupts.iter().collect(),
            warnings: o.warnings.iter().map(|n| &n.route).collect(),
            advice: o.advice.iter().map(|n| &n.route).collect(),
            positions: Positions::default(),
        }
    }
}
