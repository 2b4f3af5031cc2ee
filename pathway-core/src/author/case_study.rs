//! Case studies: a short story, the answers given, and the outcome the pathway must reach.
//! `pathway test` runs them forward and back, and measures what they cover.

use super::answers::{CaseError, answers_from, not_too_large, walk, yaml_error};
use super::coverage::{Coverage, CoverageLine};
use crate::ids::*;
use crate::model::*;
use crate::walk::outcome::Outcome;
use crate::walk::session::{Position, Session};
use crate::walk::sheet::Answer;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    title: String,
    story: String,
    #[serde(default)]
    pathway: Option<String>,
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
    /// How soon each referral is to be made, as the practitioner is told: every referral, by
    /// destination id, written as a destination's `urgency` is.
    #[serde(default, with = "serde_yaml::with::singleton_map_recursive")]
    pub urgency: Option<BTreeMap<String, Urgency>>,
    /// The contacts the practitioner is given for some of the referrals (each destination's
    /// values, exactly and in order): a second, independent entry of the numbers that matter.
    /// Checked only against the pathway the case study names (`pathway:`), so that a variant,
    /// which may give its own contacts, runs its base's case studies without them.
    #[serde(default)]
    pub contacts: Option<BTreeMap<String, Vec<String>>>,
    #[serde(default)]
    pub interrupts: Option<Vec<String>>,
    /// The routes whose warnings are shown.
    #[serde(default)]
    pub warnings: Option<Vec<String>>,
    /// The steps visited, in order.
    #[serde(default)]
    pub steps: Option<Vec<String>>,
}

/// A case study, read but not yet run.
#[derive(Clone, Debug)]
pub struct CaseStudy {
    pub title: String,
    pub story: String,
    /// The id of the pathway it was written for, if it says.
    pub pathway: Option<String>,
    answers: serde_yaml::Mapping,
    pub expect: Expected,
}

/// The result of running one case study.
#[derive(Clone, Debug, Serialize)]
pub struct CaseReport {
    pub title: String,
    pub failures: Vec<String>,
    /// Why the answers could not be walked, if they could not: located by `CaseError::render`.
    pub error: Option<CaseError>,
    pub outcome: Option<Outcome>,
}

impl CaseReport {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

impl CaseStudy {
    pub fn from_yaml(source: &str) -> Result<CaseStudy, CaseError> {
        not_too_large(source, "case study")?;
        let raw: RawCase = serde_yaml::from_str(source).map_err(|e| yaml_error(&e))?;
        Ok(CaseStudy {
            title: raw.title,
            story: raw.story,
            pathway: raw.pathway,
            answers: raw.answers,
            expect: raw.expect,
        })
    }

    pub fn answers(&self, pathway: &Pathway) -> Result<Vec<(StepId, Answer)>, CaseError> {
        answers_from(pathway, &self.answers)
    }

