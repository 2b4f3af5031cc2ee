//! The start page, the interrupt page, the page for a pathway that will not load, and the footer.

use crate::outcome_page::DestinationContacts;
use crate::{AppState, Screen, dom};
use leptos::prelude::*;
use pathway_core::{DestinationId, Session};

#[component]
pub fn StartPage() -> impl IntoView {
    let Some(state) = use_context::<AppState>() else { return ().into_any() };
    let Some(pathway) = state.pathway.get_untracked() else { return ().into_any() };
    let heading = NodeRef::new();
    let meta = pathway.meta().clone();
    dom::announce_page(meta.title.clone(), heading, false);
    let start = move |_| {
        if let Some(p) = state.pathway.get_untracked() {
            state.clear();
            state.session.set(Some(Session::new(&p)));
            state.screen.set(Screen::Walk);
        }
    };
    view! {
        <h1 class="govuk-heading-xl" tabindex="-1" node_ref=heading>{meta.title.clone()}</h1>
        {meta.summary.clone().map(|s| view! { <p class="govuk-body-l">{s}</p> })}
        <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
            <strong class="govuk-warning-text__text">
                <span class="govuk-visually-hidden">"Warning"</span>
                {meta.disclaimer.clone()}
            </strong>
        </div>
        <p class="govuk-body">"If anyone is in danger now, call 999."</p>
        <h2 class="govuk-heading-m">"Leave this page quickly"</h2>
        <p class="govuk-body">
            "Use the “Exit this page” button, at the top of every page, or press the Shift key 3 times, to leave at once. "
            "This page is replaced with an ordinary website (BBC Weather, unless your organisation has chosen another), and everything you have entered is cleared."
        </p>
        <p class="govuk-body">"Leaving does not erase your browser history. If others use this device, use a private window."</p>
        <h2 class="govuk-heading-m">"Your answers stay on this device"</h2>
        <p class="govuk-body">
            "Nothing you enter is sent anywhere or saved. It is gone when you close the page, start again or exit. "
            "Do not enter names or other details that identify anyone."
        </p>
        <button type="button" class="govuk-button govuk-button--start" data-testid="start" on:click=start>
            "Start now"
            <svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
                <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z"></path>
            </svg>
        </button>
        <p class="govuk-body-s">
            "Pathway version " {meta.version.clone()} ", last reviewed " {meta.last_reviewed.clone()} ". " {meta.owner.clone()} "."
        </p>
    }
    .into_any()
}

/// "Call 999 now": shown at once when an answer triggers it, before the walk goes on.
#[component]
pub fn InterruptPage(ids: Vec<DestinationId>) -> impl IntoView {
    let Some(state) = use_context::<AppState>() else { return ().into_any() };
    let Some(pathway) = state.pathway.get_untracked() else { return ().into_any() };
    let heading = NodeRef::new();
    let destinations: Vec<_> =
        ids.iter().filter_map(|id| pathway.destination(id.as_str()).cloned()).collect();
    let title = destinations.first().and_then(|d| d.summary.clone()).unwrap_or_else(|| "Act now".into());
    dom::announce_page(title.clone(), heading, false);
    view! {
        <div class="govuk-panel pw-interrupt" data-testid="interrupt">
            <h1 class="govuk-panel__title" tabindex="-1" node_ref=heading>{title}</h1>
        </div>
        {destinations
            .into_iter()
            .map(|d| view! {
                <h2 class="govuk-heading-m">{d.name.clone()}</h2>
                <DestinationContacts destination=d/>
            })
            .collect_view()}
        <button type="button" class="govuk-button" data-testid="continue" on:click=move |_| state.resume()>
            "Continue with the pathway"
        </button>
    }
    .into_any()
}

/// For the pathway's author: why it will not load, with line, column and fix.
#[component]
pub fn ProblemPage(source: String, report: String) -> impl IntoView {
    let heading = NodeRef::new();
    dom::announce_page("This pathway could not be loaded".into(), heading, true);
    view! {
        <h1 class="govuk-heading-l" tabindex="-1" node_ref=heading>"This pathway could not be loaded"</h1>
        <p class="govuk-body">
            "The pathway file " <code>{source}</code> " has problems. Nothing has been shown to practitioners from it. "
            "Give this report to whoever looks after the pathway."
        </p>
        <pre class="pw-diagnostics" data-testid="diagnostics" tabindex="0">{report}</pre>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let Some(state) = use_context::<AppState>() else { return ().into_any() };
    let line = move || {
        state
            .pathway
            .get()
            .map(|p| format!("{} — version {}. {}", p.meta().title, p.meta().version, p.meta().disclaimer))
    };
    view! {
        <footer class="pw-footer">
            <div class="govuk-width-container">
                <p class="govuk-body-s">{line}</p>
                <p class="govuk-body-s">"Runs entirely in your browser: nothing you enter is sent or stored."</p>
            </div>
        </footer>
    }
    .into_any()
}
