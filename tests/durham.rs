//! The County Durham pathway: it loads cleanly, every case study passes forward and back,
//! together they cover everything, and the reviewable artefacts beside it are up to date.

use pathway_core::{CaseStudy, Coverage, DiagramFormat, Pathway, diagram, outcome_table};
use pathway_tests::{files, read, root};

fn durham() -> Pathway {
    Pathway::from_yaml(&read("pathways/durham/pathway.yaml"))
        .unwrap_or_else(|e| panic!("{:#?}", e.diagnostics))
}

#[test]
fn the_pathway_loads_with_no_errors_and_no_warnings() {
    let p = durham();
    assert!(p.warnings().is_empty(), "{:#?}", p.warnings());
}

#[test]
fn every_case_study_passes_and_together_they_cover_everything() {
    let p = durham();
    let cases = files("pathways/durham/cases", &[".yaml"]);
    assert!(cases.len() >= 30, "only {} case studies", cases.len());
    let mut coverage = Coverage::default();
    let mut failures = Vec::new();
    let mut pinned = std::collections::BTreeSet::new();
    for path in &cases {
        let source = std::fs::read_to_string(path).unwrap_or_default();
        let case = CaseStudy::from_yaml(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            case.story.split_whitespace().count() >= 20,
            "{}: the story is too short to teach with",
            path.display()
        );
        assert!(
            case.expect.urgency.is_some(),
            "{}: say how urgently each referral is made (`urgency:`)",
            path.display()
        );
        for d in case.expect.contacts.iter().flat_map(|c| c.keys()) {
            pinned.insert(d.clone());
        }
        let (report, session) = case.run(&p);
        if let (Some(session), Some(outcome)) = (&session, &report.outcome) {
            coverage.record(session, outcome);
        }
        if !report.passed() {
            failures.push(format!("{}:\n  {}", path.display(), report.failures.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // A wrong number is as dangerous as a wrong referral: every destination's contacts are
    // written a second time, in some case study, and checked there (HAZ-08).
    for d in p.destinations() {
        assert!(pinned.contains(d.id.as_str()), "no case study checks the contacts of `{}`", d.id);
    }
    for line in coverage.report(&p) {
        assert!(line.missing.is_empty(), "{} not covered: {:?}", line.what, line.missing);
    }
}

#[test]
fn the_outcome_table_is_reviewed_with_every_change() {
    let p = durham();
    let analysis = p.analyse(5_000_000);
    assert!(!analysis.truncated, "the analysis hit its limit");
    assert!(analysis.exact, "some class of answers was not explored");
    assert!(analysis.unreached_destinations(&p).is_empty());
    insta::assert_snapshot!("durham_outcome_table", outcome_table(&p, &analysis));
}

#[test]
fn the_checked_in_diagram_is_up_to_date() {
    let expected = diagram(&durham(), DiagramFormat::Mermaid);
    let actual = read("pathways/durham/diagram.mmd");
    assert!(
        actual == expected,
        "pathways/durham/diagram.mmd is stale: run `cargo run -p pathway-cli -- graph pathways/durham/pathway.yaml > pathways/durham/diagram.mmd`"
    );
}

#[test]
fn every_question_and_destination_names_its_source() {
    let p = durham();
    for step in p.steps() {
        assert!(!step.sources.is_empty(), "step `{}` cites no source", step.id);
    }
    for d in p.destinations() {
        assert!(!d.sources.is_empty(), "destination `{}` cites no source", d.id);
        assert!(d.last_checked.is_some(), "destination `{}` has no last_checked date", d.id);
    }
    for r in p.routes() {
        assert!(!r.sources.is_empty(), "route `{}` cites no source", r.id);
    }
    let dash = p.sources().iter().find(|s| s.id.as_str() == "safelives_dash");
    assert!(
        dash.is_some_and(|s| s.url.contains("safelives.org.uk")),
        "the official checklist must be linked"
    );
}

/// Contacts go stale: every destination must have been checked within a year of the
/// pathway's own review date (HAZ-08). The pathway's date, not today's, keeps the test hermetic.
#[test]
fn contacts_were_checked_within_a_year_of_the_review() {
    let p = durham();
    let days = |date: &str| -> i64 {
        let mut parts = date.split('-').map(|x| x.parse::<i64>().unwrap_or(0));
        let (y, m, d) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0), parts.next().unwrap_or(0));
        y * 365 + m * 31 + d
    };
    let reviewed = days(&p.meta().last_reviewed);
    for d in p.destinations() {
        let checked = days(d.last_checked.as_deref().unwrap_or("0000-00-00"));
        assert!(
            checked <= reviewed && reviewed - checked <= 366,
            "{}: contacts last checked {:?}",
            d.id,
            d.last_checked
        );
    }
}

#[test]
fn the_disclaimer_says_it_is_a_demonstration() {
    let p = durham();
    assert!(p.meta().disclaimer.contains("Demonstration only"));
    assert!(p.meta().disclaimer.contains("not a validated risk instrument"));
}

/// Every hazard in the hazard log names at least one test or case study as evidence that its
/// control works, and every one it names exists.
#[test]
fn every_hazard_names_evidence_that_exists() {
    let log = read("docs/safety/hazard-log.md");
    let mut hazards = 0;
    for section in log.split("\n### ").skip(1) {
        let id = section.split_whitespace().next().unwrap_or_default().to_owned();
        assert!(id.starts_with("HAZ-"), "a hazard heading must start with its id: {id}");
        hazards += 1;
        let evidence: Vec<&str> = section
            .lines()
            .filter(|l| l.trim_start().starts_with("- evidence:"))
            .flat_map(|l| l.split('`').skip(1).step_by(2))
            .collect();
        assert!(!evidence.is_empty(), "{id} names no test or case study");
        for e in evidence {
            let exists = if e.ends_with(".yaml") {
                root().join(e).is_file()
            } else {
                let (file, test) = e.split_once("::").unwrap_or((e, ""));
                let text = read(file);
                let declared =
                    if file.ends_with(".mjs") { format!("test(\"{test}\"") } else { format!("fn {test}(") };
                !test.is_empty() && text.contains(&declared)
            };
            assert!(exists, "{id}: evidence `{e}` does not exist");
        }
    }
    assert!(hazards >= 10, "only {hazards} hazards");
}

/// The pathway's declared properties, and its destinations' preconditions, hold on every
/// walk; among them, one for each of the County Durham corrections (docs/safety/hazard-log.md).
#[test]
fn every_declared_property_is_proven() {
    let p = durham();
    let verification = p.verify(pathway_core::VERIFY_LIMIT);
    assert!(
        verification.all_proven(),
        "{}",
        verification.to_text(&pathway_core::Files::single("pathways/durham/pathway.yaml", ""))
    );
    assert!(p.properties().len() >= 20, "only {} properties", p.properties().len());
    let corrections = [
        "child_to_parent_under_16_is_child_safeguarding",
        "under_18_with_care_needs_goes_to_children",
        "honour_or_forced_marriage_prompts_judgement",
        "fgm_duty_only_for_duty_holders",
        "checklist_stalking_gets_stalking_help",
        "checklist_sexual_abuse_gets_sexual_violence_help",
        "checklist_pregnancy_counts_as_pregnancy",
        "adult_fgm_with_children_tells_children_services",
        "not_personally_connected_is_not_domestic_abuse",
        "unknown_marac_history_is_checked",
        "no_abuse_is_not_referred_as_abuse",
        "may_lack_capacity_goes_to_adult_safeguarding",
        "forced_marriage_always_reaches_the_unit",
        "serial_perpetrator_to_matac",
        "child_to_parent_16_17_is_abuse_and_safeguarding",
        "perpetrator_asking_for_help_gets_respect",
        "danger_means_999_first",
        "high_risk_means_marac_and_idva",
        "children_and_risk_not_standard_go_to_first_contact",
        "known_fgm_under_18_regulated_reports",
        "only_the_same_person_makes_a_repeat",
        "a_referral_about_someone_else_prompts_judgement",
        "honour_based_abuse_with_children_is_child_protection",
        "honour_based_children_are_told_not_to_approach_the_family",
        "adult_at_risk_in_household_goes_to_adult_safeguarding",
        "children_outside_the_household_go_to_first_contact",
    ];
    for id in corrections {
        assert!(p.properties().iter().any(|x| x.id.as_str() == id), "no property `{id}`");
    }
}
