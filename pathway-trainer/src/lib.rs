//! Trainer mode's engine: what `www/trainer.js` asks of the core, as JSON. A case study file is
//! read (or its error located, as `pathway test` shows it), a walk is played as far as its
//! answers go, and two walks' outcomes are compared. Everything a trainer sees is decided here
//! or in `pathway-core`; the page only draws it.
#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pathway_core::{Answer, CaseStudy, Outcome, Pathway, Reply, StepId, StepKind};
use serde::Serialize;
use serde_json::json;
use wasm_bindgen::prelude::*;

/// One pathway, loaded from its compiled form, to play case studies on.
#[wasm_bindgen]
pub struct Trainer {
    pathway: Pathway,
}

type Answers = Vec<(StepId, Answer)>;

/// A walk played as far as its answers go.
#[derive(Serialize)]
struct Played {
    outcome: Outcome,
    /// Each answer given, in words, in the order asked.
    answers: Vec<pathway_core::AnswerSummary>,
    /// The next question, where the answers do not reach the end: what a trainer must answer
    /// to go on.
    asking: Option<Question>,
    /// Answers given but not asked on this walk (a changed answer took it another way).
    not_asked: Vec<StepId>,
    /// What the diagram lights: steps on the walk, and once it is complete, the routes that
    /// applied and the destinations referred to.
    lit: Lit,
}

#[derive(Serialize)]
struct Lit {
    steps: Vec<StepId>,
    /// Whether the walk has reached the end.
    end: bool,
    routes: Vec<String>,
    destinations: Vec<String>,
}

/// A question as the trainer's "what if" form asks it: every answer it allows, in words.
#[derive(Serialize)]
struct Question {
    id: StepId,
    title: String,
    hint: Option<String>,
    kind: &'static str,
    /// yes_no and single_choice: each answer and its words.
    choices: Vec<Choice>,
    /// multiple_choice: the options (any may be chosen); checklist: the items (each answered
    /// with one of `replies`).
    options: Vec<Choice>,
    replies: Vec<Choice>,
    min: Option<i64>,
    max: Option<i64>,
}

#[derive(Serialize)]
struct Choice {
    id: String,
    label: String,
    /// The answer to give for this choice, where it is one on its own.
    answer: Option<Answer>,
}

fn error(message: impl std::fmt::Display) -> String {
    json!({ "error": message.to_string() }).to_string()
}

fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(error)
}

