//! What changed between two versions of a pathway, by behaviour: the classes of walk on which
//! the two versions refer differently, interrupt differently, show different warnings, order
//! referrals differently or give another risk level, each with its shortest example walk and
//! both outcomes; and what changed in the wording, the questions and the contacts.
//!
//! Each part of an outcome is compared on its own (each destination, warning, interrupt, pair
//! of destinations whose order changed, and the risk level) by walking both versions together
//! over every joint class of answers (`joint.rs`). That keeps each search as small as one of
//! `verify`'s, where comparing whole outcomes at once would multiply every route group by every
//! other; one changed rule may so show as two changes (a referral gone, another come) with the
//! same example.

mod joint;
#[cfg(test)]
mod tests;
mod wording;

use crate::author::audit::CaseOutcome;
use crate::author::explore::Explorer;
use crate::cond::Cond;
use crate::ids::*;
use crate::model::*;
use crate::walk::outcome::Outcome;
use crate::walk::sheet::Answer;
use joint::Side;
use serde::Serialize;
use std::collections::BTreeMap;

/// Two versions of a pathway compared.
#[derive(Clone, Debug, Serialize)]
pub struct PathwayDiff {
    pub before: Version,
    pub after: Version,
    /// Every class of walk whose outcome differs, grouped by what differs.
    pub behaviour: Vec<BehaviourChange>,
    /// What changed in the wording, the questions and the contacts, in words.
    pub wording: Vec<String>,
    /// Joint states explored, over every part compared.
    pub explored: usize,
    /// Whether every joint class of walk was compared (see `joint.rs` for when it cannot be).
    pub exact: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Version {
    pub id: String,
    pub version: String,
}

/// Walks on which one part of the outcome differs in the same way.
#[derive(Clone, Debug, Serialize)]
pub struct BehaviourChange {
    /// What differs, in words: "`police_101` is no longer referred to".
    pub change: String,
    /// How many classes of walk (walks the explorer tells apart) differ in this way.
    pub classes: usize,
    /// The shortest of them, given to each version.
    pub example: Example,
}

/// One walk given to both versions: the answers each asks for (the same answers where both ask
/// the same question), as answers files for `pathway run`, and what each version ends with.
#[derive(Clone, Debug, Serialize)]
pub struct Example {
    pub before: Vec<(StepId, Answer)>,
    pub after: Vec<(StepId, Answer)>,
    pub before_ends: Ending,
    pub after_ends: Ending,
}

/// The parts of an outcome that are compared.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Ending {
    pub referrals: Vec<DestinationId>,
    pub risk: Option<LevelId>,
    pub interrupts: Vec<DestinationId>,
    pub warnings: Vec<RouteId>,
}

impl Ending {
    fn of(outcome: &Outcome) -> Ending {
        Ending {
            referrals: outcome.referrals.iter().map(|r| r.destination.clone()).collect(),
            risk: outcome.risk.as_ref().map(|r| r.level.clone()),
            interrupts: outcome.interrupts.clone(),
            warnings: outcome.warnings.iter().map(|w| w.route.clone()).collect(),
        }
    }

    fn to_text(&self) -> String {
        let list = |ids: Vec<&str>| format!("[{}]", ids.join(", "));
        format!(
            "referrals {}; risk: {}; interrupts {}; warnings {}",
            list(self.referrals.iter().map(|d| d.as_str()).collect()),
            self.risk.as_ref().map(|l| l.as_str()).unwrap_or("none"),
            list(self.interrupts.iter().map(|d| d.as_str()).collect()),
            list(self.warnings.iter().map(|r| r.as_str()).collect()),
        )
    }
}

/// One part of an outcome, compared on its own.
enum Part {
    Referral(DestinationId),
    Interrupt(DestinationId),
    Warning(RouteId),
    /// Two destinations referred by both versions, whose order changed.
    Order(DestinationId, DestinationId),
    Risk,
}

/// The condition under which a version refers to a destination, if it ever does.
fn referred(p: &Pathway, id: &DestinationId) -> Option<Cond> {
    let d = p.destinations.iter().position(|d| d.id == *id)?;
    let when: Vec<Cond> =
        p.routes.iter().filter(|r| r.refer.iter().any(|x| x.0 == d)).map(|r| r.when.clone()).collect();
    (!when.is_empty()).then_some(Cond::Any(when))
}

impl Part {
    /// This part's condition in one version (`None`: it never holds there).
    fn condition(&self, p: &Pathway) -> Option<Cond> {
        match self {
            Part::Referral(d) => referred(p, d),
            Part::Interrupt(d) => {
                p.destination(d.as_str()).filter(|x| x.interrupt).and_then(|_| referred(p, d))
            }
            Part::Warning(r) => {
                p.routes.iter().find(|x| x.id == *r && x.warning.is_some()).map(|x| x.when.clone())
            }
            Part::Order(a, b) => Some(Cond::All(vec![referred(p, a)?, referred(p, b)?])),
            Part::Risk => None,
        }
    }

