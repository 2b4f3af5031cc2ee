//! One worker's share of an audit: chunks of rows read, walked by its own auditors (one per
//! version), counted, and written as JSON Lines, in the chunk's order.

use super::input::{Kind, Pool};
use pathway_core::audit::{Auditor, CsvRecords, Difference, NamedDifference, RowProblem, Summary};
use pathway_core::{Pathway, VersionChanges};
use serde::Serialize;

/// What the caller wants written for each case.
#[derive(Clone, Copy)]
pub(crate) struct Wanted {
    pub(crate) outcomes: bool,
    pub(crate) differences: bool,
}

/// A chunk's rows walked: counts, lines to write, and the rows that could not be read (by
/// their place in the chunk, counting from 0).
#[derive(Default)]
pub(crate) struct Walked {
    pub(crate) rows: u64,
    pub(crate) summary: Summary,
    pub(crate) outcomes: Vec<u8>,
    pub(crate) differences: Vec<u8>,
    pub(crate) unreadable: Vec<(u64, RowProblem)>,
}

/// Which pathway and risk model an outcome comes from, written on each line as JSON.
fn stamp_json(pathway: &Pathway) -> Box<serde_json::value::RawValue> {
    let json = serde_json::to_string(&pathway.outcome_stamp()).unwrap_or_else(|_| "null".into());
    serde_json::value::RawValue::from_string(json).unwrap_or_default()
}

pub(crate) struct Worker<'p> {
    auditors: Vec<Auditor<'p>>,
    /// One CSV reader for every chunk: it keeps its buffers.
    csv: CsvRecords,
    stamps: Vec<Box<serde_json::value::RawValue>>,
    versions: Option<(VersionChanges, String)>,
    kind: Kind,
    wanted: Wanted,
    pool: &'p Pool,
}

impl<'p> Worker<'p> {
    pub(crate) fn new(auditors: Vec<Auditor<'p>>, kind: Kind, wanted: Wanted, pool: &'p Pool) -> Self {
        let pathways: Vec<&Pathway> = auditors.iter().map(|a| a.pathway()).collect();
        let versions = match pathways.as_slice() {
            [old, new] => Some((VersionChanges::new(old, new), old.meta().version.clone())),
            _ => None,
        };
        let stamps = pathways.iter().map(|p| stamp_json(p)).collect();
        Worker { auditors, csv: CsvRecords::default(), stamps, versions, kind, wanted, pool }
    }

    /// Walks every row of a chunk, and hands back its buffer.
    pub(crate) fn chunk(&mut self, bytes: Vec<u8>) -> (Walked, Vec<u8>) {
        let buffer = |wanted: bool| if wanted { self.pool.take() } else { Vec::new() };
        let mut out = Walked {
            outcomes: buffer(self.wanted.outcomes),
            differences: buffer(self.wanted.differences),
            ..Walked::default()
        };
        match self.kind {
            Kind::Csv => {
                let mut csv = std::mem::take(&mut self.csv);
                csv.each(&bytes, |fields| self.row(fields, &mut out));
                self.csv = csv;
                (out, bytes)
            }
            Kind::JsonLines => {
                let width = self.auditors.first().map(|a| a.layout().width()).unwrap_or(0);
                let separator = self.auditors.first().map(|a| a.layout().separator()).unwrap_or(b';');
                for line in bytes.split(|b| *b == b'\n').filter(|l| !l.trim_ascii().is_empty()) {
                    match self.fields_of_json(line, width, separator) {
                        Ok(owned) => {
                            let fields: Vec<&[u8]> = owned.iter().map(Vec::as_slice).collect();
                            self.row(&fields, &mut out);
                        }
                        Err(problem) => {
                            out.unreadable.push((out.rows, problem));
                            out.rows += 1;
                        }
                    }
                }
                (out, bytes)
            }
        }
    }

    /// A JSON object's values in the header's order (the header is the first object's keys).
    fn fields_of_json(&self, line: &[u8], width: usize, separator: u8) -> Result<Vec<Vec<u8>>, RowProblem> {
        let bad = |reason: String| {
            RowProblem::Field(pathway_core::audit::ColumnProblem { column: String::new(), reason })
        };
        let object: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(line).map_err(|e| bad(format!("is not a JSON object: {e}")))?;
        let layout = self.auditors.first().map(|a| a.layout());
        let header = layout.map(|l| l.header()).unwrap_or_default();
        let mut fields = vec![Vec::new(); width];
        for (key, value) in object {
            let Some(i) = header.iter().position(|h| *h == key) else {
                let help = pathway_core::audit::nearest_column(&key, header);
                return Err(RowProblem::Field(pathway_core::audit::ColumnProblem {
                    column: key,
                    reason: format!("is not a column of the first row{help}"),
                }));
            };
            let text = |v: &serde_json::Value| match v {
                serde_json::Value::String(s) => Some(s.clone().into_bytes()),
                serde_json::Value::Bool(true) => Some(b"yes".to_vec()),
                serde_json::Value::Bool(false) => Some(b"no".to_vec()),
                serde_json::Value::Number(n) => Some(n.to_string().into_bytes()),
                serde_json::Value::Null => Some(Vec::new()),
                _ => None,
            };
            let field = match &value {
                serde_json::Value::Array(list) => {
                    let parts: Option<Vec<Vec<u8>>> = list.iter().map(text).collect();
                    parts.map(|p| p.join(&separator))
                }
                other => text(other),
            };
            let field = field.ok_or_else(|| {
                RowProblem::Field(pathway_core::audit::ColumnProblem {
                    column: key.clone(),
                    reason: "holds an object: give a value, or a list of values".into(),
                })
            })?;
            if let Some(slot) = fields.get_mut(i) {
                *slot = field;
            }
        }
        Ok(fields)
    }

