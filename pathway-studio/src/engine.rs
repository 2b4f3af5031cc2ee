//! The studio's engine: every answer the studio shows (problems and their fixes, the diagram,
//! case study results and coverage, proofs and counterexamples, the mutation check, what
//! changed between versions, the compiled file) worked out here or in `pathway-core`, from the
//! text it is given. It runs in a Web Worker (`worker`), so the editor never waits for it,
//! and keeps nothing between requests: the text in the editor is the only state.

use crate::protocol::{
    CaseResult, CasesRun, Checked, Comparison, CoverageRow, Edit, Ending, FileKind, MutationRun, Node, Place,
    Problem, Property, Request, Response, Severity, Survivor, Titled, Verdict, Verified,
};
use pathway_core::{
    Diagnostic, DiagramFormat, Document, Files, LoadError, Location, Pathway, SourceFile, Written,
};

/// The names the studio's messages give the two files of a variant.
const MAIN: &str = "pathway.yaml";
const BASE: &str = "base.yaml";

const NOT_LOADED: &str = "the pathway does not load: fix the problems first";

/// The engine's answer to one request.
pub fn answer(request: Request) -> Response {
    let refused = |why: String| Response::Refused(why);
    match request {
        Request::Check { text, base } => Response::Checked(check(&text, &base)),
        Request::KindOf { text } => Response::Kind(kind_of(&text)),
        Request::Preview { text, base } => preview(&text, &base).map_or_else(refused, Response::Compiled),
        Request::Cases { text, base, files } => {
            cases(&text, &base, &files).map_or_else(refused, Response::Cases)
        }
        Request::Verify { text, base } => verify(&text, &base).map_or_else(refused, Response::Verified),
        Request::Mutants { text, files } => mutants(&text, &files).map_or_else(refused, Response::Mutants),
        Request::Build { text, base } => compile(&text, &base).map_or_else(refused, Response::Compiled),
        Request::Diff { older, text, base } => {
            diff(&older, &text, &base).map_or_else(refused, Response::Compared)
        }
    }
}

fn base_of(base: &str) -> Option<&str> {
    (!base.is_empty()).then_some(base)
}

fn load(text: &str, base: &str) -> Result<Pathway, LoadError> {
    load_written(text, base).map(|(pathway, _)| pathway)
}

/// The pathway, and where each of its things is written.
fn load_written(text: &str, base: &str) -> Result<(Pathway, Written), LoadError> {
    Pathway::from_yaml_written(text, base_of(base))
}

fn place(location: &Location) -> Place {
    Place {
        in_base: location.document == Document::Base,
        line: location.line,
        column: location.column,
        length: location.length,
    }
}

