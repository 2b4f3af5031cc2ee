//! Every problem, where it is written (a button that goes there), what is wrong, how to fix it,
//! and its one-click fix where the core knows one.

use super::go_to_button;
use crate::desk::Desk;
use crate::protocol::{Problem, Severity};
use crate::studio;
use leptos::prelude::*;

#[component]
pub fn ProblemsTab(desk: Desk) -> impl IntoView {
    let summary = move || {
        desk.checked.with(|checked| match checked {
            None => "No pathway open.".to_owned(),
            Some(c) if c.problems.is_empty() => "No problems: the file loads, with no warnings.".to_owned(),
            Some(c) => format!(
                "The file {}. Each is listed below where it is written; select its place to go there.",
                studio::problems_line(c)
            ),
        })
    };
    let items = move || {
        let base = desk.base.with(|b| b.as_ref().map(|b| b.file.name.clone()));
        desk.checked.with(|checked| {
            let problems = checked.as_ref().map(|c| c.problems.as_slice()).unwrap_or_default();
            problems.iter().map(|p| problem(desk, p, base.as_deref())).collect::<Vec<_>>()
        })
    };
    view! {
        <p class="govuk-body">{summary}</p>
        <ol class="pw-studio__problems" data-testid="problems">{items}</ol>
    }
}

fn problem(desk: Desk, p: &Problem, base: Option<&str>) -> AnyView {
    let (severity, tag) = match p.severity {
        Severity::Error => ("error", "govuk-tag govuk-tag--red"),
        Severity::Warning => ("warning", "govuk-tag govuk-tag--yellow"),
    };
    let place = match p.place {
        Some(place) if place.in_base => view! {
            <span class="pw-studio__place">
                {format!("{}, line {}, column {}", base.unwrap_or("base"), place.line, place.column)}
            </span>
        }
        .into_any(),
        Some(place) => go_to_button(
            desk,
            place.line,
            place.column,
            format!("Line {}, column {}", place.line, place.column),
            Some("problem-place"),
        ),
        None => view! { <span class="pw-studio__place">"The whole file"</span> }.into_any(),
    };
    let fix = p.fix.clone().filter(|f| !f.in_base).map(|fix| {
        let label = fix.label.clone();
        view! {
            <button type="button" class="govuk-button govuk-button--secondary pw-studio__fix" data-testid="fix" on:click=move |_| desk.apply(&fix)>
                {label}
            </button>
        }
    });
    view! {
        <li class=format!("pw-studio__problem pw-studio__problem--{severity}") data-testid="problem" data-code=p.code.clone()>
            <strong class=tag>{severity}</strong>
            " "
            {place}
            <p class="govuk-body pw-studio__message">{format!("{} ({})", p.message, p.code)}</p>
            <p class="govuk-body-s">{p.help.clone()}</p>
            {fix}
        </li>
    }
    .into_any()
}
