//! Patching's laws, on a model of the DOM that behaves as the browser's does where patching
//! depends on it: attribute names without case, and form controls that, once used, show what
//! they were last given rather than what their attributes say.

use super::*;
use crate::pages::nodes::parse;
use proptest::prelude::*;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
enum Fake {
    Text(String),
    Comment,
    Element {
        tag: String,
        attributes: Vec<(String, String)>,
        children: Vec<usize>,
        /// What a used control shows; `None` until it is used (then its attributes decide).
        used: Option<Control>,
    },
}

/// A document: nodes by index, with their parents. Node 0 is the page's root.
struct Model {
    nodes: RefCell<Vec<Fake>>,
    parents: RefCell<Vec<Option<usize>>>,
    /// Every change made to the document, counted, and the nodes built afresh.
    writes: Cell<usize>,
    built: Cell<usize>,
}

impl Model {
    fn new(page: &[Node]) -> Model {
        let model = Model {
            nodes: RefCell::new(vec![Fake::Element {
                tag: "main".into(),
                attributes: vec![],
                children: vec![],
                used: None,
            }]),
            parents: RefCell::new(vec![None]),
            writes: Cell::new(0),
            built: Cell::new(0),
        };
        for node in page {
            let built = model.make(node);
            model.append(&0, &built);
        }
        model.writes.set(0);
        model.built.set(0);
        model
    }

    fn add(&self, fake: Fake) -> usize {
        self.nodes.borrow_mut().push(fake);
        self.parents.borrow_mut().push(None);
        self.nodes.borrow().len() - 1
    }

    fn children(&self, node: usize) -> Vec<usize> {
        match &self.nodes.borrow()[node] {
            Fake::Element { children, .. } => children.clone(),
            _ => vec![],
        }
    }

    fn with_children(&self, parent: usize, change: impl FnOnce(&mut Vec<usize>)) {
        if let Fake::Element { children, .. } = &mut self.nodes.borrow_mut()[parent] {
            change(children);
        }
        self.writes.set(self.writes.get() + 1);
    }

    fn with_attributes(&self, element: usize, change: impl FnOnce(&mut Vec<(String, String)>)) {
        if let Fake::Element { attributes, .. } = &mut self.nodes.borrow_mut()[element] {
            change(attributes);
        }
        self.writes.set(self.writes.get() + 1);
    }

    /// `node` and everything in it, new.
    fn make(&self, node: &Node) -> usize {
        match node {
            Node::Text(text) => self.add(Fake::Text(text.clone())),
            Node::Element { tag, attributes, children } => {
                let element = self.add(Fake::Element {
                    tag: (*tag).to_owned(),
                    attributes: vec![],
                    children: vec![],
                    used: None,
                });
                for (name, value) in attributes {
                    self.set_attribute(&element, name, value);
                }
                for child in children {
                    let child = self.make(child);
                    self.append(&element, &child);
                }
                element
            }
        }
    }

    /// Every node under the root, in document order.
    fn all(&self) -> Vec<usize> {
        let mut out = vec![];
        let mut stack = self.children(0);
        stack.reverse();
        while let Some(node) = stack.pop() {
            out.push(node);
            stack.extend(self.children(node).into_iter().rev());
        }
        out
    }

    /// What the page under the root shows.
    fn shown(&self) -> Vec<Shown> {
        self.children(0).into_iter().map(|node| self.shown_node(node)).collect()
    }

    fn shown_node(&self, node: usize) -> Shown {
        match self.nodes.borrow()[node].clone() {
            Fake::Text(text) => Shown::Text(text),
            Fake::Comment => Shown::Comment,
            Fake::Element { tag, attributes, children, used } => {
                let children: Vec<Shown> = children.into_iter().map(|child| self.shown_node(child)).collect();
                let text: String = children
                    .iter()
                    .filter_map(|c| if let Shown::Text(t) = c { Some(t.as_str()) } else { None })
                    .collect();
                let attributes: BTreeMap<_, _> = attributes.into_iter().collect();
                let control = used.or_else(|| as_attributes_say(&tag, &attributes, &text));
                Shown::Element { tag, attributes, control, children }
            }
        }
    }
}

/// What a page shows, compared without caring for the order of attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Shown {
    Text(String),
    Comment,
    Element {
        tag: String,
        attributes: BTreeMap<String, String>,
        control: Option<Control>,
        children: Vec<Shown>,
    },
}

