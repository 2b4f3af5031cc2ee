//! The comparison checked against brute force: two versions of a small pathway are walked
//! together on every combination of answers, each outcome judged by the ordinary walker, and
//! the ways walks end differently must be exactly those `diff` lists.

use super::{Part, parts};
use crate::author::answers::walk_as_far_as;
use crate::ids::*;
use crate::model::*;
use crate::walk::outcome::Outcome;
use crate::walk::session::Position;
use crate::walk::sheet::Answer;
use std::collections::BTreeSet;

const SMALL: &str = include_str!("../../../tests/fixtures/verify/small.yaml");

/// The small pathway with a threshold lowered, a referral added, an item reweighted, an option
/// added and a destination made more urgent.
fn changed() -> String {
    let edits = [
        (
            "when: { score: { step: checklist, at_least: 3 } } }",
            "when: { score: { step: checklist, at_least: 2 } } }",
        ),
        ("refer: [support], reason: A. }", "refer: [support, line], reason: A. }"),
        (r#"{ id: z, text: "Z?" }"#, r#"{ id: z, text: "Z?", weight: 2 }"#),
        (
            "      - { id: c, label: C }\n",
            "      - { id: c, label: C }\n      - { id: d, label: D, sets: [fb] }\n",
        ),
        (
            "{ id: line, name: Line, category: helpline, urgency: routine",
            "{ id: line, name: Line, category: helpline, urgency: same_working_day",
        ),
    ];
    let mut text = SMALL.to_owned();
    for (from, to) in edits {
        assert!(text.contains(from), "the fixture no longer has {from}");
        text = text.replacen(from, to, 1);
    }
    text
}

/// Every answer a step accepts, by id (numbers over their whole range).
fn every_answer(p: &Pathway, step: &StepId) -> Vec<Answer> {
    let Some(ix) = p.steps.iter().position(|s| s.id == *step).map(StepIx) else { return Vec::new() };
    crate::author::verify::tests::every_answer(p.step_at(ix)).iter().map(|g| p.to_answer(ix, g)).collect()
}

/// Every walk of both versions on the same answers: each question either asks is answered
/// every way either version offers, once, and both walks read the same answers.
fn joint_outcomes(before: &Pathway, after: &Pathway) -> Vec<[Outcome; 2]> {
    let mut out = Vec::new();
    let mut stack: Vec<Vec<(StepId, Answer)>> = vec![Vec::new()];
    while let Some(answers) = stack.pop() {
        let (Ok(b), Ok(a)) = (walk_as_far_as(before, &answers), walk_as_far_as(after, &answers)) else {
            continue; // an answer one version that asks the question does not offer
        };
        let asking = |p: &Pathway, s: &crate::walk::session::Session| match s.position(p) {
            Ok(Position::Asking(step)) => Some(step.id.clone()),
            _ => None,
        };
        match asking(before, &b).or_else(|| asking(after, &a)) {
            Some(step) => {
                let mut offered = every_answer(before, &step);
                for x in every_answer(after, &step) {
                    if !offered.contains(&x) {
                        offered.push(x);
                    }
                }
                for answer in offered {
                    let mut more = answers.clone();
                    more.push((step.clone(), answer));
                    stack.push(more);
                }
            }
            None => {
                if let (Ok(ob), Ok(oa)) = (b.outcome(before), a.outcome(after)) {
                    out.push([ob, oa]);
                }
            }
        }
    }
    out
}

#[test]
fn diff_lists_exactly_the_ways_walks_end_differently_found_by_brute_force() {
    let before = Pathway::from_yaml(SMALL).unwrap_or_else(|e| panic!("{e}"));
    let after = Pathway::from_yaml(&changed()).unwrap_or_else(|e| panic!("{e}"));
    let mut expected = BTreeSet::new();
    let outcomes = joint_outcomes(&before, &after);
    assert!(outcomes.len() > 10_000, "only {} joint walks", outcomes.len());
    for [b, a] in &outcomes {
        let referred = |o: &Outcome, d: &DestinationId| o.referrals.iter().any(|r| r.destination == *d);
        for part in parts(&before, &after) {
            let held = match &part {
                Part::Referral(d) => [referred(b, d), referred(a, d)],
                Part::Interrupt(d) => [b.interrupts.contains(d), a.interrupts.contains(d)],
                Part::Warning(r) => [b, a].map(|o| o.warnings.iter().any(|w| w.route == *r)),
                Part::Order(x, y) => [b, a].map(|o| referred(o, x) && referred(o, y)),
                Part::Risk => [false, false],
            };
            let levels = [b, a].map(|o| o.risk.as_ref().map(|r| &r.level));
            if let Some(change) = part.differs(held, levels) {
                expected.insert(change);
            }
        }
    }
    let diff = before.diff(&after, crate::author::verify::VERIFY_LIMIT);
    assert!(diff.exact);
    let listed: BTreeSet<String> = diff.behaviour.iter().map(|b| b.change.clone()).collect();
    assert_eq!(listed, expected);
    assert!(listed.len() >= 5, "{listed:#?}");
    // Each example, walked again by each version, ends as the change says.
    for change in &diff.behaviour {
        let e = &change.example;
        assert_ne!(e.before_ends, e.after_ends, "{}", change.change);
    }
}

/// A question that becomes another kind (yes/no to a single choice) accepts no answer of the
/// old kind, so no walk through it can be given to both versions: the comparison must not say
/// every class of walk was compared.
#[test]
fn a_question_of_another_kind_is_not_claimed_as_compared() {
    let before = Pathway::from_yaml(SMALL).unwrap_or_else(|e| panic!("{e}"));
    let from = "    kind: yes_no\n    title: Danger now?\n    allow: [yes, no, not_known]\n";
    let to = "    kind: single_choice\n    title: Danger now?\n    options:\n      - { id: \"yes\", label: Yes }\n      - { id: \"no\", label: No }\n      - { id: not_known, label: Not known }\n";
    assert!(SMALL.contains(from), "the fixture no longer has {from}");
    let text = SMALL.replacen(from, to, 1);
    let after = match Pathway::from_yaml(&text) {
        Ok(p) => p,
        Err(e) => panic!("{e}\n{text}"),
    };
    let diff = before.diff(&after, crate::author::verify::VERIFY_LIMIT);
    assert!(!diff.exact);
    assert!(diff.to_text().contains("NOT every class of walk could be compared"));
}
