//! What trainer mode asks of the core, typed: a case study file read (or its mistake located,
//! as `pathway test` shows it), a walk played as far as its answers go, two walks' outcomes
//! compared, and a question as the "what if" form asks it. Every decision a trainer sees is
//! made here or in `pathway-core`; the components only draw it.

use pathway_core::{
    Answer, AnswerSummary, CaseStudy, DestinationId, Entry, Metadata, Outcome, OutcomeChange, Pathway,
    RouteId, Step, StepId,
};

/// Answers to a walk's steps, in the order given.
pub type Answers = Vec<(StepId, Answer)>;

/// One pathway, loaded from its compiled form, to play case studies on.
pub struct Trainer {
    pathway: Pathway,
}

/// A case study, read from its file: what a trainer plays.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseFile {
    /// The file's name: the shipped case studies are found by it.
    pub file: String,
    pub title: String,
    pub story: String,
    pub answers: Answers,
}

/// A walk played as far as its answers go.
#[derive(Clone, Debug)]
pub struct Played {
    pub outcome: Outcome,
    /// Each answer given, in words, in the order asked.
    pub answers: Vec<AnswerSummary>,
    /// The next question, where the answers do not reach the end.
    pub asking: Option<Step>,
    /// Answers given but not asked on this walk (a changed answer took it another way).
    pub not_asked: Vec<StepId>,
    /// What the diagram lights.
    pub lit: Lit,
}

/// What the diagram lights for a walk: its steps; and once it is complete, the end, the
/// routes that applied and the destinations referred to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lit {
    pub steps: Vec<StepId>,
    pub end: bool,
    pub routes: Vec<RouteId>,
    pub destinations: Vec<DestinationId>,
}

/// Two walks of one case: as it was, and with an answer changed.
#[derive(Clone, Debug)]
pub struct Compared {
    pub before: Played,
    pub after: Played,
    pub change: OutcomeChange,
}

impl Trainer {
    /// Reads a compiled pathway, as the practitioner's app does; a damaged or mismatched file
    /// is refused with the reason.
    pub fn new(compiled: &[u8]) -> Result<Trainer, String> {
        Pathway::from_compiled(compiled).map(|pathway| Trainer { pathway }).map_err(|e| e.to_string())
    }

    pub fn meta(&self) -> &Metadata {
        self.pathway.meta()
    }

    /// A case study file, or what is wrong with it, located in the file as `pathway test`
    /// shows it.
    pub fn case_study(&self, file: &str, text: &str) -> Result<CaseFile, String> {
        let case = CaseStudy::from_yaml(text).map_err(|e| e.render(file, text, true))?;
        // Walked as `pathway test` walks it, so an answer the pathway does not offer, or a step
        // the walk never asks, is located in the file now rather than met in front of a room.
        // Its expectations are not checked: a trainer may play a case to show it differs.
        if let Some(e) = case.run(&self.pathway).0.error {
            return Err(e.render(file, text, true));
        }
        let answers = case.answers(&self.pathway).map_err(|e| e.render(file, text, true))?;
        Ok(CaseFile { file: file.to_owned(), title: case.title, story: case.story, answers })
    }

    /// Plays a walk as far as its answers go.
    pub fn play(&self, answers: &[(StepId, Answer)]) -> Result<Played, String> {
        let session = pathway_core::walk_as_far_as(&self.pathway, answers).map_err(|e| e.to_string())?;
        let outcome = session.outcome(&self.pathway).map_err(|e| e.to_string())?;
        let summary = session.summary(&self.pathway).map_err(|e| e.to_string())?;
        let asking = outcome.next_step.as_ref().and_then(|s| self.question(s.as_str()));
        let not_asked = answers
            .iter()
            .filter(|(s, _)| session.answer_to(s.as_str()).is_none() && outcome.next_step.as_ref() != Some(s))
            .map(|(s, _)| s.clone())
            .collect();
        let lit = lit(&outcome);
        Ok(Played { outcome, answers: summary, asking, not_asked, lit })
    }

    /// Two walks played and their outcomes compared.
    pub fn compare(
        &self,
        before: &[(StepId, Answer)],
        after: &[(StepId, Answer)],
    ) -> Result<Compared, String> {
        let (before, after) = (self.play(before)?, self.play(after)?);
        let change = before.outcome.compare(&after.outcome);
        Ok(Compared { before, after, change })
    }

