//! One question per page, following the GOV.UK Design System's question pages. A checklist is
//! asked a topic at a time.

use super::back_link;
use crate::app::{FieldError, Question};
use maud::{Markup, html};
use pathway_core::{ChecklistItem, Entry, Reply, Step, StepKind};

pub fn page(q: &Question) -> Markup {
    html! {
        (back_link(None))
        div class="govuk-grid-row" {
            div class="govuk-grid-column-two-thirds-from-desktop" {
                (error_summary(&q.errors))
                form novalidate data-testid="question" data-step=(q.step.id) {
                    @if let Some((n, fewest, most)) = q.progress {
                        span class="govuk-caption-m" data-testid="progress" {
                            @if fewest == most { "Question " (n) " of " (most) }
                            @else { "Question " (n) " of about " (fewest) " to " (most) }
                        }
                    }
                    (fields(q))
                    button type="submit" class="govuk-button" data-testid="continue" { "Continue" }
                }
            }
        }
    }
}

fn error_summary(errors: &[FieldError]) -> Markup {
    html! {
        @if !errors.is_empty() {
            div class="govuk-error-summary" tabindex="-1" data-testid="error-summary" {
                div role="alert" {
                    h2 class="govuk-error-summary__title" { "There is a problem" }
                    div class="govuk-error-summary__body" {
                        ul class="govuk-list govuk-error-summary__list" {
                            @for e in errors {
                                li { a href={ "#" (e.field) } data-focus=(e.field) { (e.message) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The problem with one field, if it has one.
fn error_for<'a>(errors: &'a [FieldError], field: &str) -> Option<&'a FieldError> {
    errors.iter().find(|e| e.field == field)
}

/// The inline error for one field, if there is one.
fn inline_error(errors: &[FieldError], field: &str) -> Markup {
    html! {
        @if let Some(e) = error_for(errors, field) {
            p class="govuk-error-message" { span class="govuk-visually-hidden" { "Error: " } (e.message) }
        }
    }
}

fn form_group(errors: &[FieldError], field: &str) -> &'static str {
    if error_for(errors, field).is_some() {
        "govuk-form-group govuk-form-group--error"
    } else {
        "govuk-form-group"
    }
}

fn hint(step: &Step) -> Markup {
    html! { @if let Some(h) = &step.hint { div class="govuk-hint" id="answer-hint" { (h) } } }
}

fn body(step: &Step) -> Markup {
    html! { @for p in &step.body { p class="govuk-body" { (p) } } }
}

/// The heading every page has, focused when the page opens.
fn heading(step: &Step) -> Markup {
    html! { h1 class="govuk-heading-l" tabindex="-1" { (step.title) } }
}

fn fields(q: &Question) -> Markup {
    let step = &q.step;
    // A number or text with a problem is marked on the field too, as GOV.UK marks it.
    let wrong = error_for(&q.errors, "answer").is_some();
    match &step.kind {
        StepKind::YesNo { allowed, .. } => {
            let choices = allowed.iter().map(|r| (r.id(), r.label(), None));
            radios(q, choices.collect())
        }
        StepKind::SingleChoice { options } => {
            let choices = options.iter().map(|o| (o.id.as_str(), o.label.as_str(), o.hint.as_deref()));
            radios(q, choices.collect())
        }
        StepKind::MultipleChoice { options } => choice_fieldset(
            q,
            "govuk-checkboxes",
            html! {
                @for (i, o) in options.iter().enumerate() {
                    @if o.exclusive && i > 0 { div class="govuk-checkboxes__divider" { "or" } }
                    div class="govuk-checkboxes__item" {
                        input class="govuk-checkboxes__input" id={ "answer-" (i) } name="answer" type="checkbox"
                            value=(o.id) checked[q.is_checked("answer", o.id.as_str())];
                        label class="govuk-label govuk-checkboxes__label" for={ "answer-" (i) } { (o.label) }
                        @if let Some(h) = &o.hint { div class="govuk-hint govuk-checkboxes__hint" { (h) } }
                    }
                }
            },
        ),
        StepKind::Checklist { .. } => checklist(q),
        StepKind::Number { unit, .. } => {
            let typed = match &q.draft {
                Entry::Number(text) => text.as_str(),
                _ => "",
            };
            labelled_field(
                q,
                html! {
                    div class="govuk-input__wrapper" {
                        input class={ "govuk-input govuk-input--width-4" @if wrong { " govuk-input--error" } }
                            id="answer" name="answer" type="text"
                            inputmode="numeric" autocomplete="off" spellcheck="false"
                            aria-describedby=[step.hint.as_ref().map(|_| "answer-hint")] value=(typed);
                        @if let Some(u) = unit { div class="govuk-input__suffix" aria-hidden="true" { (u) } }
                    }
                },
            )
        }
        StepKind::Text { .. } => {
            let typed = match &q.draft {
                Entry::Text(text) => text.as_str(),
                _ => "",
            };
            labelled_field(
                q,
                html! {
                    textarea class={ "govuk-textarea" @if wrong { " govuk-textarea--error" } }
                        id="answer" name="answer" rows="5" autocomplete="off"
                        aria-describedby=[step.hint.as_ref().map(|_| "answer-hint")] { (typed) }
                },
            )
        }
        StepKind::Info => html! { (heading(step)) (hint(step)) (body(step)) },
    }
}

/// A checklist's current topic: each item's number and text as its legend, and the four
/// answers in a compact grid (two by two on a phone), with a count of items answered.
fn checklist(q: &Question) -> Markup {
    let step = &q.step;
    let topics = step.kind.topics();
    let count = topics.len();
    let at = q.topic.min(count.saturating_sub(1));
    // Items are numbered through the whole checklist, as the core numbers them.
    let first_number: usize = topics.iter().take(at).map(|(_, items)| items.len()).sum();
    html! {
        (heading(step))
        (hint(step))
        (body(step))
        p class="govuk-body-s" role="status" data-testid="answered" { (q.answered().unwrap_or_default()) }
        @if let Some((title, items)) = topics.get(at) {
            @if count > 1 {
                h2 class="govuk-heading-m" data-testid="topic" data-topic={ (at + 1) "/" (count) } {
                    span class="govuk-caption-m" { "Part " (at + 1) " of " (count) }
                    @if let Some(t) = title { (t) }
                }
            }
            div class="pw-checklist" {
                @for (n, item) in items.iter().enumerate() { (checklist_item(q, item, first_number + n + 1)) }
            }
        }
    }
}

fn checklist_item(q: &Question, item: &ChecklistItem, number: usize) -> Markup {
    let name = format!("item-{}", item.id);
    let first = format!("{name}-0");
    html! {
        div class=(form_group(&q.errors, &first)) data-testid="checklist-item" {
            fieldset class="govuk-fieldset" {
                legend class="govuk-fieldset__legend govuk-fieldset__legend--s" { (number) ". " (item.text) }
                @if let Some(h) = &item.hint { div class="govuk-hint" { (h) } }
                (inline_error(&q.errors, &first))
                div class="govuk-radios govuk-radios--small govuk-radios--inline pw-answer-grid" {
                    @for (k, reply) in Reply::ALL.iter().enumerate() {
                        div class="govuk-radios__item" {
                            input class="govuk-radios__input" id={ (name) "-" (k) } name=(name) type="radio"
                                value=(reply.id()) checked[q.is_checked(&name, reply.id())];
                            label class="govuk-label govuk-radios__label" for={ (name) "-" (k) } { (reply.label()) }
                        }
                    }
                }
            }
        }
    }
}

/// Radio buttons: `(value, label, hint)` each.
fn radios(q: &Question, choices: Vec<(&str, &str, Option<&str>)>) -> Markup {
    choice_fieldset(
        q,
        "govuk-radios",
        html! {
            @for (i, (value, label, hint)) in choices.into_iter().enumerate() {
                div class="govuk-radios__item" {
                    input class="govuk-radios__input" id={ "answer-" (i) } name="answer" type="radio" value=(value)
                        checked[q.is_checked("answer", value)];
                    label class="govuk-label govuk-radios__label" for={ "answer-" (i) } { (label) }
                    @if let Some(h) = hint { div class="govuk-hint govuk-radios__hint" { (h) } }
                }
            }
        },
    )
}

/// A one-question page with a single control: the question is its label, and the label the
/// page's heading.
fn labelled_field(q: &Question, control: Markup) -> Markup {
    html! {
        div class=(form_group(&q.errors, "answer")) {
            h1 class="govuk-label-wrapper" tabindex="-1" {
                label class="govuk-label govuk-label--l" for="answer" { (q.step.title) }
            }
            (hint(&q.step))
            (inline_error(&q.errors, "answer"))
            (control)
        }
    }
}

/// A one-question page of radios or checkboxes: the question is the legend, and the legend the
/// page's heading.
fn choice_fieldset(q: &Question, class: &str, choices: Markup) -> Markup {
    let step = &q.step;
    html! {
        div class=(form_group(&q.errors, "answer-0")) {
            fieldset class="govuk-fieldset" aria-describedby=[step.hint.as_ref().map(|_| "answer-hint")] {
                legend class="govuk-fieldset__legend govuk-fieldset__legend--l" {
                    h1 class="govuk-fieldset__heading" tabindex="-1" { (step.title) }
                }
                (hint(step))
                (body(step))
                (inline_error(&q.errors, "answer-0"))
                div class=(class) { (choices) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pathway_core::Pathway;

    /// GOV.UK marks a field with a problem three ways: the group, an inline message, the field.
    #[test]
    fn a_field_with_a_problem_is_marked_as_govuk_marks_it() {
        let pathway =
            Pathway::from_yaml(include_str!("../../../pathways/durham/pathway.yaml")).expect("loads");
        for (step, field) in
            [("incidents", "govuk-input--error"), ("judgement_reason", "govuk-textarea--error")]
        {
            let mut q = Question {
                step: pathway.step(step).expect("a step").clone(),
                progress: None,
                changing: false,
                draft: Entry::Text(String::new()),
                errors: Vec::new(),
                topic: 0,
            };
            assert!(!page(&q).into_string().contains(field));
            q.errors = vec![FieldError { field: "answer".into(), message: "Enter a number".into() }];
            let html = page(&q).into_string();
            assert!(html.contains("govuk-form-group--error") && html.contains(field), "{step}: {html}");
            assert!(html.contains(r#"<p class="govuk-error-message">"#), "{step}");
        }
    }
}
