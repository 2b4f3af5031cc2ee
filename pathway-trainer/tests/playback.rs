//! A case played in front of a room, below the browser: forward and back one answer at a time,
//! what the room is told and what the diagram lights at each step, and a what-if through to
//! both outcomes, including one whose changed answer leads to a question the case never asked.

use pathway_core::{Answer, Reply, StepId, StepKind};
use pathway_trainer::playback::{Playback, WhatIf};

mod common;
use common::{CASE, durham};

fn start() -> (pathway_trainer::Trainer, Playback) {
    let engine = durham();
    let case = engine.case_study("02.yaml", CASE).unwrap_or_else(|e| panic!("{e}"));
    let playback = Playback::start(&engine, case).unwrap_or_else(|e| panic!("{e}"));
    (engine, playback)
}

#[test]
fn a_case_plays_forward_and_back_one_answer_at_a_time() {
    let (engine, mut p) = start();
    let whole = engine.play(&p.case().answers).unwrap_or_else(|e| panic!("{e}"));
    let steps = whole.outcome.visited.len();
    assert_eq!(p.steps(), steps);
    assert_eq!(p.shown(), 0);
    assert_eq!(p.previous(&engine), Ok(false), "nothing before the start");
    assert!(p.position().starts_with(&format!("Step 1 of {steps}: ")), "{}", p.position());
    assert_eq!(p.lighting().current.map(StepId::as_str), Some("role"), "the first question is marked");
    for shown in 1..=steps {
        assert_eq!(p.next(&engine), Ok(true));
        assert_eq!(p.shown(), shown);
        assert_eq!(p.played().answers.len(), shown, "one more answer each time");
        assert_eq!(p.played().outcome.visited, whole.outcome.visited[..shown]);
    }
    assert!(p.at_outcome());
    assert_eq!(p.next(&engine), Ok(false), "nothing after the outcome");
    assert_eq!(p.position(), format!("The outcome, after {steps} steps."));
    let lit = p.lighting();
    assert_eq!(lit.current, None, "at the outcome no step is being asked");
    assert_eq!(*lit.first, whole.lit, "the whole walk lit, with its referrals");
    assert_eq!(p.previous(&engine), Ok(true));
    assert!(!p.at_outcome());
    assert_eq!(p.played().answers.len(), steps - 1);
}

#[test]
fn what_if_is_offered_only_at_the_outcome_and_compares_both_walks() {
    let (engine, mut p) = start();
    let judgement = StepId::new("professional_judgement");
    assert_eq!(p.next(&engine), Ok(true));
    assert!(!p.ask_what_if(&StepId::new("role")), "not before the outcome");
    assert!(matches!(p.what_if(), WhatIf::None));
    while p.next(&engine) == Ok(true) {}
    assert!(p.ask_what_if(&judgement));
    assert!(matches!(p.what_if(), WhatIf::Changing { step } if *step == judgement));
    assert_eq!(
        p.answer_to(&judgement),
        Some(&Answer::Reply(Reply::Yes)),
        "the form starts from the case's answer"
    );
    let question = p.what_if_question(&engine).unwrap_or_else(|| panic!("the form's question"));
    assert_eq!(question.id, judgement);
    p.answer(&engine, Answer::Reply(Reply::No)).unwrap_or_else(|e| panic!("{e}"));
    let WhatIf::Compared { step, compared } = p.what_if() else { panic!("both outcomes: {:?}", p.what_if()) };
    assert_eq!(step, &judgement);
    assert!(compared.change.referrals_removed.iter().any(|d| d.as_str() == "marac"));
    let lit = p.lighting();
    assert_eq!(lit.changed, Some(&compared.after.lit), "the changed walk lit beside the first");
    assert_eq!(*lit.first, compared.before.lit);
    // Next or back puts the what-if away.
    assert_eq!(p.previous(&engine), Ok(true));
    assert!(matches!(p.what_if(), WhatIf::None));
}

#[test]
fn a_changed_answer_that_leads_to_a_new_question_asks_it_before_comparing() {
    let (engine, mut p) = start();
    while p.next(&engine) == Ok(true) {}
    // A case with children answered "no" changed to "yes": the walk then asks about them.
    let changeable: Vec<StepId> =
        p.played().answers.iter().filter(|a| a.changeable).map(|a| a.step.clone()).collect();
    let mut asked_then = false;
    for step in changeable {
        let Some(question) = engine.question(step.as_str()) else { continue };
        let StepKind::YesNo { allowed, .. } = &question.kind else { continue };
        for answer in allowed.iter().map(|r| Answer::Reply(*r)) {
            if Some(&answer) == p.answer_to(&step) {
                continue;
            }
            assert!(p.ask_what_if(&step));
            p.answer(&engine, answer.clone()).unwrap_or_else(|e| panic!("{e}"));
            // Answer whatever the changed walk asks, with a first answer, to the end.
            let mut rounds = 0;
            while let WhatIf::Then { asking, .. } = p.what_if() {
                asked_then = true;
                assert_eq!(p.lighting().current, Some(&asking.id), "the new question is marked");
                let first = match &asking.kind {
                    StepKind::YesNo { allowed, .. } => Answer::Reply(allowed[0]),
                    StepKind::SingleChoice { options } => Answer::Choice(options[0].id.clone()),
                    StepKind::MultipleChoice { options } => Answer::Choices(vec![options[0].id.clone()]),
                    StepKind::Checklist { items, .. } => {
                        Answer::Checklist(items.iter().map(|i| (i.id.clone(), Reply::No)).collect())
                    }
                    StepKind::Number { min, .. } => Answer::Number(*min),
                    StepKind::Text { .. } => Answer::Text(String::new()),
                    StepKind::Info => Answer::Continue,
                };
                p.answer(&engine, first).unwrap_or_else(|e| panic!("{e}"));
                rounds += 1;
                assert!(rounds < 60, "the changed walk ends");
            }
            assert!(matches!(p.what_if(), WhatIf::Compared { .. }), "{:?}", p.what_if());
            p.end_what_if();
        }
    }
    assert!(asked_then, "some changed answer of this case leads to a question it never asked");
}

#[test]
fn an_answer_with_no_question_asked_is_refused() {
    let (engine, mut p) = start();
    assert!(p.answer(&engine, Answer::Continue).is_err());
    assert!(matches!(p.what_if(), WhatIf::None));
}
