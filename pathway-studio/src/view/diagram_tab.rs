//! The pathway drawn, redrawn whenever the file loads without errors. A step, route or
//! destination written in this file is a button (`Desk::draw_diagram`) that goes to where it
//! is written: selected here, by click or by Enter or Space, for every node at once.

use crate::desk::Desk;
use leptos::prelude::*;
use pathway_ui::diagram::DiagramHolder;
use wasm_bindgen::JsCast;

/// The node button an event happened on, by its id in the drawing.
fn node_of(event: &web_sys::Event) -> Option<String> {
    let target: web_sys::Element = event.target()?.dyn_into().ok()?;
    let node = target.closest("svg [role=button][id]").ok()??;
    Some(node.id())
}

#[component]
pub fn DiagramTab(desk: Desk) -> impl IntoView {
    let diagram = desk.diagram;
    view! {
        <div class="pw-studio__zoom">
            <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| diagram.zoom(1.0 / 1.25)>"Zoom in"</button>
            <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| diagram.zoom(1.25)>"Zoom out"</button>
            <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| diagram.fit()>"Whole pathway"</button>
        </div>
        <p class="govuk-body-s">
            "Select a step, route or destination (click it, or Tab to it and press Enter) to go to where it is written (in a variant, the steps, routes and destinations it adds or changes; the rest are written in its base). Drag or use the arrow keys to move; + and − zoom. The diagram is redrawn whenever the file loads without errors."
        </p>
        <div
            on:click=move |e| {
                // A drag that moved the diagram is not a click on what it ended over.
                if let Some(node) = node_of(&e).filter(|_| !diagram.dragged()) {
                    desk.select_node(&node);
                }
            }
            on:keydown=move |e: leptos::ev::KeyboardEvent| {
                if let Some(node) = node_of(&e).filter(|_| e.key() == "Enter" || e.key() == " ") {
                    e.prevent_default();
                    desk.select_node(&node);
                }
            }
        >
            <DiagramHolder view=diagram id="st-diagram" class="pw-studio__diagram" />
        </div>
    }
}
