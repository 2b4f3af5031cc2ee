//! Small helpers around the browser: elements by id, focus, the clock, configuration in meta
//! tags, and the start page, which is plain HTML in `index.html`.

use crate::pages::nodes::Node;
use pathway_core::Metadata;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement};

pub fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// The element with this id, if it is an HTML element.
pub fn by_id(id: &str) -> Option<HtmlElement> {
    document()?.get_element_by_id(id)?.dyn_into().ok()
}

/// Replaces what `root` holds with `nodes`, built as elements, attributes and text nodes: no
/// string is ever given to the browser's HTML parser. Built apart, then put in at once.
pub fn draw(root: &HtmlElement, nodes: &[Node]) {
    let Some(document) = document() else { return };
    let fragment = document.create_document_fragment();
    append(&document, &fragment, nodes);
    root.replace_children_with_node_1(&fragment);
}

fn append(document: &Document, parent: &web_sys::Node, nodes: &[Node]) {
    for node in nodes {
        match node {
            Node::Text(text) => {
                let _ = parent.append_child(&document.create_text_node(text));
            }
            Node::Element { tag, attributes, children } => {
                let Ok(element) = document.create_element(tag) else { continue };
                for (name, value) in attributes {
                    let _ = element.set_attribute(name, value);
                }
                append(document, &element, children);
                let _ = parent.append_child(&element);
            }
        }
    }
}

/// The first element matching `selector` inside `root`.
pub fn find(root: &HtmlElement, selector: &str) -> Option<HtmlElement> {
    root.query_selector(selector).ok()??.dyn_into().ok()
}

/// Moves focus to an element. Focusing never touches the URL, which in-page links would (`#…`).
pub fn focus(element: Option<HtmlElement>) {
    if let Some(el) = element {
        let _ = el.focus();
    }
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
