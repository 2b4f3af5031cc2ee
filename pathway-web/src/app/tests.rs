//! The app's moves that case studies do not make: going back (through a checklist's topics, and
//! to the start), changing an answer, a refused answer, and starting again.

use super::*;
use pathway_core::{Reply, StepKind};

fn app() -> App {
    let pathway =
        Pathway::from_yaml(include_str!("../../../pathways/durham/pathway.yaml")).expect("Durham loads");
    let mut app = App::default();
    assert_eq!(app.handle(Action::Loaded(Ok(Box::new(pathway)))), Effect::Redraw(Focus::Stay));
    app
}

fn asking(app: &App) -> &Question {
    match app.screen() {
        Screen::Question(q) => q,
        other => panic!("not a question: {other:?}"),
    }
}

fn answer(app: &mut App, value: &str) -> Effect {
    app.handle(Action::Choose { name: "answer".into(), value: value.into(), ticked: true });
    app.handle(Action::Submit)
}

/// Enters something the question accepts ("no", the last option, 0, some words) and
/// continues; returns the value entered.
fn answer_something(app: &mut App) -> String {
    let value = match &asking(app).step.kind {
        StepKind::SingleChoice { options } | StepKind::MultipleChoice { options } => {
            options[options.len() - 1].id.to_string()
        }
        StepKind::Number { .. } | StepKind::Text { .. } => {
            app.handle(Action::Type("0".into()));
            app.handle(Action::Submit);
            return "0".into();
        }
        StepKind::Info => {
            app.handle(Action::Submit);
            return String::new();
        }
        _ => "no".into(),
    };
    assert_eq!(answer(app, &value), Effect::Redraw(Focus::Heading));
    value
}

#[test]
fn nothing_happens_before_a_pathway_has_loaded() {
    let mut app = App::default();
    assert_eq!(app.handle(Action::Start), Effect::Nothing);
    assert_eq!(app.handle(Action::Submit), Effect::Nothing);
    assert!(matches!(app.screen(), Screen::Loading));
}

#[test]
fn a_pathway_that_will_not_load_shows_why() {
    let mut app = App::default();
    let failed = Action::Loaded(Err(("pathways/durham.pathway".into(), "it is damaged".into())));
    assert_eq!(app.handle(failed), Effect::Redraw(Focus::Heading));
    assert_eq!(app.handle(Action::Start), Effect::Nothing, "no walk without a pathway");
    assert!(matches!(app.screen(), Screen::Problem { .. }));
}

#[test]
fn continuing_without_an_answer_keeps_the_page_and_focuses_the_error_summary() {
    let mut app = app();
    app.handle(Action::Start);
    assert_eq!(app.handle(Action::Submit), Effect::Refresh(Focus::ErrorSummary));
    let q = asking(&app);
    assert_eq!(q.errors.len(), 1);
    assert_eq!(q.errors[0].field, "answer-0");
    // Answering clears the problem with the next page.
    answer_something(&mut app);
    assert!(asking(&app).errors.is_empty());
}

#[test]
fn back_from_the_first_question_is_the_start_page_and_forgets_nothing_entered_later() {
    let mut app = app();
    app.handle(Action::Start);
    let first = asking(&app).step.id.clone();
    let given = answer_something(&mut app);
    assert_eq!(app.handle(Action::Back), Effect::Redraw(Focus::Heading));
    let q = asking(&app);
    assert_eq!(q.step.id, first);
    assert!(q.is_checked("answer", &given), "the answer taken back is shown selected");
    app.handle(Action::Back);
    assert!(matches!(app.screen(), Screen::Start));
}

