//! Walking a pathway one answer at a time.
//!
//! A [`Session`] holds only the answers given, in order; where the walk is, what the risk is
//! and where to refer are all worked out from them. So a session cannot disagree with itself,
//! it serialises to something small and readable, and the outcome is a function of the
//! answers alone.

use crate::ids::{DestinationId, ItemId, StepId};
use crate::model::*;
use crate::walk::outcome::{Decision, Outcome, holds};
use crate::walk::sheet::{Answer, Given, MAX_TEXT, Marks, Sheet};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;

/// Why an answer, or a move, was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WalkError {
    #[error("the walk has finished; there is no question to answer")]
    Finished,
    #[error("step `{step}` asks for {expected}")]
    WrongKind { step: StepId, expected: String },
    #[error("`{reply}` is not an answer step `{step}` offers")]
    NotOffered { step: StepId, reply: String },
    #[error("step `{step}` has no option `{option}`")]
    UnknownOption { step: StepId, option: String },
    #[error("choose at least one option for step `{step}`")]
    NothingChosen { step: StepId },
    #[error("option `{option}` of step `{step}` cannot be chosen with any other")]
    ExclusiveWithOthers { step: StepId, option: String },
    #[error("option `{option}` of step `{step}` is chosen twice")]
    RepeatedOption { step: StepId, option: String },
    #[error("checklist `{step}` has no item `{item}`")]
    UnknownItem { step: StepId, item: ItemId },
    #[error("answer every item of checklist `{step}`; missing: {items}")]
    MissingItems { step: StepId, items: String },
    #[error("{value} is outside {min} to {max}, the range step `{step}` allows")]
    OutOfRange { step: StepId, value: i64, min: i64, max: i64 },
    #[error("step `{step}` needs an answer in words")]
    TextRequired { step: StepId },
    #[error("the answer to step `{step}` is longer than {limit} characters")]
    TextTooLong { step: StepId, limit: usize },
    #[error("step `{step}` is not on the walk so far")]
    NotOnPath { step: StepId },
    #[error("this session belongs to pathway `{found}`, not `{expected}`")]
    WrongPathway { expected: String, found: String },
    #[error("the answer to step `{step}` does not follow from the answers before it")]
    Inconsistent { step: StepId },
}

/// Where the walk is.
#[derive(Clone, Copy, Debug)]
pub enum Position<'p> {
    Asking(&'p Step),
    Finished,
}

/// How far through the walk: steps answered, and the fewest and most still to come.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub answered: usize,
    pub fewest_left: usize,
    pub most_left: usize,
}

/// One answer read back, for a "check your answers" page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AnswerSummary {
    pub step: StepId,
    pub question: String,
    pub answer: String,
    /// Information pages have nothing to change.
    pub changeable: bool,
}

/// What changing an earlier answer did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Changed {
    /// Answers that no longer apply, so a front end can offer them again if asked.
    pub dropped: Vec<(StepId, Answer)>,
    /// Interrupts that this change has newly triggered.
    pub interrupts: Vec<DestinationId>,
}

/// One walk through a pathway: the answers given so far, in order. Nothing here is stored
/// anywhere; a front end holds it in memory.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Session {
    pathway: String,
    answers: Vec<(StepId, Answer)>,
    /// The answers replayed, kept so that answering the next question does not replay the
    /// whole walk. Derived from `answers`, so never saved and never compared.
    #[serde(skip)]
    replayed: Option<Replayed>,
}

impl PartialEq for Session {
    fn eq(&self, other: &Self) -> bool {
        self.pathway == other.pathway && self.answers == other.answers
    }
}

impl Eq for Session {}

/// The answers replayed against the pathway.
struct Replay<'p> {
    sheet: Sheet<'p>,
    path: Vec<StepIx>,
    at: Target,
}

