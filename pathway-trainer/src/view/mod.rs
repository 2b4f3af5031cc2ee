//! Trainer mode's page, as Leptos components, one file each: the list of case studies (and a
//! trainer's own file), the case being played (its controls, answers, what-if form and
//! outcomes), and the diagram beside it. They draw the [`Room`]'s signals and call its methods;
//! none of them decides anything.

mod answers;
mod case_list;
mod diagram_panel;
mod outcomes;
mod player;
mod question_form;

use crate::room::{Room, Stage};
use leptos::prelude::*;

/// The page's main content: a heading and what the stage shows, beside the diagram.
#[component]
pub fn TrainerMode(room: Room) -> impl IntoView {
    let heading = move || match room.stage.get() {
        Stage::Playing => {
            room.playing.with(|p| p.as_ref().map(|p| p.case().title.clone())).unwrap_or_default()
        }
        _ => "Case studies".to_owned(),
    };
    let body = move || match room.stage.get() {
        Stage::Loading => {
            view! { <p class="govuk-body" role="status">"Loading the pathway and its case studies…"</p> }
                .into_any()
        }
        Stage::Failed(why) => view! {
            <p class="govuk-body" role="alert">{format!("Trainer mode could not start: {why}")}</p>
        }
        .into_any(),
        Stage::Cases => view! { <case_list::CaseList room=room /> }.into_any(),
        Stage::Playing => view! { <player::Player room=room /> }.into_any(),
    };
    view! {
        <div class="pw-trainer__panel" id="tr-panel">
            <h1 class="govuk-heading-l" id="tr-heading" tabindex="-1">{heading}</h1>
            {move || room.problem.get().map(|why| view! {
                <p class="govuk-body" role="alert" data-testid="problem">{why}</p>
            })}
            {body}
        </div>
        <diagram_panel::DiagramPanel room=room />
    }
}
