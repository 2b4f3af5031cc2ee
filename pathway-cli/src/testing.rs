//! `pathway test`: run case studies and report coverage.

use crate::report::{load, loaded};
use crate::source::PathwayText;
use crate::{Failure, read};
use pathway_core::CaseStudy;
use std::path::{Path, PathBuf};

/// A pathway and the case studies to run against it.
struct Suite {
    pathway: PathBuf,
    cases: Vec<PathBuf>,
    /// Whether these are all of the pathway's cases, so coverage must be complete.
    complete: bool,
}

fn cases_in(dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Failure(format!("cannot read {}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    cases.sort();
    Ok(cases)
}

fn suite(path: &Path) -> Result<Suite, Failure> {
    if path.is_dir() {
        let pathway = path.join("pathway.yaml");
        if !pathway.is_file() {
            return Err(Failure(format!("{} has no pathway.yaml", path.display())));
        }
        return Ok(Suite { cases: cases_in(&path.join("cases"))?, pathway, complete: true });
    }
    let parent = path.parent().unwrap_or(Path::new("."));
    if parent.file_name().is_some_and(|n| n == "cases") {
        let pathway = parent.parent().unwrap_or(Path::new(".")).join("pathway.yaml");
        return Ok(Suite { pathway, cases: vec![path.to_owned()], complete: false });
    }
    Ok(Suite { pathway: path.to_owned(), cases: cases_in(&parent.join("cases"))?, complete: true })
}

pub(crate) fn test(paths: &[PathBuf], json: bool) -> Result<bool, Failure> {
    let mut passed = 0;
    let mut failed = 0;
    let mut coverage_ok = true;
    let mut properties_ok = true;
    let mut reports = Vec::new();
    for path in paths {
        let mut suite = suite(path)?;
        let text = PathwayText::read(&suite.pathway)?;
        let pathway = loaded(&text)?;
        // A variant answers to its base's case studies as well as its own: whatever it changes,
        // the referrals the base's cases expect must still be made.
        if let Some(base) = text.base().filter(|_| suite.complete) {
            let base_dir = base.path.parent().unwrap_or(Path::new("."));
            suite.cases.extend(cases_in(&base_dir.join("cases"))?);
        }
        if suite.cases.is_empty() {
            return Err(Failure(format!("no case studies found for {}", suite.pathway.display())));
        }
        let mut files = Vec::new();
        for case_path in &suite.cases {
            files.push((case_path.display().to_string(), read(case_path)?));
        }
        let run = pathway.run_case_studies(files.iter().map(|(n, t)| (n.as_str(), t.as_str())));
        for (case, (name, source)) in run.cases.iter().zip(&files) {
            let report = &case.report;
            if report.passed() {
                passed += 1;
                if !json {
                    println!("ok   {name} — {}", report.title);
                }
            } else {
                failed += 1;
                if !json {
                    println!(
                        "FAIL {name}{}",
                        if report.title.is_empty() {
                            String::new()
                        } else {
                            format!(" — {}", report.title)
                        }
                    );
                    match &report.error {
                        Some(e) => println!("{}", e.render(name, source, true)),
                        None => report.failures.iter().for_each(|f| println!("    {f}")),
                    }
                }
            }
            // The answers and the outcome, so other front ends (the browser tests) can check
            // that they reach the same outcome from the same answers.
            reports.push(serde_json::json!({
                "case": name, "title": report.title, "passed": report.passed(), "failures": report.failures,
                "answers": case.answers, "outcome": report.outcome,
            }));
        }
        if suite.complete {
            let lines = run.coverage;
            if !json {
                println!("\ncoverage of {}:", suite.pathway.display());
            }
            for line in &lines {
                let percent =
                    if line.total == 0 { 100.0 } else { 100.0 * line.covered as f64 / line.total as f64 };
                if !json {
                    println!("  {:<14} {:>4}/{:<4} {percent:5.1}%", line.what, line.covered, line.total);
                    for m in line.missing.iter().take(20) {
                        println!("      not covered: {m}");
                    }
                    if line.missing.len() > 20 {
                        println!("      … and {} more", line.missing.len() - 20);
                    }
                }
                coverage_ok &= line.missing.is_empty();
            }
            reports.push(
                serde_json::json!({ "pathway": suite.pathway.display().to_string(), "coverage": lines }),
            );
            // Case studies sample the walks; the declared properties hold on all of them.
            let verification = pathway.verify(pathway_core::VERIFY_LIMIT);
            properties_ok &= verification.all_proven();
            if !json {
                let proven = verification
                    .checks
                    .iter()
                    .filter(|c| matches!(c.verdict, pathway_core::Verdict::Proven { .. }))
                    .count();
                println!(
                    "  {:<14} {proven:>4}/{:<4} proven over every walk",
                    "properties",
                    verification.checks.len()
                );
                if !verification.all_proven() {
                    print!("\n{}", verification.to_text(&text.files()));
                }
            }
            reports.push(serde_json::json!({ "pathway": suite.pathway.display().to_string(), "verification": verification }));
        }
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&reports)?);
    } else {
        if !coverage_ok {
            println!("\ncoverage is incomplete: add case studies that reach what is listed above");
        }
        println!("\n{passed} passed, {failed} failed");
    }
    Ok(failed == 0 && coverage_ok && properties_ok)
}