/// A replay without its pathway, valid for the pathway with this fingerprint while the
/// session has exactly `path.len()` answers.
#[derive(Clone, Debug)]
struct Replayed {
    fingerprint: u64,
    marks: Marks,
    path: Vec<StepIx>,
    at: Target,
}

impl Replay<'_> {
    fn keep(self) -> Replayed {
        Replayed {
            fingerprint: self.sheet.pathway.fingerprint,
            marks: self.sheet.marks.into_owned(),
            path: self.path,
            at: self.at,
        }
    }
}

impl Session {
    pub fn new(pathway: &Pathway) -> Self {
        Session { pathway: pathway.stamp(), answers: Vec::new(), replayed: None }
    }

    /// Takes up a session that was serialised, checking every answer again.
    pub fn resume(pathway: &Pathway, mut session: Session) -> Result<Session, WalkError> {
        session.replayed = Some(session.replay(pathway)?.keep());
        Ok(session)
    }

    /// The answers given, in the order of the walk.
    pub fn answers(&self) -> &[(StepId, Answer)] {
        &self.answers
    }

    pub fn answer_to(&self, step: &str) -> Option<&Answer> {
        self.answers.iter().find(|(s, _)| s.as_str() == step).map(|(_, a)| a)
    }

    pub fn position<'p>(&self, pathway: &'p Pathway) -> Result<Position<'p>, WalkError> {
        let at = match self.kept(pathway) {
            Some(kept) => kept.at,
            None => self.replay(pathway)?.at,
        };
        Ok(match at {
            Target::Step(s) => Position::Asking(pathway.step_at(s)),
            Target::End => Position::Finished,
        })
    }

    /// Answers the current question. Returns the interrupts this answer newly triggered:
    /// a front end shows them at once, before the walk goes on.
    pub fn answer(&mut self, pathway: &Pathway, answer: Answer) -> Result<Vec<DestinationId>, WalkError> {
        let mut replay = match self.replayed.take() {
            Some(kept) if self.is_current(&kept, pathway) => Replay {
                sheet: Sheet { pathway, marks: Cow::Owned(kept.marks) },
                path: kept.path,
                at: kept.at,
            },
            _ => self.replay(pathway)?,
        };
        let Target::Step(step) = replay.at else {
            self.replayed = Some(replay.keep());
            return Err(WalkError::Finished);
        };
        let before = pathway.fired_interrupts(&replay.sheet);
        let given = match check(pathway, step, &answer, &replay.sheet) {
            Ok(given) => given,
            Err(e) => {
                self.replayed = Some(replay.keep());
                return Err(e);
            }
        };
        replay.sheet.record(step, given);
        replay.path.push(step);
        replay.at = next_target(pathway, step, &replay.sheet);
        self.answers.push((pathway.step_at(step).id.clone(), answer));
        let interrupts = newly(pathway, &before, &pathway.fired_interrupts(&replay.sheet));
        self.replayed = Some(replay.keep());
        Ok(interrupts)
    }

    /// Goes back one question, taking back its answer, which is returned so that a front end
    /// can show it again. Answering it the same way restores the session exactly.
    pub fn back(&mut self) -> Option<(StepId, Answer)> {
        self.replayed = None;
        self.answers.pop()
    }

    /// Changes the answer to a step already answered. The answers after it that still apply
    /// are kept, up to the first question the change newly brings in; the rest are dropped.
    pub fn change(&mut self, pathway: &Pathway, step: &str, answer: Answer) -> Result<Changed, WalkError> {
        let Some(k) = self.answers.iter().position(|(s, _)| s.as_str() == step) else {
            return Err(WalkError::NotOnPath { step: StepId::new(step) });
        };
        let old = self.answers.clone();
        let before = pathway.fired_interrupts(&self.replay(pathway)?.sheet);
        let mut fresh = Session {
            pathway: self.pathway.clone(),
            answers: old.iter().take(k).cloned().collect(),
            replayed: None,
        };
        fresh.answer(pathway, answer)?;
        let mut later: Vec<(StepId, Answer)> = old.iter().skip(k + 1).cloned().collect();
        while let Position::Asking(next) = fresh.position(pathway)? {
            let Some(i) = later.iter().position(|(s, _)| *s == next.id) else { break };
            let (_, kept) = later.remove(i);
            if fresh.answer(pathway, kept.clone()).is_err() {
                later.insert(i, (next.id.clone(), kept));
                break;
            }
        }
        let after = pathway.fired_interrupts(&fresh.replay(pathway)?.sheet);
        *self = fresh;
        Ok(Changed { dropped: later, interrupts: newly(pathway, &before, &after) })
    }

    /// The answers given, in words, in the order they were given.
    pub fn summary(&self, pathway: &Pathway) -> Result<Vec<AnswerSummary>, WalkError> {
        let replay = self.current(pathway)?;
        Ok(replay
            .path
            .iter()
            .filter_map(|ix| {
                let step = pathway.step_at(*ix);
                let given = replay.sheet.given(*ix)?;
                Some(AnswerSummary {
                    step: step.id.clone(),
                    question: step.title.clone(),
                    answer: pathway.describe(*ix, given),
                    changeable: !matches!(step.kind, StepKind::Info),
                })
            })
            .collect())
    }

    /// Whether the current question, a text step, must be answered in words.
    pub fn text_required(&self, pathway: &Pathway) -> Result<bool, WalkError> {
        let replay = self.current(pathway)?;
        let Target::Step(step) = replay.at else {
            return Ok(false);
        };
        let s = pathway.step_at(step);
        Ok(match &s.kind {
            StepKind::Text { required: Requirement::Always } => true,
            StepKind::Text { required: Requirement::Sometimes } => {
                s.required_when.as_ref().is_some_and(|c| holds(c, &replay.sheet))
            }
            _ => false,
        })
    }

    pub fn progress(&self, pathway: &Pathway) -> Result<Progress, WalkError> {
        let at = match self.kept(pathway) {
            Some(kept) => kept.at,
            None => self.replay(pathway)?.at,
        };
        let sheet = match self.kept(pathway) {
            Some(kept) => Sheet { pathway, marks: Cow::Borrowed(&kept.marks) },
            None => self.replay(pathway)?.sheet,
        };
        let (fewest_left, most_left) = super::progress::steps_left(pathway, &sheet, at, &mut HashMap::new());
        Ok(Progress { answered: self.answers.len(), fewest_left, most_left })
    }

    /// Only the decision: the risk level, the criteria met and the destinations in order,
    /// without the reasons. Much cheaper than [`Session::outcome`], for batch use.
    pub fn decision<'p>(&self, pathway: &'p Pathway) -> Result<Decision<'p>, WalkError> {
        Ok(pathway.decision_of(&self.current(pathway)?.sheet))
    }

    /// The outcome so far: complete once the walk has reached its end.
    pub fn outcome(&self, pathway: &Pathway) -> Result<Outcome, WalkError> {
        let replay = self.current(pathway)?;
        let next = match replay.at {
            Target::Step(s) => Some(s),
            Target::End => None,
        };
        Ok(pathway.outcome_of(&replay.sheet, &replay.path, next))
    }

    fn is_current(&self, kept: &Replayed, pathway: &Pathway) -> bool {
        kept.fingerprint == pathway.fingerprint && kept.path.len() == self.answers.len()
    }

    /// The kept replay, if it is for this pathway and these answers.
    fn kept(&self, pathway: &Pathway) -> Option<&Replayed> {
        self.replayed.as_ref().filter(|kept| self.is_current(kept, pathway))
    }

    /// The answers replayed: from what was kept if it is current, else afresh.
    fn current<'a>(&'a self, pathway: &'a Pathway) -> Result<Replay<'a>, WalkError> {
        match self.kept(pathway) {
            Some(kept) => Ok(Replay {
                sheet: Sheet { pathway, marks: Cow::Borrowed(&kept.marks) },
                path: kept.path.clone(),
                at: kept.at,
            }),
            None => self.replay(pathway),
        }
    }

    fn replay<'p>(&self, pathway: &'p Pathway) -> Result<Replay<'p>, WalkError> {
        if self.pathway != pathway.stamp() {
            return Err(WalkError::WrongPathway { expected: pathway.stamp(), found: self.pathway.clone() });
        }
        let mut sheet = Sheet::new(pathway);
        let mut path = Vec::with_capacity(self.answers.len());
        let mut at = Target::Step(pathway.start);
        for (id, answer) in &self.answers {
            let Target::Step(step) = at else {
                return Err(WalkError::Inconsistent { step: id.clone() });
            };
            if pathway.step_at(step).id != *id {
                return Err(WalkError::Inconsistent { step: id.clone() });
            }
            let given = check(pathway, step, answer, &sheet)?;
            sheet.record(step, given);
            path.push(step);
            at = next_target(pathway, step, &sheet);
        }
        Ok(Replay { sheet, path, at })
    }
}

