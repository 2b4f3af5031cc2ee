//! The start page (static HTML, filled in here), the interrupt page, and the page for a pathway that will not load.

use crate::outcome_page::DestinationContacts;
use crate::{AppState, Screen, dom};
use leptos::prelude::*;
use pathway_core::DestinationId;

/// The start page is plain HTML in `index.html`, written by the site build from the default
/// pathway so that it shows (and "Exit this page" works) before this app has loaded. Here it
/// is filled in from the pathway actually loaded, shown only while the screen is `Start`, and
/// its "Start now" button is wired up, honouring a press made while the app was loading.
pub fn start_page(state: AppState) {
    // `start` does nothing until a pathway has loaded.
    dom::on_click("pw-start-button", move || state.start());
    Effect::new(move |_| {
        let Some(pathway) = state.pathway.get() else { return };
        let meta = pathway.meta();
        for (field, value) in [
            ("title", Some(&meta.title)),
            ("summary", meta.summary.as_ref()),
            ("disclaimer", Some(&meta.disclaimer)),
            ("version", Some(&meta.version)),
            ("last_reviewed", Some(&meta.last_reviewed)),
            ("owner", Some(&meta.owner)),
        ] {
            dom::fill(field, value.map(String::as_str));
        }
        let changes = meta.current_changes().map(|c| c.what.clone()).unwrap_or_default();
        dom::fill_list("pw-changes-list", &changes);
        dom::set_hidden("pw-changes", changes.is_empty());
        if dom::take_start_request() {
            state.start();
        }
    });
    Effect::new(move |was_start: Option<bool>| {
        let is_start = matches!(state.screen.get(), Screen::Start);
        dom::set_hidden("pw-start", !is_start);
        // Coming back to the start page (start again), not arriving on it: focus its heading.
        if is_start && was_start == Some(false) {
            dom::announce_start();
        }
        is_start
    });
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

/// Why the pathway will not load, for whoever looks after the site. The practitioner's app
/// reads only compiled pathways, so this is a file missing, damaged or built for another
/// version; an author's diagnostics come from `pathway check`.
#[component]
pub fn ProblemPage(source: String, report: String) -> impl IntoView {
    let heading = NodeRef::new();
    dom::announce_page("This pathway could not be loaded".into(), heading, true);
    view! {
        <h1 class="govuk-heading-l" tabindex="-1" node_ref=heading>"This pathway could not be loaded"</h1>
        <p class="govuk-body">"If anyone is in danger now, call 999."</p>
        <p class="govuk-body">
            "Nothing has been shown from the pathway file " <code>{source}</code> ": " {report} "."
        </p>
        <p class="govuk-body">"Tell whoever looks after this site."</p>
    }
}
