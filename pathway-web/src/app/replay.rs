//! A walk kept through a change to the pathway: the author studio's preview is the
//! practitioner's app, loaded again after every edit, and gives the author's presses again on
//! the new pathway so they stay where they were, as far as the edited pathway still asks the
//! same questions with the same answers. Each press is recorded with the page it was made on,
//! and given again only on that page, where the page still has what was pressed; the app
//! decides everything, as for a practitioner.

use super::{Action, App, Screen};
use pathway_core::StepId;
use serde::{Deserialize, Serialize};

/// Which page a press was made on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Page {
    Start,
    Question(StepId),
    Interrupt,
    Check,
    Outcome,
}

impl Page {
    fn of(app: &App) -> Option<Page> {
        Some(match app.screen() {
            Screen::Start => Page::Start,
            Screen::Question(q) => Page::Question(q.step.id.clone()),
            Screen::Interrupt(_) => Page::Interrupt,
            Screen::Check => Page::Check,
            Screen::Outcome { .. } => Page::Outcome,
            Screen::Loading | Screen::Problem { .. } => return None,
        })
    }
}

/// A press that moves the walk, as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Press {
    Start,
    Choose { name: String, value: String, ticked: bool },
    Type(String),
    Submit,
    Back,
    Resume,
    Change(StepId),
    SeeReferrals { stamp: String },
}

/// One press of the walk, on its page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recorded {
    pub on: Page,
    pub press: Press,
}

/// The walk: what has been given on this page of the preview (`done`), and what an edit
/// stopped from being given (`rest`). The rest is kept, so that the walk goes on once the edit
/// is finished or undone (an id is renamed a letter at a time), until the author presses
/// something themselves.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Walk {
    pub done: Vec<Recorded>,
    pub rest: Vec<Recorded>,
}

impl Walk {
    /// Records `action`, about to be handled by `app`, as pressed by the author: the rest of
    /// an earlier walk is then theirs no more. Starting again ends the walk.
    pub fn record(&mut self, app: &App, action: &Action) {
        if matches!(action, Action::Restart) {
            *self = Walk::default();
            return;
        }
        if let Some(recorded) = recorded(app, action) {
            // A field's last text is all that matters, not every key.
            match (self.done.last_mut(), &recorded.press) {
                (Some(last), Press::Type(text))
                    if last.on == recorded.on && matches!(last.press, Press::Type(_)) =>
                {
                    last.press = Press::Type(text.clone());
                }
                _ => self.done.push(recorded),
            }
            self.rest.clear();
        }
    }

    /// The walk given again to `app`, a fresh app with the edited pathway loaded. Stops at the
    /// first press whose page is not on screen, or which the page no longer has, or after an
    /// answer the edited question refuses; what is left is kept as the rest. Returns the walk
    /// as given, for the presses that follow.
    pub fn replay(self, app: &mut App) -> Walk {
        let given: Vec<Recorded> = self.done.into_iter().chain(self.rest).collect();
        let mut walk = Walk::default();
        for (i, recorded) in given.iter().enumerate() {
            if Page::of(app).as_ref() != Some(&recorded.on) || !offers(app, &recorded.press) {
                walk.rest = given[i..].to_vec();
                break;
            }
            walk.done.push(recorded.clone());
            app.handle(action(&recorded.press));
            if recorded.press == Press::Submit && !took(app) {
                // A refused answer was still given: the rest starts after it.
                walk.rest = given[i + 1..].to_vec();
                break;
            }
        }
        walk
    }
}

/// Whether `app` has what `press` pressed: the choice on its question, a field to type in, an
/// answer to change.
fn offers(app: &App, press: &Press) -> bool {
    match (app.screen(), press) {
        (Screen::Question(q), Press::Choose { name, value, .. }) => q.offers(name, value),
        (Screen::Question(q), Press::Type(_)) => q.is_typed(),
        (Screen::Check, Press::Change(step)) => {
            app.session().is_some_and(|s| s.answer_to(step.as_str()).is_some())
        }
        (_, Press::Choose { .. } | Press::Type(_) | Press::Change(_)) => false,
        _ => true,
    }
}

/// Whether the answer just given was taken: no problems are shown with it.
fn took(app: &App) -> bool {
    !matches!(app.screen(), Screen::Question(q) if !q.errors.is_empty())
}

fn recorded(app: &App, action: &Action) -> Option<Recorded> {
    let press = match action {
        Action::Start => Press::Start,
        Action::Choose { name, value, ticked } => {
            Press::Choose { name: name.clone(), value: value.clone(), ticked: *ticked }
        }
        Action::Type(text) => Press::Type(text.clone()),
        Action::Submit => Press::Submit,
        Action::Back => Press::Back,
        Action::Resume => Press::Resume,
        Action::Change(step) => Press::Change(step.clone()),
        Action::SeeReferrals { stamp } => Press::SeeReferrals { stamp: stamp.clone() },
        Action::Loaded(_) | Action::Restart => return None,
    };
    Some(Recorded { on: Page::of(app)?, press })
}

