//! The practitioner's pathway in the browser.
//!
//! Three layers, each with one job:
//! - `app`: what is showing and what has been entered, as data; every press is an `Action`
//!   handled with `pathway-core`'s `Session`, which decides every question, answer check,
//!   referral and reason, so the browser and the `pathway` command cannot disagree;
//! - `view`: each page as Leptos components that draw that state and send it actions;
//! - `browser`: what is outside the components (the pathway fetched, the start page, focus).
//!
//! Nothing is stored: the session lives in memory, and quick exit drops it.
#![forbid(unsafe_code)]
// Leptos views are deeply nested types; rendering them as HTML (the native tests) needs more.
#![recursion_limit = "256"]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod app;
mod browser;
pub mod view;

use app::Action;
use browser::{dom, events};

/// Starts the app: everything after the start page is drawn into `#pw-app`. The exit bar,
/// header, start page and footer are plain HTML in `index.html` (quick exit is `shell.js`),
/// so they work before this has loaded.
pub fn run() {
    let Some(root) = dom::by_id("pw-app") else { return };
    let ui = view::Ui::new();
    events::listen(ui, &root);
    // `Start` does nothing until a pathway has loaded; a press before that is kept by
    // `shell.js` and honoured once it has.
    if let Some(button) = dom::by_id("pw-start-button") {
        events::on(&button, "click", move |_| ui.dispatch(Action::Start));
    }
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = browser::loading::load().await.map(Box::new);
        let ok = loaded.is_ok();
        ui.dispatch(Action::Loaded(loaded));
        #[cfg(feature = "preview")]
        if ok {
            ui.replay();
        }
        if ok && dom::take_start_request() {
            ui.dispatch(Action::Start);
        }
    });
}
