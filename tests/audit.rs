//! `pathway audit`'s walker against the walker `pathway run` uses: every case study of every
//! shipped pathway, written as a row, ends exactly as `pathway run` ends it; so do synthetic
//! cases drawn over every step, whole or cut short; and a row that cannot be read says which
//! column and why, and never panics.

use pathway_core::audit::{self, AuditError, Auditor, CaseOutcome, ColumnMap, Layout, RowProblem};
use pathway_core::{Answer, CaseStudy, Pathway, StepId, walk_as_far_as};
use pathway_tests::{files, load_pathway, read, root};
use proptest::prelude::*;

fn shipped() -> Vec<(String, Pathway)> {
    files("pathways", &["pathway.yaml"])
        .into_iter()
        .map(|p| (p.parent().map(|d| d.display().to_string()).unwrap_or_default(), load_pathway(&p)))
        .collect()
}

fn auditor(pathway: &Pathway) -> Auditor<'_> {
    let header = audit::header(pathway);
    let names: Vec<&str> = header.iter().map(String::as_str).collect();
    let layout = Layout::new(pathway, &names, None, &[]).unwrap_or_else(|e| panic!("{e:?}"));
    Auditor::new(pathway, layout)
}

/// What `pathway run` ends with, as the audit records it (as JSON, as the audit writes it).
fn expected(pathway: &Pathway, answers: &[(StepId, Answer)]) -> serde_json::Value {
    let session = walk_as_far_as(pathway, answers).unwrap_or_else(|e| panic!("{e}"));
    let outcome = session.outcome(pathway).unwrap_or_else(|e| panic!("{e}"));
    serde_json::to_value(CaseOutcome::from(&outcome)).unwrap_or_default()
}

fn walked(auditor: &mut Auditor<'_>, row: &[String]) -> Result<serde_json::Value, RowProblem> {
    let fields: Vec<&[u8]> = row.iter().map(|f| f.as_bytes()).collect();
    auditor.walk(&fields).map(|w| serde_json::to_value(w.outcome).unwrap_or_default())
}

#[test]
fn every_case_study_as_a_row_ends_as_pathway_run_ends_it() {
    for (dir, pathway) in shipped() {
        let mut audit = auditor(&pathway);
        let cases = files(
            &format!("{}/cases", dir.trim_start_matches(&format!("{}/", root().display()))),
            &[".yaml"],
        );
        assert!(!cases.is_empty(), "{dir}: no case studies");
        // Twice over, so the second pass walks on the sheet and lists the first left.
        for pass in 0..2 {
            for path in &cases {
                let case = CaseStudy::from_yaml(&std::fs::read_to_string(path).unwrap_or_default())
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                let answers = case.answers(&pathway).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                let row = audit::row(&pathway, "case", &answers, &[]);
                let got = walked(&mut audit, &row).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                assert_eq!(got, expected(&pathway, &answers), "{} (pass {pass})", path.display());
            }
        }
    }
}

/// A small seeded generator for the property below (SplitMix64).
struct Seeded(u64);

impl Seeded {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        usize::try_from((z ^ (z >> 31)) % (n.max(1) as u64)).unwrap_or(0)
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Synthetic cases over every step, some with answers left blank: the audit, which reads
    /// an outcome without its reasons, ends every one exactly as `pathway run` does.
    #[test]
    fn synthetic_cases_end_as_pathway_run_ends_them(seed in any::<u64>()) {
        let pathways = shipped();
        for (_, pathway) in &pathways {
            let mut audit = auditor(pathway);
            let mut rng = Seeded(seed);
            for _ in 0..200 {
                let mut answers = audit::synthetic(pathway, &mut |n| rng.below(n));
                if rng.below(4) == 0 {
                    let cut = rng.below(answers.len());
                    answers.remove(cut);
                }
                let row = audit::row(pathway, "case", &answers, &[]);
                let got = walked(&mut audit, &row).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(got, expected(pathway, &answers), "{:?}", answers);
            }
        }
    }
}

fn durham() -> Pathway {
    load_pathway(&root().join("pathways/durham/pathway.yaml"))
}

#[test]
fn a_wrong_column_name_is_refused_with_the_nearest() {
    let p = durham();
    let mut header = audit::header(&p);
    let at = header.iter().position(|h| h == "immediate_danger").unwrap_or_default();
    header[at] = "imediate_danger".into();
    let names: Vec<&str> = header.iter().map(String::as_str).collect();
    let problems = Layout::new(&p, &names, None, &[]).err().unwrap_or_default();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0].to_string(),
        "the export's column `imediate_danger` is not a step or checklist item of the pathway"
    );
    assert_eq!(problems[0].help(), "did you mean `immediate_danger`?");
    assert!(Layout::new(&p, &[], None, &[]).is_err_and(|e| e == vec![AuditError::Empty]));
}

