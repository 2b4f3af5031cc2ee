//! Every case study of every shipped pathway, played through the practitioner's app as a
//! practitioner would (ticking the controls each page draws, pressing Continue, going past
//! interrupts), ends exactly as the walker says, and every page drawn on the way offers the
//! controls the case ticks. The browser tests (`tests/e2e/cases.test.mjs`) then only need to
//! show that the page turns clicks into these actions.

use pathway_core::{Answer, CaseStudy, Pathway, StepId, StepKind};
use pathway_tests::{files, load_pathway};
use pathway_web::app::{Action, App, Effect, Focus, Screen, case_notes};
use pathway_web::view::Ui;

/// The page the components draw for the app's state, as HTML: the same components the
/// browser runs, rendered natively.
fn drawn(app: &App) -> String {
    Ui::drawn(app)
}

/// Plays `answers` through the app; panics with the step if a page does not offer an answer.
fn play(pathway: &Pathway, answers: &[(StepId, Answer)], case: &str) -> App {
    let mut app = App::default();
    app.handle(Action::Loaded(Ok(Box::new(pathway.clone()))));
    assert_eq!(app.handle(Action::Start), Effect::Redraw(Focus::Heading), "{case}");
    for _ in 0..1_000 {
        let page = drawn(&app);
        let question = match app.screen() {
            Screen::Question(q) => q.clone(),
            Screen::Interrupt(_) => {
                assert!(page.contains(r#"data-action="resume""#), "{case}: an interrupt can be left");
                app.handle(Action::Resume);
                continue;
            }
            Screen::Check => return app,
            other => panic!("{case}: unexpected screen {other:?}"),
        };
        let step = &question.step.id;
        assert!(page.contains(&format!(r#"data-step="{step}""#)), "{case}: the page asks {step}");
        // Information pages are read, not answered: case studies leave them out.
        let read = (question.step.id.clone(), Answer::Continue);
        let answer = match answers.iter().find(|(id, _)| id == step) {
            Some((_, answer)) => answer,
            None if matches!(question.step.kind, StepKind::Info) => &read.1,
            None => panic!("{case}: the app asks {step}, which the case study does not answer"),
        };
        let offered = |name: &str, value: &str| {
            assert!(
                page.contains(&format!(r#"name="{name}" type="#))
                    && page.contains(&format!(r#"value="{value}""#)),
                "{case}: {step} offers {name} = {value}"
            );
        };
        let choose = |app: &mut App, name: &str, value: &str| {
            offered(name, value);
            let action = Action::Choose { name: name.into(), value: value.into(), ticked: true };
            assert_eq!(app.handle(action), Effect::SyncControls, "{case}: {step}");
        };
        match answer {
            Answer::Reply(reply) => choose(&mut app, "answer", reply.id()),
            Answer::Choice(option) => choose(&mut app, "answer", option.as_str()),
            Answer::Choices(options) => options.iter().for_each(|o| choose(&mut app, "answer", o.as_str())),
            Answer::Number(n) => {
                app.handle(Action::Type(n.to_string()));
            }
            Answer::Text(text) => {
                app.handle(Action::Type(text.clone()));
            }
            Answer::Continue => {}
            Answer::Checklist(replies) => {
                // A topic at a time: each page's items, then Continue to the next topic.
                let topics = question.step.kind.topics();
                for (at, (_, items)) in topics.iter().enumerate() {
                    let page = drawn(&app);
                    for item in items {
                        let name = format!("item-{}", item.id);
                        let reply = replies.get(&item.id).map(|r| r.id()).unwrap_or_default();
                        assert!(
                            page.contains(&format!(r#"name="{name}""#)),
                            "{case}: topic {at} shows {name}"
                        );
                        let action = Action::Choose { name, value: reply.into(), ticked: true };
                        assert_eq!(app.handle(action), Effect::SyncControls, "{case}: {step}");
                    }
                    if at + 1 < topics.len() {
                        assert_eq!(
                            app.handle(Action::Submit),
                            Effect::Refresh(Focus::Heading),
                            "{case}: {step}"
                        );
                    }
                }
            }
        }
        let effect = app.handle(Action::Submit);
        assert_ne!(effect, Effect::Refresh(Focus::ErrorSummary), "{case}: {step} refused its answer");
    }
    panic!("{case}: the walk did not end")
}

#[test]
fn every_case_study_played_through_the_pages_ends_as_the_walker_says() {
    let mut played = 0;
    for path in files("pathways", &["pathway.yaml"]) {
        let pathway = load_pathway(&path);
        let dir = path.parent().map(|d| d.join("cases")).unwrap_or_default();
        let relative = dir.strip_prefix(pathway_tests::root()).unwrap_or(&dir).display().to_string();
        for case_path in files(&relative, &[".yaml"]) {
            let case = case_path.display().to_string();
            let study = CaseStudy::from_yaml(&std::fs::read_to_string(&case_path).unwrap_or_default())
                .unwrap_or_else(|e| panic!("{case}: {e}"));
            let answers = study.answers(&pathway).unwrap_or_else(|e| panic!("{case}: {e:?}"));
            let (_, Some(walked)) = study.run(&pathway) else { panic!("{case} does not walk") };

            let mut app = play(&pathway, &answers, &case);
            let check = drawn(&app);
            for row in walked.summary(&pathway).unwrap_or_default().iter().filter(|r| r.changeable) {
                assert!(
                    check.contains(&row.step.to_string()),
                    "{case}: check your answers lists {}",
                    row.step
                );
            }
            let stamp = "2026-11-26 10:00 UTC".to_owned();
            app.handle(Action::SeeReferrals { stamp: stamp.clone() });
            let session = app.session().unwrap_or_else(|| panic!("{case}: no session"));
            assert_eq!(session.answers(), walked.answers(), "{case}: the app recorded the case's answers");
            assert_eq!(
                case_notes(&pathway, session, &stamp),
                case_notes(&pathway, &walked, &stamp),
                "{case}: the summary for case notes"
            );
            // The outcome page lists the walker's referrals, in its order.
            let page = drawn(&app);
            let outcome = walked.outcome(&pathway).unwrap_or_else(|e| panic!("{case}: {e}"));
            let shown: Vec<&str> = page
                .split(r#"data-destination=""#)
                .skip(1)
                .filter_map(|rest| rest.split('"').next())
                .collect();
            let expected: Vec<String> = outcome.referrals.iter().map(|r| r.destination.to_string()).collect();
            assert_eq!(shown, expected, "{case}: referrals, most urgent first");
            played += 1;
        }
    }
    assert!(played >= 50, "every shipped case study played: {played}");
}
