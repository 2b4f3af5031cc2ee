//! The practitioner's pathway in the browser.
//!
//! Components hold no pathway logic: every question, answer check, referral and reason comes
//! from `pathway-core`'s `Session`, so the browser and the `pathway` command cannot disagree.
//! Nothing is stored: the session lives in memory, and quick exit drops it.
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod check_answers;
mod dom;
mod exit;
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
    Start,
    /// The current question, or the one being changed.
    Walk,
    /// Destinations to act on now, shown before the walk goes on.
    Interrupt(Vec<DestinationId>),
    Check,
    Outcome,
    /// The pathway could not be loaded: its diagnostics, for its author.
    Problem {
        source: String,
        report: String,
    },
    /// Quick exit in progress.
    Exited,
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
    pub exit_url: StoredValue<String>,
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
}

#[component]
pub fn App() -> impl IntoView {
    let state = AppState {
        pathway: RwSignal::new(None),
        session: RwSignal::new(None),
        screen: RwSignal::new(Screen::Loading),
        prefill: RwSignal::new(None),
        changing: RwSignal::new(None),
        exit_url: StoredValue::new(
            dom::meta("exit-url").unwrap_or_else(|| exit::DEFAULT_EXIT_URL.to_owned()),
        ),
    };
    provide_context(state);
    leptos::task::spawn_local(loading::load(state));
    exit::reset_when_restored();

    let title = move || state.pathway.get().map(|p| p.meta().title.clone()).unwrap_or_default();
    let page = move || match state.screen.get() {
        Screen::Loading => {
            view! { <p class="govuk-body" role="status">"Loading the pathway…"</p> }.into_any()
        }
        Screen::Start => view! { <pages::StartPage/> }.into_any(),
        Screen::Walk => view! { <question::CurrentQuestion/> }.into_any(),
        Screen::Interrupt(ids) => view! { <pages::InterruptPage ids=ids/> }.into_any(),
        Screen::Check => view! { <check_answers::CheckAnswers/> }.into_any(),
        Screen::Outcome => view! { <outcome_page::OutcomePage/> }.into_any(),
        Screen::Problem { source, report } => {
            view! { <pages::ProblemPage source=source report=report/> }.into_any()
        }
        // The overlay itself is put up by `exit::exit_now`, synchronously.
        Screen::Exited => ().into_any(),
    };
    view! {
        <a href="#main-content" class="govuk-skip-link" on:click=dom::skip_to_main>"Skip to main content"</a>
        <exit::ExitThisPage/>
        <header class="pw-header">
            <div class="govuk-width-container pw-header__inner">
                // A partner's logo, from the --pw-logo custom property; hidden unless set.
                <span class="pw-header__logo" aria-hidden="true"></span>
                <span class="pw-header__title">{title}</span>
            </div>
        </header>
        <div class="govuk-width-container">
            <main class="govuk-main-wrapper" id="main-content" tabindex="-1">{page}</main>
        </div>
        <pages::Footer/>
    }
}
