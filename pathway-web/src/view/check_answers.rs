//! "Check your answers": every answer with a way to change it, before the outcome.

use super::parts::{back_link, heading};
use crate::app::CHECK_TITLE;
use leptos::prelude::*;
use pathway_core::AnswerSummary;

#[component]
pub fn CheckAnswers(rows: Vec<AnswerSummary>) -> impl IntoView {
    let rows: Vec<AnyView> = rows.into_iter().enumerate().map(|(i, row)| summary_row(row, i)).collect();
    view! {
        {back_link()}
        {heading(CHECK_TITLE.to_owned())}
        <dl class="govuk-summary-list" data-testid="summary">
            {rows}
        </dl>
        <button
            type="button"
            class="govuk-button"
            data-action="see-referrals"
            data-testid="see-referrals"
        >
            "See where to refer"
        </button>
    }
}

/// One answer: its question, the answer in words, and a way to change it where it can be.
fn summary_row(row: AnswerSummary, index: usize) -> AnyView {
    let class = if row.changeable {
        "govuk-summary-list__row"
    } else {
        "govuk-summary-list__row govuk-summary-list__row--no-actions"
    };
    let (question, change) = (format!("pw-question-{index}"), format!("pw-change-{index}"));
    let step = row.step.clone();
    let action = row.changeable.then(|| {
        view! {
            <dd class="govuk-summary-list__actions">
                // Named "Change" and the row's question, as GOV.UK's hidden text names it, but
                // from the question on screen: a hidden copy of every question was two fifths of
                // this long page's layout.
                <button
                    type="button"
                    class="pw-link-button govuk-link"
                    data-action="change"
                    id=change.clone()
                    aria-labelledby=format!("{change} {question}")
                    data-step=step.to_string()
                    data-testid=format!("change-{step}")
                >
                    "Change"
                </button>
            </dd>
        }
        .into_any()
    });
    view! {
        <div class=class>
            <dt class="govuk-summary-list__key" id=question.clone()>
                {row.question}
            </dt>
            <dd class="govuk-summary-list__value">{row.answer}</dd>
            {action}
        </div>
    }
    .into_any()
}
