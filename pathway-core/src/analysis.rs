//! Analysis of a whole pathway: how many routes through its steps, and which distinct
//! outcomes its answers can reach, each with an example walk.
//!
//! Outcomes are listed in independent parts rather than as one cross product, which for a
//! real pathway runs to tens of thousands of rows that nobody could review. Routes that test
//! any of the same things are grouped; a group's table lists every distinct set of its routes
//! that can apply together. The risk level and the criteria met have a table of their own.
//!
//! Each table is found by walking every step with a set of representative answers: every
//! yes/no answer and option whose effect differs, every combination of multiple-choice
//! options that differ, numbers on each side of every threshold tested, and checklists filled
//! to each side of every score and count threshold, with each answer to any item tested on its
//! own. Two partial walks that stand at the same step with the same truth for every test that
//! steers the walk or that the table depends on have the same futures, so each such state is
//! explored once.

use crate::cond::Cond;
use crate::ids::*;
use crate::model::*;
use crate::session::next_target;
use crate::sheet::{Answer, Given, Sheet};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

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

/// Each distinct value of a table's key, with the first walk found that gives it.
type Found<K> = BTreeMap<K, Vec<(StepId, Answer)>>;

struct Frame<'p> {
    sheet: Sheet<'p>,
    path: Vec<StepIx>,
    at: Target,
}

/// One exploration: which tests matter, and what to record at the end of each walk.
struct Search<'a, K> {
    atoms: Vec<Cond>,
    key: &'a dyn Fn(&Sheet<'_>) -> K,
}

impl Pathway {
    /// The number of distinct routes through the steps, from the start to the end.
    pub fn path_count(&self) -> (u128, bool) {
        (self.shape.path_count, self.shape.path_count_saturated)
    }

    /// Explores the pathway's outcomes, visiting at most `limit` partial walks per table.
    pub fn analyse(&self, limit: usize) -> Analysis {
        let steering: Vec<Cond> =
            leaves(self.conditions().iter().filter(|p| p.at_step.is_some()).map(|p| p.cond));
        let mut explored = 0;
        let mut truncated = false;

        let mut risk = Vec::new();
        if let Some(model) = &self.risk {
            let mut atoms = steering.clone();
            merge(&mut atoms, leaves(model.conditions()));
            let key = |sheet: &Sheet<'_>| {
                let decision = self.decision_of(sheet);
                decision.level.map(|level| {
                    let position = model.levels.iter().position(|l| l.id == level.id).unwrap_or(usize::MAX);
                    let ids = std::iter::once(level.id.to_string())
                        .chain(decision.criteria.iter().map(|c| c.id.to_string()));
                    (position, ids.collect::<Vec<_>>())
                })
            };
            let (rows, n, cut) = self.explore(&Search { atoms, key: &key }, limit);
            explored += n;
            truncated |= cut;
            risk = rows
                .into_iter()
                .filter_map(|(k, example)| {
                    k.map(|(_, applies)| OutcomeRow { applies, referrals: Vec::new(), example })
                })
                .collect();
        }

