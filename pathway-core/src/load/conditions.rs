//! Conditions as written (`answer`, `flag`, `score`, …) resolved to `Cond`, with every way
//! one can be wrong or never true reported at its place.

use super::{Loader, Scope, Tables};
use crate::cond::{Cond, Range};
use crate::diagnostic::Problem;
use crate::load::raw::*;
use crate::model::*;

/// The deepest a condition may nest (`all` inside `any` inside `not` …).
const MAX_CONDITION_DEPTH: usize = 12;

impl Loader {
    pub(super) fn range(&mut self, at_least: Option<i64>, at_most: Option<i64>, path: &str) -> Option<Range> {
        if at_least.is_none() && at_most.is_none() {
            self.report(Problem::MissingField { field: "at_least` or `at_most".into() }, path);
            return None;
        }
        Some(Range { at_least, at_most })
    }

    pub(super) fn replies(
        &mut self,
        step: &str,
        values: &[String],
        allowed: &[Reply],
        path: &str,
    ) -> Option<ReplySet> {
        let mut set = ReplySet::default();
        let mut ok = true;
        for v in values {
            match Reply::from_id(v).filter(|r| allowed.contains(r)) {
                Some(r) => set.0 |= r.bit(),
                None => {
                    let allowed =
                        allowed.iter().map(|r| format!("`{}`", r.id())).collect::<Vec<_>>().join(", ");
                    self.report(
                        Problem::UnknownAnswer { step: step.to_owned(), value: v.clone(), allowed },
                        path,
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(set)
    }

    /// Resolves a condition. Returns None (having reported why) if any part of it is wrong.
    pub(super) fn cond(
        &mut self,
        t: &Tables,
        raw: &RawCondition,
        kinds: &[StepKind],
        path: &str,
        scope: Scope,
        depth: usize,
    ) -> Option<Cond> {
        if depth > MAX_CONDITION_DEPTH {
            self.report(Problem::ConditionTooDeep { limit: MAX_CONDITION_DEPTH }, path);
            return None;
        }
        let wrong_kind = |loader: &mut Self, condition: &str, step: &str, kind: &StepKind, at: &str| {
            let problem = Problem::WrongStepKind {
                condition: condition.into(),
                step: step.into(),
                kind: kind.name().into(),
            };
            loader.report(problem, at);
            None
        };
        let never = |loader: &mut Self, why: String, at: &str| {
            loader.report(Problem::NeverTrue { why }, at);
            None
        };
        match raw {
            RawCondition::Answer(a) => {
                let at = format!("{path}.answer");
                let ix = self.resolve(&t.steps, "step", &a.step, &format!("{at}.step"))?;
                let kind = kinds.get(ix)?;
                let step = StepIx(ix);
                match (kind, &a.item) {
                    (StepKind::YesNo { allowed, .. }, None) => {
                        let replies = self.replies(&a.step, &a.is.0, allowed, &format!("{at}.is"))?;
                        Some(Cond::Reply { step, replies })
                    }
                    (StepKind::Checklist { items, .. }, Some(item)) => {
                        let Some(item) = items.iter().position(|i| i.id.as_str() == item) else {
                            let known =
                                items.iter().map(|i| format!("`{}`", i.id)).collect::<Vec<_>>().join(", ");
                            let problem = Problem::UnknownReference {
                                what: format!("item in checklist `{}`", a.step),
                                id: item.clone(),
                                known,
                                nearest: crate::diagnostic::nearest(
                                    item,
                                    items.iter().map(|i| i.id.as_str()),
                                ),
                            };
                            self.report(problem, format!("{at}.item"));
                            return None;
                        };
                        let replies = self.replies(&a.step, &a.is.0, &Reply::ALL, &format!("{at}.is"))?;
                        Some(Cond::Item { step, item: ItemIx(item), replies })
                    }
                    (StepKind::SingleChoice { options } | StepKind::MultipleChoice { options }, None) => {
                        let mut chosen = Vec::new();
                        for v in &a.is.0 {
                            match options.iter().position(|o| o.id.as_str() == v) {
                                Some(o) => chosen.push(OptionIx(o)),
                                None => {
                                    let allowed = options
                                        .iter()
                                        .map(|o| format!("`{}`", o.id))
                                        .collect::<Vec<_>>()
                                        .join(", ");
                                    self.report(
                                        Problem::UnknownAnswer {
                                            step: a.step.clone(),
                                            value: v.clone(),
                                            allowed,
                                        },
                                        format!("{at}.is"),
                                    );
                                    return None;
                                }
                            }
                        }
                        Some(Cond::Chosen { step, options: chosen })
                    }
                    (StepKind::Checklist { .. }, None) => {
                        self.report(Problem::MissingField { field: "item".into() }, at);
                        None
                    }
                    (_, Some(_)) => wrong_kind(self, "answer … item", &a.step, kind, &format!("{at}.item")),
                    _ => wrong_kind(self, "answer", &a.step, kind, &format!("{at}.step")),
                }
            }
            RawCondition::Flag(f) => {
                self.resolve(&t.flags, "flag", f, &format!("{path}.flag")).map(|i| Cond::Flag(FlagIx(i)))
            }
            RawCondition::Score(m) | RawCondition::Number(m) => {
                let is_score = matches!(raw, RawCondition::Score(_));
                let name = if is_score { "score" } else { "number" };
                let at = format!("{path}.{name}");
                let ix = self.resolve(&t.steps, "step", &m.step, &format!("{at}.step"))?;
                let range = self.range(m.at_least, m.at_most, &at)?;
                let step = StepIx(ix);
                match (kinds.get(ix)?, is_score) {
                    (StepKind::Checklist { items, .. }, true) => {
                        let max: i64 = items.iter().map(|i| i.weight).sum();
                        if !range.meets(0, max) {
                            return never(
                                self,
                                format!("the score is {} but can only be from 0 to {max}", range.describe()),
                                &at,
                            );
                        }
                        Some(Cond::Score { step, range })
                    }
                    (StepKind::Number { min, max, .. }, false) => {
                        if !range.meets(*min, *max) {
                            return never(
                                self,
                                format!(
                                    "the number is {} but the step allows only {min} to {max}",
                                    range.describe()
                                ),
                                &at,
                            );
                        }
                        Some(Cond::Number { step, range })
                    }
                    (kind, _) => wrong_kind(self, name, &m.step, kind, &format!("{at}.step")),
                }
            }
            RawCondition::Count(c) => {
                let at = format!("{path}.count");
                let ix = self.resolve(&t.steps, "step", &c.step, &format!("{at}.step"))?;
                let range = self.range(c.at_least, c.at_most, &at)?;
                let kind = kinds.get(ix)?;
                let StepKind::Checklist { items, .. } = kind else {
                    return wrong_kind(self, "count", &c.step, kind, &format!("{at}.step"));
                };
                let replies = self.replies(&c.step, &c.answers.0, &Reply::ALL, &format!("{at}.answers"))?;
                let n = items.iter().filter(|i| !c.significant_only || i.significant).count();
                let n = i64::try_from(n).unwrap_or(i64::MAX);
                if !range.meets(0, n) {
                    return never(
                        self,
                        format!("the count is {} but there are only {n} items to count", range.describe()),
                        &at,
                    );
                }
                Some(Cond::Count { step: StepIx(ix), replies, significant_only: c.significant_only, range })
            }
            RawCondition::Criterion(id) => {
                let at = format!("{path}.criterion");
                if scope == Scope::Criterion {
                    self.report(
                        Problem::CircularRisk {
                            what: "a risk criterion".into(),
                            on: "another criterion".into(),
                        },
                        at,
                    );
                    return None;
                }
                self.resolve(&t.criteria, "risk criterion", id, &at).map(|c| Cond::Criterion(CriterionIx(c)))
            }
            RawCondition::Risk(id) => {
                let at = format!("{path}.risk");
                if scope != Scope::Walk {
                    let what = if scope == Scope::Criterion { "a risk criterion" } else { "a risk level" };
                    self.report(Problem::CircularRisk { what: what.into(), on: "the risk level".into() }, at);
                    return None;
                }
                let levels: Option<Vec<Cond>> = id
                    .0
                    .iter()
                    .map(|id| self.resolve(&t.levels, "risk level", id, &at).map(|l| Cond::Risk(LevelIx(l))))
                    .collect();
                match levels?.as_slice() {
                    [one] => Some(one.clone()),
                    many => Some(Cond::Any(many.to_vec())),
                }
            }
            RawCondition::All(list) | RawCondition::Any(list) => {
                let is_all = matches!(raw, RawCondition::All(_));
                let name = if is_all { "all" } else { "any" };
                if list.is_empty() {
                    let problem = Problem::TooFewChoices {
                        kind: format!("`{name}`"),
                        what: "conditions".into(),
                        at_least: 1,
                    };
                    self.report(problem, format!("{path}.{name}"));
                    return None;
                }
                let parts: Vec<Option<Cond>> = list
                    .iter()
                    .enumerate()
                    .map(|(j, c)| self.cond(t, c, kinds, &format!("{path}.{name}[{j}]"), scope, depth + 1))
                    .collect();
                let parts: Option<Vec<Cond>> = parts.into_iter().collect();
                let parts = parts?;
                Some(if is_all { Cond::All(parts) } else { Cond::Any(parts) })
            }
            RawCondition::Not(inner) => self
                .cond(t, inner, kinds, &format!("{path}.not"), scope, depth + 1)
                .map(|c| Cond::Not(Box::new(c))),
        }
    }
}
