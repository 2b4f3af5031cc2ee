//! Problems found in a pathway file, and how they are shown to its author.

use serde::Serialize;
use std::fmt::{self, Write as _};

#[cfg(feature = "authoring")]
mod fix;
#[cfg(feature = "authoring")]
pub use fix::Fix;
#[cfg(feature = "authoring")]
pub(crate) use fix::nearest;

/// Whether a problem stops the pathway from loading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// Which file a place is in. A pathway is one file; a variant is its own file over a base
/// pathway's, and a problem may be in either.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Document {
    /// The file that was loaded: the pathway, or the variant.
    #[default]
    Main,
    /// The base pathway a variant `extends`.
    Base,
}

impl Document {
    fn is_main(&self) -> bool {
        *self == Document::Main
    }
}

/// The files a pathway was read from, as reports name them: the pathway's own and, for a
/// variant, its base's.
#[derive(Clone, Copy, Debug)]
pub struct Files<'a> {
    pub main: SourceFile<'a>,
    pub base: Option<SourceFile<'a>>,
}

/// One file's name (as the reader knows it) and text.
#[derive(Clone, Copy, Debug)]
pub struct SourceFile<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

impl<'a> Files<'a> {
    /// A pathway that is one file.
    pub fn single(name: &'a str, text: &'a str) -> Self {
        Files { main: SourceFile { name, text }, base: None }
    }

    pub fn get(&self, document: Document) -> SourceFile<'a> {
        match document {
            Document::Main => self.main,
            Document::Base => self.base.unwrap_or(self.main),
        }
    }
}

/// A place in the YAML text. Lines and columns count from 1; `offset` is in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
    pub length: usize,
    /// Left out of JSON for the loaded file itself, so reports on plain pathways are unchanged.
    #[serde(skip_serializing_if = "Document::is_main")]
    pub document: Document,
}