    /// A step, whose question the "what if" form asks.
    pub fn question(&self, step: &str) -> Option<Step> {
        self.pathway.step(step).cloned()
    }

    /// What was entered in the what-if form for `step`: the answer, or every problem with it
    /// in the words the practitioner's app uses, checked by the core as that app's pages are.
    /// A text may be left empty: the form asks what the outcome would have been.
    pub fn check(&self, step: &Step, entered: &Entry) -> Result<Answer, Vec<String>> {
        entered
            .check(step, false)
            .map_err(|problems| problems.iter().map(|p| p.problem.message(step)).collect())
    }
}

/// Routes and destinations light up only once the walk is complete: before, they are not yet
/// decided.
fn lit(outcome: &Outcome) -> Lit {
    let mut lit = Lit { steps: outcome.visited.clone(), end: outcome.complete, ..Lit::default() };
    if outcome.complete {
        let reasons = outcome.referrals.iter().flat_map(|r| r.reasons.iter().map(|x| &x.route));
        let notes = outcome.advice.iter().chain(&outcome.warnings).map(|n| &n.route);
        for route in reasons.chain(notes) {
            if !lit.routes.contains(route) {
                lit.routes.push(route.clone());
            }
        }
        lit.destinations = outcome.referrals.iter().map(|r| r.destination.clone()).collect();
    }
    lit
}

impl Compared {
    /// What changed, in the words of the outcome that has each thing: one line each for the
    /// referrals added, removed and reordered, the risk level, the criteria, the warnings and
    /// the interrupts; or a line saying nothing changed.
    pub fn in_words(&self) -> Vec<String> {
        let outcomes = [&self.after.outcome, &self.before.outcome];
        let destination = |id: &DestinationId| {
            let found = outcomes.iter().flat_map(|o| &o.referrals).find(|r| &r.destination == id);
            found.map_or_else(|| id.to_string(), |r| r.name.clone())
        };
        let criterion = |id: &pathway_core::CriterionId| {
            let found = outcomes
                .iter()
                .filter_map(|o| o.risk.as_ref())
                .flat_map(|r| &r.criteria)
                .find(|c| &c.id == id);
            found.map_or_else(|| id.to_string(), |c| c.label.clone())
        };
        let warning = |id: &RouteId| {
            let found = outcomes.iter().flat_map(|o| &o.warnings).find(|w| &w.route == id);
            found.map_or_else(|| id.to_string(), |w| w.text.clone())
        };
        let level = |id: &Option<pathway_core::LevelId>| {
            let found =
                outcomes.iter().filter_map(|o| o.risk.as_ref()).find(|r| Some(&r.level) == id.as_ref());
            found.map_or_else(|| "none".to_owned(), |r| r.label.clone())
        };
        fn say<T>(lines: &mut Vec<String>, ids: &[T], words: &str, name: impl Fn(&T) -> String) {
            if !ids.is_empty() {
                lines.push(format!("{words}: {}", ids.iter().map(name).collect::<Vec<_>>().join("; ")));
            }
        }
        let c = &self.change;
        let mut lines = Vec::new();
        say(&mut lines, &c.referrals_added, "Now referred", destination);
        say(&mut lines, &c.referrals_removed, "No longer referred", destination);
        say(&mut lines, &c.referrals_moved, "In another order", destination);
        if let Some((was, now)) = &c.risk {
            lines.push(format!("Risk level: {} → {}", level(was), level(now)));
        }
        say(&mut lines, &c.criteria_added, "Criteria now met", criterion);
        say(&mut lines, &c.criteria_removed, "Criteria no longer met", criterion);
        say(&mut lines, &c.warnings_added, "New warnings", warning);
        say(&mut lines, &c.warnings_removed, "Warnings gone", warning);
        say(&mut lines, &c.interrupts_added, "Act at once", destination);
        say(&mut lines, &c.interrupts_removed, "No longer at once", destination);
        if lines.is_empty() {
            lines.push("Nothing: the referrals, risk and warnings are the same.".into());
        }
        lines
    }
}
