//! "Check your answers": every answer with a way to change it, before the outcome.

use super::back_link;
use maud::{Markup, html};
use pathway_core::{Pathway, Session};

pub const TITLE: &str = "Check your answers";

pub fn page(pathway: &Pathway, session: &Session) -> Markup {
    let rows = session.summary(pathway).unwrap_or_default();
    html! {
        (back_link(None))
        h1 class="govuk-heading-l" tabindex="-1" { (TITLE) }
        dl class="govuk-summary-list" data-testid="summary" {
            @for row in &rows {
                div class={ "govuk-summary-list__row" @if !row.changeable { " govuk-summary-list__row--no-actions" } } {
                    dt class="govuk-summary-list__key" { (row.question) }
                    dd class="govuk-summary-list__value" { (row.answer) }
                    @if row.changeable {
                        dd class="govuk-summary-list__actions" {
                            button type="button" class="pw-link-button govuk-link" data-action="change"
                                data-step=(row.step) data-testid={ "change-" (row.step) } {
                                "Change" span class="govuk-visually-hidden" { " " (row.question) }
                            }
                        }
                    }
                }
            }
        }
        button type="button" class="govuk-button" data-action="see-referrals" data-testid="see-referrals" {
            "See where to refer"
        }
    }
}
