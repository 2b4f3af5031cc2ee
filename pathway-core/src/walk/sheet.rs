//! The answers given so far, indexed for fast evaluation, and the facts they establish.

use crate::cond::Range;
use crate::ids::{ItemId, OptionId, StepId};
use crate::model::{ChecklistItem, FlagIx, ItemIx, OptionIx, Pathway, Reply, ReplySet, StepIx, StepKind};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// An answer to one step, as a front end or an answers file gives it: by ids.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// A yes/no step.
    Reply(Reply),
    /// A single-choice step.
    Choice(OptionId),
    /// A multiple-choice step: every option chosen.
    Choices(Vec<OptionId>),
    /// A checklist: every item's answer.
    Checklist(BTreeMap<ItemId, Reply>),
    Number(i64),
    Text(String),
    /// An information step has been read.
    Continue,
}

/// An answer checked against its step, with ids turned into positions.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Given {
    Reply(Reply),
    Choice(OptionIx),
    Choices(Vec<OptionIx>),
    Checklist(Vec<Reply>),
    Number(i64),
    Text(String),
    Seen,
}

/// One thing that was true, shown to the practitioner as part of "because: …".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fact {
    /// The step it comes from, if one.
    pub step: Option<StepId>,
    /// What was asked, or what was worked out.
    pub about: String,
    /// The answer, or the value worked out.
    pub answer: String,
}

impl std::fmt::Display for Fact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.about, self.answer)
    }
}

/// A checklist's score: the weights of the items answered "yes".
pub(crate) fn score(items: &[ChecklistItem], answers: &[Reply]) -> i64 {
    items.iter().zip(answers).filter(|(_, r)| **r == Reply::Yes).map(|(item, _)| item.weight).sum()
}

/// The longest free-text answer kept, in characters.
pub const MAX_TEXT: usize = 4000;

#[derive(Clone, Debug)]
pub(crate) struct Sheet<'p> {
    pub(crate) pathway: &'p Pathway,
    /// Borrowed from a session where it can be, so reading an outcome copies nothing.
    pub(crate) marks: Cow<'p, Marks>,
}

/// What a sheet holds, without the pathway: kept between calls by a session.
#[derive(Clone, Debug, Default)]
pub(crate) struct Marks {
    given: Vec<Option<Given>>,
    /// Answers forgotten by `clear`, kept for their room: an audit reads the next row's
    /// lists and text into them rather than allocating anew.
    spare: Vec<Option<Given>>,
    /// For each flag set, the step that set it first and what in it did.
    flags: Vec<Option<(StepIx, SetBy)>>,
}

/// What in a step set a flag.
#[derive(Clone, Copy, Debug)]
enum SetBy {
    /// A yes/no step's answer (which the step's given answer says).
    Reply,
    Option(OptionIx),
    /// A checklist item answered "yes".
    Item(ItemIx),
}

impl<'p> Sheet<'p> {
    pub(crate) fn new(pathway: &'p Pathway) -> Self {
        let marks = Marks {
            given: vec![None; pathway.steps.len()],
            spare: Vec::new(),
            flags: vec![None; pathway.flags.len()],
        };
        Sheet { pathway, marks: Cow::Owned(marks) }
    }

    pub(crate) fn given(&self, step: StepIx) -> Option<&Given> {
        self.marks.given.get(step.0).and_then(Option::as_ref)
    }

    pub(crate) fn flag(&self, flag: FlagIx) -> bool {
        matches!(self.marks.flags.get(flag.0), Some(Some(_)))
    }

