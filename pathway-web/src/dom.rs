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

/// A new part of the same page (a checklist's next topic): back to its top, focus on its
/// heading, so a screen reader starts again from there.
pub fn focus_heading(heading: NodeRef<leptos::html::H1>) {
    if let Some(h1) = heading.get_untracked() {
        let _ = h1.focus();
    }
    window().scroll_to_with_x_and_y(0.0, 0.0);
}

/// Focuses an element by id, without touching the URL (in-page links would add a `#…`).
pub fn focus_id(id: &str) {
    if let Some(el) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Today's date and time, for stamping summaries: `2026-11-22 14:05`.
pub fn now_stamp() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    format!("{} {} UTC", iso.get(0..10).unwrap_or_default(), iso.get(11..16).unwrap_or_default())
}

/// Fills every `[data-meta=FIELD]` element of the static page with `value`, or hides them all
/// when there is none.
pub fn fill(field: &str, value: Option<&str>) {
    let Ok(list) = document().query_selector_all(&format!("[data-meta=\"{field}\"]")) else { return };
    for i in 0..list.length() {
        let Some(el) = list.item(i).and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) else { continue };
        match value {
            Some(text) => {
                el.set_text_content(Some(text));
                el.set_hidden(false);
            }
            None => el.set_hidden(true),
        }
    }
}

/// Replaces the items of the static page's list with this id by `items`, each as plain text.
pub fn fill_list(id: &str, items: &[String]) {
    let document = document();
    let Some(list) = document.get_element_by_id(id) else { return };
    list.set_text_content(None);
    for item in items {
        if let Ok(li) = document.create_element("li") {
            li.set_text_content(Some(item));
            let _ = list.append_child(&li);
        }
    }
}

/// Shows or hides the element with this id.
pub fn set_hidden(id: &str, hidden: bool) {
    if let Some(el) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        el.set_hidden(hidden);
    }
}

/// Calls `action` whenever the element with this id is clicked, for the life of the page.
pub fn on_click(id: &str, action: impl Fn() + 'static) {
    let Some(el) = document().get_element_by_id(id) else { return };
    let callback = wasm_bindgen::closure::Closure::<dyn Fn()>::new(action);
    let _ = el.add_event_listener_with_callback("click", callback.as_ref().unchecked_ref());
    // The static page lives as long as the app: so does its listener.
    callback.forget();
}

/// Marks the app ready for `boot.js`, and says whether "Start now" was pressed while it loaded.
pub fn take_start_request() -> bool {
    let Some(body) = document().body() else { return false };
    let data = body.dataset();
    data.set("pwReady", "yes").ok();
    let requested = data.get("pwStart").is_some();
    data.delete("pwStart");
    requested
}

/// Back on the start page: name it in the window title and move focus to its heading.
pub fn announce_start() {
    if let Some(title) = use_context::<crate::AppState>().and_then(|s| s.pathway.get_untracked()) {
        document().set_title(&title.meta().title);
    }
    if let Some(h1) = document()
        .query_selector("#pw-start h1")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = h1.focus();
    }
}
