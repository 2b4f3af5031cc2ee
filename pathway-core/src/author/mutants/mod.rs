//! `mutants`: small, plausible authoring mistakes made in a copy of a pathway, to find the
//! mistakes that neither the validator, the case studies nor the declared properties notice.
//!
//! Mistakes are made on the validated model, so each one is a pathway an author could have
//! written. Each is *killed* if re-validating it, a case study or a property catches it;
//! *equivalent* if no walk's outcome changes (decided by exploring every walk of the
//! original with the tests of both); otherwise it *survives*, and the report says where it is
//! and what would catch it.

use crate::author::case_study::CaseStudy;
use crate::author::explore::Explorer;
use crate::cond::Cond;
use crate::model::*;
use crate::walk::sheet::Sheet;
use serde::Serialize;

mod make;
mod told;

/// One mistake: what it is, and where in the file (a path such as `routes[3].when.all[1]`).
#[derive(Clone, Debug, Serialize)]
pub struct Mutation {
    pub kind: &'static str,
    pub description: String,
    pub path: String,
}

/// What became of a mistake.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "fate", rename_all = "snake_case")]
pub enum Fate {
    /// Re-validating the mistaken pathway refuses it.
    Refused { problem: String },
    /// A case study fails.
    CaseFails { case: String },
    /// A declared property or precondition is no longer proven.
    PropertyFails { property: String },
    /// No walk's outcome changes: not a mistake at all.
    Equivalent,
    /// Nothing notices it.
    Survived { suggestion: String },
}

#[derive(Clone, Debug, Serialize)]
pub struct MutantReport {
    pub mutation: Mutation,
    pub fate: Fate,
}

/// Every mutant and its fate, and the score: killed mutants over those not equivalent.
#[derive(Clone, Debug, Serialize)]
pub struct MutationScore {
    pub mutants: Vec<MutantReport>,
    pub killed: usize,
    pub equivalent: usize,
    pub survived: usize,
}

impl MutationScore {
    /// The score of these mutants' fates, in the order they were made.
    pub fn new(mutants: Vec<MutantReport>) -> Self {
        let count = |f: fn(&Fate) -> bool| mutants.iter().filter(|m| f(&m.fate)).count();
        MutationScore {
            killed: count(|f| !matches!(f, Fate::Equivalent | Fate::Survived { .. })),
            equivalent: count(|f| matches!(f, Fate::Equivalent)),
            survived: count(|f| matches!(f, Fate::Survived { .. })),
            mutants,
        }
    }

    /// Killed as a share of the mutants that are real mistakes, from 0 to 1.
    pub fn score(&self) -> f64 {
        let real = self.killed + self.survived;
        if real == 0 { 1.0 } else { self.killed as f64 / real as f64 }
    }
}

fn same_contacts(a: &Destination, b: &Destination) -> bool {
    a.contacts.len() == b.contacts.len()
        && a.contacts.iter().zip(&b.contacts).all(|(x, y)| x.value == y.value)
}

/// Past this many states, an equivalence search gives up and the mutant counts as a mistake.
const EQUIVALENCE_LIMIT: usize = 2_000_000;

impl Pathway {
    /// Makes every mutant, and runs re-validation, the case studies and `verify` on each, one
    /// after another. (The core starts no threads, since it runs in a browser too: `pathway
    /// mutants` tries [`mutations`](Self::mutations) on every core with [`fate`](Self::fate).)
    pub fn mutants(&self, cases: &[(String, CaseStudy)]) -> MutationScore {
        let mutants = self
            .mutations()
            .into_iter()
            .map(|(mutation, mutant)| MutantReport { fate: self.fate(&mutant, cases), mutation })
            .collect();
        MutationScore::new(mutants)
    }

    /// What becomes of one mistaken copy of this pathway: refused, caught by a case study or a
    /// property, equivalent, or survived.
    pub fn fate(&self, mutant: &Pathway, cases: &[(String, CaseStudy)]) -> Fate {
        if let Some(problem) = mutant.revalidate() {
            return Fate::Refused { problem };
        }
        for (name, case) in cases {
            if !case.run(mutant).0.passed() {
                return Fate::CaseFails { case: name.clone() };
            }
        }
        let verification = mutant.verify(crate::VERIFY_LIMIT);
        if let Some(c) =
            verification.checks.iter().find(|c| !matches!(c.verdict, crate::Verdict::Proven { .. }))
        {
            return Fate::PropertyFails { property: c.id.clone() };
        }
        match self.first_difference(mutant) {
            None => Fate::Equivalent,
            Some(walk) => Fate::Survived {
                suggestion: format!(
                    "a case study with these answers would catch it ({walk}); or a property that says what should happen there"
                ),
            },
        }
    }

