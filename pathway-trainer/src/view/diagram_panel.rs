//! The pathway drawn beside the case: zoom, the whole pathway, presenter view, and the diagram,
//! lit as the case plays and following the step being asked.

use crate::room::Room;
use leptos::prelude::*;
use pathway_ui::diagram::DiagramHolder;

#[component]
pub fn DiagramPanel(room: Room) -> impl IntoView {
    let diagram = room.diagram;
    // Lit again whenever what is played, the drawing or presenter view changes.
    Effect::new(move || room.light());
    view! {
        <div class="pw-trainer__diagram-panel" data-testid="diagram-panel" hidden=move || !room.diagram_shown.get()>
            <h2 class="govuk-heading-m">"The pathway"</h2>
            <div class="pw-trainer__zoom">
                <button type="button" class="govuk-button govuk-button--secondary" data-testid="zoom-in" on:click=move |_| diagram.zoom(1.0 / 1.25)>
                    "Zoom in"
                </button>
                <button type="button" class="govuk-button govuk-button--secondary" data-testid="zoom-out" on:click=move |_| diagram.zoom(1.25)>
                    "Zoom out"
                </button>
                <button type="button" class="govuk-button govuk-button--secondary" data-testid="zoom-fit" on:click=move |_| diagram.fit()>
                    "Whole pathway"
                </button>
                <button
                    type="button"
                    class="govuk-button govuk-button--secondary"
                    aria-pressed=move || room.presenter.get().to_string()
                    data-testid="presenter"
                    on:click=move |_| room.presenter.update(|on| *on = !*on)
                >
                    "Presenter view"
                </button>
            </div>
            <p class="govuk-body-s pw-trainer__help">
                "Drag to move, or focus the diagram and use the arrow keys; + and − zoom. The path taken is drawn thick and blue; in \"what if\", the changed path is dashed red, where it parts from the first; the step being asked is yellow. Two fingers pinch to zoom. In presenter view the diagram follows the step being asked, large enough to read across a room."
            </p>
            <DiagramHolder view=diagram id="tr-diagram" class="pw-trainer__diagram" />
        </div>
    }
}
