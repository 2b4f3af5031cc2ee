//! `check`, `build`, `run`, `graph` and `outcomes`: load, call the library, print.

use crate::source::PathwayText;
use crate::{Failure, read};
use pathway_core::{CompiledError, DiagramFormat, Pathway, Verdict, read_answers};
use std::path::{Path, PathBuf};

/// Loads a pathway (with its base, for a variant), printing its diagnostics on failure.
pub(crate) fn load(path: &Path) -> Result<Pathway, Failure> {
    loaded(&PathwayText::read(path)?)
}

/// Loads a pathway already read, printing its diagnostics on failure.
pub(crate) fn loaded(text: &PathwayText) -> Result<Pathway, Failure> {
    text.load().map_err(|e| {
        let rendered: String = e.diagnostics.iter().map(|d| d.render_in(&text.files()) + "\n").collect();
        Failure(format!("{} could not be loaded:\n\n{rendered}", text.files().main.name))
    })
}

/// Loads a pathway to walk: compiled by `pathway build`, or YAML. Only walking accepts a
/// compiled pathway: it leaves out what the author's tools read (declared properties).
pub(crate) fn load_walkable(path: &Path) -> Result<Pathway, Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?;
    match Pathway::from_compiled(&bytes) {
        Ok(pathway) => Ok(pathway),
        Err(CompiledError::NotCompiled) => load(path),
        Err(e) => Err(Failure(format!("{}: {e}", path.display()))),
    }
}

/// Checks a pathway as `check` does and, only if it passes, writes its compiled form.
pub(crate) fn build(file: &Path, out: &Path, json: bool) -> Result<bool, Failure> {
    // The check's own summary goes to stderr here, so that stdout is only what was built.
    let passed = check_to(&[file.to_path_buf()], false, &mut std::io::stderr())?;
    if !passed {
        eprintln!("{}: not built, because it does not pass `pathway check`", file.display());
        return Ok(false);
    }
    let pathway = load(file)?;
    let compiled = pathway.to_compiled()?;
    std::fs::write(out, &compiled).map_err(|e| Failure(format!("cannot write {}: {e}", out.display())))?;
    if json {
        let built = serde_json::json!({
            "file": file.display().to_string(),
            "out": out.display().to_string(),
            "bytes": compiled.len(),
            "meta": pathway.meta(),
        });
        println!("{}", serde_json::to_string_pretty(&built)?);
    } else {
        println!("{}: built {} ({} bytes)", file.display(), out.display(), compiled.len());
    }
    Ok(true)
}

/// Validates each file, then verifies the properties of each that loads.
pub(crate) fn check(files: &[PathBuf], json: bool) -> Result<bool, Failure> {
    check_to(files, json, &mut std::io::stdout())
}

/// `check`, writing each file's summary line to `summary`.
fn check_to(files: &[PathBuf], json: bool, summary: &mut dyn std::io::Write) -> Result<bool, Failure> {
    let mut ok = true;
    let mut reports = Vec::new();
    for path in files {
        let text = PathwayText::read(path)?;
        let name = path.display().to_string();
        let (diagnostics, verification) = match text.load() {
            Ok(p) => {
                let publication = p.publication(text.files().main.text);
                ok &= publication.allowed();
                (publication.diagnostics, Some(publication.verification))
            }
            Err(e) => {
                ok = false;
                (e.diagnostics, None)
            }
        };
        if json {
            reports.push(
                serde_json::json!({ "file": name, "diagnostics": diagnostics, "verification": verification }),
            );
            continue;
        }
        for d in &diagnostics {
            eprintln!("{}", d.render_in(&text.files()));
        }
        if let Some(v) = verification.as_ref().filter(|v| !v.all_proven()) {
            eprint!("{}", v.to_text(&text.files()));
        }
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = diagnostics.len() - errors;
        let proven = match verification.as_ref().filter(|v| !v.checks.is_empty()) {
            Some(v) => format!(
                ", {} of {} properties proven",
                v.checks.iter().filter(|c| matches!(c.verdict, Verdict::Proven { .. })).count(),
                v.checks.len()
            ),
            None => String::new(),
        };
        writeln!(summary, "{name}: {errors} error(s), {warnings} warning(s){proven}")?;
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&reports)?);
    }
    Ok(ok)
}

pub(crate) fn run(file: &Path, answers: &Path, json: bool) -> Result<bool, Failure> {
    let pathway = load_walkable(file)?;
    let source = read(answers)?;
    let located =
        |e: pathway_core::CaseError| Failure(e.render(&answers.display().to_string(), &source, false));
    let given = read_answers(&pathway, &source).map_err(located)?;
    let session = pathway_core::walk_answers(&pathway, &given).map_err(located)?;
    let outcome = session.outcome(&pathway)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&outcome)?);
    } else {
        print!("{}", outcome.to_text());
    }
    Ok(true)
}

/// Compares two versions; exits 1 only if the comparison could not cover every walk.
pub(crate) fn diff(old: &Path, new: &Path, limit: usize, json: bool) -> Result<bool, Failure> {
    let diff = load(old)?.diff(&load(new)?, limit);
    if json {
        println!("{}", serde_json::to_string_pretty(&diff)?);
    } else {
        print!("{}", diff.to_text());
    }
    Ok(diff.exact)
}

pub(crate) fn graph(file: &Path, format: DiagramFormat) -> Result<bool, Failure> {
    let pathway = load(file)?;
    print!("{}", pathway_core::diagram(&pathway, format));
    Ok(true)
}

pub(crate) fn outcomes(file: &Path, limit: usize, json: bool) -> Result<bool, Failure> {
    let pathway = load(file)?;
    let analysis = pathway.analyse(limit);
    if json {
        println!("{}", serde_json::to_string_pretty(&analysis)?);
    } else {
        print!("{}", pathway_core::outcome_table(&pathway, &analysis));
    }
    Ok(!analysis.truncated)
}

pub(crate) fn verify(file: &Path, limit: usize, json: bool) -> Result<bool, Failure> {
    let text = PathwayText::read(file)?;
    let pathway = loaded(&text)?;
    let verification = pathway.verify(limit);
    if json {
        println!("{}", serde_json::to_string_pretty(&verification)?);
    } else {
        print!("{}", verification.to_text(&text.files()));
    }
    Ok(verification.all_proven())
}
