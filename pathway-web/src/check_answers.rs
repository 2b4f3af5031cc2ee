//! "Check your answers": every answer with a way to change it, before the outcome.

use crate::{AppState, Screen, dom};
use leptos::prelude::*;

#[component]
pub fn CheckAnswers() -> impl IntoView {
    let Some(state) = use_context::<AppState>() else { return ().into_any() };
    let heading = NodeRef::new();
    dom::announce_page("Check your answers".into(), heading, false);
    let rows = move || {
        let (Some(pathway), Some(session)) = (state.pathway.get(), state.session.get()) else {
            return Vec::new();
        };
        session.summary(&pathway).unwrap_or_default()
    };
    let change = move |step: pathway_core::StepId| {
        let answer = state.session.get_untracked().and_then(|s| s.answer_to(step.as_str()).cloned());
        state.prefill.set(answer);
        state.changing.set(Some(step));
        state.screen.set(Screen::Walk);
    };
    let back = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(mut session) = state.session.get_untracked() {
            let taken = session.back();
            state.prefill.set(taken.map(|(_, a)| a));
            state.session.set(Some(session));
            state.screen.set(Screen::Walk);
        }
    };
    view! {
        <a href="" class="govuk-back-link" data-testid="back" on:click=back>"Back"</a>
        <h1 class="govuk-heading-l" tabindex="-1" node_ref=heading>"Check your answers"</h1>
        <dl class="govuk-summary-list" data-testid="summary">
            {move || {
                rows()
                    .into_iter()
                    .map(|row| {
                        let step = row.step.clone();
                        let action = row.changeable.then(|| {
                            let question = row.question.clone();
                            view! {
                                <dd class="govuk-summary-list__actions">
                                    <button type="button" class="pw-link-button govuk-link" data-testid=format!("change-{}", row.step)
                                        on:click=move |_| change(step.clone())>
                                        "Change"
                                        <span class="govuk-visually-hidden">{format!(" {question}")}</span>
                                    </button>
                                </dd>
                            }
                        });
                        view! {
                            <div class="govuk-summary-list__row">
                                <dt class="govuk-summary-list__key">{row.question}</dt>
                                <dd class="govuk-summary-list__value">{row.answer}</dd>
                                {action}
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </dl>
        <button type="button" class="govuk-button" data-testid="see-referrals" on:click=move |_| state.screen.set(Screen::Outcome)>
            "See where to refer"
        </button>
    }
    .into_any()
}