#[test]
fn a_row_that_cannot_be_read_says_which_column_and_why() {
    let p = durham();
    let mut audit = auditor(&p);
    let header = audit::header(&p);
    let mut rng = Seeded(7);
    let answers = audit::synthetic(&p, &mut |n| rng.below(n));
    let good = audit::row(&p, "case-1", &answers, &[]);
    let column = |name: &str| header.iter().position(|h| h == name).unwrap_or_default();
    let with = |name: &str, value: &[u8]| {
        let mut fields: Vec<Vec<u8>> = good.iter().map(|f| f.clone().into_bytes()).collect();
        fields[column(name)] = value.to_vec();
        fields
    };
    let walk = |audit: &mut Auditor<'_>, fields: &[Vec<u8>]| {
        let slices: Vec<&[u8]> = fields.iter().map(Vec::as_slice).collect();
        audit.walk(&slices).err().map(|e| e.to_string())
    };
    let huge = vec![b'y'; 10 * 1024 * 1024];
    for (name, value, says) in [
        (
            "immediate_danger",
            b"perhaps".as_slice(),
            "column `immediate_danger`: `perhaps` is not an answer `immediate_danger` offers",
        ),
        (
            "immediate_danger",
            &huge,
            "column `immediate_danger`: `yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy…` is not an answer",
        ),
        ("role", b"\xff\xfe", "column `role`: `\u{fffd}\u{fffd}` is not an answer `role` offers"),
        ("incidents", b"many", "column `incidents`: `many` is not a whole number"),
        ("actual_referrals", b"marc", "column `actual_referrals`: names `marc`, which is not a destination"),
    ] {
        let problem = walk(&mut audit, &with(name, value)).unwrap_or_else(|| panic!("{name} read"));
        assert!(problem.starts_with(says), "{problem}");
    }
    let bad_id = with("id", b"\xff");
    let slices: Vec<&[u8]> = bad_id.iter().map(Vec::as_slice).collect();
    let problem = audit.layout().id(&slices).err().map(|p| format!("column `{}`: {}", p.column, p.reason));
    assert_eq!(problem.as_deref(), Some("column `id`: is not UTF-8 text"));
    let short: Vec<Vec<u8>> = good.iter().skip(1).map(|f| f.clone().into_bytes()).collect();
    assert_eq!(
        walk(&mut audit, &short).as_deref(),
        Some(format!("has {} field(s); the header has {}", header.len() - 1, header.len()).as_str())
    );
    let mut long: Vec<Vec<u8>> = good.iter().map(|f| f.clone().into_bytes()).collect();
    long.push(b"extra".to_vec());
    assert!(
        walk(&mut audit, &long).is_some_and(|p| p.starts_with(&format!("has {} field(s)", header.len() + 1)))
    );
    // And the good row still walks after all that.
    assert!(walked(&mut audit, &good).is_ok());
}

#[test]
fn a_column_map_with_a_mistake_is_refused_at_its_line_and_column() {
    let p = durham();
    let map = "id: Case ref\nvalues:\n  Y: \"yes\"\n  N: \"no\"\ncolumns:\n  Q1: risk_checklist.injurd\n  Danger: { answer: immediate_danger, values: { Maybe: perhaps } }\n";
    let problems = ColumnMap::from_yaml(&p, map).err().unwrap_or_default();
    let shown: Vec<String> = problems.iter().map(|e| e.render("map.yaml", map)).collect();
    assert_eq!(problems.len(), 2, "{shown:#?}");
    assert!(
        shown[0].contains("`perhaps` is not an answer `immediate_danger` offers")
            && shown[0].contains("--> map.yaml:7:"),
        "{}",
        shown[0]
    );
    assert!(
        shown[1].contains("`risk_checklist.injurd` is not a step") && shown[1].contains("--> map.yaml:6:7"),
        "{}",
        shown[1]
    );
    assert!(shown[1].contains("did you mean `risk_checklist.injured`?"), "{}", shown[1]);
    let unknown_key = ColumnMap::from_yaml(&p, "colums: {}\n").err().unwrap_or_default();
    assert!(unknown_key[0].render("map.yaml", "colums: {}\n").contains("map.yaml:1:1"), "{unknown_key:?}");
}

#[test]
fn an_export_read_through_a_column_map() {
    let p = durham();
    let source = read("pathways/durham/audit/example-columns.yaml");
    let map = ColumnMap::from_yaml(&p, &source).unwrap_or_else(|e| panic!("{e:?}"));
    let export = read("pathways/durham/audit/example-export.csv");
    let mut lines = export.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let layout = Layout::new(&p, &header, Some(&map), &[]).unwrap_or_else(|e| panic!("{e:?}"));
    let mut audit = Auditor::new(&p, layout);
    let rows: Vec<Vec<&[u8]>> = lines.map(|l| l.split(',').map(str::as_bytes).collect()).collect();
    assert!(!rows.is_empty());
    for fields in &rows {
        let walked = audit.walk(fields).unwrap_or_else(|e| panic!("{e}"));
        assert!(walked.outcome.risk_level.is_some());
    }
}
