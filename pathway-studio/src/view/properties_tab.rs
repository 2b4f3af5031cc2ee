//! The declared properties and destination preconditions, proven over every walk; each not
//! proven first, with what broke it and, for one refuted, the shortest walk that breaks it as a
//! case study to add or download.

use super::go_to_button;
use crate::desk::Desk;
use crate::protocol::{Property, Verdict};
use crate::studio;
use leptos::prelude::*;

#[component]
pub fn PropertiesTab(desk: Desk) -> impl IntoView {
    let summary = move || {
        let loaded = desk.checked.with(|c| c.as_ref().is_some_and(|c| c.loaded));
        desk.verified.with(|v| match v {
            Some(v) => format!("{} over every walk.", studio::properties_line(v)),
            None if desk.checked.with(Option::is_some) && !loaded => {
                "The properties are proven once the file loads: fix the errors first.".to_owned()
            }
            None => "The pathway's declared properties are proven over every walk once it loads.".to_owned(),
        })
    };
    let list = move || {
        desk.verified.with(|v| {
            let Some(v) = v else { return Vec::new() };
            let (proven, open): (Vec<&Property>, Vec<&Property>) =
                v.properties.iter().partition(|p| p.verdict == Verdict::Proven);
            let mut items: Vec<AnyView> = open.into_iter().map(|p| property(desk, p)).collect();
            let names =
                proven.iter().map(|p| view! { <li>{format!("{}: {}", p.id, p.title)}</li> }).collect_view();
            let heading = format!("The {} proven", studio::count(proven.len(), "property", "properties"));
            items.push(
                view! {
                    <li>
                        <details class="govuk-details">
                            <summary class="govuk-details__summary">
                                <span class="govuk-details__summary-text">{heading}</span>
                            </summary>
                            <ul class="govuk-details__text govuk-list govuk-list--bullet">{names}</ul>
                        </details>
                    </li>
                }
                .into_any(),
            );
            items
        })
    };
    view! {
        <p class="govuk-body" data-testid="properties-summary">{summary}</p>
        <ul class="govuk-list pw-studio__properties" data-testid="properties">{list}</ul>
    }
}

fn property(desk: Desk, p: &Property) -> AnyView {
    let (verdict, words) = match p.verdict {
        Verdict::Proven => ("proven", "proven"),
        Verdict::Refuted => ("refuted", "broken"),
        Verdict::NeverApplies => ("never_applies", "never applies"),
        Verdict::Undecided => ("undecided", "not proven"),
    };
    let place = p.place.filter(|place| !place.in_base).map(|place| {
        view! { " (" {go_to_button(desk, place.line, place.column, format!("line {}", place.line), None)} ")" }
    });
    let broken = (!p.broken.is_empty()).then(|| {
        let items = p.broken.iter().map(|b| view! { <li>{b.clone()}</li> }).collect_view();
        view! { <ul class="govuk-list govuk-list--bullet">{items}</ul> }
    });
    let counterexample = p.case_study.clone().map(|case| {
        let name = studio::counterexample_file(&p.id);
        let (to_add, to_save) = ((name.clone(), case.clone()), (name, case.clone()));
        view! {
            <p class="govuk-body-s">
                "The shortest walk that breaks it, as a case study. Its expect is what the pathway does now: once the pathway is corrected, change it to what must happen."
            </p>
            <pre class="pw-studio__pre" data-testid="counterexample">{case}</pre>
            <div class="govuk-button-group">
                <button
                    type="button"
                    class="govuk-button govuk-button--secondary"
                    data-testid="add-case"
                    on:click=move |_| desk.add_case(to_add.0.clone(), to_add.1.clone())
                >
                    "Add to the case studies"
                </button>
                <button
                    type="button"
                    class="govuk-button govuk-button--secondary"
                    data-testid="download-case"
                    on:click=move |_| {
                        if let Err(why) = pathway_ui::files::download(&to_save.0, to_save.1.as_bytes(), "text/yaml") {
                            desk.say(why);
                        }
                    }
                >
                    "Download as a case study file"
                </button>
            </div>
        }
    });
    view! {
        <li class="pw-studio__property" data-testid="property" data-verdict=verdict>
            <strong class="govuk-tag govuk-tag--red">{words}</strong>
            " "
            <span>{format!("{}: {}", p.id, p.title)}</span>
            {place}
            {broken}
            {counterexample}
        </li>
    }
    .into_any()
}
