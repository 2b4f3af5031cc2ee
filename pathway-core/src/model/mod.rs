//! The validated pathway. Only `load` builds these, so every reference in them resolves.

use crate::cond::Cond;
#[cfg(feature = "authoring")]
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Location;
use crate::ids::*;
pub use crate::index::Reply;
pub(crate) use crate::index::{
    CriterionIx, DestIx, FlagIx, ItemIx, LevelIx, OptionIx, ReplySet, RouteIx, StepIx, Target,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

mod risk;
mod step;
pub use risk::{Criterion, Level, RiskModel, RiskModelName};
pub(crate) use step::Next;
pub use step::{ChecklistItem, ChoiceOption, ReplyRule, Requirement, Step, StepKind, Topic};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Metadata {
    pub id: String,
    pub title: String,
    pub version: String,
    pub area: String,
    pub owner: String,
    pub last_reviewed: String,
    pub disclaimer: String,
    pub summary: Option<String>,
    /// What changed in each version, newest first as written.
    pub changes: Vec<ChangeNote>,
}

impl Metadata {
    /// What changed in this version, if the pathway says.
    pub fn current_changes(&self) -> Option<&ChangeNote> {
        self.changes.iter().find(|c| c.version == self.version)
    }
}

/// What changed in one version, for the practitioners who use it (shown on the start page).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ChangeNote {
    pub version: String,
    pub date: String,
    pub what: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Source {
    pub id: SourceId,
    pub title: String,
    pub url: String,
    pub publisher: Option<String>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Flag {
    pub id: FlagId,
    pub description: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Emergency,
    Statutory,
    Specialist,
    Helpline,
    Advice,
}

/// How soon to refer. The order of the variants is the order of urgency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Immediate,
    SameWorkingDay,
    WithinWorkingDays(u8),
    Routine,
}

impl Urgency {
    /// Its place in the order of urgency, as a number: the most urgent is 0.
    pub(crate) fn rank(self) -> usize {
        match self {
            Urgency::Immediate => 0,
            Urgency::SameWorkingDay => 1,
            Urgency::WithinWorkingDays(days) => 2 + usize::from(days),
            Urgency::Routine => 2 + usize::from(u8::MAX) + 1,
        }
    }
}

impl fmt::Display for Urgency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Urgency::Immediate => f.write_str("Now"),
            Urgency::SameWorkingDay => f.write_str("The same working day"),
            Urgency::WithinWorkingDays(1) => f.write_str("Within 1 working day"),
            Urgency::WithinWorkingDays(n) => write!(f, "Within {n} working days"),
            Urgency::Routine => f.write_str("When the person is ready"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    Phone,
    Text,
    Email,
    Web,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Contact {
    pub kind: ContactKind,
    pub value: String,
    pub label: Option<String>,
    pub hours: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Form {
    pub name: String,
    pub url: Option<String>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Destination {
    pub id: DestinationId,
    pub name: String,
    pub category: Category,
    pub urgency: Urgency,
    pub interrupt: bool,
    pub summary: Option<String>,
    pub contacts: Vec<Contact>,
    pub forms: Vec<Form>,
    pub consent: Option<String>,
    pub notes: Vec<String>,
    /// For the author's tools and reviewers: not in the compiled form (a practitioner's page never
    /// shows sources, and they were a fifth of its download).
    #[serde(skip)]
    pub sources: Vec<SourceId>,
    pub last_checked: Option<String>,
    /// Who the destination serves: every walk that refers here must meet each of these.
    /// For the author's tools (`verify`): not in JSON output or the compiled form.
    #[serde(skip)]
    pub requires: Vec<Precondition>,
}

/// A condition a destination places on every walk that refers to it (an age it serves, the
/// consent it needs and what overrides that, the roles that may refer).
#[derive(Clone, Debug)]
pub struct Precondition {
    pub title: String,
    pub(crate) when: Cond,
    pub sources: Vec<SourceId>,
    /// Where it is written, for reports.
    pub location: Option<Location>,
}

/// A safety property the pathway declares: on every complete walk where `when` holds, every
/// part of `then` holds. `pathway verify` proves or refutes it over every walk.
#[derive(Clone, Debug)]
pub struct Property {
    pub id: PropertyId,
    pub title: String,
    pub sources: Vec<SourceId>,
    pub(crate) when: Option<Cond>,
    pub(crate) then: Expect,
    /// Where it is written, for reports.
    pub location: Option<Location>,
}

/// What a property expects of a walk's outcome, by position.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Expect {
    pub(crate) refer: Vec<DestIx>,
    pub(crate) not_refer: Vec<DestIx>,
    pub(crate) interrupts: Vec<DestIx>,
    /// Routes that must apply (including those listed as warnings that must show).
    pub(crate) routes: Vec<RouteIx>,
    pub(crate) not_routes: Vec<RouteIx>,
    pub(crate) first: Option<DestIx>,
    pub(crate) order: Vec<DestIx>,
    /// A position in the risk levels: this one or an earlier (higher) one.
    pub(crate) risk_at_least: Option<LevelIx>,
    /// A position in the risk levels: this one or a later (lower) one, or none.
    pub(crate) risk_at_most: Option<LevelIx>,
    pub(crate) no_risk: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Route {
    pub id: RouteId,
    pub(crate) when: Cond,
    pub(crate) refer: Vec<DestIx>,
    pub reason: String,
    pub advice: Option<String>,
    pub warning: Option<String>,
    /// For the author's tools and reviewers: not in the compiled form (a practitioner's page never
    /// shows sources, and they were a fifth of its download).
    #[serde(skip)]
    pub sources: Vec<SourceId>,
}

/// Facts about the shape of the step graph, worked out once when the pathway loads.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Shape {
    /// The number of distinct routes through the steps from the start to the end.
    pub(crate) path_count: u128,
    /// Whether the count overflowed.
    pub(crate) path_count_saturated: bool,
}

/// A validated pathway, ready to walk. Build one with [`Pathway::from_yaml`].
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Pathway {
    pub(crate) meta: Metadata,
    /// For the author's tools and reviewers: not in the compiled form (a practitioner's page never
    /// shows sources, and they were a fifth of its download).
    #[serde(skip)]
    pub(crate) sources: Vec<Source>,
    pub(crate) flags: Vec<Flag>,
    pub(crate) steps: Vec<Step>,
    pub(crate) start: StepIx,
    pub(crate) risk: Option<RiskModel>,
    pub(crate) destinations: Vec<Destination>,
    pub(crate) routes: Vec<Route>,
    /// Declared properties are for the author's tools (`verify`): not in the compiled form.
    #[serde(skip)]
    pub(crate) properties: Vec<Property>,
    /// Rebuilt from `steps` when a compiled pathway is read.
    #[serde(skip)]
    pub(crate) step_index: HashMap<StepId, StepIx>,
    pub(crate) shape: Shape,
    /// For the author: not in the compiled form, nor in the walker-only build at all (its
    /// drop code alone would cost a phone's download).
    #[cfg(feature = "authoring")]
    #[serde(skip)]
    pub(crate) warnings: Vec<Diagnostic>,
    /// A hash of the source text, so a session can tell one pathway from another even when
    /// an author forgot to change the version.
    pub(crate) fingerprint: u64,
}

impl Pathway {
    pub fn meta(&self) -> &Metadata {
        &self.meta
    }
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }
    pub fn flags(&self) -> &[Flag] {
        &self.flags
    }
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }
    pub fn start(&self) -> &Step {
        self.step_at(self.start)
    }
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.step_index.get(id).map(|ix| self.step_at(*ix))
    }
    pub fn destinations(&self) -> &[Destination] {
        &self.destinations
    }
    pub fn destination(&self, id: &str) -> Option<&Destination> {
        self.destinations.iter().find(|d| d.id.as_str() == id)
    }
    pub fn routes(&self) -> &[Route] {
        &self.routes
    }
    pub fn risk(&self) -> Option<&RiskModel> {
        self.risk.as_ref()
    }
    /// Problems that do not stop the pathway loading, but that its author should look at.
    #[cfg(feature = "authoring")]
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }
    /// A short stamp naming this pathway and version, for summaries and saved sessions.
    pub fn stamp(&self) -> String {
        format!("{}@{}", self.meta.id, self.meta.version)
    }

    pub(crate) fn step_at(&self, ix: StepIx) -> &Step {
        // Every StepIx is made by `load` from this pathway's own list.
        &self.steps[ix.0]
    }

    pub(crate) fn destination_at(&self, ix: DestIx) -> &Destination {
        // Every DestIx is made by `load` from this pathway's own list.
        &self.destinations[ix.0]
    }

    pub(crate) fn route_at(&self, ix: RouteIx) -> &Route {
        // Every RouteIx is made by `load` or by enumerating this pathway's own list.
        &self.routes[ix.0]
    }

    /// The steps in an order in which every way on goes forward (Kahn's algorithm), or `None`
    /// if some way on leads round in a circle. `load` refuses circles, and so does reading a
    /// compiled pathway, so for a `Pathway` this is always `Some`.
    pub(crate) fn steps_in_order(&self) -> Option<Vec<StepIx>> {
        let mut incoming = vec![0usize; self.steps.len()];
        for step in &self.steps {
            for next in step.next_steps() {
                incoming[next.0] += 1;
            }
        }
        let mut ready: Vec<StepIx> =
            (0..self.steps.len()).filter(|i| incoming[*i] == 0).map(StepIx).collect();
        let mut order = Vec::with_capacity(self.steps.len());
        while let Some(at) = ready.pop() {
            order.push(at);
            for next in self.steps[at.0].next_steps() {
                incoming[next.0] -= 1;
                if incoming[next.0] == 0 {
                    ready.push(next);
                }
            }
        }
        (order.len() == self.steps.len()).then_some(order)
    }

    /// The safety properties the pathway declares, in the order written.
    pub fn properties(&self) -> &[Property] {
        &self.properties
    }
}

