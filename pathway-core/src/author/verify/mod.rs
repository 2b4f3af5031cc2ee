//! `verify`: each declared property, and each destination's preconditions, proven over every
//! walk of the pathway or refuted with the shortest walk that breaks it.
//!
//! Each check explores the pathway with [`Explorer`] told apart by just what the check reads
//! (its condition, the routes that can refer to the destinations it names, the risk model if
//! it tests a level, and every condition that steers the walk), so the search stays small
//! while remaining exact. "Proven" is said only when the exploration was complete.

use crate::author::explore::{Exploration, Explorer, MAX_CHOICE_CLASSES, Walk};
use crate::cond::Cond;
use crate::diagnostic::{Files, Location};
use crate::ids::*;
use crate::model::*;
use crate::walk::eval::Context as _;
use crate::walk::outcome::{Evaluation, Stamp};
use crate::walk::sheet::{Answer, Sheet};
use serde::Serialize;

/// The default number of states each check may visit before it says "undecided".
pub const VERIFY_LIMIT: usize = 2_000_000;

#[derive(Clone, Debug, Serialize)]
pub struct Verification {
    pub pathway: Stamp,
    pub checks: Vec<Check>,
    /// States visited over all checks.
    pub explored: usize,
}

impl Verification {
    /// Whether every check was proven. One that never applies is not: its condition is wrong.
    pub fn all_proven(&self) -> bool {
        self.checks.iter().all(|c| matches!(c.verdict, Verdict::Proven { .. }))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// A property declared under `properties:`.
    Property,
    /// A destination's precondition, declared under its `requires:`.
    Precondition,
}

#[derive(Clone, Debug, Serialize)]
pub struct Check {
    pub kind: CheckKind,
    /// The property's id, or `destination.requires[n]`.
    pub id: String,
    pub title: String,
    pub location: Option<Location>,
    pub verdict: Verdict,
}

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// No walk breaks it; `classes` is how many classes of walk it applied to.
    Proven { classes: usize },
    /// No walk meets its condition: probably a mistake in the condition.
    NeverApplies,
    /// A walk breaks it: the shortest one found.
    Refuted { counterexample: Counterexample },
    /// The search could not cover every walk, so nothing is claimed.
    Undecided { reason: String },
}

/// A walk that breaks a check, as an answers file would give it, with what went wrong.
#[derive(Clone, Debug, Serialize)]
pub struct Counterexample {
    pub answers: Vec<(StepId, Answer)>,
    /// What the property expected and did not get, in words.
    pub broken: Vec<String>,
    pub referrals: Vec<DestinationId>,
    pub risk: Option<LevelId>,
}

impl Pathway {
    /// Proves or refutes every declared property and destination precondition, visiting at
    /// most `limit` states for each.
    pub fn verify(&self, limit: usize) -> Verification {
        let mut explored = 0;
        let mut checks = Vec::new();
        for p in &self.properties {
            let (verdict, n) = self.check_property(p, limit);
            explored += n;
            checks.push(Check {
                kind: CheckKind::Property,
                id: p.id.to_string(),
                title: p.title.clone(),
                location: p.location,
                verdict,
            });
        }
        for (i, d) in self.destinations.iter().enumerate() {
            for (j, r) in d.requires.iter().enumerate() {
                let (verdict, n) = self.check_precondition(DestIx(i), r, limit);
                explored += n;
                checks.push(Check {
                    kind: CheckKind::Precondition,
                    id: format!("{}.requires[{j}]", d.id),
                    title: r.title.clone(),
                    location: r.location,
                    verdict,
                });
            }
        }
        let pathway = self.outcome_stamp();
        Verification { pathway, checks, explored }
    }

    fn check_property(&self, p: &Property, limit: usize) -> (Verdict, usize) {
        let e = &p.then;
        let mut named: Vec<DestIx> =
            e.refer.iter().chain(&e.not_refer).chain(&e.interrupts).chain(&e.order).copied().collect();
        if let Some(first) = e.first {
            // Whether `first` is first depends on every destination that can sort before it.
            named.extend(
                (0..self.destinations.len()).map(DestIx).filter(|d| self.rank(*d) <= self.rank(first)),
            );
        }
        named.sort_unstable();
        named.dedup();
        let listed = e.routes.iter().chain(&e.not_routes).map(|r| &self.route_at(*r).when);
        let conditions = self.routes_to(&named).chain(listed).chain(p.when.as_ref());
        let explorer = if e.risk_at_least.is_some() || e.risk_at_most.is_some() || e.no_risk {
            Explorer::with_risk(self, conditions)
        } else {
            Explorer::new(self, conditions)
        };
        let applies = |walk: &Walk<'_, '_>| p.when.as_ref().is_none_or(|w| walk.holds(w));
        let broken = |walk: &Walk<'_, '_>| self.broken(e, &named, walk);
        self.decide(&explorer, p.when.as_ref(), limit, &applies, &broken)
    }

