//! Answers files (a mapping from step id to answer): read, written, and walked. A case
//! study's `answers:` is one, and so is a counterexample from `verify`.

use crate::diagnostic::Location;
use crate::ids::*;
use crate::model::*;
use crate::walk::session::{Position, Session, WalkError};
use crate::walk::sheet::Answer;
use serde::Serialize;
use serde_yaml::Value;
use std::collections::BTreeMap;

/// Why an answers file or case study could not be read or walked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CaseError {
    #[error("{message}")]
    Yaml { message: String, location: Option<Location> },
    #[error("there is no step `{step}` in the pathway")]
    UnknownStep { step: String },
    #[error("the answer to `{step}` should be {expected}")]
    BadValue { step: String, expected: String },
    #[error("the walk stopped at `{step}`: {error}")]
    Walk { step: String, error: WalkError },
    #[error("the walk reached `{step}`, but no answer is given for it")]
    Unanswered { step: String },
    #[error("answers are given for steps the walk never reaches: {steps}")]
    Unused { steps: String },
}

impl CaseError {
    /// Where in the file the mistake is, as a path (`answers.role`): in a case study the
    /// answers are under `answers:`, in an answers file at the top.
    pub fn path(&self, in_case_study: bool) -> String {
        let prefix = if in_case_study { "answers." } else { "" };
        match self {
            CaseError::Yaml { .. } => String::new(),
            CaseError::UnknownStep { step }
            | CaseError::BadValue { step, .. }
            | CaseError::Walk { step, .. } => {
                format!("{prefix}{step}")
            }
            CaseError::Unused { steps } => {
                format!("{prefix}{}", steps.split(", ").next().unwrap_or_default())
            }
            CaseError::Unanswered { .. } => prefix.trim_end_matches('.').to_owned(),
        }
    }

    /// The error as an author sees a pathway's: `file:line:col`, the line, a caret, the fix.
    pub fn render(&self, file_name: &str, source: &str, in_case_study: bool) -> String {
        use std::fmt::Write as _;
        let path = self.path(in_case_study);
        let location = match self {
            CaseError::Yaml { location, .. } => *location,
            _ => crate::load::source_map::scan(source).ok().and_then(|map| map.locate(&path)),
        };
        let mut out = format!("error[case-study]: {self}\n");
        let pad = crate::diagnostic::snippet(&mut out, file_name, source, location);
        if !path.is_empty() {
            let _ = writeln!(out, "{pad} = at: {path}");
        }
        let help = match self {
            CaseError::Yaml { .. } => "compare with the example in docs/pathway-format.md (Case studies)",
            CaseError::UnknownStep { .. } => "check the step id against the pathway's steps",
            CaseError::BadValue { .. } | CaseError::Walk { .. } => "give an answer the step offers",
            CaseError::Unanswered { .. } => "add an answer for that step",
            CaseError::Unused { .. } => {
                "remove the answer, or change an earlier answer so the walk reaches that step"
            }
        };
        let _ = writeln!(out, "{pad} = help: {help}");
        out
    }
}

pub(super) fn yaml_error(e: &serde_yaml::Error) -> CaseError {
    CaseError::Yaml {
        message: e.to_string(),
        location: e.location().map(|l| Location {
            line: l.line(),
            column: l.column(),
            offset: l.index(),
            length: 1,
            document: Default::default(),
        }),
    }
}

/// Reads an answers file: a mapping from step id to answer. See docs/pathway-format.md.
pub fn read_answers(pathway: &Pathway, source: &str) -> Result<Vec<(StepId, Answer)>, CaseError> {
    not_too_large(source, "answers file")?;
    let map: serde_yaml::Mapping = serde_yaml::from_str(source).map_err(|e| yaml_error(&e))?;
    answers_from(pathway, &map)
}

/// Refuses a file larger than a pathway may be, before the YAML parser sees it.
pub(super) fn not_too_large(source: &str, what: &str) -> Result<(), CaseError> {
    if source.len() > crate::MAX_BYTES {
        return Err(CaseError::Yaml { message: format!("the {what} is too large"), location: None });
    }
    Ok(())
}

pub(super) fn answers_from(
    pathway: &Pathway,
    map: &serde_yaml::Mapping,
) -> Result<Vec<(StepId, Answer)>, CaseError> {
    let mut out = Vec::new();
    for (key, value) in map {
        let step_id = key.as_str().ok_or_else(|| CaseError::UnknownStep { step: format!("{key:?}") })?;
        let step =
            pathway.step(step_id).ok_or_else(|| CaseError::UnknownStep { step: step_id.to_owned() })?;
        out.push((step.id.clone(), answer_from(step, value)?));
    }
    Ok(out)
}

