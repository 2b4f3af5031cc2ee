//! What the practitioner is looking at, and what they have entered, as data.
//!
//! Every press and keystroke reaches the app as an [`Action`]; [`App::handle`] works out the
//! next state from the core's `Session` and says what the page must do ([`Effect`]). Nothing
//! here touches the browser, so whole walks are tested natively (`app/tests.rs`), and the
//! components (`view/`) only draw this state and send it actions.

mod question;
pub mod replay;
#[cfg(test)]
mod tests;

pub use question::{FieldError, Question};

use pathway_core::{Answer, DestinationId, Pathway, Position, Session, StepId};

/// Which page is showing.
#[derive(Clone, Debug)]
pub enum Screen {
    /// The pathway is being fetched; the start page (plain HTML) shows meanwhile.
    Loading,
    /// The start page: plain HTML in `index.html`, filled in from the pathway.
    Start,
    /// The current question, or the one being changed from "check your answers".
    Question(Box<Question>),
    /// Destinations to act on now, shown before the walk goes on.
    Interrupt(Vec<DestinationId>),
    Check,
    /// Where to refer; `stamp` is when it was first shown, for the printed or copied summary.
    Outcome {
        stamp: String,
    },
    /// The pathway could not be loaded: which file, and why.
    Problem {
        source: String,
        report: String,
    },
}

/// Everything a practitioner can do.
#[derive(Clone, Debug)]
pub enum Action {
    /// The compiled pathway was read, or could not be: `(file, why)`.
    Loaded(Result<Box<Pathway>, (String, String)>),
    Start,
    /// A radio button or checkbox named `name` with this `value` was ticked or unticked.
    Choose {
        name: String,
        value: String,
        ticked: bool,
    },
    /// The text of a number or text field.
    Type(String),
    /// "Continue" on a question page.
    Submit,
    Back,
    /// "Continue with the pathway" after an interrupt.
    Resume,
    /// "Change" on the check page.
    Change(StepId),
    SeeReferrals {
        stamp: String,
    },
    Restart,
}

/// What the page must do after an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    Nothing,
    /// Another page: draw it, then put focus where a screen reader should start.
    Redraw(Focus),
    /// The same question again, showing another topic of its checklist or the problems with
    /// what was entered: drawn again, then focus moves as for a new page.
    Refresh(Focus),
    /// The same page, but the controls' state changed (an exclusive checkbox unticked the
    /// others; a checklist's count of items answered): set them from the draft.
    SyncControls,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// Leave focus where it is (the app has just loaded).
    Stay,
    /// A new page: its heading, so it is announced.
    Heading,
    /// What was entered has problems: the error summary.
    ErrorSummary,
}

/// The app: the pathway, the walk and the screen. Nothing else, and nothing stored.
#[derive(Clone, Debug)]
pub struct App {
    pathway: Option<Pathway>,
    session: Option<Session>,
    screen: Screen,
}

impl Default for App {
    fn default() -> Self {
        App { pathway: None, session: None, screen: Screen::Loading }
    }
}

impl App {
    pub fn pathway(&self) -> Option<&Pathway> {
        self.pathway.as_ref()
    }

    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    pub fn handle(&mut self, action: Action) -> Effect {
        match action {
            Action::Loaded(Ok(pathway)) => {
                self.pathway = Some(*pathway);
                self.screen = Screen::Start;
                Effect::Redraw(Focus::Stay)
            }
            Action::Loaded(Err((source, report))) => self.show(Screen::Problem { source, report }),
            Action::Start => match &self.pathway {
                Some(pathway) => {
                    self.session = Some(Session::new(pathway));
                    self.ask(None, None)
                }
                None => Effect::Nothing,
            },
            Action::Choose { name, value, ticked } => match &mut self.screen {
                Screen::Question(q) => q.choose(&name, &value, ticked),
                _ => Effect::Nothing,
            },
            Action::Type(text) => {
                if let Screen::Question(q) = &mut self.screen {
                    q.type_text(text);
                }
                Effect::Nothing
            }
            Action::Submit => self.submit(),
            Action::Back => self.back(),
            Action::Resume => self.resume(),
            Action::Change(step) => {
                let earlier = self.session.as_ref().and_then(|s| s.answer_to(step.as_str()).cloned());
                self.ask(earlier, Some(step))
            }
            Action::SeeReferrals { stamp } => self.show(Screen::Outcome { stamp }),
            Action::Restart => {
                // Forget everything about this case.
                self.session = None;
                self.show(Screen::Start)
            }
        }
    }

    fn show(&mut self, screen: Screen) -> Effect {
        self.screen = screen;
        Effect::Redraw(Focus::Heading)
    }

