//! Steps: their kinds, options, items and answers, and where each answer leads.

use super::{Loader, Scope, Tables};
use crate::diagnostic::Problem;
use crate::ids::*;
use crate::load::raw::*;
use crate::model::*;
use std::collections::HashMap;

impl Loader {
    /// Reads what kind of question a step asks, with its answers, options or items.
    pub(super) fn step_kind(&mut self, t: &Tables, s: &RawStep, i: usize) -> StepKind {
        let path = format!("steps[{i}]");
        let kind_name = match s.kind {
            RawKind::YesNo => "yes_no",
            RawKind::SingleChoice => "single_choice",
            RawKind::MultipleChoice => "multiple_choice",
            RawKind::Checklist => "checklist",
            RawKind::Number => "number",
            RawKind::Text => "text",
            RawKind::Info => "info",
        };
        let not_for = |loader: &mut Self, present: bool, field: &str| {
            if present {
                let problem = Problem::FieldNotForKind { field: field.into(), kind: kind_name.into() };
                loader.report(problem, format!("{path}.{field}"));
            }
        };
        let k = s.kind;
        not_for(self, s.allow.is_some() && k != RawKind::YesNo, "allow");
        not_for(self, !s.answers.is_empty() && k != RawKind::YesNo, "answers");
        not_for(
            self,
            !s.options.is_empty() && !matches!(k, RawKind::SingleChoice | RawKind::MultipleChoice),
            "options",
        );
        not_for(self, !s.items.is_empty() && k != RawKind::Checklist, "items");
        not_for(self, !s.topics.is_empty() && k != RawKind::Checklist, "topics");
        not_for(self, s.min.is_some() && k != RawKind::Number, "min");
        not_for(self, s.max.is_some() && k != RawKind::Number, "max");
        not_for(self, s.unit.is_some() && k != RawKind::Number, "unit");
        not_for(self, s.required.is_some() && k != RawKind::Text, "required");
        not_for(self, s.required_when.is_some() && k != RawKind::Text, "required_when");

        match k {
            RawKind::YesNo => {
                let allowed: Vec<Reply> = match &s.allow {
                    None => Reply::ALL.to_vec(),
                    Some(list) => {
                        let mut out = Vec::new();
                        for (j, a) in list.iter().enumerate() {
                            match Reply::from_id(a) {
                                Some(r) if !out.contains(&r) => out.push(r),
                                Some(_) => {}
                                None => self.report(
                                    Problem::UnknownAnswer {
                                        step: s.id.clone(),
                                        value: a.clone(),
                                        allowed: "`yes`, `no`, `not_known`, `declined`".into(),
                                    },
                                    format!("{path}.allow[{j}]"),
                                ),
                            }
                        }
                        out
                    }
                };
                if !allowed.contains(&Reply::Yes) || !allowed.contains(&Reply::No) {
                    let problem = Problem::TooFewChoices {
                        kind: kind_name.into(),
                        what: "answers `yes` and `no`".into(),
                        at_least: 2,
                    };
                    self.report(problem, format!("{path}.allow"));
                }
                StepKind::YesNo { allowed, rules: Vec::new() }
            }
            RawKind::SingleChoice | RawKind::MultipleChoice => {
                let list = format!("{path}.options");
                self.ids("option", &list, s.options.iter().map(|o| o.id.as_str()));
                if s.options.len() < 2 {
                    let problem = Problem::TooFewChoices {
                        kind: kind_name.into(),
                        what: "options".into(),
                        at_least: 2,
                    };
                    self.report(problem, &list);
                }
                let options = s
                    .options
                    .iter()
                    .enumerate()
                    .map(|(j, o)| {
                        self.text(&o.label, "the option's label", &format!("{list}[{j}].label"));
                        if o.exclusive && k == RawKind::SingleChoice {
                            let problem = Problem::FieldNotForKind {
                                field: "exclusive".into(),
                                kind: kind_name.into(),
                            };
                            self.report(problem, format!("{list}[{j}].exclusive"));
                        }
                        if o.next.is_some() && k == RawKind::MultipleChoice {
                            let problem = Problem::FieldNotForKind {
                                field: "next (on an option)".into(),
                                kind: kind_name.into(),
                            };
                            self.report(problem, format!("{list}[{j}].next"));
                        }
                        let sets = self.flag_list(t, &o.sets, &format!("{list}[{j}]"));
                        ChoiceOption {
                            id: OptionId::new(o.id.clone()),
                            label: o.label.clone(),
                            hint: o.hint.clone(),
                            exclusive: o.exclusive,
                            next: None,
                            sets,
                        }
                    })
                    .collect();
                if k == RawKind::SingleChoice {
                    StepKind::SingleChoice { options }
                } else {
                    StepKind::MultipleChoice { options }
                }
            }
            RawKind::Checklist => {
                let list = format!("{path}.items");
                let table = self.ids("checklist item", &list, s.items.iter().map(|o| o.id.as_str()));
                let topics = self.topics(&s.topics, &table, s.items.len(), &path);
                if s.items.is_empty() {
                    let problem =
                        Problem::TooFewChoices { kind: kind_name.into(), what: "items".into(), at_least: 1 };
                    self.report(problem, &path);
                }
                let items = s
                    .items
                    .iter()
                    .enumerate()
                    .map(|(j, item)| {
                        self.text(&item.text, "the item", &format!("{list}[{j}].text"));
                        if !(1..=100).contains(&item.weight) {
                            self.report(
                                Problem::BadWeight { weight: item.weight },
                                format!("{list}[{j}].weight"),
                            );
                        }
                        let sets = self.flag_list(t, &item.sets, &format!("{list}[{j}]"));
                        ChecklistItem {
                            id: ItemId::new(item.id.clone()),
                            text: item.text.clone(),
                            hint: item.hint.clone(),
                            weight: item.weight,
                            significant: item.significant,
                            sets,
                            sources: Vec::new(),
                        }
                    })
                    .collect();
                StepKind::Checklist { items, topics }
            }
            RawKind::Number => {
                let (min, max) = (s.min.unwrap_or(0), s.max.unwrap_or(i64::from(u16::MAX)));
                if min > max {
                    self.report(Problem::BadBounds { min, max }, format!("{path}.min"));
                }
                StepKind::Number { min, max, unit: s.unit.clone() }
            }
            RawKind::Text => StepKind::Text { required: Requirement::Optional },
            RawKind::Info => StepKind::Info,
        }
    }

