//! One question page: what has been entered, its problems in GOV.UK's wording, and a
//! checklist's place among its topics.

use super::Effect;
use pathway_core::{
    Answer, DestinationId, Entry, Field, FieldProblem, ItemId, OptionId, Pathway, Reply, Requirement,
    Session, Step, StepKind,
};

/// A question being asked, with what has been entered so far.
#[derive(Clone, Debug)]
pub struct Question {
    pub step: Step,
    /// "Question 3 of about 9 to 14": `(this question, fewest, most)`; none while changing.
    pub progress: Option<(usize, usize, usize)>,
    /// Changed from "check your answers", not asked in the walk.
    pub changing: bool,
    pub draft: Entry,
    pub errors: Vec<FieldError>,
    /// Which of a checklist's topics is showing.
    pub topic: usize,
}

/// A problem with what was entered, worded for the page, and the id of the control to focus
/// to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// What pressing "Continue" did.
pub(super) enum Submitted {
    /// The next topic of a checklist.
    NextTopic,
    /// What was entered has problems, now in `errors`.
    Problems,
    /// The walk took the answer: these destinations must be acted on now.
    Answered(Vec<DestinationId>),
}

impl Question {
    pub(super) fn new(
        pathway: &Pathway,
        session: &Session,
        step: &Step,
        earlier: Option<Answer>,
        changing: bool,
    ) -> Question {
        let progress = (!changing)
            .then(|| session.progress(pathway).ok())
            .flatten()
            .map(|p| (p.answered + 1, p.answered + p.fewest_left, p.answered + p.most_left));
        // Coming back to a checklist from the next question opens its last topic, as going
        // back through pages would.
        let topics = step.kind.topics().len();
        let topic = if earlier.is_some() && !changing { topics.saturating_sub(1) } else { 0 };
        Question {
            step: step.clone(),
            progress,
            changing,
            draft: Entry::new(step, earlier.as_ref()),
            errors: Vec::new(),
            topic,
        }
    }

    /// Whether the radio button or checkbox `name` = `value` is ticked in the draft.
    pub fn is_checked(&self, name: &str, value: &str) -> bool {
        match (&self.draft, name.strip_prefix("item-")) {
            (Entry::Checklist(replies), Some(item)) => {
                replies.get(&ItemId::new(item)).is_some_and(|r| r.id() == value)
            }
            (Entry::Reply(Some(reply)), None) => reply.id() == value,
            (Entry::Choice(Some(option)), None) => option.as_str() == value,
            (Entry::Choices(options), None) => options.iter().any(|o| o.as_str() == value),
            _ => false,
        }
    }

    /// Whether this question has the radio button or checkbox `name` = `value`: a checklist
    /// item's reply (`item-ID`), or one of the question's own answers or options.
    pub fn offers(&self, name: &str, value: &str) -> bool {
        match (&self.step.kind, name.strip_prefix("item-")) {
            (StepKind::Checklist { items, .. }, Some(item)) => {
                items.iter().any(|i| i.id.as_str() == item) && Reply::from_id(value).is_some()
            }
            (StepKind::YesNo { allowed, .. }, None) => allowed.iter().any(|r| r.id() == value),
            (StepKind::SingleChoice { options } | StepKind::MultipleChoice { options }, None) => {
                options.iter().any(|o| o.id.as_str() == value)
            }
            _ => false,
        }
    }

    /// Whether this question is answered by typing.
    pub fn is_typed(&self) -> bool {
        matches!(self.step.kind, StepKind::Number { .. } | StepKind::Text { .. })
    }

    /// "5 of 24 questions answered", for a checklist.
    pub fn answered(&self) -> Option<String> {
        match &self.step.kind {
            StepKind::Checklist { items, .. } => {
                Some(format!("{} of {} questions answered", self.draft.answered(), items.len()))
            }
            _ => None,
        }
    }

    pub(super) fn choose(&mut self, name: &str, value: &str, ticked: bool) -> Effect {
        match (&self.step.kind, &mut self.draft, name.strip_prefix("item-")) {
            (StepKind::Checklist { .. }, Entry::Checklist(replies), Some(item)) => {
                if let Some(reply) = Reply::from_id(value) {
                    replies.insert(ItemId::new(item), reply);
                }
            }
            (StepKind::YesNo { .. }, draft, None) => *draft = Entry::Reply(Reply::from_id(value)),
            (StepKind::SingleChoice { .. }, draft, None) => {
                *draft = Entry::Choice(Some(OptionId::new(value)))
            }
            (StepKind::MultipleChoice { .. }, draft, None) => {
                draft.toggle(&self.step, &OptionId::new(value), ticked)
            }
            _ => return Effect::Nothing,
        }
        Effect::SyncControls
    }

