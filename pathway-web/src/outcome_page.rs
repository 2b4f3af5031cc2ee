//! Where to refer, most urgent first, with who, why, how and by when.

use crate::{AppState, Screen, dom};
use leptos::prelude::*;
use pathway_core::{ContactKind, Destination, Outcome, Pathway, Referral};
use std::sync::Arc;

/// A destination's contacts, forms and consent guidance. Phone numbers are `tel:` links and
/// email addresses `mailto:` links; web links open in a new tab without a referrer.
#[component]
pub fn DestinationContacts(destination: Destination) -> impl IntoView {
    let contacts = destination
        .contacts
        .iter()
        .map(|c| {
            let label = c.label.clone().map(|l| format!("{l}: ")).unwrap_or_default();
            let hours = c.hours.clone().map(|h| format!(" ({h})")).unwrap_or_default();
            let link = match c.kind {
                ContactKind::Phone => view! { <a class="govuk-link" href=format!("tel:{}", c.value.replace(' ', ""))>{c.value.clone()}</a> }.into_any(),
                ContactKind::Text => view! { <a class="govuk-link" href=format!("sms:{}", c.value.replace(' ', ""))>{format!("{} (text)", c.value)}</a> }.into_any(),
                ContactKind::Email => view! { <a class="govuk-link" href=format!("mailto:{}", c.value)>{c.value.clone()}</a> }.into_any(),
                ContactKind::Web => view! { <a class="govuk-link" href=c.value.clone() rel="noreferrer noopener" target="_blank">{format!("{} (opens in new tab)", c.value)}</a> }.into_any(),
            };
            view! { <li>{label}{link}{hours}</li> }
        })
        .collect_view();
    let forms = destination
        .forms
        .iter()
        .map(|f| {
            let note = f.note.clone().map(|n| format!(" — {n}")).unwrap_or_default();
            match &f.url {
                Some(url) => view! { <li><a class="govuk-link" href=url.clone() rel="noreferrer noopener" target="_blank">{f.name.clone()}</a>{note}</li> }.into_any(),
                None => view! { <li>{f.name.clone()}{note}</li> }.into_any(),
            }
        })
        .collect_view();
    let has_forms = !destination.forms.is_empty();
    view! {
        {destination.summary.clone().map(|s| view! { <p class="govuk-body">{s}</p> })}
        <ul class="govuk-list pw-contacts">{contacts}</ul>
        {has_forms.then(|| view! { <p class="govuk-body pw-lead-in"><strong>"What to send"</strong></p><ul class="govuk-list govuk-list--bullet">{forms}</ul> })}
        {destination.consent.clone().map(|c| view! { <p class="govuk-body"><strong>"Consent: "</strong>{c}</p> })}
        {destination.notes.iter().map(|n| view! { <p class="govuk-body">{n.clone()}</p> }).collect_view()}
        {destination.last_checked.clone().map(|d| view! { <p class="govuk-body-s pw-checked">"Contact details last checked " {d}</p> })}
    }
}

fn referral_card(index: usize, referral: Referral, pathway: &Pathway) -> impl IntoView {
    let destination = pathway.destination(referral.destination.as_str()).cloned();
    let reasons = referral
        .reasons
        .iter()
        .map(|r| {
            let because = r.because.iter().map(|f| view! { <li>{f.to_string()}</li> }).collect_view();
            let has_because = !r.because.is_empty();
            view! {
                <p class="govuk-body">{r.text.clone()}</p>
                {has_because.then(|| view! { <p class="govuk-body-s pw-lead-in">"Because:"</p><ul class="govuk-list govuk-list--bullet govuk-body-s">{because}</ul> })}
            }
        })
        .collect_view();
    view! {
        <section class="pw-referral" data-testid="referral" data-destination=referral.destination.to_string() data-interrupt=referral.interrupt.to_string()>
            <h3 class="govuk-heading-m">{format!("{}. {}", index + 1, referral.name)}</h3>
            <p class="govuk-body"><strong class="govuk-tag pw-urgency">{referral.urgency.to_string()}</strong></p>
            <h4 class="govuk-heading-s">"Why"</h4>
            {reasons}
            <h4 class="govuk-heading-s">"How"</h4>
            {destination.map(|d| view! { <DestinationContacts destination=d/> })}
        </section>
    }
}

