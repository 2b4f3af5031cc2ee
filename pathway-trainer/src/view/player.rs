//! A case being played: its story, the controls, where the room is, the answers so far, and
//! at the outcome the what-if form and the outcomes.

use super::answers::AnswersSoFar;
use super::outcomes::Outcomes;
use super::question_form::QuestionForm;
use crate::playback::WhatIf;
use crate::room::Room;
use leptos::prelude::*;

#[component]
pub fn Player(room: Room) -> impl IntoView {
    let story = move || room.playing.with(|p| p.as_ref().map(|p| p.case().story.clone()));
    let at_start = move || room.playing.with(|p| p.as_ref().is_none_or(|p| p.shown() == 0));
    let at_outcome = move || room.playing.with(|p| p.as_ref().is_none_or(|p| p.at_outcome()));
    let position = move || room.playing.with(|p| p.as_ref().map(|p| p.position()));
    // The what-if form, while a question is asked: the answer being changed (the case's own
    // chosen), or the next question of the changed walk.
    let form = move || {
        let (question, current, then) = room
            .read(|engine, p| {
                let question = p.what_if_question(engine)?;
                let then = matches!(p.what_if(), WhatIf::Then { .. });
                let current = p.answer_to(&question.id).cloned().filter(|_| !then);
                Some((question, current, then))
            })
            .flatten()?;
        let lead = then.then_some(
            "The changed answer leads to a question this case does not answer. Answer it to go on.",
        );
        Some(view! {
            <div id="tr-what-if" data-testid="what-if-form">
                {lead.map(|lead| view! { <p class="govuk-body">{lead}</p> })}
                <QuestionForm
                    step=question
                    current=current
                    heading=if then { "Then" } else { "What if" }
                    room=room
                />
            </div>
        })
    };
    view! {
        <div data-testid="play">
            <p class="govuk-body-l pw-trainer__story" data-testid="story">{story}</p>
            <div class="pw-trainer__controls">
                <button
                    type="button"
                    class="govuk-button govuk-button--secondary"
                    data-testid="previous"
                    disabled=at_start
                    on:click=move |_| room.previous()
                >
                    "Back "
                    <span class="govuk-visually-hidden">"one answer"</span>
                </button>
                <button type="button" class="govuk-button" data-testid="next" disabled=at_outcome on:click=move |_| room.next()>
                    "Next answer"
                </button>
                <button
                    type="button"
                    class="govuk-button govuk-button--secondary"
                    aria-pressed=move || room.auto_on.get().to_string()
                    data-testid="auto"
                    on:click=move |_| room.toggle_auto()
                >
                    "Play by itself"
                </button>
                <button
                    type="button"
                    class="govuk-button govuk-button--secondary"
                    data-testid="cases"
                    on:click=move |_| room.back_to_cases()
                >
                    "All cases"
                </button>
            </div>
            <p class="govuk-body" role="status" aria-live="polite" data-testid="position">{position}</p>
            <h2 class="govuk-heading-m">"Answers so far"</h2>
            <AnswersSoFar room=room />
            {form}
            <Outcomes room=room />
        </div>
    }
}
