//! Where to refer, most urgent first, with who, why, how and by when; and a destination's
//! contacts, forms and consent guidance, which the interrupt shows too.

use super::parts::BackLink;
use super::ui::use_ui;
use crate::app::{Action, OUTCOME_TITLE};
use crate::browser::dom;
use leptos::prelude::*;
use pathway_core::{ContactKind, Destination, Outcome, Referral, RiskOutcome};

/// The outcome; `referred` holds each referral's destination, in the same order.
#[component]
pub fn Outcome(outcome: Outcome, referred: Vec<Destination>, stamp: String) -> impl IntoView {
    let ui = use_ui();
    let copied = RwSignal::new("");
    let copy = move |_| {
        let Some(notes) = ui.read(|app| app.case_notes()).flatten() else { return };
        leptos::task::spawn_local(async move {
            copied.set(if dom::copy_to_clipboard(&notes).await {
                "Summary copied. Paste it into your case notes."
            } else {
                "Copying did not work: use Print instead."
            });
        });
    };
    let act_now: Vec<String> = outcome
        .referrals
        .iter()
        .zip(&referred)
        .filter(|(r, _)| r.interrupt)
        .map(|(r, d)| d.summary.clone().unwrap_or_else(|| r.name.clone()))
        .collect();
    let meta = &outcome.pathway;
    let produced = format!("{} — version {} — produced {stamp}", meta.title, meta.version);
    let warnings = outcome
        .warnings
        .iter()
        .map(|w| {
            view! {
                <div class="govuk-warning-text" data-testid="warning" data-route=w.route.to_string()>
                    <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                    <strong class="govuk-warning-text__text">
                        <span class="govuk-visually-hidden">"Warning"</span>
                        {w.text.clone()}
                    </strong>
                </div>
            }
        })
        .collect_view();
    let referrals = outcome
        .referrals
        .iter()
        .zip(referred)
        .enumerate()
        .map(|(i, (r, d))| view! { <ReferralSection number=i + 1 referral=r.clone() destination=d /> })
        .collect_view();
    let advice = (!outcome.advice.is_empty()).then(|| {
        view! {
            <h2 class="govuk-heading-m">"Advice to give"</h2>
            <ul class="govuk-list govuk-list--bullet">
                {outcome.advice.iter().map(|a| view! { <li>{a.text.clone()}</li> }).collect_view()}
            </ul>
        }
    });
    view! {
        <BackLink class="pw-no-print" />
        <h1 class="govuk-heading-l" tabindex="-1">
            {OUTCOME_TITLE}
        </h1>
        <p class="govuk-body-s pw-stamp" data-testid="stamp">
            {produced}
        </p>
        <ActNow summaries=act_now />
        <Risk risk=outcome.risk.clone() />
        {warnings}
        <h2 class="govuk-heading-l">"Referrals, most urgent first"</h2>
        {referrals}
        {advice}
        <div class="govuk-button-group pw-no-print">
            <button type="button" class="govuk-button" data-action="print" data-testid="print" on:click=|_| dom::print()>
                "Print"
            </button>
            <button
                type="button"
                class="govuk-button govuk-button--secondary"
                data-action="copy"
                data-testid="copy"
                on:click=copy
            >
                "Copy summary for case notes"
            </button>
            <button
                type="button"
                class="govuk-button govuk-button--secondary"
                data-action="restart"
                data-testid="restart"
                on:click=move |_| ui.dispatch(Action::Restart)
            >
                "Start again"
            </button>
        </div>
        <p class="govuk-body" role="status" data-testid="copied">
            {move || copied.get()}
        </p>
    }
}

/// What to do at once, repeated at the top of the outcome.
#[component]
fn ActNow(summaries: Vec<String>) -> impl IntoView {
    (!summaries.is_empty()).then(|| {
        view! {
            <div
                class="govuk-notification-banner govuk-notification-banner--success pw-act-now"
                role="alert"
                data-testid="act-now"
            >
                <div class="govuk-notification-banner__header">
                    <h2 class="govuk-notification-banner__title">"Act now"</h2>
                </div>
                <div class="govuk-notification-banner__content">
                    {summaries
                        .into_iter()
                        .map(|s| view! { <p class="govuk-notification-banner__heading">{s}</p> })
                        .collect_view()}
                </div>
            </div>
        }
    })
}

