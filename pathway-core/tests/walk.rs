//! The walker: answers are checked, back and change behave as a practitioner expects, and the
//! outcome is ordered, de-duplicated and explained.

use pathway_core::*;
use std::collections::BTreeMap;

fn features() -> Pathway {
    let source = std::fs::read_to_string("tests/fixtures/valid/features.yaml").unwrap_or_default();
    Pathway::from_yaml(&source).map_err(|e| format!("{:#?}", e.diagnostics)).unwrap_or_else(|e| panic!("{e}"))
}

fn checklist(a: Reply, b: Reply, c: Reply) -> Answer {
    let map: BTreeMap<ItemId, Reply> =
        [("a", a), ("b", b), ("c", c)].into_iter().map(|(k, v)| (ItemId::new(k), v)).collect();
    Answer::Checklist(map)
}

fn choice(id: &str) -> Answer {
    Answer::Choice(OptionId::new(id))
}

fn choices(ids: &[&str]) -> Answer {
    Answer::Choices(ids.iter().map(|i| OptionId::new(*i)).collect())
}

fn current(session: &Session, p: &Pathway) -> String {
    match session.position(p) {
        Ok(Position::Asking(step)) => step.id.to_string(),
        Ok(Position::Finished) => "end".into(),
        Err(e) => format!("error: {e}"),
    }
}

/// danger=no, age=adult, care=yes, kinds=[physical], checklist all yes, count=4, reason=text.
fn high_risk_walk(p: &Pathway) -> Session {
    let mut s = Session::new(p);
    for answer in [
        Answer::Reply(Reply::No),
        choice("adult"),
        Answer::Reply(Reply::Yes),
        choices(&["physical"]),
        checklist(Reply::Yes, Reply::Yes, Reply::Yes),
        Answer::Number(4),
        Answer::Text("Threats last night".into()),
    ] {
        if let Err(e) = s.answer(p, answer) {
            panic!("at {}: {e}", current(&s, p));
        }
    }
    s
}

#[test]
fn answers_of_the_wrong_shape_are_refused_with_a_reason() {
    let p = features();
    let mut s = Session::new(&p);
    assert!(matches!(s.answer(&p, Answer::Number(3)), Err(WalkError::WrongKind { .. })));
    assert_eq!(s.answer(&p, Answer::Reply(Reply::No)), Ok(vec![]));
    assert!(matches!(s.answer(&p, choice("teen")), Err(WalkError::UnknownOption { .. })));
    s.answer(&p, choice("adult")).ok();
    assert!(matches!(s.answer(&p, Answer::Reply(Reply::NotKnown)), Err(WalkError::NotOffered { .. })));
    s.answer(&p, Answer::Reply(Reply::No)).ok();
    assert!(matches!(s.answer(&p, choices(&[])), Err(WalkError::NothingChosen { .. })));
    assert!(matches!(
        s.answer(&p, choices(&["physical", "none"])),
        Err(WalkError::ExclusiveWithOthers { .. })
    ));
    assert!(matches!(
        s.answer(&p, choices(&["physical", "physical"])),
        Err(WalkError::RepeatedOption { .. })
    ));
    s.answer(&p, choices(&["physical"])).ok();
    let partial = Answer::Checklist([(ItemId::new("a"), Reply::Yes)].into_iter().collect());
    assert!(matches!(s.answer(&p, partial), Err(WalkError::MissingItems { .. })));
    let extra = Answer::Checklist(
        [("a", Reply::No), ("b", Reply::No), ("c", Reply::No), ("z", Reply::No)]
            .into_iter()
            .map(|(k, v)| (ItemId::new(k), v))
            .collect(),
    );
    assert!(matches!(s.answer(&p, extra), Err(WalkError::UnknownItem { .. })));
    s.answer(&p, checklist(Reply::No, Reply::Yes, Reply::No)).ok();
    assert!(matches!(s.answer(&p, Answer::Number(51)), Err(WalkError::OutOfRange { .. })));
    assert!(matches!(s.answer(&p, Answer::Number(-1)), Err(WalkError::OutOfRange { .. })));
    s.answer(&p, Answer::Number(5)).ok();
    assert_eq!(current(&s, &p), "reason");
    assert_eq!(s.text_required(&p), Ok(true), "item b is yes, so a reason is required");
    assert!(matches!(s.answer(&p, Answer::Text("   ".into())), Err(WalkError::TextRequired { .. })));
    assert!(matches!(
        s.answer(&p, Answer::Text("x".repeat(MAX_TEXT + 1))),
        Err(WalkError::TextTooLong { .. })
    ));
    s.answer(&p, Answer::Text("Because".into())).ok();
    assert_eq!(current(&s, &p), "end");
    assert_eq!(s.answer(&p, Answer::Continue), Err(WalkError::Finished));
}

