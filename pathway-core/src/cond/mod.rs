//! Conditions over the answers given so far, as data: what they test, and how the validator
//! reasons about them. Evaluating them on a walk is `walk::eval`'s job.

pub(crate) mod nesting;

use crate::index::{CriterionIx, FlagIx, ItemIx, LevelIx, OptionIx, ReplySet, StepIx};
use serde::{Deserialize, Serialize};

/// An inclusive range; at least one bound is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Range {
    pub(crate) at_least: Option<i64>,
    pub(crate) at_most: Option<i64>,
}

impl Range {
    pub(crate) fn contains(self, value: i64) -> bool {
        self.at_least.is_none_or(|low| value >= low) && self.at_most.is_none_or(|high| value <= high)
    }

    /// Whether every value in `self` is also in `other`.
    pub(crate) fn within(self, other: Range) -> bool {
        let low_ok = match (self.at_least, other.at_least) {
            (_, None) => true,
            (Some(a), Some(b)) => a >= b,
            (None, Some(_)) => false,
        };
        let high_ok = match (self.at_most, other.at_most) {
            (_, None) => true,
            (Some(a), Some(b)) => a <= b,
            (None, Some(_)) => false,
        };
        low_ok && high_ok
    }

    /// Whether the range meets `[min, max]` at all.
    pub(crate) fn meets(self, min: i64, max: i64) -> bool {
        self.at_least.is_none_or(|low| low <= max)
            && self.at_most.is_none_or(|high| high >= min)
            && match (self.at_least, self.at_most) {
                (Some(low), Some(high)) => low <= high,
                _ => true,
            }
    }

    pub(crate) fn describe(self) -> String {
        match (self.at_least, self.at_most) {
            (Some(low), Some(high)) if low == high => format!("exactly {low}"),
            (Some(low), Some(high)) => format!("from {low} to {high}"),
            (Some(low), None) => format!("at least {low}"),
            (None, Some(high)) => format!("at most {high}"),
            (None, None) => "any".into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) enum Cond {
    /// A yes/no step's answer is one of these.
    Reply {
        step: StepIx,
        replies: ReplySet,
    },
    /// A checklist item's answer is one of these.
    Item {
        step: StepIx,
        item: ItemIx,
        replies: ReplySet,
    },
    /// A choice step's answer includes one of these options.
    Chosen {
        step: StepIx,
        options: Vec<OptionIx>,
    },
    Flag(FlagIx),
    /// The weighted count of "yes" answers on a checklist.
    Score {
        step: StepIx,
        range: Range,
    },
    /// How many checklist items have one of these answers.
    Count {
        step: StepIx,
        replies: ReplySet,
        significant_only: bool,
        range: Range,
    },
    Number {
        step: StepIx,
        range: Range,
    },
    Criterion(CriterionIx),
    Risk(LevelIx),
    // Reading a compiled pathway counts how deep these nest, so a crafted file cannot
    // exhaust the stack (`nesting`).
    All(#[serde(deserialize_with = "crate::cond::nesting::nested")] Vec<Cond>),
    Any(#[serde(deserialize_with = "crate::cond::nesting::nested")] Vec<Cond>),
    Not(#[serde(deserialize_with = "crate::cond::nesting::nested")] Box<Cond>),
}

impl Cond {
    /// Calls `f` with every step whose answer this condition reads directly.
    pub(crate) fn for_each_step(&self, f: &mut dyn FnMut(StepIx)) {
        match self {
            Cond::Reply { step, .. }
            | Cond::Item { step, .. }
            | Cond::Chosen { step, .. }
            | Cond::Score { step, .. }
            | Cond::Count { step, .. }
            | Cond::Number { step, .. } => f(*step),
            Cond::All(list) | Cond::Any(list) => list.iter().for_each(|c| c.for_each_step(f)),
            Cond::Not(inner) => inner.for_each_step(f),
            Cond::Flag(_) | Cond::Criterion(_) | Cond::Risk(_) => {}
        }
    }

    /// Calls `f` for every leaf (a condition that is not `all`, `any` or `not`).
    /// Whether the condition reads the risk level or a criterion.
    pub(crate) fn reads_risk(&self) -> bool {
        let mut found = false;
        self.for_each_leaf(&mut |leaf| found |= matches!(leaf, Cond::Criterion(_) | Cond::Risk(_)));
        found
    }

    pub(crate) fn for_each_leaf<'a>(&'a self, f: &mut dyn FnMut(&'a Cond)) {
        match self {
            Cond::All(list) | Cond::Any(list) => list.iter().for_each(|c| c.for_each_leaf(f)),
            Cond::Not(inner) => inner.for_each_leaf(f),
            leaf => f(leaf),
        }
    }

    /// Whether `self` being true guarantees `other` is true, as far as a simple reading can
    /// tell. Used to find branches that an earlier branch always takes first.
    pub(crate) fn implies(&self, other: &Cond) -> bool {
        if self == other {
            return true;
        }
        match (self, other) {
            (_, Cond::Any(list)) if list.iter().any(|c| self.implies(c)) => true,
            (Cond::All(list), _) if list.iter().any(|c| c.implies(other)) => true,
            (Cond::Any(list), _) if !list.is_empty() && list.iter().all(|c| c.implies(other)) => true,
            (_, Cond::All(list)) if !list.is_empty() && list.iter().all(|c| self.implies(c)) => true,
            (Cond::Reply { step: a, replies: ra }, Cond::Reply { step: b, replies: rb }) => {
                a == b && ra.0 & !rb.0 == 0
            }
            (
                Cond::Item { step: a, item: ia, replies: ra },
                Cond::Item { step: b, item: ib, replies: rb },
            ) => a == b && ia == ib && ra.0 & !rb.0 == 0,
            (Cond::Chosen { step: a, options: oa }, Cond::Chosen { step: b, options: ob }) => {
                a == b && oa.iter().all(|o| ob.contains(o))
            }
            (Cond::Score { step: a, range: ra }, Cond::Score { step: b, range: rb })
            | (Cond::Number { step: a, range: ra }, Cond::Number { step: b, range: rb }) => {
                a == b && ra.within(*rb)
            }
            (
                Cond::Count { step: a, replies: qa, significant_only: sa, range: ra },
                Cond::Count { step: b, replies: qb, significant_only: sb, range: rb },
            ) => a == b && qa == qb && sa == sb && ra.within(*rb),
            _ => false,
        }
    }
}
