//! The mistakes: each a copy of the pathway with one small change an author could make.

use super::Mutation;
use crate::cond::{Cond, Range};
use crate::model::*;

impl Pathway {
    /// Every mutant of this pathway, with what was changed and where.
    pub fn mutations(&self) -> Vec<(Mutation, Pathway)> {
        let mut out = Vec::new();
        let mut add = |kind: &'static str, description: String, path: String, mutant: Pathway| {
            out.push((Mutation { kind, description, path }, mutant));
        };
        for (i, route) in self.routes.iter().enumerate() {
            // Deleted, as far as any walk can tell: it never applies. (Removing it from the
            // list would shift the positions that properties hold.)
            let mut m = self.clone();
            m.routes[i].when = Cond::Any(Vec::new());
            add("delete-route", format!("delete route `{}`", route.id), format!("routes[{i}].id"), m);
            let may_drop = route.refer.len() > 1 || route.advice.is_some() || route.warning.is_some();
            for (j, d) in route.refer.iter().enumerate().filter(|_| may_drop) {
                let mut m = self.clone();
                m.routes[i].refer.remove(j);
                let name = &self.destination_at(*d).id;
                add(
                    "drop-referral",
                    format!("route `{}` no longer refers to `{name}`", route.id),
                    format!("routes[{i}].refer[{j}]"),
                    m,
                );
            }
        }
        let places = self.clone().conditions_mut().len();
        for k in 0..places {
            let mut probe = self.clone();
            let Some((path, cond)) = probe.conditions_mut().into_iter().nth(k).map(|(p, c)| (p, c.clone()))
            else {
                continue;
            };
            for (kind, description, at, changed) in variants(self, &cond, &path) {
                let mut m = self.clone();
                if let Some((_, slot)) = m.conditions_mut().into_iter().nth(k) {
                    *slot = changed;
                }
                add(kind, description, at, m);
            }
        }
        for (i, step) in self.steps.iter().enumerate() {
            let sets: Vec<(String, Vec<FlagIx>)> = match &step.kind {
                StepKind::YesNo { rules, .. } => rules
                    .iter()
                    .enumerate()
                    .map(|(j, r)| (format!("steps[{i}].answers[{j}]"), r.sets.clone()))
                    .collect(),
                StepKind::SingleChoice { options } | StepKind::MultipleChoice { options } => options
                    .iter()
                    .enumerate()
                    .map(|(j, o)| (format!("steps[{i}].options[{j}]"), o.sets.clone()))
                    .collect(),
                StepKind::Checklist { items, .. } => items
                    .iter()
                    .enumerate()
                    .map(|(j, it)| (format!("steps[{i}].items[{j}]"), it.sets.clone()))
                    .collect(),
                _ => Vec::new(),
            };
            for (j, (at, flags)) in sets.iter().enumerate() {
                for (k, f) in flags.iter().enumerate() {
                    let mut m = self.clone();
                    match &mut m.steps[i].kind {
                        StepKind::YesNo { rules, .. } => drop_at(&mut rules[j].sets, k),
                        StepKind::SingleChoice { options } | StepKind::MultipleChoice { options } => {
                            drop_at(&mut options[j].sets, k)
                        }
                        StepKind::Checklist { items, .. } => drop_at(&mut items[j].sets, k),
                        _ => {}
                    }
                    let flag = &self.flags[f.0].id;
                    add(
                        "flag-not-set",
                        format!("{at} no longer sets `{flag}`"),
                        format!("{at}.sets[{k}]"),
                        m,
                    );
                }
            }
            // A branch of the step's own `next` sent where another branch goes.
            let path = format!("steps[{i}].next");
            if let Some(Next::Branches(branches)) = &step.next {
                for (j, (_, target)) in branches.iter().enumerate() {
                    let Some(other) = branches.iter().map(|(_, t)| *t).find(|t| t != target) else {
                        continue;
                    };
                    let mut m = self.clone();
                    if let Some(Next::Branches(b)) = &mut m.steps[i].next {
                        b[j].1 = other;
                    }
                    let to = match other {
                        Target::Step(s) => self.step_at(s).id.to_string(),
                        Target::End => "end".into(),
                    };
                    add(
                        "wrong-next",
                        format!("branch {j} of `{}` goes to `{to}` instead", step.id),
                        format!("{path}[{j}].go"),
                        m,
                    );
                }
            }
        }
        out.extend(self.told_mutations());
        out
    }

    /// Every condition that decides the walk or the outcome, with its path, for changing.
    fn conditions_mut(&mut self) -> Vec<(String, &mut Cond)> {
        let mut out: Vec<(String, &mut Cond)> = Vec::new();
        for (i, step) in self.steps.iter_mut().enumerate() {
            branches_mut(&mut out, &mut step.next, format!("steps[{i}].next"));
            match &mut step.kind {
                StepKind::YesNo { rules, .. } => {
                    for (j, rule) in rules.iter_mut().enumerate() {
                        branches_mut(&mut out, &mut rule.next, format!("steps[{i}].answers[{j}].next"));
                    }
                }
                StepKind::SingleChoice { options } => {
                    for (j, option) in options.iter_mut().enumerate() {
                        branches_mut(&mut out, &mut option.next, format!("steps[{i}].options[{j}].next"));
                    }
                }
                _ => {}
            }
        }
        if let Some(risk) = &mut self.risk {
            for (i, c) in risk.criteria.iter_mut().enumerate() {
                out.push((format!("risk.criteria[{i}].when"), &mut c.when));
            }
            for (i, l) in risk.levels.iter_mut().enumerate() {
                if let Some(when) = &mut l.when {
                    out.push((format!("risk.levels[{i}].when"), when));
                }
            }
        }
        for (i, r) in self.routes.iter_mut().enumerate() {
            out.push((format!("routes[{i}].when"), &mut r.when));
        }
        out
    }
}

