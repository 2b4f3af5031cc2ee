//! The app in the page: DOM events become [`Action`]s, and each [`Effect`] becomes a DOM change.
//!
//! One listener per kind of event, on `#pw-app`, serves every page (each control says what it
//! does in `data-action`), so drawing a page is building its nodes: no listeners to attach or
//! leak. Nothing is stored: the app lives in memory, and quick exit (`shell.js`) drops it.

mod dom;
mod loading;
mod patch;

use crate::app::{Action, App, Effect, Focus, Screen};
use crate::pages;
use pathway_core::StepId;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Event, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

thread_local! {
    static APP: RefCell<App> = RefCell::new(App::default());
}

/// Starts the app: everything after the start page draws into `#pw-app`. The exit bar, header,
/// start page and footer are plain HTML in `index.html` (quick exit is `shell.js`), so they
/// work before this has loaded.
pub fn run() {
    let Some(root) = dom::by_id("pw-app") else { return };
    listen(&root, "click", on_click);
    listen(&root, "change", on_change);
    listen(&root, "input", on_input);
    listen(&root, "submit", |event| {
        event.prevent_default();
        dispatch(Action::Submit);
    });
    // `Start` does nothing until a pathway has loaded; a press before that is kept by
    // `shell.js` and honoured once it has.
    if let Some(button) = dom::by_id("pw-start-button") {
        listen(&button, "click", |_| dispatch(Action::Start));
    }
    wasm_bindgen_futures::spawn_local(async {
        let loaded = loading::load().await.map(Box::new);
        let ok = loaded.is_ok();
        dispatch(Action::Loaded(loaded));
        if ok && dom::take_start_request() {
            dispatch(Action::Start);
        }
    });
}

/// Calls `handler` for every `kind` event on `element`, for the life of the page.
fn listen(element: &HtmlElement, kind: &str, handler: fn(Event)) {
    let callback = Closure::<dyn Fn(Event)>::new(handler);
    let _ = element.add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref());
    // The page lives as long as the app: so does its listener.
    callback.forget();
}

/// Handles an action, then shows its effect. Events reach the app one at a time, so the app is
/// never borrowed twice; were it ever (an event fired from inside `apply`), the action is
/// dropped rather than the app panicking.
fn dispatch(action: Action) {
    let Some(effect) = APP.with(|app| app.try_borrow_mut().ok().map(|mut app| app.handle(action))) else {
        return;
    };
    APP.with(|app| {
        if let Ok(app) = app.try_borrow() {
            apply(&app, effect);
        }
    });
}

fn apply(app: &App, effect: Effect) {
    let (Some(root), Some(document)) = (dom::by_id("pw-app"), dom::document()) else { return };
    match effect {
        Effect::Nothing => {}
        Effect::Redraw(focus) => {
            let on_start = matches!(app.screen(), Screen::Start | Screen::Loading);
            if let (Screen::Start, Some(pathway)) = (app.screen(), app.pathway()) {
                dom::fill_start_page(pathway.meta());
            }
            // Only when it changes: setting it again still costs a style check of the page.
            if let Some(start) = dom::by_id("pw-start").filter(|start| start.hidden() == on_start) {
                start.set_hidden(!on_start);
            }
            dom::draw(&root, &pages::nodes::parse(&pages::render(app).into_string()));
            document.set_title(&pages::title(app));
            match focus {
                Focus::Stay => {}
                Focus::Heading => {
                    // A new page: from its top, with its heading announced.
                    if let Some(window) = web_sys::window() {
                        window.scroll_to_with_x_and_y(0.0, 0.0);
                    }
                    let page = if on_start { dom::by_id("pw-start") } else { Some(root) };
                    dom::focus(page.and_then(|p| dom::find(&p, "h1")));
                }
                Focus::ErrorSummary => dom::focus(dom::find(&root, "[data-testid=error-summary]")),
            }
        }
        Effect::SyncControls => {
            let Screen::Question(q) = app.screen() else { return };
            if let Ok(inputs) = root.query_selector_all("input[type=radio], input[type=checkbox]") {
                for input in
                    (0..inputs.length()).filter_map(|i| inputs.item(i)?.dyn_into::<HtmlInputElement>().ok())
                {
                    input.set_checked(q.is_checked(&input.name(), &input.value()));
                }
            }
            if let (Some(count), Some(text)) = (dom::find(&root, "[data-testid=answered]"), q.answered()) {
                count.set_text_content(Some(&text));
            }
        }
    }
}

/// The element an event happened in, or the nearest around it matching `selector`.
fn target(event: &Event, selector: &str) -> Option<HtmlElement> {
    let element: web_sys::Element = event.target()?.dyn_into().ok()?;
    element.closest(selector).ok()??.dyn_into().ok()
}

fn on_click(event: Event) {
    let Some(control) = target(&event, "[data-action], [data-focus]") else { return };
    let data = control.dataset();
    if let Some(field) = data.get("focus") {
        // An error summary's link: to the field, without a `#…` in the URL.
        event.prevent_default();
        return dom::focus(dom::by_id(&field));
    }
    let action = match data.get("action").as_deref() {
        Some("back") => {
            event.prevent_default();
            Action::Back
        }
        Some("resume") => Action::Resume,
        Some("change") => Action::Change(StepId::new(data.get("step").unwrap_or_default())),
        Some("see-referrals") => Action::SeeReferrals { stamp: dom::now_stamp() },
        Some("restart") => Action::Restart,
        Some("print") => {
            let _ = web_sys::window().map(|w| w.print());
            return;
        }
        Some("copy") => return copy_case_notes(),
        _ => return,
    };
    dispatch(action);
}

fn on_change(event: Event) {
    let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
    if matches!(input.type_().as_str(), "radio" | "checkbox") {
        dispatch(Action::Choose { name: input.name(), value: input.value(), ticked: input.checked() });
    }
}

fn on_input(event: Event) {
    let Some(target) = event.target() else { return };
    let text = match target.dyn_into::<HtmlInputElement>() {
        Ok(input) if input.type_() == "text" => input.value(),
        Ok(_) => return,
        Err(other) => match other.dyn_into::<HtmlTextAreaElement>() {
            Ok(area) => area.value(),
            Err(_) => return,
        },
    };
    dispatch(Action::Type(text));
}

/// Puts the outcome's summary on the clipboard, and says whether that worked.
fn copy_case_notes() {
    let notes = APP.with(|app| {
        let app = app.try_borrow().ok()?;
        let Screen::Outcome { stamp } = app.screen() else { return None };
        pages::case_notes(app.pathway()?, app.session()?, stamp)
    });
    let (Some(notes), Some(window)) = (notes, web_sys::window()) else { return };
    let promise = window.navigator().clipboard().write_text(&notes);
    wasm_bindgen_futures::spawn_local(async move {
        let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        let status = dom::by_id("pw-app").and_then(|root| dom::find(&root, "[data-testid=copied]"));
        if let Some(status) = status {
            status.set_text_content(Some(if copied {
                "Summary copied. Paste it into your case notes."
            } else {
                "Copying did not work: use Print instead."
            }));
        }
    });
}
