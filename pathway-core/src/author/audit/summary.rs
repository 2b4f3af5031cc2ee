//! What an audit counts: cases by risk level, criterion and destination; the cases it could
//! not walk, or that stop before the end; and, where the export records what was done, the
//! cases where that differs from what the pathway says, by kind. Counts, and the first few
//! ids of each kind, so its size does not grow with the rows: the ids of every case that
//! differs go to the caller's stream as they are found.

use super::auditor::{CaseOutcome, RowProblem};
use crate::ids::*;
use crate::model::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// The ids kept with each count, for the summary and the report to show.
pub const EXAMPLES: usize = 20;

/// A count, with the first few ids counted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Group {
    pub cases: u64,
    pub ids: Vec<String>,
}

impl Group {
    pub fn add(&mut self, id: &str) {
        self.cases += 1;
        if self.ids.len() < EXAMPLES {
            self.ids.push(id.to_owned());
        }
    }

    fn merge(&mut self, other: Group) {
        self.cases += other.cases;
        let room = EXAMPLES.saturating_sub(self.ids.len());
        self.ids.extend(other.ids.into_iter().take(room));
    }
}

/// Everything counted over an export. Built by several workers at once and merged in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Rows read, walked or not.
    pub rows: u64,
    pub complete: u64,
    /// Cases whose answers stop before the end, by the step they stop at.
    pub incomplete: BTreeMap<String, Group>,
    /// Rows that could not be walked, by column and reason (row numbers as ids).
    pub unreadable: BTreeMap<String, Group>,
    pub by_level: BTreeMap<String, u64>,
    pub by_criterion: BTreeMap<String, u64>,
    pub by_destination: BTreeMap<String, u64>,
    /// Cases whose export records the referrals actually made.
    pub with_actual: u64,
    /// Where what was done differs from what the pathway says, by kind.
    pub differences: BTreeMap<String, Group>,
    /// Two versions compared: cases whose outcome differs, by how it differs.
    pub changes: BTreeMap<String, Group>,
    /// Two versions compared: cases with no change.
    pub unchanged: u64,
}

impl Summary {
    /// Counts one case walked.
    pub fn walked(&mut self, id: &str, outcome: &CaseOutcome) {
        self.rows += 1;
        match &outcome.stopped_at {
            None => self.complete += 1,
            Some(step) => self.incomplete.entry(step.to_string()).or_default().add(id),
        }
        if let Some(level) = &outcome.risk_level {
            *self.by_level.entry(level.to_string()).or_default() += 1;
        }
        for c in &outcome.criteria {
            *self.by_criterion.entry(c.to_string()).or_default() += 1;
        }
        for r in &outcome.referrals {
            *self.by_destination.entry(r.destination.to_string()).or_default() += 1;
        }
    }

    /// Counts a row that could not be walked: `row` is its number, counting the first case as 1.
    pub fn unreadable(&mut self, row: u64, problem: &RowProblem) {
        self.rows += 1;
        let kind = match problem {
            RowProblem::Field(p) => format!("column `{}`: {}", p.column, general(&p.reason)),
            RowProblem::Width { expected, .. } => format!("not {expected} fields, as the header has"),
        };
        self.unreadable.entry(kind).or_default().add(&format!("row {row}"));
    }

    /// Counts what was done against what the pathway says, for one case.
    pub fn compared(&mut self, id: &str, found: &[Difference]) {
        self.with_actual += 1;
        for d in found {
            self.differences.entry(d.to_string()).or_default().add(id);
        }
    }

    /// Counts how one case's outcome changes between two versions.
    pub fn changed(&mut self, id: &str, changes: &[String]) {
        if changes.is_empty() {
            self.unchanged += 1;
        }
        for c in changes {
            self.changes.entry(c.clone()).or_default().add(id);
        }
    }

    /// Adds another worker's counts, of the rows after this one's.
    pub fn merge(&mut self, other: Summary) {
        self.rows += other.rows;
        self.complete += other.complete;
        self.with_actual += other.with_actual;
        self.unchanged += other.unchanged;
        for (into, from) in [
            (&mut self.incomplete, other.incomplete),
            (&mut self.unreadable, other.unreadable),
            (&mut self.differences, other.differences),
            (&mut self.changes, other.changes),
        ] {
            for (k, g) in from {
                into.entry(k).or_default().merge(g);
            }
        }
        for (into, from) in [
            (&mut self.by_level, other.by_level),
            (&mut self.by_criterion, other.by_criterion),
            (&mut self.by_destination, other.by_destination),
        ] {
            for (k, n) in from {
                *into.entry(k).or_default() += n;
            }
        }
    }
}

/// A reason with the value quoted in it taken out, so rows with different bad values count
/// as one kind ("`Yse` is not an answer…" and "`Yess` is not…" alike).
fn general(reason: &str) -> String {
    match (reason.find('`'), reason.find("` ")) {
        (Some(0), Some(end)) => format!("a value{}", reason.get(end + 1..).unwrap_or_default()),
        _ => reason.to_owned(),
    }
}

/// Where what was done differs from what the pathway says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Difference {
    /// The pathway refers the case to `destination` (by `route`); no referral was recorded.
    NotMade { destination: DestinationId, route: RouteId },
    /// A referral was recorded that the pathway does not make.
    NotInPathway { destination: DestinationId },
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Difference::NotMade { destination, route } => {
                write!(
                    f,
                    "the pathway refers to `{destination}` (route `{route}`); no such referral was made"
                )
            }
            Difference::NotInPathway { destination } => {
                write!(f, "a referral was made to `{destination}`, which the pathway does not make")
            }
        }
    }
}

/// What was done (`actual`, as destinations) against what the pathway says.
pub(crate) fn differences(pathway: &Pathway, outcome: &CaseOutcome, actual: &[DestIx]) -> Vec<Difference> {
    let made = |id: &DestinationId| actual.iter().any(|d| pathway.destination_at(*d).id == *id);
    let mut out: Vec<Difference> = outcome
        .referrals
        .iter()
        .filter(|r| !made(&r.destination))
        .map(|r| Difference::NotMade { destination: r.destination.clone(), route: r.route.clone() })
        .collect();
    for d in actual {
        let id = &pathway.destination_at(*d).id;
        if !outcome.referrals.iter().any(|r| r.destination == *id) {
            out.push(Difference::NotInPathway { destination: id.clone() });
        }
    }
    out
}
