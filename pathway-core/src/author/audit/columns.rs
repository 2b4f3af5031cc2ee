//! An export's header resolved against a pathway: which column holds each step's answer (or
//! each checklist item's), the case id and the referrals actually made, and how each column's
//! values are spelt. Then a row's fields read as answers, one step at a time, as the walk
//! reaches it: a column the walk never reaches is not read, as `pathway run` ignores answers
//! to steps a walk does not ask.

use super::AuditError;
use super::map::{ColumnMap, Target, answer_names, did_you_mean, target, values_of};
use super::spellings::Spellings;
use crate::model::*;
use crate::walk::session::check_choices;
use crate::walk::sheet::{Given, MAX_TEXT, Sheet};
use std::collections::BTreeMap;

/// The header row's name for a case's id, where no column map names another.
pub const ID_COLUMN: &str = "id";
/// The header row's name for the referrals actually made, where no column map names another.
pub const ACTUAL_COLUMN: &str = "actual_referrals";

/// A header resolved against one pathway.
#[derive(Clone, Debug)]
pub struct Layout {
    header: Vec<String>,
    id: Option<usize>,
    actual: Option<(usize, Spellings)>,
    /// How each step's answer is read, by `StepIx`.
    steps: Vec<Reading>,
    separator: u8,
}

#[derive(Clone, Debug)]
enum Reading {
    /// No column holds it: the walk stops there.
    Absent,
    /// An information step: nothing to read.
    Seen,
    Column(usize, Spellings),
    /// A checklist: each item's column, where it has one.
    Items(Vec<Option<(usize, Spellings)>>),
}

/// Why a field could not be read: its column, and what is wrong, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnProblem {
    pub column: String,
    pub reason: String,
}

impl Layout {
    /// Resolves `header` against `pathway`, by the column map if there is one, else by the
    /// pathway's own ids. `also` are other versions compared with it: a column one of them
    /// knows is not a mistake, only unread here.
    pub fn new(
        pathway: &Pathway,
        header: &[&str],
        map: Option<&ColumnMap>,
        also: &[&Pathway],
    ) -> Result<Layout, Vec<AuditError>> {
        let mut problems = Vec::new();
        if header.is_empty() || header.iter().all(|h| h.trim().is_empty()) {
            return Err(vec![AuditError::Empty]);
        }
        let position = |name: &str| header.iter().position(|h| h.trim() == name);
        let mut layout = Layout {
            header: header.iter().map(|h| h.trim().to_owned()).collect(),
            id: None,
            actual: None,
            steps: pathway
                .steps
                .iter()
                .map(|s| match &s.kind {
                    StepKind::Info => Reading::Seen,
                    StepKind::Checklist { items, .. } => Reading::Items(vec![None; items.len()]),
                    _ => Reading::Absent,
                })
                .collect(),
            separator: b';',
        };
        let missing = |name: &str, what: &str, problems: &mut Vec<AuditError>| {
            problems.push(AuditError::MissingColumn {
                column: name.to_owned(),
                what: what.to_owned(),
                help: did_you_mean(name, header.iter().copied()),
            });
        };
        let columns: Vec<(String, Target, BTreeMap<String, String>)> = match map {
            Some(map) => {
                layout.separator = map.separator.bytes().next().unwrap_or(b';');
                let id = map.id.as_deref().unwrap_or(ID_COLUMN);
                layout.id = position(id);
                if layout.id.is_none() && map.id.is_some() {
                    missing(id, "the case id", &mut problems);
                }
                if let Some((column, spelt)) = &map.actual {
                    match position(column) {
                        Some(i) => layout.actual = Some((i, destination_spellings(pathway, spelt))),
                        None => missing(column, "the referrals actually made", &mut problems),
                    }
                }
                for (column, _, _) in &map.columns {
                    if position(column).is_none() {
                        missing(column, "an answer", &mut problems);
                    }
                }
                map.columns.clone()
            }
            None => {
                layout.id = position(ID_COLUMN);
                layout.actual =
                    position(ACTUAL_COLUMN).map(|i| (i, destination_spellings(pathway, &BTreeMap::new())));
                let names = answer_names(pathway);
                let mut out = Vec::new();
                for name in header.iter().map(|h| h.trim()) {
                    if name == ID_COLUMN || name == ACTUAL_COLUMN {
                        continue;
                    }
                    match target(pathway, name) {
                        Some(t) => out.push((name.to_owned(), t, BTreeMap::new())),
                        None if also.iter().any(|p| target(p, name).is_some()) => {}
                        None => problems.push(AuditError::UnknownColumn {
                            column: name.to_owned(),
                            help: did_you_mean(
                                name,
                                names.iter().map(String::as_str).chain([ID_COLUMN, ACTUAL_COLUMN]),
                            ),
                        }),
                    }
                }
                out
            }
        };
        for (column, t, spelt) in columns {
            let Some(i) = position(&column) else { continue };
            let spellings = value_spellings(pathway, t, &spelt);
            let slot = match (t, layout.steps.get_mut(step_of(t).0)) {
                (Target::Item(_, item), Some(Reading::Items(items))) => items.get_mut(item.0).map(|s| {
                    let taken = s.is_some();
                    *s = Some((i, spellings));
                    taken
                }),
                (Target::Step(_), Some(slot)) => {
                    let taken = !matches!(slot, Reading::Absent);
                    *slot = Reading::Column(i, spellings);
                    Some(taken)
                }
                _ => None,
            };
            if slot == Some(true) {
                problems.push(AuditError::TwoColumns { column, answer: name_of(pathway, t) });
            }
        }
        if problems.is_empty() { Ok(layout) } else { Err(problems) }
    }