        let mut groups = Vec::new();
        for members in self.route_groups() {
            let mut atoms = steering.clone();
            merge(&mut atoms, leaves(members.iter().filter_map(|r| self.routes.get(*r)).map(|r| &r.when)));
            if members.iter().filter_map(|r| self.routes.get(*r)).any(|r| uses_risk(&r.when))
                && let Some(model) = &self.risk
            {
                merge(&mut atoms, leaves(model.conditions()));
            }
            let key = |sheet: &Sheet<'_>| {
                let eval = crate::outcome::Evaluation::new(sheet);
                members
                    .iter()
                    .filter(|r| self.routes.get(**r).is_some_and(|r| r.when.holds(&eval)))
                    .copied()
                    .collect::<Vec<usize>>()
            };
            let (rows, n, cut) = self.explore(&Search { atoms, key: &key }, limit);
            explored += n;
            truncated |= cut;
            let rows = rows
                .into_iter()
                .map(|(fired, example)| {
                    let mut referrals: Vec<usize> = fired
                        .iter()
                        .filter_map(|r| self.routes.get(*r))
                        .flat_map(|r| r.refer.iter().copied())
                        .collect();
                    referrals.sort_unstable();
                    referrals.dedup();
                    OutcomeRow {
                        applies: fired
                            .iter()
                            .filter_map(|r| self.routes.get(*r))
                            .map(|r| r.id.to_string())
                            .collect(),
                        referrals: referrals
                            .into_iter()
                            .filter_map(|d| self.destinations.get(d))
                            .map(|d| d.id.clone())
                            .collect(),
                        example,
                    }
                })
                .collect();
            groups.push(RouteGroup {
                routes: members.iter().filter_map(|r| self.routes.get(*r)).map(|r| r.id.clone()).collect(),
                rows,
            });
        }
        Analysis {
            path_count: self.shape.path_count,
            path_count_saturated: self.shape.path_count_saturated,
            risk,
            groups,
            explored,
            truncated,
        }
    }

    /// Routes joined when they test any of the same things; all routes that depend on the
    /// risk level or a criterion are joined too.
    fn route_groups(&self) -> Vec<Vec<usize>> {
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
            self.routes.iter().map(|r| (leaves(std::iter::once(&r.when)), uses_risk(&r.when))).collect();
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
        let mut out: Vec<Vec<usize>> = groups.into_values().collect();
        out.sort();
        out
    }

    fn explore<K: Ord + Clone>(&self, search: &Search<'_, K>, limit: usize) -> (Found<K>, usize, bool) {
        let candidates: Vec<Vec<Given>> =
            (0..self.steps.len()).map(|i| self.candidates(StepIx(i), &search.atoms)).collect();
        let mut seen: HashSet<(Target, Vec<u64>)> = HashSet::new();
        let mut found: Found<K> = BTreeMap::new();
        let mut stack =
            vec![Frame { sheet: Sheet::new(self), path: Vec::new(), at: Target::Step(self.start) }];
        let mut explored = 0;
        while let Some(frame) = stack.pop() {
            if !seen.insert((frame.at, valuation(&search.atoms, &frame.sheet))) {
                continue;
            }
            explored += 1;
            if explored > limit {
                return (found, explored, true);
            }
            let Target::Step(step) = frame.at else {
                found.entry((search.key)(&frame.sheet)).or_insert_with(|| {
                    frame
                        .path
                        .iter()
                        .filter_map(|s| {
                            Some((self.step_at(*s).id.clone(), self.to_answer(*s, frame.sheet.given(*s)?)))
                        })
                        .collect()
                });
                continue;
            };
            // Pushed in reverse so the first candidate is explored first.
            for given in candidates.get(step.0).into_iter().flatten().rev() {
                let mut sheet = frame.sheet.clone();
                sheet.record(step, given.clone());
                let at = next_target(self, step, &sheet);
                let mut path = frame.path.clone();
                path.push(step);
                stack.push(Frame { sheet, path, at });
            }
        }
        (found, explored, false)
    }

    /// Representative answers for one step: one for each distinct effect.
    fn candidates(&self, step: StepIx, atoms: &[Cond]) -> Vec<Given> {
        let here: Vec<&Cond> = atoms.iter().filter(|a| reads(a, step)).collect();
        let s = self.step_at(step);
        let raw: Vec<Given> = match &s.kind {
            StepKind::YesNo { allowed, .. } => allowed.iter().map(|r| Given::Reply(*r)).collect(),
            StepKind::SingleChoice { options } => (0..options.len()).map(Given::Choice).collect(),
            StepKind::MultipleChoice { options } => {
                // Options with the same flags and the same tests behave alike: keep one of each.
                let mut classes: Vec<usize> = Vec::new();
                let mut exclusive = Vec::new();
                for (i, o) in options.iter().enumerate() {
                    if o.exclusive {
                        exclusive.push(Given::Choices(vec![i]));
                        continue;
                    }
                    let alike = |j: &usize| {
                        options.get(*j).is_some_and(|p| p.sets == o.sets)
                            && here.iter().all(|a| match a {
                                Cond::Chosen { options: set, .. } => set.contains(&i) == set.contains(j),
                                _ => true,
                            })
                    };
                    if !classes.iter().any(alike) {
                        classes.push(i);
                    }
                }
                let classes: Vec<usize> = classes.into_iter().take(16).collect();
                let mut out = exclusive;
                for mask in 1u32..(1 << classes.len()) {
                    let chosen: Vec<usize> = classes
                        .iter()
                        .enumerate()
                        .filter(|(b, _)| mask & (1 << b) != 0)
                        .map(|(_, i)| *i)
                        .collect();
                    out.push(Given::Choices(chosen));
                }
                out
            }
            StepKind::Checklist { items } => checklist_candidates(items, &here),
            StepKind::Number { min, max, .. } => {
                let mut values = vec![*min, *max];
                for a in &here {
                    if let Cond::Number { range, .. } = a {
                        for b in [range.at_least, range.at_most.map(|v| v + 1)].into_iter().flatten() {
                            values.extend([b - 1, b]);
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
        // of every test that reads this step.
        let mut effects = Vec::new();
        let mut out = Vec::new();
        for given in raw {
            let mut sheet = Sheet::new(self);
            sheet.record(step, given.clone());
            let effect = (
                (0..self.flags.len()).map(|f| sheet.flag(FlagIx(f))).collect::<Vec<_>>(),
                here.iter().map(|a| crate::outcome::holds(a, &sheet)).collect::<Vec<_>>(),
                self.specific_next(step, &given),
            );
            if !effects.contains(&effect) {
                effects.push(effect);
                out.push(given);
            }
        }
        out
    }

    /// Which answer-specific `next` an answer takes, if any, as a position to compare.
    fn specific_next(&self, step: StepIx, given: &Given) -> Option<usize> {
        match (&self.step_at(step).kind, given) {
            (StepKind::YesNo { rules, .. }, Given::Reply(r)) => {
                rules.iter().position(|rule| rule.reply == *r && rule.next.is_some())
            }
            (StepKind::SingleChoice { options }, Given::Choice(i)) => {
                options.get(*i).and_then(|o| o.next.as_ref()).map(|_| *i)
            }
            _ => None,
        }
    }
}

/// The tests of answers, flags, scores, counts and numbers in some conditions, once each.
fn leaves<'c>(conditions: impl Iterator<Item = &'c Cond>) -> Vec<Cond> {
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

fn merge(atoms: &mut Vec<Cond>, more: Vec<Cond>) {
    for a in more {
        if !atoms.contains(&a) {
            atoms.push(a);
        }
    }
}

fn uses_risk(cond: &Cond) -> bool {
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
        if crate::outcome::holds(a, sheet)
            && let Some(word) = out.get_mut(i / 64)
        {
            *word |= 1 << (i % 64);
        }
    }
    out
}

/// Checklists filled to each side of every threshold tested, with each answer to any item
/// tested on its own.
fn checklist_candidates(items: &[ChecklistItem], here: &[&Cond]) -> Vec<Given> {
    let n = items.len();
    let max_score: i64 = items.iter().map(|i| i.weight).sum();
    let mut fixed_items: Vec<usize> = Vec::new();
    let mut targets: Vec<i64> = vec![0, max_score];
    let mut counts: Vec<i64> = vec![0];
    for a in here {
        match a {
            Cond::Item { item, .. } if !fixed_items.contains(item) => fixed_items.push(*item),
            Cond::Score { range, .. } => {
                for b in [range.at_least, range.at_most.map(|v| v + 1)].into_iter().flatten() {
                    targets.extend([b - 1, b]);
                }
            }
            Cond::Count { range, .. } => {
                for b in [range.at_least, range.at_most.map(|v| v + 1)].into_iter().flatten() {
                    counts.extend([b - 1, b]);
                }
            }
            _ => {}
        }
    }
    targets.retain(|t| (0..=max_score).contains(t));
    targets.sort_unstable();
    targets.dedup();
    counts.retain(|c| (0..=i64::try_from(n).unwrap_or(0)).contains(c));
    counts.sort_unstable();
    counts.dedup();
    fixed_items.truncate(6);

    let mut out = Vec::new();
    let fixed_choices = 4usize.pow(u32::try_from(fixed_items.len()).unwrap_or(0));
    for combo in 0..fixed_choices {
        let mut base: Vec<Option<Reply>> = vec![None; n];
        let mut c = combo;
        for item in &fixed_items {
            if let (Some(slot), Some(reply)) = (base.get_mut(*item), Reply::ALL.get(c % 4)) {
                *slot = Some(*reply);
            }
            c /= 4;
        }
        for &target in &targets {
            for &unanswered in &counts {
                for significant_first in [false, true] {
                    for missing in [Reply::NotKnown, Reply::Declined] {
                        let mut answers = base.clone();
                        let mut order: Vec<usize> =
                            (0..n).filter(|i| answers.get(*i).is_some_and(Option::is_none)).collect();
                        order.sort_by_key(|i| {
                            items.get(*i).is_some_and(|it| it.significant) != significant_first
                        });
                        let mut score: i64 = items
                            .iter()
                            .zip(&answers)
                            .filter(|(_, r)| **r == Some(Reply::Yes))
                            .map(|(i, _)| i.weight)
                            .sum();
                        let mut rest = Vec::new();
                        for i in order {
                            let weight = items.get(i).map(|it| it.weight).unwrap_or(1);
                            if score + weight <= target {
                                score += weight;
                                if let Some(slot) = answers.get_mut(i) {
                                    *slot = Some(Reply::Yes);
                                }
                            } else {
                                rest.push(i);
                            }
                        }
                        for (k, i) in rest.into_iter().enumerate() {
                            let reply = if i64::try_from(k).unwrap_or(i64::MAX) < unanswered {
                                missing
                            } else {
                                Reply::No
                            };
                            if let Some(slot) = answers.get_mut(i) {
                                *slot = Some(reply);
                            }
                        }
                        out.push(Given::Checklist(
                            answers.into_iter().map(|r| r.unwrap_or(Reply::No)).collect(),
                        ));
                    }
                }
            }
        }
    }
    out
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

fn short(answer: &Answer) -> String {
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