/// Every kind of problem the loader knows. The text of each is written for a pathway author,
/// not a programmer, and `help` says how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Problem {
    #[error("the file is {bytes} bytes long; pathway files may be at most {limit} bytes")]
    TooLarge { bytes: usize, limit: usize },
    #[error("the file is empty")]
    Empty,
    #[error("this is not valid YAML: {message}")]
    Syntax { message: String },
    #[error("the YAML is nested more than {limit} levels deep")]
    TooDeep { limit: usize },
    #[error("the YAML has more than {limit} values")]
    TooManyValues { limit: usize },
    #[error("anchors and aliases (`&name`, `*name`) are not allowed in pathway files")]
    AnchorOrAlias,
    #[error("the tag `{tag}` is not allowed in pathway files")]
    Tag { tag: String },
    #[error("the file holds more than one YAML document")]
    MultipleDocuments,
    #[error("a key in a mapping must be plain text")]
    ComplexKey,
    #[error("`{key}` is written twice in the same mapping (first on line {first_line})")]
    DuplicateKey { key: String, first_line: usize },
    #[error("unknown field `{field}`")]
    UnknownField { field: String, expected: String },
    #[error("the field `{field}` is missing")]
    MissingField { field: String },
    #[error("`{value}` is not one of the allowed values")]
    UnknownValue { value: String, expected: String },
    #[error("{message}")]
    WrongType { message: String },
    #[error("`{id}` is not a valid id")]
    InvalidId { id: String },
    #[error("`end` is reserved: it means the end of the walk, so no {what} may use it as an id")]
    ReservedId { what: String },
    #[error(
        "the {what} id `{id}` is used twice (first on line {first_line}{})",
        .first_in.as_ref().map(|file| format!(" of {file}")).unwrap_or_default()
    )]
    DuplicateId {
        what: String,
        id: String,
        first_line: usize,
        /// Where the first use is, when it is not in the file reported on but in a variant's
        /// base: the base's file as the variant names it (`extends.file`).
        #[serde(skip_serializing_if = "Option::is_none")]
        first_in: Option<String>,
    },
    #[error("there is no {what} with the id `{id}`")]
    UnknownReference {
        what: String,
        id: String,
        known: String,
        /// The known id closest to `id`, if one is close enough to be what was meant.
        #[serde(skip_serializing_if = "Option::is_none")]
        nearest: Option<String>,
    },
    #[error("`{value}` is not an answer that step `{step}` offers")]
    UnknownAnswer { step: String, value: String, allowed: String },
    #[error("`{field}` does not apply to a {kind} step")]
    FieldNotForKind { field: String, kind: String },
    #[error("a {kind} step needs at least {at_least} {what}")]
    TooFewChoices { kind: String, what: String, at_least: usize },
    #[error("the text of {what} is empty")]
    EmptyText { what: String },
    #[error("`{field}` is not a valid date: {value}")]
    InvalidDate { field: String, value: String },
    #[error("the {kind} contact `{value}` does not look right")]
    InvalidContact { kind: String, value: String },
    #[error("the minimum {min} is greater than the maximum {max}")]
    BadBounds { min: i64, max: i64 },
    #[error("a weight must be between 1 and 100, not {weight}")]
    BadWeight { weight: i64 },
    #[error("step `{step}` has no way on after the answer {answer}")]
    NoWayOn { step: String, answer: String },
    #[error("step `{step}` has no way on when none of its branches applies")]
    NoOtherwise { step: String },
    #[error("{what} can never apply: {by}")]
    Shadowed { what: String, by: String },
    #[error("`{condition}` cannot be used with step `{step}`, which is a {kind} step")]
    WrongStepKind { condition: String, step: String, kind: String },
    #[error("this condition can never be true: {why}")]
    NeverTrue { why: String },
    #[error("step `{step}` is never answered before {place}, so this condition cannot see it")]
    NotYetAnswered { step: String, place: String },
    #[error("the steps go round in a circle: {cycle}")]
    Cycle { cycle: String },
    #[error("step `{step}` can never be reached from the start step `{start}`")]
    Unreachable { step: String, start: String },
    #[error("{what} cannot depend on {on}")]
    CircularRisk { what: String, on: String },
    #[error("the last risk level must have no `when`, so that every walk gets a level")]
    NoDefaultLevel,
    #[error("only the last risk level may leave out `when`")]
    DefaultLevelNotLast,
    #[error("route `{route}` refers to nobody and gives no advice or warning")]
    EmptyRoute { route: String },
    #[error("a text step may have `required` or `required_when`, not both")]
    RequiredTwice,
    #[error("checklist item `{item}` is {how}")]
    ItemTopics { item: String, how: String },
    #[error("property `{property}` expects nothing")]
    EmptyProperty { property: String },
    #[error("property `{property}` can never hold: {why}")]
    ContradictoryProperty { property: String, why: String },
    #[error("route `{route}` has no warning to show")]
    NotAWarning { route: String },
    #[error("a condition in a pathway may be nested at most {limit} levels deep")]
    ConditionTooDeep { limit: usize },
    #[error("the flag `{flag}` is tested but no answer ever sets it")]
    FlagNeverSet { flag: String },
    #[error("version {version} has no change note")]
    NoChangeNote { version: String },
    // A variant and its base.
    #[error("this pathway is a variant of `{base}`, but its base pathway was not given")]
    BaseNotGiven { base: String },
    #[error("this variant extends `{wanted}`, but the base file is the pathway `{found}`")]
    WrongBase { wanted: String, found: String },
    #[error("this variant was written for version {wanted} of `{base}`, but the base is version {found}")]
    BaseVersion { base: String, wanted: String, found: String },
    #[error("the base pathway `{base}` has no {what} `{id}`{within} to change")]
    NotInBase { base: String, what: String, id: String, within: String },
    #[error("this variant {what} of its base without saying why")]
    SilentRuleChange { what: String },
    // Warnings: legal, but probably not what the author meant.
    #[error("no route refers to the destination `{id}`")]
    UnusedDestination { id: String },
    #[error("the flag `{flag}` is set but never tested")]
    UnusedFlag { flag: String },
    #[error("the source `{id}` is never cited")]
    UnusedSource { id: String },
    #[error("route `{route}` has the same condition as route `{earlier}`")]
    DuplicateRoute { route: String, earlier: String },
    #[error("destination `{id}` interrupts the walk but its urgency is not `immediate`")]
    InterruptNotImmediate { id: String },
    #[error("this variant {what} of its base: {reason}")]
    RuleChanged { what: String, reason: String },
}

