//! `pathway audit` and `pathway synthetic` as a partnership's analyst would use them: the
//! shipped case studies as an export give exactly `pathway run`'s outcomes; bad exports and
//! column maps are reported, never a panic; two versions compared name the cases each
//! correction changes.

use pathway_core::{CaseStudy, Pathway, answers_yaml, audit};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
const DURHAM: &str = "pathways/durham/pathway.yaml";

fn pathway(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pathway"))
        .args(args)
        .current_dir(ROOT)
        .output()
        .unwrap_or_else(|e| panic!("cannot run pathway: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A scratch folder of this test's own.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pathway-audit-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok();
    dir
}

fn path(p: &Path) -> String {
    p.display().to_string()
}

fn lines(file: &Path) -> Vec<Value> {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// `pathway run`'s JSON outcome, in the fields an audit records.
fn as_audited(run: &Value) -> Value {
    let ids = |v: &Value, key: &str| -> Value {
        v.as_array().into_iter().flatten().map(|x| x[key].clone()).collect::<Vec<_>>().into()
    };
    serde_json::json!({
        "pathway": run["pathway"],
        "complete": run["complete"],
        "stopped_at": run["next_step"],
        "risk_level": run["risk"]["level"],
        "score": run["risk"]["score"],
        "criteria": if run["risk"].is_null() { serde_json::json!([]) } else { ids(&run["risk"]["criteria"], "id") },
        "referrals": run["referrals"].as_array().into_iter().flatten().map(|r| serde_json::json!({
            "destination": r["destination"], "urgency": r["urgency"], "route": r["reasons"][0]["route"],
        })).collect::<Vec<_>>(),
        "interrupts": run["interrupts"],
        "warnings": ids(&run["warnings"], "route"),
        "advice": ids(&run["advice"], "route"),
    })
}

fn audited(line: &Value) -> Value {
    let mut out = line.clone();
    if let Some(o) = out.as_object_mut() {
        o.remove("id");
        o.remove("differences");
    }
    out
}

/// Every case study of every shipped pathway, as one CSV and as one JSON Lines file, gives
/// exactly the outcome `pathway run` gives its answers.
#[test]
fn every_case_study_as_a_row_gives_pathway_runs_outcome() {
    let dir = scratch("cases");
    for folder in ["pathways/durham", "pathways/darlington"] {
        let file = format!("{folder}/pathway.yaml");
        let p = load(&file);
        let mut rows = Vec::new();
        let mut expected = Vec::new();
        let mut cases: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join(folder).join("cases"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect();
        cases.sort();
        for (n, case) in cases.iter().enumerate() {
            let study = CaseStudy::from_yaml(&std::fs::read_to_string(case).unwrap_or_default())
                .unwrap_or_else(|e| panic!("{}: {e}", case.display()));
            let answers = study.answers(&p).unwrap_or_else(|e| panic!("{}: {e}", case.display()));
            let answers_file = dir.join(format!("{n}.yaml"));
            std::fs::write(&answers_file, answers_yaml(&answers, 0)).ok();
            let run = pathway(&["run", &file, "--answers", &path(&answers_file), "--format", "json"]);
            let run: Value = serde_json::from_slice(&run.stdout).unwrap_or_default();
            expected.push((case.display().to_string(), as_audited(&run)));
            rows.push(audit::row(&p, &format!("case-{n}"), &answers, &[]));
        }
        let csv_file = dir.join("cases.csv");
        let mut writer = csv::Writer::from_path(&csv_file).unwrap_or_else(|e| panic!("{e}"));
        writer.write_record(audit::header(&p)).ok();
        for row in &rows {
            writer.write_record(row).ok();
        }
        writer.flush().ok();
        let jsonl_file = dir.join("cases.jsonl");
        let header = audit::header(&p);
        let jsonl: String = rows
            .iter()
            .map(|row| {
                let object: serde_json::Map<String, Value> =
                    header.iter().cloned().zip(row.iter().map(|f| Value::String(f.clone()))).collect();
                format!("{}\n", Value::Object(object))
            })
            .collect();
        std::fs::write(&jsonl_file, jsonl).ok();
        for input in [&csv_file, &jsonl_file] {
            let outcomes = dir.join("outcomes.jsonl");
            let out =
                pathway(&["audit", &file, &path(input), "--outcomes", &path(&outcomes), "--threads", "2"]);
            assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
            let got = lines(&outcomes);
            assert_eq!(got.len(), expected.len(), "{}", input.display());
            for ((case, want), line) in expected.iter().zip(&got) {
                assert_eq!(&audited(line), want, "{case} read from {}", input.display());
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

fn load(file: &str) -> Pathway {
    let full = Path::new(ROOT).join(file);
    let source = std::fs::read_to_string(&full).unwrap_or_default();
    match pathway_core::extends(&source) {
        Some(e) => {
            let base = std::fs::read_to_string(full.parent().unwrap_or(Path::new(".")).join(&e.file))
                .unwrap_or_default();
            Pathway::from_yaml_with_base(&source, &base)
        }
        None => Pathway::from_yaml(&source),
    }
    .unwrap_or_else(|e| panic!("{e}"))
}

/// A synthetic export, in the pathway's own columns.
fn synthetic(dir: &Path, cases: u64, seed: u64) -> PathBuf {
    let file = dir.join(format!("synthetic-{cases}-{seed}.csv"));
    let out = pathway(&[
        "synthetic",
        DURHAM,
        "--cases",
        &cases.to_string(),
        "--seed",
        &seed.to_string(),
        "--out",
        &path(&file),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    file
}

#[test]
fn synthetic_cases_are_the_same_for_the_same_seed_and_are_audited_whole() {
    let dir = scratch("synthetic");
    let a = std::fs::read(synthetic(&dir, 300, 9)).unwrap_or_default();
    let b = pathway(&["synthetic", DURHAM, "--cases", "300", "--seed", "9"]).stdout;
    assert_eq!(a, b);
    assert_ne!(a, std::fs::read(synthetic(&dir, 300, 10)).unwrap_or_default());
    let report = dir.join("report.html");
    let out = pathway(&[
        "audit",
        DURHAM,
        &path(&dir.join("synthetic-300-9.csv")),
        "--format",
        "json",
        "--report",
        &path(&report),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let s = &summary["summary"];
    assert_eq!(s["rows"], 300);
    let incomplete: u64 = s["incomplete"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(_, g)| g["cases"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(s["complete"].as_u64().unwrap_or(0) + incomplete, 300);
    assert!(incomplete > 0, "some synthetic cases stop before the end");
    // Only cases walked to the end are compared with what was done.
    assert_eq!(s["with_actual"], s["complete"]);
    assert!(
        s["differences"].as_object().is_some_and(|d| !d.is_empty()),
        "what was done differs now and then"
    );
    assert_eq!(summary["pathways"][0]["risk_model"]["version"], "2026.12");
    let html = std::fs::read_to_string(&report).unwrap_or_default();
    assert!(html.contains("<svg") && html.contains("default-src 'none'"));
    std::fs::remove_dir_all(&dir).ok();
}

/// Bad exports: each is reported with what is wrong, where, and how to put it right; never a
/// panic (exit code 101).
#[test]
fn bad_exports_are_reported_and_never_panic() {
    let dir = scratch("bad");
    let good = std::fs::read_to_string(synthetic(&dir, 20, 1)).unwrap_or_default();
    let (header, body) = good.split_once('\n').unwrap_or_default();
    let write = |name: &str, bytes: &[u8]| {
        let file = dir.join(name);
        std::fs::write(&file, bytes).ok();
        path(&file)
    };
    let run = |file: &str, extra: &[&str]| {
        let mut args = vec!["audit", DURHAM, file];
        args.extend(extra);
        let out = pathway(&args);
        assert_ne!(out.status.code(), Some(101), "panicked: {}", text(&out.stderr));
        out
    };

    // A wrong column name: refused before any row, with the nearest.
    let misspelt = write("misspelt.csv", good.replacen("immediate_danger", "imediate_danger", 1).as_bytes());
    let out = run(&misspelt, &[]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr
            .contains("the export's column `imediate_danger` is not a step or checklist item of the pathway"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `immediate_danger`?"), "{stderr}");

    // An empty file.
    let out = run(&write("empty.csv", b""), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("the export is empty: it needs a header row"),
        "{}",
        text(&out.stderr)
    );

    // Rows that cannot be read are reported by number, column and reason, and counted; the
    // rest are walked.
    let mut rows: Vec<String> = body.lines().map(str::to_owned).collect();
    let column = header.split(',').position(|h| h == "role").unwrap_or(0);
    let mut fields: Vec<&str> = rows[2].split(',').collect();
    fields[column] = "constable";
    rows[2] = fields.join(",");
    rows[4].push_str(",one too many");
    rows[6] = rows[6].rsplit_once(',').map(|(kept, _)| kept.to_owned()).unwrap_or_default();
    let mut bytes = format!("{header}\n{}\n", rows.join("\n")).into_bytes();
    // A 10 MB field, and a field that is not UTF-8.
    let first: Vec<&str> = good.lines().nth(1).unwrap_or_default().split(',').collect();
    let mut huge = first.clone();
    let ten_mb = "y".repeat(10 * 1024 * 1024);
    huge[column] = &ten_mb;
    bytes.extend_from_slice(huge.join(",").as_bytes());
    bytes.push(b'\n');
    bytes.extend_from_slice(b"\xff\xfe,");
    bytes.extend_from_slice(first[1..].join(",").as_bytes());
    bytes.push(b'\n');
    let bad = write("bad.csv", &bytes);
    let out = run(&bad, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    let width = header.split(',').count();
    for says in [
        "row 3: column `role`: `constable` is not an answer `role` offers".to_owned(),
        format!("row 5: has {} field(s); the header has {width}", width + 1),
        format!("row 7: has {} field(s); the header has {width}", width - 1),
        format!("row 21: column `role`: `{}…` is not an answer `role` offers", "y".repeat(40)),
        "row 22: column `id`: is not UTF-8 text".to_owned(),
    ] {
        assert!(stderr.contains(&says), "no `{says}` in {stderr}");
    }
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(summary["summary"]["rows"], 22);
    // --strict: the first such row is an error.
    let out = run(&bad, &["--strict"]);
    assert_eq!(out.status.code(), Some(1));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_column_map_with_a_mistake_is_refused_at_its_line_and_column() {
    let dir = scratch("map");
    let map = std::fs::read_to_string(Path::new(ROOT).join("pathways/durham/audit/example-columns.yaml"))
        .unwrap_or_default();
    let broken = map.replacen("risk_checklist.injured", "risk_checklist.injurd", 1);
    let file = dir.join("map.yaml");
    std::fs::write(&file, &broken).ok();
    let line = broken.lines().position(|l| l.contains("injurd")).unwrap_or(0) + 1;
    let out =
        pathway(&["audit", DURHAM, "pathways/durham/audit/example-export.csv", "--columns", &path(&file)]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("`risk_checklist.injurd` is not a step, or a checklist item"), "{stderr}");
    assert!(stderr.contains(&format!("map.yaml:{line}:")), "{stderr}");
    assert!(stderr.contains("did you mean `risk_checklist.injured`?"), "{stderr}");
    // And the map as shipped reads its example export.
    let out = pathway(&[
        "audit",
        DURHAM,
        "pathways/durham/audit/example-export.csv",
        "--columns",
        "pathways/durham/audit/example-columns.yaml",
        "--strict",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains(": 4 row(s); 4 walked to the end"), "{}", text(&out.stdout));
    std::fs::remove_dir_all(&dir).ok();
}

/// demo.3 against the current version, over synthetic cases: each correction is named, with
/// the cases it changes, and those cases are the ones the correction is about.
#[test]
fn two_versions_compared_name_the_cases_each_correction_changes() {
    const BEFORE: &str = "pathway-cli/tests/fixtures/diff/durham-2026.11-demo.3.yaml";
    let dir = scratch("versions");
    let cases = synthetic(&dir, 4000, 5);
    let differences = dir.join("differences.jsonl");
    let out = pathway(&[
        "audit",
        BEFORE,
        DURHAM,
        &path(&cases),
        "--format",
        "json",
        "--differences",
        &path(&differences),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let changes = summary["summary"]["changes"].as_object().cloned().unwrap_or_default();
    let named = |change: &str| -> Vec<String> {
        let group = changes
            .get(change)
            .unwrap_or_else(|| panic!("no `{change}` in {:#?}", changes.keys().collect::<Vec<_>>()));
        assert!(group["cases"].as_u64().unwrap_or(0) > 0);
        group["ids"].as_array().into_iter().flatten().filter_map(|i| i.as_str().map(str::to_owned)).collect()
    };
    let export = read_export(&cases);
    let answer =
        |id: &str, column: &str| export.get(id).and_then(|row| row.get(column)).cloned().unwrap_or_default();
    // A repeat is about the same person: MARAC no longer referred where the earlier referral
    // was about someone else.
    for id in named("`marac` is no longer referred to") {
        assert_eq!(answer(&id, "previous_marac"), "yes", "{id}");
        assert_ne!(answer(&id, "previous_marac_same_person"), "yes", "{id}");
    }
    // Honour-based abuse, forced marriage or FGM with children: never Early Help.
    for id in named("`early_help` is no longer referred to") {
        let abuse = answer(&id, "abuse_types");
        assert!(
            ["honour_based", "forced_marriage", "fgm"].iter().any(|k| abuse.contains(k)),
            "{id}: {abuse}"
        );
    }
    // Other adults with care and support needs, and other children at risk: demo.3 could not
    // even record them.
    for id in named(
        "2026.11-demo.3 cannot read it: column `household`: a value is not an answer `household` offers",
    ) {
        let household = answer(&id, "household");
        assert!(
            household.contains("adult_care_needs") || household.contains("other_children"),
            "{id}: {household}"
        );
    }
    // Every case that changed is in the differences file, with how.
    let changed = lines(&differences);
    let total: u64 = changes.values().map(|g| g["cases"].as_u64().unwrap_or(0)).max().unwrap_or(0);
    assert!(
        changed.len() as u64 >= total
            && changed.iter().all(|c| c["changes"].as_array().is_some_and(|l| !l.is_empty()))
    );
    std::fs::remove_dir_all(&dir).ok();
}

fn read_export(file: &Path) -> std::collections::HashMap<String, std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(file).unwrap_or_else(|e| panic!("{e}"));
    let header: Vec<String> =
        reader.headers().map(|h| h.iter().map(str::to_owned).collect()).unwrap_or_default();
    reader
        .records()
        .flatten()
        .map(|r| {
            let row: std::collections::HashMap<String, String> =
                header.iter().cloned().zip(r.iter().map(str::to_owned)).collect();
            (row.get("id").cloned().unwrap_or_default(), row)
        })
        .collect()
}
