//! Every broken pathway under `fixtures/invalid` is refused, with every problem located and
//! explained; every file under `fixtures/warnings` loads, with its warnings. The rendered
//! diagnostics are snapshots: a change to any message shows up in review.

use pathway_core::{Pathway, Problem};
use std::path::Path;

fn name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

#[test]
fn broken_pathways_are_refused_with_located_diagnostics() {
    let mut count = 0;
    insta::glob!("fixtures/invalid/*.yaml", |path| {
        count += 1;
        let source = std::fs::read_to_string(path).unwrap_or_default();
        let file = format!("fixtures/invalid/{}", name(path));
        let error = match Pathway::from_yaml(&source) {
            Ok(_) => panic!("{file} loaded, but it should be refused"),
            Err(e) => e,
        };
        assert!(error.errors().count() > 0, "{file}: refused without an error");
        for d in error.errors() {
            let unlocatable = matches!(d.problem, Problem::Empty | Problem::TooLarge { .. });
            assert!(unlocatable || d.location.is_some(), "{file}: no line and column for: {}", d.message);
            assert!(!d.help.is_empty(), "{file}: no help for: {}", d.message);
        }
        let rendered: String = error.diagnostics.iter().map(|d| d.render(&file, &source) + "\n").collect();
        insta::assert_snapshot!(rendered);
    });
    assert!(count >= 40, "only {count} broken fixtures");
}

#[test]
fn suspicious_pathways_load_with_warnings() {
    insta::glob!("fixtures/warnings/*.yaml", |path| {
        let source = std::fs::read_to_string(path).unwrap_or_default();
        let file = format!("fixtures/warnings/{}", name(path));
        let pathway = match Pathway::from_yaml(&source) {
            Ok(p) => p,
            Err(e) => panic!("{file} was refused: {e:?}"),
        };
        assert!(!pathway.warnings().is_empty(), "{file}: no warning");
        let rendered: String = pathway.warnings().iter().map(|d| d.render(&file, &source) + "\n").collect();
        insta::assert_snapshot!(rendered);
    });
}

#[test]
fn valid_fixtures_load_without_warnings() {
    insta::glob!("fixtures/valid/*.yaml", |path| {
        let source = std::fs::read_to_string(path).unwrap_or_default();
        match Pathway::from_yaml(&source) {
            Ok(p) => assert!(p.warnings().is_empty(), "{}: {:?}", name(path), p.warnings()),
            Err(e) => panic!("{} was refused: {:#?}", name(path), e.diagnostics),
        }
    });
}

#[test]
fn json_diagnostics_name_the_kind_of_problem() {
    let source = std::fs::read_to_string("tests/fixtures/invalid/unknown_next_step.yaml").unwrap_or_default();
    let error = Pathway::from_yaml(&source).err().map(|e| e.diagnostics).unwrap_or_default();
    insta::assert_json_snapshot!(error);
}

/// Every kind of problem the loader knows has a fixture that shows it, so each message, its
/// location and its help are pinned by a snapshot. A kind nothing can produce should go.
#[test]
fn every_kind_of_problem_has_a_fixture() {
    let mut shown = std::collections::BTreeSet::new();
    for folder in ["tests/fixtures/invalid", "tests/fixtures/warnings"] {
        for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
            let source = std::fs::read_to_string(entry.path()).unwrap_or_default();
            let diagnostics = match Pathway::from_yaml(&source) {
                Ok(p) => p.warnings().to_vec(),
                Err(e) => e.diagnostics,
            };
            shown.extend(diagnostics.iter().map(|d| d.code));
        }
    }
    // Variants, each loaded over the base they extend.
    let base = std::fs::read_to_string("tests/fixtures/variants/base.yaml").unwrap_or_default();
    for folder in ["tests/fixtures/variants/invalid", "tests/fixtures/variants/warnings"] {
        for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
            let source = std::fs::read_to_string(entry.path()).unwrap_or_default();
            let diagnostics = match Pathway::from_yaml_with_base(&source, &base) {
                Ok(p) => p.warnings().to_vec(),
                Err(e) => e.diagnostics,
            };
            shown.extend(diagnostics.iter().map(|d| d.code));
        }
    }
    // Too large to keep as a fixture file: shown by `hostile.rs` instead. A variant loaded
    // without its base: shown by `variants.rs`.
    // A version without a change note: refused by `pathway check`, not by the loader, so shown
    // by `pathway-cli/tests/cli.rs`.
    shown.extend(["too-large", "too-many-values", "base-not-given", "no-change-note"]);
    let missing: Vec<&str> = Problem::CODES.iter().copied().filter(|c| !shown.contains(c)).collect();
    assert!(missing.is_empty(), "no fixture shows: {missing:?}");
}

/// A mistake in a case study is shown like a mistake in a pathway: `file:line:col`, the line,
/// a caret under the value, and the fix.
#[test]
fn broken_case_studies_are_reported_at_their_line_and_column() {
    let durham =
        Pathway::from_yaml(include_str!("../../pathways/durham/pathway.yaml")).expect("Durham loads");
    insta::glob!("fixtures/cases/*.yaml", |path| {
        let source = std::fs::read_to_string(path).unwrap_or_default();
        let file = format!("fixtures/cases/{}", name(path));
        let error = match pathway_core::CaseStudy::from_yaml(&source) {
            Err(e) => e,
            Ok(case) => case.run(&durham).0.error.unwrap_or_else(|| panic!("{file} ran cleanly")),
        };
        let rendered = error.render(&file, &source, true);
        assert!(rendered.contains(&format!("--> {file}:")), "{file}: no line and column:\n{rendered}");
        assert!(rendered.contains('^'), "{file}: no caret:\n{rendered}");
        insta::assert_snapshot!(rendered);
    });
}

/// Applies a fix to the text: `length` characters from the line and column replaced.
fn apply(source: &str, fix: &pathway_core::Fix) -> String {
    let mut out = String::new();
    for (n, line) in source.split_inclusive('\n').enumerate() {
        if n + 1 != fix.line {
            out.push_str(line);
            continue;
        }
        let before: String = line.chars().take(fix.column - 1).collect();
        let after: String = line.chars().skip(fix.column - 1 + fix.length).collect();
        out.push_str(&format!("{before}{}{after}", fix.insert));
    }
    out
}

/// Every fix the core offers on a broken fixture removes its problem and adds none: a fix is
/// applied with one click in the studio, so it must never make things worse.
#[test]
fn every_fix_offered_removes_its_problem_and_adds_none() {
    let mut offered = Vec::new();
    insta::glob!("fixtures/invalid/*.yaml", |path| {
        let source = std::fs::read_to_string(path).unwrap_or_default();
        let Err(error) = Pathway::from_yaml(&source) else { return };
        for d in &error.diagnostics {
            let Some(fix) = d.fix(&pathway_core::Files::single("p.yaml", &source)) else { continue };
            offered.push(format!("{}: {}", name(path), fix.label));
            let fixed = apply(&source, &fix);
            let after = match Pathway::from_yaml(&fixed) {
                Ok(_) => Vec::new(),
                Err(e) => e.diagnostics,
            };
            assert!(
                after.len() < error.diagnostics.len(),
                "{}: {} did not remove a problem",
                name(path),
                fix.label
            );
            assert!(
                after.iter().all(|a| error.diagnostics.iter().any(|b| a.message == b.message)),
                "{}: {} brought a new problem: {after:?}",
                name(path),
                fix.label
            );
        }
    });
    offered.sort();
    insta::assert_snapshot!(offered.join("\n"));
}