/// Each problem's code: a short, stable name for tools and for the docs.
macro_rules! problem_codes {
    ($($variant:ident => $code:literal),* $(,)?) => {
        impl Problem {
            /// Every code, so a test can require a fixture for each.
            pub const CODES: &'static [&'static str] = &[$($code),*];

            /// A short, stable name for the kind of problem, for tools and for the docs.
            pub fn code(&self) -> &'static str {
                match self { $(Problem::$variant { .. } => $code,)* }
            }
        }
    };
}

problem_codes! {
            TooLarge => "too-large", Empty => "empty", Syntax => "syntax", TooDeep => "too-deep",
            TooManyValues => "too-many-values", AnchorOrAlias => "anchor-or-alias", Tag => "tag",
            MultipleDocuments => "multiple-documents", ComplexKey => "complex-key",
            DuplicateKey => "duplicate-key", UnknownField => "unknown-field",
            MissingField => "missing-field", UnknownValue => "unknown-value",
            WrongType => "wrong-type", InvalidId => "invalid-id", ReservedId => "reserved-id",
            DuplicateId => "duplicate-id", UnknownReference => "unknown-reference",
            UnknownAnswer => "unknown-answer", FieldNotForKind => "field-not-for-kind",
            TooFewChoices => "too-few-choices", EmptyText => "empty-text",
            InvalidDate => "invalid-date", InvalidContact => "invalid-contact",
            BadBounds => "bad-bounds", BadWeight => "bad-weight", NoWayOn => "no-way-on",
            NoOtherwise => "no-otherwise", Shadowed => "shadowed",
            WrongStepKind => "wrong-step-kind", NeverTrue => "never-true",
            NotYetAnswered => "not-yet-answered", Cycle => "cycle", Unreachable => "unreachable",
            CircularRisk => "circular-risk",
            NoDefaultLevel => "no-default-level", DefaultLevelNotLast => "default-level-not-last",
            EmptyRoute => "empty-route", RequiredTwice => "required-twice", ItemTopics => "item-topics",
            EmptyProperty => "empty-property", ContradictoryProperty => "contradictory-property",
            NotAWarning => "not-a-warning",
            ConditionTooDeep => "condition-too-deep", FlagNeverSet => "flag-never-set",
            NoChangeNote => "no-change-note", BaseNotGiven => "base-not-given", WrongBase => "wrong-base",
            BaseVersion => "base-version", NotInBase => "not-in-base",
            SilentRuleChange => "silent-rule-change",
            UnusedDestination => "unused-destination", UnusedFlag => "unused-flag",
            UnusedSource => "unused-source", DuplicateRoute => "duplicate-route",
            InterruptNotImmediate => "interrupt-not-immediate", RuleChanged => "rule-changed",
}