    /// The checks `load` makes of the whole graph and of each destination, run again on a
    /// changed model.
    fn revalidate(&self) -> Option<String> {
        if let Some((problem, path)) = crate::graph::check(self).problems.into_iter().next() {
            return Some(format!("{problem} (at {path})"));
        }
        if let Some(d) = self.destinations.iter().find(|d| d.interrupt && d.urgency != Urgency::Immediate) {
            return Some(
                crate::diagnostic::Problem::InterruptNotImmediate { id: d.id.to_string() }.to_string(),
            );
        }
        let set = |f: FlagIx| self.steps.iter().any(|s| s.flags_set().contains(&f));
        let mut never_set = None;
        for placed in self.conditions() {
            placed.cond.for_each_leaf(&mut |leaf| {
                if let Cond::Flag(f) = leaf
                    && !set(*f)
                {
                    never_set = self
                        .flags
                        .get(f.0)
                        .map(|flag| format!("the flag `{}` is tested but never set", flag.id));
                }
            });
        }
        never_set
    }

    /// A walk on which the mutant's outcome differs from this pathway's, as `step=answer`
    /// text, or `None` if there is none.
    ///
    /// Only what the mistake changed is compared: each condition that decides a branch, a
    /// route, a criterion or a risk level, written out in answers for both pathways (so a
    /// changed flag, criterion or threshold shows up where it is read), and each destination
    /// whose referring routes changed. The rest is the same in both.
    fn first_difference(&self, mutant: &Pathway) -> Option<String> {
        let mut pairs: Vec<(Cond, Cond)> = Vec::new();
        let mut pair = |a: Cond, b: Cond| {
            if a != b {
                pairs.push((a, b));
            }
        };
        for (ours, theirs) in self.deciding().into_iter().zip(mutant.deciding()) {
            pair(self.in_answers(ours), mutant.in_answers(theirs));
        }
        if let Some(model) = &self.risk {
            for l in model.level_indices() {
                pair(self.in_answers(&Cond::Risk(l)), mutant.in_answers(&Cond::Risk(l)));
            }
            for (c, _) in model.indexed_criteria() {
                pair(self.in_answers(&Cond::Criterion(c)), mutant.in_answers(&Cond::Criterion(c)));
            }
        }
        // Destinations referred to by a different set of routes: whether each is referred at all.
        let referrers = |p: &Pathway, d: DestIx| {
            Cond::Any(
                p.routes.iter().filter(|r| r.refer.contains(&d)).map(|r| p.in_answers(&r.when)).collect(),
            )
        };
        for d in (0..self.destinations.len()).map(DestIx) {
            let changed = self
                .routes
                .iter()
                .zip(&mutant.routes)
                .any(|(a, b)| a.refer.contains(&d) != b.refer.contains(&d));
            if changed {
                pairs.push((referrers(self, d), referrers(mutant, d)));
            }
        }
        // Destinations that tell the practitioner something else (how soon, who to call): the
        // outcome differs wherever one is referred to, so compare "referred" with "never".
        for (d, (ours, theirs)) in self.destinations.iter().zip(&mutant.destinations).enumerate() {
            if ours.urgency != theirs.urgency || !same_contacts(ours, theirs) {
                pairs.push((referrers(self, DestIx(d)), Cond::Any(Vec::new())));
            }
        }
        let targets = |s: &Step| s.ways_on().into_iter().flat_map(|n| n.targets()).collect::<Vec<_>>();
        let targets_changed = self.steps.iter().zip(&mutant.steps).any(|(a, b)| targets(a) != targets(b));
        if pairs.is_empty() && !targets_changed {
            return None;
        }
        let explorer = Explorer::new(self, pairs.iter().flat_map(|(a, b)| [a, b]));
        let mut found = None;
        let run = explorer.walks(EQUIVALENCE_LIMIT, &mut |walk| {
            if found.is_some() {
                return;
            }
            let differs = pairs.iter().any(|(a, b)| walk.holds(a) != walk.holds(b));
            let (sheet, path) = walk.replay();
            if differs || (targets_changed && !mutant.walks_alike(&sheet, &path)) {
                let example = self.example(&sheet, &path);
                let text: Vec<String> = example
                    .iter()
                    .map(|(s, a)| format!("{s}={}", crate::author::analysis::short(a)))
                    .collect();
                found = Some(text.join("; "));
            }
        });
        if found.is_none() && (run.truncated || !run.exact) {
            return Some("the search for a difference stopped at its limit".into());
        }
        found
    }