/// What a control shows before it is used: the browser's rule, written apart from patching's.
fn as_attributes_say(tag: &str, attributes: &BTreeMap<String, String>, text: &str) -> Option<Control> {
    match (tag, attributes.get("type").map(String::as_str)) {
        ("input", Some("radio" | "checkbox")) => Some(Control::Checked(attributes.contains_key("checked"))),
        ("input", _) => Some(Control::Value(attributes.get("value").cloned().unwrap_or_default())),
        ("textarea", _) => Some(Control::Value(text.to_owned())),
        _ => None,
    }
}

/// What a page newly built from `nodes` shows.
fn expected(nodes: &[Node]) -> Vec<Shown> {
    nodes
        .iter()
        .map(|node| match node {
            Node::Text(text) => Shown::Text(text.clone()),
            Node::Element { tag, attributes, children } => {
                // As the browser keeps them: names in lower case, the last of a repeated name.
                let attributes: BTreeMap<_, _> = attributes
                    .iter()
                    .map(|(name, value)| (name.to_ascii_lowercase(), value.clone()))
                    .collect();
                let children = expected(children);
                let text: String = children
                    .iter()
                    .filter_map(|c| if let Shown::Text(t) = c { Some(t.as_str()) } else { None })
                    .collect();
                let control = as_attributes_say(tag, &attributes, &text);
                Shown::Element { tag: (*tag).to_owned(), attributes, control, children }
            }
        })
        .collect()
}

impl Tree for Model {
    type Node = usize;
    type Element = usize;

    fn first_child(&self, parent: &usize) -> Option<usize> {
        self.children(*parent).first().copied()
    }

    fn next_sibling(&self, node: &usize) -> Option<usize> {
        let parent = self.parents.borrow()[*node]?;
        let siblings = self.children(parent);
        let at = siblings.iter().position(|n| n == node)?;
        siblings.get(at + 1).copied()
    }

    fn read(&self, node: &usize) -> Existing<usize> {
        match &self.nodes.borrow()[*node] {
            Fake::Text(text) => Existing::Text(text.clone()),
            Fake::Comment => Existing::Other,
            Fake::Element { tag, .. } => {
                let input_type = if tag == "input" { self.attribute(node, "type") } else { None };
                let kind = Kind {
                    input_type,
                    role: self.attribute(node, "role"),
                    step: self.attribute(node, "data-step"),
                };
                Existing::Element { element: *node, tag: tag.clone(), kind }
            }
        }
    }

    fn set_text(&self, text_node: &usize, text: &str) {
        self.nodes.borrow_mut()[*text_node] = Fake::Text(text.to_owned());
        self.writes.set(self.writes.get() + 1);
    }

    fn attribute(&self, element: &usize, name: &str) -> Option<String> {
        match &self.nodes.borrow()[*element] {
            Fake::Element { attributes, .. } => {
                attributes.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone())
            }
            _ => None,
        }
    }

    fn attribute_names(&self, element: &usize) -> Vec<String> {
        match &self.nodes.borrow()[*element] {
            Fake::Element { attributes, .. } => attributes.iter().map(|(n, _)| n.clone()).collect(),
            _ => vec![],
        }
    }

    fn set_attribute(&self, element: &usize, name: &str, value: &str) {
        let name = name.to_ascii_lowercase();
        self.with_attributes(*element, |attributes| match attributes.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v)) => *v = value.to_owned(),
            None => attributes.push((name, value.to_owned())),
        });
    }

    fn remove_attribute(&self, element: &usize, name: &str) {
        self.with_attributes(*element, |attributes| {
            attributes.retain(|(n, _)| !n.eq_ignore_ascii_case(name))
        });
    }

    /// As the browser's: a control already showing `state` is left alone.
    fn set_control(&self, element: &usize, state: Control) {
        let Shown::Element { control: Some(shown), .. } = self.shown_node(*element) else { return };
        if shown != state {
            if let Fake::Element { used, .. } = &mut self.nodes.borrow_mut()[*element] {
                *used = Some(state);
            }
            self.writes.set(self.writes.get() + 1);
        }
    }

    fn as_node(&self, element: &usize) -> usize {
        *element
    }

    fn build(&self, node: &Node) -> Option<usize> {
        self.built.set(self.built.get() + 1);
        Some(self.make(node))
    }

    fn append(&self, parent: &usize, child: &usize) {
        self.parents.borrow_mut()[*child] = Some(*parent);
        self.with_children(*parent, |children| children.push(*child));
    }

    fn replace(&self, parent: &usize, old: &usize, new: &usize) {
        self.parents.borrow_mut()[*old] = None;
        self.parents.borrow_mut()[*new] = Some(*parent);
        self.with_children(*parent, |children| {
            if let Some(at) = children.iter().position(|c| c == old) {
                children[at] = *new;
            }
        });
    }

    fn remove(&self, parent: &usize, child: &usize) {
        self.parents.borrow_mut()[*child] = None;
        self.with_children(*parent, |children| children.retain(|c| c != child));
    }
}

