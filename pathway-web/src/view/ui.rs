//! The app in the page: held once, changed only by [`Ui::dispatch`], which hands an action to
//! the state machine and shows its effect.

use crate::app::{Action, App, Effect, Focus, Question, Screen};
use crate::browser::dom;
use leptos::mount::UnmountHandle;
use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;

/// The app, and the page on screen.
///
/// Every page is mounted afresh from the app's state when the app moves to it (another page, or
/// the same question with another topic or its problems), so nothing of the last page can
/// linger on the next. What is entered is shown by the browser's own controls; the two things
/// the draft changes besides (a checkbox unticked by "None of these", the count of items
/// answered) are set from it when the app says so (`Effect::SyncControls`). Drawn by reactive
/// closures instead, those two cost 8 KB gzip of the practitioner's download
/// (docs/performance.md).
///
/// Copy, so the event listeners hold one.
#[derive(Clone, Copy)]
pub struct Ui {
    app: StoredValue<App>,
    page: StoredValue<Option<UnmountHandle<AnyViewState>>, LocalStorage>,
}

impl Ui {
    /// A fresh app, with no pathway yet, and no page on screen.
    pub fn new() -> Ui {
        Ui { app: StoredValue::new(App::default()), page: StoredValue::new_local(None) }
    }

    /// Hands `action` to the app, then shows its effect.
    pub fn dispatch(self, action: Action) {
        #[cfg(feature = "preview")]
        self.read(|app| crate::browser::preview::record(app, &action));
        let Some(effect) = self.app.try_update_value(|app| app.handle(action)) else { return };
        match effect {
            Effect::Nothing => {}
            Effect::Redraw(focus) | Effect::Refresh(focus) => self.show(focus),
            Effect::SyncControls => {
                self.question(|q| dom::sync_controls(|name, value| q.is_checked(name, value), q.answered()));
            }
        }
    }

    /// The studio's preview: the walk kept from before the last edit, given again to the app,
    /// and the page it reaches shown without moving focus, which stays in the studio's editor.
    #[cfg(feature = "preview")]
    pub fn replay(self) {
        let walk = crate::browser::preview::walk();
        if let Some(walk) = self.app.try_update_value(|app| walk.replay(app)) {
            crate::browser::preview::keep(&walk);
        }
        self.show(Focus::Stay);
    }

    /// Reads the app.
    pub fn read<R>(self, f: impl FnOnce(&App) -> R) -> Option<R> {
        self.app.try_with_value(f)
    }

    /// Reads the question on screen, if a question is on screen.
    fn question<R>(self, f: impl FnOnce(&Question) -> R) -> Option<R> {
        self.read(|app| match app.screen() {
            Screen::Question(q) => Some(f(q)),
            _ => None,
        })
        .flatten()
    }

    /// Takes the page on screen away, mounts the app's page in `#pw-app` in its place (nothing
    /// for the start page, which is plain HTML in `index.html`), and moves focus.
    fn show(self, focus: Focus) {
        // Unmounting the last page disposes of everything it held.
        self.page.update_value(|page| *page = None);
        let Some((on_start, title)) = self.read(|app| {
            if let (Screen::Start, Some(pathway)) = (app.screen(), app.pathway()) {
                dom::fill_start_page(pathway.meta());
            }
            (matches!(app.screen(), Screen::Start | Screen::Loading), app.title())
        }) else {
            return;
        };
        dom::show_start_page(on_start);
        dom::set_title(&title);
        if let Some(root) = dom::by_id("pw-app") {
            let mounted = leptos::mount::mount_to(root, move || {
                self.read(super::page).unwrap_or_else(|| ().into_any())
            });
            self.page.update_value(|page| *page = Some(mounted));
        }
        match focus {
            Focus::Stay => {}
            // A new page: from its top, with its heading announced.
            Focus::Heading => dom::focus_heading(if on_start { "pw-start" } else { "pw-app" }),
            Focus::ErrorSummary => dom::focus_selector("[data-testid=error-summary]"),
        }
    }

    /// The page the components draw for `app`, as HTML: rendered without a browser, for tests
    /// that play whole walks natively.
    pub fn drawn(app: &App) -> String {
        Owner::new().with(|| super::page(app).to_html())
    }
}

impl Default for Ui {
    fn default() -> Self {
        Ui::new()
    }
}
