//! Analysis of a whole pathway: how many routes through its steps, and which distinct
//! outcomes its answers can reach, each with an example walk.
//!
//! Outcomes are listed in independent parts rather than as one cross product, which for a
//! real pathway runs to tens of thousands of rows that nobody could review. Routes that test
//! any of the same things are grouped; a group's table lists every distinct set of its routes
//! that can apply together. The risk level and the criteria met have a table of their own.
//!
//! Each table is exact: it comes from [`Explorer`](crate::author::explore), which visits every class of
//! walk, so every row that can happen is listed, and every row listed has a walk that gets
//! there (the example, shortest first).

use crate::author::explore::{Exploration, Explorer, Walk, leaves};
use crate::cond::Cond;
use crate::ids::*;
use crate::model::*;
use crate::walk::sheet::{Answer, Sheet};
use serde::Serialize;
use std::collections::BTreeMap;

/// One row of a table: what applies, and one walk that gets there.
#[derive(Clone, Debug, Serialize)]
pub struct OutcomeRow {
    /// For the risk table, the level and criteria met; for a route group, the routes that apply.
    pub applies: Vec<String>,
    /// The destinations these routes refer to (empty for the risk table).
    pub referrals: Vec<DestinationId>,
    pub example: Vec<(StepId, Answer)>,
}

/// A group of routes that test some of the same things, and the ways they can apply together.
#[derive(Clone, Debug, Serialize)]
pub struct RouteGroup {
    pub routes: Vec<RouteId>,
    pub rows: Vec<OutcomeRow>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Analysis {
    /// Distinct routes through the steps from the start to the end (counted, not listed).
    pub path_count: u128,
    pub path_count_saturated: bool,
    /// Risk levels and criteria met, where the pathway has a risk model.
    pub risk: Vec<OutcomeRow>,
    pub groups: Vec<RouteGroup>,
    /// Partial walks explored, over all tables.
    pub explored: usize,
    /// Whether a search stopped at its limit before exploring everything.
    pub truncated: bool,
    /// Whether every class of answers was explored (false only for a multiple-choice step
    /// with more distinct options than the explorer enumerates).
    pub exact: bool,
}

impl Analysis {
    /// The destinations that no walk refers to.
    pub fn unreached_destinations<'p>(&self, pathway: &'p Pathway) -> Vec<&'p DestinationId> {
        pathway
            .destinations
            .iter()
            .map(|d| &d.id)
            .filter(|d| !self.groups.iter().any(|g| g.rows.iter().any(|r| r.referrals.contains(d))))
            .collect()
    }
}

/// Each distinct value of a table's key, with the shortest walk found that gives it.
type Found<K> = BTreeMap<K, Vec<(StepId, Answer)>>;

impl Pathway {
    /// The number of distinct routes through the steps, from the start to the end.
    pub fn path_count(&self) -> (u128, bool) {
        (self.shape.path_count, self.shape.path_count_saturated)
    }

    /// Explores the pathway's outcomes, visiting at most `limit` partial walks per table.
    pub fn analyse(&self, limit: usize) -> Analysis {
        let mut total = Exploration { exact: true, ..Exploration::default() };
        let mut risk = Vec::new();
        if let Some(model) = &self.risk {
            let key = |walk: &Walk<'_, '_>| {
                walk.level().and_then(|position| {
                    let level = model.level_at(position)?;
                    let met = model.indexed_criteria().filter(|(c, _)| walk.holds(&Cond::Criterion(*c)));
                    let ids = std::iter::once(level.id.to_string()).chain(met.map(|(_, c)| c.id.to_string()));
                    Some((position, ids.collect::<Vec<_>>()))
                })
            };
            let explorer = Explorer::with_risk(self, std::iter::empty());
            let rows = self.table(&explorer, &key, limit, &mut total);
            risk = rows
                .into_iter()
                .filter_map(|(k, example)| {
                    k.map(|(_, applies)| OutcomeRow { applies, referrals: Vec::new(), example })
                })
                .collect();
        }

        let mut groups = Vec::new();
        for members in self.route_groups() {
            let routes: Vec<&Route> = members.iter().map(|r| self.route_at(*r)).collect();
            let explorer = Explorer::new(self, routes.iter().map(|r| &r.when));
            let key = |walk: &Walk<'_, '_>| {
                members
                    .iter()
                    .filter(|r| walk.holds(&self.route_at(**r).when))
                    .copied()
                    .collect::<Vec<RouteIx>>()
            };
            let rows = self
                .table(&explorer, &key, limit, &mut total)
                .into_iter()
                .map(|(fired, example)| {
                    let mut referrals: Vec<DestIx> =
                        fired.iter().flat_map(|r| self.route_at(*r).refer.iter().copied()).collect();
                    referrals.sort_unstable();
                    referrals.dedup();
                    OutcomeRow {
                        applies: fired.iter().map(|r| self.route_at(*r).id.to_string()).collect(),
                        referrals: referrals.into_iter().map(|d| self.destination_at(d).id.clone()).collect(),
                        example,
                    }
                })
                .collect();
            groups.push(RouteGroup { routes: routes.iter().map(|r| r.id.clone()).collect(), rows });
        }
        Analysis {
            path_count: self.shape.path_count,
            path_count_saturated: self.shape.path_count_saturated,
            risk,
            groups,
            explored: total.explored,
            truncated: total.truncated,
            exact: total.exact,
        }
    }