/// Something the practitioner or the browser does to a page after it is drawn.
#[derive(Clone, Debug)]
enum Meddle {
    /// Ticks or unticks a radio or checkbox, types in a box.
    Use(usize, Control),
    /// An attribute set, as opening a `details` sets `open`.
    SetAttribute(usize, &'static str, &'static str),
    /// Words changed, as a browser's translation does.
    Retext(usize, String),
    /// A comment put in, as some extensions do.
    Comment(usize),
}

impl Model {
    fn meddle(&self, meddle: &Meddle) {
        let all = self.all();
        if all.is_empty() {
            return;
        }
        let pick = |i: &usize| all[i % all.len()];
        match meddle {
            Meddle::Use(i, state) => {
                if let Fake::Element { tag, used, .. } = &mut self.nodes.borrow_mut()[pick(i)]
                    && (tag == "input" || tag == "textarea")
                {
                    *used = Some(state.clone());
                }
            }
            Meddle::SetAttribute(i, name, value) => self.set_attribute(&pick(i), name, value),
            Meddle::Retext(i, text) => {
                if let Fake::Text(t) = &mut self.nodes.borrow_mut()[pick(i)] {
                    *t = text.clone();
                }
            }
            Meddle::Comment(i) => {
                let parent = match self.nodes.borrow()[pick(i)] {
                    Fake::Element { .. } => pick(i),
                    _ => 0,
                };
                let comment = self.add(Fake::Comment);
                self.append(&parent, &comment);
            }
        }
    }
}

const TAGS: &[&str] = &["div", "p", "span", "label", "input", "textarea", "fieldset"];
const NAMES: &[&str] = &["class", "id", "type", "role", "checked", "value", "for", "Data-Step", "data-x"];
const VALUES: &[&str] = &["", "a", "b", "radio", "checkbox", "text", "status", "alert"];
const WORDS: &[&str] = &["Yes", "No", "Not known", "a < b & \"c\""];

fn node() -> impl Strategy<Value = Node> {
    let text = prop::sample::select(WORDS).prop_map(|w| Node::Text(w.to_owned()));
    let attributes = prop::collection::vec(
        (prop::sample::select(NAMES), prop::sample::select(VALUES))
            .prop_map(|(n, v)| (n.to_owned(), v.to_owned())),
        0..4,
    );
    let element = move |children: BoxedStrategy<Vec<Node>>| {
        (prop::sample::select(TAGS), attributes.clone(), children).prop_map(|(tag, attributes, children)| {
            // As the templates write them: an input has no children, a text area only text.
            let children = match tag {
                "input" => vec![],
                "textarea" => children.into_iter().filter(|c| matches!(c, Node::Text(_))).collect(),
                _ => children,
            };
            Node::Element { tag, attributes, children }
        })
    };
    let leaf = prop_oneof![text.clone(), element(Just(vec![]).boxed())];
    leaf.prop_recursive(3, 40, 4, move |inner| {
        prop_oneof![text.clone(), element(prop::collection::vec(inner, 0..4).boxed())]
    })
}

fn page() -> impl Strategy<Value = Vec<Node>> {
    prop::collection::vec(node(), 0..4)
}

fn meddling() -> impl Strategy<Value = Vec<Meddle>> {
    let control = prop_oneof![
        any::<bool>().prop_map(Control::Checked),
        prop::sample::select(WORDS).prop_map(|w| Control::Value(w.to_owned())),
    ];
    let one = prop_oneof![
        (any::<usize>(), control).prop_map(|(i, c)| Meddle::Use(i, c)),
        (any::<usize>(), prop::sample::select(NAMES), prop::sample::select(VALUES))
            .prop_map(|(i, n, v)| Meddle::SetAttribute(i, n, v)),
        (any::<usize>(), prop::sample::select(WORDS)).prop_map(|(i, w)| Meddle::Retext(i, w.to_owned())),
        any::<usize>().prop_map(Meddle::Comment),
    ];
    prop::collection::vec(one, 0..4)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Whatever was on screen, and whatever was done to it since, the page drawn shows exactly
    /// what a page built afresh would: its elements, attributes, words, and every control's
    /// state (nothing ticked or typed on one page shows on the next).
    #[test]
    fn any_page_patched_into_any_other_shows_exactly_the_other(
        before in page(), meddled in meddling(), after in page()
    ) {
        let model = Model::new(&before);
        for meddle in &meddled {
            model.meddle(meddle);
        }
        patch(&model, &0, &after);
        prop_assert_eq!(model.shown(), expected(&after));
    }

    /// Drawing the page that is already there changes nothing.
    #[test]
    fn a_page_patched_into_itself_is_left_alone(page in page()) {
        let model = Model::new(&page);
        patch(&model, &0, &page);
        prop_assert_eq!(model.writes.get(), 0);
        prop_assert_eq!(model.built.get(), 0);
    }
}

