//! The risk model, destinations and routes.

use super::{Loader, Scope, Tables};
use crate::diagnostic::Problem;
use crate::ids::*;
use crate::load::raw::*;
use crate::model::*;

impl Loader {
    pub(super) fn risk(
        &mut self,
        t: &Tables,
        r: RawRisk,
        kinds: &[StepKind],
        cited: &mut [bool],
    ) -> Option<RiskModel> {
        let ix = self.resolve(&t.steps, "step", &r.checklist, "risk.checklist");
        if let Some(ix) = ix
            && let Some(
                kind @ (StepKind::YesNo { .. }
                | StepKind::SingleChoice { .. }
                | StepKind::MultipleChoice { .. }
                | StepKind::Number { .. }
                | StepKind::Text { .. }
                | StepKind::Info),
            ) = kinds.get(ix)
        {
            let problem = Problem::WrongStepKind {
                condition: "risk.checklist".into(),
                step: r.checklist.clone(),
                kind: kind.name().into(),
            };
            self.report(problem, "risk.checklist");
        }
        let criteria: Vec<Criterion> = r
            .criteria
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let path = format!("risk.criteria[{i}]");
                self.text(&c.label, "the criterion's label", &format!("{path}.label"));
                let sources = self.sources(t, &c.sources, &path, cited);
                let when = self.cond(t, &c.when, kinds, &format!("{path}.when"), Scope::Criterion, 0)?;
                Some(Criterion { id: CriterionId::new(c.id.clone()), label: c.label.clone(), sources, when })
            })
            .collect();
        let count = r.levels.len();
        if count == 0 {
            self.report(
                Problem::TooFewChoices { kind: "risk".into(), what: "levels".into(), at_least: 1 },
                "risk.levels",
            );
        }
        let mut levels = Vec::new();
        for (i, l) in r.levels.iter().enumerate() {
            let path = format!("risk.levels[{i}]");
            self.text(&l.label, "the level's label", &format!("{path}.label"));
            let last = i + 1 == count;
            let when = match (&l.when, last) {
                (None, true) => None,
                (None, false) => {
                    self.report(Problem::DefaultLevelNotLast, &path);
                    None
                }
                (Some(w), _) => {
                    if last {
                        self.report(Problem::NoDefaultLevel, format!("{path}.when"));
                    }
                    self.cond(t, w, kinds, &format!("{path}.when"), Scope::Level, 0)
                }
            };
            levels.push(Level {
                id: LevelId::new(l.id.clone()),
                label: l.label.clone(),
                description: l.description.clone(),
                when,
            });
        }
        for (j, level) in levels.iter().enumerate() {
            let Some(when) = &level.when else { continue };
            if let Some(k) =
                levels.iter().take(j).position(|e| e.when.as_ref().is_some_and(|e| when.implies(e)))
            {
                let by = format!(
                    "level `{}` comes first and applies whenever this one would",
                    levels.get(k).map(|l| l.id.as_str()).unwrap_or_default()
                );
                self.report(
                    Problem::Shadowed { what: format!("risk level `{}`", level.id), by },
                    format!("risk.levels[{j}]"),
                );
            }
        }
        let criteria_heading = r.criteria_heading.unwrap_or_else(|| "Criteria met".into());
        Some(RiskModel { model: r.model, checklist: StepIx(ix?), criteria_heading, criteria, levels })
    }

    pub(super) fn destination(
        &mut self,
        t: &Tables,
        d: RawDestination,
        kinds: &[StepKind],
        i: usize,
        cited: &mut [bool],
    ) -> Destination {
        let path = format!("destinations[{i}]");
        self.text(&d.name, "the destination's name", &format!("{path}.name"));
        let sources = self.sources(t, &d.sources, &path, cited);
        if let Some(date) = &d.last_checked {
            self.date(date, &format!("{path}.last_checked"));
        }
        let contacts = d
            .contacts
            .into_iter()
            .enumerate()
            .map(|(j, c)| {
                let kind = match c.kind {
                    RawContactKind::Phone => ContactKind::Phone,
                    RawContactKind::Text => ContactKind::Text,
                    RawContactKind::Email => ContactKind::Email,
                    RawContactKind::Web => ContactKind::Web,
                };
                let v = c.value.trim();
                let valid = match kind {
                    ContactKind::Phone | ContactKind::Text => {
                        v.chars().any(|ch| ch.is_ascii_digit())
                            && v.chars().all(|ch| ch.is_ascii_digit() || ch == ' ' || ch == '+')
                    }
                    ContactKind::Email => {
                        matches!(v.split_once('@'), Some((user, host)) if !user.is_empty() && host.contains('.') && !v.contains(' '))
                    }
                    ContactKind::Web => v.starts_with("https://") && !v.contains(' '),
                };
                if !valid {
                    let name = format!("{kind:?}").to_lowercase();
                    self.report(Problem::InvalidContact { kind: name, value: c.value.clone() }, format!("{path}.contacts[{j}].value"));
                }
                Contact { kind, value: v.to_owned(), label: c.label, hours: c.hours }
            })
            .collect();
        let urgency = match d.urgency {
            RawUrgency::Immediate => Urgency::Immediate,
            RawUrgency::SameWorkingDay => Urgency::SameWorkingDay,
            RawUrgency::WithinWorkingDays(n) => Urgency::WithinWorkingDays(n),
            RawUrgency::Routine => Urgency::Routine,
        };
        if d.interrupt && urgency != Urgency::Immediate {
            self.report(Problem::InterruptNotImmediate { id: d.id.clone() }, format!("{path}.interrupt"));
        }
        let category = match d.category {
            RawCategory::Emergency => Category::Emergency,
            RawCategory::Statutory => Category::Statutory,
            RawCategory::Specialist => Category::Specialist,
            RawCategory::Helpline => Category::Helpline,
            RawCategory::Advice => Category::Advice,
        };
        let forms = d.forms.into_iter().map(|f| Form { name: f.name, url: f.url, note: f.note }).collect();
        Destination {
            id: DestinationId::new(d.id),
            name: d.name,
            category,
            urgency,
            interrupt: d.interrupt,
            summary: d.summary,
            contacts,
            forms,
            consent: d.consent,
            notes: d.notes,
            sources,
            last_checked: d.last_checked,
            requires: self.preconditions(t, &d.requires, kinds, &path, cited),
        }
    }

    pub(super) fn route(
        &mut self,
        t: &Tables,
        r: RawRoute,
        kinds: &[StepKind],
        i: usize,
        cited: &mut [bool],
    ) -> Option<Route> {
        let path = format!("routes[{i}]");
        self.text(&r.reason, "the route's reason", &format!("{path}.reason"));
        if r.refer.is_empty() && r.advice.is_none() && r.warning.is_none() {
            self.report(Problem::EmptyRoute { route: r.id.clone() }, &path);
        }
        let sources = self.sources(t, &r.sources, &path, cited);
        let refer: Vec<DestIx> = r
            .refer
            .iter()
            .enumerate()
            .filter_map(|(j, d)| {
                self.resolve(&t.destinations, "destination", d, &format!("{path}.refer[{j}]")).map(DestIx)
            })
            .collect();
        let when = self.cond(t, &r.when, kinds, &format!("{path}.when"), Scope::Walk, 0)?;
        Some(Route {
            id: RouteId::new(r.id),
            when,
            refer,
            reason: r.reason,
            advice: r.advice,
            warning: r.warning,
            sources,
        })
    }
}