fn drop_at<T>(list: &mut Vec<T>, k: usize) {
    if k < list.len() {
        list.remove(k);
    }
}

fn branches_mut<'a>(out: &mut Vec<(String, &'a mut Cond)>, next: &'a mut Option<Next>, path: String) {
    if let Some(Next::Branches(branches)) = next {
        for (j, (when, _)) in branches.iter_mut().enumerate() {
            if let Some(cond) = when {
                out.push((format!("{path}[{j}].when"), cond));
            }
        }
    }
}

/// Every one-step change of a condition: a part of an `all`/`any` dropped, `all` and `any`
/// swapped, one accepted answer or option dropped or one more accepted (a condition narrowed
/// or widened), a threshold moved by one.
fn variants(p: &Pathway, cond: &Cond, path: &str) -> Vec<(&'static str, String, String, Cond)> {
    let mut out = Vec::new();
    match cond {
        Cond::All(list) | Cond::Any(list) => {
            let is_all = matches!(cond, Cond::All(_));
            let (name, other) = if is_all { ("all", "any") } else { ("any", "all") };
            let rebuild = |l: Vec<Cond>| if is_all { Cond::All(l) } else { Cond::Any(l) };
            if list.len() > 1 {
                for j in 0..list.len() {
                    let mut l = list.clone();
                    l.remove(j);
                    out.push((
                        "drop-part",
                        format!("drop part {j} of the `{name}`"),
                        format!("{path}.{name}[{j}]"),
                        rebuild(l),
                    ));
                }
                let swapped = if is_all { Cond::Any(list.clone()) } else { Cond::All(list.clone()) };
                out.push((
                    "swap-all-any",
                    format!("`{name}` becomes `{other}`"),
                    format!("{path}.{name}"),
                    swapped,
                ));
            }
            for (j, part) in list.iter().enumerate() {
                for (kind, description, at, changed) in variants(p, part, &format!("{path}.{name}[{j}]")) {
                    let mut l = list.clone();
                    l[j] = changed;
                    out.push((kind, description, at, rebuild(l)));
                }
            }
        }
        Cond::Not(inner) => {
            for (kind, description, at, changed) in variants(p, inner, &format!("{path}.not")) {
                out.push((kind, description, at, Cond::Not(Box::new(changed))));
            }
        }
        Cond::Reply { step, replies } | Cond::Item { step, replies, .. } => {
            let with = |replies: ReplySet| match cond {
                Cond::Item { item, .. } => Cond::Item { step: *step, item: *item, replies },
                _ => Cond::Reply { step: *step, replies },
            };
            // A condition must accept something, so a lone answer is never dropped.
            for r in replies.iter().filter(|_| replies.iter().count() > 1) {
                out.push((
                    "drop-answer",
                    format!("no longer accepts `{}`", r.id()),
                    format!("{path}.answer.is"),
                    with(ReplySet(replies.0 & !r.bit())),
                ));
            }
            let offered: Vec<Reply> = match (&p.step_at(*step).kind, cond) {
                (StepKind::YesNo { allowed, .. }, Cond::Reply { .. }) => allowed.clone(),
                _ => Reply::ALL.to_vec(),
            };
            for r in offered.into_iter().filter(|r| !replies.contains(*r)) {
                out.push((
                    "add-answer",
                    format!("also accepts `{}`", r.id()),
                    format!("{path}.answer.is"),
                    with(ReplySet(replies.0 | r.bit())),
                ));
            }
        }
        Cond::Chosen { step, options } => {
            let kind = &p.step_at(*step).kind;
            let option_id = |o: OptionIx| kind.option_at(o).map_or("", |o| o.id.as_str());
            for j in (0..options.len()).filter(|_| options.len() > 1) {
                let mut fewer = options.clone();
                fewer.remove(j);
                out.push((
                    "drop-answer",
                    format!("no longer accepts `{}`", option_id(options[j])),
                    format!("{path}.answer.is"),
                    Cond::Chosen { step: *step, options: fewer },
                ));
            }
            let offered = match kind {
                StepKind::SingleChoice { options } | StepKind::MultipleChoice { options } => options.len(),
                _ => 0,
            };
            for o in (0..offered).map(OptionIx).filter(|o| !options.contains(o)) {
                let mut more = options.clone();
                more.push(o);
                more.sort();
                out.push((
                    "add-answer",
                    format!("also accepts `{}`", option_id(o)),
                    format!("{path}.answer.is"),
                    Cond::Chosen { step: *step, options: more },
                ));
            }
        }
        Cond::Score { step, range } => {
            for (description, r) in shifted(*range) {
                out.push((
                    "shift-threshold",
                    description,
                    format!("{path}.score"),
                    Cond::Score { step: *step, range: r },
                ));
            }
        }
        Cond::Count { step, replies, significant_only, range } => {
            for (description, r) in shifted(*range) {
                let changed = Cond::Count {
                    step: *step,
                    replies: *replies,
                    significant_only: *significant_only,
                    range: r,
                };
                out.push(("shift-threshold", description, format!("{path}.count"), changed));
            }
        }
        Cond::Number { step, range } => {
            for (description, r) in shifted(*range) {
                out.push((
                    "shift-threshold",
                    description,
                    format!("{path}.number"),
                    Cond::Number { step: *step, range: r },
                ));
            }
        }
        _ => {}
    }
    out
}

