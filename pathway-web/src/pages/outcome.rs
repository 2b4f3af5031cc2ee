//! Where to refer, most urgent first, with who, why, how and by when.

use super::back_link;
use maud::{Markup, html};
use pathway_core::{ContactKind, Destination, Outcome, Pathway, Referral, Session};

pub const TITLE: &str = "Where to refer";

/// The summary "Copy summary for case notes" puts on the clipboard.
pub fn case_notes(pathway: &Pathway, session: &Session, stamp: &str) -> Option<String> {
    let outcome = session.outcome(pathway).ok()?;
    Some(format!("{}Produced {stamp}. Pathway version {}.\n", outcome.to_text(), outcome.pathway.version))
}

pub fn page(pathway: &Pathway, session: &Session, stamp: &str) -> Markup {
    let Ok(outcome) = session.outcome(pathway) else { return html! {} };
    html! {
        (back_link(Some("pw-no-print")))
        h1 class="govuk-heading-l" tabindex="-1" { (TITLE) }
        p class="govuk-body-s pw-stamp" data-testid="stamp" {
            (outcome.pathway.title) " — version " (outcome.pathway.version) " — produced " (stamp)
        }
        (act_now(&outcome, pathway))
        (risk(&outcome))
        @for w in &outcome.warnings {
            div class="govuk-warning-text" data-testid="warning" data-route=(w.route) {
                span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
                strong class="govuk-warning-text__text" { span class="govuk-visually-hidden" { "Warning" } (w.text) }
            }
        }
        h2 class="govuk-heading-l" { "Referrals, most urgent first" }
        @for (i, r) in outcome.referrals.iter().enumerate() { (referral(i, r, pathway)) }
        @if !outcome.advice.is_empty() {
            h2 class="govuk-heading-m" { "Advice to give" }
            ul class="govuk-list govuk-list--bullet" { @for a in &outcome.advice { li { (a.text) } } }
        }
        div class="govuk-button-group pw-no-print" {
            button type="button" class="govuk-button" data-action="print" data-testid="print" { "Print" }
            button type="button" class="govuk-button govuk-button--secondary" data-action="copy" data-testid="copy" {
                "Copy summary for case notes"
            }
            button type="button" class="govuk-button govuk-button--secondary" data-action="restart" data-testid="restart" {
                "Start again"
            }
        }
        p class="govuk-body" role="status" data-testid="copied" {}
    }
}

/// A destination's contacts, forms and consent guidance. Phone numbers are `tel:` links and
/// email addresses `mailto:` links; web links open in a new tab without a referrer.
pub fn destination_contacts(d: &Destination) -> Markup {
    html! {
        @if let Some(s) = &d.summary { p class="govuk-body" { (s) } }
        ul class="govuk-list pw-contacts" {
            @for c in &d.contacts {
                li {
                    @if let Some(l) = &c.label { (l) ": " }
                    @match c.kind {
                        ContactKind::Phone => a class="govuk-link" href={ "tel:" (c.value.replace(' ', "")) } { (c.value) },
                        ContactKind::Text => a class="govuk-link" href={ "sms:" (c.value.replace(' ', "")) } { (c.value) " (text)" },
                        ContactKind::Email => a class="govuk-link" href={ "mailto:" (c.value) } { (c.value) },
                        ContactKind::Web => a class="govuk-link" href=(c.value) rel="noreferrer noopener" target="_blank" {
                            (c.value) " (opens in new tab)"
                        },
                    }
                    @if let Some(h) = &c.hours { " (" (h) ")" }
                }
            }
        }
        @if !d.forms.is_empty() {
            p class="govuk-body pw-lead-in" { strong { "What to send" } }
            ul class="govuk-list govuk-list--bullet" {
                @for f in &d.forms {
                    li {
                        @if let Some(url) = &f.url {
                            a class="govuk-link" href=(url) rel="noreferrer noopener" target="_blank" { (f.name) }
                        } @else { (f.name) }
                        @if let Some(n) = &f.note { " — " (n) }
                    }
                }
            }
        }
        @if let Some(c) = &d.consent { p class="govuk-body" { strong { "Consent: " } (c) } }
        @for n in &d.notes { p class="govuk-body" { (n) } }
        @if let Some(date) = &d.last_checked { p class="govuk-body-s pw-checked" { "Contact details last checked " (date) } }
    }
}

fn referral(index: usize, r: &Referral, pathway: &Pathway) -> Markup {
    html! {
        section class="pw-referral" data-testid="referral" data-destination=(r.destination) data-interrupt=(r.interrupt) {
            h3 class="govuk-heading-m" { (index + 1) ". " (r.name) }
            p class="govuk-body" { strong class="govuk-tag pw-urgency" { (r.urgency) } }
            h4 class="govuk-heading-s" { "Why" }
            @for reason in &r.reasons {
                p class="govuk-body" { (reason.text) }
                @if !reason.because.is_empty() {
                    p class="govuk-body-s pw-lead-in" { "Because:" }
                    ul class="govuk-list govuk-list--bullet govuk-body-s" { @for fact in &reason.because { li { (fact) } } }
                }
            }
            h4 class="govuk-heading-s" { "How" }
            @if let Some(d) = pathway.destination(r.destination.as_str()) { (destination_contacts(d)) }
        }
    }
}

/// What to do at once, repeated at the top of the outcome.
fn act_now(outcome: &Outcome, pathway: &Pathway) -> Markup {
    let urgent: Vec<&Referral> = outcome.referrals.iter().filter(|r| r.interrupt).collect();
    html! {
        @if !urgent.is_empty() {
            div class="govuk-notification-banner govuk-notification-banner--success pw-act-now" role="alert" data-testid="act-now" {
                div class="govuk-notification-banner__header" { h2 class="govuk-notification-banner__title" { "Act now" } }
                div class="govuk-notification-banner__content" {
                    @for r in urgent {
                        p class="govuk-notification-banner__heading" {
                            (pathway.destination(r.destination.as_str()).and_then(|d| d.summary.as_deref()).unwrap_or(&r.name))
                        }
                    }
                }
            }
        }
    }
}

fn risk(outcome: &Outcome) -> Markup {
    html! {
        @match &outcome.risk {
            None => p class="govuk-body" data-testid="risk" { "Risk level: not assessed on this walk." },
            Some(r) => div class="govuk-inset-text pw-risk" data-testid="risk" data-level=(r.level) {
                h2 class="govuk-heading-m" { (r.label) }
                p class="govuk-body" { (r.summary) }
                @if let Some(d) = &r.description { p class="govuk-body" { (d) } }
                @if !r.criteria.is_empty() {
                    p class="govuk-body pw-lead-in" { (r.criteria_heading) ":" }
                    ul class="govuk-list govuk-list--bullet" {
                        @for (i, c) in r.criteria.iter().enumerate() {
                            li data-criterion=(c.id) {
                                (c.label) @if i == 0 { " (give this criterion on the referral form)" }
                            }
                        }
                    }
                }
            },
        }
    }
}