    fn row(&mut self, fields: &[&[u8]], out: &mut Walked) {
        let place = out.rows;
        out.rows += 1;
        let layout = match self.auditors.first() {
            Some(a) => a.layout(),
            None => return,
        };
        let id = match layout.id(fields) {
            Ok(id) => id.unwrap_or_default(),
            Err(problem) => {
                out.unreadable.push((place, RowProblem::Field(problem)));
                return;
            }
        };
        let row_id;
        let id = if id.is_empty() {
            row_id = format!("row {}", place + 1);
            row_id.as_str()
        } else {
            id
        };
        match self.auditors.as_mut_slice() {
            [one] => {
                let pathway = one.pathway();
                match one.walk(fields) {
                    Ok(walked) => {
                        out.summary.walked(id, walked.outcome);
                        let named = |found: &[Difference]| found.iter().map(|d| d.named(pathway)).collect();
                        if let Some(found) = walked.differences {
                            out.summary.compared(id, found);
                            if self.wanted.differences && !found.is_empty() {
                                let differences = named(found);
                                write_line(&mut out.differences, &Differs { id, differences });
                            }
                        }
                        if self.wanted.outcomes {
                            let line = Line {
                                id,
                                pathway: &self.stamps[0],
                                outcome: walked.outcome,
                                differences: walked.differences.map(named),
                            };
                            write_line(&mut out.outcomes, &line);
                        }
                    }
                    Err(problem) => out.unreadable.push((place, problem)),
                }
            }
            [old, new] => {
                let Some((changes, old_version)) = &self.versions else { return };
                let before = old.walk(fields);
                let after = new.walk(fields);
                let found = match (&before, &after) {
                    (Ok(b), Ok(a)) => changes.between([b.outcome, a.outcome]),
                    (Err(p), Ok(_)) => vec![format!("{old_version} cannot read it: {}", p.kind())],
                    (Ok(_), Err(p)) => vec![format!("the later version cannot read it: {}", p.kind())],
                    (Err(p), Err(_)) => {
                        out.unreadable.push((place, p.clone()));
                        return;
                    }
                };
                match &after {
                    Ok(a) => out.summary.walked(id, a.outcome),
                    Err(_) => out.summary.rows += 1,
                }
                out.summary.changed(id, &found);
                if self.wanted.differences && !found.is_empty() {
                    write_line(&mut out.differences, &Changed { id, changes: &found });
                }
                if self.wanted.outcomes {
                    let side = |walked: &Result<pathway_core::audit::Walked<'_, '_>, RowProblem>, stamp| {
                        match walked {
                            Ok(w) => serde_json::to_value(Line {
                                id,
                                pathway: stamp,
                                outcome: w.outcome,
                                differences: None,
                            }),
                            Err(p) => Ok(serde_json::json!({ "error": p.to_string() })),
                        }
                    };
                    let line = serde_json::json!({
                        "id": id,
                        "before": side(&before, &self.stamps[0]).unwrap_or_default(),
                        "after": side(&after, &self.stamps[1]).unwrap_or_default(),
                        "changes": found,
                    });
                    write_line(&mut out.outcomes, &line);
                }
            }
            _ => {}
        }
    }
}

/// One case's outcome, as a line: its id, the pathway and risk model, and the outcome.
#[derive(Serialize)]
struct Line<'a, 'p> {
    id: &'a str,
    pathway: &'a serde_json::value::RawValue,
    #[serde(flatten)]
    outcome: &'a pathway_core::audit::CaseOutcome<'p>,
    #[serde(skip_serializing_if = "Option::is_none")]
    differences: Option<Vec<NamedDifference<'p>>>,
}

#[derive(Serialize)]
struct Differs<'a, 'p> {
    id: &'a str,
    differences: Vec<NamedDifference<'p>>,
}

#[derive(Serialize)]
struct Changed<'a> {
    id: &'a str,
    changes: &'a [String],
}

fn write_line(out: &mut Vec<u8>, value: &impl Serialize) {
    if serde_json::to_writer(&mut *out, value).is_ok() {
        out.push(b'\n');
    }
}
