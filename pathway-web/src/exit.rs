//! "Exit this page": a button on every page, and Shift pressed three times, replace the page
//! with a neutral site at once and drop everything the app holds. GOV.UK's Exit this page
//! component, researched with people with lived experience of domestic abuse, is the model.
//!
//! One deliberate difference: we use `location.replace`, so the back button skips the app
//! within the tab. It cannot erase browser history; the start page says so.

use crate::{AppState, Screen};
use leptos::prelude::*;
use std::time::Duration;

/// GOV.UK's default: a site that looks ordinary and is not personalised.
pub const DEFAULT_EXIT_URL: &str = "https://www.bbc.co.uk/weather";

/// How long between presses of Shift before the count starts again.
const SHIFT_WINDOW: Duration = Duration::from_secs(5);

pub fn exit_now(state: AppState) {
    // Hide the case at once, before anything else: rendering waits for the next tick, and a
    // slow network must not leave the answers on screen while the neutral site loads.
    let document = document();
    if let Some(body) = document.body() {
        let _ = body.class_list().add_1("pw-exiting");
        if let Ok(overlay) = document.create_element("div") {
            overlay.set_class_name("pw-exit-overlay");
            let _ = overlay.set_attribute("role", "alert");
            overlay.set_text_content(Some("Loading."));
            let _ = body.append_child(&overlay);
        }
    }
    state.clear();
    state.pathway.set(None);
    state.screen.set(Screen::Exited);
    let url = state.exit_url.get_value();
    let _ = window().location().replace(&url);
}

/// If the browser restores the page from its back/forward cache, start afresh rather than
/// show what was on screen.
pub fn reset_when_restored() {
    let handle = window_event_listener(leptos::ev::pageshow, |ev: web_sys::PageTransitionEvent| {
        if ev.persisted() {
            let _ = window().location().reload();
        }
    });
    // The listener lives as long as the page.
    std::mem::forget(handle);
}

#[component]
pub fn ExitThisPage() -> impl IntoView {
    let Some(state) = use_context::<AppState>() else { return ().into_any() };
    let presses = RwSignal::new(0u8);
    let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let keys = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        if ev.key() != "Shift" {
            // Shift used with another key is typing, not a request to exit.
            presses.set(0);
            return;
        }
        if ev.repeat() {
            return;
        }
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        let count = presses.get_untracked() + 1;
        presses.set(count);
        if count >= 3 {
            exit_now(state);
            return;
        }
        timer.set_value(set_timeout_with_handle(move || presses.set(0), SHIFT_WINDOW).ok());
    });
    on_cleanup(move || keys.remove());

    let status = move || match presses.get() {
        1 => "Shift, press 2 more times to exit.",
        2 => "Shift, press 1 more time to exit.",
        _ => "",
    };
    let dot = move |n: u8| {
        move || {
            if presses.get() >= n {
                "govuk-exit-this-page__indicator-light govuk-exit-this-page__indicator-light--on"
            } else {
                "govuk-exit-this-page__indicator-light"
            }
        }
    };
    let indicator = move || {
        if presses.get() > 0 {
            "govuk-exit-this-page__indicator govuk-exit-this-page__indicator--visible"
        } else {
            "govuk-exit-this-page__indicator"
        }
    };
    let exit_url = state.exit_url.get_value();
    view! {
        <div class="pw-exit-bar">
            <div class="govuk-width-container pw-exit-bar__inner">
                <a
                    href=exit_url
                    role="button"
                    draggable="false"
                    class="govuk-button govuk-button--warning govuk-exit-this-page__button"
                    data-testid="exit-this-page"
                    on:click=move |ev| {
                        ev.prevent_default();
                        exit_now(state);
                    }
                >
                    <span class="govuk-visually-hidden">"Emergency"</span>
                    " Exit this page"
                </a>
                <div class=indicator aria-hidden="true">
                    <div class=dot(1)></div>
                    <div class=dot(2)></div>
                    <div class=dot(3)></div>
                </div>
                <p class="govuk-visually-hidden" role="status" aria-live="polite">{status}</p>
            </div>
        </div>
    }
    .into_any()
}