    /// What differs on a walk that ends `held` (this part, in each version), in words; `None`
    /// where nothing does.
    fn differs(&self, held: [bool; 2], levels: [Option<&LevelId>; 2]) -> Option<String> {
        let way = |now: &str, gone: &str| match held {
            [false, true] => Some(now.to_owned()),
            [true, false] => Some(gone.to_owned()),
            _ => None,
        };
        match self {
            Part::Referral(d) => {
                way(&format!("`{d}` is now referred to"), &format!("`{d}` is no longer referred to"))
            }
            Part::Interrupt(d) => way(
                &format!("`{d}` now interrupts the walk"),
                &format!("`{d}` no longer interrupts the walk"),
            ),
            Part::Warning(r) => way(
                &format!("the warning of `{r}` now shows"),
                &format!("the warning of `{r}` no longer shows"),
            ),
            Part::Order(a, b) => {
                (held == [true, true]).then(|| format!("`{a}` and `{b}` are referred to in the other order"))
            }
            Part::Risk => (levels[0] != levels[1]).then(|| {
                let name = |l: Option<&LevelId>| l.map(|l| format!("`{l}`")).unwrap_or_else(|| "none".into());
                format!("the risk level is {} where it was {}", name(levels[1]), name(levels[0]))
            }),
        }
    }
}

/// The ways one case's outcomes under two versions differ, in `pathway diff`'s words: for
/// `pathway audit`'s comparison of two versions over past cases.
pub struct VersionChanges {
    parts: Vec<Part>,
}

impl VersionChanges {
    pub fn new(before: &Pathway, after: &Pathway) -> Self {
        VersionChanges { parts: parts(before, after) }
    }

