//! A pathway that will not load: which file, and why, for whoever looks after the site. The
//! practitioner's app reads only compiled pathways, so this is a file missing, damaged or built
//! for another version; an author's diagnostics come from `pathway check`.

use super::parts::heading;
use crate::app::PROBLEM_TITLE;
use leptos::prelude::*;

#[component]
pub fn Problem(source: String, report: String) -> impl IntoView {
    view! {
        {heading(PROBLEM_TITLE.to_owned())}
        <p class="govuk-body">"If anyone is in danger now, call 999."</p>
        <p class="govuk-body">
            "Nothing has been shown from the pathway file " <code>{source}</code> ": " {report} "."
        </p>
        <p class="govuk-body">"Tell whoever looks after this site."</p>
    }
}
