//! The one rule for what may be published (`pathway check`, `pathway build` and the studio's
//! Publish all read `Pathway::publication`): no errors, a change note for the version, and
//! every declared property proven.

use pathway_core::Pathway;

const DURHAM: &str = include_str!("../../pathways/durham/pathway.yaml");

fn publication_of(source: &str) -> pathway_core::Publication {
    Pathway::from_yaml(source).unwrap_or_else(|e| panic!("{e:?}")).publication(source)
}

#[test]
fn county_durham_as_shipped_may_be_published() {
    let publication = publication_of(DURHAM);
    assert!(publication.allowed(), "{:?}", publication.diagnostics);
    assert!(publication.verification.checks.len() > 40);
}

#[test]
fn a_version_with_no_change_note_may_not_be_published() {
    let source = DURHAM.replacen("version: \"2026.12-demo.5\"", "version: \"2026.12-demo.9\"", 1);
    let publication = publication_of(&source);
    assert!(publication.has_errors() && !publication.allowed());
    assert!(publication.verification.all_proven(), "only the change note is missing");
}

#[test]
fn a_property_that_is_not_proven_stops_publication_without_any_error() {
    let source = DURHAM.replacen(
        "then: { refer: [police_101], routes: [fgm_duty]",
        "then: { refer: [police_999], routes: [fgm_duty]",
        1,
    );
    let publication = publication_of(&source);
    assert!(!publication.has_errors(), "{:?}", publication.diagnostics);
    assert!(!publication.verification.all_proven() && !publication.allowed());
}
