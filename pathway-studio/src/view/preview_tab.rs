//! The pathway as practitioners will see it: the practitioner's own app, in a frame, given the
//! pathway compiled from the file being written (`Desk::update_preview`).

use crate::desk::Desk;
use leptos::prelude::*;

#[component]
pub fn PreviewTab(desk: Desk) -> impl IntoView {
    view! {
        <p class="govuk-body-s">
            "The pathway as practitioners will see it, on a phone-sized screen. When the file changes, your answers so far are given again, up to the first question the change has altered."
        </p>
        <button type="button" class="govuk-button govuk-button--secondary" data-testid="preview-restart" on:click=move |_| desk.restart_preview(true)>
            "Start the preview again"
        </button>
        <iframe
            class="pw-studio__preview"
            id="st-preview"
            title="Preview of the pathway as practitioners see it"
            data-testid="preview"
            node_ref=desk.preview
        ></iframe>
    }
}
