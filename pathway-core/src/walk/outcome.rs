//! Working out the result of a walk: the risk level, the criteria met, and the referrals in
//! order of urgency, each with its reasons and the answers behind them.

use crate::cond::Cond;
use crate::ids::*;
use crate::model::*;
use crate::walk::eval::Context;
use crate::walk::sheet::{Fact, Given, Sheet};
use serde::Serialize;
use std::fmt::Write as _;

/// The risk criteria and level for the answers on a sheet.
pub(crate) struct Evaluation<'s, 'p> {
    pub(crate) sheet: &'s Sheet<'p>,
    /// Whether each criterion is met, by `CriterionIx`.
    criteria: Vec<bool>,
    level: Option<LevelIx>,
}

/// Criteria are worked out first, and may not test criteria or levels (`load` refuses that).
struct CriteriaOnly<'s, 'p>(&'s Sheet<'p>);

impl Context for CriteriaOnly<'_, '_> {
    fn sheet(&self) -> &Sheet<'_> {
        self.0
    }
    fn criterion(&self, _: CriterionIx) -> bool {
        false
    }
    fn level(&self) -> Option<LevelIx> {
        None
    }
    fn criterion_facts(&self, _: CriterionIx, _: &mut Vec<Fact>) {}
    fn level_fact(&self, _: &mut Vec<Fact>) {}
}

impl<'s, 'p> Evaluation<'s, 'p> {
    pub(crate) fn new(sheet: &'s Sheet<'p>) -> Self {
        Evaluation::in_room(sheet, Vec::new())
    }

    /// The same, its list of criteria kept in `room` (an audit's, kept from row to row).
    pub(crate) fn in_room(sheet: &'s Sheet<'p>, mut room: Vec<bool>) -> Self {
        room.clear();
        let mut e = Evaluation { sheet, criteria: room, level: None };
        let Some(risk) = &sheet.pathway.risk else {
            return e;
        };
        e.criteria.extend(risk.criteria.iter().map(|c| c.when.holds(&CriteriaOnly(sheet))));
        // A level is given only once the checklist it rests on has been answered.
        if sheet.given(risk.checklist).is_some() {
            let holds = |l: &Level| l.when.as_ref().is_none_or(|w| w.holds(&e));
            e.level = risk.levels.iter().position(holds).map(LevelIx);
        }
        e
    }
}

impl Evaluation<'_, '_> {
    /// Whether each criterion is met, by `CriterionIx`, and the level: with the routes that
    /// apply, all an outcome is made of (`pathway audit` keys what it has worked out by them).
    pub(crate) fn findings(&self) -> (&[bool], Option<LevelIx>) {
        (&self.criteria, self.level)
    }

    /// The list of criteria, for its room.
    pub(crate) fn into_room(self) -> Vec<bool> {
        self.criteria
    }
}

impl Context for Evaluation<'_, '_> {
    fn sheet(&self) -> &Sheet<'_> {
        self.sheet
    }
    fn criterion(&self, index: CriterionIx) -> bool {
        self.criteria.get(index.0).copied().unwrap_or(false)
    }
    fn level(&self) -> Option<LevelIx> {
        self.level
    }
    fn criterion_facts(&self, index: CriterionIx, out: &mut Vec<Fact>) {
        if let Some(c) = self.sheet.pathway.risk.as_ref().and_then(|r| r.criterion_at(index)) {
            out.push(Fact { step: None, about: "Risk criterion met".into(), answer: c.label.clone() });
            c.when.explain(&CriteriaOnly(self.sheet), out);
        }
    }
    fn level_fact(&self, out: &mut Vec<Fact>) {
        let risk = self.sheet.pathway.risk.as_ref();
        if let Some(level) = risk.zip(self.level).and_then(|(r, l)| r.level_at(l)) {
            out.push(Fact { step: None, about: "Risk level".into(), answer: level.label.clone() });
            for (i, met) in self.criteria.iter().enumerate() {
                if let (true, Some(c)) = (*met, risk.and_then(|r| r.criteria.get(i))) {
                    out.push(Fact {
                        step: None,
                        about: "Risk criterion met".into(),
                        answer: c.label.clone(),
                    });
                }
            }
        }
    }
}

