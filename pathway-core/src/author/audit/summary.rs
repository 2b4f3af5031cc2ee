//! What an audit counts: cases by risk level, criterion and destination; the cases it could
//! not walk, or that stop before the end; and, where the export records what was done, the
//! cases where that differs from what the pathway says, by kind. Counts, and the first few
//! ids of each kind, so its size does not grow with the rows: the ids of every case that
//! differs go to the caller's stream as they are found.

use super::auditor::{CaseOutcome, RowProblem};
use crate::ids::*;
use crate::model::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

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
    /// Cases walked to the end whose export records the referrals actually made: those compared.
    pub with_actual: u64,
    /// Where what was done differs from what the pathway says, by kind.
    pub differences: BTreeMap<String, Group>,
    /// Two versions compared: cases whose outcome differs, by how it differs.
    pub changes: BTreeMap<String, Group>,
    /// Two versions compared: cases with no change.
    pub unchanged: u64,
    /// Levels, criteria and destinations counted by position, row by row; named by `finish`.
    #[serde(skip)]
    tallies: [Vec<u64>; 3],
    /// Differences counted as they are found, row by row; written out as `differences` by
    /// `finish` (so that a row's differences are not each put into words to be counted).
    #[serde(skip)]
    found: HashMap<Difference, Group>,
}

impl Summary {
    /// Counts one case walked.
    pub fn walked(&mut self, id: &str, outcome: &CaseOutcome<'_>) {
        self.rows += 1;
        match outcome.stopped_at {
            None => self.complete += 1,
            Some(step) => self.incomplete.entry(step.to_string()).or_default().add(id),
        }
        let p = &outcome.positions;
        let [levels, criteria, destinations] = &mut self.tallies;
        count(levels, p.level.iter().map(|l| l.0));
        count(criteria, p.criteria.iter().map(|c| c.0));
        count(destinations, p.referred.iter().map(|(d, _)| d.0));
    }

    /// Names the levels, criteria and destinations counted, by `pathway`'s ids: once every
    /// worker's counts are merged.
    pub fn finish(&mut self, pathway: &Pathway) {
        let [levels, criteria, destinations] = std::mem::take(&mut self.tallies);
        let risk = pathway.risk.as_ref();
        let named =
            |counts: Vec<u64>, name: &dyn Fn(usize) -> Option<String>, into: &mut BTreeMap<String, u64>| {
                for (i, n) in counts.into_iter().enumerate().filter(|(_, n)| *n > 0) {
                    *into.entry(name(i).unwrap_or_default()).or_default() += n;
                }
            };
        named(levels, &|i| Some(risk?.level_at(LevelIx(i))?.id.to_string()), &mut self.by_level);
        named(
            criteria,
            &|i| Some(risk?.criterion_at(CriterionIx(i))?.id.to_string()),
            &mut self.by_criterion,
        );
        named(destinations, &|i| Some(pathway.destinations.get(i)?.id.to_string()), &mut self.by_destination);
        for (d, group) in std::mem::take(&mut self.found) {
            self.differences.entry(d.named(pathway).to_string()).or_default().merge(group);
        }
    }

    /// Counts a row that could not be walked: `row` is its number, counting the first case as 1.
    pub fn unreadable(&mut self, row: u64, problem: &RowProblem) {
        self.rows += 1;
        self.unreadable.entry(problem.kind()).or_default().add(&format!("row {row}"));
    }

    /// Counts what was done against what the pathway says, for one case.
    pub fn compared(&mut self, id: &str, found: &[Difference]) {
        self.with_actual += 1;
        for d in found {
            self.found.entry(*d).or_default().add(id);
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
        for (into, from) in self.tallies.iter_mut().zip(other.tallies) {
            if into.len() < from.len() {
                into.resize(from.len(), 0);
            }
            into.iter_mut().zip(from).for_each(|(a, b)| *a += b);
        }
        self.rows += other.rows;
        self.complete += other.complete;
        self.with_actual += other.with_actual;
        self.unchanged += other.unchanged;
        for (d, g) in other.found {
            self.found.entry(d).or_default().merge(g);
        }
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

/// One more for each position.
fn count(tally: &mut Vec<u64>, positions: impl Iterator<Item = usize>) {
    for i in positions {
        if tally.len() <= i {
            tally.resize(i + 1, 0);
        }
        if let Some(n) = tally.get_mut(i) {
            *n += 1;
        }
    }
}

/// Where what was done differs from what the pathway says, by position in the pathway: it is
/// found and counted for every case, so it is cheap to copy, compare and hash, and named
/// (`named`) only where it is written out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Difference {
    destination: DestIx,
    /// The route whose referral was not made; none for a referral the pathway does not make.
    route: Option<RouteIx>,
}

/// A [`Difference`] by the pathway's ids, as it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NamedDifference<'p> {
    /// The pathway refers the case to `destination` (by `route`); no referral was recorded.
    NotMade { destination: &'p DestinationId, route: &'p RouteId },
    /// A referral was recorded that the pathway does not make.
    NotInPathway { destination: &'p DestinationId },
}

impl Difference {
    pub fn named(self, pathway: &Pathway) -> NamedDifference<'_> {
        let destination = &pathway.destination_at(self.destination).id;
        match self.route {
            Some(route) => NamedDifference::NotMade { destination, route: &pathway.route_at(route).id },
            None => NamedDifference::NotInPathway { destination },
        }
    }
}

impl std::fmt::Display for NamedDifference<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NamedDifference::NotMade { destination, route } => {
                write!(
                    f,
                    "the pathway refers to `{destination}` (route `{route}`); no such referral was made"
                )
            }
            NamedDifference::NotInPathway { destination } => {
                write!(f, "a referral was made to `{destination}`, which the pathway does not make")
            }
        }
    }
}

/// What was done (`actual`, as destinations) against what the pathway says (`referred`, each
/// destination with the first route that refers to it), into `out`.
pub(crate) fn differences(referred: &[(DestIx, RouteIx)], actual: &[DestIx], out: &mut Vec<Difference>) {
    out.clear();
    out.extend(
        referred
            .iter()
            .filter(|(d, _)| !actual.contains(d))
            .map(|(d, r)| Difference { destination: *d, route: Some(*r) }),
    );
    out.extend(
        actual
            .iter()
            .filter(|d| !referred.iter().any(|(r, _)| r == *d))
            .map(|d| Difference { destination: *d, route: None }),
    );
}