fn newly(pathway: &Pathway, before: &[DestIx], after: &[DestIx]) -> Vec<DestinationId> {
    after.iter().filter(|d| !before.contains(d)).map(|d| pathway.destination_at(*d).id.clone()).collect()
}

/// Where the walk goes after `step`, whose answer is on the sheet.
pub(crate) fn next_target(pathway: &Pathway, step: StepIx, sheet: &Sheet<'_>) -> Target {
    let s = pathway.step_at(step);
    let specific = match (&s.kind, sheet.given(step)) {
        (StepKind::YesNo { rules, .. }, Some(Given::Reply(r))) => {
            rules.iter().find(|rule| rule.reply == *r).and_then(|rule| rule.next.as_ref())
        }
        (StepKind::SingleChoice { options }, Some(Given::Choice(i))) => {
            options.get(i.0).and_then(|o| o.next.as_ref())
        }
        _ => None,
    };
    match specific.or(s.next.as_ref()) {
        Some(Next::To(t)) => *t,
        Some(Next::Branches(branches)) => branches
            .iter()
            .find(|(when, _)| when.as_ref().is_none_or(|w| holds(w, sheet)))
            .map(|(_, t)| *t)
            // `load` makes the last branch unconditional, so this is never reached.
            .unwrap_or(Target::End),
        None => Target::End,
    }
}

