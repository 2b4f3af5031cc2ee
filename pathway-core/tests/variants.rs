//! Variants: a partner's file that `extends` a base pathway and changes, by id, what it needs
//! to. Each fixture under `fixtures/variants` is loaded over `fixtures/variants/base.yaml`;
//! refused ones must point at the right file and line, and every rendering is a snapshot.

use pathway_core::{Document, Files, LoadError, Pathway, SourceFile};
use std::path::Path;

const BASE_NAME: &str = "fixtures/variants/base.yaml";

fn base_text() -> String {
    std::fs::read_to_string("tests/fixtures/variants/base.yaml").unwrap_or_default()
}

/// A fixture's name as reports show it, and its text.
fn fixture(path: &Path) -> (String, String) {
    let folder = path.parent().and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned());
    let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let name = format!("fixtures/variants/{}/{file}", folder.unwrap_or_default());
    (name, std::fs::read_to_string(path).unwrap_or_default())
}

fn load(text: &str, base: &str) -> Result<Pathway, LoadError> {
    let extends = pathway_core::extends(text).expect("a variant names its base");
    assert_eq!(extends.file, "../base.yaml");
    Pathway::from_yaml_with_base(text, base)
}

fn render(diagnostics: &[pathway_core::Diagnostic], name: &str, text: &str, base: &str) -> String {
    let files =
        Files { main: SourceFile { name, text }, base: Some(SourceFile { name: BASE_NAME, text: base }) };
    diagnostics.iter().map(|d| d.render_in(&files) + "\n").collect()
}

#[test]
fn broken_variants_are_refused_with_diagnostics_in_the_right_file() {
    let base = base_text();
    insta::glob!("fixtures/variants/invalid/*.yaml", |path| {
        let (name, text) = fixture(path);
        let error = match load(&text, &base) {
            Ok(_) => panic!("{name} loaded, but it should be refused"),
            Err(e) => e,
        };
        assert!(error.errors().count() > 0, "{name}: refused without an error");
        for d in error.errors() {
            assert!(d.location.is_some(), "{name}: no line and column for: {}", d.message);
        }
        insta::assert_snapshot!(render(&error.diagnostics, &name, &text, &base));
    });
}

#[test]
fn a_rule_changed_with_a_reason_loads_and_is_shown_as_a_warning() {
    let base = base_text();
    insta::glob!("fixtures/variants/warnings/*.yaml", |path| {
        let (name, text) = fixture(path);
        let pathway = load(&text, &base).unwrap_or_else(|e| panic!("{name} was refused: {e:?}"));
        assert!(
            pathway.warnings().iter().any(|w| w.code == "rule-changed"),
            "{name}: no rule-changed warning"
        );
        insta::assert_snapshot!(render(pathway.warnings(), &name, &text, &base));
    });
}

/// The referrals of one walk: an adult with care needs, not in danger now.
fn referrals(pathway: &Pathway) -> Vec<String> {
    let answers = "danger: \"no\"\nage: adult\ncare: \"yes\"\nkinds: [physical]\nchecklist: { rest: \"no\" }\ncount: 0\n";
    let given = pathway_core::read_answers(pathway, answers).expect("the answers fit the pathway");
    let session = pathway_core::walk_answers(pathway, &given).expect("the walk completes");
    let outcome = session.outcome(pathway).expect("an outcome");
    outcome.referrals.iter().map(|r| r.destination.to_string()).collect()
}

/// A partnership corrects a rule in its base (adult services only when the victim was in
/// danger now, a mistake): the variant gets the correction with no change to its own file.
#[test]
fn a_corrected_rule_in_the_base_reaches_the_variant_unchanged() {
    let base = base_text();
    let mistaken = "{ all: [{ flag: care }, { not: { answer: { step: danger, is: \"no\" } } }] }";
    assert!(base.contains(mistaken));
    let corrected = base.replace(mistaken, "{ flag: care }");
    let (_, text) = fixture(Path::new("tests/fixtures/variants/valid/local_contacts.yaml"));
    let before = load(&text, &base).expect("the variant loads over the base");
    let after = load(&text, &corrected).expect("the variant loads over the corrected base");
    assert!(!referrals(&before).contains(&"adults".to_owned()));
    assert!(referrals(&after).contains(&"adults".to_owned()));
    assert_eq!(
        referrals(&after),
        referrals(&Pathway::from_yaml(&corrected).expect("the corrected base loads"))
    );
}

/// A variant is not a whole pathway: loaded without its base it is refused, saying so.
#[test]
fn a_variant_without_its_base_is_refused() {
    let (_, text) = fixture(Path::new("tests/fixtures/variants/valid/local_contacts.yaml"));
    let Err(error) = Pathway::from_yaml(&text) else { panic!("a variant without its base loaded") };
    assert_eq!(error.diagnostics.len(), 1);
    let d = &error.diagnostics[0];
    assert_eq!(d.code, "base-not-given");
    assert_eq!(d.location.map(|l| (l.line, l.document)), Some((11, Document::Main)));
}