    /// Records an answer and sets the flags it sets.
    pub(crate) fn record(&mut self, step: StepIx, given: Given) {
        let pathway = self.pathway;
        let kind = &pathway.step_at(step).kind;
        let marks = self.marks.to_mut();
        let mut set = |flags: &[FlagIx], which: SetBy| {
            for flag in flags {
                if let Some(slot @ None) = marks.flags.get_mut(flag.0) {
                    *slot = Some((step, which));
                }
            }
        };
        match (kind, &given) {
            (StepKind::YesNo { rules, .. }, Given::Reply(reply)) => {
                for rule in rules.iter().filter(|r| r.reply == *reply) {
                    set(&rule.sets, SetBy::Reply);
                }
            }
            (StepKind::SingleChoice { options }, Given::Choice(i)) => {
                if let Some(option) = options.get(i.0) {
                    set(&option.sets, SetBy::Option(*i));
                }
            }
            (StepKind::MultipleChoice { options }, Given::Choices(chosen)) => {
                for (i, option) in chosen.iter().filter_map(|i| Some((*i, options.get(i.0)?))) {
                    set(&option.sets, SetBy::Option(i));
                }
            }
            (StepKind::Checklist { items, .. }, Given::Checklist(replies)) => {
                // Most items set no flag: asking that first is the same answer for every case,
                // where the reply differs from case to case.
                let setting = |(i, item): &(usize, &ChecklistItem)| {
                    !item.sets.is_empty() && replies.get(*i) == Some(&Reply::Yes)
                };
                for (i, item) in items.iter().enumerate().filter(setting) {
                    set(&item.sets, SetBy::Item(ItemIx(i)));
                }
            }
            _ => {}
        }
        if let Some(slot) = marks.given.get_mut(step.0) {
            *slot = Some(given);
        }
    }

    /// Forgets the answers to `steps`, and every flag, keeping each answer's room: for the
    /// next row of an audit. `steps` are every step answered since the sheet was made or last
    /// cleared (the audit's path), so that only they are visited, not every step.
    pub(crate) fn clear(&mut self, steps: &[StepIx]) {
        let marks = self.marks.to_mut();
        marks.spare.resize(marks.given.len(), None);
        for step in steps {
            if let (Some(given), Some(spare)) = (marks.given.get_mut(step.0), marks.spare.get_mut(step.0)) {
                *spare = given.take();
            }
        }
        debug_assert!(marks.given.iter().all(Option::is_none), "a step answered but not cleared");
        marks.flags.iter_mut().for_each(|f| *f = None);
    }

    /// The answer to `step` that the last `clear` forgot, if any, to reuse its room.
    pub(crate) fn spare(&mut self, step: StepIx) -> Option<Given> {
        self.marks.to_mut().spare.get_mut(step.0).and_then(Option::take)
    }

    pub(crate) fn score(&self, step: StepIx) -> Option<i64> {
        let (StepKind::Checklist { items, .. }, Some(Given::Checklist(answers))) =
            (&self.pathway.step_at(step).kind, self.given(step))
        else {
            return None;
        };
        Some(score(items, answers))
    }

    pub(crate) fn count(&self, step: StepIx, replies: ReplySet, significant_only: bool) -> Option<i64> {
        let (StepKind::Checklist { items, .. }, Some(Given::Checklist(answers))) =
            (&self.pathway.step_at(step).kind, self.given(step))
        else {
            return None;
        };
        let count = items
            .iter()
            .zip(answers)
            .filter(|(item, r)| replies.contains(**r) && (!significant_only || item.significant))
            .count();
        i64::try_from(count).ok()
    }

    pub(crate) fn answer_fact(&self, step: StepIx) -> Option<Fact> {
        let given = self.given(step)?;
        let s = self.pathway.step_at(step);
        Some(Fact {
            step: Some(s.id.clone()),
            about: s.title.clone(),
            answer: self.pathway.describe(step, given),
        })
    }

    pub(crate) fn item_fact(&self, step: StepIx, item: ItemIx) -> Option<Fact> {
        let s = self.pathway.step_at(step);
        let (StepKind::Checklist { items, .. }, Some(Given::Checklist(answers))) =
            (&s.kind, self.given(step))
        else {
            return None;
        };
        Some(Fact {
            step: Some(s.id.clone()),
            about: items.get(item.0)?.text.clone(),
            answer: answers.get(item.0)?.label().to_owned(),
        })
    }

