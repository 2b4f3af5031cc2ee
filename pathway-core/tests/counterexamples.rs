//! A refuted property's counterexample, offered as a case study (the studio's "add as a case
//! study"), is a case study file that reads back, walks the counterexample, and expects the
//! outcome the pathway reaches now.

use pathway_core::{CaseStudy, Pathway, Verdict};

#[test]
fn each_counterexample_becomes_a_case_study_that_passes_on_the_pathway_as_it_is() {
    let source = include_str!("fixtures/verify/small.yaml");
    let pathway = Pathway::from_yaml(source).unwrap_or_else(|e| panic!("{e:?}"));
    let verification = pathway.verify(pathway_core::VERIFY_LIMIT);
    let mut written = 0;
    for check in &verification.checks {
        let case = check.case_study(&pathway);
        let Verdict::Refuted { counterexample } = &check.verdict else {
            assert!(case.is_none(), "{}: only refuted checks give a case study", check.id);
            continue;
        };
        let text = case.unwrap_or_else(|| panic!("{}: refuted, but no case study", check.id));
        let case = CaseStudy::from_yaml(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(case.answers(&pathway).ok().as_ref(), Some(&counterexample.answers), "{text}");
        let (report, _) = case.run(&pathway);
        assert!(report.passed(), "{:?}\n{text}", report.failures);
        let referrals: Vec<&str> = case.expect.referrals.iter().map(String::as_str).collect();
        let refuted: Vec<&str> = counterexample.referrals.iter().map(|d| d.as_str()).collect();
        assert_eq!(referrals, refuted, "{text}");
        assert!(case.title.starts_with("Breaks: ") && case.story.contains(&check.id), "{text}");
        written += 1;
    }
    assert_eq!(written, 6, "the fixture has six refuted checks");
}
