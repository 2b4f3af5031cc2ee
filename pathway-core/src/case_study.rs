//! Case studies: a short story, the answers given, and the outcome the pathway must reach.
//! `pathway test` runs them forward and back, and measures what they cover.

use crate::diagnostic::Location;
use crate::ids::*;
use crate::model::*;
use crate::outcome::Outcome;
use crate::session::{Position, Session, WalkError};
use crate::sheet::Answer;
use serde::{Deserialize, Serialize};
use serde_yaml::Value;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    title: String,
    story: String,
    answers: serde_yaml::Mapping,
    expect: Expected,
}

/// What a case study says the outcome must be. Lists are exact; fields left out are not
/// checked.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    /// The risk level, or `none` where no risk level applies (for example, a child victim).
    #[serde(default)]
    pub risk: Option<String>,
    #[serde(default)]
    pub score: Option<i64>,
    #[serde(default)]
    pub criteria: Option<Vec<String>>,
    /// Every referral, in the order the outcome gives them.
    pub referrals: Vec<String>,
    #[serde(default)]
    pub interrupts: Option<Vec<String>>,
    /// The routes whose warnings are shown.
    #[serde(default)]
    pub warnings: Option<Vec<String>>,
    /// The steps visited, in order.
    #[serde(default)]
    pub steps: Option<Vec<String>>,
}

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

/// A case study, read but not yet run.
#[derive(Clone, Debug)]
pub struct CaseStudy {
    pub title: String,
    pub story: String,
    answers: serde_yaml::Mapping,
    pub expect: Expected,
}

/// The result of running one case study.
#[derive(Clone, Debug, Serialize)]
pub struct CaseReport {
    pub title: String,
    pub failures: Vec<String>,
    pub outcome: Option<Outcome>,
}

