//! A question answered by ticking: radios (yes or no, one option) or checkboxes (any number of
//! options). The question is the fieldset's legend, and the legend the page's heading. The
//! risk questions' items are radios too, drawn by [`choice`].

use super::parts::{described_by, form_group, hint_and_body, inline_error};
use crate::app::Question;
use leptos::prelude::*;
use pathway_core::StepKind;

/// GOV.UK's classes for one kind of choice.
#[derive(Clone, Copy)]
pub struct Family {
    input_type: &'static str,
    item: &'static str,
    input: &'static str,
    label: &'static str,
    hint: &'static str,
}

pub const RADIO: Family = Family {
    input_type: "radio",
    item: "govuk-radios__item",
    input: "govuk-radios__input",
    label: "govuk-label govuk-radios__label",
    hint: "govuk-hint govuk-radios__hint",
};

const CHECKBOX: Family = Family {
    input_type: "checkbox",
    item: "govuk-checkboxes__item",
    input: "govuk-checkboxes__input",
    label: "govuk-label govuk-checkboxes__label",
    hint: "govuk-hint govuk-checkboxes__hint",
};

/// One radio button or checkbox, `name` = `value`, with its label and hint, ticked or not.
/// Ticking it tells the app (`browser::events`), which sets the page's controls again where
/// that changes others (an exclusive option unticks the rest).
pub fn choice(
    family: Family,
    name: String,
    value: String,
    id: String,
    label: String,
    hint: Option<String>,
    ticked: bool,
) -> AnyView {
    view! {
        <div class=family.item>
            <input
                class=family.input
                id=id.clone()
                name=name
                type=family.input_type
                value=value
                checked=ticked
            />
            <label class=family.label for=id>
                {label}
            </label>
            {hint.map(|h| view! { <div class=family.hint>{h}</div> }.into_any())}
        </div>
    }
    .into_any()
}

/// Radio buttons: the answers of a yes or no question, or the options of a single choice.
#[component]
pub fn Radios(question: Question) -> impl IntoView {
    let choices: Vec<(String, String, Option<String>)> = match &question.step.kind {
        StepKind::YesNo { allowed, .. } => {
            allowed.iter().map(|r| (r.id().into(), r.label().into(), None)).collect()
        }
        StepKind::SingleChoice { options } => {
            options.iter().map(|o| (o.id.to_string(), o.label.clone(), o.hint.clone())).collect()
        }
        _ => Vec::new(),
    };
    let items = choices
        .into_iter()
        .enumerate()
        .map(|(i, (value, label, hint))| {
            let ticked = question.is_checked("answer", &value);
            choice(RADIO, "answer".into(), value, format!("answer-{i}"), label, hint, ticked)
        })
        .collect();
    choice_fieldset(&question, "govuk-radios", items)
}

/// Checkboxes, one per option; an exclusive option ("None of these") after a divider.
#[component]
pub fn Checkboxes(question: Question) -> impl IntoView {
    let options = match &question.step.kind {
        StepKind::MultipleChoice { options } => options.clone(),
        _ => Vec::new(),
    };
    let mut items = Vec::new();
    for (i, o) in options.into_iter().enumerate() {
        if o.exclusive && i > 0 {
            items.push(view! { <div class="govuk-checkboxes__divider">"or"</div> }.into_any());
        }
        let ticked = question.is_checked("answer", o.id.as_str());
        items.push(choice(
            CHECKBOX,
            "answer".into(),
            o.id.to_string(),
            format!("answer-{i}"),
            o.label,
            o.hint,
            ticked,
        ));
    }
    choice_fieldset(&question, "govuk-checkboxes", items)
}

/// A one-question page of radios or checkboxes.
fn choice_fieldset(question: &Question, class: &'static str, choices: Vec<AnyView>) -> AnyView {
    let step = &question.step;
    view! {
        <div class=form_group(&question.errors, "answer-0")>
            <fieldset class="govuk-fieldset" aria-describedby=described_by(step)>
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--l">
                    <h1 class="govuk-fieldset__heading" tabindex="-1">
                        {step.title.clone()}
                    </h1>
                </legend>
                {hint_and_body(step)}
                {inline_error(&question.errors, "answer-0")}
                <div class=class>{choices}</div>
            </fieldset>
        </div>
    }
    .into_any()
}