/// Checks the options chosen at a multiple-choice step, by position: at least one, none
/// twice, and an exclusive option ("none of these") alone. Answers files and `pathway audit`'s
/// rows are both checked here.
pub(crate) fn check_choices(
    s: &Step,
    options: &[ChoiceOption],
    chosen: Vec<OptionIx>,
) -> Result<Given, WalkError> {
    let id = || s.id.clone();
    let option = |i: &OptionIx| options.get(i.0).map(|o| o.id.to_string()).unwrap_or_default();
    if chosen.is_empty() {
        return Err(WalkError::NothingChosen { step: id() });
    }
    if let Some(i) = chosen.iter().enumerate().find(|(k, i)| chosen[..*k].contains(i)).map(|(_, i)| i) {
        return Err(WalkError::RepeatedOption { step: id(), option: option(i) });
    }
    if chosen.len() > 1
        && let Some(x) = chosen.iter().filter_map(|i| options.get(i.0)).find(|o| o.exclusive)
    {
        return Err(WalkError::ExclusiveWithOthers { step: id(), option: x.id.to_string() });
    }
    // Sorted as plain positions: the practitioner's wasm already sorts `usize`, and a sort of
    // `OptionIx` would be a second copy of the sort in it (3.6 KB). Both conversions reuse the
    // list's own room (`collect` into a `Vec` of the same layout is done in place).
    let mut positions: Vec<usize> = chosen.into_iter().map(|i| i.0).collect();
    positions.sort_unstable();
    Ok(Given::Choices(positions.into_iter().map(OptionIx).collect()))
}

