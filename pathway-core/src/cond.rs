//! Conditions over the answers given so far: how they are evaluated, explained, and reasoned
//! about by the validator.

use crate::model::{FlagIx, ReplySet, StepIx};
use crate::sheet::{Fact, Given, Sheet};

/// An inclusive range; at least one bound is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Range {
    pub(crate) at_least: Option<i64>,
    pub(crate) at_most: Option<i64>,
}

impl Range {
    pub(crate) fn contains(self, value: i64) -> bool {
        self.at_least.is_none_or(|low| value >= low) && self.at_most.is_none_or(|high| value <= high)
    }

    /// Whether every value in `self` is also in `other`.
    pub(crate) fn within(self, other: Range) -> bool {
        let low_ok = match (self.at_least, other.at_least) {
            (_, None) => true,
            (Some(a), Some(b)) => a >= b,
            (None, Some(_)) => false,
        };
        let high_ok = match (self.at_most, other.at_most) {
            (_, None) => true,
            (Some(a), Some(b)) => a <= b,
            (None, Some(_)) => false,
        };
        low_ok && high_ok
    }

    /// Whether the range meets `[min, max]` at all.
    pub(crate) fn meets(self, min: i64, max: i64) -> bool {
        self.at_least.is_none_or(|low| low <= max)
            && self.at_most.is_none_or(|high| high >= min)
            && match (self.at_least, self.at_most) {
                (Some(low), Some(high)) => low <= high,
                _ => true,
            }
    }

