//! Small helpers around the browser, for what is outside the components: the start page, which
//! is plain HTML in `index.html`; the window's title; focus; the clock; the clipboard and
//! printing; configuration in meta tags.

use pathway_core::Metadata;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement, HtmlInputElement};

pub fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// The element with this id, if it is an HTML element.
pub fn by_id(id: &str) -> Option<HtmlElement> {
    document()?.get_element_by_id(id)?.dyn_into().ok()
}

/// The first element matching `selector` inside `root`.
pub fn find(root: &HtmlElement, selector: &str) -> Option<HtmlElement> {
    root.query_selector(selector).ok()??.dyn_into().ok()
}

/// Moves focus to an element, afresh if it has it already: a heading kept from the page before
/// is then announced again, with its new words. Focusing never touches the URL, which in-page
/// links would (`#…`).
fn focus(element: Option<HtmlElement>) {
    let Some(el) = element else { return };
    // Blurring an element without focus does nothing.
    let _ = el.blur();
    let _ = el.focus();
}

/// A new page: scrolled to its top, with focus on the heading of the element `container`.
pub fn focus_heading(container: &str) {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
    focus(by_id(container).and_then(|c| find(&c, "h1")));
}

/// Focus on the first element of the page that matches `selector`.
pub fn focus_selector(selector: &str) {
    focus(by_id("pw-app").and_then(|root| find(&root, selector)));
}

/// Focus on the element with this id (a field an error summary links to).
pub fn focus_id(id: &str) {
    focus(by_id(id));
}

pub fn set_title(title: &str) {
    if let Some(document) = document() {
        document.set_title(title);
    }
}

/// Shows the start page, or hides it while another page is on screen.
pub fn show_start_page(shown: bool) {
    // Only when it changes: setting it again still costs a style check of the page.
    if let Some(start) = by_id("pw-start").filter(|start| start.hidden() == shown) {
        start.set_hidden(!shown);
    }
}

/// Sets the text of the first element of the page matching `selector`.
pub fn set_text(selector: &str, text: &str) {
    if let Some(element) = by_id("pw-app").and_then(|root| find(&root, selector)) {
        element.set_text_content(Some(text));
    }
}

/// Sets every radio button and checkbox on the page ticked as `checked(name, value)` says, and
/// the count of items answered, if the page shows one.
pub fn sync_controls(checked: impl Fn(&str, &str) -> bool, answered: Option<String>) {
    let Some(root) = by_id("pw-app") else { return };
    if let Ok(inputs) = root.query_selector_all("input[type=radio], input[type=checkbox]") {
        for input in (0..inputs.length()).filter_map(|i| inputs.item(i)?.dyn_into::<HtmlInputElement>().ok())
        {
            input.set_checked(checked(&input.name(), &input.value()));
        }
    }
    if let (Some(count), Some(text)) = (find(&root, "[data-testid=answered]"), answered) {
        count.set_text_content(Some(&text));
    }
}

pub fn print() {
    let _ = web_sys::window().map(|w| w.print());
}

/// Puts `text` on the clipboard; whether that worked.
pub async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// The `content` of `<meta name="…">`, where a site owner configures the app.
pub fn meta(name: &str) -> Option<String> {
    let element = document()?.query_selector(&format!("meta[name=\"{name}\"]")).ok()??;
    let content = element.get_attribute("content")?;
    (!content.trim().is_empty()).then_some(content)
}

/// Today's date and time, for stamping summaries: `2026-11-22 14:05 UTC`.
pub fn now_stamp() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    format!("{} {} UTC", iso.get(0..10).unwrap_or_default(), iso.get(11..16).unwrap_or_default())
}

/// The start page was written by the site build from the default pathway; fills in its fields
/// from the pathway actually loaded (`[data-meta=FIELD]`, hidden where there is no value), and
/// the current version's change note.
pub fn fill_start_page(meta: &Metadata) {
    let Some(document) = document() else { return };
    for (field, value) in [
        ("title", Some(&meta.title)),
        ("summary", meta.summary.as_ref()),
        ("disclaimer", Some(&meta.disclaimer)),
        ("version", Some(&meta.version)),
        ("last_reviewed", Some(&meta.last_reviewed)),
        ("owner", Some(&meta.owner)),
    ] {
        let Ok(list) = document.query_selector_all(&format!("[data-meta=\"{field}\"]")) else { continue };
        for i in 0..list.length() {
            let Some(el) = list.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else { continue };
            el.set_hidden(value.is_none());
            if let Some(text) = value {
                el.set_text_content(Some(text));
            }
        }
    }
    let changes = meta.current_changes().map(|c| c.what.as_slice()).unwrap_or_default();
    if let Some(list) = by_id("pw-changes-list") {
        list.set_text_content(None);
        for change in changes {
            if let Ok(li) = document.create_element("li") {
                li.set_text_content(Some(change));
                let _ = list.append_child(&li);
            }
        }
    }
    if let Some(section) = by_id("pw-changes") {
        section.set_hidden(changes.is_empty());
    }
}

/// Marks the app ready for `boot.js`, and says whether "Start now" was pressed while it loaded.
pub fn take_start_request() -> bool {
    let Some(body) = document().and_then(|d| d.body()) else { return false };
    let data = body.dataset();
    data.set("pwReady", "yes").ok();
    let requested = data.get("pwStart").is_some();
    data.delete("pwStart");
    requested
}
