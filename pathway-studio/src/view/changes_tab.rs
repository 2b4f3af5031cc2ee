//! The file being written compared with another version of it: the ways walks now end
//! differently, each with an example, and the wording, questions and contacts changed.

use crate::desk::{Desk, Run};
use crate::studio::{self, Opened};
use leptos::prelude::*;
use web_sys::HtmlInputElement;

#[component]
pub fn ChangesTab(desk: Desk) -> impl IntoView {
    let chosen = move |event: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&event);
        let Some(file) = input.files().and_then(|l| l.item(0)) else { return };
        leptos::task::spawn_local(async move {
            match pathway_ui::files::read_text(&file).await {
                Ok(text) => desk.compare_with(Opened { name: file.name(), text }),
                Err(why) => desk.say(why),
            }
        });
    };
    let result = move || {
        desk.comparison.with(|run| match run {
            Run::NotRun => ().into_any(),
            Run::Running => view! { <p class="govuk-body" role="status">"Comparing every walk of both versions…"</p> }.into_any(),
            Run::Failed(why) => view! { <p class="govuk-body" role="alert" data-testid="diff-error">{why.clone()}</p> }.into_any(),
            Run::Done(c) => {
                let endings = c
                    .behaviour
                    .iter()
                    .map(|w| {
                        let classes = studio::count(w.classes, "class of walk", "classes of walk");
                        view! {
                            <li class="pw-studio__change" data-testid="behaviour-change">
                                <p class="govuk-body pw-studio__message">{w.change.clone()}</p>
                                <p class="govuk-body-s">
                                    {format!("{classes}. For example, these answers given to both versions (answers only one version asks are marked), and what each ends with:")}
                                </p>
                                <pre class="pw-studio__pre">{w.example.clone()}</pre>
                            </li>
                        }
                    })
                    .collect_view();
                let wording = (!c.wording.is_empty()).then(|| {
                    let items = c.wording.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view();
                    view! {
                        <h3 class="govuk-heading-s">"Wording, questions and contacts"</h3>
                        <ul class="govuk-list govuk-list--bullet" data-testid="wording-changes">{items}</ul>
                    }
                });
                view! {
                    <p class="govuk-body" data-testid="diff-summary">{studio::comparison_line(c)}</p>
                    <ol class="govuk-list govuk-list--number">{endings}</ol>
                    {wording}
                }
                .into_any()
            }
        })
    };
    view! {
        <p class="govuk-body">
            "Compare the pathway being written with another version of it (for example, the one practitioners use now): which walks now end with different referrals, order, risk level, warnings or interrupts, with an example of each; and the wording, questions and contacts that changed."
        </p>
        <label class="govuk-label govuk-label--s" for="st-older">"Open the other version (.yaml)"</label>
        <input class="pw-studio__file" id="st-older" type="file" accept=".yaml,.yml" data-testid="open-older" on:change=chosen />
        <div data-testid="diff">{result}</div>
    }
}
