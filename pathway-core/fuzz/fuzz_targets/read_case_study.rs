//! Any text at all, read as a case study and as an answers file for the County Durham pathway
//! (both are files people hand to `pathway test` and `pathway run`, trainer mode and the
//! studio): reading must return, never panic or hang, and a case study that reads must run
//! forward and back to a report.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pathway_core::{CaseStudy, Pathway, read_answers, walk_answers};
use std::sync::LazyLock;

static DURHAM: LazyLock<Pathway> = LazyLock::new(|| {
    Pathway::from_yaml(include_str!("../../../pathways/durham/pathway.yaml"))
        .expect("the Durham pathway loads")
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(case) = CaseStudy::from_yaml(text) {
        let (report, _) = case.run(&DURHAM);
        // A case study passes only with an outcome reached and nothing in the way of it.
        if report.passed() {
            assert!(report.outcome.is_some() && report.error.is_none(), "{report:?}");
        }
    }
    if let Ok(answers) = read_answers(&DURHAM, text)
        && let Ok(session) = walk_answers(&DURHAM, &answers)
    {
        let _ = session.outcome(&DURHAM);
    }
});
