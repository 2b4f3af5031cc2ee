//! `pathway audit`: what a pathway says on past cases, one row of a partnership's export a
//! case, and what a new version would change. Pure: the caller reads the export and hands
//! over its text, split into records here (`csv_records`), or each row's fields; this module
//! reads them as answers (`columns`, by the column map of `map`), walks them (`auditor`), and
//! counts what it finds (`summary`). docs/audit.md says how to use it and how to handle an
//! export.

mod auditor;
mod columns;
mod csv_records;
mod map;
mod route_table;
mod rows;
mod spellings;
mod summary;

pub use auditor::{Auditor, CaseOutcome, Referred, RowProblem, Walked};
pub use columns::{ACTUAL_COLUMN, ColumnProblem, ID_COLUMN, Layout, nearest_column};
pub use csv_records::CsvRecords;
pub use map::ColumnMap;
pub use rows::{header, row, synthetic};
pub use summary::{Difference, EXAMPLES, Group, NamedDifference, Summary};

use crate::diagnostic::Location;

/// Why an export's header, or a column map, cannot be used: the run stops before any row.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AuditError {
    #[error("{message}")]
    Map { message: String, location: Option<Location>, help: String },
    #[error("the export is empty: it needs a header row naming its columns")]
    Empty,
    #[error("the export's column `{column}` is not a step or checklist item of the pathway")]
    UnknownColumn { column: String, help: String },
    #[error("the column map names `{column}` for {what}, but the export has no such column")]
    MissingColumn { column: String, what: String, help: String },
    #[error("`{answer}` is read from two columns; the second is `{column}`")]
    TwoColumns { column: String, answer: String },
}

impl AuditError {
    /// How to put it right.
    pub fn help(&self) -> &str {
        match self {
            AuditError::Map { help, .. }
            | AuditError::UnknownColumn { help, .. }
            | AuditError::MissingColumn { help, .. } => help,
            AuditError::Empty => "export the cases with a header row, one case a row",
            AuditError::TwoColumns { .. } => "map only one column to each step or item",
        }
    }

    /// The problem, with the column map's file, line and column where it is in the map, and
    /// the fix.
    pub fn render(&self, map_file: &str, map_source: &str) -> String {
        let mut out = format!("error: {self}\n");
        let pad = match self {
            AuditError::Map { location, .. } => {
                crate::diagnostic::snippet(&mut out, map_file, map_source, *location)
            }
            _ => String::new(),
        };
        out.push_str(&format!("{pad} = help: {}\n", self.help()));
        out
    }
}