/// Two topics of the risk questions, as the templates write them: the same shape, other words.
fn topic(item: &str, question: &str, ticked: Option<&str>) -> Vec<Node> {
    let radio = |i: usize, value: &str, label: &str| {
        let checked = if ticked == Some(value) { " checked" } else { "" };
        format!(
            r#"<div class="govuk-radios__item"><input class="govuk-radios__input" id="item-{item}-{i}" name="item-{item}" type="radio" value="{value}"{checked}><label class="govuk-label govuk-radios__label" for="item-{item}-{i}">{label}</label></div>"#
        )
    };
    parse(&format!(
        r#"<form data-step="risk_checklist"><h2 data-topic="1/6">Part 1</h2><fieldset class="govuk-fieldset"><legend>{question}</legend><div class="govuk-radios">{}{}</div></fieldset><button type="submit">Continue</button></form>"#,
        radio(0, "yes", "Yes"),
        radio(1, "no", "No"),
    ))
}

#[test]
fn the_next_topic_keeps_every_element_and_ticks_only_what_the_answers_say() {
    let model = Model::new(&topic("injured", "Has the victim been hurt?", None));
    let radios: Vec<usize> =
        model.all().into_iter().filter(|n| model.attribute(n, "type").as_deref() == Some("radio")).collect();
    // The practitioner ticks "Yes" on this topic.
    model.meddle(&Meddle::Use(
        model.all().iter().position(|n| *n == radios[0]).unwrap_or_default(),
        Control::Checked(true),
    ));

    let next = topic("isolated", "Is the victim cut off from family?", None);
    patch(&model, &0, &next);
    assert_eq!(model.shown(), expected(&next), "no radio of the next topic is ticked");
    assert_eq!(model.built.get(), 0, "every element is kept: only words and attributes change");

    // Back to the first topic, whose answer the core remembers: drawn ticked.
    let back = topic("injured", "Has the victim been hurt?", Some("yes"));
    patch(&model, &0, &back);
    assert_eq!(model.shown(), expected(&back));
}

#[test]
fn an_alert_a_control_of_another_type_or_another_question_is_put_in_afresh() {
    // An alert is announced when it is put in; a div that becomes one may not be.
    let model = Model::new(&parse(r#"<div class="govuk-grid-row"><p>Check your answers</p></div>"#));
    let alert = parse(r#"<div class="govuk-notification-banner" role="alert"><p>Call 999 now</p></div>"#);
    patch(&model, &0, &alert);
    assert_eq!(model.shown(), expected(&alert));
    assert_eq!(model.built.get(), 1, "the alert is built afresh, with its children, not made from the div");

    let model = Model::new(&parse(r#"<input name="a" type="radio" value="yes">"#));
    let number = parse(r#"<input name="a" type="text" value="">"#);
    patch(&model, &0, &number);
    assert_eq!(model.shown(), expected(&number));
    assert_eq!(model.built.get(), 1, "a radio is never made into a text box");

    let model = Model::new(&topic("injured", "Has the victim been hurt?", None));
    let next_question = parse(r#"<form data-step="incidents"><h2>How many incidents?</h2></form>"#);
    patch(&model, &0, &next_question);
    assert_eq!(model.shown(), expected(&next_question));
    assert_eq!(model.built.get(), 1, "another question is a new page");
}

#[test]
fn a_text_box_shows_the_drawn_value_not_what_was_typed_on_the_page_before() {
    let page = |value: &str| {
        parse(&format!(r#"<input class="govuk-input" name="answer" type="text" value="{value}">"#))
    };
    let model = Model::new(&page("3"));
    model.meddle(&Meddle::Use(0, Control::Value("12".into())));
    patch(&model, &0, &page(""));
    assert_eq!(model.shown(), expected(&page("")));
}
