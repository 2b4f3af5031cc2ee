//! Domestic abuse referral pathways: loaded from YAML, validated, and walked.
//!
//! This crate does no I/O. It is given the text of a pathway and returns values, so it runs
//! the same in the `pathway` command, in the browser and in tests.
//!
//! ```
//! # let yaml = include_str!("../tests/fixtures/valid/minimal.yaml");
//! use pathway_core::{Answer, Pathway, Reply, Session};
//! let pathway = Pathway::from_yaml(yaml).map_err(|e| e.to_string())?;
//! let mut session = Session::new(&pathway);
//! session.answer(&pathway, Answer::Reply(Reply::Yes)).map_err(|e| e.to_string())?;
//! let outcome = session.outcome(&pathway).map_err(|e| e.to_string())?;
//! assert_eq!(outcome.referrals[0].destination.as_str(), "police_999");
//! # Ok::<(), String>(())
//! ```
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]
// The walker-only build (no `authoring`) leaves the authors' half of shared types unread;
// dead code is still found by the full build, which clippy checks.
#![cfg_attr(not(feature = "authoring"), allow(dead_code))]

#[cfg(feature = "authoring")]
mod author;
mod compiled;
mod cond;
mod diagnostic;
#[cfg(feature = "authoring")]
mod graph;
mod ids;
mod index;
#[cfg(feature = "authoring")]
mod load;
mod model;
mod walk;

#[cfg(feature = "authoring")]
pub use author::analysis::{Analysis, OutcomeRow, RouteGroup, outcome_table};
#[cfg(feature = "authoring")]
pub use author::answers::{CaseError, answers_yaml, read_answers, walk as walk_answers, walk_as_far_as};
/// `pathway audit`: past cases read from an export and walked (see docs/audit.md).
#[cfg(feature = "authoring")]
pub use author::audit;
#[cfg(feature = "authoring")]
pub use author::case_study::{CaseReport, CaseRun, CaseStudy, Expected, SuiteReport};
#[cfg(feature = "authoring")]
pub use author::compare::OutcomeChange;
#[cfg(feature = "authoring")]
pub use author::coverage::{Coverage, CoverageLine};
#[cfg(feature = "authoring")]
pub use author::diff::{BehaviourChange, Ending, Example, PathwayDiff, Version, VersionChanges};
#[cfg(feature = "authoring")]
pub use author::mutants::{Fate, MutantReport, Mutation, MutationScore};
#[cfg(feature = "authoring")]
pub use author::publication::Publication;
#[cfg(feature = "authoring")]
pub use author::verify::{Check, CheckKind, Counterexample, VERIFY_LIMIT, Verdict, Verification};
pub use compiled::{COMPILED_FORMAT, CompiledError, seal};
#[cfg(feature = "authoring")]
pub use diagnostic::Fix;
pub use diagnostic::{Diagnostic, Document, Files, LoadError, Location, Problem, Severity, SourceFile};
#[cfg(feature = "authoring")]
pub use graph::{DiagramFormat, diagram};
pub use ids::*;
#[cfg(feature = "authoring")]
pub use load::source_map::{MAX_BYTES, MAX_DEPTH};
pub use model::*;
pub use walk::entry::{Entry, EntryProblem, Field, FieldProblem};
pub use walk::outcome::{CriterionMet, Decision, Note, Outcome, Reason, Referral, RiskOutcome, Stamp};
pub use walk::session::{AnswerSummary, Changed, Position, Progress, Session, WalkError};
pub use walk::sheet::{Answer, Fact, MAX_TEXT};

#[cfg(feature = "authoring")]
impl Pathway {
    /// Loads and validates a pathway. On failure, returns every problem found, each with its
    /// line and column where the YAML gives one, what is wrong and how to fix it.
    ///
    /// A variant (a file that `extends` a base pathway) needs its base: see [`Pathway::from_yaml_with_base`].
    pub fn from_yaml(source: &str) -> Result<Pathway, LoadError> {
        load::load(source, None)
    }

    /// Loads a variant over the text of the base pathway it extends (see [`extends`] for where
    /// the variant says the base is), and validates the result as one pathway. Each problem's
    /// location says which of the two files it is in. A plain pathway ignores `base`.
    pub fn from_yaml_with_base(source: &str, base: &str) -> Result<Pathway, LoadError> {
        load::load(source, Some(base))
    }

    /// Loads a pathway as [`Pathway::from_yaml`] does (or, given its base, a variant as
    /// [`Pathway::from_yaml_with_base`] does), and says where each of its things is written.
    pub fn from_yaml_written(source: &str, base: Option<&str>) -> Result<(Pathway, Written), LoadError> {
        load::load_located(source, base).map(|(pathway, located)| (pathway, Written(located)))
    }

    /// What stops this pathway, loaded from `source` (its own file), from being published:
    /// `pathway check` and `pathway build` refuse it. For now: a version with no change note.
    pub fn publication_problems(&self, source: &str) -> Vec<Diagnostic> {
        load::publication_problems(self, source)
    }
}

/// A variant's base: the base pathway's id, and its file as the variant names it (a path
/// relative to the variant's own file). `None` for a pathway that is not a variant.
#[cfg(feature = "authoring")]
pub fn extends(source: &str) -> Option<Extends> {
    load::variant::extends(source).map(|(id, file)| Extends { id, file })
}

/// What a variant says of the base pathway it extends.
#[cfg(feature = "authoring")]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extends {
    pub id: String,
    pub file: String,
}

/// Where in a pathway's text the value at `path` (such as `routes[3].when`) is written, or the
/// nearest enclosing value: for tools that report on a loaded pathway.
#[cfg(feature = "authoring")]
pub fn locate(source: &str, path: &str) -> Option<Location> {
    load::source_map::scan(source).ok()?.locate(path)
}

/// Where the things of a pathway are written, for tools that go from a loaded pathway to its
/// text. For a variant, a thing is either the base's, in the base's file, or added or changed
/// by the variant, in the variant's file: each [`Location`] says which.
#[cfg(feature = "authoring")]
pub struct Written(load::locator::Locator);

#[cfg(feature = "authoring")]
impl Written {
    /// Where a whole step, route, destination, risk criterion or level (`steps[4]`, by its
    /// position in the loaded pathway) is written: for a variant, the entry of its own file that
    /// adds or changes it, if there is one.
    pub fn item(&self, path: &str) -> Option<Location> {
        self.0.item(path)
    }
}
