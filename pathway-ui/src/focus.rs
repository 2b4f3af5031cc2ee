//! Focus moved where a screen reader and a keyboard user should be once the page changes.

use leptos::prelude::*;

/// Moves focus to the first element matching `selector`, once the page shows the change.
pub fn focus(selector: &'static str) {
    request_animation_frame(move || {
        let element = document().query_selector(selector).ok().flatten();
        if let Some(element) =
            element.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = element.focus();
        }
    });
}
