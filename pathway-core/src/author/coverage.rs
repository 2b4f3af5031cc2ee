//! Coverage: which steps, answers, routes, destinations, risk levels and criteria a set of
//! case studies reaches, so that none is left untested.

use crate::ids::*;
use crate::model::*;
use crate::walk::outcome::Outcome;
use crate::walk::session::Session;
use crate::walk::sheet::Answer;
use serde::Serialize;
use std::collections::BTreeSet;

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
        StepKind::Checklist { items, .. } => items
            .iter()
            .flat_map(|i| Reply::ALL.iter().map(move |r| format!("{id}.{}={}", i.id, r.id())))
            .collect(),
        _ => vec![format!("{id}=answered")],
    }
}
