//! What a practitioner has entered on a question's page, checked as a whole: the answer, or
//! every problem at once, each tied to the field that has it (what a page needs for an error
//! summary). Front ends word the problems and move focus; they decide nothing.

use crate::ids::{ItemId, OptionId};
use crate::model::*;
use crate::walk::sheet::{Answer, MAX_TEXT};
use std::collections::BTreeMap;

/// A question's page as filled in so far: nothing chosen is `None`, or empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    Reply(Option<Reply>),
    Choice(Option<OptionId>),
    Choices(Vec<OptionId>),
    Checklist(BTreeMap<ItemId, Reply>),
    /// A number as typed, not yet read.
    Number(String),
    Text(String),
    /// An information page: nothing to enter.
    Seen,
}

/// Which field a problem belongs to: the question's one field, or a checklist item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    Answer,
    Item(ItemId),
}

/// What is wrong with what was entered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryProblem {
    /// A yes/no or single-choice question with nothing selected.
    NothingSelected,
    /// A multiple-choice question with nothing ticked; `none` is the label of its
    /// "none of these" option, where it has one.
    NothingTicked {
        none: Option<String>,
    },
    /// An exclusive option ("none of these", its label) ticked with others.
    ExclusiveWithOthers {
        label: String,
    },
    /// A checklist item not answered: its number from 1 and its text.
    ItemUnanswered {
        number: usize,
        text: String,
    },
    NumberMissing,
    NotAWholeNumber,
    NumberOutOfRange {
        min: i64,
        max: i64,
    },
    /// A text answer the referral needs, left empty.
    TextRequired,
    TextTooLong {
        limit: usize,
    },
}

