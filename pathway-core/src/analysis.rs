//! Analysis of a whole pathway: how many routes through its steps, and which distinct
//! outcomes its answers can reach, each with an example walk.
//!
//! The outcomes are found by walking every step with a set of representative answers: every
//! yes/no answer and option whose effect differs, every combination of multiple-choice
//! options that differ, numbers on each side of every threshold the pathway tests, and
//! checklists filled to each side of every score and count threshold with each answer to
//! any item tested on its own. Two partial walks that stand at the same step with the same
//! truth for every test the pathway makes have the same futures, so each such state is
//! explored once: that keeps the search exact over these answers and small.

use crate::cond::Cond;
use crate::ids::*;
use crate::model::*;
use crate::session::next_target;
use crate::sheet::{Answer, Given, Sheet};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// The part of an outcome that the outcome table tells apart.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct OutcomeKey {
    /// The position of the risk level in the pathway (lower is higher risk), and its id.
    pub risk: Option<(usize, LevelId)>,
    pub criteria: Vec<CriterionId>,
    pub referrals: Vec<DestinationId>,
}

#[derive(Clone, Debug, Serialize)]
pub struct OutcomeRow {
    pub key: OutcomeKey,
    /// One walk that reaches it.
    pub example: Vec<(StepId, Answer)>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Analysis {
    /// Distinct routes through the steps from the start to the end (counted, not listed).
    pub path_count: u128,
    pub path_count_saturated: bool,
    /// Every distinct outcome found, in order of risk and then referrals.
    pub outcomes: Vec<OutcomeRow>,
    /// Partial walks explored.
    pub explored: usize,
    /// Whether the search stopped at its limit before exploring everything.
    pub truncated: bool,
}

struct Frame<'p> {
    sheet: Sheet<'p>,
    path: Vec<StepIx>,
    at: Target,
}

impl Pathway {
    /// The number of distinct routes through the steps, from the start to the end.
    pub fn path_count(&self) -> (u128, bool) {
        (self.shape.path_count, self.shape.path_count_saturated)
    }

    /// Explores the pathway's outcomes, visiting at most `limit` partial walks.
    pub fn analyse(&self, limit: usize) -> Analysis {
        let atoms = self.atoms();
        let candidates: Vec<Vec<Given>> = (0..self.steps.len())
            .map(|i| self.candidates(StepIx(i), &atoms))
            .collect();
        let mut seen: HashSet<(Target, Vec<u64>)> = HashSet::new();
        let mut outcomes: BTreeMap<OutcomeKey, Vec<(StepId, Answer)>> = BTreeMap::new();
        let mut stack = vec![Frame {
            sheet: Sheet::new(self),
            path: Vec::new(),
            at: Target::Step(self.start),
        }];
        let mut explored = 0;
        let mut truncated = false;
        while let Some(frame) = stack.pop() {
            if !seen.insert((frame.at, valuation(&atoms, &frame.sheet))) {
                continue;
            }
            explored += 1;
            if explored > limit {
                truncated = true;
                break;
            }
            let step = match frame.at {
                Target::End => {
                    let outcome = self.outcome_of(&frame.sheet, &frame.path, None);
                    let key = OutcomeKey {
                        risk: outcome.risk.as_ref().and_then(|r| {
                            let levels = &self.risk.as_ref()?.levels;
                            Some((
                                levels.iter().position(|l| l.id == r.level)?,
                                r.level.clone(),
                            ))
                        }),
                        criteria: outcome
                            .risk
                            .iter()
                            .flat_map(|r| r.criteria.iter().map(|c| c.id.clone()))
                            .collect(),
                        referrals: outcome
                            .referrals
                            .iter()
                            .map(|r| r.destination.clone())
                            .collect(),
                    };
                    outcomes.entry(key).or_insert_with(|| {
                        frame
                            .path
                            .iter()
                            .filter_map(|s| {
                                let given = frame.sheet.given(*s)?;
                                Some((self.step_at(*s).id.clone(), self.to_answer(*s, given)))
                            })
                            .collect()
                    });
                    continue;
                }
                Target::Step(s) => s,
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
        Analysis {
            path_count: self.shape.path_count,
            path_count_saturated: self.shape.path_count_saturated,
            outcomes: outcomes
                .into_iter()
                .map(|(key, example)| OutcomeRow { key, example })
                .collect(),
            explored,
            truncated,
        }
    }

    /// Every test of an answer, flag, score, count or number made anywhere in the pathway.
    fn atoms(&self) -> Vec<Cond> {
        let mut atoms: Vec<Cond> = Vec::new();
        for placed in self.conditions() {
            placed.cond.for_each_leaf(&mut |leaf| {
                if !matches!(leaf, Cond::Criterion(_) | Cond::Risk(_)) && !atoms.contains(leaf) {
                    atoms.push(leaf.clone());
                }
            });
        }
        atoms
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
                                Cond::Chosen { options: set, .. } => {
                                    set.contains(&i) == set.contains(j)
                                }
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
                        for b in [range.at_least, range.at_most.map(|v| v + 1)]
                            .into_iter()
                            .flatten()
                        {
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
                (0..self.flags.len())
                    .map(|f| sheet.flag(FlagIx(f)))
                    .collect::<Vec<_>>(),
                here.iter()
                    .map(|a| crate::outcome::holds(a, &sheet))
                    .collect::<Vec<_>>(),
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
            (StepKind::YesNo { rules, .. }, Given::Reply(r)) => rules
                .iter()
                .position(|rule| rule.reply == *r && rule.next.is_some()),
            (StepKind::SingleChoice { options }, Given::Choice(i)) => {
                options.get(*i).and_then(|o| o.next.as_ref()).map(|_| *i)
            }
            _ => None,
        }
    }
}

fn reads(atom: &Cond, step: StepIx) -> bool {
    let mut found = false;
    atom.for_each_step(&mut |s| found |= s == step);
    found
}

fn valuation(atoms: &[Cond], sheet: &Sheet<'_>) -> Vec<u64> {
    let mut out = vec![0u64; atoms.len().div_ceil(64)];
    for (i, a) in atoms.iter().enumerate() {
        if crate::outcome::holds(a, sheet) {
            if let Some(word) = out.get_mut(i / 64) {
                *word |= 1 << (i % 64);
            }
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
                for b in [range.at_least, range.at_most.map(|v| v + 1)]
                    .into_iter()
                    .flatten()
                {
                    targets.extend([b - 1, b]);
                }
            }
            Cond::Count { range, .. } => {
                for b in [range.at_least, range.at_most.map(|v| v + 1)]
                    .into_iter()
                    .flatten()
                {
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
                        let mut order: Vec<usize> = (0..n)
                            .filter(|i| answers.get(*i).is_some_and(Option::is_none))
                            .collect();
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
                            answers
                                .into_iter()
                                .map(|r| r.unwrap_or(Reply::No))
                                .collect(),
                        ));
                    }
                }
            }
        }
    }
    out
}

