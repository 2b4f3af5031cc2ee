//! The studio's engine, natively: what the page is given for the County Durham pathway, a
//! mistake typed into it, its case studies, its proofs and its compiled form; each asked as the
//! page asks it, by a message to the worker and back.

use pathway_studio::engine;
use pathway_studio::protocol::{
    CasesRun, Checked, Envelope, FileKind, Request, Response, Severity, Verdict, Verified,
};

const DURHAM: &str = include_str!("../../pathways/durham/pathway.yaml");
const DARLINGTON: &str = include_str!("../../pathways/darlington/pathway.yaml");

/// Durham with the FGM duty's referral changed from the police to First Contact: known FGM in
/// a girl, told to a regulated professional, must be reported to the police.
fn fgm_duty_broken() -> String {
    let duty = "    refer: [police_101]\n    reason: You are a regulated professional";
    assert!(DURHAM.contains(duty));
    DURHAM.replacen(duty, "    refer: [first_contact]\n    reason: You are a regulated professional", 1)
}

/// Asks the engine as the page does: the request numbered, encoded, decoded by the worker,
/// answered, and the answer encoded, decoded and matched to its number.
fn ask(request: Request) -> Response {
    let sent = Envelope { seq: 7, body: request }.encode();
    let received = Envelope::<Request>::decode(&sent).unwrap_or_else(|e| panic!("{e}"));
    let answered = Envelope { seq: received.seq, body: engine::answer(received.body) }.encode();
    let back = Envelope::<Response>::decode(&answered).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.seq, 7, "the answer carries its question's number");
    back.body
}

fn check(text: &str, base: &str) -> Checked {
    match ask(Request::Check { text: text.into(), base: base.into() }) {
        Response::Checked(checked) => checked,
        other => panic!("{other:?}"),
    }
}

fn cases(text: &str, files: Vec<(String, String)>) -> CasesRun {
    match ask(Request::Cases { text: text.into(), base: String::new(), files }) {
        Response::Cases(run) => run,
        other => panic!("{other:?}"),
    }
}

fn verify(text: &str) -> Verified {
    match ask(Request::Verify { text: text.into(), base: String::new() }) {
        Response::Verified(v) => v,
        other => panic!("{other:?}"),
    }
}

fn durham_cases() -> Vec<(String, String)> {
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
    files
}

