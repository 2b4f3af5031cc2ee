//! What the pages share: the back link, the error summary, a field's inline error and form
//! group, a step's heading, hint and body, and paragraphs and lists.
//!
//! Parts shown only sometimes, and lists, are erased to one type each (`Option<AnyView>`,
//! `Vec<AnyView>`), so the wasm holds one copy of the code that draws them, not one for each
//! kind of part: that is most of what Leptos costs a phone's download (docs/performance.md).

use crate::app::FieldError;
use leptos::prelude::*;
use pathway_core::Step;

/// A GOV.UK back link, which goes back within the app, never in the browser's history
/// (`browser::events`).
pub fn back_link() -> AnyView {
    view! { <a href="" class="govuk-back-link" data-action="back" data-testid="back">"Back"</a> }.into_any()
}

/// "There is a problem", listing each problem with a link to the field to fix it.
pub fn error_summary(errors: &[FieldError]) -> Option<AnyView> {
    let links: Vec<AnyView> = errors
        .iter()
        .map(|e| {
            view! {
                <li>
                    // To the field, without a `#…` in the URL.
                    <a
                        href=format!("#{}", e.field)
                        data-focus=e.field.clone()
                    >
                        {e.message.clone()}
                    </a>
                </li>
            }
            .into_any()
        })
        .collect();
    (!errors.is_empty()).then(|| {
        view! {
            <div class="govuk-error-summary" tabindex="-1" data-testid="error-summary">
                <div role="alert">
                    <h2 class="govuk-error-summary__title">"There is a problem"</h2>
                    <div class="govuk-error-summary__body">
                        <ul class="govuk-list govuk-error-summary__list">{links}</ul>
                    </div>
                </div>
            </div>
        }
        .into_any()
    })
}

/// The problem with one field, if it has one.
pub fn error_for<'a>(errors: &'a [FieldError], field: &str) -> Option<&'a str> {
    errors.iter().find(|e| e.field == field).map(|e| e.message.as_str())
}

/// The inline error for one field, if it has one.
pub fn inline_error(errors: &[FieldError], field: &str) -> Option<AnyView> {
    error_for(errors, field).map(|message| {
        view! {
            <p class="govuk-error-message">
                <span class="govuk-visually-hidden">"Error: "</span>
                {message.to_owned()}
            </p>
        }
        .into_any()
    })
}

/// A form group's classes: marked when its field has a problem.
pub fn form_group(errors: &[FieldError], field: &str) -> &'static str {
    if error_for(errors, field).is_some() {
        "govuk-form-group govuk-form-group--error"
    } else {
        "govuk-form-group"
    }
}

/// The heading every page has, focused when the page opens.
pub fn heading(title: String) -> AnyView {
    view! { <h1 class="govuk-heading-l" tabindex="-1">{title}</h1> }.into_any()
}

/// A step's hint, which its field names with `aria-describedby`, and its paragraphs of help.
pub fn hint_and_body(step: &Step) -> AnyView {
    let hint =
        step.hint.clone().map(|h| view! { <div class="govuk-hint" id="answer-hint">{h}</div> }.into_any());
    (hint, paragraphs("govuk-body", step.body.clone())).into_any()
}

/// The id of a step's hint, for its field's `aria-describedby`, if it has one.
pub fn described_by(step: &Step) -> Option<&'static str> {
    step.hint.as_ref().map(|_| "answer-hint")
}

/// A paragraph of text.
pub fn paragraph(class: &'static str, text: String) -> AnyView {
    view! { <p class=class>{text}</p> }.into_any()
}

/// Paragraphs of text, each with the same classes.
pub fn paragraphs(class: &'static str, texts: Vec<String>) -> Vec<AnyView> {
    texts.into_iter().map(|text| paragraph(class, text)).collect()
}

/// A list, each item a line of text.
pub fn list(class: &'static str, items: Vec<String>) -> AnyView {
    let items: Vec<AnyView> = items.into_iter().map(|item| view! { <li>{item}</li> }.into_any()).collect();
    view! { <ul class=class>{items}</ul> }.into_any()
}
