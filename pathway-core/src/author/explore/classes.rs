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
        StepKind::SingleChoice { options } => {
            (0..options.len()).map(|i| Given::Choice(OptionIx(i))).collect()
        }
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
pub(super) fn specific_next(p: &Pathway, step: StepIx, given: &Given) -> Option<usize> {
    match (&p.step_at(step).kind, given) {
        (StepKind::YesNo { rules, .. }, Given::Reply(r)) => {
            rules.iter().position(|rule| rule.reply == *r && rule.next.is_some())
        }
        (StepKind::SingleChoice { options }, Given::Choice(i)) => {
            options.get(i.0).and_then(|o| o.next.as_ref()).map(|_| i.0)
        }
        _ => None,
    }
}

/// Options with the same flags and the same membership in every test behave alike, and two
/// alike options chosen together behave as one: so every non-empty set of classes, and each
/// exclusive option alone.
fn choice_candidates(options: &[ChoiceOption], here: &[&Cond]) -> (Vec<Given>, bool) {
    let mut classes: Vec<OptionIx> = Vec::new();
    let mut out = Vec::new();
    for (i, o) in options.iter().enumerate() {
        let i = OptionIx(i);
        if o.exclusive {
            out.push(Given::Choices(vec![i]));
            continue;
        }
        let alike = |j: &OptionIx| {
            options.get(j.0).is_some_and(|other| other.sets == o.sets)
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

/// Where a checklist stands after some of its items, for one pathway: what the answers to the
/// items that matter on their own did (which item tests held, whether its flags were set), the
/// score and each count (capped just past the largest threshold tested).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Tally {
    fixed: Vec<u32>,
    score: i64,
    counts: Vec<i64>,
}

/// What an item's answer does on its own: bit 0, whether it sets the item's flags; then one
/// bit per test of this item, whether the test holds.
fn signature(i: ItemIx, item: &ChecklistItem, reply: Reply, here: &[&Cond]) -> u32 {
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

/// One pathway's checklist, as a checklist's classes are found for: its items, and the tests of
/// it that tell answers apart. Two versions of a pathway compared each have one, over the
/// items both know (`item` maps a position in that list to this version's item, if it has it).
pub(crate) struct ChecklistView<'a> {
    pub(crate) items: &'a [ChecklistItem],
    pub(crate) here: Vec<&'a Cond>,
    pub(crate) item: Vec<Option<ItemIx>>,
}

/// How one view tallies: the items whose own answer matters, the score's cap, and each count's
/// replies, whether only significant items count, and its cap.
struct Rules {
    fixed: Vec<ItemIx>,
    score_cap: i64,
    counters: Vec<(ReplySet, bool, i64)>,
}

impl Rules {
    fn of(view: &ChecklistView<'_>) -> Rules {
        let here = &view.here;
        let fixed: Vec<ItemIx> = (0..view.items.len())
            .map(ItemIx)
            .filter(|i| {
                view.items.get(i.0).is_some_and(|it| !it.sets.is_empty())
                    || here.iter().any(|a| matches!(a, Cond::Item { item, .. } if item == i))
            })
            .collect();
        let bound =
            |range: &Range| range.at_least.max(range.at_most.map(|v| v.saturating_add(1))).unwrap_or(0);
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
        Rules { fixed, score_cap, counters }
    }

    /// The tally after this view's item `i` is answered `reply`.
    fn add(&self, view: &ChecklistView<'_>, t: &mut Tally, i: ItemIx, reply: Reply) {
        let Some(item) = view.items.get(i.0) else { return };
        if self.fixed.contains(&i) {
            t.fixed.push(signature(i, item, reply, &view.here));
        }
        if reply == Reply::Yes {
            t.score = (t.score + item.weight).min(self.score_cap);
        }
        for ((set, significant_only, cap), count) in self.counters.iter().zip(t.counts.iter_mut()) {
            if set.contains(reply) && (item.significant || !significant_only) {
                *count = (*count + 1).min(*cap);
            }
        }
    }
}

/// Every reachable class of checklist answers, one filled-in checklist each.
fn checklist_candidates(items: &[ChecklistItem], here: &[&Cond]) -> (Vec<Given>, bool) {
    let view = ChecklistView {
        items,
        here: here.to_vec(),
        item: (0..items.len()).map(|i| Some(ItemIx(i))).collect(),
    };
    match checklist_classes(&[view]) {
        Some(classes) => (classes.into_iter().map(Given::Checklist).collect(), true),
        None => (vec![Given::Checklist(vec![Reply::No; items.len()])], false),
    }
}

/// Every reachable class of answers to a checklist, seen by each view at once (two answers are
/// in one class when every view tallies them alike), as the answers to the views' shared list
/// of items; found by a dynamic programme over the items. `None` past the limit of states.
pub(crate) fn checklist_classes(views: &[ChecklistView<'_>]) -> Option<Vec<Vec<Reply>>> {
    let rules: Vec<Rules> = views.iter().map(Rules::of).collect();
    let items = views.iter().map(|v| v.item.len()).max().unwrap_or(0);
    let start: Vec<Tally> = rules
        .iter()
        .map(|r| Tally { fixed: Vec::new(), score: 0, counts: vec![0; r.counters.len()] })
        .collect();
    let mut states: BTreeMap<Vec<Tally>, Vec<Reply>> = BTreeMap::from([(start, Vec::new())]);
    for i in 0..items {
        let mut next: BTreeMap<Vec<Tally>, Vec<Reply>> = BTreeMap::new();
        for (tallies, answers) in &states {
            for reply in Reply::ALL {
                let mut t = tallies.clone();
                for ((view, rule), tally) in views.iter().zip(&rules).zip(t.iter_mut()) {
                    if let Some(Some(own)) = view.item.get(i) {
                        rule.add(view, tally, *own, reply);
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
            return None;
        }
        states = next;
    }
    let mut out: Vec<Vec<Reply>> = states.into_values().collect();
    // A stable order, so examples and snapshots do not change from run to run.
    out.sort();
    Some(out)
}
