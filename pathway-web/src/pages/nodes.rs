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

/// A page ready for the browser in one call (`browser/draw.js`): each string it needs (tags,
/// attribute names and values, texts) in order, each ended by NUL, and what to do with them.
/// Crossing from WebAssembly to JavaScript once per page, not once per element, attribute and
/// text, is a third of the time a long page takes to build on a slow phone.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Encoded {
    pub strings: String,
    pub ops: Vec<u32>,
}

/// `ops`: an element, then how many attributes it has (its tag and each name and value are
/// the next strings), its children, and `CLOSE`; or a text (the next string).
pub const ELEMENT: u32 = 0;
pub const CLOSE: u32 = 1;
pub const TEXT: u32 = 2;

/// The nodes encoded for `browser/draw.js`. NUL separates the strings, so a NUL in a pathway's
/// words becomes U+FFFD, as the HTML parser would make it.
pub fn encode(nodes: &[Node]) -> Encoded {
    fn push(out: &mut Encoded, text: &str) {
        if text.contains('\0') {
            out.strings.push_str(&text.replace('\0', "\u{FFFD}"));
        } else {
            out.strings.push_str(text);
        }
        out.strings.push('\0');
    }
    fn walk(out: &mut Encoded, nodes: &[Node]) {
        for node in nodes {
            match node {
                Node::Text(text) => {
                    push(out, text);
                    out.ops.push(TEXT);
                }
                Node::Element { tag, attributes, children } => {
                    push(out, tag);
                    for (name, value) in attributes {
                        push(out, name);
                        push(out, value);
                    }
                    out.ops.extend([ELEMENT, u32::try_from(attributes.len()).unwrap_or(u32::MAX)]);
                    walk(out, children);
                    out.ops.push(CLOSE);
                }
            }
        }
    }
    let mut out = Encoded::default();
    walk(&mut out, nodes);
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

    /// What `browser/draw.js` does with an encoded page, as nodes.
    fn decode(page: &Encoded) -> Vec<Node> {
        let mut strings = page.strings.split('\0');
        let mut next = || strings.next().unwrap_or_default().to_owned();
        let mut open = vec![Vec::new()];
        let mut tags: Vec<(&'static str, Vec<(String, String)>)> = Vec::new();
        let mut ops = page.ops.iter();
        while let Some(op) = ops.next() {
            match *op {
                ELEMENT => {
                    let name = next();
                    let tag = ELEMENTS.iter().find(|t| **t == name).copied().unwrap_or("?");
                    let count = ops.next().copied().unwrap_or_default();
                    tags.push((tag, (0..count).map(|_| (next(), next())).collect()));
                    open.push(Vec::new());
                }
                CLOSE => {
                    let (children, (tag, attributes)) =
                        (open.pop().unwrap_or_default(), tags.pop().unwrap_or(("?", vec![])));
                    open.last_mut().unwrap().push(Node::Element { tag, attributes, children });
                }
                _ => open.last_mut().unwrap().push(Node::Text(next())),
            }
        }
        open.pop().unwrap_or_default()
    }

    #[test]
    fn an_encoded_page_is_drawn_as_the_same_nodes() {
        let nodes = parse(
            r#"<form class="f" novalidate><p>1 &lt; 2</p><input type="radio" checked><p></p>x</form><p>y</p>"#,
        );
        assert_eq!(decode(&encode(&nodes)), nodes);
        // The encoding itself: the strings in order, each ended by NUL, and the steps.
        let page = encode(&parse(r#"<p class="a">b</p>c"#));
        assert_eq!(page.strings, "p\0class\0a\0b\0c\0");
        assert_eq!(page.ops, [ELEMENT, 1, TEXT, CLOSE, TEXT]);
    }

    #[test]
    fn a_nul_in_a_pathway_s_words_cannot_shift_the_strings() {
        let nodes = vec![Node::Element {
            tag: "p",
            attributes: vec![("title".into(), "a\0b".into())],
            children: vec![Node::Text("c\0d".into())],
        }];
        let drawn = decode(&encode(&nodes));
        assert_eq!(
            drawn,
            [Node::Element {
                tag: "p",
                attributes: vec![("title".into(), "a\u{FFFD}b".into())],
                children: vec![Node::Text("c\u{FFFD}d".into())],
            }]
        );
    }

    #[test]
    fn an_element_no_template_writes_is_never_built() {
        let nodes = parse(r#"<p>a<script>alert(1)</script><img src=x>b</p>"#);
        assert_eq!(to_markup(&nodes), "<p>a</p>");
    }
}