    /// Every distinct value of `key` over every walk, each with its shortest walk.
    fn table<K: Ord>(
        &self,
        explorer: &Explorer<'_>,
        key: &dyn Fn(&Walk<'_, '_>) -> K,
        limit: usize,
        total: &mut Exploration,
    ) -> Found<K> {
        let mut found: Found<K> = BTreeMap::new();
        let run = explorer.walks(limit, &mut |walk| {
            found.entry(key(&walk)).or_insert_with(|| {
                let (sheet, path) = walk.replay();
                self.example(&sheet, &path)
            });
        });
        total.explored += run.explored;
        total.truncated |= run.truncated;
        total.exact &= run.exact;
        found
    }

    /// A walk as the answers a case study or an answers file would give.
    pub(crate) fn example(&self, sheet: &Sheet<'_>, path: &[StepIx]) -> Vec<(StepId, Answer)> {
        path.iter()
            .filter_map(|s| Some((self.step_at(*s).id.clone(), self.to_answer(*s, sheet.given(*s)?))))
            .collect()
    }

    /// Routes joined when they test any of the same things; all routes that depend on the
    /// risk level or a criterion are joined too.
    fn route_groups(&self) -> Vec<Vec<RouteIx>> {
        let n = self.routes.len();
        let mut parent: Vec<usize> = (0..n).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while let Some(&p) = parent.get(i) {
                if p == i {
                    break;
                }
                i = p;
            }
            i
        }
        let inputs: Vec<(Vec<Cond>, bool)> =
            self.routes.iter().map(|r| (leaves(std::iter::once(&r.when)), r.when.reads_risk())).collect();
        for a in 0..n {
            for b in (a + 1)..n {
                let (Some((la, ra)), Some((lb, rb))) = (inputs.get(a), inputs.get(b)) else { continue };
                if (*ra && *rb) || la.iter().any(|x| lb.contains(x)) {
                    let (x, y) = (root(&mut parent, a), root(&mut parent, b));
                    if let Some(slot) = parent.get_mut(y) {
                        *slot = x;
                    }
                }
            }
        }
        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..n {
            groups.entry(root(&mut parent, i)).or_default().push(i);
        }
        let mut out: Vec<Vec<RouteIx>> =
            groups.into_values().map(|g| g.into_iter().map(RouteIx).collect()).collect();
        out.sort();
        out
    }
}

/// The outcome tables as text, for review and for snapshots.
pub fn outcome_table(pathway: &Pathway, analysis: &Analysis) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let meta = pathway.meta();
    let _ = writeln!(out, "Outcome tables: {} (version {})", meta.title, meta.version);
    let saturated = if analysis.path_count_saturated { " or more" } else { "" };
    let _ = writeln!(out, "Distinct routes through the steps: {}{saturated}", analysis.path_count);
    if analysis.truncated {
        let _ = writeln!(out, "WARNING: a search stopped at its limit; the tables are incomplete.");
    }
    let example = |row: &OutcomeRow| {
        row.example.iter().map(|(s, a)| format!("{s}={}", short(a))).collect::<Vec<_>>().join("; ")
    };
    if !analysis.risk.is_empty() {
        let _ = writeln!(out, "\n## Risk level and criteria met ({} outcomes)", analysis.risk.len());
        for row in &analysis.risk {
            let (level, criteria) =
                row.applies.split_first().map(|(l, c)| (l.as_str(), c)).unwrap_or(("", &[]));
            let criteria =
                if criteria.is_empty() { String::new() } else { format!(" — {}", criteria.join(", ")) };
            let _ = writeln!(out, "\n- {level}{criteria}\n  e.g. {}", example(row));
        }
    }
    for (i, group) in analysis.groups.iter().enumerate() {
        let routes: Vec<&str> = group.routes.iter().map(|r| r.as_str()).collect();
        let _ = writeln!(out, "\n## Group {}: {} ({} outcomes)", i + 1, routes.join(", "), group.rows.len());
        for row in &group.rows {
            let applies =
                if row.applies.is_empty() { "no route applies".to_owned() } else { row.applies.join(" + ") };
            let referrals: Vec<&str> = row.referrals.iter().map(|d| d.as_str()).collect();
            let referrals =
                if referrals.is_empty() { "no referral".to_owned() } else { referrals.join(", ") };
            let _ = writeln!(out, "\n- {applies} → {referrals}\n  e.g. {}", example(row));
        }
    }
    let unreached = analysis.unreached_destinations(pathway);
    if !unreached.is_empty() {
        let names: Vec<&str> = unreached.iter().map(|d| d.as_str()).collect();
        let _ = writeln!(out, "\nDestinations no walk reaches: {}", names.join(", "));
    }
    out
}

pub(crate) fn short(answer: &Answer) -> String {
    match answer {
        Answer::Reply(r) => r.id().into(),
        Answer::Choice(o) => o.to_string(),
        Answer::Choices(list) => {
            format!("[{}]", list.iter().map(|o| o.as_str()).collect::<Vec<_>>().join(","))
        }
        Answer::Checklist(map) => {
            let of =
                |r: Reply| map.iter().filter(|(_, x)| **x == r).map(|(i, _)| i.as_str()).collect::<Vec<_>>();
            let mut parts = Vec::new();
            for r in [Reply::Yes, Reply::NotKnown, Reply::Declined] {
                let items = of(r);
                if !items.is_empty() {
                    parts.push(format!("{}:{}", r.id(), items.join(",")));
                }
            }
            if parts.is_empty() { "{all no}".into() } else { format!("{{{}}}", parts.join(" ")) }
        }
        Answer::Number(n) => n.to_string(),
        Answer::Text(_) => "(text)".into(),
        Answer::Continue => "(read)".into(),
    }
}
