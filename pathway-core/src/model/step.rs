//! Steps: the questions and pages of a pathway, their kinds, and their ways on.

use crate::cond::Cond;
use crate::ids::*;
use crate::index::{FlagIx, ItemIx, OptionIx, Reply, StepIx, Target};
use serde::{Deserialize, Serialize};

/// A way on from a step: one target, or branches tried in order (the last has no condition).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) enum Next {
    To(Target),
    Branches(Vec<(Option<Cond>, Target)>),
}

impl Next {
    pub(crate) fn targets(&self) -> Vec<Target> {
        match self {
            Next::To(t) => vec![*t],
            Next::Branches(b) => b.iter().map(|(_, t)| *t).collect(),
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Step {
    pub id: StepId,
    pub title: String,
    pub hint: Option<String>,
    pub body: Vec<String>,
    /// For the author's tools and reviewers: not in the compiled form (a practitioner's page never
    /// shows sources, and they were a fifth of its download).
    #[serde(skip)]
    pub sources: Vec<SourceId>,
    pub kind: StepKind,
    pub(crate) next: Option<Next>,
    /// For a text step whose requirement is `Sometimes`: when it is required.
    pub(crate) required_when: Option<Cond>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum StepKind {
    YesNo { allowed: Vec<Reply>, rules: Vec<ReplyRule> },
    SingleChoice { options: Vec<ChoiceOption> },
    MultipleChoice { options: Vec<ChoiceOption> },
    Checklist { items: Vec<ChecklistItem>, topics: Vec<Topic> },
    Number { min: i64, max: i64, unit: Option<String> },
    Text { required: Requirement },
    Info,
}

impl Step {
    /// Every way on the step has: its own and those of its answers.
    pub(crate) fn ways_on(&self) -> Vec<&Next> {
        let mut out: Vec<&Next> = self.next.iter().collect();
        match &self.kind {
            StepKind::YesNo { rules, .. } => out.extend(rules.iter().filter_map(|r| r.next.as_ref())),
            StepKind::SingleChoice { options } => out.extend(options.iter().filter_map(|o| o.next.as_ref())),
            _ => {}
        }
        out
    }

    /// Every step some way on leads to (not the end).
    pub(crate) fn next_steps(&self) -> Vec<StepIx> {
        self.ways_on()
            .into_iter()
            .flat_map(Next::targets)
            .filter_map(|t| match t {
                Target::Step(s) => Some(s),
                Target::End => None,
            })
            .collect()
    }

    /// Every flag some answer to this step can set.
    pub(crate) fn flags_set(&self) -> Vec<FlagIx> {
        match &self.kind {
            StepKind::YesNo { rules, .. } => rules.iter().flat_map(|r| r.sets.iter().copied()).collect(),
            StepKind::SingleChoice { options } | StepKind::MultipleChoice { options } => {
                options.iter().flat_map(|o| o.sets.iter().copied()).collect()
            }
            StepKind::Checklist { items, .. } => items.iter().flat_map(|i| i.sets.iter().copied()).collect(),
            _ => Vec::new(),
        }
    }
}

impl StepKind {
    /// A choice step's option at `ix`; `None` for other kinds.
    pub(crate) fn option_at(&self, ix: OptionIx) -> Option<&ChoiceOption> {
        match self {
            StepKind::SingleChoice { options } | StepKind::MultipleChoice { options } => options.get(ix.0),
            _ => None,
        }
    }

    /// A checklist's items by topic, in the order to ask them: one untitled topic of every
    /// item when the pathway groups none. Empty for other kinds.
    pub fn topics(&self) -> Vec<(Option<&str>, Vec<&ChecklistItem>)> {
        match self {
            StepKind::Checklist { items, topics } if topics.is_empty() => {
                vec![(None, items.iter().collect())]
            }
            StepKind::Checklist { items, topics } => topics
                .iter()
                .map(|t| (Some(t.title.as_str()), t.items.iter().filter_map(|i| items.get(i.0)).collect()))
                .collect(),
            _ => Vec::new(),
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            StepKind::YesNo { .. } => "yes_no",
            StepKind::SingleChoice { .. } => "single_choice",
            StepKind::MultipleChoice { .. } => "multiple_choice",
            StepKind::Checklist { .. } => "checklist",
            StepKind::Number { .. } => "number",
            StepKind::Text { .. } => "text",
            StepKind::Info => "info",
        }
    }
}

/// What one yes/no answer does beyond the step's own `next`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ReplyRule {
    pub reply: Reply,
    pub(crate) next: Option<Next>,
    pub(crate) sets: Vec<FlagIx>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ChoiceOption {
    pub id: OptionId,
    pub label: String,
    pub hint: Option<String>,
    pub exclusive: bool,
    pub(crate) next: Option<Next>,
    pub(crate) sets: Vec<FlagIx>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub id: ItemId,
    pub text: String,
    pub hint: Option<String>,
    pub weight: i64,
    pub significant: bool,
    /// Flags set when the item is answered "yes".
    pub(crate) sets: Vec<FlagIx>,
    /// For the author's tools and reviewers: not in the compiled form (a practitioner's page never
    /// shows sources, and they were a fifth of its download).
    #[serde(skip)]
    pub sources: Vec<SourceId>,
}

/// A checklist's items on one topic: asked together, on a page of their own on a phone.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Topic {
    pub title: String,
    /// Positions in the checklist's items, in the order to ask them.
    pub(crate) items: Vec<ItemIx>,
}

/// Whether a text step must be answered. `Sometimes` depends on earlier answers: see
/// [`Session::text_required`](crate::Session::text_required).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Requirement {
    Optional,
    Always,
    Sometimes,
}
