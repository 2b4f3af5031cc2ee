//! What a compiled pathway must be for the walker to walk it: the invariants `load` makes
//! true and the walker relies on, checked again on a pathway read from bytes. The validator's
//! other checks (reachability, wording, coverage) are for authors and are not repeated here:
//! a pathway that passes this check can be walked to the end without a panic or a loop.

use crate::cond::Cond;
use crate::index::{DestIx, FlagIx, StepIx, Target};
use crate::model::{Next, Pathway, StepKind};

pub(crate) fn check(pathway: &Pathway) -> Result<(), String> {
    let checker = Checker { pathway };
    checker.step(pathway.start)?;
    for step in &pathway.steps {
        let at = || format!("step `{}`", step.id);
        checker.next(&step.next).map_err(|e| format!("{}: {e}", at()))?;
        if let Some(when) = &step.required_when {
            checker.cond(when).map_err(|e| format!("{}: {e}", at()))?;
        }
        checker.kind(&step.kind).map_err(|e| format!("{}: {e}", at()))?;
    }
    if let Some(risk) = &pathway.risk {
        match pathway.steps.get(risk.checklist.0).map(|s| &s.kind) {
            Some(StepKind::Checklist { .. }) => {}
            _ => return Err("the risk model's checklist is not a checklist step".into()),
        }
        for c in risk.conditions() {
            checker.cond(c)?;
        }
    }
    for route in &pathway.routes {
        checker.cond(&route.when).map_err(|e| format!("route `{}`: {e}", route.id))?;
        for d in &route.refer {
            checker.destination(*d).map_err(|e| format!("route `{}`: {e}", route.id))?;
        }
    }
    acyclic(pathway)
}

struct Checker<'p> {
    pathway: &'p Pathway,
}

impl Checker<'_> {
    fn step(&self, ix: StepIx) -> Result<&crate::model::Step, String> {
        self.pathway.steps.get(ix.0).ok_or_else(|| format!("step number {} does not exist", ix.0))
    }

    fn flag(&self, ix: FlagIx) -> Result<(), String> {
        if ix.0 < self.pathway.flags.len() {
            Ok(())
        } else {
            Err(format!("flag number {} does not exist", ix.0))
        }
    }

    fn flags(&self, list: &[FlagIx]) -> Result<(), String> {
        list.iter().try_for_each(|f| self.flag(*f))
    }

    fn destination(&self, ix: DestIx) -> Result<(), String> {
        if ix.0 < self.pathway.destinations.len() {
            Ok(())
        } else {
            Err(format!("destination number {} does not exist", ix.0))
        }
    }

    fn next(&self, next: &Option<Next>) -> Result<(), String> {
        let target = |t: &Target| match t {
            Target::Step(s) => self.step(*s).map(|_| ()),
            Target::End => Ok(()),
        };
        match next {
            None => Ok(()),
            Some(Next::To(t)) => target(t),
            Some(Next::Branches(branches)) => {
                let Some(((last, _), earlier)) = branches.split_last() else {
                    return Err("a way on has no branches".into());
                };
                if last.is_some() || earlier.iter().any(|(when, _)| when.is_none()) {
                    return Err("only the last branch of a way on may, and must, have no condition".into());
                }
                for (when, t) in branches {
                    if let Some(when) = when {
                        self.cond(when)?;
                    }
                    target(t)?;
                }
                Ok(())
            }
        }
    }

    fn kind(&self, kind: &StepKind) -> Result<(), String> {
        match kind {
            StepKind::YesNo { allowed, rules } => {
                if allowed.is_empty() {
                    return Err("a yes/no question allows no answer".into());
                }
                rules.iter().try_for_each(|r| {
                    self.next(&r.next)?;
                    self.flags(&r.sets)
                })
            }
            StepKind::SingleChoice { options } | StepKind::MultipleChoice { options } => {
                if options.is_empty() {
                    return Err("a choice has no options".into());
                }
                options.iter().try_for_each(|o| {
                    self.next(&o.next)?;
                    self.flags(&o.sets)
                })
            }
            StepKind::Checklist { items, topics } => {
                // Topics, if any, name every item exactly once: no question left off a page.
                let mut named: Vec<usize> = topics.iter().flat_map(|t| t.items.iter().map(|i| i.0)).collect();
                named.sort_unstable();
                if !topics.is_empty() && !named.iter().copied().eq(0..items.len()) {
                    return Err("the checklist's topics do not name every item exactly once".into());
                }
                items.iter().try_for_each(|i| self.flags(&i.sets))
            }
            StepKind::Number { min, max, .. } if min > max => {
                Err("a number's least is above its most".into())
            }
            StepKind::Number { .. } | StepKind::Text { .. } | StepKind::Info => Ok(()),
        }
    }

    /// Every step a condition reads exists and is of the kind it reads, and every item,
    /// option, flag, criterion and level it names exists.
    fn cond(&self, cond: &Cond) -> Result<(), String> {
        let mut result = Ok(());
        cond.for_each_leaf(&mut |leaf| {
            if result.is_ok() {
                result = self.leaf(leaf);
            }
        });
        result
    }

    fn leaf(&self, leaf: &Cond) -> Result<(), String> {
        let risk = self.pathway.risk.as_ref();
        let fits = match leaf {
            Cond::Reply { step, .. } => matches!(self.step(*step)?.kind, StepKind::YesNo { .. }),
            Cond::Item { step, item, .. } => {
                matches!(&self.step(*step)?.kind, StepKind::Checklist { items, .. } if item.0 < items.len())
            }
            Cond::Chosen { step, options: chosen } => match &self.step(*step)?.kind {
                StepKind::SingleChoice { options } | StepKind::MultipleChoice { options } => {
                    chosen.iter().all(|o| o.0 < options.len())
                }
                _ => false,
            },
            Cond::Score { step, .. } | Cond::Count { step, .. } => {
                matches!(self.step(*step)?.kind, StepKind::Checklist { .. })
            }
            Cond::Number { step, .. } => matches!(self.step(*step)?.kind, StepKind::Number { .. }),
            Cond::Flag(flag) => return self.flag(*flag),
            Cond::Criterion(c) => risk.is_some_and(|r| r.criterion_at(*c).is_some()),
            Cond::Risk(l) => risk.is_some_and(|r| r.level_at(*l).is_some()),
            // `for_each_leaf` never gives these.
            Cond::All(_) | Cond::Any(_) | Cond::Not(_) => true,
        };
        if fits { Ok(()) } else { Err("a condition reads something that is not there".into()) }
    }
}

/// No way on leads back to a step already passed, so every walk ends.
fn acyclic(pathway: &Pathway) -> Result<(), String> {
    match pathway.steps_in_order() {
        Some(_) => Ok(()),
        None => Err("the steps lead round in a circle".into()),
    }
}