#[component]
pub fn OutcomePage() -> impl IntoView {
    let Some(state) = use_context::<AppState>() else { return ().into_any() };
    let heading = NodeRef::new();
    dom::announce_page("Where to refer".into(), heading, false);
    let (Some(pathway), Some(session)) = (state.pathway.get_untracked(), state.session.get_untracked())
    else {
        return ().into_any();
    };
    let Ok(outcome) = session.outcome(&pathway) else { return ().into_any() };
    let stamp = dom::now_stamp();
    let notes =
        format!("{}Produced {stamp}. Pathway version {}.\n", outcome.to_text(), outcome.pathway.version);
    let copied = RwSignal::new(String::new());
    let copy = move |_| {
        let text = notes.clone();
        leptos::task::spawn_local(async move {
            let promise = window().navigator().clipboard().write_text(&text);
            let result = wasm_bindgen_futures::JsFuture::from(promise).await;
            copied.set(if result.is_ok() {
                "Summary copied. Paste it into your case notes.".into()
            } else {
                "Copying did not work: use Print instead.".into()
            });
        });
    };
    let restart = move |_| {
        state.clear();
        state.screen.set(Screen::Start);
    };
    view! {
        <a href="" class="govuk-back-link pw-no-print" data-testid="back" on:click=move |ev: leptos::ev::MouseEvent| {
            ev.prevent_default();
            state.screen.set(Screen::Check);
        }>"Back"</a>
        <h1 class="govuk-heading-l" tabindex="-1" node_ref=heading>"Where to refer"</h1>
        <p class="govuk-body-s pw-stamp" data-testid="stamp">
            {format!("{} — version {} — produced {stamp}", outcome.pathway.title, outcome.pathway.version)}
        </p>
        {interrupts(&outcome, &pathway)}
        {risk(&outcome)}
        {warnings(&outcome)}
        <h2 class="govuk-heading-l">"Referrals, most urgent first"</h2>
        {outcome.referrals.iter().cloned().enumerate().map(|(i, r)| referral_card(i, r, &pathway)).collect_view()}
        {advice(&outcome)}
        <div class="govuk-button-group pw-no-print">
            <button type="button" class="govuk-button" data-testid="print" on:click=move |_| { let _ = window().print(); }>"Print"</button>
            <button type="button" class="govuk-button govuk-button--secondary" data-testid="copy" on:click=copy>"Copy summary for case notes"</button>
            <button type="button" class="govuk-button govuk-button--secondary" data-testid="restart" on:click=restart>"Start again"</button>
        </div>
        <p class="govuk-body" role="status" data-testid="copied">{move || copied.get()}</p>
    }
    .into_any()
}

fn interrupts(outcome: &Outcome, pathway: &Arc<Pathway>) -> impl IntoView {
    let urgent: Vec<_> = outcome.referrals.iter().filter(|r| r.interrupt).cloned().collect();
    (!urgent.is_empty()).then(|| {
        let items = urgent
            .into_iter()
            .map(|r| {
                let summary = pathway.destination(r.destination.as_str()).and_then(|d| d.summary.clone()).unwrap_or(r.name.clone());
                view! { <p class="govuk-notification-banner__heading">{summary}</p> }
            })
            .collect_view();
        view! {
            <div class="govuk-notification-banner govuk-notification-banner--success pw-act-now" role="alert" data-testid="act-now">
                <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title">"Act now"</h2></div>
                <div class="govuk-notification-banner__content">{items}</div>
            </div>
        }
    })
}

fn risk(outcome: &Outcome) -> impl IntoView {
    match &outcome.risk {
        None => {
            view! { <p class="govuk-body" data-testid="risk">"Risk level: not assessed on this walk."</p> }
                .into_any()
        }
        Some(r) => {
            let criteria = r
                .criteria
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let first = if i == 0 { " (give this criterion on the referral form)" } else { "" };
                    view! { <li data-criterion=c.id.to_string()>{format!("{}{first}", c.label)}</li> }
                })
                .collect_view();
            let has_criteria = !r.criteria.is_empty();
            view! {
                <div class="govuk-inset-text pw-risk" data-testid="risk" data-level=r.level.to_string()>
                    <h2 class="govuk-heading-m">{r.label.clone()}</h2>
                    <p class="govuk-body">{r.summary.clone()}</p>
                    {r.description.clone().map(|d| view! { <p class="govuk-body">{d}</p> })}
                    {has_criteria.then(|| view! { <p class="govuk-body pw-lead-in">{format!("{}:", r.criteria_heading)}</p><ul class="govuk-list govuk-list--bullet">{criteria}</ul> })}
                </div>
            }
            .into_any()
        }
    }
}

fn warnings(outcome: &Outcome) -> impl IntoView {
    outcome
        .warnings
        .iter()
        .map(|w| {
            view! {
                <div class="govuk-warning-text" data-testid="warning" data-route=w.route.to_string()>
                    <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                    <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">"Warning"</span>{w.text.clone()}</strong>
                </div>
            }
        })
        .collect_view()
}

fn advice(outcome: &Outcome) -> impl IntoView {
    (!outcome.advice.is_empty()).then(|| {
        let items = outcome.advice.iter().map(|a| view! { <li>{a.text.clone()}</li> }).collect_view();
        view! {
            <h2 class="govuk-heading-m">"Advice to give"</h2>
            <ul class="govuk-list govuk-list--bullet">{items}</ul>
        }
    })
}