    pub(crate) fn flag_fact(&self, flag: FlagIx) -> Option<Fact> {
        let (step, which) = self.marks.flags.get(flag.0)?.as_ref()?;
        let s = self.pathway.step_at(*step);
        let answer = match (&s.kind, self.given(*step), which) {
            (StepKind::YesNo { .. }, Some(Given::Reply(reply)), SetBy::Reply) => reply.label().to_owned(),
            (
                StepKind::SingleChoice { options } | StepKind::MultipleChoice { options },
                _,
                SetBy::Option(option),
            ) => options.get(option.0).map(|o| o.label.clone()).unwrap_or_default(),
            (StepKind::Checklist { items, .. }, _, SetBy::Item(item)) => {
                items.get(item.0).map(|i| format!("{}: {}", i.text, Reply::Yes.label())).unwrap_or_default()
            }
            _ => String::new(),
        };
        Some(Fact { step: Some(s.id.clone()), about: s.title.clone(), answer })
    }

    pub(crate) fn score_fact(&self, step: StepIx, range: Range) -> Option<Fact> {
        let score = self.score(step)?;
        let s = self.pathway.step_at(step);
        Some(Fact {
            step: Some(s.id.clone()),
            about: format!("Score on “{}”", s.title),
            answer: format!("{score} ({})", range.describe()),
        })
    }

    pub(crate) fn count_fact(
        &self,
        step: StepIx,
        replies: ReplySet,
        significant_only: bool,
        range: Range,
    ) -> Option<Fact> {
        let count = self.count(step, replies, significant_only)?;
        let s = self.pathway.step_at(step);
        let which: Vec<&str> = replies.iter().map(Reply::label).collect();
        let significant = if significant_only { "significant " } else { "" };
        Some(Fact {
            step: Some(s.id.clone()),
            about: format!("“{}”: {significant}items answered {}", s.title, which.join(" or ")),
            answer: format!("{count} ({})", range.describe()),
        })
    }
}

impl Pathway {
    /// The answer in words, as a practitioner would read it back.
    pub(crate) fn describe(&self, step: StepIx, given: &Given) -> String {
        let kind = &self.step_at(step).kind;
        match (kind, given) {
            (_, Given::Reply(r)) => r.label().to_owned(),
            (StepKind::SingleChoice { options }, Given::Choice(i)) => {
                options.get(i.0).map(|o| o.label.clone()).unwrap_or_default()
            }
            (StepKind::MultipleChoice { options }, Given::Choices(chosen)) => chosen
                .iter()
                .filter_map(|i| options.get(i.0).map(|o| o.label.as_str()))
                .collect::<Vec<_>>()
                .join("; "),
            (StepKind::Checklist { .. }, Given::Checklist(answers)) => {
                let yes = answers.iter().filter(|r| **r == Reply::Yes).count();
                let unanswered =
                    answers.iter().filter(|r| matches!(r, Reply::NotKnown | Reply::Declined)).count();
                format!("{yes} yes, {unanswered} not known or declined, of {}", answers.len())
            }
            (StepKind::Number { unit, .. }, Given::Number(n)) => match unit {
                Some(unit) => format!("{n} {unit}"),
                None => n.to_string(),
            },
            (_, Given::Text(t)) if t.trim().is_empty() => "Not provided".to_owned(),
            (_, Given::Text(t)) => t.clone(),
            (_, Given::Seen) => "Read".to_owned(),
            _ => String::new(),
        }
    }

    /// The public form of a checked answer.
    pub(crate) fn to_answer(&self, step: StepIx, given: &Given) -> Answer {
        let kind = &self.step_at(step).kind;
        let option_id = |options: &[crate::model::ChoiceOption], i: OptionIx| {
            options.get(i.0).map(|o| o.id.clone()).unwrap_or_else(|| OptionId::new(""))
        };
        match (kind, given) {
            (_, Given::Reply(r)) => Answer::Reply(*r),
            (StepKind::SingleChoice { options }, Given::Choice(i)) => Answer::Choice(option_id(options, *i)),
            (StepKind::MultipleChoice { options }, Given::Choices(c)) => {
                Answer::Choices(c.iter().map(|i| option_id(options, *i)).collect())
            }
            (StepKind::Checklist { items, .. }, Given::Checklist(a)) => {
                Answer::Checklist(items.iter().zip(a).map(|(item, r)| (item.id.clone(), *r)).collect())
            }
            (_, Given::Number(n)) => Answer::Number(*n),
            (_, Given::Text(t)) => Answer::Text(t.clone()),
            _ => Answer::Continue,
        }
    }
}
