//! `check`, `run`, `graph` and `outcomes`: load, call the library, print.

use crate::{Failure, read};
use pathway_core::{DiagramFormat, Outcome, Pathway, read_answers};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Loads a pathway, printing its diagnostics to stderr on failure.
pub(crate) fn load(path: &Path) -> Result<Pathway, Failure> {
    let source = read(path)?;
    Pathway::from_yaml(&source).map_err(|e| {
        let mut text = String::new();
        for d in &e.diagnostics {
            text.push_str(&d.render(&path.display().to_string(), &source));
            text.push('\n');
        }
        Failure(format!("{} could not be loaded:\n\n{text}", path.display()))
    })
}

pub(crate) fn check(files: &[PathBuf], json: bool) -> Result<bool, Failure> {
    let mut ok = true;
    let mut reports = Vec::new();
    for path in files {
        let source = read(path)?;
        let name = path.display().to_string();
        let diagnostics = match Pathway::from_yaml(&source) {
            Ok(p) => p.warnings().to_vec(),
            Err(e) => {
                ok = false;
                e.diagnostics
            }
        };
        if json {
            reports.push(serde_json::json!({ "file": name, "diagnostics": diagnostics }));
            continue;
        }
        for d in &diagnostics {
            eprintln!("{}", d.render(&name, &source));
        }
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = diagnostics.len() - errors;
        println!("{name}: {errors} error(s), {warnings} warning(s)");
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&reports)?);
    }
    Ok(ok)
}

pub(crate) fn run(file: &Path, answers: &Path, json: bool) -> Result<bool, Failure> {
    let pathway = load(file)?;
    let given = read_answers(&pathway, &read(answers)?)
        .map_err(|e| Failure(format!("{}: {e}", answers.display())))?;
    let session = pathway_core::walk_answers(&pathway, &given)
        .map_err(|e| Failure(format!("{}: {e}", answers.display())))?;
    let outcome = session.outcome(&pathway)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&outcome)?);
    } else {
        print!("{}", outcome_text(&outcome));
    }
    Ok(true)
}

/// The outcome as a practitioner's summary.
pub(crate) fn outcome_text(o: &Outcome) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} (version {})", o.pathway.title, o.pathway.version);
    if !o.complete {
        let _ = writeln!(
            out,
            "The walk is not finished: next question `{}`.",
            o.next_step.as_ref().map(|s| s.as_str()).unwrap_or("")
        );
    }
    if !o.interrupts.is_empty() {
        for r in o.referrals.iter().filter(|r| r.interrupt) {
            let _ = writeln!(out, "\nACT NOW: {}", r.name);
        }
    }
    match &o.risk {
        Some(risk) => {
            let _ = writeln!(
                out,
                "\nRisk: {} (score {} of {}; {} of {} items not known or declined)",
                risk.label, risk.score, risk.max_score, risk.unanswered, risk.items
            );
            for c in &risk.criteria {
                let _ = writeln!(out, "  criterion met: {}", c.label);
                for f in &c.because {
                    let _ = writeln!(out, "    because: {f}");
                }
            }
        }
        None => out.push_str("\nRisk: not assessed\n"),
    }
    out.push_str("\nReferrals, most urgent first:\n");
    if o.referrals.is_empty() {
        out.push_str("  (none)\n");
    }
    for (i, r) in o.referrals.iter().enumerate() {
        let _ = writeln!(out, "  {}. {} [{}] — {}", i + 1, r.name, r.destination, r.urgency);
        for reason in &r.reasons {
            let _ = writeln!(out, "     why: {}", reason.text);
            for f in &reason.because {
                let _ = writeln!(out, "       because: {f}");
            }
        }
    }
    for (title, notes) in [("Advice to give", &o.advice), ("Warnings", &o.warnings)] {
        if !notes.is_empty() {
            let _ = writeln!(out, "\n{title}:");
            for n in notes {
                let _ = writeln!(out, "  - {}", n.text);
            }
        }
    }
    let steps: Vec<&str> = o.visited.iter().map(|s| s.as_str()).collect();
    let _ = writeln!(out, "\nSteps: {}", steps.join(" → "));
    out
}

pub(crate) fn graph(file: &Path, dot: bool) -> Result<bool, Failure> {
    let pathway = load(file)?;
    let format = if dot { DiagramFormat::Dot } else { DiagramFormat::Mermaid };
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
