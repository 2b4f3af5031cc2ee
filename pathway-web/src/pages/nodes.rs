//! A page as a tree of elements and text, read from its template's output, so that the browser
//! layer builds it with `createElement`, `setAttribute` and text nodes and never hands a string
//! to the browser's HTML parser. A pathway's words can then only ever be text or attribute
//! values, whatever they contain.
//!
//! The input is `maud`'s output: well-formed, every value escaped (`&amp; &lt; &gt; &quot;`),
//! attributes quoted with `"`. Only the elements the templates write are built; anything else
//! (which escaping makes impossible) is dropped with its content.

/// One node of a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    Element { tag: &'static str, attributes: Vec<(String, String)>, children: Vec<Node> },
    Text(String),
}

/// The elements the page templates write; nothing else is ever built.
const ELEMENTS: &[&str] = &[
    "a", "button", "code", "dd", "div", "dl", "dt", "fieldset", "form", "h1", "h2", "h3", "h4", "input",
    "label", "legend", "li", "p", "section", "span", "strong", "textarea", "ul",
];

/// Elements with no closing tag.
const VOID: &[&str] = &["input"];

/// An element being read: its tag (none for one no template writes, or for the page itself),
/// its attributes, and its children so far.
struct Open {
    tag: Option<&'static str>,
    attributes: Vec<(String, String)>,
    children: Vec<Node>,
}

/// The nodes of `markup`, a template's output.
pub fn parse(markup: &str) -> Vec<Node> {
    // Open elements, innermost last; the bottom is the page.
    let mut open = vec![Open { tag: None, attributes: Vec::new(), children: Vec::new() }];
    let mut rest = markup;
    while !rest.is_empty() {
        let Some(start) = rest.find('<') else {
            push_text(&mut open, rest);
            break;
        };
        push_text(&mut open, &rest[..start]);
        let Some(end) = rest[start..].find('>').map(|e| start + e) else { break };
        let tag_text = &rest[start + 1..end];
        rest = &rest[end + 1..];
        if tag_text.starts_with('/') {
            if open.len() > 1 {
                close(&mut open);
            }
            continue;
        }
        let (name, attributes) = read_tag(tag_text);
        let known = ELEMENTS.iter().find(|e| **e == name).copied();
        open.push(Open { tag: known, attributes, children: Vec::new() });
        if known.is_some_and(|tag| VOID.contains(&tag)) {
            close(&mut open);
        }
    }
    while open.len() > 1 {
        close(&mut open);
    }
    open.pop().map(|page| page.children).unwrap_or_default()
}

fn push_text(open: &mut [Open], text: &str) {
    if let (false, Some(parent)) = (text.is_empty(), open.last_mut()) {
        parent.children.push(Node::Text(unescape(text)));
    }
}

/// Ends the innermost open element, adding it to its parent (an unknown one is dropped).
fn close(open: &mut Vec<Open>) {
    let Some(Open { tag, attributes, children }) = open.pop() else { return };
    if let (Some(tag), Some(parent)) = (tag, open.last_mut()) {
        parent.children.push(Node::Element { tag, attributes, children });
    }
}

/// `name a="1" b` as the name and its attributes, values unescaped.
fn read_tag(text: &str) -> (&str, Vec<(String, String)>) {
    let (name, mut rest) = text.split_once(' ').unwrap_or((text, ""));
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_start_matches(" ");
        if rest.is_empty() {
            break;
        }
        let name_end = rest.find(['=', ' ']).unwrap_or(rest.len());
        let attribute = &rest[..name_end];
        rest = &rest[name_end..];
        match rest.strip_prefix("=\"").and_then(|r| r.split_once('"')) {
            Some((value, after)) => {
                attributes.push((attribute.to_owned(), unescape(value)));
                rest = after;
            }
            // A bare (boolean) attribute; anything else unquoted is skipped to the next space.
            None => {
                if !attribute.is_empty() && !rest.starts_with('=') {
                    attributes.push((attribute.to_owned(), String::new()));
                }
                let skip = rest.find(' ').unwrap_or(rest.len()).max(1).min(rest.len());
                rest = &rest[skip..];
            }
        }
    }
    (name, attributes)
}

/// Undoes `maud`'s escaping.
fn unescape(text: &str) -> String {
    // Most strings have nothing escaped: a copy, not four searches and four new strings.
    if !text.contains('&') {
        return text.to_owned();
    }
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}

/// The nodes written back as `maud` would write them: a page survives `parse` exactly when this
/// gives back its markup (`tests/pages.rs` checks every page of every case study).
pub fn to_markup(nodes: &[Node]) -> String {
    let escape =
        |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let mut out = String::new();
    for node in nodes {
        match node {
            Node::Text(text) => out.push_str(&escape(text)),
            Node::Element { tag, attributes, children } => {
                out.push('<');
                out.push_str(tag);
                for (name, value) in attributes {
                    out.push(' ');
                    out.push_str(name);
                    // maud writes boolean attributes bare.
                    if !["checked", "novalidate"].contains(&name.as_str()) {
                        out.push_str(&format!("=\"{}\"", escape(value)));
                    }
                }
                out.push('>');
                if !VOID.contains(tag) {
                    out.push_str(&to_markup(children));
                    out.push_str(&format!("</{tag}>"));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_attributes_and_text_are_read_back_exactly() {
        let markup = r#"<div class="a b" data-x="&quot;q&quot; &amp; &lt;t&gt;"><p>1 &lt; 2 &amp; "ok"</p><input type="radio" checked><a href="">Back</a></div>"#;
        let nodes = parse(markup);
        assert_eq!(to_markup(&nodes), markup.replace("\"ok\"", "&quot;ok&quot;"));
        let Node::Element { tag, attributes, children } = &nodes[0] else { panic!("{nodes:?}") };
        assert_eq!((*tag, attributes[1].1.as_str()), ("div", "\"q\" & <t>"));
        assert_eq!(
            children[0],
            Node::Element {
                tag: "p",
                attributes: vec![],
                children: vec![Node::Text("1 < 2 & \"ok\"".into())]
            }
        );
        assert_eq!(
            children[1],
            Node::Element {
                tag: "input",
                attributes: vec![("type".into(), "radio".into()), ("checked".into(), String::new())],
                children: vec![],
            }
        );
    }

    #[test]
    fn an_element_no_template_writes_is_never_built() {
        let nodes = parse(r#"<p>a<script>alert(1)</script><img src=x>b</p>"#);
        assert_eq!(to_markup(&nodes), "<p>a</p>");
    }
}