/// A condition and where it stands in the pathway.
pub(crate) struct Placed<'p> {
    pub(crate) cond: &'p Cond,
    /// Its place in the YAML, for diagnostics.
    pub(crate) path: String,
    /// The step whose way on or requirement it decides, if it is read during the walk.
    pub(crate) at_step: Option<StepIx>,
}

impl Pathway {
    /// Every condition in the pathway: in ways on, text requirements, criteria, levels and
    /// routes.
    pub(crate) fn conditions(&self) -> Vec<Placed<'_>> {
        let mut out = Vec::new();
        for (i, step) in self.steps.iter().enumerate() {
            let at_step = Some(StepIx(i));
            push_branches(&mut out, &step.next, format!("steps[{i}].next"), at_step);
            if let Some(cond) = &step.required_when {
                out.push(Placed { cond, path: format!("steps[{i}].required_when"), at_step });
            }
            match &step.kind {
                StepKind::YesNo { rules, .. } => {
                    for (j, rule) in rules.iter().enumerate() {
                        push_branches(&mut out, &rule.next, format!("steps[{i}].answers[{j}].next"), at_step);
                    }
                }
                StepKind::SingleChoice { options } => {
                    for (j, option) in options.iter().enumerate() {
                        push_branches(
                            &mut out,
                            &option.next,
                            format!("steps[{i}].options[{j}].next"),
                            at_step,
                        );
                    }
                }
                _ => {}
            }
        }
        if let Some(risk) = &self.risk {
            for (i, c) in risk.criteria.iter().enumerate() {
                out.push(Placed { cond: &c.when, path: format!("risk.criteria[{i}].when"), at_step: None });
            }
            for (i, l) in risk.levels.iter().enumerate() {
                if let Some(cond) = &l.when {
                    out.push(Placed { cond, path: format!("risk.levels[{i}].when"), at_step: None });
                }
            }
        }
        for (i, r) in self.routes.iter().enumerate() {
            out.push(Placed { cond: &r.when, path: format!("routes[{i}].when"), at_step: None });
        }
        for (i, d) in self.destinations.iter().enumerate() {
            for (j, r) in d.requires.iter().enumerate() {
                let path = format!("destinations[{i}].requires[{j}].when");
                out.push(Placed { cond: &r.when, path, at_step: None });
            }
        }
        for (i, p) in self.properties.iter().enumerate() {
            if let Some(cond) = &p.when {
                out.push(Placed { cond, path: format!("properties[{i}].when"), at_step: None });
            }
        }
        out
    }
}

fn push_branches<'p>(
    out: &mut Vec<Placed<'p>>,
    next: &'p Option<Next>,
    path: String,
    at_step: Option<StepIx>,
) {
    if let Some(Next::Branches(branches)) = next {
        for (j, (when, _)) in branches.iter().enumerate() {
            if let Some(cond) = when {
                out.push(Placed { cond, path: format!("{path}[{j}].when"), at_step });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Urgency;

    /// Referrals are sorted by `rank`: it must order urgencies exactly as `Ord` does.
    #[test]
    fn rank_orders_urgencies_as_their_order_does() {
        let all: Vec<Urgency> = [Urgency::Immediate, Urgency::SameWorkingDay, Urgency::Routine]
            .into_iter()
            .chain((0..=u8::MAX).map(Urgency::WithinWorkingDays))
            .collect();
        for a in &all {
            for b in &all {
                assert_eq!(a.cmp(b), a.rank().cmp(&b.rank()), "{a:?} against {b:?}");
            }
        }
    }
}
