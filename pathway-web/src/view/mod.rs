//! Every page after the start page, as Leptos components following the GOV.UK Design System.
//! They draw the app's state (`app/`) and send it actions; they decide nothing. Text is set as
//! text, never parsed as HTML, so a pathway's words can never become markup.
//!
//! One component per file: `question` (its form) with the kinds of answer in `choices`,
//! `checklist` and `typed`, and `parts` (what question pages share); `check_answers`,
//! `outcome` (and the contacts it shares with `interrupt`), `problem`. [`Ui`] mounts each page
//! afresh from the state when the app moves; only what the draft changes follows it.

mod check_answers;
mod checklist;
mod choices;
mod interrupt;
mod outcome;
mod parts;
mod problem;
mod question;
#[cfg(test)]
mod tests;
mod typed;
mod ui;

pub use ui::Ui;

use crate::app::{App, Screen};
use leptos::prelude::*;

/// The page for the app's screen (nothing for the start page, which is plain HTML in
/// `index.html`). Components own what they draw, so each is given its part of the state as
/// values.
fn page(app: &App) -> AnyView {
    let (pathway, session) = (app.pathway(), app.session());
    match (app.screen(), pathway, session) {
        (Screen::Question(q), _, _) => view! { <question::QuestionPage question=(**q).clone() /> }.into_any(),
        (Screen::Interrupt(ids), Some(pathway), _) => {
            let title = crate::app::interrupt_title(Some(pathway), ids).to_owned();
            let destinations =
                ids.iter().filter_map(|id| pathway.destination(id.as_str()).cloned()).collect();
            view! { <interrupt::Interrupt title=title destinations=destinations /> }.into_any()
        }
        (Screen::Check, Some(pathway), Some(session)) => {
            view! { <check_answers::CheckAnswers rows=session.summary(pathway).unwrap_or_default() /> }
                .into_any()
        }
        (Screen::Outcome { stamp }, Some(pathway), Some(session)) => match session.outcome(pathway) {
            Ok(outcome) => {
                let referred = outcome
                    .referrals
                    .iter()
                    .filter_map(|r| pathway.destination(r.destination.as_str()).cloned())
                    .collect();
                view! { <outcome::Outcome outcome=outcome referred=referred stamp=stamp.clone() /> }
                    .into_any()
            }
            Err(_) => ().into_any(),
        },
        (Screen::Problem { source, report }, _, _) => {
            view! { <problem::Problem source=source.clone() report=report.clone() /> }.into_any()
        }
        _ => ().into_any(),
    }
}