impl Problem {
    pub fn severity(&self) -> Severity {
        match self {
            Problem::UnusedDestination { .. }
            | Problem::UnusedFlag { .. }
            | Problem::UnusedSource { .. }
            | Problem::DuplicateRoute { .. }
            | Problem::InterruptNotImmediate { .. }
            | Problem::RuleChanged { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// How to fix it, in plain words.
    pub fn help(&self) -> String {
        match self {
            Problem::TooLarge { .. } => "split the pathway, or remove repeated text".into(),
            Problem::Empty => "start from the worked example in docs/pathway-format.md".into(),
            Problem::Syntax { .. } => "check the indentation (spaces, not tabs) and that every `:` and `-` is followed by a space; put text containing `: ` or `#` in quotes".into(),
            Problem::TooDeep { .. } | Problem::ConditionTooDeep { .. } => "simplify the nesting: split a long `all`/`any` into a criterion or a flag".into(),
            Problem::TooManyValues { .. } => "the pathway is far larger than any real one; check that the file is the right one".into(),
            Problem::AnchorOrAlias => "write the value out in full where it is needed; shared values hide what each step really says".into(),
            Problem::Tag { .. } => "remove the tag; write plain values".into(),
            Problem::MultipleDocuments => "remove the `---` line: one pathway per file".into(),
            Problem::ComplexKey => "use a plain word as the key".into(),
            Problem::DuplicateKey { key, .. } => format!("keep one `{key}` and delete the other; YAML would otherwise keep only the last one silently"),
            Problem::UnknownField { expected, .. } => format!("check the spelling; the fields allowed here are {expected}"),
            Problem::MissingField { field } => format!("add `{field}:` with a value"),
            Problem::UnknownValue { expected, .. } => format!("use one of {expected}"),
            Problem::WrongType { .. } => "compare with the example in docs/pathway-format.md".into(),
            Problem::InvalidId { .. } => "use lower-case letters, digits, `_` or `-`, starting with a letter (at most 64 characters), for example `risk_checklist`".into(),
            Problem::ReservedId { .. } => "choose another id".into(),
            Problem::DuplicateId { .. } => "give each one its own id, or delete the copy".into(),
            Problem::UnknownReference { known, nearest, .. } => match (nearest, known.is_empty()) {
                (Some(near), true) => format!("did you mean `{near}`? If not, add it, or remove the reference"),
                (Some(near), false) => format!("did you mean `{near}`? The ids known are {known}"),
                (None, true) => "add it, or remove the reference".into(),
                (None, false) => format!("check the spelling; the ids known are {known}"),
            },
            Problem::UnknownAnswer { allowed, .. } => format!("use one of {allowed}"),
            Problem::FieldNotForKind { .. } => "remove the field, or change the step's `kind`".into(),
            Problem::TooFewChoices { what, .. } => format!("add the {what}"),
            Problem::EmptyText { .. } => "write the text a practitioner should see".into(),
            Problem::InvalidDate { .. } => "write the date as YYYY-MM-DD, for example 2026-11-01".into(),
            Problem::InvalidContact { kind, .. } => match kind.as_str() {
                "phone" | "text" => "write the number with digits and spaces only, as it is dialled, for example `03000 202 525`".into(),
                "email" => "write an address like `name@example.org`".into(),
                _ => "write the full address, starting with `https://`".into(),
            },
            Problem::BadBounds { .. } => "swap `min` and `max`".into(),
            Problem::BadWeight { .. } => "give the item a weight from 1 to 100 (1 is usual)".into(),
            Problem::NoWayOn { .. } => "add `next:` to the step, or to that answer".into(),
            Problem::NoOtherwise { .. } => "end the list of branches with one that has no `when`, for example `- go: next_step`".into(),
            Problem::Shadowed { .. } => "put the narrower one first, or remove it".into(),
            Problem::WrongStepKind { .. } => "`score` and `count` need a checklist step, `number` a number step; check the step id".into(),
            Problem::NeverTrue { .. } => "change the number or the answer so the condition can be met, or remove it".into(),
            Problem::NotYetAnswered { .. } => "test only steps that always come before this point, or move the question earlier".into(),
            Problem::Cycle { .. } => "change one `next` so the walk always moves forward; to ask again, add a new step".into(),
            Problem::Unreachable { .. } => "point a `next` at it, or delete the step".into(),
            Problem::CircularRisk { .. } => "criteria may test answers, flags, scores and numbers; levels may also test criteria".into(),
            Problem::NoDefaultLevel => "remove `when` from the last level (usually the lowest)".into(),
            Problem::DefaultLevelNotLast => "move the level without `when` to the end of the list".into(),
            Problem::EmptyRoute { .. } => "add `refer:`, `advice:` or `warning:`, or delete the route".into(),
            Problem::EmptyProperty { .. } => "under `then:`, list what must hold: `refer`, `not_refer`, `interrupts`, `warnings`, `routes`, `not_routes`, `first`, `order`, `risk_at_least`, `risk_at_most` or `no_risk`".into(),
            Problem::ContradictoryProperty { .. } => "remove one of the two expectations that contradict each other".into(),
            Problem::NotAWarning { .. } => "list the route under `routes:` instead, or give it a `warning:`".into(),
            Problem::ItemTopics { .. } => "list every item of the checklist in exactly one topic, or remove `topics` to ask them all on one page".into(),
            Problem::RequiredTwice => "keep `required_when` if the text is needed only sometimes, else `required: true`".into(),
            Problem::FlagNeverSet { .. } => "add it to the `sets:` of an option or answer, or remove the test".into(),
            Problem::UnusedDestination { .. } => "add a route that refers to it, or delete it".into(),
            Problem::UnusedFlag { .. } => "test it in a condition, or stop setting it".into(),
            Problem::UnusedSource { .. } => "cite it in `sources:` where it is used, or delete it".into(),
            Problem::DuplicateRoute { .. } => "merge the two routes into one".into(),
            Problem::InterruptNotImmediate { .. } => "set `urgency: immediate`, or remove `interrupt: true`".into(),
            Problem::NoChangeNote { version } => format!("add an entry under `changes:` with `version: \"{version}\"`, today's `date` and, under `what:`, what changed in plain words: practitioners see it on the start page"),
            Problem::BaseNotGiven { .. } => "load the variant with its base: the `pathway` command reads the file `extends.file` names".into(),
            Problem::WrongBase { wanted, .. } => format!("point `extends.file` at the `{wanted}` pathway, or correct `extends.id`"),
            Problem::BaseVersion { found, .. } => format!("read what changed in the base since the version this variant was written for, check that each of this variant's changes still fits, then set `extends.version: \"{found}\"`"),
            Problem::NotInBase { what, .. } => format!("check the id against the base pathway; to add a new {what} of this variant's own, list it under `add:`"),
            Problem::SilentRuleChange { .. } => "give the change a `reason:` in plain words (it is shown as a warning to everyone who checks the variant), or remove the change and keep the base's rule".into(),
            Problem::RuleChanged { .. } => "make sure the partnership has agreed this change, and that the case studies show what it does".into(),
        }
    }
}

/// One problem, where it is, and what it is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub help: String,
    /// Where in the document's structure, for example `steps[3].options[1].next`.
    pub path: String,
    pub location: Option<Location>,
    pub problem: Problem,
}

impl Diagnostic {
    pub fn new(problem: Problem, path: impl Into<String>, location: Option<Location>) -> Self {
        Diagnostic {
            severity: problem.severity(),
            code: problem.code(),
            message: problem.to_string(),
            help: problem.help(),
            path: path.into(),
            location,
            problem,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The file the problem is in.
    pub fn document(&self) -> Document {
        self.location.map(|l| l.document).unwrap_or_default()
    }

    /// Renders the problem (see [`Diagnostic::render`]) in whichever of the files it is in.
    pub fn render_in(&self, files: &Files) -> String {
        let file = files.get(self.document());
        self.render(file.name, file.text)
    }

    /// Renders the problem in the manner of the Rust compiler: the file, line and column, the
    /// offending line with a caret under it, and the fix.
    pub fn render(&self, file_name: &str, source: &str) -> String {
        let mut out = String::new();
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(out, "{severity}[{}]: {}", self.code, self.message);
        let pad = snippet(&mut out, file_name, source, self.location);
        if !self.path.is_empty() {
            let _ = writeln!(out, "{pad} = at: {}", self.path);
        }
        let _ = writeln!(out, "{pad} = help: {}", self.help);
        out
    }
}

/// Writes where a problem is, rustc-style: `--> file:line:col`, the line, and a caret under
/// the value. Returns the padding the lines after it use, so they line up.
pub(crate) fn snippet(out: &mut String, file_name: &str, source: &str, location: Option<Location>) -> String {
    let width = location.map(|l| l.line.to_string().len()).unwrap_or(1);
    let pad = " ".repeat(width);
    match location {
        Some(loc) => {
            let _ = writeln!(out, "{pad}--> {file_name}:{}:{}", loc.line, loc.column);
            if let Some(text) = source.lines().nth(loc.line.saturating_sub(1)) {
                let text = text.trim_end();
                let before: String = text.chars().take(loc.column.saturating_sub(1)).collect();
                let indent: String = before.chars().map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
                let rest = text.chars().count().saturating_sub(before.chars().count());
                let carets = loc.length.clamp(1, rest.max(1));
                let _ = writeln!(out, "{pad} |");
                let _ = writeln!(out, "{} | {text}", loc.line);
                let _ = writeln!(out, "{pad} | {indent}{}", "^".repeat(carets));
            }
        }
        None => {
            let _ = writeln!(out, "{pad}--> {file_name}");
        }
    }
    pad
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some(loc) => write!(f, "{}:{}: {}", loc.line, loc.column, self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Why a pathway could not be loaded: every error found, and any warnings besides.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("the pathway has {} error(s)", self.errors().count())]
pub struct LoadError {
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}