impl EntryProblem {
    /// The problem in GOV.UK's wording, for the question `step` it is about: what every front
    /// end shows beside the field.
    pub fn message(&self, step: &Step) -> String {
        match self {
            EntryProblem::NothingSelected if matches!(step.kind, StepKind::YesNo { .. }) => {
                "Select an answer".into()
            }
            EntryProblem::NothingSelected => "Select an option".into(),
            EntryProblem::NothingTicked { none: Some(none) } => {
                format!("Select all that apply, or select ‘{none}’")
            }
            EntryProblem::NothingTicked { none: None } => "Select at least one option".into(),
            EntryProblem::ExclusiveWithOthers { label } => {
                format!("‘{label}’ cannot be selected with other options")
            }
            EntryProblem::ItemUnanswered { number, text } => format!("Answer question {number}: {text}"),
            EntryProblem::NumberMissing => "Enter a number".into(),
            EntryProblem::NotAWholeNumber => "Enter a whole number, like 3".into(),
            EntryProblem::NumberOutOfRange { min, max } => format!("Enter a number from {min} to {max}"),
            EntryProblem::TextRequired => "Enter your answer: the referral needs it".into(),
            EntryProblem::TextTooLong { limit } => format!("Your answer must be {limit} characters or fewer"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: Field,
    pub problem: EntryProblem,
}

impl Entry {
    /// An empty page for `step`, or one filled in with an earlier answer to it.
    pub fn new(step: &Step, earlier: Option<&Answer>) -> Entry {
        match (&step.kind, earlier) {
            (StepKind::YesNo { .. }, Some(Answer::Reply(r))) => Entry::Reply(Some(*r)),
            (StepKind::YesNo { .. }, _) => Entry::Reply(None),
            (StepKind::SingleChoice { .. }, Some(Answer::Choice(o))) => Entry::Choice(Some(o.clone())),
            (StepKind::SingleChoice { .. }, _) => Entry::Choice(None),
            (StepKind::MultipleChoice { .. }, Some(Answer::Choices(c))) => Entry::Choices(c.clone()),
            (StepKind::MultipleChoice { .. }, _) => Entry::Choices(Vec::new()),
            (StepKind::Checklist { .. }, Some(Answer::Checklist(m))) => Entry::Checklist(m.clone()),
            (StepKind::Checklist { .. }, _) => Entry::Checklist(BTreeMap::new()),
            (StepKind::Number { .. }, Some(Answer::Number(n))) => Entry::Number(n.to_string()),
            (StepKind::Number { .. }, _) => Entry::Number(String::new()),
            (StepKind::Text { .. }, Some(Answer::Text(t))) => Entry::Text(t.clone()),
            (StepKind::Text { .. }, _) => Entry::Text(String::new()),
            (StepKind::Info, _) => Entry::Seen,
        }
    }

    /// Ticks or unticks an option of a multiple-choice question. Ticking an exclusive option
    /// ("none of these") unticks the rest; ticking another unticks the exclusive ones.
    pub fn toggle(&mut self, step: &Step, option: &OptionId, ticked: bool) {
        let (Entry::Choices(chosen), StepKind::MultipleChoice { options }) = (self, &step.kind) else {
            return;
        };
        chosen.retain(|o| o != option);
        if !ticked {
            return;
        }
        let exclusive = |id: &OptionId| options.iter().any(|o| &o.id == id && o.exclusive);
        if exclusive(option) {
            chosen.clear();
        } else {
            chosen.retain(|o| !exclusive(o));
        }
        chosen.push(option.clone());
    }

    /// The problems with one topic of a checklist (its position in `StepKind::topics`), for a
    /// page that asks one topic at a time; none for other kinds.
    pub fn check_topic(&self, step: &Step, topic: usize) -> Vec<FieldProblem> {
        match self {
            Entry::Checklist(given) => unanswered(step, given, Some(topic)),
            _ => Vec::new(),
        }
    }

    /// How many checklist items have an answer so far (none for other kinds).
    pub fn answered(&self) -> usize {
        match self {
            Entry::Checklist(given) => given.len(),
            _ => 0,
        }
    }

    /// The answer this page gives for `step`, or every problem with it. `text_required` says
    /// whether a text step must be answered here (see `Session::text_required`).
    pub fn check(&self, step: &Step, text_required: bool) -> Result<Answer, Vec<FieldProblem>> {
        let one = |problem| Err(vec![FieldProblem { field: Field::Answer, problem }]);
        match (&step.kind, self) {
            (_, Entry::Reply(Some(r))) => Ok(Answer::Reply(*r)),
            (_, Entry::Choice(Some(o))) => Ok(Answer::Choice(o.clone())),
            (_, Entry::Reply(None) | Entry::Choice(None)) => one(EntryProblem::NothingSelected),
            (StepKind::MultipleChoice { options }, Entry::Choices(chosen)) => {
                let exclusive = options.iter().find(|o| o.exclusive && chosen.contains(&o.id));
                match (chosen.len(), exclusive) {
                    (0, _) => {
                        let none = options.iter().find(|o| o.exclusive).map(|o| o.label.clone());
                        one(EntryProblem::NothingTicked { none })
                    }
                    (1, _) | (_, None) => Ok(Answer::Choices(chosen.clone())),
                    (_, Some(o)) => one(EntryProblem::ExclusiveWithOthers { label: o.label.clone() }),
                }
            }
            (StepKind::Checklist { .. }, Entry::Checklist(given)) => {
                let missing = unanswered(step, given, None);
                if missing.is_empty() { Ok(Answer::Checklist(given.clone())) } else { Err(missing) }
            }
            (StepKind::Number { min, max, .. }, Entry::Number(typed)) => match typed.trim().parse::<i64>() {
                Ok(n) if (*min..=*max).contains(&n) => Ok(Answer::Number(n)),
                Ok(_) => one(EntryProblem::NumberOutOfRange { min: *min, max: *max }),
                Err(_) if typed.trim().is_empty() => one(EntryProblem::NumberMissing),
                Err(_) => one(EntryProblem::NotAWholeNumber),
            },
            (StepKind::Text { .. }, Entry::Text(t)) if t.trim().is_empty() && text_required => {
                one(EntryProblem::TextRequired)
            }
            (StepKind::Text { .. }, Entry::Text(t)) if t.chars().count() > MAX_TEXT => {
                one(EntryProblem::TextTooLong { limit: MAX_TEXT })
            }
            (_, Entry::Text(t)) => Ok(Answer::Text(t.clone())),
            _ => Ok(Answer::Continue),
        }
    }
}

/// The checklist items of `step` with no answer, numbered as they are asked (by topic), in
/// every topic or only in `only`.
fn unanswered(step: &Step, given: &BTreeMap<ItemId, Reply>, only: Option<usize>) -> Vec<FieldProblem> {
    let mut number = 0;
    let mut missing = Vec::new();
    for (t, (_, items)) in step.kind.topics().into_iter().enumerate() {
        for item in items {
            number += 1;
            if only.is_none_or(|o| o == t) && !given.contains_key(&item.id) {
                missing.push(FieldProblem {
                    field: Field::Item(item.id.clone()),
                    problem: EntryProblem::ItemUnanswered { number, text: item.text.clone() },
                });
            }
        }
    }
    missing
}