    pub(super) fn type_text(&mut self, text: String) {
        match self.step.kind {
            StepKind::Number { .. } => self.draft = Entry::Number(text),
            StepKind::Text { .. } => self.draft = Entry::Text(text),
            _ => {}
        }
    }

    pub(super) fn submit(&mut self, pathway: &Pathway, session: &mut Session) -> Submitted {
        let topics = self.step.kind.topics().len();
        if self.topic + 1 < topics {
            let problems = self.draft.check_topic(&self.step, self.topic);
            self.errors = field_errors(&self.step, &problems);
            if problems.is_empty() {
                self.topic += 1;
                return Submitted::NextTopic;
            }
            return Submitted::Problems;
        }
        // While an earlier answer is being changed the walk is not at that step, so only an
        // always-required text is known to be required; the walker checks the rest.
        let required = match (&self.step.kind, self.changing) {
            (StepKind::Text { required: Requirement::Always }, _) => true,
            (_, false) => session.text_required(pathway).unwrap_or(false),
            (_, true) => false,
        };
        let answer = match self.draft.check(&self.step, required) {
            Ok(answer) => answer,
            Err(problems) => {
                self.errors = field_errors(&self.step, &problems);
                return Submitted::Problems;
            }
        };
        let result = if self.changing {
            session.change(pathway, self.step.id.as_str(), answer).map(|c| c.interrupts)
        } else {
            session.answer(pathway, answer)
        };
        match result {
            Ok(interrupts) => Submitted::Answered(interrupts),
            // Only a walk that changed under the page could get here.
            Err(e) => {
                self.errors = vec![FieldError { field: first_field(&self.step), message: e.to_string() }];
                Submitted::Problems
            }
        }
    }
}

/// The first control of a field, which an error links to.
fn first_field(step: &Step) -> String {
    match &step.kind {
        StepKind::Checklist { items, .. } => {
            items.first().map(|i| format!("item-{}-0", i.id)).unwrap_or_default()
        }
        StepKind::Number { .. } | StepKind::Text { .. } => "answer".into(),
        _ => "answer-0".into(),
    }
}

/// The core's findings about a page, in GOV.UK's wording, each tied to the control to focus.
fn field_errors(step: &Step, problems: &[FieldProblem]) -> Vec<FieldError> {
    problems
        .iter()
        .map(|p| {
            let field = match &p.field {
                Field::Item(item) => format!("item-{item}-0"),
                Field::Answer => first_field(step),
            };
            let message = p.problem.message(step);
            FieldError { field, message }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn durham() -> Pathway {
        Pathway::from_yaml(include_str!("../../../pathways/durham/pathway.yaml")).expect("Durham loads")
    }

    #[test]
    fn every_problem_is_worded_and_tied_to_the_control_to_focus() {
        let p = durham();
        let step = |id: &str| p.step(id).expect("a step").clone();
        let checklist = step("risk_checklist");
        let problems = Entry::new(&checklist, None).check(&checklist, false).expect_err("nothing answered");
        let errors = field_errors(&checklist, &problems);
        assert_eq!(errors.len(), 24, "one error per unanswered item");
        assert_eq!(errors[0].field, "item-injured-0");
        assert!(errors[0].message.starts_with("Answer question 1: "));

        let kinds = step("abuse_types");
        let problems = Entry::new(&kinds, None).check(&kinds, false).expect_err("nothing ticked");
        let errors = field_errors(&kinds, &problems);
        assert_eq!(errors[0].field, "answer-0");
        assert!(
            errors[0].message.starts_with("Select all that apply, or select ‘None yet"),
            "{}",
            errors[0].message
        );

        let danger = step("immediate_danger");
        let errors =
            field_errors(&danger, &Entry::new(&danger, None).check(&danger, false).expect_err("empty"));
        assert_eq!(errors[0].message, "Select an answer");

        let incidents = step("incidents");
        for (typed, message) in [
            ("", "Enter a number"),
            ("three", "Enter a whole number, like 3"),
            ("400", "Enter a number from 0 to 365"),
        ] {
            let problems = Entry::Number(typed.into()).check(&incidents, false).expect_err("refused");
            let expected = vec![FieldError { field: "answer".into(), message: message.into() }];
            assert_eq!(field_errors(&incidents, &problems), expected);
        }
        let reason = step("judgement_reason");
        let problems = Entry::Text(" ".into()).check(&reason, true).expect_err("required");
        assert_eq!(field_errors(&reason, &problems)[0].message, "Enter your answer: the referral needs it");
    }
}
