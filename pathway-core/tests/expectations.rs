//! What a case study checks beyond the referrals: how urgently each is made, and the contacts
//! the practitioner is given, as the practitioner reads them. One fixture per mistake (each a
//! copy of a County Durham case study with one thing wrong), with a snapshot of what
//! `pathway test` says.

use pathway_core::{CaseStudy, Pathway};

#[test]
fn a_case_study_checks_urgency_and_contacts_as_the_practitioner_reads_them() {
    let durham =
        Pathway::from_yaml(include_str!("../../pathways/durham/pathway.yaml")).expect("Durham loads");
    insta::glob!("fixtures/expectations/*.yaml", |path| {
        let source = std::fs::read_to_string(path).unwrap_or_default();
        let case = CaseStudy::from_yaml(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let (report, _) = case.run(&durham);
        let said = if report.passed() { "passes".to_owned() } else { report.failures.join("\n") };
        insta::assert_snapshot!(said);
    });
}

/// The case study the fixtures are copied from passes as it is, so each fixture's failure is
/// its one mistake.
#[test]
fn the_fixtures_original_passes() {
    let durham =
        Pathway::from_yaml(include_str!("../../pathways/durham/pathway.yaml")).expect("Durham loads");
    let case = CaseStudy::from_yaml(include_str!("../../pathways/durham/cases/04-repeat-after-marac.yaml"))
        .expect("the case study reads");
    assert!(case.run(&durham).0.passed());
}
