//! Small helpers around the browser: drawing a page (the DOM that `patch` changes), elements by
//! id, focus, the clock, configuration in meta tags, and the start page, which is plain HTML in
//! `index.html`.

use super::patch::{self, Control, Existing, Kind};
use crate::pages::nodes::Node;
use pathway_core::Metadata;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

pub fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// The element with this id, if it is an HTML element.
pub fn by_id(id: &str) -> Option<HtmlElement> {
    document()?.get_element_by_id(id)?.dyn_into().ok()
}

/// Makes what `root` holds into `nodes`, changing the page on screen where it is already the
/// same (`patch`) and building the rest as elements, attributes and text nodes: no string is
/// ever given to the browser's HTML parser.
pub fn draw(root: &HtmlElement, nodes: &[Node]) {
    let Some(document) = document() else { return };
    patch::patch(&Browser(document), root, nodes);
}

/// The browser's DOM, as patching sees it.
struct Browser(Document);

impl patch::Tree for Browser {
    type Node = web_sys::Node;
    type Element = Element;

    fn first_child(&self, parent: &web_sys::Node) -> Option<web_sys::Node> {
        parent.first_child()
    }

    fn next_sibling(&self, node: &web_sys::Node) -> Option<web_sys::Node> {
        node.next_sibling()
    }

    fn read(&self, node: &web_sys::Node) -> Existing<Element> {
        if node.node_type() == web_sys::Node::TEXT_NODE {
            return Existing::Text(node.text_content().unwrap_or_default());
        }
        let Some(element) = node.dyn_ref::<Element>() else { return Existing::Other };
        let tag = element.tag_name().to_ascii_lowercase();
        let input_type = if tag == "input" { element.get_attribute("type") } else { None };
        let kind = Kind {
            input_type,
            role: element.get_attribute("role"),
            step: element.get_attribute("data-step"),
        };
        Existing::Element { element: element.clone(), tag, kind }
    }

    fn set_text(&self, text_node: &web_sys::Node, text: &str) {
        text_node.set_text_content(Some(text));
    }

    fn attribute(&self, element: &Element, name: &str) -> Option<String> {
        element.get_attribute(name)
    }

    fn attribute_names(&self, element: &Element) -> Vec<String> {
        element.get_attribute_names().iter().filter_map(|name| name.as_string()).collect()
    }

    fn set_attribute(&self, element: &Element, name: &str, value: &str) {
        let _ = element.set_attribute(name, value);
    }

    fn remove_attribute(&self, element: &Element, name: &str) {
        let _ = element.remove_attribute(name);
    }

    fn set_control(&self, element: &Element, state: Control) {
        match (state, element.dyn_ref::<HtmlInputElement>(), element.dyn_ref::<HtmlTextAreaElement>()) {
            (Control::Checked(on), Some(input), _) if input.checked() != on => input.set_checked(on),
            (Control::Value(text), Some(input), _) if input.value() != text => input.set_value(&text),
            (Control::Value(text), _, Some(area)) if area.value() != text => area.set_value(&text),
            _ => {}
        }
    }

    fn as_node(&self, element: &Element) -> web_sys::Node {
        element.clone().into()
    }

    fn build(&self, node: &Node) -> Option<web_sys::Node> {
        match node {
            Node::Text(text) => Some(self.0.create_text_node(text).into()),
            Node::Element { tag, attributes, children } => {
                let element = self.0.create_element(tag).ok()?;
                for (name, value) in attributes {
                    let _ = element.set_attribute(name, value);
                }
                for child in children.iter().filter_map(|child| self.build(child)) {
                    let _ = element.append_child(&child);
                }
                Some(element.into())
            }
        }
    }

    fn append(&self, parent: &web_sys::Node, child: &web_sys::Node) {
        let _ = parent.append_child(child);
    }

    fn replace(&self, parent: &web_sys::Node, old: &web_sys::Node, new: &web_sys::Node) {
        let _ = parent.replace_child(new, old);
    }

    fn remove(&self, parent: &web_sys::Node, child: &web_sys::Node) {
        let _ = parent.remove_child(child);
    }
}

/// The first element matching `selector` inside `root`.
pub fn find(root: &HtmlElement, selector: &str) -> Option<HtmlElement> {
    root.query_selector(selector).ok()??.dyn_into().ok()
}

/// Moves focus to an element, afresh if it has it already: a heading kept from the page before
/// is then announced again, with its new words. Focusing never touches the URL, which in-page
/// links would (`#…`).
pub fn focus(element: Option<HtmlElement>) {
    let Some(el) = element else { return };
    // Blurring an element without focus does nothing.
    let _ = el.blur();
    let _ = el.focus();
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
