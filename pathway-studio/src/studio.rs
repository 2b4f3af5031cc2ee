//! What the studio holds besides the text in the editor, as plain data: the file being written,
//! its base if it is a variant, the case studies opened with it, another version to compare it
//! with, and what the engine last said of each; and the words the studio says about them.
//! Nothing here touches the browser, so it is tested natively (`tests/studio.rs`).

use crate::protocol::{CasesRun, Checked, Comparison, FileKind, MutationRun, Severity, Verified};
pub use pathway_ui::files::Opened;

/// The files opened, in their places.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arrangement {
    /// A pathway (or a variant, with its base) to write, and the case studies opened with it.
    Pathway { main: Opened, base: Option<Base>, cases: Vec<Opened> },
    /// Only case studies: added to those of the pathway being written.
    CasesOnly(Vec<Opened>),
}

/// A variant's base: shown beside it, not edited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Base {
    pub id: String,
    pub file: Opened,
}

/// Puts files opened together in their places: the variant (or else the pathway) to write, its
/// base among the pathways by its id, and the case studies; or says why they cannot be opened.
pub fn arrange(files: Vec<(Opened, FileKind)>) -> Result<Arrangement, String> {
    let is_variant = |k: &FileKind| matches!(k, FileKind::Variant { .. });
    let is_pathway = |k: &FileKind| matches!(k, FileKind::Pathway { .. });
    let main = files
        .iter()
        .position(|(_, k)| is_variant(k))
        .or_else(|| files.iter().position(|(_, k)| is_pathway(k)));
    let cases: Vec<Opened> =
        files.iter().filter(|(_, k)| *k == FileKind::CaseStudy).map(|(f, _)| f.clone()).collect();
    let Some(main) = main else {
        return if cases.is_empty() {
            Err("None of those files is a pathway or a case study.".into())
        } else {
            Ok(Arrangement::CasesOnly(cases))
        };
    };
    let (file, kind) = &files[main];
    let base = match kind {
        FileKind::Variant { base_id } => {
            let base = files.iter().find_map(|(f, k)| match k {
                FileKind::Pathway { id: Some(id) } if id == base_id => {
                    Some(Base { id: id.clone(), file: f.clone() })
                }
                _ => None,
            });
            match base {
                Some(base) => Some(base),
                None => {
                    return Err(format!(
                        "{} is a variant of “{base_id}”: open it together with that pathway's file.",
                        file.name
                    ));
                }
            }
        }
        _ => None,
    };
    Ok(Arrangement::Pathway { main: file.clone(), base, cases })
}

/// `n` things, as "1 case study" or "2 case studies".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The file checked, in a few words: whether it loads, and its errors and warnings.
pub fn problems_line(checked: &Checked) -> String {
    let errors = checked.problems.iter().filter(|p| p.severity == Severity::Error).count();
    let warnings = checked.problems.len() - errors;
    if checked.loaded {
        format!(
            "loads with {} and {}",
            count(errors, "error", "errors"),
            count(warnings, "warning", "warnings")
        )
    } else {
        format!("does not load: {}", count(errors, "error", "errors"))
    }
}

pub fn cases_line(run: &CasesRun) -> String {
    let passed = run.cases.iter().filter(|c| c.passed).count();
    format!("{passed} of {} pass", count(run.cases.len(), "case study", "case studies"))
}

pub fn properties_line(verified: &Verified) -> String {
    let proven = verified.properties.iter().filter(|p| p.verdict == crate::protocol::Verdict::Proven).count();
    format!("{proven} of {} proven", count(verified.properties.len(), "property", "properties"))
}

/// The status line: what is known of the file, its case studies and its properties.
pub fn status(checked: Option<&Checked>, cases: Option<&CasesRun>, verified: Option<&Verified>) -> String {
    let Some(checked) = checked else { return "No pathway open.".into() };
    let mut parts = vec![problems_line(checked)];
    // Case studies and proofs are of a pathway that loads: not shown for one that does not.
    if checked.loaded {
        parts.extend(cases.map(cases_line));
        parts.extend(verified.map(properties_line));
    }
    parts.join(" · ")
}

pub fn mutants_line(run: &MutationRun) -> String {
    format!(
        "{} small mistakes: {} caught, {} change no outcome, {} not noticed (score {:.1}%).",
        run.total,
        run.killed,
        run.equivalent,
        run.survived.len(),
        100.0 * run.score
    )
}

pub fn comparison_line(c: &Comparison) -> String {
    let versions = format!("version {} → the file being written ({})", c.before_version, c.after_version);
    let walks = if c.behaviour.is_empty() {
        format!("No walk ends differently: {versions}.")
    } else {
        format!("Walks now end differently in {}: {versions}.", count(c.behaviour.len(), "way", "ways"))
    };
    let exact = if c.exact {
        " Every class of walk was compared."
    } else {
        " Not every class of walk could be compared."
    };
    walks + exact
}

/// The file a property's counterexample is saved or added as.
pub fn counterexample_file(property: &str) -> String {
    let safe: String = property
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '-' })
        .collect();
    format!("breaks-{safe}.yaml")
}

/// Case studies with `added` among them: one of the same name is replaced.
pub fn with_case(mut cases: Vec<Opened>, added: Opened) -> Vec<Opened> {
    cases.retain(|c| c.name != added.name);
    cases.push(added);
    cases
}