fn problems(diagnostics: &[Diagnostic], files: &Files) -> Vec<Problem> {
    diagnostics
        .iter()
        .map(|d| Problem {
            severity: if d.is_error() { Severity::Error } else { Severity::Warning },
            code: d.code.to_owned(),
            message: d.message.clone(),
            help: d.help.clone(),
            place: d.location.as_ref().map(place),
            fix: d.fix(files).map(|fix| Edit {
                label: capitalised(&fix.label),
                in_base: fix.document == Document::Base,
                line: fix.line,
                column: fix.column,
                length: fix.length,
                insert: fix.insert,
            }),
        })
        .collect()
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
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
/// names and its diagram.
pub fn check(text: &str, base: &str) -> Checked {
    let files = Files {
        main: SourceFile { name: MAIN, text },
        base: base_of(base).map(|text| SourceFile { name: BASE, text }),
    };
    match load_written(text, base) {
        Ok((pathway, written)) => {
            let mut diagnostics = pathway.publication_problems(text);
            diagnostics.extend_from_slice(pathway.warnings());
            let meta = pathway.meta();
            Checked {
                loaded: true,
                meta: Some(Titled {
                    id: meta.id.clone(),
                    title: meta.title.clone(),
                    version: meta.version.clone(),
                }),
                problems: problems(&diagnostics, &files),
                svg: Some(pathway_core::diagram(&pathway, DiagramFormat::Svg)),
                nodes: nodes(&pathway, &written),
            }
        }
        Err(e) => Checked { problems: problems(&e.diagnostics, &files), ..Checked::default() },
    }
}

/// What an opened file is, so files opened together find their places.
pub fn kind_of(text: &str) -> FileKind {
    if pathway_core::CaseStudy::from_yaml(text).is_ok() {
        return FileKind::CaseStudy;
    }
    match pathway_core::extends(text) {
        Some(e) => FileKind::Variant { base_id: e.id },
        None => FileKind::Pathway { id: Pathway::from_yaml(text).ok().map(|p| p.meta().id.clone()) },
    }
}

/// Case study files run forward and back as `pathway test` runs them, with coverage; a file
/// that cannot be walked is located in it.
pub fn cases(text: &str, base: &str, files: &[(String, String)]) -> Result<CasesRun, String> {
    let pathway = load(text, base).map_err(|_| NOT_LOADED.to_owned())?;
    let run = pathway.run_case_studies(files.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    let cases = run
        .cases
        .iter()
        .zip(files)
        .map(|(case, (name, source))| {
            let report = &case.report;
            let failures = match &report.error {
                Some(e) => vec![e.render(name, source, true)],
                None => report.failures.clone(),
            };
            CaseResult { name: name.clone(), title: report.title.clone(), passed: report.passed(), failures }
        })
        .collect();
    let coverage = run
        .coverage
        .into_iter()
        .map(|l| CoverageRow {
            what: l.what.to_owned(),
            covered: l.covered,
            total: l.total,
            missing: l.missing,
        })
        .collect();
    Ok(CasesRun { cases, coverage })
}

/// The declared properties and preconditions proven over every walk, as `pathway verify`
/// proves them; each refuted one with its counterexample as a case study file to add.
pub fn verify(text: &str, base: &str) -> Result<Verified, String> {
    let pathway = load(text, base).map_err(|_| NOT_LOADED.to_owned())?;
    let verification = pathway.verify(pathway_core::VERIFY_LIMIT);
    let properties = verification
        .checks
        .iter()
        .map(|c| {
            let (verdict, broken) = match &c.verdict {
                pathway_core::Verdict::Proven { .. } => (Verdict::Proven, Vec::new()),
                pathway_core::Verdict::NeverApplies => (Verdict::NeverApplies, Vec::new()),
                pathway_core::Verdict::Refuted { counterexample } => {
                    (Verdict::Refuted, counterexample.broken.clone())
                }
                pathway_core::Verdict::Undecided { reason } => (Verdict::Undecided, vec![reason.clone()]),
            };
            Property {
                id: c.id.clone(),
                title: c.title.clone(),
                verdict,
                broken,
                place: c.location.as_ref().map(place),
                case_study: c.case_study(&pathway),
            }
        })
        .collect();
    Ok(Verified { properties })
}

/// The mutation check (`pathway mutants`) with the case studies given: each surviving mistake
/// located, with what would catch it.
pub fn mutants(text: &str, files: &[(String, String)]) -> Result<MutationRun, String> {
    if pathway_core::extends(text).is_some() {
        return Err("the mutation check runs on whole pathways only: run it on the base".into());
    }
    let pathway = Pathway::from_yaml(text).map_err(|_| NOT_LOADED.to_owned())?;
    let mut cases = Vec::new();
    for (name, source) in files {
        let case = pathway_core::CaseStudy::from_yaml(source).map_err(|e| format!("{name}: {e}"))?;
        cases.push((name.clone(), case));
    }
    let result = pathway.mutants(&cases);
    let survived = result
        .mutants
        .iter()
        .filter_map(|m| match &m.fate {
            pathway_core::Fate::Survived { suggestion } => Some(Survivor {
                kind: m.mutation.kind.to_owned(),
                description: m.mutation.description.clone(),
                suggestion: suggestion.clone(),
                place: pathway_core::locate(text, &m.mutation.path).as_ref().map(place),
            }),
            _ => None,
        })
        .collect();
    Ok(MutationRun {
        total: result.mutants.len(),
        killed: result.killed,
        equivalent: result.equivalent,
        score: result.score(),
        survived,
    })
}

/// The compiled pathway the preview shows: what `build` writes, but for any pathway that loads,
/// so the author can try a change before its properties are proven or its change note written.
pub fn preview(text: &str, base: &str) -> Result<Vec<u8>, String> {
    let pathway = load(text, base).map_err(|_| "the pathway has errors".to_owned())?;
    pathway.to_compiled().map_err(|e| e.to_string())
}

/// The compiled pathway for the practitioner's site, as `pathway build` writes it: only for a
/// pathway with no errors (change note included) whose properties are all proven.
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
pub fn diff(older: &str, text: &str, base: &str) -> Result<Comparison, String> {
    let before = load(older, base).map_err(|e| {
        let first = e.errors().next().map(|d| d.to_string()).unwrap_or_default();
        format!("the other version does not load: {first}")
    })?;
    let after = load(text, base).map_err(|_| NOT_LOADED.to_owned())?;
    let diff = before.diff(&after, pathway_core::VERIFY_LIMIT);
    let behaviour = diff
        .behaviour
        .iter()
        .map(|b| Ending { change: b.change.clone(), classes: b.classes, example: b.example.to_text() })
        .collect();
    Ok(Comparison {
        before_version: diff.before.version,
        after_version: diff.after.version,
        exact: diff.exact,
        behaviour,
        wording: diff.wording,
    })
}
