//! Where to refer, most urgent first, with who, why, how and by when; and a destination's
//! contacts, forms and consent guidance, which the interrupt shows too.

use super::parts::{list, paragraph, paragraphs};
use crate::app::OUTCOME_TITLE;
use leptos::prelude::*;
use pathway_core::{ContactKind, Destination, Outcome, Referral, RiskOutcome};

/// The outcome; `referred` holds each referral's destination, in the same order.
#[component]
pub fn Outcome(outcome: Outcome, referred: Vec<Destination>, stamp: String) -> impl IntoView {
    let act_now: Vec<String> = outcome
        .referrals
        .iter()
        .zip(&referred)
        .filter(|(r, _)| r.interrupt)
        .map(|(r, d)| d.summary.clone().unwrap_or_else(|| r.name.clone()))
        .collect();
    let meta = &outcome.pathway;
    let produced = format!("{} — version {} — produced {stamp}", meta.title, meta.version);
    let warnings: Vec<AnyView> = outcome
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
            .into_any()
        })
        .collect();
    let referrals: Vec<AnyView> =
        outcome.referrals.iter().zip(referred).enumerate().map(|(i, (r, d))| referral(i + 1, r, d)).collect();
    let advice = (!outcome.advice.is_empty()).then(|| {
        let advice = outcome.advice.iter().map(|a| a.text.clone()).collect();
        (
            view! { <h2 class="govuk-heading-m">"Advice to give"</h2> },
            list("govuk-list govuk-list--bullet", advice),
        )
            .into_any()
    });
    view! {
        // Not printed: a printed summary has nowhere to go back to.
        <a href="" class="govuk-back-link pw-no-print" data-action="back" data-testid="back">"Back"</a>
        <h1 class="govuk-heading-l" tabindex="-1">
            {OUTCOME_TITLE}
        </h1>
        <p class="govuk-body-s pw-stamp" data-testid="stamp">
            {produced}
        </p>
        {act_now_banner(act_now)}
        {risk(outcome.risk.clone())}
        {warnings}
        <h2 class="govuk-heading-l">"Referrals, most urgent first"</h2>
        {referrals}
        {advice}
        <div class="govuk-button-group pw-no-print">
            <button type="button" class="govuk-button" data-action="print" data-testid="print">
                "Print"
            </button>
            <button
                type="button"
                class="govuk-button govuk-button--secondary"
                data-action="copy"
                data-testid="copy"
            >
                "Copy summary for case notes"
            </button>
            <button
                type="button"
                class="govuk-button govuk-button--secondary"
                data-action="restart"
                data-testid="restart"
            >
                "Start again"
            </button>
        </div>
        // Says whether copying worked (`browser::events`).
        <p class="govuk-body" role="status" data-testid="copied"></p>
    }
}

/// What to do at once, repeated at the top of the outcome.
fn act_now_banner(summaries: Vec<String>) -> Option<AnyView> {
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
                    {paragraphs("govuk-notification-banner__heading", summaries)}
                </div>
            </div>
        }
        .into_any()
    })
}

/// The risk level and the criteria the core found, the first being the one to give on a form.
fn risk(risk: Option<RiskOutcome>) -> AnyView {
    let Some(r) = risk else {
        return view! { <p class="govuk-body" data-testid="risk">"Risk level: not assessed on this walk."</p> }
            .into_any();
    };
    let criteria = (!r.criteria.is_empty()).then(|| {
        let items: Vec<AnyView> = r
            .criteria
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let label = if i == 0 {
                    format!("{} (give this criterion on the referral form)", c.label)
                } else {
                    c.label.clone()
                };
                view! { <li data-criterion=c.id.to_string()>{label}</li> }.into_any()
            })
            .collect();
        (
            paragraph("govuk-body pw-lead-in", format!("{}:", r.criteria_heading)),
            view! { <ul class="govuk-list govuk-list--bullet">{items}</ul> },
        )
            .into_any()
    });
    let description = r.description.clone().map(|d| paragraph("govuk-body", d));
    view! {
        <div class="govuk-inset-text pw-risk" data-testid="risk" data-level=r.level.to_string()>
            <h2 class="govuk-heading-m">{r.label.clone()}</h2>
            {paragraph("govuk-body", r.summary.clone())}
            {description}
            {criteria}
        </div>
    }
    .into_any()
}

/// One referral: how urgent, why (with the answers behind each reason), and how.
fn referral(number: usize, referral: &Referral, destination: Destination) -> AnyView {
    let reasons: Vec<AnyView> = referral
        .reasons
        .iter()
        .map(|reason| {
            let because = (!reason.because.is_empty()).then(|| {
                let facts = reason.because.iter().map(ToString::to_string).collect();
                (
                    paragraph("govuk-body-s pw-lead-in", "Because:".into()),
                    list("govuk-list govuk-list--bullet govuk-body-s", facts),
                )
                    .into_any()
            });
            (paragraph("govuk-body", reason.text.clone()), because).into_any()
        })
        .collect();
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
            {contacts(destination)}
        </section>
    }
    .into_any()
}

/// A destination's contacts, forms and consent guidance. Phone numbers are `tel:` links and
/// email addresses `mailto:` links; web links open in a new tab without a referrer.
pub fn contacts(destination: Destination) -> AnyView {
    let d = destination;
    let contacts: Vec<AnyView> = d
        .contacts
        .into_iter()
        .map(|c| {
            let plain = c.value.replace(' ', "");
            let (href, text) = match c.kind {
                ContactKind::Phone => (format!("tel:{plain}"), c.value),
                ContactKind::Text => (format!("sms:{plain}"), format!("{} (text)", c.value)),
                ContactKind::Email => (format!("mailto:{}", c.value), c.value),
                ContactKind::Web => (c.value.clone(), format!("{} (opens in new tab)", c.value)),
            };
            let link = link(href, text, c.kind == ContactKind::Web);
            (c.label.map(|l| format!("{l}: ")), link, c.hours.map(|h| format!(" ({h})"))).into_any()
        })
        .map(|item| view! { <li>{item}</li> }.into_any())
        .collect();
    let forms = (!d.forms.is_empty()).then(|| {
        let forms: Vec<AnyView> = d
            .forms
            .into_iter()
            .map(|f| {
                let name = match f.url {
                    Some(url) => link(url, f.name, true),
                    None => f.name.into_any(),
                };
                view! { <li>{name} {f.note.map(|n| format!(" — {n}"))}</li> }.into_any()
            })
            .collect();
        view! {
            <p class="govuk-body pw-lead-in">
                <strong>"What to send"</strong>
            </p>
            <ul class="govuk-list govuk-list--bullet">{forms}</ul>
        }
        .into_any()
    });
    let consent =
        d.consent.map(|c| view! { <p class="govuk-body"><strong>"Consent: "</strong>{c}</p> }.into_any());
    let checked = d
        .last_checked
        .map(|date| paragraph("govuk-body-s pw-checked", format!("Contact details last checked {date}")));
    view! {
        {d.summary.map(|s| paragraph("govuk-body", s))}
        <ul class="govuk-list pw-contacts">{contacts}</ul>
        {forms}
        {consent}
        {paragraphs("govuk-body", d.notes)}
        {checked}
    }
    .into_any()
}

/// A link; one to another site opens in a new tab, and tells it nothing of this one.
fn link(href: String, text: String, external: bool) -> AnyView {
    view! {
        <a
            class="govuk-link"
            href=href
            rel=external.then_some("noreferrer noopener")
            target=external.then_some("_blank")
        >
            {text}
        </a>
    }
    .into_any()
}
