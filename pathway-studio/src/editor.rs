//! The editor: CodeMirror 6, through its binding in `www/editor.js` (the global `pwEditor`),
//! and the problems it marks, worked out here.

use crate::protocol::{Edit, Problem, Severity};
use serde::Serialize;

/// A problem as the editor marks it: in the file being edited, at a place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mark<'a> {
    pub line: usize,
    pub column: usize,
    pub length: usize,
    pub severity: &'static str,
    pub source: &'a str,
    pub message: String,
    pub fix: Option<&'a Edit>,
}

/// The problems the editor marks: those with a place in the file being edited (a variant's
/// base is not edited here), with their fixes.
pub fn marks(problems: &[Problem]) -> Vec<Mark<'_>> {
    problems
        .iter()
        .filter_map(|p| {
            let place = p.place.filter(|place| !place.in_base)?;
            Some(Mark {
                line: place.line,
                column: place.column,
                length: place.length,
                severity: match p.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                source: &p.code,
                message: format!("{}. {}", p.message, p.help),
                fix: p.fix.as_ref().filter(|f| !f.in_base),
            })
        })
        .collect()
}

pub use binding::*;

mod binding {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// Puts the editor in `host`; `changed` is called after every change to the text.
        #[wasm_bindgen(js_namespace = pwEditor)]
        pub fn create(host: &web_sys::HtmlElement, changed: &js_sys::Function);
        #[wasm_bindgen(js_namespace = pwEditor)]
        pub fn text() -> String;
        #[wasm_bindgen(js_namespace = pwEditor, js_name = setText)]
        pub fn set_text(text: &str);
        /// Puts the cursor at a line and column (from 1), in view, and the focus in the editor.
        #[wasm_bindgen(js_namespace = pwEditor, js_name = goTo)]
        pub fn go_to(line: usize, column: usize);
        /// Replaces `length` characters from the line and column with `insert`.
        #[wasm_bindgen(js_namespace = pwEditor)]
        pub fn edit(line: usize, column: usize, length: usize, insert: &str);
        /// Marks the problems: [`super::Mark`]s as JSON.
        #[wasm_bindgen(js_namespace = pwEditor)]
        pub fn mark(marks: &str);
    }
}
