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
            @for (i, row) in rows.iter().enumerate() {
                div class={ "govuk-summary-list__row" @if !row.changeable { " govuk-summary-list__row--no-actions" } } {
                    dt class="govuk-summary-list__key" id={ "pw-question-" (i) } { (row.question) }
                    dd class="govuk-summary-list__value" { (row.answer) }
                    @if row.changeable {
                        dd class="govuk-summary-list__actions" {
                            // Named "Change" and the row's question, as GOV.UK's hidden text
                            // names it, but from the question on screen: a hidden copy of
                            // every question was two fifths of this long page's layout.
                            button type="button" class="pw-link-button govuk-link" data-action="change"
                                id={ "pw-change-" (i) } aria-labelledby={ "pw-change-" (i) " pw-question-" (i) }
                                data-step=(row.step) data-testid={ "change-" (row.step) } { "Change" }
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
