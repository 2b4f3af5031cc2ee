//! Pages that are not questions: "act now" before the walk goes on, and a pathway that will not
//! load.

use super::outcome::destination_contacts;
use maud::{Markup, html};
use pathway_core::{DestinationId, Pathway};

pub const PROBLEM_TITLE: &str = "This pathway could not be loaded";

/// The heading of an interrupt: the first destination's summary ("Call 999 now").
pub fn interrupt_title<'p>(pathway: Option<&'p Pathway>, ids: &[DestinationId]) -> &'p str {
    ids.first().and_then(|id| pathway?.destination(id.as_str())?.summary.as_deref()).unwrap_or("Act now")
}

/// Shown at once when an answer calls for it, before the walk goes on.
pub fn interrupt(pathway: &Pathway, ids: &[DestinationId]) -> Markup {
    html! {
        div class="govuk-panel pw-interrupt" data-testid="interrupt" {
            h1 class="govuk-panel__title" tabindex="-1" { (interrupt_title(Some(pathway), ids)) }
        }
        @for destination in ids.iter().filter_map(|id| pathway.destination(id.as_str())) {
            h2 class="govuk-heading-m" { (destination.name) }
            (destination_contacts(destination))
        }
        button type="button" class="govuk-button" data-action="resume" data-testid="continue" {
            "Continue with the pathway"
        }
    }
}

/// Why the pathway will not load, for whoever looks after the site. The practitioner's app
/// reads only compiled pathways, so this is a file missing, damaged or built for another
/// version; an author's diagnostics come from `pathway check`.
pub fn problem(source: &str, report: &str) -> Markup {
    html! {
        h1 class="govuk-heading-l" tabindex="-1" { (PROBLEM_TITLE) }
        p class="govuk-body" { "If anyone is in danger now, call 999." }
        p class="govuk-body" { "Nothing has been shown from the pathway file " code { (source) } ": " (report) "." }
        p class="govuk-body" { "Tell whoever looks after this site." }
    }
}
