//! A question's page as filled in, checked as a whole by the core: every problem at once, by
//! field, so front ends only word them. Checked on the County Durham pathway's own steps.

use pathway_core::{Answer, Entry, EntryProblem, Field, ItemId, OptionId, Pathway, Reply, Step};

fn durham() -> Pathway {
    Pathway::from_yaml(include_str!("../../pathways/durham/pathway.yaml")).expect("Durham loads")
}

fn step(p: &Pathway, id: &str) -> Step {
    p.step(id).expect("the step").clone()
}

#[test]
fn an_earlier_answer_fills_the_page_and_checks_back_to_itself() {
    let p = durham();
    let answers = [
        ("immediate_danger", Answer::Reply(Reply::NotKnown)),
        ("role", Answer::Choice(OptionId::new("gp"))),
        ("abuse_types", Answer::Choices(vec![OptionId::new("physical"), OptionId::new("stalking")])),
        ("incidents", Answer::Number(3)),
        ("judgement_reason", Answer::Text("Strangulation last week".into())),
        ("safe_contact", Answer::Continue),
    ];
    for (id, answer) in answers {
        let s = step(&p, id);
        let entry = Entry::new(&s, Some(&answer));
        assert_eq!(entry.check(&s, true), Ok(answer), "{id}");
    }
}

#[test]
fn ticking_none_of_these_unticks_the_rest_and_the_other_way_round() {
    let p = durham();
    let kinds = step(&p, "abuse_types");
    let mut entry = Entry::new(&kinds, None);
    entry.toggle(&kinds, &OptionId::new("physical"), true);
    entry.toggle(&kinds, &OptionId::new("sexual"), true);
    entry.toggle(&kinds, &OptionId::new("none"), true);
    assert_eq!(entry, Entry::Choices(vec![OptionId::new("none")]));
    entry.toggle(&kinds, &OptionId::new("stalking"), true);
    assert_eq!(entry, Entry::Choices(vec![OptionId::new("stalking")]));
    entry.toggle(&kinds, &OptionId::new("stalking"), false);
    assert_eq!(entry, Entry::Choices(vec![]));
}

#[test]
fn every_problem_on_a_page_is_reported_at_once_by_field() {
    let p = durham();
    let checklist = step(&p, "risk_checklist");
    let mut entry = Entry::new(&checklist, None);
    if let Entry::Checklist(given) = &mut entry {
        given.insert(ItemId::new("injured"), Reply::Yes);
        given.insert(ItemId::new("weapons"), Reply::Declined);
    }
    let problems = entry.check(&checklist, false).expect_err("22 items unanswered");
    assert_eq!(problems.len(), 22);
    assert_eq!(problems[0].field, Field::Item(ItemId::new("very_frightened")));
    assert!(matches!(&problems[0].problem, EntryProblem::ItemUnanswered { number: 2, .. }));

    let kinds = step(&p, "abuse_types");
    let both = Entry::Choices(vec![OptionId::new("physical"), OptionId::new("none")]);
    assert!(matches!(
        &both.check(&kinds, false).expect_err("exclusive")[0].problem,
        EntryProblem::ExclusiveWithOthers { .. }
    ));

    let incidents = step(&p, "incidents");
    let cases = [
        ("", EntryProblem::NumberMissing),
        ("2.5", EntryProblem::NotAWholeNumber),
        ("-1", EntryProblem::NumberOutOfRange { min: 0, max: 365 }),
    ];
    for (typed, problem) in cases {
        assert_eq!(
            Entry::Number(typed.into()).check(&incidents, false).expect_err(typed)[0].problem,
            problem
        );
    }
    let reason = step(&p, "judgement_reason");
    assert_eq!(
        Entry::Text(String::new()).check(&reason, true).expect_err("required")[0].problem,
        EntryProblem::TextRequired
    );
    assert_eq!(Entry::Text(String::new()).check(&reason, false), Ok(Answer::Text(String::new())));
}

#[test]
fn a_checklist_page_of_one_topic_reports_only_that_topic_numbered_as_asked() {
    let p = durham();
    let s = step(&p, "risk_checklist");
    let topics = s.kind.topics();
    assert_eq!(topics.len(), 6);
    let mut entry = Entry::new(&s, None);
    // Answer the first topic only.
    if let Entry::Checklist(given) = &mut entry {
        for item in &topics[0].1 {
            given.insert(item.id.clone(), Reply::No);
        }
    }
    assert_eq!(entry.answered(), topics[0].1.len());
    assert!(entry.check_topic(&s, 0).is_empty());
    let second = entry.check_topic(&s, 1);
    let named: Vec<_> = second.iter().map(|p| p.field.clone()).collect();
    let expected: Vec<_> = topics[1].1.iter().map(|i| Field::Item(i.id.clone())).collect();
    assert_eq!(named, expected);
    // Numbered through the whole checklist, as the pages number them.
    assert!(
        matches!(&second[0].problem, EntryProblem::ItemUnanswered { number, .. } if *number == topics[0].1.len() + 1)
    );
    // The whole page still needs every topic answered.
    let all = entry.check(&s, false).err().unwrap_or_default();
    assert_eq!(all.len(), s.kind.topics().iter().skip(1).map(|t| t.1.len()).sum::<usize>());
}
