//! "Act now": shown at once when an answer calls for it (999), before the walk goes on.

use super::outcome::Contacts;
use super::ui::use_ui;
use crate::app::Action;
use leptos::prelude::*;
use pathway_core::Destination;

#[component]
pub fn Interrupt(title: String, destinations: Vec<Destination>) -> impl IntoView {
    let ui = use_ui();
    let destinations = destinations
        .into_iter()
        .map(|d| {
            view! {
                <h2 class="govuk-heading-m">{d.name.clone()}</h2>
                <Contacts destination=d />
            }
        })
        .collect_view();
    view! {
        <div class="govuk-panel pw-interrupt" data-testid="interrupt">
            <h1 class="govuk-panel__title" tabindex="-1">
                {title}
            </h1>
        </div>
        {destinations}
        <button
            type="button"
            class="govuk-button"
            data-action="resume"
            data-testid="continue"
            on:click=move |_| ui.dispatch(Action::Resume)
        >
            "Continue with the pathway"
        </button>
    }
}
