//! A question answered by typing: a whole number, or free text. The question is the field's
//! label, and the label the page's heading.

use super::parts::{described_by, error_for, form_group, hint_and_body, inline_error};
use crate::app::Question;
use leptos::prelude::*;
use pathway_core::{Entry, StepKind};

#[component]
pub fn NumberField(question: Question) -> impl IntoView {
    let unit = match &question.step.kind {
        StepKind::Number { unit, .. } => unit.clone(),
        _ => None,
    };
    // A number with a problem is marked on the field too, as GOV.UK marks it.
    let class = if error_for(&question.errors, "answer").is_some() {
        "govuk-input govuk-input--width-4 govuk-input--error"
    } else {
        "govuk-input govuk-input--width-4"
    };
    let control = view! {
        <div class="govuk-input__wrapper">
            <input
                class=class
                id="answer"
                name="answer"
                type="text"
                inputmode="numeric"
                autocomplete="off"
                spellcheck="false"
                aria-describedby=described_by(&question.step)
                value=typed(&question)
            />
            {unit.map(|u| view! { <div class="govuk-input__suffix" aria-hidden="true">{u}</div> }.into_any())}
        </div>
    };
    labelled_field(&question, control.into_any())
}

#[component]
pub fn TextField(question: Question) -> impl IntoView {
    let class = if error_for(&question.errors, "answer").is_some() {
        "govuk-textarea govuk-textarea--error"
    } else {
        "govuk-textarea"
    };
    let control = view! {
        <textarea
            class=class
            id="answer"
            name="answer"
            rows="5"
            autocomplete="off"
            aria-describedby=described_by(&question.step)
        >
            {typed(&question)}
        </textarea>
    };
    labelled_field(&question, control.into_any())
}

/// What has been typed already (coming back to the question, or changing an answer).
fn typed(question: &Question) -> String {
    match &question.draft {
        Entry::Number(text) | Entry::Text(text) => text.clone(),
        _ => String::new(),
    }
}

/// A one-question page with a single control.
fn labelled_field(question: &Question, control: AnyView) -> AnyView {
    view! {
        <div class=form_group(&question.errors, "answer")>
            <h1 class="govuk-label-wrapper" tabindex="-1">
                <label class="govuk-label govuk-label--l" for="answer">
                    {question.step.title.clone()}
                </label>
            </h1>
            {hint_and_body(&question.step)}
            {inline_error(&question.errors, "answer")}
            {control}
        </div>
    }
    .into_any()
}