impl CaseReport {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

fn yaml_error(e: &serde_yaml::Error) -> CaseError {
    CaseError::Yaml {
        message: e.to_string(),
        location: e.location().map(|l| Location {
            line: l.line(),
            column: l.column(),
            offset: l.index(),
            length: 1,
        }),
    }
}

/// Reads an answers file: a mapping from step id to answer. See docs/pathway-format.md.
pub fn read_answers(pathway: &Pathway, source: &str) -> Result<Vec<(StepId, Answer)>, CaseError> {
    if source.len() > crate::MAX_BYTES {
        return Err(CaseError::Yaml { message: "the answers file is too large".into(), location: None });
    }
    let map: serde_yaml::Mapping = serde_yaml::from_str(source).map_err(|e| yaml_error(&e))?;
    answers_from(pathway, &map)
}

fn answers_from(pathway: &Pathway, map: &serde_yaml::Mapping) -> Result<Vec<(StepId, Answer)>, CaseError> {
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
        StepKind::Checklist { items } => {
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
    let mut session = Session::new(pathway);
    let mut used = BTreeSet::new();
    loop {
        let position =
            session.position(pathway).map_err(|error| CaseError::Walk { step: String::new(), error })?;
        let Position::Asking(step) = position else {
            break;
        };
        let answer = match answers.iter().find(|(s, _)| *s == step.id) {
            Some((s, a)) => {
                used.insert(s.clone());
                a.clone()
            }
            None if matches!(step.kind, StepKind::Info) => Answer::Continue,
            None => {
                return Err(CaseError::Unanswered { step: step.id.to_string() });
            }
        };
        session
            .answer(pathway, answer)
            .map_err(|error| CaseError::Walk { step: step.id.to_string(), error })?;
    }
    let unused: Vec<&str> =
        answers.iter().filter(|(s, _)| !used.contains(s)).map(|(s, _)| s.as_str()).collect();
    if !unused.is_empty() {
        return Err(CaseError::Unused { steps: unused.join(", ") });
    }
    Ok(session)
}

impl CaseStudy {
    pub fn from_yaml(source: &str) -> Result<CaseStudy, CaseError> {
        let raw: RawCase = serde_yaml::from_str(source).map_err(|e| yaml_error(&e))?;
        Ok(CaseStudy { title: raw.title, story: raw.story, answers: raw.answers, expect: raw.expect })
    }

    pub fn answers(&self, pathway: &Pathway) -> Result<Vec<(StepId, Answer)>, CaseError> {
        answers_from(pathway, &self.answers)
    }

    /// Walks forward to the outcome and checks it; then goes back from the end to the start,
    /// checking that each step back retraces the walk, and forward again to the same outcome.
    pub fn run(&self, pathway: &Pathway) -> (CaseReport, Option<Session>) {
        let mut report = CaseReport { title: self.title.clone(), failures: Vec::new(), outcome: None };
        let session = match self.answers(pathway).and_then(|a| walk(pathway, &a)) {
            Ok(s) => s,
            Err(e) => {
                report.failures.push(e.to_string());
                return (report, None);
            }
        };
        let outcome = match session.outcome(pathway) {
            Ok(o) => o,
            Err(e) => {
                report.failures.push(e.to_string());
                return (report, None);
            }
        };
        self.compare(&outcome, &mut report.failures);
        retrace(pathway, &session, &outcome, &mut report.failures);
        report.outcome = Some(outcome);
        (report, Some(session))
    }

    fn compare(&self, outcome: &Outcome, failures: &mut Vec<String>) {
        let e = &self.expect;
        if let Some(risk) = &e.risk {
            let actual = outcome.risk.as_ref().map(|r| r.level.to_string()).unwrap_or_else(|| "none".into());
            if *risk != actual {
                failures.push(format!("risk level: expected `{risk}`, got `{actual}`"));
            }
        }
        if let Some(score) = e.score {
            let actual = outcome.risk.as_ref().map(|r| r.score);
            if actual != Some(score) {
                failures.push(format!(
                    "score: expected {score}, got {}",
                    actual.map(|s| s.to_string()).unwrap_or("none".into())
                ));
            }
        }
        let criteria: Vec<String> =
            outcome.risk.iter().flat_map(|r| r.criteria.iter().map(|c| c.id.to_string())).collect();
        if let Some(expected) = &e.criteria {
            list_diff("criteria", expected, &criteria, failures);
        }
        let referrals: Vec<String> = outcome.referrals.iter().map(|r| r.destination.to_string()).collect();
        list_diff("referrals", &e.referrals, &referrals, failures);
        if let Some(expected) = &e.interrupts {
            let actual: Vec<String> = outcome.interrupts.iter().map(ToString::to_string).collect();
            list_diff("interrupts", expected, &actual, failures);
        }
        if let Some(expected) = &e.warnings {
            let actual: Vec<String> = outcome.warnings.iter().map(|w| w.route.to_string()).collect();
            list_diff("warnings", expected, &actual, failures);
        }
        if let Some(expected) = &e.steps {
            let actual: Vec<String> = outcome.visited.iter().map(ToString::to_string).collect();
            list_diff("steps", expected, &actual, failures);
        }
    }
}

/// A readable difference between two lists: what is missing, what is extra, and, where they
/// hold the same things, the order.
fn list_diff(what: &str, expected: &[String], actual: &[String], failures: &mut Vec<String>) {
    if expected == actual {
        return;
    }
    let missing: Vec<&str> = expected.iter().filter(|x| !actual.contains(x)).map(String::as_str).collect();
    let extra: Vec<&str> = actual.iter().filter(|x| !expected.contains(x)).map(String::as_str).collect();
    let mut text = format!(
        "{what} differ:\n      expected: [{}]\n      actual:   [{}]",
        expected.join(", "),
        actual.join(", ")
    );
    if !missing.is_empty() {
        text.push_str(&format!("\n      - missing:  {}", missing.join(", ")));
    }
    if !extra.is_empty() {
        text.push_str(&format!("\n      + unexpected: {}", extra.join(", ")));
    }
    if missing.is_empty() && extra.is_empty() {
        text.push_str("\n      (same items, different order)");
    }
    failures.push(text);
}

/// Going back from the end must visit the same steps in reverse, and answering again must
/// give back the same session and outcome.
fn retrace(pathway: &Pathway, session: &Session, outcome: &Outcome, failures: &mut Vec<String>) {
    let mut back = session.clone();
    let mut popped = Vec::new();
    for expected in outcome.visited.iter().rev() {
        let Some((step, answer)) = back.back() else {
            failures.push(format!("going back: ran out of answers before `{expected}`"));
            return;
        };
        let at = match back.position(pathway) {
            Ok(Position::Asking(s)) => s.id.to_string(),
            Ok(Position::Finished) => "the end".into(),
            Err(e) => e.to_string(),
        };
        if step != *expected || at != expected.as_str() {
            failures.push(format!("going back: expected to return to `{expected}`, returned to `{at}`"));
            return;
        }
        popped.push(answer);
    }
    if back.position(pathway).ok().and_then(|p| match p {
        Position::Asking(s) => Some(s.id.clone()),
        Position::Finished => None,
    }) != Some(pathway.start().id.clone())
    {
        failures.push("going back: did not return to the start".into());
    }
    for answer in popped.into_iter().rev() {
        if let Err(e) = back.answer(pathway, answer) {
            failures.push(format!("going forward again: {e}"));
            return;
        }
    }
    if back != *session {
        failures.push("going forward again gave a different session".into());
    }
}

/// What a set of case studies has exercised.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Coverage {
    steps: BTreeSet<String>,
    answers: BTreeSet<String>,
    routes: BTreeSet<String>,
    destinations: BTreeSet<String>,
    levels: BTreeSet<String>,
    criteria: BTreeSet<String>,
}

/// One kind of thing to cover: how many there are, how many were covered, and which were not.
#[derive(Clone, Debug, Serialize)]
pub struct CoverageLine {
    pub what: &'static str,
    pub covered: usize,
    pub total: usize,
    pub missing: Vec<String>,
}

impl Coverage {
    pub fn record(&mut self, session: &Session, outcome: &Outcome) {
        for (step, answer) in session.answers() {
            self.steps.insert(step.to_string());
            for key in answer_keys(step, answer) {
                self.answers.insert(key);
            }
        }
        for r in &outcome.referrals {
            self.destinations.insert(r.destination.to_string());
            for reason in &r.reasons {
                self.routes.insert(reason.route.to_string());
            }
        }
        for note in outcome.advice.iter().chain(&outcome.warnings) {
            self.routes.insert(note.route.to_string());
        }
        if let Some(risk) = &outcome.risk {
            self.levels.insert(risk.level.to_string());
            for c in &risk.criteria {
                self.criteria.insert(c.id.to_string());
            }
        }
    }