#[test]
fn a_variant_changes_contacts_and_wording_by_id_and_keeps_the_base_rules() {
    let base_source = base_text();
    let base = Pathway::from_yaml(&base_source).expect("the base loads");
    let (name, text) = fixture(Path::new("tests/fixtures/variants/valid/local_contacts.yaml"));
    let variant = load(&text, &base_source).unwrap_or_else(|e| panic!("{name} was refused: {e:?}"));
    assert!(variant.warnings().is_empty(), "{:?}", variant.warnings());
    assert_eq!(variant.meta().id, "testshire_north");
    assert_eq!(variant.meta().title, "North Testshire pathway");
    assert_eq!(
        variant.meta().disclaimer,
        base.meta().disclaimer,
        "what the variant does not word stays the base's"
    );
    let children = variant.destination("children").expect("kept");
    assert_eq!(children.name, "North Testshire children's services");
    assert_eq!(children.contacts[0].value, "01234 567 890");
    let marac_contacts = |p: &Pathway| {
        p.destination("marac").map(|d| d.contacts.iter().map(|c| c.value.clone()).collect::<Vec<_>>())
    };
    assert_eq!(
        marac_contacts(&variant),
        marac_contacts(&base),
        "what the variant does not change stays the base's"
    );
    assert_eq!(
        variant.step("danger").and_then(|s| s.hint.as_deref()),
        Some("Ask where they are now, and whether the abuser is there.")
    );
    assert_eq!(variant.step("danger").map(|s| &s.title), base.step("danger").map(|s| &s.title));
    // The base's declared properties hold on the variant, and its own route is added.
    assert_eq!(variant.properties().len(), base.properties().len());
    assert!(variant.verify(pathway_core::VERIFY_LIMIT).all_proven());
    assert!(variant.routes().iter().any(|r| r.id.as_str() == "north_outreach"));
}

/// An author's tools go from a step, destination or route of a variant to where it is written:
/// the variant's own entry where it adds or changes it, the base's file where it does not.
#[test]
fn each_thing_of_a_variant_is_found_where_it_is_written() {
    let base = base_text();
    let (name, text) = fixture(Path::new("tests/fixtures/variants/valid/local_contacts.yaml"));
    let (variant, written) = Pathway::from_yaml_written(&text, Some(&base))
        .unwrap_or_else(|e| panic!("{name} was refused: {e:?}"));
    // The line of `source` where the entry with `id` starts (block or flow style).
    let line_of = |source: &str, id: &str| {
        let entry = |l: &str| l == format!("- id: {id}") || l.starts_with(&format!("- {{ id: {id},"));
        source.lines().position(|l| entry(l.trim_start())).map(|i| i + 1)
    };
    let at = |list: &str, position: Option<usize>| {
        let location = written.item(&format!("{list}[{}]", position.expect("in the variant")));
        location.map(|l| (l.document, l.line))
    };
    let step = |id: &str| variant.steps().iter().position(|s| s.id.as_str() == id);
    let destination = |id: &str| variant.destinations().iter().position(|d| d.id.as_str() == id);
    let route = |id: &str| variant.routes().iter().position(|r| r.id.as_str() == id);
    let main = |id| line_of(&text, id).map(|line| (Document::Main, line));
    let in_base = |id| line_of(&base, id).map(|line| (Document::Base, line));

    // Changed by the variant: its entry in the variant's file.
    assert_eq!(at("steps", step("danger")), main("danger"));
    assert_eq!(at("destinations", destination("children")), main("children"));
    // Added by the variant.
    assert_eq!(at("destinations", destination("north_outreach")), main("north_outreach"));
    assert_eq!(at("routes", route("north_outreach")).map(|(d, _)| d), Some(Document::Main));
    // The base's, unchanged.
    assert_eq!(at("destinations", destination("marac")), in_base("marac"));
    let unchanged_step = variant.steps().iter().position(|s| s.id.as_str() != "danger");
    let id = unchanged_step.map(|i| variant.steps()[i].id.to_string()).unwrap_or_default();
    assert_eq!(at("steps", unchanged_step), in_base(&id));

    // A plain pathway is one file.
    let (plain, plain_written) = Pathway::from_yaml_written(&base, None).expect("the base loads");
    let danger = plain.steps().iter().position(|s| s.id.as_str() == "danger");
    let location = danger.and_then(|i| plain_written.item(&format!("steps[{i}]")));
    assert_eq!(
        location.map(|l| (l.document, l.line)),
        in_base("danger").map(|(_, line)| (Document::Main, line))
    );
}
