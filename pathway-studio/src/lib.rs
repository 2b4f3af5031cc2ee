//! The author studio's engine: what `www/studio.js` asks of the core, as JSON. It runs in a
//! Web Worker, so the editor never waits for it. Every answer the studio shows (problems and
//! their fixes, the diagram, case study results and coverage, proofs and counterexamples, the
//! mutation check, what changed between versions, the compiled file) is worked out here or in
//! `pathway-core`; the page only draws it.
//!
//! Each call is given the pathway's text (and, for a variant, its base's; empty otherwise) and
//! keeps nothing between calls: the text in the editor is the only state.
#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pathway_core::{
    Diagnostic, DiagramFormat, Document, Files, LoadError, Pathway, SourceFile, VERIFY_LIMIT, Verdict,
    Written,
};
use serde::Serialize;
use serde_json::json;
use wasm_bindgen::prelude::*;

/// The names the studio shows for the two files of a variant.
const MAIN: &str = "pathway.yaml";
const BASE: &str = "base.yaml";

fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| json!({ "error": e.to_string() }).to_string())
}

fn files<'a>(text: &'a str, base: &'a str) -> Files<'a> {
    Files {
        main: SourceFile { name: MAIN, text },
        base: (!base.is_empty()).then_some(SourceFile { name: BASE, text: base }),
    }
}

fn load(text: &str, base: &str) -> Result<Pathway, LoadError> {
    load_written(text, base).map(|(pathway, _)| pathway)
}

/// The pathway, and where each of its things is written.
fn load_written(text: &str, base: &str) -> Result<(Pathway, Written), LoadError> {
    Pathway::from_yaml_written(text, (!base.is_empty()).then_some(base))
}

/// A problem as the editor marks it: where, what, how to fix it, and the one-click fix.
#[derive(Serialize)]
struct Mark<'a> {
    #[serde(flatten)]
    diagnostic: &'a Diagnostic,
    fix: Option<pathway_core::Fix>,
}

fn marks<'a>(diagnostics: &'a [Diagnostic], files: &Files) -> Vec<Mark<'a>> {
    diagnostics.iter().map(|diagnostic| Mark { diagnostic, fix: diagnostic.fix(files) }).collect()
}

/// A drawn step, route or destination, and the line of the pathway file it is written on.
#[derive(Serialize)]
struct Node {
    /// The diagram element's id: `step-role`, `route-danger_now`, `dest-police_999`.
    element: String,
    line: usize,
    column: usize,
}

/// Where each step, route and destination is written, for "click the diagram to go to the
/// YAML": those in the file being edited, which for a variant are those it adds or changes.
fn nodes(pathway: &Pathway, written: &Written) -> Vec<Node> {
    let steps =
        pathway.steps().iter().enumerate().map(|(i, s)| (format!("step-{}", s.id), format!("steps[{i}]")));
    let routes =
        pathway.routes().iter().enumerate().map(|(i, r)| (format!("route-{}", r.id), format!("routes[{i}]")));
    let destinations = pathway
        .destinations()
        .iter()
        .enumerate()
        .map(|(i, d)| (format!("dest-{}", d.id), format!("destinations[{i}]")));
    steps
        .chain(routes)
        .chain(destinations)
        .filter_map(|(element, path)| {
            let at = written.item(&path).filter(|at| at.document == Document::Main)?;
            Some(Node { element, line: at.line, column: at.column })
        })
        .collect()
}

/// The pathway checked as `pathway check` checks it, except the proofs (see [`verify`]): every
/// problem located, with its fix where the core knows one; and for a pathway that loads, its
/// metadata and its diagram.
#[wasm_bindgen]
pub fn check(text: &str, base: &str) -> String {
    let files = files(text, base);
    match load_written(text, base) {
        Ok((pathway, written)) => {
            let mut diagnostics = pathway.publication_problems(text);
            diagnostics.extend_from_slice(pathway.warnings());
            to_json(&json!({
                "loaded": true,
                "meta": pathway.meta(),
                "diagnostics": marks(&diagnostics, &files),
                "svg": pathway_core::diagram(&pathway, DiagramFormat::Svg),
                "nodes": nodes(&pathway, &written),
            }))
        }
        Err(e) => to_json(&json!({ "loaded": false, "diagnostics": marks(&e.diagnostics, &files) })),
    }
}

/// What an opened file is: `pathway`, `variant` (it `extends` a base, named by `base_id`) or
/// `case_study`; so files dropped on the studio together find their places.
#[wasm_bindgen]
pub fn kind_of(text: &str) -> String {
    if pathway_core::CaseStudy::from_yaml(text).is_ok() {
        return to_json(&json!({ "kind": "case_study" }));
    }
    match pathway_core::extends(text) {
        Some(e) => to_json(&json!({ "kind": "variant", "base_id": e.id })),
        None => to_json(
            &json!({ "kind": "pathway", "id": Pathway::from_yaml(text).ok().map(|p| p.meta().id.clone()) }),
        ),
    }
}

