//! One answer for each class of answers to a step: two answers that give every atom the same
//! truth, set the same flags and lead to the same place have the same future.

use super::reads;
use crate::cond::{Cond, Range};
use crate::model::*;
use crate::walk::sheet::{Given, Sheet};
use std::collections::{BTreeMap, HashSet};

/// Past this many distinct options, the subsets of a multiple-choice step are not enumerated.
pub(crate) const MAX_CHOICE_CLASSES: usize = 16;
/// Past this many intermediate states, a checklist's classes are not enumerated.
const MAX_CHECKLIST_STATES: usize = 200_000;

/// One answer per class for one step, and whether every class is there.
pub(super) fn candidates(p: &Pathway, step: StepIx, atoms: &[Cond]) -> (Vec<Given>, bool) {
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
        StepKind::Checklist { items, .. } => {
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
            here.iter().map(|a| crate::walk::outcome::holds_atom(a, &sheet)).collect::<Vec<_>>(),
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