/// The outcome table as text, one outcome per entry, for review and for snapshots.
pub fn outcome_table(pathway: &Pathway, analysis: &Analysis) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let meta = pathway.meta();
    let _ = writeln!(
        out,
        "Outcome table: {} (version {})",
        meta.title, meta.version
    );
    let saturated = if analysis.path_count_saturated {
        " or more"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "Distinct routes through the steps: {}{saturated}",
        analysis.path_count
    );
    let _ = writeln!(out, "Distinct outcomes found: {}", analysis.outcomes.len());
    if analysis.truncated {
        let _ = writeln!(
            out,
            "WARNING: the search stopped at its limit; the table is incomplete."
        );
    }
    for (i, row) in analysis.outcomes.iter().enumerate() {
        let risk = match &row.key.risk {
            Some((_, level)) if row.key.criteria.is_empty() => format!("risk {level}"),
            Some((_, level)) => {
                let criteria: Vec<&str> = row.key.criteria.iter().map(|c| c.as_str()).collect();
                format!("risk {level} ({})", criteria.join(", "))
            }
            None => "risk not assessed".into(),
        };
        let referrals: Vec<&str> = row.key.referrals.iter().map(|d| d.as_str()).collect();
        let _ = writeln!(
            out,
            "\n{}. {risk} → {}",
            i + 1,
            if referrals.is_empty() {
                "no referral".into()
            } else {
                referrals.join(", ")
            }
        );
        let example: Vec<String> = row
            .example
            .iter()
            .map(|(s, a)| format!("{s}={}", short(a)))
            .collect();
        let _ = writeln!(out, "   e.g. {}", example.join("; "));
    }
    out
}

fn short(answer: &Answer) -> String {
    match answer {
        Answer::Reply(r) => r.id().into(),
        Answer::Choice(o) => o.to_string(),
        Answer::Choices(list) => format!(
            "[{}]",
            list.iter()
                .map(|o| o.as_str())
                .collect::<Vec<_>>()
                .join(",")
        ),
        Answer::Checklist(map) => {
            let of = |r: Reply| {
                map.iter()
                    .filter(|(_, x)| **x == r)
                    .map(|(i, _)| i.as_str())
                    .collect::<Vec<_>>()
            };
            let mut parts = Vec::new();
            for r in [Reply::Yes, Reply::NotKnown, Reply::Declined] {
                let items = of(r);
                if !items.is_empty() {
                    parts.push(format!("{}:{}", r.id(), items.join(",")));
                }
            }
            if parts.is_empty() {
                "{all no}".into()
            } else {
                format!("{{{}}}", parts.join(" "))
            }
        }
        Answer::Number(n) => n.to_string(),
        Answer::Text(_) => "(text)".into(),
        Answer::Continue => "(read)".into(),
    }
}
