//! Every page after the start page, as HTML drawn from the app's state, following the GOV.UK
//! Design System. Pure functions: the same state gives the same page, every value escaped
//! (`maud`), so a pathway's text can never become markup. The browser layer puts the page in
//! `#pw-app` and moves focus.

mod check_answers;
pub mod nodes;
mod notices;
mod outcome;
mod question;

pub use outcome::case_notes;

use crate::app::{App, Screen};
use maud::{Markup, html};

/// The page for the current screen; empty for the start page, which is plain HTML in
/// `index.html`.
pub fn render(app: &App) -> Markup {
    let (Some(pathway), session) = (app.pathway(), app.session()) else {
        return match app.screen() {
            Screen::Problem { source, report } => notices::problem(source, report),
            _ => html! {},
        };
    };
    match (app.screen(), session) {
        (Screen::Question(q), _) => question::page(q),
        (Screen::Interrupt(ids), _) => notices::interrupt(pathway, ids),
        (Screen::Check, Some(session)) => check_answers::page(pathway, session),
        (Screen::Outcome { stamp }, Some(session)) => outcome::page(pathway, session, stamp),
        (Screen::Problem { source, report }, _) => notices::problem(source, report),
        _ => html! {},
    }
}

/// The window title: the page, then the pathway. Never an answer, since titles go into the
/// browser's history.
pub fn title(app: &App) -> String {
    let pathway = app.pathway().map(|p| p.meta().title.as_str()).unwrap_or_default();
    let (page, error) = match app.screen() {
        Screen::Loading | Screen::Start => return pathway.to_owned(),
        Screen::Question(q) => (q.step.title.as_str(), !q.errors.is_empty()),
        Screen::Interrupt(ids) => (notices::interrupt_title(app.pathway(), ids), false),
        Screen::Check => (check_answers::TITLE, false),
        Screen::Outcome { .. } => (outcome::TITLE, false),
        Screen::Problem { .. } => (notices::PROBLEM_TITLE, true),
    };
    let prefix = if error { "Error: " } else { "" };
    if pathway.is_empty() { format!("{prefix}{page}") } else { format!("{prefix}{page} – {pathway}") }
}

/// A GOV.UK back link; the browser layer makes it go back within the app.
fn back_link(extra_class: Option<&str>) -> Markup {
    html! { a href="" class={ "govuk-back-link" @if let Some(c) = extra_class { " " (c) } } data-action="back" data-testid="back" { "Back" } }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Action;
    use pathway_core::Pathway;

    /// A pathway's words are text, never markup, whatever an author (or a damaged file) wrote.
    #[test]
    fn every_value_from_the_pathway_is_escaped() {
        let yaml = include_str!("../../../pathways/durham/pathway.yaml").replacen(
            "title: Where do you work?",
            "title: \"<img src=x onerror=alert(1)> & 'quoted' \\\"words\\\"\"",
            1,
        );
        let pathway = Pathway::from_yaml(&yaml).expect("still loads");
        let mut app = App::default();
        app.handle(Action::Loaded(Ok(Box::new(pathway))));
        app.handle(Action::Start);
        let page = render(&app).into_string();
        assert!(!page.contains("<img"), "{page}");
        assert!(
            page.contains("&lt;img src=x onerror=alert(1)&gt; &amp; 'quoted' &quot;words&quot;"),
            "{page}"
        );
        assert!(title(&app).starts_with("<img src=x"), "the window title is text, set as text");
    }
}
