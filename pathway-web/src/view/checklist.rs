//! A checklist, a topic at a time: each item's number and text as its legend, its four answers
//! in a compact grid (two by two on a phone), and a count of items answered.

use super::choices::{RADIO, choice};
use super::parts::{form_group, heading, hint_and_body, inline_error};
use crate::app::Question;
use leptos::prelude::*;
use pathway_core::{ChecklistItem, Reply};

#[component]
pub fn Checklist(question: Question) -> impl IntoView {
    let answered = question.answered().unwrap_or_default();
    let topics = question.step.kind.topics();
    let count = topics.len();
    let at = question.topic.min(count.saturating_sub(1));
    // Items are numbered through the whole checklist, as the core numbers them.
    let first_number: usize = topics.iter().take(at).map(|(_, items)| items.len()).sum();
    let topic = topics.get(at).map(|(title, items)| {
        let caption = (count > 1).then(|| {
            view! {
                <h2 class="govuk-heading-m" data-testid="topic" data-topic=format!("{}/{count}", at + 1)>
                    <span class="govuk-caption-m">{format!("Part {} of {count}", at + 1)}</span>
                    {title.map(str::to_owned)}
                </h2>
            }
            .into_any()
        });
        let items: Vec<AnyView> = items
            .iter()
            .enumerate()
            .map(|(n, item)| checklist_item(&question, item, first_number + n + 1))
            .collect();
        (caption, view! { <div class="pw-checklist">{items}</div> }).into_any()
    });
    view! {
        {heading(question.step.title.clone())}
        {hint_and_body(&question.step)}
        <p class="govuk-body-s" role="status" data-testid="answered">
            {answered}
        </p>
        {topic}
    }
}

/// One item: its legend, any problem with it, and its four answers.
fn checklist_item(question: &Question, item: &ChecklistItem, number: usize) -> AnyView {
    let errors = &question.errors;
    let name = format!("item-{}", item.id);
    let first = format!("{name}-0");
    let answers: Vec<AnyView> = Reply::ALL
        .iter()
        .enumerate()
        .map(|(k, reply)| {
            let ticked = question.is_checked(&name, reply.id());
            choice(
                RADIO,
                name.clone(),
                reply.id().into(),
                format!("{name}-{k}"),
                reply.label().into(),
                None,
                ticked,
            )
        })
        .collect();
    view! {
        <div class=form_group(errors, &first) data-testid="checklist-item">
            <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
                    {format!("{number}. {}", item.text)}
                </legend>
                {item.hint.clone().map(|h| view! { <div class="govuk-hint">{h}</div> }.into_any())}
                {inline_error(errors, &first)}
                <div class="govuk-radios govuk-radios--small govuk-radios--inline pw-answer-grid">{answers}</div>
            </fieldset>
        </div>
    }
    .into_any()
}