/// A range with one bound moved by one either way, where it stays a range.
fn shifted(range: Range) -> Vec<(String, Range)> {
    let mut out = Vec::new();
    for delta in [-1i64, 1] {
        if let Some(low) = range.at_least {
            let r = Range { at_least: Some(low + delta), ..range };
            if low + delta >= 0 && r.at_most.is_none_or(|high| low + delta <= high) {
                out.push((format!("`at_least: {low}` becomes {}", low + delta), r));
            }
        }
        if let Some(high) = range.at_most {
            let r = Range { at_most: Some(high + delta), ..range };
            if high + delta >= 0 && r.at_least.is_none_or(|low| low <= high + delta) {
                out.push((format!("`at_most: {high}` becomes {}", high + delta), r));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::model::Pathway;

    /// A mistake is described by what the author wrote: a dropped option by its id, as a
    /// dropped yes/no answer is, never by its position in the step's list.
    #[test]
    fn a_dropped_option_is_named_by_its_id() {
        let durham = Pathway::from_yaml(include_str!("../../../../pathways/durham/pathway.yaml"));
        let descriptions: Vec<String> =
            durham.iter().flat_map(Pathway::mutations).map(|(m, _)| m.description).collect();
        assert!(
            descriptions.contains(&"no longer accepts `may_lack_capacity`".to_owned()),
            "{descriptions:#?}"
        );
        let by_position = descriptions.iter().find(|d| d.contains("accepts option"));
        assert_eq!(by_position, None);
    }
}