#[test]
fn an_interrupt_is_reported_once_when_triggered() {
    let p = features();
    let mut s = Session::new(&p);
    assert_eq!(s.answer(&p, Answer::Reply(Reply::Yes)), Ok(vec![DestinationId::new("police_999")]));
    assert_eq!(s.answer(&p, choice("adult")), Ok(vec![]), "already shown");
    let outcome = s.outcome(&p).unwrap_or_else(|e| panic!("{e}"));
    assert!(!outcome.complete);
    assert_eq!(outcome.interrupts, vec![DestinationId::new("police_999")]);
}

#[test]
fn back_takes_back_the_last_answer_and_answering_again_restores_it() {
    let p = features();
    let walked = high_risk_walk(&p);
    let mut s = walked.clone();
    let (step, answer) = s.back().unwrap_or_else(|| panic!("nothing to take back"));
    assert_eq!(step.as_str(), "reason");
    assert_eq!(current(&s, &p), "reason");
    s.answer(&p, answer).ok();
    assert_eq!(s, walked);
    let mut empty = Session::new(&p);
    assert_eq!(empty.back(), None);
}

#[test]
fn changing_an_answer_keeps_what_still_applies_and_drops_the_rest() {
    let p = features();
    let mut s = high_risk_walk(&p);
    let changed = s.change(&p, "age", choice("child")).unwrap_or_else(|e| panic!("{e}"));
    let steps: Vec<&str> = s.answers().iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(steps, ["danger", "age", "kinds"], "kinds still applies; a child skips the rest");
    let dropped: Vec<&str> = changed.dropped.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(dropped, ["care", "checklist", "count", "reason"]);
    assert_eq!(current(&s, &p), "end");
    assert!(matches!(s.change(&p, "count", Answer::Number(1)), Err(WalkError::NotOnPath { .. })));
    assert!(matches!(s.change(&p, "danger", Answer::Number(1)), Err(WalkError::WrongKind { .. })));
}

#[test]
fn changing_an_answer_can_bring_in_a_new_question() {
    let p = features();
    let mut s = high_risk_walk(&p);
    s.change(&p, "danger", Answer::Reply(Reply::Declined)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(current(&s, &p), "info", "the new question is asked before the walk resumes");
    s.answer(&p, Answer::Continue).ok();
    assert_eq!(current(&s, &p), "age");
}

#[test]
fn progress_counts_answers_and_the_fewest_and_most_steps_left() {
    let p = features();
    let mut s = Session::new(&p);
    let start = s.progress(&p).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((start.answered, start.fewest_left, start.most_left), (0, 3, 8));
    s.answer(&p, Answer::Reply(Reply::No)).ok();
    s.answer(&p, choice("child")).ok();
    let later = s.progress(&p).unwrap_or_else(|e| panic!("{e}"));
    // "Under 16" set the child flag, which already decides the branch after `kinds`: the walk
    // ends there. The graph alone would say one to four steps; the answers say exactly one.
    assert_eq!((later.answered, later.fewest_left, later.most_left), (2, 1, 1));
}

#[test]
fn referrals_are_ordered_by_urgency_and_explained() {
    let p = features();
    let mut s = high_risk_walk(&p);
    s.change(&p, "danger", Answer::Reply(Reply::Yes)).ok();
    let outcome = s.outcome(&p).unwrap_or_else(|e| panic!("{e}"));
    let order: Vec<&str> = outcome.referrals.iter().map(|r| r.destination.as_str()).collect();
    assert_eq!(order, ["police_999", "marac", "adults", "helpline"]);
    let risk = outcome.risk.as_ref().unwrap_or_else(|| panic!("no risk"));
    assert_eq!((risk.level.as_str(), risk.score, risk.max_score), ("high", 4, 4));
    insta::assert_json_snapshot!(outcome);
}

#[test]
fn a_session_serialises_and_resumes_only_on_its_own_pathway() {
    let p = features();
    let s = high_risk_walk(&p);
    let json = serde_json::to_string(&s).unwrap_or_default();
    let back: Session = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(Session::resume(&p, back.clone()), Ok(s));
    let other =
        Pathway::from_yaml(&std::fs::read_to_string("tests/fixtures/valid/minimal.yaml").unwrap_or_default())
            .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(Session::resume(&other, back), Err(WalkError::WrongPathway { .. })));
    let forged: Session =
        serde_json::from_str(r#"{"pathway":"features@1","answers":[["age",{"choice":"adult"}]]}"#)
            .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(Session::resume(&p, forged), Err(WalkError::Inconsistent { .. })));
}

#[test]
fn the_path_count_and_diagram_reflect_the_graph() {
    let p = features();
    assert_eq!(p.path_count(), (12, false));
    insta::assert_snapshot!(diagram(&p, DiagramFormat::Mermaid));
    insta::assert_snapshot!(diagram(&p, DiagramFormat::Dot));
}

#[test]
fn the_outcome_table_lists_every_group_of_routes() {
    let p = features();
    let analysis = p.analyse(1_000_000);
    assert!(!analysis.truncated);
    assert!(analysis.unreached_destinations(&p).is_empty());
    insta::assert_snapshot!(outcome_table(&p, &analysis));
}
