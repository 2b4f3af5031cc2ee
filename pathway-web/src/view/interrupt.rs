//! "Act now": shown at once when an answer calls for it (999), before the walk goes on.

use super::outcome::contacts;
use leptos::prelude::*;
use pathway_core::Destination;

#[component]
pub fn Interrupt(title: String, destinations: Vec<Destination>) -> impl IntoView {
    let destinations: Vec<AnyView> = destinations
        .into_iter()
        .map(|d| (view! { <h2 class="govuk-heading-m">{d.name.clone()}</h2> }, contacts(d)).into_any())
        .collect();
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
        >
            "Continue with the pathway"
        </button>
    }
}