    /// Every way the two outcomes of one case differ; none where they agree.
    pub fn between(&self, outcomes: [&CaseOutcome<'_>; 2]) -> Vec<String> {
        let referred =
            |o: &CaseOutcome<'_>, d: &DestinationId| o.referrals.iter().position(|r| r.destination == d);
        let mut out: Vec<String> = self
            .parts
            .iter()
            .filter_map(|part| {
                let held = outcomes.map(|o| match part {
                    Part::Referral(d) => referred(o, d).is_some(),
                    Part::Interrupt(d) => o.interrupts.contains(&d),
                    Part::Warning(r) => o.warnings.contains(&r),
                    Part::Order(a, b) => referred(o, a).zip(referred(o, b)).is_some(),
                    Part::Risk => false,
                });
                if let Part::Order(a, b) = part {
                    let first = outcomes.map(|o| referred(o, a) < referred(o, b));
                    if first[0] == first[1] {
                        return None;
                    }
                }
                part.differs(held, outcomes.map(|o| o.risk_level))
            })
            .collect();
        if outcomes[0].stopped_at != outcomes[1].stopped_at {
            let name = |s: Option<&StepId>| s.map(|s| format!("`{s}`")).unwrap_or_else(|| "the end".into());
            out.push(format!(
                "the walk stops at {} where it stopped at {}",
                name(outcomes[1].stopped_at),
                name(outcomes[0].stopped_at)
            ));
        }
        out
    }
}

/// The parts worth comparing: every destination, interrupt and warning either version has,
/// each pair of destinations both have whose order of urgency changed, and the risk level.
fn parts(before: &Pathway, after: &Pathway) -> Vec<Part> {
    let mut out = Vec::new();
    let mut destinations: Vec<&DestinationId> = before.destinations.iter().map(|d| &d.id).collect();
    destinations.extend(
        after.destinations.iter().map(|d| &d.id).filter(|d| before.destination(d.as_str()).is_none()),
    );
    for d in &destinations {
        out.push(Part::Referral((*d).clone()));
        let interrupts = |p: &Pathway| p.destination(d.as_str()).is_some_and(|x| x.interrupt);
        if interrupts(before) || interrupts(after) {
            out.push(Part::Interrupt((*d).clone()));
        }
    }
    let mut warnings: Vec<&RouteId> = Vec::new();
    for r in before.routes.iter().chain(&after.routes) {
        if r.warning.is_some() && !warnings.contains(&&r.id) {
            warnings.push(&r.id);
        }
    }
    out.extend(warnings.into_iter().map(|r| Part::Warning(r.clone())));
    // Referrals are ordered by urgency, then by the order destinations are listed in.
    let key = |p: &Pathway, d: &DestinationId| {
        p.destinations
            .iter()
            .position(|x| x.id == *d)
            .and_then(|i| p.destinations.get(i).map(|x| (x.urgency, i)))
    };
    for (i, a) in destinations.iter().enumerate() {
        for b in destinations.iter().skip(i + 1) {
            if let (Some(a0), Some(b0), Some(a1), Some(b1)) =
                (key(before, a), key(before, b), key(after, a), key(after, b))
                && (a0 < b0) != (a1 < b1)
            {
                out.push(Part::Order((*a).clone(), (*b).clone()));
            }
        }
    }
    if before.risk.is_some() || after.risk.is_some() {
        out.push(Part::Risk);
    }
    out
}

impl Pathway {
    /// Compares this version of a pathway (before) with `after`: every class of walk whose
    /// outcome differs, and what changed in the wording, questions and contacts. Each part of
    /// the outcome is searched over at most `limit` joint states.
    pub fn diff(&self, after: &Pathway, limit: usize) -> PathwayDiff {
        let version = |p: &Pathway| Version { id: p.meta.id.clone(), version: p.meta.version.clone() };
        let mut behaviour = Vec::new();
        let mut explored = 0;
        let mut exact = true;
        for part in parts(self, after) {
            let conditions = [part.condition(self), part.condition(after)];
            let sides = [(self, &conditions[0]), (after, &conditions[1])].map(|(p, c)| Side {
                pathway: p,
                explorer: match part {
                    Part::Risk => Explorer::with_risk(p, std::iter::empty()),
                    _ => Explorer::new(p, c.iter()),
                },
            });
            // Each way this part differs: how many classes of walk, and the first (shortest).
            let mut found: BTreeMap<String, (usize, Vec<joint::Asked>)> = BTreeMap::new();
            let searched = joint::search(&sides, limit, &mut |walk| {
                let held = [0, 1].map(|k| joint::holds(&sides, k, conditions[k].as_ref(), walk.states[k]));
                // Only the risk level's explorers know the risk model's atoms.
                let levels = [0, 1].map(|k| {
                    let p = sides[k].pathway;
                    let level =
                        matches!(part, Part::Risk).then(|| sides[k].explorer.level_in(walk.states[k]));
                    level.flatten().and_then(|l| p.risk.as_ref()?.level_at(l)).map(|l| &l.id)
                });
                if let Some(change) = part.differs(held, levels) {
                    found.entry(change).and_modify(|(n, _)| *n += 1).or_insert((1, walk.answers));
                }
            });
            explored += searched.explored;
            exact &= searched.exact;
            for (change, (classes, answers)) in found {
                if let Some(example) = example(self, after, &answers) {
                    behaviour.push(BehaviourChange { change, classes, example });
                }
            }
        }
        PathwayDiff {
            before: version(self),
            after: version(after),
            behaviour,
            wording: wording::changes(self, after),
            explored,
            exact,
        }
    }
}

/// A joint walk given to each version as its own answers file, walked to its outcome.
fn example(before: &Pathway, after: &Pathway, answers: &[joint::Asked]) -> Option<Example> {
    let mine = |k: usize| -> Vec<(StepId, Answer)> {
        answers.iter().filter(|(_, _, asked)| asked[k]).map(|(s, a, _)| (s.clone(), a.clone())).collect()
    };
    let (b, a) = (mine(0), mine(1));
    let ends = |p: &Pathway, answers: &[(StepId, Answer)]| {
        crate::author::answers::walk(p, answers).ok()?.outcome(p).ok().map(|o| Ending::of(&o))
    };
    Some(Example { before_ends: ends(before, &b)?, after_ends: ends(after, &a)?, before: b, after: a })
}

impl Example {
    /// The walk as one answers file, indented: the answers only one version asks are marked
    /// (each version's own file is `before` or `after`); then what each version ends with.
    pub fn to_text(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let mut steps: Vec<&StepId> = self.before.iter().map(|(s, _)| s).collect();
        steps.extend(self.after.iter().map(|(s, _)| s).filter(|s| !self.before.iter().any(|(b, _)| b == *s)));
        for step in steps {
            let in_before = self.before.iter().find(|(s, _)| s == step).map(|(_, a)| a);
            let in_after = self.after.iter().find(|(s, _)| s == step).map(|(_, a)| a);
            let only = match (in_before, in_after) {
                (Some(_), None) => "    # asked only before",
                (None, Some(_)) => "    # asked only after",
                _ => "",
            };
            if let Some(answer) = in_before.or(in_after) {
                let lines = crate::author::answers::answers_yaml(&[((*step).clone(), answer.clone())], 4);
                for l in lines.lines() {
                    let _ = writeln!(out, "{l}{only}");
                }
            }
        }
        let _ = writeln!(out, "   before: {}", self.before_ends.to_text());
        let _ = writeln!(out, "   after:  {}", self.after_ends.to_text());
        out
    }
}

impl PathwayDiff {
    /// The comparison as text: each way walks end differently, with its example given to both
    /// versions (answers only one version asks are marked), and then the wording.
    pub fn to_text(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} {} → {}: {} way(s) walks now end differently{}",
            self.after.id,
            self.before.version,
            self.after.version,
            self.behaviour.len(),
            if self.exact {
                " (every class of walk compared)"
            } else {
                " (NOT every class of walk could be compared)"
            }
        );
        for (n, b) in self.behaviour.iter().enumerate() {
            let _ =
                writeln!(out, "\n{}. {} — {} class(es) of walk; for example:", n + 1, b.change, b.classes);
            out.push_str(&b.example.to_text());
        }
        if !self.wording.is_empty() {
            let _ = writeln!(out, "\nwording, questions and contacts:");
            for w in &self.wording {
                let _ = writeln!(out, "  - {w}");
            }
        }
        out
    }
}
