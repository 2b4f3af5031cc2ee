//! The views beside the editor, as WAI-ARIA tabs: the arrow keys, Home and End move between
//! them. Every panel stays on the page, hidden when not selected, so what it holds (the diagram
//! moved, the preview's walk) is kept.

use super::{cases_tab, changes_tab, diagram_tab, preview_tab, problems_tab, properties_tab};
use crate::desk::{Desk, Tab};
use leptos::prelude::*;

#[component]
pub fn Tabs(desk: Desk) -> impl IntoView {
    let select = move |tab: Tab, focus: bool| {
        desk.tab.set(tab);
        let element = document().get_element_by_id(&format!("tab-{}", tab.name()));
        if let Some(element) = element.filter(|_| focus) {
            let _ = wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&element).focus();
        }
    };
    let buttons = Tab::ALL
        .iter()
        .enumerate()
        .map(|(i, &tab)| {
            let selected = move || desk.tab.get() == tab;
            let count = (tab == Tab::Problems).then_some(move || {
                desk.checked
                    .with(|c| c.as_ref().map(|c| format!(" ({})", c.problems.len())).unwrap_or_default())
            });
            view! {
                <button
                    type="button"
                    role="tab"
                    id=format!("tab-{}", tab.name())
                    aria-controls=format!("panel-{}", tab.name())
                    aria-selected=move || selected().to_string()
                    tabindex=move || if selected() { "0" } else { "-1" }
                    data-testid=format!("tab-{}", tab.name())
                    on:click=move |_| select(tab, false)
                    on:keydown=move |e: leptos::ev::KeyboardEvent| {
                        let last = Tab::ALL.len() - 1;
                        let to = match e.key().as_str() {
                            "ArrowRight" => if i == last { 0 } else { i + 1 },
                            "ArrowLeft" => if i == 0 { last } else { i - 1 },
                            "Home" => 0,
                            "End" => last,
                            _ => return,
                        };
                        e.prevent_default();
                        select(Tab::ALL[to], true);
                    }
                >
                    {tab.label()}
                    {count}
                </button>
            }
        })
        .collect_view();
    let panel = move |tab: Tab, content: AnyView| {
        view! {
            <div
                class="pw-studio__panel"
                role="tabpanel"
                id=format!("panel-{}", tab.name())
                aria-labelledby=format!("tab-{}", tab.name())
                tabindex="0"
                hidden=move || desk.tab.get() != tab
                data-testid=format!("panel-{}", tab.name())
            >
                {content}
            </div>
        }
    };
    view! {
        <section class="pw-studio__side" aria-label="What the studio found">
            <div class="pw-studio__tabs" role="tablist" aria-label="Views of the pathway">{buttons}</div>
            {panel(Tab::Problems, view! { <problems_tab::ProblemsTab desk=desk /> }.into_any())}
            {panel(Tab::Diagram, view! { <diagram_tab::DiagramTab desk=desk /> }.into_any())}
            {panel(Tab::Preview, view! { <preview_tab::PreviewTab desk=desk /> }.into_any())}
            {panel(Tab::Cases, view! { <cases_tab::CasesTab desk=desk /> }.into_any())}
            {panel(Tab::Properties, view! { <properties_tab::PropertiesTab desk=desk /> }.into_any())}
            {panel(Tab::Changes, view! { <changes_tab::ChangesTab desk=desk /> }.into_any())}
        </section>
    }
}