fn answer_from(step: &Step, value: &Value) -> Result<Answer, CaseError> {
    let bad = |expected: &str| CaseError::BadValue { step: step.id.to_string(), expected: expected.into() };
    let text = |v: &Value| -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let reply = |v: &Value| text(v).and_then(|s| Reply::from_id(&s));
    const REPLY: &str = "one of yes, no, not_known, declined";
    match &step.kind {
        StepKind::YesNo { .. } => reply(value).map(Answer::Reply).ok_or_else(|| bad(REPLY)),
        StepKind::SingleChoice { .. } => {
            text(value).map(|s| Answer::Choice(OptionId::new(s))).ok_or_else(|| bad("an option id"))
        }
        StepKind::MultipleChoice { .. } => match value {
            Value::Sequence(list) => list
                .iter()
                .map(|v| text(v).map(OptionId::new))
                .collect::<Option<Vec<_>>>()
                .map(Answer::Choices)
                .ok_or_else(|| bad("a list of option ids")),
            v => text(v)
                .map(|s| Answer::Choices(vec![OptionId::new(s)]))
                .ok_or_else(|| bad("a list of option ids")),
        },
        StepKind::Checklist { items, .. } => {
            let Value::Mapping(map) = value else {
                return Err(bad("a mapping of items to answers"));
            };
            let grouped =
                map.keys().all(|k| k.as_str().is_some_and(|k| Reply::from_id(k).is_some() || k == "rest"));
            let mut out = BTreeMap::new();
            if grouped {
                // `yes: [a, b]`, `not_known: [c]`, `rest: no`.
                for (k, v) in map {
                    let Some(k) = k.as_str() else { continue };
                    if k == "rest" {
                        continue;
                    }
                    let r = Reply::from_id(k).ok_or_else(|| bad(REPLY))?;
                    let list: Vec<&Value> = match v {
                        Value::Sequence(list) => list.iter().collect(),
                        v => vec![v],
                    };
                    for item in list {
                        let id = text(item).ok_or_else(|| bad("item ids"))?;
                        out.insert(ItemId::new(id), r);
                    }
                }
                if let Some(rest) = map.get("rest") {
                    let r = reply(rest).ok_or_else(|| bad(REPLY))?;
                    for item in items {
                        out.entry(item.id.clone()).or_insert(r);
                    }
                }
            } else {
                for (k, v) in map {
                    let id = text(k).ok_or_else(|| bad("item ids as keys"))?;
                    out.insert(ItemId::new(id), reply(v).ok_or_else(|| bad(REPLY))?);
                }
            }
            Ok(Answer::Checklist(out))
        }
        StepKind::Number { .. } => value.as_i64().map(Answer::Number).ok_or_else(|| bad("a whole number")),
        StepKind::Text { .. } => text(value).map(Answer::Text).ok_or_else(|| bad("text")),
        StepKind::Info => Ok(Answer::Continue),
    }
}

/// Writes answers as an answers file (the `answers:` of a case study), one step a line,
/// indented by `indent` spaces; `read_answers` reads it back to the same answers.
pub fn answers_yaml(answers: &[(StepId, Answer)], indent: usize) -> String {
    use std::fmt::Write as _;
    // Yes and no are quoted so that YAML reads them as words, not booleans.
    let reply = |r: Reply| match r {
        Reply::Yes | Reply::No => format!("\"{}\"", r.id()),
        _ => r.id().to_owned(),
    };
    let list = |ids: Vec<&str>| format!("[{}]", ids.join(", "));
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for (step, answer) in answers {
        let value = match answer {
            Answer::Continue => continue,
            Answer::Reply(r) => reply(*r),
            Answer::Choice(o) => o.to_string(),
            Answer::Choices(list_of) => list(list_of.iter().map(|o| o.as_str()).collect()),
            Answer::Number(n) => n.to_string(),
            // A YAML double-quoted string.
            Answer::Text(t) => {
                format!("\"{}\"", t.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n"))
            }
            Answer::Checklist(map) => {
                let _ = writeln!(out, "{pad}{step}:");
                for r in [Reply::Yes, Reply::NotKnown, Reply::Declined] {
                    let items: Vec<&str> =
                        map.iter().filter(|(_, x)| **x == r).map(|(i, _)| i.as_str()).collect();
                    if !items.is_empty() {
                        let _ = writeln!(out, "{pad}  {}: {}", r.id(), list(items));
                    }
                }
                let _ = writeln!(out, "{pad}  rest: \"no\"");
                continue;
            }
        };
        let _ = writeln!(out, "{pad}{step}: {value}");
    }
    out
}

/// Walks the pathway with the given answers. Information steps need no answer. Every answer
/// must be used, so a case cannot pass by a path its author did not mean.
pub fn walk(pathway: &Pathway, answers: &[(StepId, Answer)]) -> Result<Session, CaseError> {
    let session = walk_as_far_as(pathway, answers)?;
    if let Ok(Position::Asking(step)) = session.position(pathway) {
        return Err(CaseError::Unanswered { step: step.id.to_string() });
    }
    let unused: Vec<&str> = answers
        .iter()
        .filter(|(s, _)| session.answer_to(s.as_str()).is_none())
        .map(|(s, _)| s.as_str())
        .collect();
    if !unused.is_empty() {
        return Err(CaseError::Unused { steps: unused.join(", ") });
    }
    Ok(session)
}

/// Walks as far as the answers go: each question asked is answered from `answers` (found by
/// its step, wherever it is in the list), information steps are passed, and the walk stops at
/// the first question the answers do not answer. Answers to steps the walk does not ask are
/// left out: for a trainer's "what if", where a changed answer takes the walk another way.
pub fn walk_as_far_as(pathway: &Pathway, answers: &[(StepId, Answer)]) -> Result<Session, CaseError> {
    let mut session = Session::new(pathway);
    loop {
        let position =
            session.position(pathway).map_err(|error| CaseError::Walk { step: String::new(), error })?;
        let Position::Asking(step) = position else {
            return Ok(session);
        };
        let answer = match answers.iter().find(|(s, _)| *s == step.id) {
            Some((_, a)) => a.clone(),
            None if matches!(step.kind, StepKind::Info) => Answer::Continue,
            None => return Ok(session),
        };
        session
            .answer(pathway, answer)
            .map_err(|error| CaseError::Walk { step: step.id.to_string(), error })?;
    }
}
