//! Trainer mode's engine, natively: a shipped case study played to its outcome, one answer
//! changed and both outcomes compared, and a broken case study file located.

mod common;
use common::{CASE, durham};
use pathway_core::{Answer, Entry, Reply, StepId, StepKind};
use pathway_trainer::Trainer;
use pathway_trainer::engine::CaseFile;

fn case(trainer: &Trainer) -> CaseFile {
    trainer.case_study("02.yaml", CASE).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_case_study_plays_to_its_outcome_with_its_path_lit() {
    let trainer = durham();
    let case = case(&trainer);
    assert!(!case.title.is_empty() && !case.story.is_empty());
    let played = trainer.play(&case.answers).unwrap_or_else(|e| panic!("{e}"));
    assert!(played.outcome.complete);
    assert_eq!(played.lit.steps, played.outcome.visited);
    assert!(played.lit.end);
    assert!(played.lit.destinations.iter().any(|d| d.as_str() == "marac"));
    assert!(played.asking.is_none());
    // Part of the way: the next question is asked, with its answers in words.
    let partial = trainer.play(&case.answers[..3]).unwrap_or_else(|e| panic!("{e}"));
    assert!(!partial.outcome.complete);
    assert!(!partial.lit.end && partial.lit.destinations.is_empty(), "nothing decided yet is lit");
    let asking = partial.asking.unwrap_or_else(|| panic!("a question is asked"));
    assert_eq!(Some(asking.id), partial.outcome.next_step);
}

#[test]
fn what_if_one_answer_changed_shows_what_changed() {
    let trainer = durham();
    let before = case(&trainer).answers;
    let judgement = StepId::new("professional_judgement");
    let after: Vec<_> = before
        .iter()
        .map(|(s, a)| (s.clone(), if *s == judgement { Answer::Reply(Reply::No) } else { a.clone() }))
        .collect();
    let compared = trainer.compare(&before, &after).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        compared.change.referrals_removed.first().map(|d| d.as_str()),
        Some("marac"),
        "{:?}",
        compared.change
    );
    assert!(compared.change.risk.is_some());
    // Without the practitioner's judgement the reason for it is no longer asked.
    assert!(compared.after.not_asked.iter().any(|s| s.as_str() == "judgement_reason"));
    let words = compared.in_words();
    let marac = compared.before.outcome.referrals.iter().find(|r| r.destination.as_str() == "marac");
    let name = marac.map(|r| r.name.clone()).unwrap_or_default();
    assert!(words.iter().any(|l| l.starts_with("No longer referred: ") && l.contains(&name)), "{words:?}");
    assert!(words.iter().any(|l| l.starts_with("Risk level: ")), "{words:?}");
}

#[test]
fn the_same_walk_compared_with_itself_changes_nothing() {
    let trainer = durham();
    let answers = case(&trainer).answers;
    let compared = trainer.compare(&answers, &answers).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(compared.in_words(), ["Nothing: the referrals, risk and warnings are the same."]);
}

#[test]
fn a_broken_case_study_file_is_located() {
    let trainer = durham();
    let broken = CASE.replace("role: ", "role_typo: ");
    let message = trainer.case_study("mine.yaml", &broken).err().unwrap_or_default();
    assert!(message.contains("--> mine.yaml:"), "{message}");
}

#[test]
fn a_question_is_the_pathways_step_with_every_answer_it_allows() {
    let trainer = durham();
    let q = trainer.question("risk_checklist").unwrap_or_else(|| panic!("the checklist"));
    let StepKind::Checklist { items, .. } = q.kind else { panic!("a checklist: {:?}", q.kind) };
    assert_eq!(items.len(), 24);
    assert!(trainer.question("nowhere").is_none());
}

/// What the what-if form holds is checked by the core, as a practitioner's page is, and its
/// problems worded as there.
#[test]
fn what_is_entered_in_the_form_is_checked_by_the_core_in_the_practitioners_words() {
    let trainer = durham();
    let pathway = pathway_core::Pathway::from_yaml(common::DURHAM).unwrap_or_else(|e| panic!("{e}"));
    let number = pathway.steps().iter().find(|s| matches!(s.kind, StepKind::Number { .. })).cloned();
    let number = number.unwrap_or_else(|| panic!("Durham asks a number"));
    let StepKind::Number { min, max, .. } = number.kind else { unreachable!() };
    assert_eq!(trainer.check(&number, &Entry::Number(format!(" {min} "))), Ok(Answer::Number(min)));
    assert_eq!(
        trainer.check(&number, &Entry::Number((max + 1).to_string())),
        Err(vec![format!("Enter a number from {min} to {max}")])
    );
    assert_eq!(
        trainer.check(&number, &Entry::Number("seven".into())),
        Err(vec!["Enter a whole number, like 3".into()])
    );
    let checklist = trainer.question("risk_checklist").unwrap_or_else(|| panic!("the checklist"));
    let problems = trainer.check(&checklist, &Entry::Checklist(Default::default())).err().unwrap_or_default();
    assert_eq!(problems.len(), 24, "every item not answered is named");
    let yes_no = trainer.question("immediate_danger").unwrap_or_else(|| panic!("a yes or no"));
    assert_eq!(trainer.check(&yes_no, &Entry::Reply(None)), Err(vec!["Select an answer".into()]));
}

#[test]
fn an_answer_the_pathway_does_not_offer_is_located_when_the_file_is_opened() {
    let trainer = durham();
    let message = trainer
        .case_study("mine.yaml", &CASE.replace("role: gp", "role: astronaut"))
        .err()
        .unwrap_or_default();
    assert!(message.contains("--> mine.yaml:9:9"), "{message}");
}