    /// Each kind of thing, with what is not yet covered.
    pub fn report(&self, pathway: &Pathway) -> Vec<CoverageLine> {
        let line = |what, all: Vec<String>, seen: &BTreeSet<String>| {
            let missing: Vec<String> = all.iter().filter(|x| !seen.contains(*x)).cloned().collect();
            CoverageLine { what, covered: all.len() - missing.len(), total: all.len(), missing }
        };
        let steps = pathway.steps.iter().map(|s| s.id.to_string()).collect();
        let answers = pathway.steps.iter().flat_map(all_answer_keys).collect();
        let routes = pathway.routes.iter().map(|r| r.id.to_string()).collect();
        let destinations = pathway.destinations.iter().map(|d| d.id.to_string()).collect();
        let (levels, criteria) = match &pathway.risk {
            Some(r) => (
                r.levels.iter().map(|l| l.id.to_string()).collect(),
                r.criteria.iter().map(|c| c.id.to_string()).collect(),
            ),
            None => (Vec::new(), Vec::new()),
        };
        vec![
            line("steps", steps, &self.steps),
            line("answers", answers, &self.answers),
            line("routes", routes, &self.routes),
            line("destinations", destinations, &self.destinations),
            line("risk levels", levels, &self.levels),
            line("risk criteria", criteria, &self.criteria),
        ]
    }
}

/// The coverage keys one answer gives: `step=yes`, `step=option`, `step.item=not_known`.
fn answer_keys(step: &StepId, answer: &Answer) -> Vec<String> {
    match answer {
        Answer::Reply(r) => vec![format!("{step}={}", r.id())],
        Answer::Choice(o) => vec![format!("{step}={o}")],
        Answer::Choices(list) => list.iter().map(|o| format!("{step}={o}")).collect(),
        Answer::Checklist(map) => map.iter().map(|(i, r)| format!("{step}.{i}={}", r.id())).collect(),
        Answer::Number(_) | Answer::Text(_) | Answer::Continue => vec![format!("{step}=answered")],
    }
}

/// Every coverage key a step can give.
fn all_answer_keys(step: &Step) -> Vec<String> {
    let id = &step.id;
    match &step.kind {
        StepKind::YesNo { allowed, .. } => allowed.iter().map(|r| format!("{id}={}", r.id())).collect(),
        StepKind::SingleChoice { options } | StepKind::MultipleChoice { options } => {
            options.iter().map(|o| format!("{id}={}", o.id)).collect()
        }
        StepKind::Checklist { items } => items
            .iter()
            .flat_map(|i| Reply::ALL.iter().map(move |r| format!("{id}.{}={}", i.id, r.id())))
            .collect(),
        _ => vec![format!("{id}=answered")],
    }
}
