//! What the studio's page and its engine, in a Web Worker, say to each other: a [`Request`]
//! and its [`Response`], each numbered so an answer finds its question, sent as JSON text.
//! Both sides are this crate, so a field the page reads is one the engine writes, checked when
//! it is built; the types are the studio's own, not the core's, so the page depends only on
//! what it draws.

use serde::{Deserialize, Serialize};

/// A question for the engine. Each carries the pathway's text (and a variant's base, empty
/// for a plain pathway): the engine keeps nothing between questions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    /// Problems, metadata, the diagram and where each node is written.
    Check { text: String, base: String },
    /// What a file is: a pathway, a variant or a case study.
    KindOf { text: String },
    /// The compiled pathway for the preview (any pathway that loads).
    Preview { text: String, base: String },
    /// Case study files run, with coverage.
    Cases { text: String, base: String, files: Vec<(String, String)> },
    /// The properties proven.
    Verify { text: String, base: String },
    /// The mutation check.
    Mutants { text: String, files: Vec<(String, String)> },
    /// The compiled pathway for publishing, only if it may be published.
    Build { text: String, base: String },
    /// Another version compared with this one.
    Diff { older: String, text: String, base: String },
}

/// The engine's answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Response {
    /// Sent once, unasked, when the engine is listening: a message sent to a worker before
    /// then is lost.
    Ready,
    Checked(Checked),
    Kind(FileKind),
    /// A compiled pathway.
    Compiled(Vec<u8>),
    Cases(CasesRun),
    Verified(Verified),
    Mutants(MutationRun),
    Compared(Comparison),
    /// Why the engine could not do what was asked, in words for the author.
    Refused(String),
}

/// A request or response, numbered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Envelope<T> {
    pub seq: u32,
    pub body: T,
}

impl<T: Serialize> Envelope<T> {
    pub fn encode(&self) -> String {
        // Every type here serialises: its maps have string keys and its numbers are finite.
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl<T: for<'de> Deserialize<'de>> Envelope<T> {
    pub fn decode(text: &str) -> Result<Envelope<T>, String> {
        serde_json::from_str(text)
            .map_err(|e| format!("a message between the studio and its engine is unreadable: {e}"))
    }
}

/// The pathway checked: whether it loads, its problems, and for one that loads, its names, its
/// diagram and where each of its nodes is written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checked {
    pub loaded: bool,
    pub meta: Option<Titled>,
    pub problems: Vec<Problem>,
    pub svg: Option<String>,
    pub nodes: Vec<Node>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Titled {
    pub id: String,
    pub title: String,
    pub version: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Severity {
    Error,
    Warning,
}

/// A problem as the studio lists and marks it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub severity: Severity,
    pub code: String,
    pub message: String,
    pub help: String,
    pub place: Option<Place>,
    /// The one-click fix, where the core knows one.
    pub fix: Option<Edit>,
}

/// Where something is written. Lines and columns count from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// In a variant's base, which the studio shows but does not edit.
    pub in_base: bool,
    pub line: usize,
    pub column: usize,
    pub length: usize,
}

/// A change to the text: `length` characters from the line and column replaced with `insert`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    /// What it does, in words: "Change `immediate_dangr` to `immediate_danger`".
    pub label: String,
    pub in_base: bool,
    pub line: usize,
    pub column: usize,
    pub length: usize,
    pub insert: String,
}

/// A drawn step, route or destination and where it is written in the file being edited.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    /// The diagram element's id: `step-role`, `route-danger_now`, `dest-police_999`.
    pub element: String,
    pub line: usize,
    pub column: usize,
}

/// What a file is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    /// A whole pathway, with its id where it loads.
    Pathway {
        id: Option<String>,
    },
    /// A variant of the pathway `base_id`.
    Variant {
        base_id: String,
    },
    CaseStudy,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasesRun {
    pub cases: Vec<CaseResult>,
    pub coverage: Vec<CoverageRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseResult {
    pub name: String,
    pub title: String,
    pub passed: bool,
    /// Why it failed: where its file is wrong, or what the outcome did not match.
    pub failures: Vec<String>,
}

/// One kind of thing the case studies should reach.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageRow {
    pub what: String,
    pub covered: usize,
    pub total: usize,
    pub missing: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verified {
    pub properties: Vec<Property>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    Proven,
    /// No walk meets its condition: probably a mistake in the condition.
    NeverApplies,
    /// A walk breaks it.
    Refuted,
    /// Too many walks to decide within the limit.
    Undecided,
}

/// A declared property or destination precondition, proven or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Property {
    pub id: String,
    pub title: String,
    pub verdict: Verdict,
    /// What it expected and did not get, or why it was not decided.
    pub broken: Vec<String>,
    pub place: Option<Place>,
    /// The shortest walk that breaks it, as a case study file.
    pub case_study: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MutationRun {
    pub total: usize,
    pub killed: usize,
    pub equivalent: usize,
    /// Killed over those that are real mistakes, from 0 to 1.
    pub score: f64,
    pub survived: Vec<Survivor>,
}

/// A mistake nothing noticed, and what would.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Survivor {
    pub kind: String,
    pub description: String,
    pub suggestion: String,
    pub place: Option<Place>,
}

/// Another version compared with the one being written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    pub before_version: String,
    pub after_version: String,
    /// Whether every class of walk was compared.
    pub exact: bool,
    pub behaviour: Vec<Ending>,
    /// Wording, questions and contacts that changed.
    pub wording: Vec<String>,
}

/// One way walks now end differently.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ending {
    pub change: String,
    pub classes: usize,
    /// Answers given to both versions, and what each ends with, as text.
    pub example: String,
}
