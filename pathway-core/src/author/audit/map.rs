//! The column map: which column of a partnership's export is which step or checklist item,
//! and how its values are spelt. Checked like a pathway: every mistake is refused at its line
//! and column, with the nearest name where one is close. See docs/audit.md.

use super::AuditError;
use crate::diagnostic::Location;
use crate::diagnostic::nearest;
use crate::load::source_map;
use crate::model::*;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A checked column map, for one pathway.
#[derive(Clone, Debug, Default)]
pub struct ColumnMap {
    /// The export's column of case ids, if not `id`.
    pub(super) id: Option<String>,
    /// The export's column of referrals actually made, and how destinations are spelt in it.
    pub(super) actual: Option<(String, BTreeMap<String, String>)>,
    /// Export column → what it holds, with its own spellings, checked against the pathway.
    pub(super) columns: Vec<(String, Target, BTreeMap<String, String>)>,
    /// The separator between the options of a multiple-choice answer, and between referrals.
    pub(super) separator: String,
}

/// What a column holds: a step's answer, or one checklist item's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Target {
    Step(StepIx),
    Item(StepIx, ItemIx),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMap {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    actual_referrals: Option<RawActual>,
    #[serde(default)]
    separator: Option<String>,
    /// Spellings shared by every column: export spelling → our value id.
    #[serde(default)]
    values: BTreeMap<String, String>,
    columns: BTreeMap<String, RawColumn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActual {
    column: String,
    #[serde(default)]
    values: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawColumn {
    Plain(String),
    Spelt { answer: String, values: BTreeMap<String, String> },
}

impl ColumnMap {
    /// Reads and checks a column map for `pathway`.
    pub fn from_yaml(pathway: &Pathway, source: &str) -> Result<ColumnMap, Vec<AuditError>> {
        let places = source_map::scan(source).map_err(|d| {
            d.into_iter()
                .map(|d| AuditError::Map { message: d.message, location: d.location, help: d.help })
                .collect::<Vec<_>>()
        })?;
        let raw: RawMap = serde_yaml::from_str(source).map_err(|e| {
            let location = e.location().map(|l| Location {
                line: l.line(),
                column: l.column(),
                offset: l.index(),
                length: 1,
                document: Default::default(),
            });
            vec![AuditError::Map {
                message: e.to_string(),
                location,
                help: "compare with the example in docs/audit.md (The column map)".into(),
            }]
        })?;
        let mut problems = Vec::new();
        let at = |path: &str| places.locate(path);
        let mut columns = Vec::new();
        for (column, written) in raw.columns {
            let (answer, own) = match written {
                RawColumn::Plain(a) => (a, BTreeMap::new()),
                RawColumn::Spelt { answer, values } => (answer, values),
            };
            let path = format!("columns.{column}");
            let Some(target) = target(pathway, &answer) else {
                problems.push(AuditError::Map {
                    message: format!(
                        "`{answer}` is not a step, or a checklist item (`step.item`), of the pathway"
                    ),
                    location: at(&path),
                    help: did_you_mean(&answer, answer_names(pathway).iter().map(String::as_str)),
                });
                continue;
            };
            let known = values_of(pathway, target);
            for (spelling, value) in &own {
                if !known.iter().any(|k| k == value) {
                    problems.push(AuditError::Map {
                        message: format!("`{value}` is not an answer `{answer}` offers"),
                        location: at(&format!("{path}.values.{spelling}")),
                        help: did_you_mean(value, known.iter().map(String::as_str)),
                    });
                }
            }
            // The shared spellings apply where they name a value this column offers.
            let mut spellings: BTreeMap<String, String> = raw
                .values
                .iter()
                .filter(|(_, v)| known.contains(v))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            spellings.extend(own);
            columns.push((column, target, spellings));
        }
        for (spelling, value) in &raw.values {
            if !columns.iter().any(|(_, t, _)| values_of(pathway, *t).contains(value)) {
                problems.push(AuditError::Map {
                    message: format!("`{value}` is not an answer any mapped column offers"),
                    location: at(&format!("values.{spelling}")),
                    help: "use an answer id from the pathway: yes, no, not_known, declined, or an option id"
                        .into(),
                });
            }
        }
        let actual = raw.actual_referrals.map(|a| {
            for (spelling, value) in &a.values {
                if pathway.destination(value).is_none() {
                    problems.push(AuditError::Map {
                        message: format!("`{value}` is not a destination of the pathway"),
                        location: at(&format!("actual_referrals.values.{spelling}")),
                        help: did_you_mean(value, pathway.destinations.iter().map(|d| d.id.as_str())),
                    });
                }
            }
            (a.column, a.values)
        });
        if problems.is_empty() {
            Ok(ColumnMap {
                id: raw.id,
                actual,
                columns,
                separator: raw.separator.unwrap_or_else(|| ";".into()),
            })
        } else {
            Err(problems)
        }
    }
}

/// "did you mean …?" where a known name is close, else what to look at.
pub(super) fn did_you_mean<'a>(written: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    match nearest(written, known) {
        Some(name) => format!("did you mean `{name}`?"),
        None => "check the name against the pathway's steps, items and answers (`pathway synthetic` writes every column)".into(),
    }
}

/// What `step` or `step.item` names.
pub(super) fn target(pathway: &Pathway, name: &str) -> Option<Target> {
    let (step_id, item) = match name.split_once('.') {
        Some((s, i)) => (s, Some(i)),
        None => (name, None),
    };
    let ix = pathway.steps.iter().position(|s| s.id.as_str() == step_id).map(StepIx)?;
    match (&pathway.step_at(ix).kind, item) {
        (StepKind::Checklist { items, .. }, Some(item)) => {
            items.iter().position(|i| i.id.as_str() == item).map(|i| Target::Item(ix, ItemIx(i)))
        }
        (StepKind::Checklist { .. } | StepKind::Info, None) | (_, Some(_)) => None,
        (_, None) => Some(Target::Step(ix)),
    }
}

/// Every name a column may hold: each step answered in one column, and each checklist item.
pub(super) fn answer_names(pathway: &Pathway) -> Vec<String> {
    let mut out = Vec::new();
    for step in &pathway.steps {
        match &step.kind {
            StepKind::Info => {}
            StepKind::Checklist { items, .. } => {
                out.extend(items.iter().map(|i| format!("{}.{}", step.id, i.id)));
            }
            _ => out.push(step.id.to_string()),
        }
    }
    out
}

/// The value ids a column of `target` may hold (none for numbers and text, which are read
/// as written).
pub(super) fn values_of(pathway: &Pathway, target: Target) -> Vec<String> {
    let step = match target {
        Target::Step(s) | Target::Item(s, _) => pathway.step_at(s),
    };
    match (&step.kind, target) {
        (StepKind::YesNo { allowed, .. }, _) => allowed.iter().map(|r| r.id().to_owned()).collect(),
        (StepKind::Checklist { .. }, Target::Item(..)) => {
            Reply::ALL.iter().map(|r| r.id().to_owned()).collect()
        }
        (StepKind::SingleChoice { options } | StepKind::MultipleChoice { options }, _) => {
            options.iter().map(|o| o.id.to_string()).collect()
        }
        _ => Vec::new(),
    }
}
