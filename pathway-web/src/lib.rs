//! The practitioner's pathway in the browser.
//!
//! Components hold no pathway logic: every question, answer check, referral and reason comes
//! from `pathway-core`'s `Session`, so the browser and the `pathway` command cannot disagree.
//! Nothing is stored: the session lives in memory, and quick exit drops it.
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod check_answers;
mod dom;
mod loading;
mod outcome_page;
mod pages;
mod question;

use leptos::prelude::*;
use pathway_core::{Answer, DestinationId, Pathway, Position, Session, StepId};
use std::sync::Arc;

/// Which page is showing.
#[derive(Clone, Debug, PartialEq)]
pub enum Screen {
    Loading,
    /// The start page: plain HTML in `index.html`, filled in from the pathway.
    Start,
    /// The current question, or the one being changed.
    Walk,
    /// Destinations to act on now, shown before the walk goes on.
    Interrupt(Vec<DestinationId>),
    Check,
    Outcome,
    /// The pathway could not be loaded: which file, and why.
    Problem {
        source: String,
        report: String,
    },
}

/// Everything the app knows, in memory only.
#[derive(Clone, Copy)]
pub struct AppState {
    pub pathway: RwSignal<Option<Arc<Pathway>>>,
    pub session: RwSignal<Option<Session>>,
    pub screen: RwSignal<Screen>,
    /// An answer to show already selected: the one taken back, or the one being changed.
    pub prefill: RwSignal<Option<Answer>>,
    /// The step being changed from "check your answers", if any.
    pub changing: RwSignal<Option<StepId>>,
}

impl AppState {
    /// After an answer: show new interrupts first, then the next question or the check page.
    pub fn advance(&self, interrupts: Vec<DestinationId>) {
        if !interrupts.is_empty() {
            self.screen.set(Screen::Interrupt(interrupts));
        } else {
            self.resume();
        }
    }

    /// Goes on with the walk, or to "check your answers" once it is complete.
    pub fn resume(&self) {
        let finished = match (self.pathway.get_untracked(), self.session.get_untracked()) {
            (Some(pathway), Some(session)) => matches!(session.position(&pathway), Ok(Position::Finished)),
            _ => false,
        };
        self.screen.set(if finished { Screen::Check } else { Screen::Walk });
    }

    /// Forgets everything about this case.
    pub fn clear(&self) {
        self.session.set(None);
        self.prefill.set(None);
        self.changing.set(None);
    }

    /// Starts a new walk, forgetting any earlier one.
    pub fn start(&self) {
        if let Some(p) = self.pathway.get_untracked() {
            self.clear();
            self.session.set(Some(Session::new(&p)));
            self.screen.set(Screen::Walk);
        }
    }
}

/// Everything after the start page, drawn into `#pw-app`. The exit bar, header, start page and
/// footer are plain HTML in `index.html` (quick exit is `shell.js`), so they work before this
/// has loaded.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState {
        pathway: RwSignal::new(None),
        session: RwSignal::new(None),
        screen: RwSignal::new(Screen::Loading),
        prefill: RwSignal::new(None),
        changing: RwSignal::new(None),
    };
    provide_context(state);
    leptos::task::spawn_local(loading::load(state));
    pages::start_page(state);

    move || match state.screen.get() {
        Screen::Loading | Screen::Start => ().into_any(),
        Screen::Walk => view! { <question::CurrentQuestion/> }.into_any(),
        Screen::Interrupt(ids) => view! { <pages::InterruptPage ids=ids/> }.into_any(),
        Screen::Check => view! { <check_answers::CheckAnswers/> }.into_any(),
        Screen::Outcome => view! { <outcome_page::OutcomePage/> }.into_any(),
        Screen::Problem { source, report } => {
            view! { <pages::ProblemPage source=source report=report/> }.into_any()
        }
    }
}