#[test]
fn a_checklist_is_asked_a_topic_at_a_time_and_back_returns_through_its_topics() {
    let mut app = app();
    app.handle(Action::Start);
    // To the checklist as case study 01 goes, but with no danger now.
    for (step, values) in [
        ("role", &["health"][..]),
        ("immediate_danger", &["no"]),
        ("safe_to_talk", &["yes"]),
        ("victim_age", &["age_18_64"]),
        ("abuse_types", &["physical", "coercive_control"]),
        ("relationship", &["partner"]),
        ("victim_identity", &["none"]),
        ("household", &["children"]),
        ("care_needs", &["no"]),
    ] {
        assert_eq!(asking(&app).step.id.as_str(), step);
        for value in values {
            app.handle(Action::Choose { name: "answer".into(), value: (*value).into(), ticked: true });
        }
        assert_eq!(app.handle(Action::Submit), Effect::Redraw(Focus::Heading), "{step}");
    }
    let q = asking(&app).clone();
    let topics = q.step.kind.topics();
    assert!(topics.len() > 1, "Durham's checklist is split by topic");
    assert_eq!(q.answered().as_deref(), Some("0 of 24 questions answered"));
    // An unanswered topic is refused, one error per item on it.
    assert_eq!(app.handle(Action::Submit), Effect::Refresh(Focus::ErrorSummary));
    assert_eq!(asking(&app).errors.len(), topics[0].1.len());
    for item in &topics[0].1 {
        let choose = Action::Choose { name: format!("item-{}", item.id), value: "yes".into(), ticked: true };
        assert_eq!(app.handle(choose), Effect::SyncControls);
    }
    let on_first = topics[0].1.len();
    assert_eq!(asking(&app).answered(), Some(format!("{on_first} of 24 questions answered")));
    // The next topic is the same question again, not a new page.
    assert_eq!(app.handle(Action::Submit), Effect::Refresh(Focus::Heading));
    let q = asking(&app);
    assert_eq!((q.topic, q.errors.len()), (1, 0));
    assert_eq!(app.handle(Action::Back), Effect::Refresh(Focus::Heading));
    let q = asking(&app);
    assert_eq!(q.topic, 0);
    assert!(q.is_checked(&format!("item-{}", topics[0].1[0].id), Reply::Yes.id()), "answers kept");
}

#[test]
fn an_exclusive_option_unticks_the_others() {
    let mut app = app();
    app.handle(Action::Start);
    let mut guard = 0;
    while !matches!(&asking(&app).step.kind, StepKind::MultipleChoice { .. }) {
        answer_something(&mut app);
        guard += 1;
        assert!(guard < 20, "Durham asks a multiple-choice question early on");
    }
    let StepKind::MultipleChoice { options } = asking(&app).step.kind.clone() else { unreachable!() };
    let exclusive = options.iter().find(|o| o.exclusive).expect("a ‘none’ option");
    let other = options.iter().find(|o| !o.exclusive).expect("another option");
    let tick = |id: &pathway_core::OptionId| Action::Choose {
        name: "answer".into(),
        value: id.to_string(),
        ticked: true,
    };
    assert_eq!(app.handle(tick(&other.id)), Effect::SyncControls);
    app.handle(tick(&exclusive.id));
    let q = asking(&app);
    assert!(q.is_checked("answer", exclusive.id.as_str()));
    assert!(!q.is_checked("answer", other.id.as_str()), "ticking ‘none’ unticks the rest");
}

#[test]
fn an_answer_changed_from_the_check_page_returns_there_and_restart_forgets_the_walk() {
    let mut app = app();
    app.handle(Action::Start);
    let first = asking(&app).step.id.clone();
    let given = answer_something(&mut app);
    // Jump to the check page as its Change button would be pressed from there.
    app.handle(Action::Change(first.clone()));
    let q = asking(&app);
    assert!(q.changing && q.progress.is_none(), "no progress while changing");
    assert!(q.is_checked("answer", &given), "the earlier answer is shown");
    assert_eq!(app.handle(Action::Back), Effect::Redraw(Focus::Heading));
    assert!(matches!(app.screen(), Screen::Check), "back from a change is the check page");
    assert_eq!(app.handle(Action::Restart), Effect::Redraw(Focus::Heading));
    assert!(matches!(app.screen(), Screen::Start));
    assert!(app.session().is_none(), "nothing about the case is kept");
}
