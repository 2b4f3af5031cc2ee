//! "Check your answers": every answer with a way to change it, before the outcome.

use super::parts::{BackLink, heading};
use super::ui::use_ui;
use crate::app::{Action, CHECK_TITLE};
use crate::browser::dom;
use leptos::prelude::*;
use pathway_core::AnswerSummary;

#[component]
pub fn CheckAnswers(rows: Vec<AnswerSummary>) -> impl IntoView {
    let ui = use_ui();
    let rows = rows.into_iter().enumerate().map(|(i, row)| view! { <Row row=row index=i /> }).collect_view();
    view! {
        <BackLink />
        {heading(CHECK_TITLE.to_owned())}
        <dl class="govuk-summary-list" data-testid="summary">
            {rows}
        </dl>
        <button
            type="button"
            class="govuk-button"
            data-action="see-referrals"
            data-testid="see-referrals"
            on:click=move |_| ui.dispatch(Action::SeeReferrals { stamp: dom::now_stamp() })
        >
            "See where to refer"
        </button>
    }
}

#[component]
fn Row(row: AnswerSummary, index: usize) -> impl IntoView {
    let ui = use_ui();
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
                    on:click=move |_| ui.dispatch(Action::Change(step.clone()))
                >
                    "Change"
                </button>
            </dd>
        }
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
}
