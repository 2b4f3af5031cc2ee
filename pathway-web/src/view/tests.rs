//! The pages drawn natively (Leptos rendering them as HTML), for what the browser tests cannot
//! cheaply show: a pathway's words are never markup, and a field with a problem is marked as
//! GOV.UK marks it.

use super::Ui;
use crate::app::{Action, App, Screen};
use pathway_core::{Pathway, StepId};

fn durham(yaml: &str) -> App {
    let pathway = Pathway::from_yaml(yaml).expect("loads");
    let mut app = App::default();
    app.handle(Action::Loaded(Ok(Box::new(pathway))));
    app.handle(Action::Start);
    app
}

/// A pathway's words are text, never markup, whatever an author (or a damaged file) wrote.
#[test]
fn every_value_from_the_pathway_is_escaped() {
    let yaml = include_str!("../../../pathways/durham/pathway.yaml").replacen(
        "title: Where do you work?",
        "title: \"<img src=x onerror=alert(1)> & 'quoted' \\\"words\\\"\"",
        1,
    );
    let app = durham(&yaml);
    let page = Ui::drawn(&app);
    assert!(!page.contains("<img"), "{page}");
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt; &amp;"), "{page}");
    assert!(app.title().starts_with("<img src=x"), "the window title is text, set as text");
}

/// GOV.UK marks a field with a problem three ways: the group, an inline message, the field.
#[test]
fn a_field_with_a_problem_is_marked_as_govuk_marks_it() {
    let yaml = include_str!("../../../pathways/durham/pathway.yaml");
    for (step, field) in [("incidents", "govuk-input--error"), ("judgement_reason", "govuk-textarea--error")]
    {
        let mut app = durham(yaml);
        app.handle(Action::Change(StepId::new(step)));
        let page = Ui::drawn(&app);
        assert!(page.contains(&format!("data-step=\"{step}\"")), "{page}");
        assert!(!page.contains(field) && !page.contains("govuk-form-group--error"), "{step}: {page}");
        // Nothing entered: both are required.
        app.handle(Action::Submit);
        assert!(matches!(app.screen(), Screen::Question(q) if !q.errors.is_empty()));
        let page = Ui::drawn(&app);
        assert!(page.contains("govuk-form-group--error") && page.contains(field), "{step}: {page}");
        assert!(page.contains(r#"<p class="govuk-error-message">"#), "{step}: {page}");
    }
}
