//! Trainer mode's engine, natively: a shipped case study played to its outcome, one answer
//! changed and both outcomes compared, and a broken case study file located.

use pathway_core::Pathway;
use pathway_trainer::Trainer;
use serde_json::Value;

fn durham() -> Trainer {
    let yaml = include_str!("../../pathways/durham/pathway.yaml");
    let pathway = Pathway::from_yaml(yaml).unwrap_or_else(|e| panic!("{e}"));
    let bytes = pathway.to_compiled().unwrap_or_else(|e| panic!("{e}"));
    Trainer::new(&bytes).unwrap_or_else(|_| panic!("the compiled pathway loads"))
}

fn json(text: String) -> Value {
    let value: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert!(value.get("error").is_none(), "{text}");
    value
}

const CASE: &str = include_str!("../../pathways/durham/cases/02-score-13-strangulation-judgement.yaml");

#[test]
fn a_case_study_plays_to_its_outcome_with_its_path_lit() {
    let trainer = durham();
    let case = json(trainer.case_study("02.yaml", CASE));
    assert!(case["title"].as_str().is_some_and(|t| !t.is_empty()));
    let played = json(trainer.play(&case["answers"].to_string()));
    assert_eq!(played["outcome"]["complete"], true);
    assert_eq!(played["lit"]["steps"], played["outcome"]["visited"]);
    assert!(played["lit"]["destinations"].as_array().is_some_and(|d| d.iter().any(|x| x == "marac")));
    assert!(played["asking"].is_null());
    // Part of the way: the next question is asked, with its answers in words.
    let first_three: Vec<Value> = case["answers"].as_array().map(|a| a[..3].to_vec()).unwrap_or_default();
    let partial = json(trainer.play(&Value::Array(first_three).to_string()));
    assert_eq!(partial["outcome"]["complete"], false);
    assert!(partial["asking"]["choices"].as_array().is_some_and(|c| !c.is_empty()), "{partial}");
}

#[test]
fn what_if_one_answer_changed_shows_what_changed() {
    let trainer = durham();
    let case = json(trainer.case_study("02.yaml", CASE));
    let before = case["answers"].clone();
    let mut after = before.clone();
    for pair in after.as_array_mut().into_iter().flatten() {
        if pair[0] == "professional_judgement" {
            pair[1] = serde_json::json!({ "reply": "no" });
        }
    }
    // Without the practitioner's judgement the reason for it is no longer asked.
    let compared = json(trainer.compare(&before.to_string(), &after.to_string()));
    assert_eq!(compared["change"]["referrals_removed"][0], "marac", "{}", compared["change"]);
    assert!(compared["change"]["risk"].is_array());
    assert!(
        compared["after"]["not_asked"].as_array().is_some_and(|n| n.iter().any(|s| s == "judgement_reason"))
    );
}

#[test]
fn a_broken_case_study_file_is_located() {
    let trainer = durham();
    let broken = CASE.replace("role: ", "role_typo: ");
    let value: Value = serde_json::from_str(&trainer.case_study("mine.yaml", &broken)).unwrap_or(Value::Null);
    let message = value["error"].as_str().unwrap_or_default();
    assert!(message.contains("--> mine.yaml:"), "{message}");
}

#[test]
fn a_question_lists_every_answer_it_allows() {
    let trainer = durham();
    let q = json(trainer.question("risk_checklist"));
    assert_eq!(q["kind"], "checklist");
    assert_eq!(q["options"].as_array().map(Vec::len), Some(24));
    assert_eq!(q["replies"].as_array().map(Vec::len), Some(4));
    assert!(trainer.question("nowhere").contains("error"));
}

#[test]
fn an_answer_the_pathway_does_not_offer_is_located_when_the_file_is_opened() {
    let trainer = durham();
    let value: Value =
        serde_json::from_str(&trainer.case_study("mine.yaml", &CASE.replace("role: gp", "role: astronaut")))
            .unwrap_or(Value::Null);
    let message = value["error"].as_str().unwrap_or_default();
    assert!(message.contains("--> mine.yaml:9:9"), "{message}");
}
