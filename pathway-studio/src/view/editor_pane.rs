//! The file being written, in the editor (CodeMirror, by `editor`), with its name and, for a
//! variant, which base it extends.

use crate::desk::Desk;
use crate::editor;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

#[component]
pub fn EditorPane(desk: Desk) -> impl IntoView {
    let host = NodeRef::<leptos::html::Div>::new();
    // The editor is made once its host is on the page, and lives as long as the page.
    Effect::new(move |made: Option<bool>| {
        if made == Some(true) {
            return true;
        }
        let Some(host) = host.get() else { return false };
        let changed = Closure::<dyn Fn()>::new(move || desk.changed());
        editor::create(&host, changed.as_ref().unchecked_ref());
        changed.forget();
        true
    });
    let base = move || {
        desk.base.with(|b| {
            b.as_ref().map(|b| {
                format!(
                    "A variant of {}, whose file ({}) is open beside it but not edited here.",
                    b.id, b.file.name
                )
            })
        })
    };
    view! {
        <section class="pw-studio__editor-pane" aria-labelledby="st-file-name">
            <h2 class="govuk-heading-s pw-studio__file-name" id="st-file-name" data-testid="file-name">
                {move || desk.name.get()}
            </h2>
            <p class="govuk-body-s" data-testid="base" hidden=move || base().is_none()>{base}</p>
            <div class="pw-studio__editor" id="st-editor" data-testid="editor" node_ref=host></div>
        </section>
    }
}
