//! Turns pathway YAML into a validated [`Pathway`], or into every problem found.
//!
//! Three passes: `source_map::scan` reads the YAML events (locations, duplicate keys, hostile
//! input); serde reads the typed [`RawPathway`] (unknown fields, wrong types); then this module
//! resolves every reference and `graph` checks the shape of the walk.

mod properties;

use crate::cond::{Cond, Range};
use crate::diagnostic::{Diagnostic, LoadError, Problem};
use crate::graph;
use crate::ids::*;
use crate::model::*;
use crate::raw::*;
use crate::source_map::{self, SourceMap};
use std::collections::HashMap;

/// The deepest a condition may nest (`all` inside `any` inside `not` …).
const MAX_CONDITION_DEPTH: usize = 12;

pub(crate) fn load(source: &str) -> Result<Pathway, LoadError> {
    // Editors on Windows may save with a byte order mark; YAML allows it, serde_yaml does not.
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let fail = |diagnostics| Err(LoadError { diagnostics });
    if source.len() > source_map::MAX_BYTES {
        let problem = Problem::TooLarge { bytes: source.len(), limit: source_map::MAX_BYTES };
        return fail(vec![Diagnostic::new(problem, "", None)]);
    }
    let map = match source_map::scan(source) {
        Ok(map) => map,
        Err(diagnostics) => return fail(diagnostics),
    };
    let raw: RawPathway = match serde_yaml::from_str(source) {
        Ok(raw) => raw,
        Err(error) => return fail(vec![serde_diagnostic(&error, &map)]),
    };
    let mut loader = Loader { map, diagnostics: Vec::new() };
    let pathway = loader.build(raw);
    let mut diagnostics = loader.diagnostics;
    diagnostics.sort_by_key(|d| (d.severity, d.location.map(|l| l.offset).unwrap_or(usize::MAX)));
    match pathway {
        Some(mut pathway) if !diagnostics.iter().any(Diagnostic::is_error) => {
            pathway.warnings = diagnostics;
            pathway.fingerprint = fnv1a(source.as_bytes());
            Ok(pathway)
        }
        _ => fail(diagnostics),
    }
}

/// FNV-1a: small, fast and stable across platforms, which is all a fingerprint needs.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// Turns one of serde's messages into a problem an author can act on.
fn serde_diagnostic(error: &serde_yaml::Error, map: &SourceMap) -> Diagnostic {
    let text = error.to_string();
    // serde_yaml writes "path: message at line L column C"; take the parts apart.
    let text = match text.rfind(" at line ") {
        Some(cut) => &text[..cut],
        None => text.as_str(),
    };
    let (path, message) = match text.split_once(": ") {
        Some((path, message)) if !path.contains(' ') => (path, message),
        _ => ("", text),
    };
    let between = |s: &str| s.split('`').nth(1).unwrap_or_default().to_owned();
    let expected = |s: &str| s.split_once(", expected ").map(|(_, e)| e.to_owned()).unwrap_or_default();
    let problem = if message.starts_with("unknown field") {
        Problem::UnknownField { field: between(message), expected: expected(message) }
    } else if message.starts_with("missing field") {
        Problem::MissingField { field: between(message) }
    } else if message.starts_with("unknown variant") {
        Problem::UnknownValue { value: between(message), expected: expected(message) }
    } else if message.starts_with("duplicate field") {
        Problem::DuplicateKey { key: between(message), first_line: 0 }
    } else {
        Problem::WrongType { message: message.to_owned() }
    };
    let location = error
        .location()
        .map(|l| crate::diagnostic::Location {
            line: l.line(),
            column: l.column(),
            offset: l.index(),
            length: 1,
        })
        .or_else(|| map.locate(path));
    Diagnostic::new(problem, path, location)
}

/// Which risk terms a condition may use, so that criteria and levels cannot depend on
/// themselves.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// A criterion: answers, flags, scores, counts and numbers.
    Criterion,
    /// A risk level: also criteria.
    Level,
    /// Transitions, requirements and routes: everything.
    Walk,
}

struct Tables {
    sources: HashMap<String, usize>,
    flags: HashMap<String, usize>,
    steps: HashMap<String, usize>,
    destinations: HashMap<String, usize>,
    criteria: HashMap<String, usize>,
    levels: HashMap<String, usize>,
    routes: HashMap<String, usize>,
}

struct Loader {
    map: SourceMap,
    diagnostics: Vec<Diagnostic>,
}

impl Loader {
    fn report(&mut self, problem: Problem, path: impl Into<String>) {
        let path = path.into();
        let location = self.map.locate(&path);
        self.diagnostics.push(Diagnostic::new(problem, path, location));
    }

    fn line_of(&self, path: &str) -> usize {
        self.map.locate(path).map(|l| l.line).unwrap_or(0)
    }

