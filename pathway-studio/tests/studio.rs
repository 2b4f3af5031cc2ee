//! The studio's engine, natively: what the page is given for the County Durham pathway, a
//! mistake typed into it, its case studies, its proofs and its compiled form.

use serde_json::Value;

const DURHAM: &str = include_str!("../../pathways/durham/pathway.yaml");

/// Durham with the FGM duty's referral changed from the police to First Contact: known FGM in
/// a girl, told to a regulated professional, must be reported to the police.
fn fgm_duty_broken() -> String {
    let duty = "    refer: [police_101]\n    reason: You are a regulated professional";
    assert!(DURHAM.contains(duty));
    DURHAM.replacen(duty, "    refer: [first_contact]\n    reason: You are a regulated professional", 1)
}

fn json(text: String) -> Value {
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn durham_cases() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../pathways/durham/cases");
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).unwrap_or_default(),
            )
        })
        .collect();
    files.sort();
    serde_json::to_string(&files).unwrap_or_default()
}

#[test]
fn durham_checks_clean_with_its_diagram_and_every_node_placed_in_the_file() {
    let checked = json(pathway_studio::check(DURHAM, ""));
    assert_eq!(checked["loaded"], true);
    assert_eq!(checked["diagnostics"].as_array().map(Vec::len), Some(0), "{:#}", checked["diagnostics"]);
    assert!(checked["svg"].as_str().is_some_and(|s| s.contains(r#"id="step-role""#)));
    let nodes = checked["nodes"].as_array().cloned().unwrap_or_default();
    let role = nodes.iter().find(|n| n["element"] == "step-role").cloned().unwrap_or_default();
    let line = DURHAM.lines().nth(role["line"].as_u64().unwrap_or(0) as usize - 1).unwrap_or_default();
    assert!(line.contains("id: role"), "step-role placed at {role}: {line}");
    assert_eq!(nodes.len(), 27 + 44 + 23, "every step, route and destination");
}

/// A variant's diagram goes to the YAML of what the variant writes: the steps, destinations
/// and routes it changes (the rest are its base's, in a file the studio does not edit).
#[test]
fn a_variants_diagram_places_what_the_variant_changes_in_its_file() {
    let darlington = include_str!("../../pathways/darlington/pathway.yaml");
    let checked = json(pathway_studio::check(darlington, DURHAM));
    assert_eq!(checked["loaded"], true, "{:#}", checked["diagnostics"]);
    let nodes = checked["nodes"].as_array().cloned().unwrap_or_default();
    let mut placed: Vec<String> = nodes
        .iter()
        .map(|node| {
            let element = node["element"].as_str().unwrap_or_default();
            let id = element.split_once('-').map_or(element, |(_, id)| id);
            let line = node["line"].as_u64().unwrap_or(0) as usize;
            let written = darlington.lines().nth(line.saturating_sub(1)).unwrap_or_default();
            assert_eq!(written, format!("  - id: {id}"), "{element} placed at line {line}");
            element.to_owned()
        })
        .collect();
    placed.sort();
    let changed = [
        "dest-early_help",
        "dest-first_contact",
        "dest-lado",
        "dest-marac",
        "dest-social_care_direct",
        "route-child_care_needs",
        "route-child_to_parent",
        "route-child_victim",
        "step-child_to_parent_info",
        "step-child_victim_info",
    ];
    assert_eq!(placed, changed);
}

#[test]
fn a_misspelt_next_is_located_with_a_fix_that_puts_it_right() {
    let broken = DURHAM.replacen("next: immediate_danger", "next: immediate_dangr", 1);
    assert_ne!(broken, DURHAM);
    let checked = json(pathway_studio::check(&broken, ""));
    assert_eq!(checked["loaded"], false);
    let d = &checked["diagnostics"][0];
    assert_eq!(d["code"], "unknown-reference");
    let line =
        broken.lines().nth(d["location"]["line"].as_u64().unwrap_or(0) as usize - 1).unwrap_or_default();
    assert!(line.contains("next: immediate_dangr"), "{line}");
    assert_eq!(d["fix"]["insert"], "immediate_danger");
    assert_eq!(d["fix"]["label"], "change `immediate_dangr` to `immediate_danger`");
}

#[test]
fn the_case_studies_pass_with_full_coverage_and_every_property_is_proven() {
    let run = json(pathway_studio::cases(DURHAM, "", &durham_cases()));
    let cases = run["cases"].as_array().cloned().unwrap_or_default();
    assert_eq!(cases.len(), 54);
    assert!(cases.iter().all(|c| c["passed"] == true), "{run:#}");
    let coverage = run["coverage"].as_array().cloned().unwrap_or_default();
    assert!(coverage.iter().all(|l| l["missing"].as_array().is_some_and(Vec::is_empty)), "{coverage:#?}");
    let verified = json(pathway_studio::verify(DURHAM, ""));
    assert_eq!(verified["all_proven"], true);
}

#[test]
fn a_broken_property_is_refuted_with_its_counterexample_as_a_case_study_that_reads_back() {
    let broken = fgm_duty_broken();
    let verified = json(pathway_studio::verify(&broken, ""));
    let refuted: Vec<&Value> =
        verified["checks"].as_array().into_iter().flatten().filter(|c| c["verdict"] == "refuted").collect();
    assert!(!refuted.is_empty(), "{verified:#}");
    for check in refuted {
        let case = check["case_study"].as_str().unwrap_or_default();
        let files = serde_json::to_string(&[("counterexample.yaml", case)]).unwrap_or_default();
        let run = json(pathway_studio::cases(&broken, "", &files));
        assert_eq!(run["cases"][0]["passed"], true, "{case}\n{run:#}");
    }
}

#[test]
fn publish_writes_what_the_practitioners_app_reads_and_refuses_an_unproven_pathway() {
    let compiled = pathway_studio::compile(DURHAM, "").unwrap_or_default();
    let pathway = pathway_core::Pathway::from_compiled(&compiled).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pathway.meta().id, "durham");
    assert!(pathway_studio::compile(&fgm_duty_broken(), "").is_err());
}
