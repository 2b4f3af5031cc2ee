//! Small helpers around the browser: the page title, focus, and configuration in meta tags.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The `content` of `<meta name="…">`, where a site owner configures the app.
pub fn meta(name: &str) -> Option<String> {
    let element = document().query_selector(&format!("meta[name=\"{name}\"]")).ok()??;
    let content = element.get_attribute("content")?;
    (!content.trim().is_empty()).then_some(content)
}

/// Names the page in the window title (never with answers in it, since titles go into
/// history), and moves focus to its heading, so screen readers announce the new page.
pub fn announce_page(title: String, heading: NodeRef<leptos::html::H1>, error: bool) {
    Effect::new(move |_| {
        let pathway = use_context::<crate::AppState>()
            .and_then(|s| s.pathway.get_untracked())
            .map(|p| p.meta().title.clone())
            .unwrap_or_default();
        let prefix = if error { "Error: " } else { "" };
        document().set_title(&format!("{prefix}{title} – {pathway}"));
        if let Some(h1) = heading.get() {
            let _ = h1.focus();
        }
    });
}

/// Focuses an element by id, without touching the URL (in-page links would add a `#…`).
pub fn focus_id(id: &str) {
    if let Some(el) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

pub fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    focus_id("main-content");
}

/// Today's date and time, for stamping summaries: `2026-11-22 14:05`.
pub fn now_stamp() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    format!("{} {} UTC", iso.get(0..10).unwrap_or_default(), iso.get(11..16).unwrap_or_default())
}
