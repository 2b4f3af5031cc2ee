//! The author studio: a pathway written in a code editor, checked as it is typed, with its
//! problems and their fixes, its diagram, a preview of the practitioner's walk, its case
//! studies and coverage, its proofs, the mutation check, what changed from another version,
//! and publishing; all in the browser. Its own page (`studio.html`) and wasm, which runs twice:
//! on the page, as a Leptos app, and in two Web Workers, as its engine.
//!
//! - `engine`: every answer, from the core, for a text given (in the workers);
//! - `protocol`: the typed messages between the page and the workers, and `worker` and
//!   `client`, each side's end of them;
//! - `studio`: what is open and the words said about it, as plain data, tested natively;
//! - `editor`: CodeMirror, through its binding in `www/editor.js`, and the problems it marks;
//! - `desk`: all of it held in Leptos signals, with what an author can do;
//! - `view`: the page, as Leptos components, which draw the desk and call it.
//!
//! It stores nothing and sends nothing: files are opened from the author's computer, saved by
//! download, and it fetches only the site's own files.
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod client;
pub mod desk;
pub mod editor;
pub mod engine;
pub mod protocol;
pub mod studio;
pub mod view;
pub mod worker;

pub use engine::compile;

// Compiled on every target, so that the native lint in the test command reads it too; run only
// in a browser, where wasm-bindgen calls it.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod start {
    use crate::desk::Desk;
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;

    /// In a Web Worker, the engine; on `studio.html`, the studio, in `#st-app`.
    #[wasm_bindgen(start)]
    pub fn start() {
        console_error_panic_hook::set_once();
        if let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() {
            return crate::worker::serve(scope);
        }
        let Some(root) =
            document().get_element_by_id("st-app").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        root.set_text_content(None);
        let desk = Desk::new();
        let page = leptos::mount::mount_to(root, move || view! { <crate::view::Studio desk=desk /> });
        // The page lives as long as the tab.
        page.forget();
        // The header names the pathway open.
        Effect::new(move || {
            let title = desk.checked.with(|c| {
                c.as_ref()
                    .and_then(|c| c.meta.as_ref())
                    .map(|m| format!("{} (version {})", m.title, m.version))
            });
            if let (Some(title), Some(header)) = (title, document().get_element_by_id("st-pathway-title")) {
                header.set_text_content(Some(&title));
            }
        });
    }
}