#[test]
fn durham_checks_clean_with_its_diagram_and_every_node_placed_in_the_file() {
    let checked = check(DURHAM, "");
    assert!(checked.loaded);
    assert_eq!(checked.problems, [], "no problems");
    assert_eq!(checked.meta.as_ref().map(|m| m.id.as_str()), Some("durham"));
    assert!(checked.svg.as_deref().is_some_and(|s| s.contains(r#"id="step-role""#)));
    let role = checked.nodes.iter().find(|n| n.element == "step-role").unwrap_or_else(|| panic!("step-role"));
    let line = DURHAM.lines().nth(role.line - 1).unwrap_or_default();
    assert!(line.contains("id: role"), "step-role placed at {role:?}: {line}");
    let pathway = pathway_core::Pathway::from_yaml(DURHAM).unwrap_or_else(|e| panic!("{e}"));
    let all = pathway.steps().len() + pathway.routes().len() + pathway.destinations().len();
    assert_eq!(checked.nodes.len(), all, "every step, route and destination");
}

/// A variant's diagram goes to the YAML of what the variant writes: the steps, destinations
/// and routes it changes (the rest are its base's, in a file the studio does not edit).
#[test]
fn a_variants_diagram_places_what_the_variant_changes_in_its_file() {
    let checked = check(DARLINGTON, DURHAM);
    assert!(checked.loaded, "{:#?}", checked.problems);
    let mut placed: Vec<String> = checked
        .nodes
        .iter()
        .map(|node| {
            let id = node.element.split_once('-').map_or(node.element.as_str(), |(_, id)| id);
            let written = DARLINGTON.lines().nth(node.line.saturating_sub(1)).unwrap_or_default();
            assert_eq!(written, format!("  - id: {id}"), "{} placed at line {}", node.element, node.line);
            node.element.clone()
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
    let checked = check(&broken, "");
    assert!(!checked.loaded);
    let p = &checked.problems[0];
    assert_eq!((p.code.as_str(), p.severity), ("unknown-reference", Severity::Error));
    let place = p.place.unwrap_or_else(|| panic!("placed"));
    let line = broken.lines().nth(place.line - 1).unwrap_or_default();
    assert!(line.contains("next: immediate_dangr"), "{line}");
    let fix = p.fix.as_ref().unwrap_or_else(|| panic!("a fix"));
    assert_eq!(fix.insert, "immediate_danger");
    assert_eq!(fix.label, "Change `immediate_dangr` to `immediate_danger`");
    // Marked in the editor where it is, with its fix.
    let marks = pathway_studio::editor::marks(&checked.problems);
    assert_eq!((marks[0].line, marks[0].column, marks[0].severity), (place.line, place.column, "error"));
    assert_eq!(marks[0].fix, Some(fix));
}

#[test]
fn the_case_studies_pass_with_full_coverage_and_every_property_is_proven() {
    let run = cases(DURHAM, durham_cases());
    assert_eq!(run.cases.len(), durham_cases().len());
    assert!(run.cases.iter().all(|c| c.passed), "{run:#?}");
    assert!(run.coverage.iter().all(|l| l.missing.is_empty()), "{:#?}", run.coverage);
    assert!(verify(DURHAM).properties.iter().all(|p| p.verdict == Verdict::Proven));
}

#[test]
fn a_broken_property_is_refuted_with_its_counterexample_as_a_case_study_that_reads_back() {
    let broken = fgm_duty_broken();
    let verified = verify(&broken);
    let refuted: Vec<_> = verified.properties.iter().filter(|p| p.verdict == Verdict::Refuted).collect();
    assert!(!refuted.is_empty(), "{verified:#?}");
    for property in refuted {
        let case = property.case_study.clone().unwrap_or_default();
        let run = cases(&broken, vec![("counterexample.yaml".into(), case.clone())]);
        assert!(run.cases[0].passed, "{case}\n{run:#?}");
    }
}

#[test]
fn publish_writes_what_the_practitioners_app_reads_and_refuses_an_unproven_pathway() {
    let Response::Compiled(compiled) = ask(Request::Build { text: DURHAM.into(), base: String::new() })
    else {
        panic!("compiled")
    };
    let pathway = pathway_core::Pathway::from_compiled(&compiled).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pathway.meta().id, "durham");
    let refused = ask(Request::Build { text: fgm_duty_broken(), base: String::new() });
    assert_eq!(
        refused,
        Response::Refused("not published: not every property is proven; see Properties".into())
    );
}

#[test]
fn each_file_says_what_it_is() {
    let kind = |text: &str| ask(Request::KindOf { text: text.into() });
    assert_eq!(kind(DURHAM), Response::Kind(FileKind::Pathway { id: Some("durham".into()) }));
    assert_eq!(kind(DARLINGTON), Response::Kind(FileKind::Variant { base_id: "durham".into() }));
    let (_, case) = &durham_cases()[0];
    assert_eq!(kind(case), Response::Kind(FileKind::CaseStudy));
    assert_eq!(kind("not: [a pathway"), Response::Kind(FileKind::Pathway { id: None }));
}

#[test]
fn another_version_compared_names_the_walks_that_end_differently() {
    let request = Request::Diff { older: fgm_duty_broken(), text: DURHAM.into(), base: String::new() };
    let Response::Compared(c) = ask(request) else { panic!("compared") };
    assert!(c.exact);
    assert!(c.behaviour.iter().any(|b| b.change.contains("`police_101` is now referred to")), "{c:#?}");
    let broken = DURHAM.replace("next: immediate_danger", "next: nowhere");
    let Response::Refused(why) =
        ask(Request::Diff { older: broken, text: DURHAM.into(), base: String::new() })
    else {
        panic!("refused")
    };
    assert!(why.starts_with("the other version does not load: "), "{why}");
}

#[test]
fn a_message_that_is_not_the_studios_is_refused_in_words() {
    let why =
        Envelope::<Request>::decode("{\"seq\": 1, \"body\": {\"Launch\": {}}}").err().unwrap_or_default();
    assert!(why.starts_with("a message between the studio and its engine is unreadable"), "{why}");
}
