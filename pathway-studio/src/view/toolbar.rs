//! Opening files (several at once, a folder, or one of the site's pathways, or dropped here),
//! and saving: the file by download, and Publish, the compiled pathway.

use crate::desk::Desk;
use leptos::prelude::*;
use pathway_ui::files;
use web_sys::{FileList, HtmlInputElement, HtmlSelectElement};

/// The YAML files among those chosen or dropped, read, then opened.
fn open_list(desk: Desk, list: Option<FileList>) {
    let Some(list) = list else { return };
    leptos::task::spawn_local(async move {
        match files::read_all(&list, &[".yaml", ".yml"]).await {
            Ok(opened) => desk.open(opened),
            Err(why) => desk.say(why),
        }
    });
}

#[component]
pub fn Toolbar(desk: Desk) -> impl IntoView {
    leptos::task::spawn_local(desk.list_shipped());
    let chosen = move |event: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&event);
        open_list(desk, input.files());
    };
    let dropping = RwSignal::new(false);
    let shipped = NodeRef::<leptos::html::Select>::new();
    let options = move || {
        desk.shipped
            .get()
            .into_iter()
            .map(|p| view! { <option value=p.name selected=p.default>{p.title}</option> })
            .collect_view()
    };
    let loaded = move || desk.checked.with(|c| c.as_ref().is_some_and(|c| c.loaded));
    let opened = move || desk.checked.with(Option::is_some);
    view! {
        <div
            class="pw-studio__toolbar"
            class:pw-studio__toolbar--drop=move || dropping.get()
            data-testid="drop-zone"
            on:dragover=move |e: leptos::ev::DragEvent| {
                e.prevent_default();
                dropping.set(true);
            }
            on:dragleave=move |_| dropping.set(false)
            on:drop=move |e: leptos::ev::DragEvent| {
                e.prevent_default();
                dropping.set(false);
                open_list(desk, e.data_transfer().and_then(|t| t.files()));
            }
        >
            <div class="pw-studio__open">
                <label class="govuk-label govuk-label--s" for="st-files">
                    "Open a pathway and its case studies (or drop the files here)"
                </label>
                <input class="pw-studio__file" id="st-files" type="file" accept=".yaml,.yml" multiple data-testid="open-files" on:change=chosen />
            </div>
            <div class="pw-studio__open">
                <label class="govuk-label govuk-label--s" for="st-folder">"Or a pathway's folder (with its cases)"</label>
                <input class="pw-studio__file" id="st-folder" type="file" prop:webkitdirectory=true data-testid="open-folder" on:change=chosen />
            </div>
            <div class="pw-studio__open">
                <label class="govuk-label govuk-label--s" for="st-shipped">"Or start from one of this site's pathways"</label>
                <span class="pw-studio__inline">
                    <select class="pw-studio__select" id="st-shipped" data-testid="shipped" node_ref=shipped>{options}</select>
                    <button
                        type="button"
                        class="govuk-button govuk-button--secondary"
                        data-testid="open-shipped"
                        on:click=move |_| {
                            let name = shipped.get_untracked().map(|s: HtmlSelectElement| s.value());
                            desk.open_shipped(name.filter(|n| !n.is_empty()));
                        }
                    >
                        "Open"
                    </button>
                </span>
            </div>
            <div class="pw-studio__save">
                <button
                    type="button"
                    class="govuk-button govuk-button--secondary"
                    data-testid="download-yaml"
                    disabled=move || !opened()
                    on:click=move |_| desk.download_text()
                >
                    "Download the file"
                </button>
                <button type="button" class="govuk-button" data-testid="publish" disabled=move || !loaded() on:click=move |_| desk.publish()>
                    "Publish "
                    <span class="govuk-visually-hidden">": download the compiled pathway"</span>
                </button>
            </div>
        </div>
    }
}