/// Case study files (JSON `[[name, text], …]`) run forward and back as `pathway test` runs
/// them, with coverage; a file that cannot be walked is located in it.
#[wasm_bindgen]
pub fn cases(text: &str, base: &str, files_json: &str) -> String {
    let Ok(pathway) = load(text, base) else {
        return to_json(&json!({ "error": "the pathway does not load: fix the problems first" }));
    };
    let files: Vec<(String, String)> = match serde_json::from_str(files_json) {
        Ok(f) => f,
        Err(e) => return to_json(&json!({ "error": e.to_string() })),
    };
    let run = pathway.run_case_studies(files.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    let cases: Vec<_> = run
        .cases
        .iter()
        .zip(&files)
        .map(|(case, (name, source))| {
            let report = &case.report;
            json!({
                "name": name,
                "title": report.title,
                "passed": report.passed(),
                "failures": report.failures,
                "error": report.error.as_ref().map(|e| e.render(name, source, true)),
            })
        })
        .collect();
    to_json(&json!({ "cases": cases, "coverage": run.coverage }))
}

/// The declared properties and preconditions proven over every walk, as `pathway verify`
/// proves them; each refuted one with its counterexample as a case study file to add.
#[wasm_bindgen]
pub fn verify(text: &str, base: &str) -> String {
    let Ok(pathway) = load(text, base) else {
        return to_json(&json!({ "error": "the pathway does not load: fix the problems first" }));
    };
    let verification = pathway.verify(VERIFY_LIMIT);
    let checks: Vec<_> = verification
        .checks
        .iter()
        .map(|c| {
            let verdict = match &c.verdict {
                Verdict::Proven { .. } => "proven",
                Verdict::NeverApplies => "never_applies",
                Verdict::Refuted { .. } => "refuted",
                Verdict::Undecided { .. } => "undecided",
            };
            let broken = match &c.verdict {
                Verdict::Refuted { counterexample } => counterexample.broken.clone(),
                Verdict::Undecided { reason } => vec![reason.clone()],
                _ => Vec::new(),
            };
            json!({
                "id": c.id, "title": c.title, "verdict": verdict, "broken": broken,
                "location": c.location, "case_study": c.case_study(&pathway),
            })
        })
        .collect();
    to_json(&json!({ "all_proven": verification.all_proven(), "checks": checks }))
}

/// The mutation check (`pathway mutants`) with the case studies given (as for [`cases`]):
/// each surviving mistake located, with what would catch it.
#[wasm_bindgen]
pub fn mutants(text: &str, files_json: &str) -> String {
    if pathway_core::extends(text).is_some() {
        return to_json(
            &json!({ "error": "the mutation check runs on whole pathways only: run it on the base" }),
        );
    }
    let Ok(pathway) = Pathway::from_yaml(text) else {
        return to_json(&json!({ "error": "the pathway does not load: fix the problems first" }));
    };
    let files: Vec<(String, String)> = serde_json::from_str(files_json).unwrap_or_default();
    let mut cases = Vec::new();
    for (name, source) in &files {
        match pathway_core::CaseStudy::from_yaml(source) {
            Ok(case) => cases.push((name.clone(), case)),
            Err(e) => return to_json(&json!({ "error": format!("{name}: {e}") })),
        }
    }
    let result = pathway.mutants(&cases);
    let survived: Vec<_> = result
        .mutants
        .iter()
        .filter_map(|m| match &m.fate {
            pathway_core::Fate::Survived { suggestion } => Some(json!({
                "kind": m.mutation.kind, "description": m.mutation.description, "suggestion": suggestion,
                "location": pathway_core::locate(text, &m.mutation.path),
            })),
            _ => None,
        })
        .collect();
    to_json(&json!({
        "score": result.score(), "total": result.mutants.len(), "killed": result.killed,
        "equivalent": result.equivalent, "survived": survived,
    }))
}

/// The compiled pathway the preview shows: what `build` writes, but for any pathway that loads,
/// so the author can try a change before its properties are proven or its change note written.
#[wasm_bindgen]
pub fn preview(text: &str, base: &str) -> Result<Vec<u8>, JsError> {
    let pathway = load(text, base).map_err(|_| JsError::new("the pathway has errors"))?;
    pathway.to_compiled().map_err(|e| JsError::new(&e.to_string()))
}

/// The compiled pathway for the practitioner's site, as `pathway build` writes it; or, as the
/// error, why it is not published.
#[wasm_bindgen]
pub fn build(text: &str, base: &str) -> Result<Vec<u8>, JsError> {
    compile(text, base).map_err(|why| JsError::new(&why))
}

/// What [`build`] does, natively testable: the compiled form only for a pathway with no errors
/// (change note included) whose properties are all proven.
pub fn compile(text: &str, base: &str) -> Result<Vec<u8>, String> {
    let refuse = |why: &str| format!("not published: {why}");
    let pathway = load(text, base).map_err(|_| refuse("the pathway has errors; fix them first"))?;
    let publication = pathway.publication(text);
    if !publication.allowed() {
        return Err(refuse(if publication.has_errors() {
            "the problems listed must be fixed first"
        } else {
            "not every property is proven; see Properties"
        }));
    }
    pathway.to_compiled().map_err(|e| refuse(&e.to_string()))
}

/// Another version of the pathway (`older`) compared with the one being written, as `pathway
/// diff` compares them: each way walks now end differently, with its example as text.
#[wasm_bindgen]
pub fn diff(older: &str, text: &str, base: &str) -> String {
    let before = match load(older, base) {
        Ok(p) => p,
        Err(e) => {
            let first = e.errors().next().map(|d| d.to_string()).unwrap_or_default();
            return to_json(&json!({ "error": format!("the other version does not load: {first}") }));
        }
    };
    let Ok(after) = load(text, base) else {
        return to_json(&json!({ "error": "the pathway does not load: fix the problems first" }));
    };
    let diff = before.diff(&after, VERIFY_LIMIT);
    let behaviour: Vec<_> = diff
        .behaviour
        .iter()
        .map(|b| json!({ "change": b.change, "classes": b.classes, "example": b.example, "example_text": b.example.to_text() }))
        .collect();
    to_json(&json!({
        "before": diff.before, "after": diff.after, "exact": diff.exact,
        "behaviour": behaviour, "wording": diff.wording,
    }))
}