    /// Asks the next question of the walk, or `changing`, with `earlier` already entered.
    fn ask(&mut self, earlier: Option<Answer>, changing: Option<StepId>) -> Effect {
        let (Some(pathway), Some(session)) = (&self.pathway, &self.session) else { return Effect::Nothing };
        let step = match &changing {
            Some(id) => pathway.step(id.as_str()),
            None => match session.position(pathway) {
                Ok(Position::Asking(step)) => Some(step),
                _ => None,
            },
        };
        match step {
            Some(step) => {
                let question = Question::new(pathway, session, step, earlier, changing.is_some());
                self.show(Screen::Question(Box::new(question)))
            }
            None => self.show(Screen::Check),
        }
    }

    /// Goes on with the walk, or to "check your answers" once it is complete.
    fn resume(&mut self) -> Effect {
        let finished = match (&self.pathway, &self.session) {
            (Some(pathway), Some(session)) => matches!(session.position(pathway), Ok(Position::Finished)),
            _ => false,
        };
        if finished { self.show(Screen::Check) } else { self.ask(None, None) }
    }

    fn submit(&mut self) -> Effect {
        let (Some(pathway), Some(session), Screen::Question(question)) =
            (&self.pathway, &mut self.session, &mut self.screen)
        else {
            return Effect::Nothing;
        };
        match question.submit(pathway, session) {
            question::Submitted::NextTopic => Effect::Refresh(Focus::Heading),
            question::Submitted::Problems => Effect::Refresh(Focus::ErrorSummary),
            question::Submitted::Answered(interrupts) if !interrupts.is_empty() => {
                self.show(Screen::Interrupt(interrupts))
            }
            question::Submitted::Answered(_) => self.resume(),
        }
    }

    fn back(&mut self) -> Effect {
        match &mut self.screen {
            Screen::Question(q) if q.topic > 0 => {
                q.topic -= 1;
                q.errors.clear();
                Effect::Refresh(Focus::Heading)
            }
            Screen::Question(q) if q.changing => self.show(Screen::Check),
            Screen::Question(_) | Screen::Check => {
                let Some(session) = &mut self.session else { return Effect::Nothing };
                match session.back() {
                    Some((_, answer)) => self.ask(Some(answer), None),
                    None => self.show(Screen::Start),
                }
            }
            Screen::Outcome { .. } => self.show(Screen::Check),
            _ => Effect::Nothing,
        }
    }

    /// The window title: the page, then the pathway. Never an answer, since titles go into the
    /// browser's history.
    pub fn title(&self) -> String {
        let pathway = self.pathway().map(|p| p.meta().title.as_str()).unwrap_or_default();
        let (page, error) = match self.screen() {
            Screen::Loading | Screen::Start => return pathway.to_owned(),
            Screen::Question(q) => (q.step.title.as_str(), !q.errors.is_empty()),
            Screen::Interrupt(ids) => (interrupt_title(self.pathway(), ids), false),
            Screen::Check => (CHECK_TITLE, false),
            Screen::Outcome { .. } => (OUTCOME_TITLE, false),
            Screen::Problem { .. } => (PROBLEM_TITLE, true),
        };
        let prefix = if error { "Error: " } else { "" };
        if pathway.is_empty() { format!("{prefix}{page}") } else { format!("{prefix}{page} – {pathway}") }
    }

    /// The summary "Copy summary for case notes" puts on the clipboard: the outcome in the
    /// core's words, when it was produced and by which version of the pathway.
    pub fn case_notes(&self) -> Option<String> {
        let (Some(pathway), Some(session), Screen::Outcome { stamp }) =
            (&self.pathway, &self.session, &self.screen)
        else {
            return None;
        };
        case_notes(pathway, session, stamp)
    }
}

pub const CHECK_TITLE: &str = "Check your answers";
pub const OUTCOME_TITLE: &str = "Where to refer";
pub const PROBLEM_TITLE: &str = "This pathway could not be loaded";

/// The heading of an interrupt: the first destination's summary ("Call 999 now").
pub fn interrupt_title<'p>(pathway: Option<&'p Pathway>, ids: &[DestinationId]) -> &'p str {
    ids.first().and_then(|id| pathway?.destination(id.as_str())?.summary.as_deref()).unwrap_or("Act now")
}

/// The outcome of `session` as text for case notes, stamped with when it was produced.
pub fn case_notes(pathway: &Pathway, session: &Session, stamp: &str) -> Option<String> {
    let outcome = session.outcome(pathway).ok()?;
    Some(format!("{}Produced {stamp}. Pathway version {}.\n", outcome.to_text(), outcome.pathway.version))
}