    /// Every condition that decides where a walk goes or what it leads to, in a fixed order
    /// that is the same for a pathway and its mutants.
    fn deciding(&self) -> Vec<&Cond> {
        let placed = self.conditions();
        let mut out: Vec<&Cond> = placed.iter().filter(|p| p.at_step.is_some()).map(|p| p.cond).collect();
        out.extend(self.routes.iter().map(|r| &r.when));
        out
    }

    /// Whether answering as on `sheet` walks this pathway through exactly the steps `path`.
    fn walks_alike(&self, sheet: &Sheet<'_>, path: &[StepIx]) -> bool {
        let mut mine = Sheet::new(self);
        let mut at = Target::Step(self.start);
        for step in path {
            if at != Target::Step(*step) {
                return false;
            }
            if let Some(given) = sheet.given(*step) {
                mine.record(*step, given.clone());
            }
            at = crate::walk::session::next_target(self, *step, &mine);
        }
        at == Target::End
    }

    /// A condition of this pathway written out in answers: each flag as the answers that
    /// set it here, each criterion as its condition, each risk level as "the checklist is
    /// answered, no earlier level applies, and this one does". So it can be read on the
    /// walks of another pathway with the same steps.
    fn in_answers(&self, cond: &Cond) -> Cond {
        match cond {
            Cond::Flag(f) => Cond::Any(self.setters(*f)),
            Cond::All(list) => Cond::All(list.iter().map(|c| self.in_answers(c)).collect()),
            Cond::Any(list) => Cond::Any(list.iter().map(|c| self.in_answers(c)).collect()),
            Cond::Not(inner) => Cond::Not(Box::new(self.in_answers(inner))),
            Cond::Criterion(c) => match self.risk.as_ref().and_then(|r| r.criterion_at(*c)) {
                Some(criterion) => self.in_answers(&criterion.when),
                None => Cond::Any(Vec::new()),
            },
            Cond::Risk(l) => match &self.risk {
                Some(model) => {
                    let mut parts = vec![crate::author::explore::answered(model.checklist)];
                    for (i, level) in model.levels.iter().enumerate().take(l.0 + 1) {
                        let when =
                            level.when.as_ref().map(|w| self.in_answers(w)).unwrap_or(Cond::All(Vec::new()));
                        parts.push(if LevelIx(i) == *l { when } else { Cond::Not(Box::new(when)) });
                    }
                    Cond::All(parts)
                }
                None => Cond::Any(Vec::new()),
            },
            other => other.clone(),
        }
    }

    /// The answers that set flag `f`, as conditions.
    fn setters(&self, f: FlagIx) -> Vec<Cond> {
        let mut out = Vec::new();
        for (i, step) in self.steps.iter().enumerate() {
            let step_ix = StepIx(i);
            match &step.kind {
                StepKind::YesNo { rules, .. } => {
                    for rule in rules.iter().filter(|r| r.sets.contains(&f)) {
                        out.push(Cond::Reply { step: step_ix, replies: ReplySet(rule.reply.bit()) });
                    }
                }
                StepKind::SingleChoice { options } | StepKind::MultipleChoice { options } => {
                    let chosen: Vec<OptionIx> =
                        (0..options.len()).filter(|o| options[*o].sets.contains(&f)).map(OptionIx).collect();
                    if !chosen.is_empty() {
                        out.push(Cond::Chosen { step: step_ix, options: chosen });
                    }
                }
                StepKind::Checklist { items, .. } => {
                    for (item, _) in items.iter().enumerate().filter(|(_, it)| it.sets.contains(&f)) {
                        let item = ItemIx(item);
                        out.push(Cond::Item { step: step_ix, item, replies: ReplySet(Reply::Yes.bit()) });
                    }
                }
                _ => {}
            }
        }
        out
    }
}
