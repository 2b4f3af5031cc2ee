//! The studio's page, as Leptos components, one file each: the toolbar (open, save, publish),
//! the editor, and beside it the tabs (problems, diagram, preview, case studies, properties,
//! what changed). They draw the [`Desk`]'s signals and call its methods; none decides anything.

mod cases_tab;
mod changes_tab;
mod diagram_tab;
mod editor_pane;
mod preview_tab;
mod problems_tab;
mod properties_tab;
mod tabs;
mod toolbar;

use crate::desk::Desk;
use leptos::prelude::*;

#[component]
pub fn Studio(desk: Desk) -> impl IntoView {
    view! {
        <h1 class="govuk-heading-m pw-studio__heading" id="st-heading" tabindex="-1">"Author studio"</h1>
        <p class="govuk-body-s">
            "Open a pathway file, with its case studies if you have them, to check it as you write. Everything happens in this browser: nothing is uploaded or kept, so download your file before you leave."
        </p>
        <toolbar::Toolbar desk=desk />
        <p class="govuk-body pw-studio__status" id="st-status" role="status" aria-live="polite" data-testid="status">
            {move || desk.status.get()}
        </p>
        <div class="pw-studio__panes">
            <editor_pane::EditorPane desk=desk />
            <tabs::Tabs desk=desk />
        </div>
    }
}

/// A place in the file, as a button that goes there.
pub fn go_to_button(
    desk: Desk,
    line: usize,
    column: usize,
    words: String,
    testid: Option<&'static str>,
) -> AnyView {
    view! {
        <button type="button" class="pw-studio__place pw-studio__link" data-testid=testid on:click=move |_| desk.go_to(line, column)>
            {words}
        </button>
    }
    .into_any()
}
