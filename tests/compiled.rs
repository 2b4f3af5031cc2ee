//! Every shipped pathway, compiled and read back, walks every one of its case studies to
//! exactly the outcome its YAML gives: the practitioner's site (which loads only compiled
//! pathways) and the `pathway` command cannot disagree.

use pathway_core::{CaseStudy, Pathway};
use pathway_tests::{files, load_pathway, read};

#[test]
fn a_compiled_pathway_walks_every_case_study_to_the_outcome_its_yaml_gives() {
    let pathways = files("pathways", &["pathway.yaml"]);
    assert!(!pathways.is_empty());
    for path in &pathways {
        let from_yaml = load_pathway(path);
        let bytes = from_yaml.to_compiled().unwrap_or_else(|e| panic!("{e}"));
        let compiled = Pathway::from_compiled(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(compiled.stamp(), from_yaml.stamp());
        let dir = path.parent().map(|d| d.join("cases")).unwrap_or_default();
        let relative = dir.strip_prefix(pathway_tests::root()).unwrap_or(&dir).display().to_string();
        let cases = files(&relative, &[".yaml"]);
        assert!(!cases.is_empty(), "{relative} has no case studies");
        for case_path in &cases {
            let case = CaseStudy::from_yaml(&std::fs::read_to_string(case_path).unwrap_or_default())
                .unwrap_or_else(|e| panic!("{}: {e}", case_path.display()));
            let (expected, _) = case.run(&from_yaml);
            let (actual, _) = case.run(&compiled);
            assert!(actual.passed(), "{}: {:?}", case_path.display(), actual.failures);
            assert_eq!(
                serde_json::to_value(&actual.outcome).ok(),
                serde_json::to_value(&expected.outcome).ok(),
                "{}",
                case_path.display()
            );
        }
    }
}

#[test]
fn compiling_is_deterministic() {
    let source = read("pathways/durham/pathway.yaml");
    let compile = || Pathway::from_yaml(&source).ok().and_then(|p| p.to_compiled().ok());
    let first = compile();
    assert!(first.is_some());
    assert_eq!(first, compile());
}
