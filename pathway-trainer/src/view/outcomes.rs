//! The outcome of the case; after a what-if, what changed and both outcomes side by side. Every
//! word is the core's or the pathway's.

use crate::engine::Played;
use crate::playback::WhatIf;
use crate::room::Room;
use leptos::prelude::*;

#[component]
pub fn Outcomes(room: Room) -> impl IntoView {
    let drawn = move || {
        room.playing.with(|playing| {
            let p = playing.as_ref().filter(|p| p.at_outcome())?;
            Some(match p.what_if() {
                WhatIf::Compared { step, compared } => {
                    let changed = compared.after.answers.iter().find(|a| &a.step == step);
                    let question = changed.map_or_else(|| step.to_string(), |a| a.question.clone());
                    let answer = changed.map(|a| a.answer.clone()).unwrap_or_default();
                    let lines = compared.in_words().into_iter().map(|line| view! { <li>{line}</li> }).collect_view();
                    view! {
                        <h2 class="govuk-heading-l" tabindex="-1">"What changes"</h2>
                        <p class="govuk-body">
                            {format!("What if “{question}” had been answered ")}
                            <strong>{answer}</strong>
                            "?"
                        </p>
                        <ul class="govuk-list govuk-list--bullet" data-testid="change">{lines}</ul>
                        <div class="pw-trainer__outcomes">
                            {column("As the case was", &compared.before, "outcome-before")}
                            {column("What if", &compared.after, "outcome-after")}
                        </div>
                    }
                    .into_any()
                }
                _ => view! {
                    <h2 class="govuk-heading-l" tabindex="-1">"Where to refer"</h2>
                    <div class="pw-trainer__outcomes">{column("This case", p.played(), "outcome-before")}</div>
                    <p class="govuk-body">"Press “What if…” beside an answer to change it and see both outcomes."</p>
                }
                .into_any(),
            })
        })
    };
    view! { <div id="tr-outcomes" data-testid="outcomes">{drawn}</div> }
}

/// One walk's outcome: its risk level and criteria, its referrals in order with their reasons,
/// and its warnings.
fn column(title: &'static str, played: &Played, testid: &'static str) -> AnyView {
    let o = &played.outcome;
    let risk = match &o.risk {
        Some(r) => format!("{}. {}", r.label, r.summary),
        None => "No risk level applies.".to_owned(),
    };
    let level = o.risk.as_ref().map(|r| r.level.to_string()).unwrap_or_default();
    let criteria = o.risk.as_ref().filter(|r| !r.criteria.is_empty()).map(|r| {
        let labels: Vec<&str> = r.criteria.iter().map(|c| c.label.as_str()).collect();
        view! { <p class="govuk-body">{format!("{}: {}", r.criteria_heading, labels.join("; "))}</p> }
    });
    let referrals = o
        .referrals
        .iter()
        .map(|r| {
            let reasons: Vec<&str> = r.reasons.iter().map(|x| x.text.as_str()).collect();
            view! {
                <li data-testid="referral" data-destination=r.destination.to_string()>
                    <strong>{r.name.clone()}</strong>
                    <br />
                    <span class="govuk-body-s">{reasons.join(" ")}</span>
                </li>
            }
        })
        .collect_view();
    let warnings = (!o.warnings.is_empty()).then(|| {
        let notes = o
            .warnings
            .iter()
            .map(|w| {
                view! { <p class="govuk-body" data-testid="warning" data-route=w.route.to_string()>{w.text.clone()}</p> }
            })
            .collect_view();
        view! { <div class="govuk-inset-text">{notes}</div> }
    });
    view! {
        <section class="pw-trainer__outcome" data-testid=testid>
            <h3 class="govuk-heading-m">{title}</h3>
            <p class="govuk-body" data-testid="risk" data-level=level>{risk}</p>
            {criteria}
            <ol class="govuk-list govuk-list--number">{referrals}</ol>
            {warnings}
        </section>
    }
    .into_any()
}