    pub(super) fn flag_list(&mut self, t: &Tables, ids: &[String], path: &str) -> Vec<FlagIx> {
        ids.iter()
            .enumerate()
            .filter_map(|(i, f)| self.resolve(&t.flags, "flag", f, &format!("{path}.sets[{i}]")).map(FlagIx))
            .collect()
    }

    pub(super) fn step(
        &mut self,
        t: &Tables,
        s: &RawStep,
        mut kind: StepKind,
        kinds: &[StepKind],
        i: usize,
        cited: &mut [bool],
    ) -> Step {
        let path = format!("steps[{i}]");
        self.text(&s.title, "the step's title", &format!("{path}.title"));
        let next = s.next.as_ref().and_then(|n| self.next(t, n, kinds, &s.id, &format!("{path}.next")));
        let mut sources = self.sources(t, &s.sources, &path, cited);
        let mut required_when = None;
        let missing_way_on = |loader: &mut Self, answer: &str| {
            let problem = Problem::NoWayOn { step: s.id.clone(), answer: answer.to_owned() };
            loader.report(problem, path.clone());
        };
        match &mut kind {
            StepKind::YesNo { allowed, rules } => {
                let mut seen: Vec<Reply> = Vec::new();
                for (j, rule) in s.answers.iter().enumerate() {
                    let rule_path = format!("{path}.answers[{j}]");
                    let Some(reply) = Reply::from_id(&rule.answer).filter(|r| allowed.contains(r)) else {
                        let allowed_list =
                            allowed.iter().map(|r| format!("`{}`", r.id())).collect::<Vec<_>>().join(", ");
                        let problem = Problem::UnknownAnswer {
                            step: s.id.clone(),
                            value: rule.answer.clone(),
                            allowed: allowed_list,
                        };
                        self.report(problem, format!("{rule_path}.answer"));
                        continue;
                    };
                    if seen.contains(&reply) {
                        let problem = self.duplicate_id("answer", &rule.answer, &format!("{path}.answers"));
                        self.report(problem, format!("{rule_path}.answer"));
                        continue;
                    }
                    seen.push(reply);
                    let rule_next = rule
                        .next
                        .as_ref()
                        .and_then(|n| self.next(t, n, kinds, &s.id, &format!("{rule_path}.next")));
                    let sets = self.flag_list(t, &rule.sets, &rule_path);
                    rules.push(ReplyRule { reply, next: rule_next, sets });
                }
                if s.next.is_none() {
                    for reply in allowed.iter() {
                        if !s.answers.iter().any(|r| r.answer == reply.id() && r.next.is_some()) {
                            missing_way_on(self, &format!("`{}`", reply.id()));
                        }
                    }
                }
            }
            StepKind::SingleChoice { options } => {
                for (j, (option, raw_option)) in options.iter_mut().zip(&s.options).enumerate() {
                    option.next = raw_option
                        .next
                        .as_ref()
                        .and_then(|n| self.next(t, n, kinds, &s.id, &format!("{path}.options[{j}].next")));
                    if raw_option.next.is_none() && s.next.is_none() {
                        missing_way_on(self, &format!("`{}`", option.id));
                    }
                }
            }
            StepKind::Checklist { items, .. } => {
                for (j, (item, raw_item)) in items.iter_mut().zip(&s.items).enumerate() {
                    item.sources = self.sources(t, &raw_item.sources, &format!("{path}.items[{j}]"), cited);
                }
                if s.next.is_none() {
                    missing_way_on(self, "to the checklist");
                }
            }
            StepKind::Text { required } => {
                *required = match (s.required, &s.required_when) {
                    (Some(_), Some(_)) => {
                        self.report(Problem::RequiredTwice, format!("{path}.required_when"));
                        Requirement::Optional
                    }
                    (Some(true), None) => Requirement::Always,
                    (_, Some(when)) => {
                        required_when =
                            self.cond(t, when, kinds, &format!("{path}.required_when"), Scope::Walk, 0);
                        Requirement::Sometimes
                    }
                    _ => Requirement::Optional,
                };
                if s.next.is_none() {
                    missing_way_on(self, "to the question");
                }
            }
            StepKind::MultipleChoice { .. } | StepKind::Number { .. } | StepKind::Info => {
                if s.next.is_none() {
                    missing_way_on(self, "to the question");
                }
            }
        }
        sources.dedup();
        Step {
            id: StepId::new(s.id.clone()),
            title: s.title.clone(),
            hint: s.hint.clone(),
            body: s.body.clone(),
            sources,
            kind,
            next,
            required_when,
        }
    }

