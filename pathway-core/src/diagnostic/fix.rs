//! One-click fixes. Where a problem is a misspelt id, answer or value and exactly one known
//! name is close to it, the change to the text that puts it right: the author's tools offer
//! it ("did you mean"), and the studio applies it with one click.

use super::{Diagnostic, Document, Files, Problem};
use serde::Serialize;

/// A change to the text that fixes a problem: replace `length` characters from the line and
/// column with `insert`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, in words: "change `risk_checklst` to `risk_checklist`".
    pub label: String,
    pub document: Document,
    pub line: usize,
    pub column: usize,
    pub length: usize,
    pub insert: String,
}

/// The one name among `known` close enough to `written` to be a slip of the keyboard: at
/// most a quarter of its letters different (one to three), and nearer than any other.
pub(crate) fn nearest<'a>(written: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let length = written.chars().count();
    let limit = (length / 4).clamp(1, 3);
    let mut best: Option<(usize, &str)> = None;
    let mut tied = false;
    for name in known {
        // No edit distance is less than the difference in length: a name far longer or
        // shorter is passed over without the quadratic comparison (a whole export's header,
        // or a 10 MB field, may be compared).
        if name.chars().count().abs_diff(length) > limit {
            continue;
        }
        let distance = strsim::damerau_levenshtein(written, name);
        match best {
            _ if distance > limit || distance == 0 => {}
            Some((d, _)) if distance > d => {}
            Some((d, _)) if distance == d => tied = true,
            _ => {
                best = Some((distance, name));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(_, name)| name.to_owned())
}

/// The names in a list written as "`a`, `b`, `c`".
fn listed(list: &str) -> impl Iterator<Item = &str> {
    list.split('`').skip(1).step_by(2)
}

impl Problem {
    /// The wrong name as written, and the known name the author probably meant.
    fn misspelling(&self) -> Option<(&str, String)> {
        match self {
            Problem::UnknownReference { id, nearest: Some(near), .. } => Some((id, near.clone())),
            Problem::UnknownAnswer { value, allowed: list, .. }
            | Problem::UnknownValue { value, expected: list } => Some((value, nearest(value, listed(list))?)),
            _ => None,
        }
    }
}

impl Diagnostic {
    /// The change that fixes this problem, where the core knows one: the misspelt value, as
    /// written (quoted or not), replaced by the name meant. Offered only where the located text
    /// is exactly the misspelt value, so a fix can never change anything else.
    pub fn fix(&self, files: &Files) -> Option<Fix> {
        let (wrong, right) = self.problem.misspelling()?;
        let at = self.location?;
        let line = files.get(at.document).text.lines().nth(at.line.checked_sub(1)?)?;
        let from: String = line.chars().skip(at.column.checked_sub(1)?).collect();
        ["", "\"", "'"].into_iter().find_map(|quote| {
            let written = format!("{quote}{wrong}{quote}");
            let rest = from.strip_prefix(&written)?;
            let whole = !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '-');
            whole.then(|| Fix {
                label: format!("change `{wrong}` to `{right}`"),
                document: at.document,
                line: at.line,
                column: at.column,
                length: written.chars().count(),
                insert: format!("{quote}{right}{quote}"),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_name_is_offered_only_when_it_is_close_and_alone() {
        assert_eq!(nearest("risk_checklst", ["risk_checklist", "role"]).as_deref(), Some("risk_checklist"));
        assert_eq!(nearest("marac", ["marac"]), None, "an exact match is not a slip");
        assert_eq!(nearest("police", ["idva", "marac"]), None, "nothing close");
        assert_eq!(nearest("cat", ["bat", "hat"]), None, "two equally close: no guess");
        assert_eq!(nearest("yse", listed("`yes`, `no`")).as_deref(), Some("yes"));
    }
}
