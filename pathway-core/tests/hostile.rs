//! Hostile and malformed input is refused quickly, with a location, and never panics.

use pathway_core::{CaseStudy, MAX_BYTES, Pathway, Problem, read_answers};
use std::time::{Duration, Instant};

fn first_problem(source: &str) -> Problem {
    match Pathway::from_yaml(source) {
        Ok(_) => panic!("accepted hostile input"),
        Err(e) => e.diagnostics.into_iter().next().map(|d| d.problem).unwrap_or(Problem::Empty),
    }
}

/// A generous bound that only a hang or an explosion would break, so it never fails on a slow
/// machine for any other reason.
const QUICKLY: Duration = Duration::from_secs(20);

#[test]
fn oversized_input_is_refused_before_parsing() {
    let source = "# padding\n".repeat(MAX_BYTES / 10 + 1);
    assert!(matches!(first_problem(&source), Problem::TooLarge { .. }));
    // Nor is it read for what it extends.
    let variant = format!("extends: {{ id: durham, file: ../durham/pathway.yaml }}\n{source}");
    assert_eq!(pathway_core::extends(&variant), None);
    assert!(pathway_core::extends("extends: { id: durham, file: ../durham/pathway.yaml }").is_some());
}

/// Nine anchors, each a list of nine of the one before: 9^9 values if expanded.
fn alias_bomb() -> String {
    let mut source = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (name, prev) in
        ["b", "c", "d", "e", "f", "g", "h", "i"].iter().zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        source.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
    }
    source
}

/// A case study whose answers are `answers`, indented under its `answers:` key.
fn case_study_with_answers(answers: &str) -> String {
    let indented: String = answers.lines().map(|line| format!("  {line}\n")).collect();
    format!("title: x\nstory: y\nexpect: {{ referrals: [] }}\nanswers:\n{indented}")
}

fn durham() -> Pathway {
    Pathway::from_yaml(include_str!("../../pathways/durham/pathway.yaml")).expect("Durham loads")
}

/// Why `read` refused `source` (it must have).
fn refusal<T>(read: Result<T, pathway_core::CaseError>) -> String {
    read.map(|_| ()).expect_err("accepted hostile input").to_string()
}

#[test]
fn oversized_case_studies_and_answers_files_are_refused_before_parsing() {
    let source = case_study_with_answers(&"# padding\n".repeat(MAX_BYTES / 10 + 1));
    let started = Instant::now();
    assert!(refusal(CaseStudy::from_yaml(&source)).contains("the case study is too large"));
    assert!(refusal(read_answers(&durham(), &source)).contains("the answers file is too large"));
    assert!(started.elapsed() < QUICKLY);
}

#[test]
fn alias_bombs_in_case_studies_and_answers_files_are_refused() {
    let started = Instant::now();
    assert!(
        refusal(CaseStudy::from_yaml(&case_study_with_answers(&alias_bomb()))).contains("repetition limit")
    );
    assert!(refusal(read_answers(&durham(), &alias_bomb())).contains("repetition limit"));
    assert!(started.elapsed() < QUICKLY);
}

#[test]
fn deep_nesting_is_refused() {
    let started = Instant::now();
    assert!(matches!(first_problem(&"[".repeat(100_000)), Problem::TooDeep { .. } | Problem::Syntax { .. }));
    assert!(matches!(
        first_problem(&format!("a: {}{}", "{b: ".repeat(200), "}".repeat(200))),
        Problem::TooDeep { .. }
    ));
    assert!(started.elapsed() < QUICKLY);
}

#[test]
fn alias_bombs_are_refused_at_the_first_anchor() {
    let started = Instant::now();
    assert_eq!(first_problem(&alias_bomb()), Problem::AnchorOrAlias);
    assert!(started.elapsed() < QUICKLY);
    assert_eq!(first_problem("a: &a [*a]"), Problem::AnchorOrAlias);
}

#[test]
fn odd_documents_are_refused_not_panicked_on() {
    for source in [
        "",
        "---",
        "...",
        "null",
        "~",
        "42",
        "'text'",
        "[]",
        "{}",
        "- a\n- b",
        "? [a]\n: b",
        "\u{feff}",
        "a: b\n\tc: d",
        "{a: 1, a: 2}",
    ] {
        assert!(Pathway::from_yaml(source).is_err(), "accepted {source:?}");
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let source = std::fs::read_to_string("tests/fixtures/valid/minimal.yaml").unwrap_or_default();
    let with_bom = format!("\u{feff}{source}");
    assert!(Pathway::from_yaml(&with_bom).is_ok());
}

#[test]
fn very_long_lines_and_wide_lists_are_handled() {
    let source = format!("pathway: {{ id: x, title: \"{}\" }}", "t".repeat(500_000));
    assert!(Pathway::from_yaml(&source).is_err());
    let source = format!("steps: [{}]", "a, ".repeat(200_000));
    assert!(Pathway::from_yaml(&source).is_err());
}

#[test]
fn a_file_of_too_many_values_is_refused() {
    let source = format!("x: [{}]", "a,".repeat(1_100_000));
    assert!(source.len() < pathway_core::MAX_BYTES);
    assert!(matches!(first_problem(&source), Problem::TooManyValues { .. }));
}