#[wasm_bindgen]
impl Trainer {
    /// Reads a compiled pathway (as the practitioner's app does); a damaged or mismatched file
    /// is refused with the reason.
    #[wasm_bindgen(constructor)]
    pub fn new(compiled: &[u8]) -> Result<Trainer, JsError> {
        Pathway::from_compiled(compiled)
            .map(|pathway| Trainer { pathway })
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// The pathway's metadata, as JSON.
    pub fn meta(&self) -> String {
        to_json(self.pathway.meta())
    }

    /// A case study file: `{title, story, answers}`, its answers as `play` takes them; or
    /// `{error}`, located in the file as `pathway test` shows it.
    pub fn case_study(&self, file_name: &str, text: &str) -> String {
        let case = match CaseStudy::from_yaml(text) {
            Ok(case) => case,
            Err(e) => return error(e.render(file_name, text, true)),
        };
        // Walked as `pathway test` walks it, so an answer the pathway does not offer, or a step
        // the walk never asks, is located in the file now rather than met in front of a room.
        // Its expectations are not checked: a trainer may play a case to show it differs.
        if let Some(e) = case.run(&self.pathway).0.error {
            return error(e.render(file_name, text, true));
        }
        match case.answers(&self.pathway) {
            Ok(answers) => to_json(&json!({ "title": case.title, "story": case.story, "answers": answers })),
            Err(e) => error(e.render(file_name, text, true)),
        }
    }

    /// Plays a walk (answers as JSON `[[step, answer], …]`) as far as its answers go.
    pub fn play(&self, answers: &str) -> String {
        match self.played(answers) {
            Ok(played) => to_json(&played),
            Err(e) => error(e),
        }
    }

    /// Two walks compared: `{before, after, change}`, the outcomes of each and what changed.
    pub fn compare(&self, before: &str, after: &str) -> String {
        match (self.played(before), self.played(after)) {
            (Ok(b), Ok(a)) => {
                to_json(&json!({ "before": b, "after": a, "change": b.outcome.compare(&a.outcome) }))
            }
            (Err(e), _) | (_, Err(e)) => error(e),
        }
    }

    /// A step's question, as the "what if" form asks it.
    pub fn question(&self, step: &str) -> String {
        match self.pathway.step(step) {
            Some(s) => to_json(&self.question_of(s)),
            None => error(format!("there is no step `{step}`")),
        }
    }
}

impl Trainer {
    fn played(&self, answers: &str) -> Result<Played, String> {
        let answers: Answers =
            serde_json::from_str(answers).map_err(|e| format!("the answers are not readable: {e}"))?;
        let session = pathway_core::walk_as_far_as(&self.pathway, &answers).map_err(|e| e.to_string())?;
        let outcome = session.outcome(&self.pathway).map_err(|e| e.to_string())?;
        let summary = session.summary(&self.pathway).map_err(|e| e.to_string())?;
        let asking = outcome
            .next_step
            .as_ref()
            .and_then(|s| self.pathway.step(s.as_str()))
            .map(|s| self.question_of(s));
        let not_asked = answers
            .iter()
            .filter(|(s, _)| session.answer_to(s.as_str()).is_none() && outcome.next_step.as_ref() != Some(s))
            .map(|(s, _)| s.clone())
            .collect();
        // Routes and destinations light up only once the walk is complete.
        let mut routes: Vec<String> = Vec::new();
        let mut destinations = Vec::new();
        if outcome.complete {
            let notes = outcome.advice.iter().chain(&outcome.warnings).map(|n| &n.route);
            for route in
                outcome.referrals.iter().flat_map(|r| r.reasons.iter().map(|x| &x.route)).chain(notes)
            {
                if !routes.iter().any(|r| r == route.as_str()) {
                    routes.push(route.to_string());
                }
            }
            destinations = outcome.referrals.iter().map(|r| r.destination.to_string()).collect();
        }
        let lit = Lit { steps: outcome.visited.clone(), end: outcome.complete, routes, destinations };
        Ok(Played { outcome, answers: summary, asking, not_asked, lit })
    }

    fn question_of(&self, step: &pathway_core::Step) -> Question {
        let choice = |id: &str, label: &str, answer: Option<Answer>| Choice {
            id: id.to_owned(),
            label: label.to_owned(),
            answer,
        };
        let replies = |allowed: &[Reply]| {
            allowed.iter().map(|r| choice(r.id(), r.label(), Some(Answer::Reply(*r)))).collect()
        };
        let mut q = Question {
            id: step.id.clone(),
            title: step.title.clone(),
            hint: step.hint.clone(),
            kind: step.kind.name(),
            choices: Vec::new(),
            options: Vec::new(),
            replies: Vec::new(),
            min: None,
            max: None,
        };
        match &step.kind {
            StepKind::YesNo { allowed, .. } => q.choices = replies(allowed),
            StepKind::SingleChoice { options } => {
                q.choices = options
                    .iter()
                    .map(|o| choice(o.id.as_str(), &o.label, Some(Answer::Choice(o.id.clone()))))
                    .collect()
            }
            StepKind::MultipleChoice { options } => {
                q.options = options.iter().map(|o| choice(o.id.as_str(), &o.label, None)).collect()
            }
            StepKind::Checklist { items, .. } => {
                q.options = items.iter().map(|i| choice(i.id.as_str(), &i.text, None)).collect();
                q.replies = replies(&Reply::ALL);
            }
            StepKind::Number { min, max, .. } => (q.min, q.max) = (Some(*min), Some(*max)),
            StepKind::Text { .. } | StepKind::Info => {}
        }
        q
    }
}
