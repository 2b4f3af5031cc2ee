//! The answers given so far, in the order asked; at the outcome, each that can be changed has
//! its "What if…" button.

use crate::room::Room;
use leptos::prelude::*;

#[component]
pub fn AnswersSoFar(room: Room) -> impl IntoView {
    let items = move || {
        room.playing.with(|playing| {
            let Some(p) = playing else { return Vec::new() };
            let at_outcome = p.at_outcome();
            p.played()
                .answers
                .iter()
                .map(|a| {
                    let step = a.step.clone();
                    let button = (at_outcome && a.changeable).then(|| {
                        let step = step.clone();
                        view! {
                            <button
                                type="button"
                                class="govuk-button govuk-button--secondary pw-trainer__what-if"
                                data-testid="what-if"
                                data-step=step.to_string()
                                on:click=move |_| room.what_if(step.clone())
                            >
                                "What if…"
                            </button>
                        }
                    });
                    view! {
                        <li data-step=step.to_string()>
                            <span class="pw-trainer__question">{a.question.clone()}</span>
                            " "
                            <strong>{a.answer.clone()}</strong>
                            " "
                            {button}
                        </li>
                    }
                    .into_any()
                })
                .collect::<Vec<_>>()
        })
    };
    view! { <ol class="govuk-list govuk-list--number pw-trainer__answers" data-testid="answers">{items}</ol> }
}
