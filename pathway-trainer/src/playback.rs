//! A case study played in front of a room: how far through its walk the room has seen, and
//! "what if" one answer had been different. Plain data, changed only through these methods,
//! each of which asks the engine for the walk it then shows; so it is tested without a browser
//! (`tests/playback.rs`), and the components only draw it.

use crate::engine::{Answers, CaseFile, Compared, Lit, Played, Trainer};
use pathway_core::{Answer, Step, StepId};

/// A case being played.
#[derive(Clone, Debug)]
pub struct Playback {
    case: CaseFile,
    /// The steps of the case's whole walk, in the order asked (which the file's need not be).
    order: Vec<StepId>,
    /// How many answers of the walk are shown.
    shown: usize,
    /// The walk as far as `shown` answers go.
    played: Played,
    what_if: WhatIf,
}

/// Where a "what if" has got to.
#[derive(Clone, Debug)]
pub enum WhatIf {
    /// None asked.
    None,
    /// The form to change the answer to `step`, with the case's answer chosen.
    Changing { step: StepId },
    /// The changed walk asks a question the case does not answer: `asking` must be answered to
    /// go on. `answers` are the changed walk's so far, and `compared` both walks so far.
    Then { step: StepId, answers: Answers, asking: Box<Step>, compared: Box<Compared> },
    /// Both outcomes, side by side, and the diagram lit with both walks.
    Compared { step: StepId, compared: Box<Compared> },
}

/// What the diagram shows: the walk (`first`), the changed walk where there is one, and the
/// step being asked.
#[derive(Clone, Copy, Debug)]
pub struct Lighting<'a> {
    pub first: &'a Lit,
    pub changed: Option<&'a Lit>,
    pub current: Option<&'a StepId>,
}

impl Playback {
    /// A case, from its start: no answers shown yet.
    pub fn start(trainer: &Trainer, case: CaseFile) -> Result<Playback, String> {
        let whole = trainer.play(&case.answers)?;
        let order = whole.answers.iter().map(|a| a.step.clone()).collect();
        let played = trainer.play(&[])?;
        Ok(Playback { case, order, shown: 0, played, what_if: WhatIf::None })
    }

    pub fn case(&self) -> &CaseFile {
        &self.case
    }

    /// The walk as far as it is shown.
    pub fn played(&self) -> &Played {
        &self.played
    }

    pub fn what_if(&self) -> &WhatIf {
        &self.what_if
    }

    /// How many steps the case's walk has.
    pub fn steps(&self) -> usize {
        self.order.len()
    }

    pub fn shown(&self) -> usize {
        self.shown
    }

    /// Whether the whole walk is shown, and so the outcome.
    pub fn at_outcome(&self) -> bool {
        self.shown >= self.order.len()
    }

    /// One more answer shown; false at the outcome.
    pub fn next(&mut self, trainer: &Trainer) -> Result<bool, String> {
        if self.at_outcome() {
            return Ok(false);
        }
        self.show(trainer, self.shown + 1).map(|()| true)
    }

    /// One answer fewer shown; false at the start.
    pub fn previous(&mut self, trainer: &Trainer) -> Result<bool, String> {
        if self.shown == 0 {
            return Ok(false);
        }
        self.show(trainer, self.shown - 1).map(|()| true)
    }

    fn show(&mut self, trainer: &Trainer, shown: usize) -> Result<(), String> {
        let steps = &self.order[..shown.min(self.order.len())];
        let answers: Answers = self.case.answers.iter().filter(|(s, _)| steps.contains(s)).cloned().collect();
        self.played = trainer.play(&answers)?;
        self.shown = shown;
        self.what_if = WhatIf::None;
        Ok(())
    }

    /// Where the room is, in words: the step being asked, or the outcome.
    pub fn position(&self) -> String {
        match &self.played.asking {
            Some(asking) if !self.at_outcome() => {
                format!("Step {} of {}: {}", self.shown + 1, self.order.len(), asking.title)
            }
            _ => format!("The outcome, after {} steps.", self.order.len()),
        }
    }

    /// The form to change the answer to `step`: only at the outcome, and only for an answer
    /// the walk asked that can be changed. Says whether it is shown.
    pub fn ask_what_if(&mut self, step: &StepId) -> bool {
        let changeable = self.played.answers.iter().any(|a| &a.step == step && a.changeable);
        let shown = self.at_outcome() && changeable;
        if shown {
            self.what_if = WhatIf::Changing { step: step.clone() };
        }
        shown
    }

    /// The case's own answer to `step`, which the form starts from.
    pub fn answer_to(&self, step: &StepId) -> Option<&Answer> {
        self.case.answers.iter().find(|(s, _)| s == step).map(|(_, a)| a)
    }

    /// The question the what-if form asks now, and what it is for: the changed answer, or
    /// the question the changed walk asks next.
    pub fn what_if_question(&self, trainer: &Trainer) -> Option<Step> {
        match &self.what_if {
            WhatIf::Changing { step } => trainer.question(step.as_str()),
            WhatIf::Then { asking, .. } => Some(Step::clone(asking)),
            WhatIf::None | WhatIf::Compared { .. } => None,
        }
    }

    /// The answer entered in the what-if form: the changed answer, or the answer to the
    /// question the changed walk asked. The walks are compared once the changed one is
    /// complete; until then, its next question is asked.
    pub fn answer(&mut self, trainer: &Trainer, answer: Answer) -> Result<(), String> {
        let (step, answers) = match std::mem::replace(&mut self.what_if, WhatIf::None) {
            WhatIf::Changing { step } => {
                let mut answers: Answers =
                    self.case.answers.iter().filter(|(s, _)| s != &step).cloned().collect();
                answers.push((step.clone(), answer));
                (step, answers)
            }
            WhatIf::Then { step, mut answers, asking, .. } => {
                answers.push((asking.id, answer));
                (step, answers)
            }
            other => {
                self.what_if = other;
                return Err("no question is being asked".into());
            }
        };
        let compared = trainer.compare(&self.case.answers, &answers)?;
        self.what_if = match compared.after.asking.clone() {
            Some(asking) => {
                WhatIf::Then { step, answers, asking: Box::new(asking), compared: Box::new(compared) }
            }
            None => WhatIf::Compared { step, compared: Box::new(compared) },
        };
        Ok(())
    }

    /// The what-if put away: the case's outcome again.
    pub fn end_what_if(&mut self) {
        self.what_if = WhatIf::None;
    }

    /// What the diagram lights now.
    pub fn lighting(&self) -> Lighting<'_> {
        match &self.what_if {
            WhatIf::Compared { compared, .. } => {
                Lighting { first: &compared.before.lit, changed: Some(&compared.after.lit), current: None }
            }
            WhatIf::Then { asking, compared, .. } => Lighting {
                first: &compared.before.lit,
                changed: Some(&compared.after.lit),
                current: Some(&asking.id),
            },
            WhatIf::None | WhatIf::Changing { .. } => Lighting {
                first: &self.played.lit,
                changed: None,
                current: self.played.asking.as_ref().map(|q| &q.id).filter(|_| !self.at_outcome()),
            },
        }
    }
}