    fn check_precondition(&self, d: DestIx, r: &Precondition, limit: usize) -> (Verdict, usize) {
        let only = [d];
        let explorer = Explorer::new(self, self.routes_to(&only).chain(std::iter::once(&r.when)));
        let referred = Cond::Any(self.routes_to(&only).cloned().collect());
        let name = &self.destination_at(d).id;
        let broken = |walk: &Walk<'_, '_>| {
            if walk.holds(&r.when) {
                Vec::new()
            } else {
                vec![format!("`{name}` is referred to, but: {}", r.title)]
            }
        };
        self.decide(&explorer, Some(&referred), limit, &|walk| walk.holds(&referred), &broken)
    }

    /// Where a destination sorts among referrals: by urgency, then the pathway's order.
    fn rank(&self, d: DestIx) -> (Urgency, DestIx) {
        (self.destination_at(d).urgency, d)
    }

    /// The conditions of every route that refers to one of `destinations`.
    fn routes_to<'a>(&'a self, destinations: &'a [DestIx]) -> impl Iterator<Item = &'a Cond> + 'a {
        self.routes.iter().filter(|r| r.refer.iter().any(|d| destinations.contains(d))).map(|r| &r.when)
    }

    /// Explores every walk on which `only` can hold; where `applies`, collects what `broken`
    /// finds, keeping the first (shortest) walk that breaks the check.
    fn decide(
        &self,
        explorer: &Explorer<'_>,
        only: Option<&Cond>,
        limit: usize,
        applies: &dyn Fn(&Walk<'_, '_>) -> bool,
        broken: &dyn Fn(&Walk<'_, '_>) -> Vec<String>,
    ) -> (Verdict, usize) {
        let mut classes = 0;
        let mut counterexample: Option<Counterexample> = None;
        let run: Exploration = explorer.walks_where(only, limit, &mut |walk| {
            if counterexample.is_some() || !applies(&walk) {
                return;
            }
            classes += 1;
            let what = broken(&walk);
            if !what.is_empty() {
                let (sheet, path) = walk.replay();
                counterexample = Some(self.counterexample(&sheet, &path, what));
            }
        });
        let verdict = match counterexample {
            Some(c) => Verdict::Refuted { counterexample: c },
            None if run.truncated => Verdict::Undecided {
                reason: format!(
                    "the search stopped at its limit of {limit} states before covering every walk"
                ),
            },
            None if !run.exact => Verdict::Undecided {
                reason: format!(
                    "a multiple-choice step has more than {MAX_CHOICE_CLASSES} options that behave differently, too many combinations to try them all"
                ),
            },
            None if classes == 0 => Verdict::NeverApplies,
            None => Verdict::Proven { classes },
        };
        (verdict, run.explored)
    }

    /// A walk that breaks a check, with its full outcome worked out afresh from its answers.
    fn counterexample(&self, sheet: &Sheet<'_>, path: &[StepIx], broken: Vec<String>) -> Counterexample {
        let eval = Evaluation::new(sheet);
        let applied = self.applied(&eval);
        Counterexample {
            answers: self.example(sheet, path).into_iter().filter(|(_, a)| *a != Answer::Continue).collect(),
            broken,
            referrals: applied.referrals.iter().map(|d| self.destination_at(*d).id.clone()).collect(),
            risk: self.risk.as_ref().zip(eval.level()).and_then(|(r, l)| r.level_at(l)).map(|l| l.id.clone()),
        }
    }

    /// What a walk fails to meet of a property's expectations, in words. `named` holds every
    /// destination the expectations depend on; the explorer reads every route to them.
    fn broken(&self, e: &Expect, named: &[DestIx], walk: &Walk<'_, '_>) -> Vec<String> {
        let refers = |d: &DestIx| self.routes.iter().any(|r| r.refer.contains(d) && walk.holds(&r.when));
        let mut referred: Vec<DestIx> = named.iter().copied().filter(refers).collect();
        referred.sort_by_key(|d| self.rank(*d));
        let name = |d: &DestIx| self.destination_at(*d).id.to_string();
        let route = |r: &RouteIx| self.route_at(*r).id.to_string();
        let applies = |r: &RouteIx| walk.holds(&self.route_at(*r).when);
        let mut out = Vec::new();
        for d in e.refer.iter().filter(|d| !referred.contains(d)) {
            out.push(format!("`{}` is not referred to", name(d)));
        }
        for d in e.not_refer.iter().filter(|d| referred.contains(d)) {
            out.push(format!("`{}` is referred to", name(d)));
        }
        for d in e.interrupts.iter().filter(|d| !(referred.contains(d) && self.destination_at(**d).interrupt))
        {
            out.push(format!("`{}` does not interrupt the walk", name(d)));
        }
        for r in e.routes.iter().filter(|r| !applies(r)) {
            out.push(format!("route `{}` does not apply", route(r)));
        }
        for r in e.not_routes.iter().filter(|r| applies(r)) {
            out.push(format!("route `{}` applies", route(r)));
        }
        if let Some(first) = e.first
            && referred.first() != Some(&first)
        {
            let actual = referred.first().map(name).unwrap_or_else(|| "nothing".into());
            out.push(format!("`{}` is not the first referral (`{actual}` is)", name(&first)));
        }
        let present: Vec<(usize, &DestIx)> =
            e.order.iter().filter_map(|d| Some((referred.iter().position(|x| x == d)?, d))).collect();
        for pair in present.windows(2) {
            if let [(a_at, a), (b_at, b)] = pair
                && a_at > b_at
            {
                out.push(format!("`{}` comes after `{}`", name(a), name(b)));
            }
        }
        let level_name = |l: LevelIx| {
            self.risk.as_ref().and_then(|r| r.level_at(l)).map(|l| l.id.to_string()).unwrap_or_default()
        };
        if let Some(min) = e.risk_at_least {
            match walk.level() {
                Some(l) if l <= min => {}
                Some(l) => {
                    out.push(format!("the risk level is `{}`, below `{}`", level_name(l), level_name(min)))
                }
                None => out.push(format!(
                    "no risk level is given, where at least `{}` is expected",
                    level_name(min)
                )),
            }
        }
        if let (Some(max), Some(l)) = (e.risk_at_most, e.risk_at_most.and_then(|_| walk.level()))
            && l < max
        {
            out.push(format!("the risk level is `{}`, above `{}`", level_name(l), level_name(max)));
        }
        if e.no_risk
            && let Some(l) = walk.level()
        {
            out.push(format!("a risk level is given (`{}`)", level_name(l)));
        }
        out
    }
}