    /// The number of fields every row must have: the header's.
    pub fn width(&self) -> usize {
        self.header.len()
    }

    /// What separates the options of one answer, and referrals, in a field.
    pub fn separator(&self) -> u8 {
        self.separator
    }

    /// The header's names, in order.
    pub fn header(&self) -> &[String] {
        &self.header
    }

    /// Every step and checklist item no column holds: a walk that reaches one stops there.
    pub fn unread(&self, pathway: &Pathway) -> Vec<String> {
        let mut out = Vec::new();
        for (s, reading) in pathway.steps.iter().zip(&self.steps) {
            match reading {
                Reading::Absent => out.push(s.id.to_string()),
                Reading::Items(items) => {
                    if let StepKind::Checklist { items: named, .. } = &s.kind {
                        for (item, slot) in named.iter().zip(items) {
                            if slot.is_none() {
                                out.push(format!("{}.{}", s.id, item.id));
                            }
                        }
                    }
                }
                Reading::Seen | Reading::Column(..) => {}
            }
        }
        out
    }

    /// The case's id, as written (`None` where there is no id column).
    pub fn id<'f>(&self, fields: &[&'f [u8]]) -> Result<Option<&'f str>, ColumnProblem> {
        let Some(i) = self.id else { return Ok(None) };
        let field = fields.get(i).copied().unwrap_or_default();
        std::str::from_utf8(field)
            .map(|s| Some(s.trim()))
            .map_err(|_| self.problem(i, "is not UTF-8 text".into()))
    }

    /// The referrals actually made, where the export records them.
    pub(crate) fn actual(&self, fields: &[&[u8]], out: &mut Vec<DestIx>) -> Result<bool, ColumnProblem> {
        out.clear();
        let Some((i, spellings)) = &self.actual else { return Ok(false) };
        let field = fields.get(*i).copied().unwrap_or_default();
        for part in field.split(|b| *b == self.separator).map(<[u8]>::trim_ascii).filter(|p| !p.is_empty()) {
            let d = spellings.find(part).ok_or_else(|| {
                self.problem(*i, format!("names `{}`, which is not a destination", shown(part)))
            })?;
            if !out.contains(&DestIx(d)) {
                out.push(DestIx(d));
            }
        }
        Ok(true)
    }

    /// Reads the answer to `step` from a row, checked as `pathway run` checks an answer, and
    /// records it on `sheet`: false where the row gives none (its fields are blank). The
    /// problem is boxed, being rare, so that the result comes back in registers: a result as
    /// large as an answer is written to memory and read back before the writes have landed,
    /// which cost about 7% of the audit's time (measured).
    pub(crate) fn record(
        &self,
        pathway: &Pathway,
        step: StepIx,
        fields: &[&[u8]],
        sheet: &mut Sheet<'_>,
    ) -> Result<bool, Box<ColumnProblem>> {
        match self.given(pathway, step, fields, sheet) {
            Ok(Some(given)) => {
                sheet.record(step, given);
                Ok(true)
            }
            Ok(None) => Ok(false),
            Err(problem) => Err(Box::new(problem)),
        }
    }

    /// The answer to `step` in a row: `None` where the row gives none. Its list or text is
    /// read into the room of the last row's answer, where `sheet` kept one.
    #[inline(always)]
    fn given(
        &self,
        pathway: &Pathway,
        step: StepIx,
        fields: &[&[u8]],
        sheet: &mut Sheet<'_>,
    ) -> Result<Option<Given>, ColumnProblem> {
        let s = pathway.step_at(step);
        let field = |i: usize| fields.get(i).copied().unwrap_or_default().trim_ascii();
        match (self.steps.get(step.0), &s.kind) {
            (Some(Reading::Seen), _) => Ok(Some(Given::Seen)),
            (Some(Reading::Absent) | None, _) => Ok(None),
            (Some(Reading::Items(columns)), StepKind::Checklist { .. }) => {
                let mut replies = match sheet.spare(step) {
                    Some(Given::Checklist(mut room)) => {
                        room.clear();
                        room
                    }
                    _ => Vec::with_capacity(columns.len()),
                };
                let mut blank = None;
                for (k, slot) in columns.iter().enumerate() {
                    match slot.as_ref().map(|(i, sp)| (*i, field(*i), sp)) {
                        Some((i, f, sp)) if !f.is_empty() || sp.find(f).is_some() => {
                            let r = sp.find(f).ok_or_else(|| self.unknown(i, f, &s.id.to_string()))?;
                            replies.push(Reply::ALL.get(r).copied().unwrap_or(Reply::NotKnown));
                        }
                        _ => blank = blank.or(Some(k)),
                    }
                }
                match blank {
                    None => Ok(Some(Given::Checklist(replies))),
                    Some(_) if replies.is_empty() => Ok(None),
                    Some(k) => {
                        let column = columns.get(k).and_then(|c| c.as_ref()).map(|(i, _)| *i);
                        let item = match &s.kind {
                            StepKind::Checklist { items, .. } => items.get(k).map(|i| i.id.to_string()),
                            _ => None,
                        };
                        let reason = format!(
                            "has no answer for `{}.{}`, though other items are answered",
                            s.id,
                            item.unwrap_or_default()
                        );
                        Err(match column {
                            Some(i) => self.problem(i, reason),
                            None => ColumnProblem { column: s.id.to_string(), reason },
                        })
                    }
                }
            }
            (Some(Reading::Column(i, spellings)), kind) => {
                let (i, f) = (*i, field(*i));
                if f.is_empty() && spellings.find(f).is_none() {
                    return Ok(None);
                }
                let pick = || spellings.find(f).ok_or_else(|| self.unknown(i, f, &s.id.to_string()));
                match kind {
                    StepKind::YesNo { allowed, .. } => {
                        let r = Reply::ALL.get(pick()?).copied().filter(|r| allowed.contains(r));
                        r.map(|r| Some(Given::Reply(r))).ok_or_else(|| self.unknown(i, f, &s.id.to_string()))
                    }
                    StepKind::SingleChoice { .. } => Ok(Some(Given::Choice(OptionIx(pick()?)))),
                    StepKind::MultipleChoice { options } => {
                        let mut chosen = match sheet.spare(step) {
                            Some(Given::Choices(mut room)) => {
                                room.clear();
                                room
                            }
                            _ => Vec::new(),
                        };
                        for part in f.split(|b| *b == self.separator).map(<[u8]>::trim_ascii) {
                            let o = spellings
                                .find(part)
                                .ok_or_else(|| self.unknown(i, part, &s.id.to_string()))?;
                            chosen.push(OptionIx(o));
                        }
                        check_choices(s, options, chosen)
                            .map(Some)
                            .map_err(|e| self.problem(i, e.to_string()))
                    }
                    StepKind::Number { min, max, .. } => {
                        let n: i64 =
                            std::str::from_utf8(f).ok().and_then(|t| t.parse().ok()).ok_or_else(|| {
                                self.problem(i, format!("`{}` is not a whole number", shown(f)))
                            })?;
                        if (*min..=*max).contains(&n) {
                            Ok(Some(Given::Number(n)))
                        } else {
                            Err(self.problem(i, format!("{n} is outside {min} to {max}")))
                        }
                    }
                    StepKind::Text { .. } => {
                        let text = std::str::from_utf8(f)
                            .map_err(|_| self.problem(i, "is not UTF-8 text".into()))?;
                        if text.chars().count() > MAX_TEXT {
                            return Err(self.problem(i, format!("is longer than {MAX_TEXT} characters")));
                        }
                        let mut kept = match sheet.spare(step) {
                            Some(Given::Text(mut room)) => {
                                room.clear();
                                room
                            }
                            _ => String::new(),
                        };
                        kept.push_str(text);
                        Ok(Some(Given::Text(kept)))
                    }
                    StepKind::Checklist { .. } | StepKind::Info => Ok(None),
                }
            }
            (Some(Reading::Items(_)), _) => Ok(None),
        }
    }

    fn problem(&self, column: usize, reason: String) -> ColumnProblem {
        ColumnProblem { column: self.header.get(column).cloned().unwrap_or_default(), reason }
    }

    fn unknown(&self, column: usize, field: &[u8], step: &str) -> ColumnProblem {
        self.problem(column, format!("`{}` is not an answer `{step}` offers", shown(field)))
    }
}

