//! What the question pages share: the back link, the error summary, a field's inline error and
//! form group, and a step's heading, hint and body.

use super::ui::use_ui;
use crate::app::{Action, FieldError};
use crate::browser::dom;
use leptos::prelude::*;
use pathway_core::Step;

/// A GOV.UK back link that goes back within the app, never in the browser's history.
#[component]
pub fn BackLink(#[prop(optional)] class: &'static str) -> impl IntoView {
    let ui = use_ui();
    let class =
        if class.is_empty() { "govuk-back-link".to_owned() } else { format!("govuk-back-link {class}") };
    view! {
        <a
            href=""
            class=class
            data-action="back"
            data-testid="back"
            on:click=move |ev| {
                ev.prevent_default();
                ui.dispatch(Action::Back);
            }
        >
            "Back"
        </a>
    }
}

/// "There is a problem", listing each problem with a link to the field to fix it.
pub fn error_summary(errors: &[FieldError]) -> impl IntoView + use<> {
    let links = errors
        .iter()
        .map(|e| {
            let field = e.field.clone();
            view! {
                <li>
                    // To the field, without a `#…` in the URL.
                    <a
                        href=format!("#{}", e.field)
                        data-focus=e.field.clone()
                        on:click=move |ev| {
                            ev.prevent_default();
                            dom::focus_id(&field);
                        }
                    >
                        {e.message.clone()}
                    </a>
                </li>
            }
        })
        .collect_view();
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
    })
}

/// The problem with one field, if it has one.
pub fn error_for<'a>(errors: &'a [FieldError], field: &str) -> Option<&'a str> {
    errors.iter().find(|e| e.field == field).map(|e| e.message.as_str())
}

/// The inline error for one field, if it has one.
pub fn inline_error(errors: &[FieldError], field: &str) -> impl IntoView + use<> {
    error_for(errors, field).map(|message| {
        view! {
            <p class="govuk-error-message">
                <span class="govuk-visually-hidden">"Error: "</span>
                {message.to_owned()}
            </p>
        }
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
pub fn heading(title: String) -> impl IntoView {
    view! { <h1 class="govuk-heading-l" tabindex="-1">{title}</h1> }
}

/// A step's hint, which its field names with `aria-describedby`, and its paragraphs of help.
pub fn hint_and_body(step: &Step) -> impl IntoView + use<> {
    let hint = step.hint.clone().map(|h| view! { <div class="govuk-hint" id="answer-hint">{h}</div> });
    let body = step.body.iter().map(|p| view! { <p class="govuk-body">{p.clone()}</p> }).collect_view();
    (hint, body)
}

/// The id of a step's hint, for its field's `aria-describedby`, if it has one.
pub fn described_by(step: &Step) -> Option<&'static str> {
    step.hint.as_ref().map(|_| "answer-hint")
}