/// Checks an answer against its step and turns it into positions.
pub(crate) fn check(
    pathway: &Pathway,
    step: StepIx,
    answer: &Answer,
    sheet: &Sheet<'_>,
) -> Result<Given, WalkError> {
    let s = pathway.step_at(step);
    let id = || s.id.clone();
    let wrong = |expected: &str| WalkError::WrongKind { step: id(), expected: expected.into() };
    match (&s.kind, answer) {
        (StepKind::YesNo { allowed, .. }, Answer::Reply(r)) => {
            if allowed.contains(r) {
                Ok(Given::Reply(*r))
            } else {
                Err(WalkError::NotOffered { step: id(), reply: r.id().into() })
            }
        }
        (StepKind::YesNo { .. }, _) => Err(wrong("a yes/no answer")),
        (StepKind::SingleChoice { options }, Answer::Choice(o)) => options
            .iter()
            .position(|x| x.id == *o)
            .map(|i| Given::Choice(OptionIx(i)))
            .ok_or_else(|| WalkError::UnknownOption { step: id(), option: o.to_string() }),
        (StepKind::SingleChoice { .. }, _) => Err(wrong("one option")),
        (StepKind::MultipleChoice { options }, Answer::Choices(chosen)) => {
            let mut out: Vec<OptionIx> = Vec::with_capacity(chosen.len());
            for o in chosen {
                let i = options
                    .iter()
                    .position(|x| x.id == *o)
                    .map(OptionIx)
                    .ok_or_else(|| WalkError::UnknownOption { step: id(), option: o.to_string() })?;
                out.push(i);
            }
            check_choices(s, options, out)
        }
        (StepKind::MultipleChoice { .. }, _) => Err(wrong("a list of options")),
        (StepKind::Checklist { items, .. }, Answer::Checklist(map)) => {
            if let Some(unknown) = map.keys().find(|k| !items.iter().any(|i| i.id == **k)) {
                return Err(WalkError::UnknownItem { step: id(), item: unknown.clone() });
            }
            let missing: Vec<&str> =
                items.iter().filter(|i| !map.contains_key(&i.id)).map(|i| i.id.as_str()).collect();
            if !missing.is_empty() {
                return Err(WalkError::MissingItems { step: id(), items: missing.join(", ") });
            }
            Ok(Given::Checklist(items.iter().filter_map(|i| map.get(&i.id).copied()).collect()))
        }
        (StepKind::Checklist { .. }, _) => Err(wrong("an answer to every item")),
        (StepKind::Number { min, max, .. }, Answer::Number(n)) => {
            if (*min..=*max).contains(n) {
                Ok(Given::Number(*n))
            } else {
                Err(WalkError::OutOfRange { step: id(), value: *n, min: *min, max: *max })
            }
        }
        (StepKind::Number { .. }, _) => Err(wrong("a whole number")),
        (StepKind::Text { required }, Answer::Text(text)) => {
            if text.chars().count() > MAX_TEXT {
                return Err(WalkError::TextTooLong { step: id(), limit: MAX_TEXT });
            }
            let needed = match required {
                Requirement::Optional => false,
                Requirement::Always => true,
                Requirement::Sometimes => s.required_when.as_ref().is_some_and(|c| holds(c, sheet)),
            };
            if needed && text.trim().is_empty() {
                return Err(WalkError::TextRequired { step: id() });
            }
            Ok(Given::Text(text.clone()))
        }
        (StepKind::Text { .. }, _) => Err(wrong("an answer in words")),
        (StepKind::Info, Answer::Continue) => Ok(Given::Seen),
        (StepKind::Info, _) => Err(wrong("nothing: it is information; continue")),
    }
}