/// Which pathway, and which version of it, produced an outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Stamp {
    pub id: String,
    pub title: String,
    pub version: String,
    /// The risk tool the pathway's risk model follows, and its version, where it names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk_model: Option<RiskModelName>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub route: RouteId,
    pub text: String,
    /// The answers and findings that made the route apply.
    pub because: Vec<Fact>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Referral {
    pub destination: DestinationId,
    pub name: String,
    pub category: Category,
    pub urgency: Urgency,
    pub interrupt: bool,
    pub reasons: Vec<Reason>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CriterionMet {
    pub id: CriterionId,
    pub label: String,
    pub because: Vec<Fact>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RiskOutcome {
    pub level: LevelId,
    pub label: String,
    pub description: Option<String>,
    /// The weighted count of "yes" answers, and the most it could be.
    pub score: i64,
    pub max_score: i64,
    /// Items answered "not known" or "declined".
    pub unanswered: usize,
    pub items: usize,
    /// The criteria met, in the pathway's order; the first is the one to give on a MARAC form.
    pub criteria: Vec<CriterionMet>,
    /// How the risk model introduces its criteria, e.g. "MARAC criteria met".
    pub criteria_heading: String,
    /// The score in words, as the risk model counts it (weights included).
    pub summary: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Note {
    pub route: RouteId,
    pub text: String,
}

/// The result of a walk, complete or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub pathway: Stamp,
    /// Whether every question on the walk has been answered.
    pub complete: bool,
    /// The next question, if the walk is not complete.
    pub next_step: Option<StepId>,
    /// The steps answered, in order.
    pub visited: Vec<StepId>,
    /// Destinations to act on at once (for example "call 999 now"), in order of urgency.
    pub interrupts: Vec<DestinationId>,
    /// Every referral, in order of urgency, then in the pathway's order of destinations.
    pub referrals: Vec<Referral>,
    /// The risk level, where the pathway has one and its checklist has been answered.
    pub risk: Option<RiskOutcome>,
    pub advice: Vec<Note>,
    pub warnings: Vec<Note>,
}

/// The bare decision for a set of answers: no reasons, no copies.
#[derive(Clone, Debug)]
pub struct Decision<'p> {
    pub level: Option<&'p Level>,
    pub criteria: Vec<&'p Criterion>,
    /// In order of urgency, then the pathway's order.
    pub referrals: Vec<&'p Destination>,
}

impl Outcome {
    /// The outcome as plain text: for the terminal, and for a practitioner's case notes.
    pub fn to_text(&self) -> String {
        let o = self;
        let mut out = String::new();
        let _ = writeln!(out, "{} (version {})", o.pathway.title, o.pathway.version);
        if let Some(model) = &o.pathway.risk_model {
            let _ = writeln!(out, "Risk model: {model}");
        }
        if !o.complete {
            let _ = writeln!(
                out,
                "The walk is not finished: next question `{}`.",
                o.next_step.as_ref().map(|s| s.as_str()).unwrap_or("")
            );
        }
        if !o.interrupts.is_empty() {
            for r in o.referrals.iter().filter(|r| r.interrupt) {
                let _ = writeln!(out, "\nACT NOW: {}", r.name);
            }
        }
        match &o.risk {
            Some(risk) => {
                let _ = writeln!(
                    out,
                    "\nRisk: {} (score {} of {}; {} of {} items not known or declined)",
                    risk.label, risk.score, risk.max_score, risk.unanswered, risk.items
                );
                for c in &risk.criteria {
                    let _ = writeln!(out, "  criterion met: {}", c.label);
                    for f in &c.because {
                        let _ = writeln!(out, "    because: {f}");
                    }
                }
            }
            None => out.push_str("\nRisk: not assessed\n"),
        }
        out.push_str("\nReferrals, most urgent first:\n");
        if o.referrals.is_empty() {
            out.push_str("  (none)\n");
        }
        for (i, r) in o.referrals.iter().enumerate() {
            let _ = writeln!(out, "  {}. {} [{}] — {}", i + 1, r.name, r.destination, r.urgency);
            for reason in &r.reasons {
                let _ = writeln!(out, "     why: {}", reason.text);
                for f in &reason.because {
                    let _ = writeln!(out, "       because: {f}");
                }
            }
        }
        for (title, notes) in [("Advice to give", &o.advice), ("Warnings", &o.warnings)] {
            if !notes.is_empty() {
                let _ = writeln!(out, "\n{title}:");
                for n in notes {
                    let _ = writeln!(out, "  - {}", n.text);
                }
            }
        }
        let steps: Vec<&str> = o.visited.iter().map(|s| s.as_str()).collect();
        let _ = writeln!(out, "\nSteps: {}", steps.join(" → "));
        out
    }
}

/// Which routes apply to a set of answers, and the destinations they refer to in order of
/// urgency (then the pathway's order): the one referral rule. `Decision`, `Outcome`,
/// interrupts, the analysis and `verify` all read it, so none of them can disagree.
#[derive(Default)]
pub(crate) struct Applied {
    pub(crate) routes: Vec<RouteIx>,
    pub(crate) referrals: Vec<DestIx>,
}

impl Pathway {
    pub(crate) fn applied(&self, eval: &Evaluation<'_, '_>) -> Applied {
        let mut out = Applied::default();
        out.routes.extend((0..self.routes.len()).map(RouteIx).filter(|r| self.route_at(*r).when.holds(eval)));
        self.refer_by(|d| self.referral_order(d), &mut out);
        out
    }

    /// A destination's place among referrals: a plain number, one for each destination.
    pub(crate) fn referral_order(&self, d: DestIx) -> usize {
        self.destination_at(d).urgency.rank() * self.destinations.len() + d.0
    }

    /// The referrals the routes in `applied` make: most urgent first, then in the order of
    /// `destinations`, each destination's `referral_order` given by `order`. `pathway audit`,
    /// which has a faster way to find the routes, works the orders out once and keeps the
    /// lists from case to case.
    pub(crate) fn refer_by(&self, order: impl Fn(DestIx) -> usize, applied: &mut Applied) {
        let Applied { routes, referrals } = applied;
        referrals.clear();
        for d in routes.iter().flat_map(|r| &self.route_at(*r).refer) {
            if referrals.contains(d) {
                continue;
            }
            // Each destination put in its place as it is first found; a case has a few, so
            // a scan is quicker than a search.
            let k = order(*d);
            let place = referrals.iter().position(|e| order(*e) > k).unwrap_or(referrals.len());
            referrals.insert(place, *d);
        }
    }

    pub(crate) fn decision_of<'p>(&'p self, sheet: &Sheet<'_>) -> Decision<'p> {
        let eval = Evaluation::new(sheet);
        let applied = self.applied(&eval);
        let risk = self.risk.as_ref();
        Decision {
            level: risk.zip(eval.level).and_then(|(r, l)| r.level_at(l)),
            criteria: risk
                .map(|r| r.indexed_criteria().filter(|(i, _)| eval.criterion(*i)).map(|(_, c)| c).collect())
                .unwrap_or_default(),
            referrals: applied.referrals.iter().map(|d| self.destination_at(*d)).collect(),
        }
    }

    /// The destinations an interrupt would show for these answers, without the reasons.
    pub(crate) fn fired_interrupts(&self, sheet: &Sheet<'_>) -> Vec<DestIx> {
        let eval = Evaluation::new(sheet);
        self.applied(&eval).referrals.into_iter().filter(|d| self.destination_at(*d).interrupt).collect()
    }

    pub(crate) fn outcome_of(&self, sheet: &Sheet<'_>, visited: &[StepIx], next: Option<StepIx>) -> Outcome {
        let eval = Evaluation::new(sheet);
        let applied = self.applied(&eval);
        let mut reasons: Vec<Vec<Reason>> = vec![Vec::new(); self.destinations.len()];
        let mut advice = Vec::new();
        let mut warnings = Vec::new();
        for route in applied.routes.iter().map(|r| self.route_at(*r)) {
            let mut because = Vec::new();
            route.when.explain(&eval, &mut because);
            dedup_facts(&mut because);
            for d in &route.refer {
                if let Some(list) = reasons.get_mut(d.0) {
                    list.push(Reason {
                        route: route.id.clone(),
                        text: route.reason.clone(),
                        because: because.clone(),
                    });
                }
            }
            if let Some(text) = &route.advice {
                advice.push(Note { route: route.id.clone(), text: text.clone() });
            }
            if let Some(text) = &route.warning {
                warnings.push(Note { route: route.id.clone(), text: text.clone() });
            }
        }
        let referrals: Vec<Referral> = applied
            .referrals
            .iter()
            .map(|ix| {
                let d = self.destination_at(*ix);
                Referral {
                    destination: d.id.clone(),
                    name: d.name.clone(),
                    category: d.category,
                    urgency: d.urgency,
                    interrupt: d.interrupt,
                    reasons: reasons.get_mut(ix.0).map(std::mem::take).unwrap_or_default(),
                }
            })
            .collect();
        Outcome {
            pathway: self.outcome_stamp(),
            complete: next.is_none(),
            next_step: next.map(|s| self.step_at(s).id.clone()),
            visited: visited.iter().map(|s| self.step_at(*s).id.clone()).collect(),
            interrupts: referrals.iter().filter(|r| r.interrupt).map(|r| r.destination.clone()).collect(),
            referrals,
            risk: self.risk_outcome(&eval),
            advice,
            warnings,
        }
    }

    /// Which pathway, version and risk model an outcome comes from.
    pub fn outcome_stamp(&self) -> Stamp {
        Stamp {
            id: self.meta.id.clone(),
            title: self.meta.title.clone(),
            version: self.meta.version.clone(),
            risk_model: self.risk.as_ref().and_then(|r| r.model.clone()),
        }
    }

    fn risk_outcome(&self, eval: &Evaluation<'_, '_>) -> Option<RiskOutcome> {
        let risk = self.risk.as_ref()?;
        let level = risk.level_at(eval.level?)?;
        let (items, answers) = match (&self.step_at(risk.checklist).kind, eval.sheet.given(risk.checklist)) {
            (StepKind::Checklist { items, .. }, Some(Given::Checklist(answers))) => (items, answers),
            _ => return None,
        };
        let criteria = risk
            .indexed_criteria()
            .filter(|(i, _)| eval.criterion(*i))
            .map(|(_, c)| {
                let mut because = Vec::new();
                c.when.explain(&CriteriaOnly(eval.sheet), &mut because);
                dedup_facts(&mut because);
                CriterionMet { id: c.id.clone(), label: c.label.clone(), because }
            })
            .collect();
        let score = eval.sheet.score(risk.checklist).unwrap_or(0);
        let max_score: i64 = items.iter().map(|i| i.weight).sum();
        let unanswered = answers.iter().filter(|r| matches!(r, Reply::NotKnown | Reply::Declined)).count();
        let yes = answers.iter().filter(|r| **r == Reply::Yes).count();
        // Where every item weighs 1 the score is the number of "yes" answers, and saying so
        // is clearer; with weights, the score and the count differ.
        let summary = if items.iter().all(|i| i.weight == 1) {
            format!("{score} “yes” of {} questions; {unanswered} not known or declined.", items.len())
        } else {
            format!(
                "Score {score} of {max_score} ({yes} “yes” of {} questions); {unanswered} not known or declined.",
                items.len()
            )
        };
        Some(RiskOutcome {
            criteria_heading: risk.criteria_heading.clone(),
            summary,
            level: level.id.clone(),
            label: level.label.clone(),
            description: level.description.clone(),
            score,
            max_score,
            unanswered,
            items: items.len(),
            criteria,
        })
    }
}

fn dedup_facts(facts: &mut Vec<Fact>) {
    let mut seen = Vec::with_capacity(facts.len());
    facts.retain(|f| {
        if seen.contains(f) {
            false
        } else {
            seen.push(f.clone());
            true
        }
    });
}

/// Evaluates a condition that does not read the risk level or a criterion (an atom, for
/// example) without working out the risk model.
pub(crate) fn holds_atom(atom: &Cond, sheet: &Sheet<'_>) -> bool {
    atom.holds(&CriteriaOnly(sheet))
}

/// Evaluates a condition against the answers on a sheet, for the walker's branches.
pub(crate) fn holds(cond: &Cond, sheet: &Sheet<'_>) -> bool {
    cond.holds(&Lazily { sheet, eval: std::cell::OnceCell::new() })
}

/// Most branches test answers and flags only: the risk model is worked out only when a
/// condition reads it, and then once. (Looking through each condition first for a leaf that
/// reads it cost an audit more than the evaluation.)
struct Lazily<'s, 'p> {
    sheet: &'s Sheet<'p>,
    eval: std::cell::OnceCell<Evaluation<'s, 'p>>,
}

impl<'s, 'p> Lazily<'s, 'p> {
    fn eval(&self) -> &Evaluation<'s, 'p> {
        self.eval.get_or_init(|| Evaluation::new(self.sheet))
    }
}

impl Context for Lazily<'_, '_> {
    fn sheet(&self) -> &Sheet<'_> {
        self.sheet
    }
    fn criterion(&self, index: CriterionIx) -> bool {
        self.eval().criterion(index)
    }
    fn level(&self) -> Option<LevelIx> {
        self.eval().level()
    }
    fn criterion_facts(&self, index: CriterionIx, out: &mut Vec<Fact>) {
        self.eval().criterion_facts(index, out);
    }
    fn level_fact(&self, out: &mut Vec<Fact>) {
        self.eval().level_fact(out);
    }
}