/// The risk level and the criteria met, the first being the one to give on a form.
#[component]
fn Risk(risk: Option<RiskOutcome>) -> impl IntoView {
    let Some(r) = risk else {
        return view! { <p class="govuk-body" data-testid="risk">"Risk level: not assessed on this walk."</p> }
            .into_any();
    };
    let criteria = (!r.criteria.is_empty()).then(|| {
        let heading = format!("{}:", r.criteria_heading);
        let items = r
            .criteria
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let label = if i == 0 {
                    format!("{} (give this criterion on the referral form)", c.label)
                } else {
                    c.label.clone()
                };
                view! { <li data-criterion=c.id.to_string()>{label}</li> }
            })
            .collect_view();
        view! {
            <p class="govuk-body pw-lead-in">{heading}</p>
            <ul class="govuk-list govuk-list--bullet">{items}</ul>
        }
    });
    view! {
        <div class="govuk-inset-text pw-risk" data-testid="risk" data-level=r.level.to_string()>
            <h2 class="govuk-heading-m">{r.label.clone()}</h2>
            <p class="govuk-body">{r.summary.clone()}</p>
            {r.description.clone().map(|d| view! { <p class="govuk-body">{d}</p> })}
            {criteria}
        </div>
    }
    .into_any()
}

/// One referral: how urgent, why (with the answers behind each reason), and how.
#[component]
fn ReferralSection(number: usize, referral: Referral, destination: Destination) -> impl IntoView {
    let reasons = referral
        .reasons
        .iter()
        .map(|reason| {
            let because = (!reason.because.is_empty()).then(|| {
                view! {
                    <p class="govuk-body-s pw-lead-in">"Because:"</p>
                    <ul class="govuk-list govuk-list--bullet govuk-body-s">
                        {reason.because.iter().map(|fact| view! { <li>{fact.to_string()}</li> }).collect_view()}
                    </ul>
                }
            });
            view! {
                <p class="govuk-body">{reason.text.clone()}</p>
                {because}
            }
        })
        .collect_view();
    view! {
        <section
            class="pw-referral"
            data-testid="referral"
            data-destination=referral.destination.to_string()
            data-interrupt=referral.interrupt.to_string()
        >
            <h3 class="govuk-heading-m">{format!("{number}. {}", referral.name)}</h3>
            <p class="govuk-body">
                <strong class="govuk-tag pw-urgency">{referral.urgency.to_string()}</strong>
            </p>
            <h4 class="govuk-heading-s">"Why"</h4>
            {reasons}
            <h4 class="govuk-heading-s">"How"</h4>
            <Contacts destination=destination />
        </section>
    }
}

/// A destination's contacts, forms and consent guidance. Phone numbers are `tel:` links and
/// email addresses `mailto:` links; web links open in a new tab without a referrer.
#[component]
pub fn Contacts(destination: Destination) -> impl IntoView {
    let d = destination;
    let contacts = d
        .contacts
        .into_iter()
        .map(|c| {
            let plain = c.value.replace(' ', "");
            let (href, text, external) = match c.kind {
                ContactKind::Phone => (format!("tel:{plain}"), c.value, false),
                ContactKind::Text => (format!("sms:{plain}"), format!("{} (text)", c.value), false),
                ContactKind::Email => (format!("mailto:{}", c.value), c.value, false),
                ContactKind::Web => (c.value.clone(), format!("{} (opens in new tab)", c.value), true),
            };
            view! {
                <li>
                    {c.label.map(|l| format!("{l}: "))}
                    <a
                        class="govuk-link"
                        href=href
                        rel=external.then_some("noreferrer noopener")
                        target=external.then_some("_blank")
                    >
                        {text}
                    </a>
                    {c.hours.map(|h| format!(" ({h})"))}
                </li>
            }
        })
        .collect_view();
    let forms = (!d.forms.is_empty()).then(|| {
        let forms = d
            .forms
            .into_iter()
            .map(|f| {
                let name = match f.url {
                    Some(url) => view! {
                        <a class="govuk-link" href=url rel="noreferrer noopener" target="_blank">{f.name}</a>
                    }
                    .into_any(),
                    None => f.name.into_any(),
                };
                view! { <li>{name} {f.note.map(|n| format!(" — {n}"))}</li> }
            })
            .collect_view();
        view! {
            <p class="govuk-body pw-lead-in">
                <strong>"What to send"</strong>
            </p>
            <ul class="govuk-list govuk-list--bullet">{forms}</ul>
        }
    });
    view! {
        {d.summary.map(|s| view! { <p class="govuk-body">{s}</p> })}
        <ul class="govuk-list pw-contacts">{contacts}</ul>
        {forms}
        {d.consent.map(|c| view! { <p class="govuk-body"><strong>"Consent: "</strong>{c}</p> })}
        {d.notes.into_iter().map(|n| view! { <p class="govuk-body">{n}</p> }).collect_view()}
        {d.last_checked.map(|date| view! { <p class="govuk-body-s pw-checked">{format!("Contact details last checked {date}")}</p> })}
    }
}
