//! The case studies run on every change, what they reach, and the mutation check.

use super::go_to_button;
use crate::desk::{Desk, Run};
use crate::protocol::CoverageRow;
use crate::studio;
use leptos::prelude::*;

/// How many of those not reached are listed.
const LISTED: usize = 12;

#[component]
pub fn CasesTab(desk: Desk) -> impl IntoView {
    let summary = move || {
        let loaded = desk.checked.with(|c| c.as_ref().is_some_and(|c| c.loaded));
        let opened = desk.cases.with(|c| !c.is_empty());
        desk.cases_run.with(|run| match run {
            Some(run) => {
                let complete = run.coverage.iter().all(|l| l.missing.is_empty());
                let reach = if complete { ", covering everything" } else { "; coverage is incomplete" };
                format!("{}{reach}.", studio::cases_line(run))
            }
            None if desk.checked.with(Option::is_some) && !loaded => {
                "The case studies run once the file loads: fix the errors first.".to_owned()
            }
            None if opened => "Running the case studies…".to_owned(),
            None => "No case studies are open. Open them with the pathway (select several files at once) to run them on every change.".to_owned(),
        })
    };
    let coverage = move || desk.cases_run.with(|run| run.as_ref().map(|run| coverage_table(&run.coverage)));
    let cases = move || {
        desk.cases_run.with(|run| {
            let cases = run.as_ref().map(|r| r.cases.as_slice()).unwrap_or_default();
            cases
                .iter()
                .map(|c| {
                    let (tag, words) = if c.passed {
                        ("govuk-tag govuk-tag--green", "passes")
                    } else {
                        ("govuk-tag govuk-tag--red", "fails")
                    };
                    let title =
                        if c.title.is_empty() { c.name.clone() } else { format!("{}: {}", c.name, c.title) };
                    let failures = (!c.passed)
                        .then(|| view! { <pre class="pw-studio__pre">{c.failures.join("\n")}</pre> });
                    view! {
                        <li class="pw-studio__case" data-testid="case" data-passed=c.passed.to_string()>
                            <strong class=tag>{words}</strong>
                            {format!(" {title}")}
                            {failures}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let loaded = move || desk.checked.with(|c| c.as_ref().is_some_and(|c| c.loaded));
    let variant = move || desk.base.with(Option::is_some);
    view! {
        <p class="govuk-body" data-testid="cases-summary">{summary}</p>
        <div data-testid="coverage">{coverage}</div>
        <ul class="govuk-list pw-studio__cases" data-testid="cases">{cases}</ul>
        <h3 class="govuk-heading-s">"The mutation check"</h3>
        <p class="govuk-body-s">
            "Makes hundreds of small mistakes in copies of the pathway and lists those that neither the checks, the case studies nor the properties notice. It takes a minute or two."
        </p>
        <button
            type="button"
            class="govuk-button govuk-button--secondary"
            data-testid="run-mutants"
            disabled=move || !loaded() || variant() || desk.mutants.with(|m| *m == Run::Running)
            on:click=move |_| desk.run_mutants()
        >
            "Run the mutation check"
        </button>
        <div data-testid="mutants">{move || mutants(desk)}</div>
    }
}

fn coverage_table(rows: &[CoverageRow]) -> AnyView {
    let rows = rows
        .iter()
        .map(|l| {
            let missing = if l.missing.is_empty() {
                "all".to_owned()
            } else {
                let more = if l.missing.len() > LISTED { "…" } else { "" };
                let listed: Vec<&str> = l.missing.iter().take(LISTED).map(String::as_str).collect();
                format!("not reached: {}{more}", listed.join(", "))
            };
            view! {
                <tr class="govuk-table__row">
                    <th class="govuk-table__header" scope="row">{l.what.clone()}</th>
                    <td class="govuk-table__cell">{format!("{} of {}", l.covered, l.total)}</td>
                    <td class="govuk-table__cell">{missing}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="govuk-table pw-studio__coverage">
            <caption class="govuk-table__caption govuk-table__caption--s">"What the case studies reach"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th class="govuk-table__header" scope="col">
                        <span class="govuk-visually-hidden">"What"</span>
                    </th>
                    <th class="govuk-table__header" scope="col">"Reached"</th>
                    <th class="govuk-table__header" scope="col">"Not reached"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">{rows}</tbody>
        </table>
    }
    .into_any()
}

fn mutants(desk: Desk) -> AnyView {
    desk.mutants.with(|run| match run {
        Run::NotRun => ().into_any(),
        Run::Running => {
            view! { <p class="govuk-body" role="status">"Making and trying each mistake…"</p> }.into_any()
        }
        Run::Failed(why) => view! { <p class="govuk-body" role="alert">{why.clone()}</p> }.into_any(),
        Run::Done(run) => {
            let survivors = run
                .survived
                .iter()
                .map(|m| {
                    let go = m.place.filter(|p| !p.in_base).map(|p| {
                        go_to_button(desk, p.line, p.column, format!("Go to line {}", p.line), None)
                    });
                    view! {
                        <li>
                            <strong>{format!("{}: ", m.kind)}</strong>
                            {m.description.clone()}
                            <p class="govuk-body-s">{m.suggestion.clone()}</p>
                            {go}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <p class="govuk-body" data-testid="mutants-summary">{studio::mutants_line(run)}</p>
                <ul class="govuk-list">{survivors}</ul>
            }
            .into_any()
        }
    })
}
