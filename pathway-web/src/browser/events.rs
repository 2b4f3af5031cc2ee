//! Every press and keystroke on a page, turned into an [`Action`] for the app: one listener for
//! each kind of event, on `#pw-app`, serves every page. Each control says what it does in its
//! markup (`data-action`, `data-focus`, a field's name and value), so the components draw
//! controls and attach nothing, and most of a page is fixed markup. Every action goes through
//! `Ui::dispatch`, which is where the studio's preview records its walk (`browser::preview`).

use super::dom;
use crate::app::Action;
use crate::view::Ui;
use pathway_core::StepId;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Event, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

/// Listens on `root` for the life of the page.
pub fn listen(ui: Ui, root: &HtmlElement) {
    on(root, "click", move |event| click(ui, event));
    on(root, "change", move |event| change(ui, event));
    on(root, "input", move |event| input(ui, event));
    on(root, "submit", move |event: Event| {
        event.prevent_default();
        ui.dispatch(Action::Submit);
    });
}

/// Calls `handler` for every `kind` event on `element`, for the life of the page.
pub fn on(element: &HtmlElement, kind: &str, handler: impl Fn(Event) + 'static) {
    let callback = Closure::<dyn Fn(Event)>::new(handler);
    let _ = element.add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref());
    // The page lives as long as the app: so does its listener.
    callback.forget();
}

/// The element an event happened in, or the nearest around it matching `selector`.
fn target(event: &Event, selector: &str) -> Option<HtmlElement> {
    let element: web_sys::Element = event.target()?.dyn_into().ok()?;
    element.closest(selector).ok()??.dyn_into().ok()
}

fn click(ui: Ui, event: Event) {
    let Some(control) = target(&event, "[data-action], [data-focus]") else { return };
    let data = control.dataset();
    if let Some(field) = data.get("focus") {
        // An error summary's link: to the field, without a `#…` in the URL.
        event.prevent_default();
        return dom::focus_id(&field);
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
        Some("print") => return dom::print(),
        Some("copy") => return copy_case_notes(ui),
        _ => return,
    };
    ui.dispatch(action);
}

fn change(ui: Ui, event: Event) {
    let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
    if matches!(input.type_().as_str(), "radio" | "checkbox") {
        ui.dispatch(Action::Choose { name: input.name(), value: input.value(), ticked: input.checked() });
    }
}

fn input(ui: Ui, event: Event) {
    let Some(target) = event.target() else { return };
    let text = match target.dyn_into::<HtmlInputElement>() {
        Ok(input) if input.type_() == "text" => input.value(),
        Ok(_) => return,
        Err(other) => match other.dyn_into::<HtmlTextAreaElement>() {
            Ok(area) => area.value(),
            Err(_) => return,
        },
    };
    ui.dispatch(Action::Type(text));
}

/// Puts the outcome's summary on the clipboard, and says whether that worked.
fn copy_case_notes(ui: Ui) {
    let Some(notes) = ui.read(|app| app.case_notes()).flatten() else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let said = if dom::copy_to_clipboard(&notes).await {
            "Summary copied. Paste it into your case notes."
        } else {
            "Copying did not work: use Print instead."
        };
        dom::set_text("[data-testid=copied]", said);
    });
}