impl Check {
    /// For a refuted check, its counterexample as a case study file to add to the pathway's
    /// cases: the shortest walk that breaks it, expecting the outcome it reaches now, which the
    /// author corrects to what it must be once the pathway is put right.
    pub fn case_study(&self, pathway: &Pathway) -> Option<String> {
        let Verdict::Refuted { counterexample } = &self.verdict else { return None };
        let outcome =
            crate::author::answers::walk(pathway, &counterexample.answers).ok()?.outcome(pathway).ok()?;
        let story = format!(
            "The shortest walk that breaks `{}`, found by pathway verify: {}. The expect below is what the pathway does now; once the pathway is corrected, change it to what must happen.",
            self.id,
            counterexample.broken.join("; ")
        );
        let title = format!("Breaks: {}", self.title);
        Some(crate::author::case_study::case_study_yaml(&title, &story, &counterexample.answers, &outcome))
    }
}

impl Verification {
    /// The report as text: one line per check, and for each that is not proven, where it is
    /// written, what broke, and the walk that breaks it as an answers file to paste into a
    /// case study.
    pub fn to_text(&self, files: &Files) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let (mut proven, mut refuted, mut other) = (0, 0, 0);
        for c in &self.checks {
            let place = match c.location {
                Some(l) => format!("{}:{}:{}", files.get(l.document).name, l.line, l.column),
                None => files.main.name.to_owned(),
            };
            match &c.verdict {
                Verdict::Proven { classes } => {
                    proven += 1;
                    let _ = writeln!(out, "proven        {} — {} ({classes} classes of walk)", c.id, c.title);
                }
                Verdict::NeverApplies => {
                    other += 1;
                    let _ = writeln!(out, "NEVER APPLIES {} — {}\n  --> {place}", c.id, c.title);
                    let _ = writeln!(
                        out,
                        "  = help: no walk meets its condition; check the condition's answers and flags"
                    );
                }
                Verdict::Undecided { reason } => {
                    other += 1;
                    let _ =
                        writeln!(out, "UNDECIDED     {} — {}\n  --> {place}\n  = {reason}", c.id, c.title);
                }
                Verdict::Refuted { counterexample: x } => {
                    refuted += 1;
                    let _ = writeln!(out, "REFUTED       {} — {}\n  --> {place}", c.id, c.title);
                    for b in &x.broken {
                        let _ = writeln!(out, "  = broken: {b}");
                    }
                    let referrals: Vec<&str> = x.referrals.iter().map(|d| d.as_str()).collect();
                    let risk = x.risk.as_ref().map(|l| l.as_str()).unwrap_or("none");
                    let _ =
                        writeln!(out, "  = that walk refers to: [{}]; risk: {risk}", referrals.join(", "));
                    let _ =
                        writeln!(out, "  = the shortest walk that breaks it, to paste into a case study:");
                    let _ =
                        writeln!(out, "answers:\n{}", crate::author::answers::answers_yaml(&x.answers, 2));
                }
            }
        }
        let _ = writeln!(out, "\n{proven} proven, {refuted} refuted, {other} not proven");
        out
    }
}

#[cfg(test)]
pub(crate) mod tests;