fn action(press: &Press) -> Action {
    match press.clone() {
        Press::Start => Action::Start,
        Press::Choose { name, value, ticked } => Action::Choose { name, value, ticked },
        Press::Type(text) => Action::Type(text),
        Press::Submit => Action::Submit,
        Press::Back => Action::Back,
        Press::Resume => Action::Resume,
        Press::Change(step) => Action::Change(step),
        Press::SeeReferrals { stamp } => Action::SeeReferrals { stamp },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pathway_core::Pathway;

    const DURHAM: &str = include_str!("../../../pathways/durham/pathway.yaml");

    fn app(yaml: &str) -> App {
        let pathway = Pathway::from_yaml(yaml).unwrap_or_else(|e| panic!("{e}"));
        let mut app = App::default();
        app.handle(Action::Loaded(Ok(Box::new(pathway))));
        app
    }

    /// Presses, recorded as the preview records them, then handled.
    fn press(app: &mut App, walk: &mut Walk, actions: Vec<Action>) {
        for action in actions {
            walk.record(app, &action);
            app.handle(action);
        }
    }

    fn choose(value: &str) -> Action {
        Action::Choose { name: "answer".into(), value: value.into(), ticked: true }
    }

    fn on(app: &App) -> Option<Page> {
        Page::of(app)
    }

    fn question(id: &str) -> Option<Page> {
        Some(Page::Question(StepId::new(id)))
    }

    /// The walk of the studio's browser test: housing, no danger, at "safe to talk".
    fn walked() -> Walk {
        let mut app = app(DURHAM);
        let mut walk = Walk::default();
        press(
            &mut app,
            &mut walk,
            vec![Action::Start, choose("housing"), Action::Submit, choose("no"), Action::Submit],
        );
        assert_eq!(on(&app), question("safe_to_talk"));
        walk
    }

    #[test]
    fn a_walk_is_given_again_on_a_pathway_with_a_question_reworded() {
        let reworded = DURHAM.replacen(
            "Can the victim talk to you safely now",
            "Can the victim speak with you safely now",
            1,
        );
        assert_ne!(reworded, DURHAM);
        let mut edited = app(&reworded);
        let walk = walked().replay(&mut edited);
        assert_eq!(on(&edited), question("safe_to_talk"));
        assert_eq!(walk.done.len(), 5);
        assert!(walk.rest.is_empty());
    }

    #[test]
    fn an_answer_renamed_stops_the_walk_at_its_question_and_it_goes_on_once_undone() {
        let renamed =
            DURHAM.replacen("{ id: housing, label: Housing }", "{ id: housing_team, label: Housing }", 1);
        assert_ne!(renamed, DURHAM);
        let mut edited = app(&renamed);
        let walk = walked().replay(&mut edited);
        assert_eq!(on(&edited), question("role"), "stopped where the answer no longer exists");
        assert_eq!(walk.done.len(), 1, "only the start");
        assert_eq!(walk.rest.len(), 4, "the rest kept for when the edit is undone");
        let mut undone = app(DURHAM);
        let walk = walk.replay(&mut undone);
        assert_eq!(on(&undone), question("safe_to_talk"), "the whole walk again");
        assert!(walk.rest.is_empty());
    }

    #[test]
    fn a_press_of_the_authors_own_drops_the_rest_and_starting_again_ends_the_walk() {
        let renamed =
            DURHAM.replacen("{ id: housing, label: Housing }", "{ id: housing_team, label: Housing }", 1);
        let mut edited = app(&renamed);
        let mut walk = walked().replay(&mut edited);
        press(&mut edited, &mut walk, vec![choose("housing_team")]);
        assert!(walk.rest.is_empty(), "the author has gone another way");
        walk.record(&edited, &Action::Restart);
        assert_eq!(walk, Walk::default());
    }

    #[test]
    fn only_a_fields_last_text_is_kept() {
        let mut app = app(DURHAM);
        let mut walk = Walk::default();
        app.handle(Action::Start);
        for text in ["a", "ab", "abc"] {
            walk.record(&app, &Action::Type(text.into()));
        }
        assert_eq!(
            walk.done,
            [Recorded { on: Page::Question(StepId::new("role")), press: Press::Type("abc".into()) }]
        );
    }

    #[test]
    fn an_answer_the_edited_question_refuses_is_given_and_the_walk_stops_after_it() {
        let mut app = app(DURHAM);
        let mut walk = Walk::default();
        // "Continue" with nothing chosen is refused, with a problem to fix.
        press(&mut app, &mut walk, vec![Action::Start, Action::Submit, choose("housing"), Action::Submit]);
        let mut again = self::app(DURHAM);
        let walk = walk.replay(&mut again);
        assert_eq!(on(&again), question("role"));
        assert_eq!(walk.done.len(), 2, "the start and the refused answer");
        assert_eq!(walk.rest.len(), 2);
    }
}