    /// Walks forward to the outcome and checks it; then goes back from the end to the start,
    /// checking that each step back retraces the walk, and forward again to the same outcome.
    pub fn run(&self, pathway: &Pathway) -> (CaseReport, Option<Session>) {
        let mut report =
            CaseReport { title: self.title.clone(), failures: Vec::new(), error: None, outcome: None };
        let session = match self.answers(pathway).and_then(|a| walk(pathway, &a)) {
            Ok(s) => s,
            Err(e) => {
                report.failures.push(e.to_string());
                report.error = Some(e);
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
        self.compare(pathway, &outcome, &mut report.failures);
        retrace(pathway, &session, &outcome, &mut report.failures);
        report.outcome = Some(outcome);
        (report, Some(session))
    }

    fn compare(&self, pathway: &Pathway, outcome: &Outcome, failures: &mut Vec<String>) {
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
        if let Some(expected) = &e.urgency {
            compare_urgency(expected, outcome, failures);
        }
        let ours = self.pathway.as_deref().is_none_or(|id| id == pathway.meta().id);
        if let Some(expected) = e.contacts.as_ref().filter(|_| ours) {
            compare_contacts(expected, pathway, &referrals, failures);
        }
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

/// Case study files run against a pathway, as `pathway test` and the studio run them.
#[derive(Clone, Debug, Serialize)]
pub struct SuiteReport {
    pub cases: Vec<CaseRun>,
    /// What the case studies reach together, and what none of them does.
    pub coverage: Vec<CoverageLine>,
}

/// One case study file run: its report (for a file that cannot be read, the reason, located),
/// and its answers, so another front end can check that it reaches the same outcome.
#[derive(Clone, Debug, Serialize)]
pub struct CaseRun {
    pub name: String,
    pub report: CaseReport,
    pub answers: Option<Vec<(StepId, Answer)>>,
}

impl Pathway {
    /// Runs case study files, each given as its name and text, forward and back, and measures
    /// what they cover together.
    pub fn run_case_studies<'a>(&self, files: impl IntoIterator<Item = (&'a str, &'a str)>) -> SuiteReport {
        let mut coverage = Coverage::default();
        let mut cases = Vec::new();
        for (name, text) in files {
            let (report, answers) = match CaseStudy::from_yaml(text) {
                Ok(case) => {
                    let (report, session) = case.run(self);
                    if let (Some(session), Some(outcome)) = (&session, &report.outcome) {
                        coverage.record(session, outcome);
                    }
                    (report, case.answers(self).ok())
                }
                Err(e) => {
                    let failures = vec![e.to_string()];
                    (CaseReport { title: String::new(), failures, error: Some(e), outcome: None }, None)
                }
            };
            cases.push(CaseRun { name: name.to_owned(), report, answers });
        }
        SuiteReport { cases, coverage: coverage.report(self) }
    }
}

/// A case study file for a walk: its title and story, its answers, and as `expect` the outcome
/// they reach now (risk, score, criteria, referrals, interrupts, warnings). `CaseStudy::from_yaml`
/// reads it back, and it passes against the pathway it was written from.
pub fn case_study_yaml(title: &str, story: &str, answers: &[(StepId, Answer)], outcome: &Outcome) -> String {
    let quoted = |t: &str| format!("\"{}\"", t.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', " "));
    let list = |ids: Vec<String>| format!("[{}]", ids.join(", "));
    let risk = outcome.risk.as_ref();
    let mut out = format!("title: {}\nstory: {}\nanswers:\n", quoted(title), quoted(story));
    out.push_str(&super::answers::answers_yaml(answers, 2));
    out.push_str("expect:\n");
    out.push_str(&format!(
        "  risk: {}\n",
        risk.map(|r| r.level.to_string()).unwrap_or_else(|| "none".into())
    ));
    if let Some(r) = risk {
        out.push_str(&format!("  score: {}\n", r.score));
        out.push_str(&format!(
            "  criteria: {}\n",
            list(r.criteria.iter().map(|c| c.id.to_string()).collect())
        ));
    }
    let referrals = outcome.referrals.iter().map(|r| r.destination.to_string()).collect();
    out.push_str(&format!("  referrals: {}\n", list(referrals)));
    out.push_str(&format!("  urgency: {}\n", urgency_yaml(outcome)));
    out.push_str(&format!(
        "  interrupts: {}\n",
        list(outcome.interrupts.iter().map(ToString::to_string).collect())
    ));
    out.push_str(&format!(
        "  warnings: {}\n",
        list(outcome.warnings.iter().map(|w| w.route.to_string()).collect())
    ));
    out
}

/// Each referral's urgency against the case study's, in the words the practitioner reads.
fn compare_urgency(expected: &BTreeMap<String, Urgency>, outcome: &Outcome, failures: &mut Vec<String>) {
    for r in &outcome.referrals {
        match expected.get(r.destination.as_str()) {
            None => failures.push(format!(
                "urgency: `{}` is referred (\"{}\"), but the case study does not say how urgently",
                r.destination, r.urgency
            )),
            Some(u) if *u != r.urgency => failures.push(format!(
                "urgency of `{}`: expected \"{u}\", the pathway says \"{}\"",
                r.destination, r.urgency
            )),
            Some(_) => {}
        }
    }
    for id in expected.keys().filter(|id| !outcome.referrals.iter().any(|r| r.destination.as_str() == *id)) {
        failures.push(format!("urgency: given for `{id}`, which is not referred"));
    }
}

/// The contacts given for each destination the case study names, which must be referred.
fn compare_contacts(
    expected: &BTreeMap<String, Vec<String>>,
    pathway: &Pathway,
    referrals: &[String],
    failures: &mut Vec<String>,
) {
    for (id, values) in expected {
        if !referrals.contains(id) {
            failures.push(format!("contacts: given for `{id}`, which is not referred"));
            continue;
        }
        let actual: Vec<String> = pathway
            .destination(id)
            .map(|d| d.contacts.iter().map(|c| c.value.clone()).collect())
            .unwrap_or_default();
        list_diff(&format!("contacts of `{id}`"), values, &actual, failures);
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

/// Each referral's urgency as a case study writes it: `{ marac: same_working_day, … }`.
fn urgency_yaml(outcome: &Outcome) -> String {
    if outcome.referrals.is_empty() {
        return "{}".into();
    }
    let each = outcome.referrals.iter().map(|r| {
        let u = match r.urgency {
            Urgency::Immediate => "immediate".to_owned(),
            Urgency::SameWorkingDay => "same_working_day".to_owned(),
            Urgency::WithinWorkingDays(n) => format!("{{ within_working_days: {n} }}"),
            Urgency::Routine => "routine".to_owned(),
        };
        format!("{}: {u}", r.destination)
    });
    format!("{{ {} }}", each.collect::<Vec<_>>().join(", "))
}
