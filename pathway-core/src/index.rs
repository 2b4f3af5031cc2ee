//! Positions inside a validated pathway, as newtypes, and the four answers to a yes/no
//! question: the small types every other part of the core shares. Nothing here depends on
//! anything else in the crate.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Index of a step in `Pathway::steps`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub(crate) struct StepIx(pub(crate) usize);

/// Index of a flag in `Pathway::flags`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub(crate) struct FlagIx(pub(crate) usize);

/// Index of a destination in `Pathway::destinations`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub(crate) struct DestIx(pub(crate) usize);

/// Index of a route in `Pathway::routes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub(crate) struct RouteIx(pub(crate) usize);

/// Index of an item in its checklist step's items.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub(crate) struct ItemIx(pub(crate) usize);

/// Index of an option in its choice step's options.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub(crate) struct OptionIx(pub(crate) usize);

/// Index of a criterion in the risk model's criteria.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub(crate) struct CriterionIx(pub(crate) usize);

/// Index of a level in the risk model's levels, highest first: an earlier level is a higher one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub(crate) struct LevelIx(pub(crate) usize);

/// An answer to a yes/no question or a checklist item. "Not known" and "declined" are answers
/// in their own right: they are counted, never treated as "no".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    Yes,
    No,
    NotKnown,
    Declined,
}

impl Reply {
    pub const ALL: [Reply; 4] = [Reply::Yes, Reply::No, Reply::NotKnown, Reply::Declined];

    pub fn id(self) -> &'static str {
        match self {
            Reply::Yes => "yes",
            Reply::No => "no",
            Reply::NotKnown => "not_known",
            Reply::Declined => "declined",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Reply::Yes => "Yes",
            Reply::No => "No",
            Reply::NotKnown => "Not known",
            Reply::Declined => "Declined to answer",
        }
    }

    pub fn from_id(id: &str) -> Option<Reply> {
        Reply::ALL.into_iter().find(|r| r.id() == id)
    }

    pub(crate) fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl fmt::Display for Reply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A set of replies, as a bit mask.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub(crate) struct ReplySet(pub(crate) u8);

impl ReplySet {
    pub(crate) fn contains(self, reply: Reply) -> bool {
        self.0 & reply.bit() != 0
    }
    pub(crate) fn iter(self) -> impl Iterator<Item = Reply> {
        Reply::ALL.into_iter().filter(move |r| self.contains(*r))
    }
}

/// Where the walk goes next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) enum Target {
    Step(StepIx),
    End,
}
