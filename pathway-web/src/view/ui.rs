//! The app as the components see it: held once, read by every component, and changed only by
//! [`Ui::dispatch`], which hands an action to the state machine and says which parts of the
//! page its effect reaches.

use crate::app::{Action, App, Effect, Focus, Question, Screen};
use crate::browser::dom;
use leptos::prelude::*;

/// The app, and two signals for what an action changed:
/// - `page`: another page, or the same question with another topic or its problems: the page
///   is drawn afresh from the app's state;
/// - `draft`: what is entered, which the browser's own controls mostly show already; the few
///   things drawn from it (a checkbox unticked by "None of these", the count of items
///   answered) follow it.
///
/// Copy, so every event handler holds one.
#[derive(Clone, Copy)]
pub struct Ui {
    app: StoredValue<App>,
    page: Trigger,
    draft: Trigger,
}

impl Ui {
    /// A fresh app, with no pathway yet. Call within the owner the page is mounted in.
    pub fn new() -> Ui {
        Ui { app: StoredValue::new(App::default()), page: Trigger::new(), draft: Trigger::new() }
    }

    /// Hands `action` to the app, then shows its effect: the parts of the page it reaches are
    /// drawn again, and focus moves once they have been.
    pub fn dispatch(self, action: Action) {
        let Some(effect) = self.app.try_update_value(|app| app.handle(action)) else { return };
        match effect {
            Effect::Nothing => {}
            Effect::Redraw(focus) | Effect::Refresh(focus) => {
                self.frame();
                self.page.notify();
                self.focus_when_drawn(focus);
            }
            Effect::SyncControls => self.draft.notify(),
        }
    }

    /// Reads the app. Tracks nothing: what depends on the draft says so with [`Ui::track_draft`].
    pub fn read<R>(self, f: impl FnOnce(&App) -> R) -> Option<R> {
        self.app.try_with_value(f)
    }

    /// Reads the question on screen, if a question is on screen.
    pub fn question<R>(self, f: impl FnOnce(&Question) -> R) -> Option<R> {
        self.read(|app| match app.screen() {
            Screen::Question(q) => Some(f(q)),
            _ => None,
        })
        .flatten()
    }

    pub fn track_page(self) {
        self.page.track();
    }

    pub fn track_draft(self) {
        self.draft.track();
    }

    /// What surrounds the app: the window title, and the start page (plain HTML in
    /// `index.html`, filled from the pathway loaded), shown only while it is the screen.
    fn frame(self) {
        self.read(|app| {
            let on_start = matches!(app.screen(), Screen::Start | Screen::Loading);
            if let (Screen::Start, Some(pathway)) = (app.screen(), app.pathway()) {
                dom::fill_start_page(pathway.meta());
            }
            dom::show_start_page(on_start);
            dom::set_title(&app.title());
        });
    }

    /// Moves focus once the page has been drawn: Leptos draws in its next task, so this waits
    /// for that task to have run.
    fn focus_when_drawn(self, focus: Focus) {
        if focus == Focus::Stay {
            return;
        }
        leptos::task::spawn_local(async move {
            leptos::task::tick().await;
            let on_start = self.read(|app| matches!(app.screen(), Screen::Start)).unwrap_or(false);
            match focus {
                Focus::Stay => {}
                // A new page: from its top, with its heading announced.
                Focus::Heading => dom::focus_heading(if on_start { "pw-start" } else { "pw-app" }),
                Focus::ErrorSummary => dom::focus_selector("[data-testid=error-summary]"),
            }
        });
    }
}

impl Ui {
    /// The page the components draw for `app`, as HTML: rendered without a browser, for tests
    /// that play whole walks natively.
    pub fn drawn(app: &App) -> String {
        let owner = Owner::new();
        owner.with(|| {
            let ui = Ui { app: StoredValue::new(app.clone()), ..Ui::new() };
            view! { <super::Pages ui=ui /> }.to_html()
        })
    }
}

impl Default for Ui {
    fn default() -> Self {
        Ui::new()
    }
}

/// The app, as provided by [`super::Pages`].
pub fn use_ui() -> Ui {
    use_context::<Ui>().unwrap_or_default()
}