/// ", did you mean `…`?" where a column of `header` is close to `written`; else nothing.
pub fn nearest_column(written: &str, header: &[String]) -> String {
    crate::diagnostic::nearest(written, header.iter().map(String::as_str))
        .map(|name| format!("; did you mean `{name}`?"))
        .unwrap_or_default()
}

/// A field as shown in a message: at most 40 characters of it, whatever its bytes.
fn shown(field: &[u8]) -> String {
    let text = String::from_utf8_lossy(field);
    let mut out: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        out.push('…');
    }
    out
}

fn step_of(t: Target) -> StepIx {
    match t {
        Target::Step(s) | Target::Item(s, _) => s,
    }
}

fn name_of(pathway: &Pathway, t: Target) -> String {
    match t {
        Target::Step(s) => pathway.step_at(s).id.to_string(),
        Target::Item(s, item) => match &pathway.step_at(s).kind {
            StepKind::Checklist { items, .. } => {
                format!(
                    "{}.{}",
                    pathway.step_at(s).id,
                    items.get(item.0).map(|i| i.id.as_str()).unwrap_or_default()
                )
            }
            _ => pathway.step_at(s).id.to_string(),
        },
    }
}

/// Each value id spells itself; the map's spellings are added to them.
fn value_spellings(pathway: &Pathway, t: Target, spelt: &BTreeMap<String, String>) -> Spellings {
    let known = values_of(pathway, t);
    let position = |value: &str| -> Option<usize> {
        match &pathway.step_at(step_of(t)).kind {
            StepKind::YesNo { .. } | StepKind::Checklist { .. } => Reply::from_id(value).map(|r| r as usize),
            _ => known.iter().position(|k| k == value),
        }
    };
    let mut out: Vec<(Box<[u8]>, usize)> =
        known.iter().filter_map(|k| Some((k.as_bytes().into(), position(k)?))).collect();
    out.extend(spelt.iter().filter_map(|(s, v)| Some((s.trim().as_bytes().into(), position(v)?))));
    Spellings::new(out)
}

fn destination_spellings(pathway: &Pathway, spelt: &BTreeMap<String, String>) -> Spellings {
    let position = |id: &str| pathway.destinations.iter().position(|d| d.id.as_str() == id);
    let mut out: Vec<(Box<[u8]>, usize)> =
        pathway.destinations.iter().enumerate().map(|(i, d)| (d.id.as_str().as_bytes().into(), i)).collect();
    out.extend(spelt.iter().filter_map(|(s, v)| Some((s.trim().as_bytes().into(), position(v)?))));
    Spellings::new(out)
}
