//! Identifiers as newtypes, so a step id can never be passed where a destination id is meant.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    )*};
}

id_type! {
    /// The id of a step (one question, or one page of information).
    StepId,
    /// The id of one option of a single- or multiple-choice step.
    OptionId,
    /// The id of one item of a scored checklist.
    ItemId,
    /// The id of a destination: somewhere to refer to.
    DestinationId,
    /// The id of a route: a rule that adds destinations, advice or warnings.
    RouteId,
    /// The id of a flag that answers can set.
    FlagId,
    /// The id of a cited source.
    SourceId,
    /// The id of a risk criterion (for example a MARAC referral criterion).
    CriterionId,
    /// The id of a risk level.
    LevelId,
    /// The id of a declared safety property.
    PropertyId,
}

/// Whether an id is written the way the format asks: lower-case letters, digits and `_` or `-`,
/// starting with a letter. Ids appear in case studies and diagrams, so they must be plain.
pub(crate) fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        && id.len() <= 64
}