    pub(super) fn target(&mut self, t: &Tables, id: &str, path: &str) -> Option<Target> {
        if id == "end" {
            return Some(Target::End);
        }
        self.resolve(&t.steps, "step", id, path).map(|i| Target::Step(StepIx(i)))
    }

    pub(super) fn next(
        &mut self,
        t: &Tables,
        raw: &RawNext,
        kinds: &[StepKind],
        step_id: &str,
        path: &str,
    ) -> Option<Next> {
        match raw {
            RawNext::To(id) => self.target(t, id, path).map(Next::To),
            RawNext::Branches(branches) => {
                if branches.last().is_none_or(|b| b.when.is_some()) {
                    self.report(Problem::NoOtherwise { step: step_id.to_owned() }, path);
                }
                let mut out = Vec::new();
                let mut ok = true;
                for (j, b) in branches.iter().enumerate() {
                    let branch_path = format!("{path}[{j}]");
                    let target = self.target(t, &b.go, &format!("{branch_path}.go"));
                    let when = match &b.when {
                        Some(w) => {
                            match self.cond(t, w, kinds, &format!("{branch_path}.when"), Scope::Walk, 0) {
                                Some(c) => Some(c),
                                None => {
                                    ok = false;
                                    continue;
                                }
                            }
                        }
                        None => None,
                    };
                    match target {
                        Some(target) => out.push((when, target)),
                        None => ok = false,
                    }
                }
                // A branch is never taken if an earlier one always applies whenever it does.
                for (j, (when, _)) in out.iter().enumerate() {
                    let earlier = out.iter().take(j).position(|(e, _)| match (e, when) {
                        (None, _) => true,
                        (Some(e), Some(w)) => w.implies(e),
                        (Some(_), None) => false,
                    });
                    if let Some(k) = earlier {
                        let problem = Problem::Shadowed {
                            what: format!("branch {}", j + 1),
                            by: format!("branch {} comes first and applies whenever this one would", k + 1),
                        };
                        self.report(problem, format!("{path}[{j}]"));
                    }
                }
                ok.then_some(Next::Branches(out))
            }
        }
    }
}

impl Loader {
    /// A checklist's topics: each names items of the checklist, and together they name every
    /// item exactly once, so no question is left off a page or asked twice.
    fn topics(
        &mut self,
        raw: &[RawTopic],
        items: &HashMap<String, usize>,
        item_count: usize,
        path: &str,
    ) -> Vec<Topic> {
        if raw.is_empty() {
            return Vec::new();
        }
        let mut placed: Vec<Option<usize>> = vec![None; item_count];
        let mut topics = Vec::with_capacity(raw.len());
        for (t, topic) in raw.iter().enumerate() {
            let at = format!("{path}.topics[{t}]");
            self.text(&topic.title, "the topic", &format!("{at}.title"));
            let mut positions = Vec::with_capacity(topic.items.len());
            for (j, id) in topic.items.iter().enumerate() {
                let item_path = format!("{at}.items[{j}]");
                let Some(i) = self.resolve(items, "checklist item", id, &item_path) else { continue };
                match placed.get(i).copied().flatten() {
                    Some(first) => {
                        let how = format!("in topic {} and again in topic {}", first + 1, t + 1);
                        self.report(Problem::ItemTopics { item: id.clone(), how }, item_path);
                    }
                    None => {
                        if let Some(slot) = placed.get_mut(i) {
                            *slot = Some(t);
                        }
                        positions.push(ItemIx(i));
                    }
                }
            }
            topics.push(Topic { title: topic.title.clone(), items: positions });
        }
        let mut by_position: Vec<(&String, usize)> = items.iter().map(|(id, i)| (id, *i)).collect();
        by_position.sort_by_key(|(_, i)| *i);
        for (id, i) in by_position {
            if placed.get(i).copied().flatten().is_none() {
                let problem = Problem::ItemTopics { item: id.clone(), how: "in no topic".into() };
                self.report(problem, format!("{path}.items[{i}]"));
            }
        }
        topics
    }
}
