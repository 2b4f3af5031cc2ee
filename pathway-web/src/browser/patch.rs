//! Draws a page by changing the one on screen into it, rather than building it all afresh.
//!
//! Many steps draw the page that is already there in another state: the risk questions' next
//! topic is the same fieldsets and radios with other words; a question refused is the same page
//! with its errors. Building every element again, and having the browser style and lay out all
//! of them, was most of such a step's time on a slow phone. Here an element on screen is kept
//! when it is the same kind of element (its tag, an input's `type`, its `role`, the question a
//! form asks) and only what differs is changed: text, attributes, and the state of a form
//! control. Anything else is built afresh and put in its place, so another question is a new
//! page, as it always was. The page on screen is read as it is, not remembered, so nothing the
//! practitioner or the browser changed since (a ticked radio, a typed number, a translated
//! word) survives.
//!
//! Patching is written against [`Tree`], so the same code changes the browser's DOM
//! (`browser::dom`) and, in the tests, a model of one on which its laws are proven.

use crate::pages::nodes::Node;

/// What patching needs of a document.
pub trait Tree {
    /// Any node: an element, text, or something patching replaces (a comment).
    type Node;
    /// An element.
    type Element;
    fn first_child(&self, parent: &Self::Node) -> Option<Self::Node>;
    fn next_sibling(&self, node: &Self::Node) -> Option<Self::Node>;
    fn read(&self, node: &Self::Node) -> Existing<Self::Element>;
    fn set_text(&self, text_node: &Self::Node, text: &str);
    fn attribute(&self, element: &Self::Element, name: &str) -> Option<String>;
    fn attribute_names(&self, element: &Self::Element) -> Vec<String>;
    fn set_attribute(&self, element: &Self::Element, name: &str, value: &str);
    fn remove_attribute(&self, element: &Self::Element, name: &str);
    /// Sets what a form control shows, which its attributes stop deciding once it is used.
    fn set_control(&self, element: &Self::Element, state: Control);
    /// `element` as a node, to patch its children.
    fn as_node(&self, element: &Self::Element) -> Self::Node;
    /// A new node, and everything in it, not yet in the document.
    fn build(&self, node: &Node) -> Option<Self::Node>;
    fn append(&self, parent: &Self::Node, child: &Self::Node);
    fn replace(&self, parent: &Self::Node, old: &Self::Node, new: &Self::Node);
    fn remove(&self, parent: &Self::Node, child: &Self::Node);
}

/// A node on screen, as far as patching needs to know it.
pub enum Existing<E> {
    Text(String),
    /// `tag` in lower case; `kind` is what else decides whether it can be kept.
    Element {
        element: E,
        tag: String,
        kind: Kind,
    },
    Other,
}

/// The attributes that make an element a different thing, not the same thing with other words:
/// an input's `type` (a radio is not a text box); its `role` (a live region newly put in is
/// announced, one that gains the role may not be); and the question a form asks (`data-step`):
/// another question is a new page, built afresh, while the same question drawn again (its next
/// topic, its errors, back to its last topic) is changed in place.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Kind {
    pub input_type: Option<String>,
    pub role: Option<String>,
    pub step: Option<String>,
}

impl Kind {
    fn of(tag: &str, attributes: &[(String, String)]) -> Kind {
        let value = |name| value_of(attributes, name).map(str::to_owned);
        Kind {
            input_type: if tag == "input" { value("type") } else { None },
            role: value("role"),
            step: value("data-step"),
        }
    }
}

/// What a form control shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Control {
    Checked(bool),
    Value(String),
}

/// Makes the children of `parent` exactly `nodes`.
pub fn patch<T: Tree>(tree: &T, parent: &T::Node, nodes: &[Node]) {
    let mut current = tree.first_child(parent);
    for node in nodes {
        let Some(existing) = current else {
            if let Some(new) = tree.build(node) {
                tree.append(parent, &new);
            }
            continue;
        };
        current = tree.next_sibling(&existing);
        if !reuse(tree, &existing, node) {
            match tree.build(node) {
                Some(new) => tree.replace(parent, &existing, &new),
                None => tree.remove(parent, &existing),
            }
        }
    }
    while let Some(extra) = current {
        current = tree.next_sibling(&extra);
        tree.remove(parent, &extra);
    }
}

/// Changes `existing` into `node` where it stands, if it is the same kind of node; false if it
/// must be replaced.
fn reuse<T: Tree>(tree: &T, existing: &T::Node, node: &Node) -> bool {
    match (tree.read(existing), node) {
        (Existing::Text(shown), Node::Text(text)) => {
            if shown != *text {
                tree.set_text(existing, text);
            }
            true
        }
        (Existing::Element { element, tag, kind }, Node::Element { tag: wanted, attributes, children })
            if tag == *wanted && kind == Kind::of(wanted, attributes) =>
        {
            patch_attributes(tree, &element, attributes);
            patch(tree, &tree.as_node(&element), children);
            if let Some(state) = control_state(wanted, attributes, children) {
                tree.set_control(&element, state);
            }
            true
        }
        _ => false,
    }
}

fn patch_attributes<T: Tree>(tree: &T, element: &T::Element, attributes: &[(String, String)]) {
    let mut wanted = 0;
    for (i, (name, value)) in attributes.iter().enumerate() {
        // Of a repeated name, the last counts, as when an element is built.
        if attributes[i + 1..].iter().any(|(later, _)| later.eq_ignore_ascii_case(name)) {
            continue;
        }
        wanted += 1;
        if tree.attribute(element, name).as_deref() != Some(value.as_str()) {
            tree.set_attribute(element, name, value);
        }
    }
    // Every attribute wanted is now there; any more are left from before.
    let names = tree.attribute_names(element);
    if names.len() > wanted {
        for name in names {
            if !attributes.iter().any(|(kept, _)| kept.eq_ignore_ascii_case(&name)) {
                tree.remove_attribute(element, &name);
            }
        }
    }
}

/// What a kept form control must show: what a new one built from `attributes` would.
fn control_state(tag: &str, attributes: &[(String, String)], children: &[Node]) -> Option<Control> {
    let value = |name| value_of(attributes, name);
    match tag {
        "input" => Some(match value("type") {
            Some("radio" | "checkbox") => Control::Checked(value("checked").is_some()),
            _ => Control::Value(value("value").unwrap_or_default().to_owned()),
        }),
        "textarea" => Some(Control::Value(
            children
                .iter()
                .filter_map(|child| if let Node::Text(text) = child { Some(text.as_str()) } else { None })
                .collect(),
        )),
        _ => None,
    }
}

/// The value an element built with `attributes` has for `name`: of a repeated name, the last.
fn value_of<'a>(attributes: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attributes.iter().rev().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests;
