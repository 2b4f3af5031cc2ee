//! The case studies to play, and a case study file of the trainer's own, read in the browser
//! (never uploaded), or located where it is wrong.

use crate::room::Room;
use leptos::prelude::*;
use web_sys::HtmlInputElement;

#[component]
pub fn CaseList(room: Room) -> impl IntoView {
    let cases = move || {
        room.cases
            .get()
            .into_iter()
            .map(|case| {
                let (file, title) = (case.file.clone(), case.title.clone());
                view! {
                    <li>
                        <button
                            type="button"
                            class="pw-trainer__case govuk-link"
                            data-testid="case"
                            data-file=file
                            on:click=move |_| room.play(case.clone())
                        >
                            {title}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let chosen = move |event: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&event);
        let Some(file) = input.files().and_then(|list| list.item(0)) else { return };
        // Chosen again later, the same file is read again.
        input.set_value("");
        leptos::task::spawn_local(async move {
            match pathway_ui::files::read_text(&file).await {
                Ok(text) => room.open(file.name(), text),
                Err(why) => room.file_error.set(Some(why)),
            }
        });
    };
    let has_error = move || room.file_error.with(Option::is_some);
    view! {
        <p class="govuk-body">
            "Pick a case to play it to its outcome, one answer at a time, or open a case study file of your own (it is read here, never uploaded)."
        </p>
        <ul class="govuk-list pw-trainer__cases" data-testid="case-list">{cases}</ul>
        <div class="govuk-form-group" class:govuk-form-group--error=has_error>
            <label class="govuk-label govuk-label--s" for="tr-file">
                "Open your own case study file (.yaml)"
            </label>
            <Show when=has_error>
                <div class="govuk-error-summary" id="tr-file-error" data-testid="file-error" role="alert" tabindex="-1">
                    <h2 class="govuk-error-summary__title">"That case study file has a problem"</h2>
                    <pre class="pw-trainer__diagnostic">{move || room.file_error.get().unwrap_or_default()}</pre>
                </div>
            </Show>
            <input
                class="govuk-file-upload"
                id="tr-file"
                type="file"
                accept=".yaml,.yml"
                data-testid="case-file"
                on:change=chosen
            />
        </div>
    }
}
