//! The `pathway` command as an author or CI would use it: exit codes and output.

use std::process::{Command, Output};

fn pathway(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pathway"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .unwrap_or_else(|e| panic!("cannot run pathway: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const DURHAM: &str = "pathways/durham/pathway.yaml";
const ANSWERS: &str = "pathway-cli/tests/fixtures/high-risk-answers.yaml";

#[test]
fn check_passes_a_good_pathway() {
    let out = pathway(&["check", DURHAM]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "pathways/durham/pathway.yaml: 0 error(s), 0 warning(s), 61 of 61 properties proven\n"
    );
}

#[test]
fn check_fails_a_broken_pathway_and_says_where_and_how_to_fix_it() {
    let out = pathway(&["check", "pathway-core/tests/fixtures/invalid/many_problems.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(text(&out.stderr));
}

#[test]
fn check_can_answer_in_json() {
    let out =
        pathway(&["check", "--format", "json", "pathway-core/tests/fixtures/invalid/unknown_next_step.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json[0]["diagnostics"][0]["code"], "unknown-reference");
    assert_eq!(json[0]["diagnostics"][0]["location"]["line"], 36);
}

#[test]
fn run_prints_the_outcome_as_text_and_as_json() {
    let out = pathway(&["run", DURHAM, "--answers", ANSWERS]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    insta::assert_snapshot!(text(&out.stdout));
    let out = pathway(&["run", DURHAM, "--answers", ANSWERS, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    insta::assert_json_snapshot!(json);
}

#[test]
fn run_refuses_answers_that_do_not_fit() {
    let dir = std::env::temp_dir().join(format!("pathway-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok();
    let bad = dir.join("bad.yaml");
    std::fs::write(&bad, "role: astronaut\n").ok();
    let out = pathway(&["run", DURHAM, "--answers", &bad.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no option `astronaut`"), "{}", text(&out.stderr));
    std::fs::write(&bad, "role: gp\n").ok();
    let out = pathway(&["run", DURHAM, "--answers", &bad.to_string_lossy()]);
    assert!(text(&out.stderr).contains("no answer is given for it"), "{}", text(&out.stderr));
    std::fs::write(&bad, [0xff, 0xfe, 0x00]).ok();
    let out = pathway(&["check", &bad.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not UTF-8"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn test_runs_every_case_study_and_reports_coverage() {
    let out = pathway(&["test", "pathways/durham"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("answers         192/192  100.0%"), "{stdout}");
    assert!(stdout.trim_end().ends_with("54 passed, 0 failed"), "{stdout}");
}

#[test]
fn graph_draws_mermaid_and_dot() {
    let mermaid = text(&pathway(&["graph", DURHAM]).stdout);
    assert!(mermaid.contains("flowchart TD") && mermaid.contains("{{\"Police — emergency (999)\"}}"));
    let dot = text(&pathway(&["graph", DURHAM, "--format", "dot"]).stdout);
    assert!(dot.starts_with("//") && dot.contains("digraph pathway {") && dot.contains("shape=hexagon"));
}

#[test]
fn help_lists_every_command() {
    let help = text(&pathway(&["--help"]).stdout);
    for command in ["check", "build", "run", "test", "verify", "mutants", "graph", "outcomes"] {
        assert!(help.contains(command), "{help}");
    }
}

#[test]
fn a_missing_file_is_an_error_not_a_crash() {
    let out = pathway(&["check", "no/such/file.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("error: cannot read no/such/file.yaml"));
}

#[test]
fn verify_proves_durham_and_exits_0() {
    let out = pathway(&["verify", DURHAM]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let stdout = text(&out.stdout);
    let proven = stdout.lines().filter(|l| l.starts_with("proven ")).count();
    assert!(proven >= 20, "only {proven} properties proven:\n{stdout}");
    assert!(stdout.trim_end().ends_with("0 refuted, 0 not proven"), "{stdout}");
}

/// Every counterexample `verify` prints, pasted as it is into an answers file, walks to the
/// outcome it reports, and that outcome breaks the property as it says.
#[test]
fn every_counterexample_replays_with_run_and_shows_the_violation() {
    const SMALL: &str = "pathway-core/tests/fixtures/verify/small.yaml";
    let out = pathway(&["verify", SMALL]);
    assert_eq!(out.status.code(), Some(1), "refuted properties fail verify");
    let report = text(&out.stdout);
    let dir = std::env::temp_dir().join(format!("pathway-verify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok();
    let mut replayed = 0;
    for block in report.split("REFUTED").skip(1) {
        let field = |prefix: &str| block.lines().find_map(|l| l.strip_prefix(prefix)).map(str::to_owned);
        let referrals = field("  = that walk refers to: [").unwrap_or_default();
        let (referrals, risk) = referrals.split_once("]; risk: ").unwrap_or_default();
        let answers =
            block.split("answers:\n").nth(1).unwrap_or_default().split("\n\n").next().unwrap_or_default();
        let file = dir.join(format!("counterexample-{replayed}.yaml"));
        std::fs::write(&file, answers).ok();
        let run = pathway(&["run", SMALL, "--answers", &file.to_string_lossy(), "--format", "json"]);
        assert_eq!(run.status.code(), Some(0), "{}\n{answers}", text(&run.stderr));
        let outcome: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap_or_default();
        let walked: Vec<&str> = outcome["referrals"]
            .as_array()
            .map(|a| a.iter().filter_map(|r| r["destination"].as_str()).collect())
            .unwrap_or_default();
        let expected: Vec<&str> = referrals.split(", ").filter(|s| !s.is_empty()).collect();
        assert_eq!(walked, expected, "{block}");
        assert_eq!(outcome["risk"]["level"].as_str().unwrap_or("none"), risk, "{block}");
        for broken in block.lines().filter_map(|l| l.strip_prefix("  = broken: `")) {
            let (destination, claim) = broken.split_once('`').unwrap_or_default();
            let present = walked.contains(&destination);
            match claim.trim() {
                "is not referred to" => assert!(!present, "{block}"),
                "is referred to" => assert!(present, "{block}"),
                c if c.starts_with("is not the first referral") => {
                    assert_ne!(walked.first(), Some(&destination))
                }
                c if c.starts_with("is referred to, but") => assert!(present, "{block}"),
                _ => {}
            }
        }
        replayed += 1;
    }
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(replayed, 6, "the fixture has six refuted checks:\n{report}");
}

#[test]
fn build_writes_a_compiled_pathway_that_run_walks_to_the_same_outcome() {
    let dir = std::env::temp_dir().join(format!("pathway-cli-build-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok();
    let compiled = dir.join("durham.pathway");
    let out = pathway(&["build", DURHAM, "--out", &compiled.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("built"), "{}", text(&out.stdout));
    for format in ["text", "json"] {
        let from_yaml = pathway(&["run", DURHAM, "--answers", ANSWERS, "--format", format]);
        let from_compiled =
            pathway(&["run", &compiled.display().to_string(), "--answers", ANSWERS, "--format", format]);
        assert_eq!(from_compiled.status.code(), Some(0), "{}", text(&from_compiled.stderr));
        assert_eq!(text(&from_compiled.stdout), text(&from_yaml.stdout));
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn build_refuses_a_pathway_that_does_not_pass_check_and_writes_nothing() {
    let out_file = std::env::temp_dir().join(format!("pathway-cli-refused-{}.pathway", std::process::id()));
    let out = pathway(&[
        "build",
        "pathway-core/tests/fixtures/invalid/unknown_next_step.yaml",
        "--out",
        &out_file.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("unknown_next_step.yaml:36:"), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("not built"), "{}", text(&out.stderr));
    assert!(!out_file.exists());
}

#[test]
fn run_refuses_a_damaged_compiled_pathway_with_the_fix() {
    let dir = std::env::temp_dir().join(format!("pathway-cli-damaged-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok();
    let compiled = dir.join("durham.pathway");
    let path = compiled.display().to_string();
    assert_eq!(pathway(&["build", DURHAM, "--out", &path]).status.code(), Some(0));
    let mut bytes = std::fs::read(&compiled).unwrap_or_default();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&compiled, &bytes).ok();
    let out = pathway(&["run", &path, "--answers", ANSWERS]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("damaged or incomplete"), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("pathway build"), "{}", text(&out.stderr));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn check_and_test_pass_on_the_darlington_variant_with_the_base_cases_and_its_own() {
    let out = pathway(&["check", "pathways/darlington/pathway.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "pathways/darlington/pathway.yaml: 0 error(s), 0 warning(s), 61 of 61 properties proven\n"
    );
    let out = pathway(&["test", "pathways/darlington"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let durham_cases = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../pathways/durham/cases"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert!(stdout.contains("ok   pathways/darlington/cases/01-"), "{stdout}");
    assert!(stdout.contains("ok   pathways/darlington/../durham/cases/01-"), "{stdout}");
    assert!(stdout.contains(&format!("\n{} passed, 0 failed", durham_cases + 2)), "{stdout}");
}

#[test]
fn a_broken_variant_is_reported_in_the_file_each_problem_is_in() {
    let out = pathway(&[
        "check",
        "pathway-core/tests/fixtures/variants/invalid/rewiring_leaves_base_steps_unreachable.yaml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("--> pathway-core/tests/fixtures/variants/invalid/../base.yaml:55:9"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--> pathway-core/tests/fixtures/variants/invalid/rewiring_leaves_base_steps_unreachable.yaml:14:13"),
        "{stderr}"
    );
}

#[test]
fn the_mutation_check_says_it_does_not_run_on_a_variant() {
    let out = pathway(&["mutants", "pathways/darlington"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("is a variant of `durham`"), "{}", text(&out.stderr));
}

/// A new version must say what changed: practitioners read it on the start page.
#[test]
fn check_and_build_refuse_a_version_with_no_change_note_and_say_where() {
    let dir = std::env::temp_dir().join(format!("pathway-cli-changes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok();
    let durham =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../pathways/durham/pathway.yaml"))
            .unwrap_or_default();
    let bumped = durham.replacen("  version: \"2026.12-demo.5\"", "  version: \"2026.12-demo.6\"", 1);
    assert_ne!(bumped, durham);
    let file = dir.join("pathway.yaml");
    std::fs::write(&file, &bumped).ok();
    let path = file.display().to_string();
    let out = pathway(&["check", &path]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("error[no-change-note]: version 2026.12-demo.6 has no change note"), "{stderr}");
    assert!(stderr.contains(&format!("--> {path}:14:12")), "{stderr}");
    let compiled = dir.join("out.pathway");
    let out = pathway(&["build", &path, "--out", &compiled.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!compiled.exists());
    std::fs::remove_dir_all(&dir).ok();
}

/// `pathway diff` between Durham before and after the corrections of the safety-properties
/// issue: the ways walks end differently (snapshot), each example replayed with `pathway run`
/// on each version, ending as the comparison says.
#[test]
fn diff_lists_what_the_county_durham_corrections_changed_each_with_a_replayable_example() {
    const BEFORE: &str = "pathway-cli/tests/fixtures/diff/durham-2026.11-demo.1.yaml";
    const AFTER: &str = "pathway-cli/tests/fixtures/diff/durham-2026.11-demo.2.yaml";
    let out = pathway(&["diff", BEFORE, AFTER]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert!(report.starts_with("durham 2026.11-demo.1 → 2026.11-demo.2: "), "{report}");
    assert!(report.contains("(every class of walk compared)"), "{report}");
    insta::assert_snapshot!(report);

    let json = pathway(&["diff", BEFORE, AFTER, "--format", "json"]);
    let diff: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap_or_default();
    let changes = diff["behaviour"].as_array().cloned().unwrap_or_default();
    assert!(changes.len() >= 10, "{diff:#}");
    let dir = std::env::temp_dir().join(format!("pathway-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok();
    for (n, change) in changes.iter().enumerate() {
        for (file, answers, ends) in [(BEFORE, "before", "before_ends"), (AFTER, "after", "after_ends")] {
            let given: Vec<(pathway_core::StepId, pathway_core::Answer)> =
                serde_json::from_value(change["example"][answers].clone()).unwrap_or_default();
            let path = dir.join(format!("{n}-{answers}.yaml"));
            std::fs::write(&path, pathway_core::answers_yaml(&given, 0)).ok();
            let run = pathway(&["run", file, "--answers", &path.to_string_lossy(), "--format", "json"]);
            assert_eq!(run.status.code(), Some(0), "{}: {}", change["change"], text(&run.stderr));
            let outcome: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap_or_default();
            let ids = |list: &serde_json::Value, key: Option<&str>| -> Vec<String> {
                list.as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|x| key.map_or(x.as_str(), |k| x[k].as_str()).map(str::to_owned))
                    .collect()
            };
            let expected = &change["example"][ends];
            assert_eq!(ids(&outcome["referrals"], Some("destination")), ids(&expected["referrals"], None));
            assert_eq!(ids(&outcome["warnings"], Some("route")), ids(&expected["warnings"], None));
            assert_eq!(ids(&outcome["interrupts"], None), ids(&expected["interrupts"], None));
            assert_eq!(outcome["risk"]["level"], expected["risk"], "{}", change["change"]);
        }
        assert_ne!(change["example"]["before_ends"], change["example"]["after_ends"], "{}", change["change"]);
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// `pathway diff` from 2026.11-demo.3 to the current version compares every class of walk (the
/// MARAC history correction is a new question, not a question of another kind), names what
/// each correction changes, and says that the risk model is now named.
#[test]
fn diff_of_demo_3_and_the_current_version_names_each_correction() {
    const BEFORE: &str = "pathway-cli/tests/fixtures/diff/durham-2026.11-demo.3.yaml";
    let out = pathway(&["diff", BEFORE, DURHAM, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let diff: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(diff["exact"], true);
    let changes: Vec<String> = diff["behaviour"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| b["change"].as_str().map(str::to_owned))
        .collect();
    for expected in [
        // A referral about someone else is no longer a repeat.
        "`marac` is no longer referred to",
        "the warning of `previous_marac_other_person` now shows",
        "the risk level is `standard` where it was `high`",
        // Not known whether it was about the same person: check.
        "the warning of `marac_history_unknown` now shows",
        // Honour-based abuse or FGM with children: never Early Help.
        "`early_help` is no longer referred to",
    ] {
        assert!(changes.iter().any(|c| c == expected), "no `{expected}` in {changes:#?}");
    }
    let wording: Vec<&str> =
        diff["wording"].as_array().into_iter().flatten().filter_map(|w| w.as_str()).collect();
    assert!(
        wording.iter().any(|w| w.starts_with("risk model: the risk tool added: “Dash RIC topics")),
        "{wording:#?}"
    );
    // The example of Early Help withdrawn is an honour-based, forced-marriage or FGM walk, or
    // one whose risk is no longer standard: never an ordinary walk at standard risk.
    let withdrawn = diff["behaviour"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|b| b["change"] == "`early_help` is no longer referred to")
        .cloned()
        .unwrap_or_default();
    let example = &withdrawn["example"];
    let abuse = example["after"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|a| a[0] == "abuse_types")
        .map(|a| a[1]["choices"].clone())
        .unwrap_or_default();
    let honour = ["honour_based", "forced_marriage", "fgm"]
        .iter()
        .any(|k| abuse.as_array().is_some_and(|l| l.iter().any(|x| x == *k)));
    assert!(honour || example["after_ends"]["risk"] != "standard", "{withdrawn:#}");
    let wording: Vec<&str> =
        diff["wording"].as_array().into_iter().flatten().filter_map(|w| w.as_str()).collect();
    for expected in [
        "question `previous_marac_same_person` added",
        "question `household`: answer `other_children` added",
        "question `household`: answer `adult_care_needs` added",
    ] {
        assert!(wording.contains(&expected), "no `{expected}` in {wording:#?}");
    }
}
