//! One question per page, following the GOV.UK Design System's question pages: the back link,
//! any problems, where the question is in the walk, its answer field, and Continue.

use super::checklist::Checklist;
use super::choices::{Checkboxes, Radios};
use super::parts::{back_link, error_summary, heading, hint_and_body};
use super::typed::{NumberField, TextField};
use crate::app::Question;
use leptos::prelude::*;
use pathway_core::StepKind;

/// The question on screen, as it stands: drawn afresh when another topic or its problems show.
#[component]
pub fn QuestionPage(question: Question) -> impl IntoView {
    let id = question.step.id.to_string();
    let summary = error_summary(&question.errors);
    let progress = question.progress.map(progress);
    view! {
        {back_link()}
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds-from-desktop">
                {summary}
                <form
                    novalidate
                    data-testid="question"
                    data-step=id
                >
                    {progress}
                    {answer(question)}
                    <button type="submit" class="govuk-button" data-testid="continue">
                        "Continue"
                    </button>
                </form>
            </div>
        </div>
    }
}

/// "Question 3 of about 9 to 14": the fewest and most questions left, as the core counts them.
fn progress((n, fewest, most): (usize, usize, usize)) -> AnyView {
    let text = if fewest == most {
        format!("Question {n} of {most}")
    } else {
        format!("Question {n} of about {fewest} to {most}")
    };
    view! { <span class="govuk-caption-m" data-testid="progress">{text}</span> }.into_any()
}

/// The field the question is answered in, by its kind.
fn answer(question: Question) -> AnyView {
    match &question.step.kind {
        StepKind::YesNo { .. } | StepKind::SingleChoice { .. } => {
            view! { <Radios question=question /> }.into_any()
        }
        StepKind::MultipleChoice { .. } => view! { <Checkboxes question=question /> }.into_any(),
        StepKind::Checklist { .. } => view! { <Checklist question=question /> }.into_any(),
        StepKind::Number { .. } => view! { <NumberField question=question /> }.into_any(),
        StepKind::Text { .. } => view! { <TextField question=question /> }.into_any(),
        StepKind::Info => (heading(question.step.title.clone()), hint_and_body(&question.step)).into_any(),
    }
}