pub(crate) fn mutants(dir: &Path, min_score: f64, json: bool) -> Result<bool, Failure> {
    let file = dir.join("pathway.yaml");
    let source = read(&file)?;
    if let Some(extends) = pathway_core::extends(&source) {
        return Err(Failure(format!(
            "{} is a variant of `{}`: the mutation check runs on whole pathways only, so run it on the base (`check` and `test` still prove the variant's properties and run its cases)",
            file.display(),
            extends.id
        )));
    }
    let pathway = load(&file)?;
    let mut cases = Vec::new();
    for path in cases_in(&dir.join("cases"))? {
        let case =
            CaseStudy::from_yaml(&read(&path)?).map_err(|e| Failure(format!("{}: {e}", path.display())))?;
        cases.push((path.display().to_string(), case));
    }
    let result = mutants_on_every_core(&pathway, &cases)?;
    let score = result.score();
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "score": score, "result": result }))?
        );
        return Ok(score >= min_score);
    }
    let name = file.display().to_string();
    for m in &result.mutants {
        let pathway_core::Fate::Survived { suggestion } = &m.fate else { continue };
        let place = pathway_core::locate(&source, &m.mutation.path)
            .map(|l| format!("{name}:{}:{}", l.line, l.column))
            .unwrap_or_else(|| name.clone());
        println!(
            "SURVIVED {} — {}\n  --> {place}\n  = at: {}\n  = {suggestion}\n",
            m.mutation.kind, m.mutation.description, m.mutation.path
        );
    }
    println!(
        "{} mutants: {} caught, {} equivalent (change no outcome), {} survived; score {:.1}%",
        result.mutants.len(),
        result.killed,
        result.equivalent,
        result.survived,
        100.0 * score
    );
    Ok(score >= min_score)
}

/// `Pathway::mutants`, with the mutants shared out among a thread a core as each finishes one
/// (their costs differ a hundredfold: most are caught by the first case study, a few need an
/// exhaustive search), and their fates put back in the order they were made.
fn mutants_on_every_core(
    pathway: &pathway_core::Pathway,
    cases: &[(String, CaseStudy)],
) -> Result<pathway_core::MutationScore, Failure> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let mutations = pathway.mutations();
    let next = AtomicUsize::new(0);
    let threads = crate::cores();
    let mut fates: Vec<Option<pathway_core::Fate>> = vec![None; mutations.len()];
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((_, mutant)) = mutations.get(i) else { return done };
                        done.push((i, pathway.fate(mutant, cases)));
                    }
                })
            })
            .collect();
        for worker in workers {
            let done = worker.join().map_err(|_| Failure("a mutation-check thread failed".into()))?;
            for (i, fate) in done {
                if let Some(slot) = fates.get_mut(i) {
                    *slot = Some(fate);
                }
            }
        }
        Ok::<_, Failure>(())
    })?;
    let reports = mutations
        .into_iter()
        .zip(fates)
        .filter_map(|((mutation, _), fate)| Some(pathway_core::MutantReport { mutation, fate: fate? }))
        .collect();
    Ok(pathway_core::MutationScore::new(reports))
}