    /// Checks a list of ids: well formed, not reserved, unique. Returns id → position.
    fn ids<'a>(
        &mut self,
        what: &str,
        list: &str,
        ids: impl Iterator<Item = &'a str>,
    ) -> HashMap<String, usize> {
        let mut table = HashMap::new();
        for (i, id) in ids.enumerate() {
            let path = format!("{list}[{i}].id");
            if id == "end" {
                self.report(Problem::ReservedId { what: what.to_owned() }, &path);
            } else if !is_valid_id(id) {
                self.report(Problem::InvalidId { id: id.to_owned() }, &path);
            }
            if let Some(first) = table.get(id) {
                let first_line = self.line_of(&format!("{list}[{first}].id"));
                let problem = Problem::DuplicateId { what: what.to_owned(), id: id.to_owned(), first_line };
                self.report(problem, &path);
            } else {
                table.insert(id.to_owned(), i);
            }
        }
        table
    }

    fn text(&mut self, text: &str, what: &str, path: &str) {
        if text.trim().is_empty() {
            self.report(Problem::EmptyText { what: what.to_owned() }, path);
        }
    }

    fn resolve(&mut self, table: &HashMap<String, usize>, what: &str, id: &str, path: &str) -> Option<usize> {
        let found = table.get(id).copied();
        if found.is_none() {
            let mut known: Vec<&String> = table.keys().collect();
            known.sort();
            let known = if known.len() <= 12 {
                known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
            } else {
                String::new()
            };
            self.report(Problem::UnknownReference { what: what.to_owned(), id: id.to_owned(), known }, path);
        }
        found
    }

    fn sources(&mut self, t: &Tables, ids: &[String], path: &str, cited: &mut [bool]) -> Vec<SourceId> {
        let mut out = Vec::new();
        for (i, id) in ids.iter().enumerate() {
            if let Some(ix) = self.resolve(&t.sources, "source", id, &format!("{path}.sources[{i}]")) {
                if let Some(c) = cited.get_mut(ix) {
                    *c = true;
                }
                out.push(SourceId::new(id.clone()));
            }
        }
        out
    }

    fn build(&mut self, raw: RawPathway) -> Option<Pathway> {
        let t = Tables {
            sources: self.ids("source", "sources", raw.sources.iter().map(|s| s.id.as_str())),
            flags: self.ids("flag", "flags", raw.flags.iter().map(|f| f.id.as_str())),
            steps: self.ids("step", "steps", raw.steps.iter().map(|s| s.id.as_str())),
            destinations: self.ids(
                "destination",
                "destinations",
                raw.destinations.iter().map(|d| d.id.as_str()),
            ),
            criteria: match &raw.risk {
                Some(risk) => {
                    self.ids("criterion", "risk.criteria", risk.criteria.iter().map(|c| c.id.as_str()))
                }
                None => HashMap::new(),
            },
            levels: match &raw.risk {
                Some(risk) => {
                    self.ids("risk level", "risk.levels", risk.levels.iter().map(|l| l.id.as_str()))
                }
                None => HashMap::new(),
            },
            routes: self.ids("route", "routes", raw.routes.iter().map(|r| r.id.as_str())),
        };
        self.ids("property", "properties", raw.properties.iter().map(|p| p.id.as_str()));
        let mut cited = vec![false; raw.sources.len()];

        let meta = self.meta(raw.pathway);
        let sources = self.source_list(raw.sources);
        let flags: Vec<Flag> = raw
            .flags
            .into_iter()
            .enumerate()
            .map(|(i, f)| {
                self.text(&f.description, "the flag's description", &format!("flags[{i}].description"));
                Flag { id: FlagId::new(f.id), description: f.description }
            })
            .collect();

        // Steps are read in two rounds: their kinds first, since conditions need to know the
        // kind of every step they test, then everything else.
        let kinds: Vec<StepKind> =
            raw.steps.iter().enumerate().map(|(i, s)| self.step_kind(&t, s, i)).collect();
        let start = self.resolve(&t.steps, "step", &raw.start, "start").map(StepIx);
        let mut steps = Vec::with_capacity(raw.steps.len());
        for (i, (rs, kind)) in raw.steps.iter().zip(kinds.iter()).enumerate() {
            steps.push(self.step(&t, rs, kind.clone(), &kinds, i, &mut cited));
        }
        let risk = match raw.risk {
            Some(r) => self.risk(&t, r, &kinds, &mut cited),
            None => None,
        };
        let destinations: Vec<Destination> = raw
            .destinations
            .into_iter()
            .enumerate()
            .map(|(i, d)| self.destination(&t, d, &kinds, i, &mut cited))
            .collect();
        let routes: Vec<Route> = raw
            .routes
            .into_iter()
            .enumerate()
            .filter_map(|(i, r)| self.route(&t, r, &kinds, i, &mut cited))
            .collect();
        let properties: Vec<Property> = raw
            .properties
            .iter()
            .enumerate()
            .filter_map(|(i, p)| self.property(&t, p, &kinds, &routes, i, &mut cited))
            .collect();

        for (i, used) in cited.iter().enumerate() {
            if !used {
                let id = sources.get(i).map(|s| s.id.to_string()).unwrap_or_default();
                self.report(Problem::UnusedSource { id }, format!("sources[{i}].id"));
            }
        }
        if self.diagnostics.iter().any(Diagnostic::is_error) {
            return None;
        }
        let start = start?;
        let step_index = steps.iter().enumerate().map(|(i, s)| (s.id.clone(), StepIx(i))).collect();
        let mut pathway = Pathway {
            meta,
            sources,
            flags,
            steps,
            start,
            risk,
            destinations,
            routes,
            properties,
            step_index,
            shape: Shape::default(),
            warnings: Vec::new(),
            fingerprint: 0,
        };
        self.usage(&pathway);
        let checked = graph::check(&pathway);
        for (problem, path) in checked.problems {
            self.report(problem, path);
        }
        pathway.shape = checked.shape;
        Some(pathway)
    }

    fn meta(&mut self, m: RawMeta) -> Metadata {
        for (text, field) in [
            (&m.id, "id"),
            (&m.title, "title"),
            (&m.version, "version"),
            (&m.area, "area"),
            (&m.owner, "owner"),
            (&m.disclaimer, "disclaimer"),
        ] {
            self.text(text, &format!("pathway.{field}"), &format!("pathway.{field}"));
        }
        if !is_valid_id(&m.id) {
            self.report(Problem::InvalidId { id: m.id.clone() }, "pathway.id");
        }
        self.date(&m.last_reviewed, "pathway.last_reviewed");
        Metadata {
            id: m.id,
            title: m.title,
            version: m.version,
            area: m.area,
            owner: m.owner,
            last_reviewed: m.last_reviewed,
            disclaimer: m.disclaimer,
            summary: m.summary,
        }
    }

    fn date(&mut self, value: &str, path: &str) {
        let parts: Vec<&str> = value.split('-').collect();
        let valid = match parts.as_slice() {
            [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                match (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) {
                    (Ok(y), Ok(m), Ok(d)) => {
                        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
                        let days = match m {
                            2 if leap => 29,
                            2 => 28,
                            4 | 6 | 9 | 11 => 30,
                            1..=12 => 31,
                            _ => 0,
                        };
                        (1..=days).contains(&d)
                    }
                    _ => false,
                }
            }
            _ => false,
        };
        if !valid {
            let field = path.rsplit('.').next().unwrap_or(path).to_owned();
            self.report(Problem::InvalidDate { field, value: value.to_owned() }, path);
        }
    }

    fn source_list(&mut self, raw: Vec<RawSource>) -> Vec<Source> {
        raw.into_iter()
            .enumerate()
            .map(|(i, s)| {
                self.text(&s.title, "the source's title", &format!("sources[{i}].title"));
                if !(s.url.starts_with("https://") || s.url.starts_with("http://")) {
                    let problem = Problem::InvalidContact { kind: "web".into(), value: s.url.clone() };
                    self.report(problem, format!("sources[{i}].url"));
                }
                Source {
                    id: SourceId::new(s.id),
                    title: s.title,
                    url: s.url,
                    publisher: s.publisher,
                    note: s.note,
                }
            })
            .collect()
    }

    /// Reads what kind of question a step asks, with its answers, options or items.
    fn step_kind(&mut self, t: &Tables, s: &RawStep, i: usize) -> StepKind {
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
                self.ids("checklist item", &list, s.items.iter().map(|o| o.id.as_str()));
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
                StepKind::Checklist { items }
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

    fn flag_list(&mut self, t: &Tables, ids: &[String], path: &str) -> Vec<FlagIx> {
        ids.iter()
            .enumerate()
            .filter_map(|(i, f)| self.resolve(&t.flags, "flag", f, &format!("{path}.sets[{i}]")).map(FlagIx))
            .collect()
    }

    fn step(
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
                        let first_line = self.line_of(&format!("{path}.answers"));
                        let problem = Problem::DuplicateId {
                            what: "answer".into(),
                            id: rule.answer.clone(),
                            first_line,
                        };
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
            StepKind::Checklist { items } => {
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

    fn target(&mut self, t: &Tables, id: &str, path: &str) -> Option<Target> {
        if id == "end" {
            return Some(Target::End);
        }
        self.resolve(&t.steps, "step", id, path).map(|i| Target::Step(StepIx(i)))
    }

    fn next(
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

    fn range(&mut self, at_least: Option<i64>, at_most: Option<i64>, path: &str) -> Option<Range> {
        if at_least.is_none() && at_most.is_none() {
            self.report(Problem::MissingField { field: "at_least` or `at_most".into() }, path);
            return None;
        }
        Some(Range { at_least, at_most })
    }

    fn replies(&mut self, step: &str, values: &[String], allowed: &[Reply], path: &str) -> Option<ReplySet> {
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
    fn cond(
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
                    (StepKind::Checklist { items }, Some(item)) => {
                        let Some(item) = items.iter().position(|i| i.id.as_str() == item) else {
                            let known =
                                items.iter().map(|i| format!("`{}`", i.id)).collect::<Vec<_>>().join(", ");
                            let problem = Problem::UnknownReference {
                                what: format!("item in checklist `{}`", a.step),
                                id: item.clone(),
                                known,
                            };
                            self.report(problem, format!("{at}.item"));
                            return None;
                        };
                        let replies = self.replies(&a.step, &a.is.0, &Reply::ALL, &format!("{at}.is"))?;
                        Some(Cond::Item { step, item, replies })
                    }
                    (StepKind::SingleChoice { options } | StepKind::MultipleChoice { options }, None) => {
                        let mut chosen = Vec::new();
                        for v in &a.is.0 {
                            match options.iter().position(|o| o.id.as_str() == v) {
                                Some(o) => chosen.push(o),
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
                    (StepKind::Checklist { items }, true) => {
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
                let StepKind::Checklist { items } = kind else {
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
                self.resolve(&t.criteria, "risk criterion", id, &at).map(Cond::Criterion)
            }
            RawCondition::Risk(id) => {
                let at = format!("{path}.risk");
                if scope != Scope::Walk {
                    let what = if scope == Scope::Criterion { "a risk criterion" } else { "a risk level" };
                    self.report(Problem::CircularRisk { what: what.into(), on: "the risk level".into() }, at);
                    return None;
                }
                let levels: Option<Vec<Cond>> =
                    id.0.iter()
                        .map(|id| self.resolve(&t.levels, "risk level", id, &at).map(Cond::Risk))
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

    fn risk(&mut self, t: &Tables, r: RawRisk, kinds: &[StepKind], cited: &mut [bool]) -> Option<RiskModel> {
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
        Some(RiskModel { checklist: StepIx(ix?), criteria, levels })
    }

    fn destination(
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

    fn route(
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

    /// Flags set but never tested, tested but never set; destinations nobody refers to;
    /// routes that repeat another.
    fn usage(&mut self, p: &Pathway) {
        let mut set = vec![false; p.flags.len()];
        let mut tested = vec![false; p.flags.len()];
        let mut mark_set = |flags: &[FlagIx]| {
            flags.iter().for_each(|f| {
                if let Some(s) = set.get_mut(f.0) {
                    *s = true
                }
            })
        };
        for step in &p.steps {
            match &step.kind {
                StepKind::YesNo { rules, .. } => rules.iter().for_each(|r| mark_set(&r.sets)),
                StepKind::SingleChoice { options } | StepKind::MultipleChoice { options } => {
                    options.iter().for_each(|o| mark_set(&o.sets))
                }
                StepKind::Checklist { items } => items.iter().for_each(|i| mark_set(&i.sets)),
                _ => {}
            }
        }
        for placed in p.conditions() {
            let path = &placed.path;
            placed.cond.for_each_leaf(&mut |leaf| {
                if let Cond::Flag(f) = leaf {
                    if let Some(t) = tested.get_mut(f.0) {
                        *t = true;
                    }
                    if !set.get(f.0).copied().unwrap_or(true) {
                        let flag = p.flags.get(f.0).map(|f| f.id.to_string()).unwrap_or_default();
                        self.report(Problem::FlagNeverSet { flag }, path.clone());
                    }
                }
            });
        }
        for (i, flag) in p.flags.iter().enumerate() {
            if !tested.get(i).copied().unwrap_or(true) {
                self.report(Problem::UnusedFlag { flag: flag.id.to_string() }, format!("flags[{i}].id"));
            }
        }
        for (i, d) in p.destinations.iter().enumerate() {
            if !p.routes.iter().any(|r| r.refer.contains(&DestIx(i))) {
                self.report(
                    Problem::UnusedDestination { id: d.id.to_string() },
                    format!("destinations[{i}].id"),
                );
            }
        }
        for (i, route) in p.routes.iter().enumerate() {
            if let Some(earlier) = p.routes.iter().take(i).find(|e| e.when == route.when) {
                let problem =
                    Problem::DuplicateRoute { route: route.id.to_string(), earlier: earlier.id.to_string() };
                self.report(problem, format!("routes[{i}].when"));
            }
        }
    }
}
