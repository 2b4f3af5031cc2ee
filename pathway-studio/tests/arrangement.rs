//! What the studio holds, below the browser: files opened together put in their places, and
//! the words of its status line.

use pathway_studio::protocol::{
    CaseResult, CasesRun, Checked, FileKind, Problem, Property, Severity, Verdict, Verified,
};
use pathway_studio::studio::{self, Arrangement, Opened};

fn file(name: &str) -> Opened {
    Opened { name: name.into(), text: String::new() }
}

#[test]
fn a_variant_is_written_over_its_base_with_the_case_studies_beside_it() {
    let opened = vec![
        (file("cases/a.yaml"), FileKind::CaseStudy),
        (file("durham/pathway.yaml"), FileKind::Pathway { id: Some("durham".into()) }),
        (file("darlington/pathway.yaml"), FileKind::Variant { base_id: "durham".into() }),
    ];
    let Ok(Arrangement::Pathway { main, base, cases }) = studio::arrange(opened) else { panic!("arranged") };
    assert_eq!(main.name, "darlington/pathway.yaml");
    assert_eq!(base.map(|b| (b.id, b.file.name)), Some(("durham".into(), "durham/pathway.yaml".into())));
    assert_eq!(cases, [file("cases/a.yaml")]);
}

#[test]
fn a_variant_without_its_base_or_files_that_are_neither_are_refused_in_words() {
    let orphan = vec![(file("darlington.yaml"), FileKind::Variant { base_id: "durham".into() })];
    assert_eq!(
        studio::arrange(orphan),
        Err("darlington.yaml is a variant of “durham”: open it together with that pathway's file.".into())
    );
    assert_eq!(studio::arrange(Vec::new()), Err("None of those files is a pathway or a case study.".into()));
    let only_cases = vec![(file("a.yaml"), FileKind::CaseStudy)];
    assert_eq!(studio::arrange(only_cases), Ok(Arrangement::CasesOnly(vec![file("a.yaml")])));
}

#[test]
fn the_status_line_says_what_is_known_of_the_file_its_cases_and_its_properties() {
    let problem = |severity| Problem {
        severity,
        code: "x".into(),
        message: String::new(),
        help: String::new(),
        place: None,
        fix: None,
    };
    let loaded = Checked { loaded: true, problems: vec![problem(Severity::Warning)], ..Checked::default() };
    let run = CasesRun {
        cases: vec![
            CaseResult { name: "a".into(), title: String::new(), passed: true, failures: Vec::new() },
            CaseResult {
                name: "b".into(),
                title: String::new(),
                passed: false,
                failures: vec!["why".into()],
            },
        ],
        coverage: Vec::new(),
    };
    let proven = Property {
        id: "p".into(),
        title: String::new(),
        verdict: Verdict::Proven,
        broken: Vec::new(),
        place: None,
        case_study: None,
    };
    let verified = Verified { properties: vec![proven] };
    assert_eq!(studio::status(None, None, None), "No pathway open.");
    assert_eq!(
        studio::status(Some(&loaded), Some(&run), Some(&verified)),
        "loads with 0 errors and 1 warning · 1 of 2 case studies pass · 1 of 1 property proven"
    );
    let broken = Checked { problems: vec![problem(Severity::Error)], ..Checked::default() };
    assert_eq!(
        studio::status(Some(&broken), Some(&run), Some(&verified)),
        "does not load: 1 error",
        "no stale results"
    );
}

#[test]
fn a_counterexample_is_saved_under_a_plain_file_name_and_replaces_one_of_that_name() {
    assert_eq!(studio::counterexample_file("destination.requires[1]"), "breaks-destination-requires-1-.yaml");
    let cases = vec![file("a.yaml"), Opened { name: "b.yaml".into(), text: "old".into() }];
    let now = studio::with_case(cases, Opened { name: "b.yaml".into(), text: "new".into() });
    assert_eq!(
        now.iter().map(|c| (c.name.as_str(), c.text.as_str())).collect::<Vec<_>>(),
        [("a.yaml", ""), ("b.yaml", "new")]
    );
}