    pub(crate) fn describe(self) -> String {
        match (self.at_least, self.at_most) {
            (Some(low), Some(high)) if low == high => format!("exactly {low}"),
            (Some(low), Some(high)) => format!("from {low} to {high}"),
            (Some(low), None) => format!("at least {low}"),
            (None, Some(high)) => format!("at most {high}"),
            (None, None) => "any".into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Cond {
    /// A yes/no step's answer is one of these.
    Reply {
        step: StepIx,
        replies: ReplySet,
    },
    /// A checklist item's answer is one of these.
    Item {
        step: StepIx,
        item: usize,
        replies: ReplySet,
    },
    /// A choice step's answer includes one of these options.
    Chosen {
        step: StepIx,
        options: Vec<usize>,
    },
    Flag(FlagIx),
    /// The weighted count of "yes" answers on a checklist.
    Score {
        step: StepIx,
        range: Range,
    },
    /// How many checklist items have one of these answers.
    Count {
        step: StepIx,
        replies: ReplySet,
        significant_only: bool,
        range: Range,
    },
    Number {
        step: StepIx,
        range: Range,
    },
    Criterion(usize),
    Risk(usize),
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
}

/// What a condition can see while it is evaluated.
pub(crate) trait Context {
    fn sheet(&self) -> &Sheet<'_>;
    fn criterion(&self, index: usize) -> bool;
    fn level(&self) -> Option<usize>;
    fn criterion_facts(&self, index: usize, out: &mut Vec<Fact>);
    fn level_fact(&self, out: &mut Vec<Fact>);
}

impl Cond {
    pub(crate) fn holds(&self, ctx: &dyn Context) -> bool {
        let sheet = ctx.sheet();
        match self {
            Cond::Reply { step, replies } => {
                matches!(sheet.given(*step), Some(Given::Reply(r)) if replies.contains(*r))
            }
            Cond::Item { step, item, replies } => match sheet.given(*step) {
                Some(Given::Checklist(answers)) => answers.get(*item).is_some_and(|r| replies.contains(*r)),
                _ => false,
            },
            Cond::Chosen { step, options } => match sheet.given(*step) {
                Some(Given::Choice(chosen)) => options.contains(chosen),
                Some(Given::Choices(chosen)) => chosen.iter().any(|c| options.contains(c)),
                _ => false,
            },
            Cond::Flag(flag) => sheet.flag(*flag),
            Cond::Score { step, range } => sheet.score(*step).is_some_and(|s| range.contains(s)),
            Cond::Count { step, replies, significant_only, range } => {
                sheet.count(*step, *replies, *significant_only).is_some_and(|c| range.contains(c))
            }
            Cond::Number { step, range } => {
                matches!(sheet.given(*step), Some(Given::Number(n)) if range.contains(*n))
            }
            Cond::Criterion(c) => ctx.criterion(*c),
            Cond::Risk(level) => ctx.level() == Some(*level),
            Cond::All(all) => all.iter().all(|c| c.holds(ctx)),
            Cond::Any(any) => any.iter().any(|c| c.holds(ctx)),
            Cond::Not(inner) => !inner.holds(ctx),
        }
    }

    /// If the condition holds, adds the facts that make it hold to `out` and returns true.
    pub(crate) fn explain(&self, ctx: &dyn Context, out: &mut Vec<Fact>) -> bool {
        match self {
            Cond::All(all) => {
                let mark = out.len();
                for c in all {
                    if !c.explain(ctx, out) {
                        out.truncate(mark);
                        return false;
                    }
                }
                true
            }
            Cond::Any(any) => any.iter().any(|c| c.explain(ctx, out)),
            Cond::Not(inner) => {
                if inner.holds(ctx) {
                    return false;
                }
                // What was read, to show why the inner condition failed.
                inner.read_facts(ctx, out);
                true
            }
            Cond::Criterion(c) => {
                let holds = ctx.criterion(*c);
                if holds {
                    ctx.criterion_facts(*c, out);
                }
                holds
            }
            Cond::Risk(_) => {
                let holds = self.holds(ctx);
                if holds {
                    ctx.level_fact(out);
                }
                holds
            }
            _ => {
                let holds = self.holds(ctx);
                if holds {
                    self.read_facts(ctx, out);
                }
                holds
            }
        }
    }

    /// The answers this condition reads, as facts, whether or not it holds.
    fn read_facts(&self, ctx: &dyn Context, out: &mut Vec<Fact>) {
        let sheet = ctx.sheet();
        match self {
            Cond::Reply { step, .. } | Cond::Chosen { step, .. } | Cond::Number { step, .. } => {
                out.extend(sheet.answer_fact(*step));
            }
            Cond::Item { step, item, .. } => out.extend(sheet.item_fact(*step, *item)),
            Cond::Flag(flag) => out.extend(sheet.flag_fact(*flag)),
            Cond::Score { step, range } => out.extend(sheet.score_fact(*step, *range)),
            Cond::Count { step, replies, significant_only, range } => {
                out.extend(sheet.count_fact(*step, *replies, *significant_only, *range))
            }
            Cond::Criterion(c) => {
                if ctx.criterion(*c) {
                    ctx.criterion_facts(*c, out)
                }
            }
            Cond::Risk(_) => ctx.level_fact(out),
            Cond::All(list) | Cond::Any(list) => list.iter().for_each(|c| c.read_facts(ctx, out)),
            Cond::Not(inner) => inner.read_facts(ctx, out),
        }
    }

    /// Calls `f` with every step whose answer this condition reads directly.
    pub(crate) fn for_each_step(&self, f: &mut dyn FnMut(StepIx)) {
        match self {
            Cond::Reply { step, .. }
            | Cond::Item { step, .. }
            | Cond::Chosen { step, .. }
            | Cond::Score { step, .. }
            | Cond::Count { step, .. }
            | Cond::Number { step, .. } => f(*step),
            Cond::All(list) | Cond::Any(list) => list.iter().for_each(|c| c.for_each_step(f)),
            Cond::Not(inner) => inner.for_each_step(f),
            Cond::Flag(_) | Cond::Criterion(_) | Cond::Risk(_) => {}
        }
    }

    /// Calls `f` for every leaf (a condition that is not `all`, `any` or `not`).
    pub(crate) fn for_each_leaf<'a>(&'a self, f: &mut dyn FnMut(&'a Cond)) {
        match self {
            Cond::All(list) | Cond::Any(list) => list.iter().for_each(|c| c.for_each_leaf(f)),
            Cond::Not(inner) => inner.for_each_leaf(f),
            leaf => f(leaf),
        }
    }

    /// Whether `self` being true guarantees `other` is true, as far as a simple reading can
    /// tell. Used to find branches that an earlier branch always takes first.
    pub(crate) fn implies(&self, other: &Cond) -> bool {
        if self == other {
            return true;
        }
        match (self, other) {
            (_, Cond::Any(list)) if list.iter().any(|c| self.implies(c)) => true,
            (Cond::All(list), _) if list.iter().any(|c| c.implies(other)) => true,
            (Cond::Any(list), _) if !list.is_empty() && list.iter().all(|c| c.implies(other)) => true,
            (_, Cond::All(list)) if !list.is_empty() && list.iter().all(|c| self.implies(c)) => true,
            (Cond::Reply { step: a, replies: ra }, Cond::Reply { step: b, replies: rb }) => {
                a == b && ra.0 & !rb.0 == 0
            }
            (
                Cond::Item { step: a, item: ia, replies: ra },
                Cond::Item { step: b, item: ib, replies: rb },
            ) => a == b && ia == ib && ra.0 & !rb.0 == 0,
            (Cond::Chosen { step: a, options: oa }, Cond::Chosen { step: b, options: ob }) => {
                a == b && oa.iter().all(|o| ob.contains(o))
            }
            (Cond::Score { step: a, range: ra }, Cond::Score { step: b, range: rb })
            | (Cond::Number { step: a, range: ra }, Cond::Number { step: b, range: rb }) => {
                a == b && ra.within(*rb)
            }
            (
                Cond::Count { step: a, replies: qa, significant_only: sa, range: ra },
                Cond::Count { step: b, replies: qb, significant_only: sb, range: rb },
            ) => a == b && qa == qb && sa == sb && ra.within(*rb),
            _ => false,
        }
    }
}
