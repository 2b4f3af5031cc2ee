//! Conditions evaluated on a walk: whether they hold, and the answers that make them hold
//! ("because: ..."), for the walker, the outcome and the explorer.

use crate::cond::Cond;
use crate::index::{CriterionIx, LevelIx};
use crate::walk::sheet::{Fact, Given, Sheet};

/// What a condition can see while it is evaluated.
pub(crate) trait Context {
    fn sheet(&self) -> &Sheet<'_>;
    fn criterion(&self, index: CriterionIx) -> bool;
    fn level(&self) -> Option<LevelIx>;
    fn criterion_facts(&self, index: CriterionIx, out: &mut Vec<Fact>);
    fn level_fact(&self, out: &mut Vec<Fact>);
}

impl Cond {
    pub(crate) fn holds(&self, ctx: &dyn Context) -> bool {
        self.holds_on(ctx.sheet(), ctx)
    }

    /// `holds`, with the context's sheet fetched once for the whole tree rather than at every
    /// node: `pathway audit` evaluates conditions for every case.
    fn holds_on(&self, sheet: &Sheet<'_>, ctx: &dyn Context) -> bool {
        match self {
            Cond::All(all) => all.iter().all(|c| c.holds_on(sheet, ctx)),
            Cond::Any(any) => any.iter().any(|c| c.holds_on(sheet, ctx)),
            Cond::Not(inner) => !inner.holds_on(sheet, ctx),
            leaf => leaf.leaf_holds(sheet, ctx),
        }
    }

    /// A leaf: a condition that is not `all`, `any` or `not`. Inlined where it is used: here,
    /// and in `pathway audit`'s route table, which tests every leaf of every case.
    #[inline(always)]
    pub(crate) fn leaf_holds(&self, sheet: &Sheet<'_>, ctx: &dyn Context) -> bool {
        match self {
            Cond::Reply { step, replies } => {
                matches!(sheet.given(*step), Some(Given::Reply(r)) if replies.contains(*r))
            }
            Cond::Item { step, item, replies } => match sheet.given(*step) {
                Some(Given::Checklist(answers)) => answers.get(item.0).is_some_and(|r| replies.contains(*r)),
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
            Cond::All(_) | Cond::Any(_) | Cond::Not(_) => self.holds_on(sheet, ctx),
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
}
