//! A variant: a partner's pathway file that `extends` a base pathway, by id and exact version,
//! changes what it needs to by id (never by position in a list) and adds its own destinations,
//! routes and steps after the base's. The result is one pathway, validated as a whole by the
//! loader; `Merged::placed` records which of its values the variant wrote, so that every
//! problem points at the file and line where the value is written, and `Merged::changed` which
//! of the base's steps, destinations, routes, criteria and levels the variant changes, so that
//! an author's tools can go from one of them to the variant's entry that changes it.
//!
//! A correction to the base reaches every variant with no change to the variant's file, as
//! long as the base's version is the one the variant names: a new base version stops the
//! variant with a located error until its author has checked the changes and says so.

pub(crate) mod raw;

use super::raw::RawPathway;
use super::source_map::SourceMap;
use crate::diagnostic::{Diagnostic, Document, Problem};
use raw::*;
use serde::Deserialize;
use std::collections::HashMap;

/// The base with the variant applied, and where the variant wrote each value it changed.
pub(crate) struct Merged {
    pub raw: RawPathway,
    pub placed: HashMap<String, (Document, String)>,
    /// The base's things the variant changes: by their path in the built pathway
    /// (`steps[4]`), the path of the variant's entry that changes them (`steps[0]`).
    pub changed: HashMap<String, String>,
    /// Problems with the changes themselves, in the variant's file.
    pub diagnostics: Vec<Diagnostic>,
}

/// What a variant says of its base, read leniently: enough to find the base, before the
/// variant is read properly.
#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    extends: Option<ProbeExtends>,
}

#[derive(Deserialize)]
struct ProbeExtends {
    #[serde(default)]
    id: String,
    #[serde(default)]
    file: String,
}

/// If the text is a variant, the id of the base it extends and the base's file as written.
pub(crate) fn extends(source: &str) -> Option<(String, String)> {
    // Too large to be a pathway: not parsed here; loading it says so.
    if source.len() > crate::MAX_BYTES {
        return None;
    }
    let probe: Probe = serde_yaml::from_str(source).ok()?;
    probe.extends.map(|e| (e.id, e.file))
}

pub(crate) fn merge(variant: RawVariant, base: RawPathway, map: &SourceMap) -> Merged {
    let mut merger = Merger {
        map,
        placed: HashMap::new(),
        changed: HashMap::new(),
        diagnostics: Vec::new(),
        base: base.pathway.id.clone(),
    };
    let raw = merger.apply(variant, base);
    Merged { raw, placed: merger.placed, changed: merger.changed, diagnostics: merger.diagnostics }
}

struct Merger<'m> {
    map: &'m SourceMap,
    placed: HashMap<String, (Document, String)>,
    changed: HashMap<String, String>,
    diagnostics: Vec<Diagnostic>,
    /// The base pathway's id, for messages.
    base: String,
}

impl Merger<'_> {
    fn report(&mut self, problem: Problem, path: &str) {
        self.diagnostics.push(Diagnostic::new(problem, path, self.map.locate(path)));
    }

    /// The built pathway's value at `built` is the variant's, written at `written`.
    fn place(&mut self, built: String, written: String) {
        self.placed.insert(built, (Document::Main, written));
    }

    /// Replaces a value of the base by the variant's, if the variant gives one.
    fn set<T>(&mut self, slot: &mut T, value: Option<T>, built: &str, written: &str, field: &str) {
        if let Some(value) = value {
            *slot = value;
            self.place(format!("{built}.{field}"), format!("{written}.{field}"));
        }
    }

    /// The position in the base's list of the thing a change names, or a located error.
    /// `within` says where in the base it was looked for, if not at the top.
    fn find<T>(
        &mut self,
        list: &[T],
        id_of: impl Fn(&T) -> &str,
        what: &str,
        within: &str,
        id: &str,
        path: &str,
    ) -> Option<usize> {
        let found = list.iter().position(|item| id_of(item) == id);
        if found.is_none() {
            let problem = Problem::NotInBase {
                base: self.base.clone(),
                what: what.to_owned(),
                id: id.to_owned(),
                within: within.to_owned(),
            };
            self.report(problem, &format!("{path}.id"));
        }
        found
    }

    /// Refuses two changes to the same thing: the second would silently undo the first.
    fn once(&mut self, seen: &mut HashMap<String, String>, what: &str, id: &str, path: &str) -> bool {
        if let Some(first) = seen.get(id) {
            // Both changes are in the variant's own file.
            let first_line = self.map.locate(&format!("{first}.id")).map(|l| l.line).unwrap_or(0);
            let problem = Problem::DuplicateId {
                what: format!("changed {what}"),
                id: id.to_owned(),
                first_line,
                first_in: None,
            };
            self.report(problem, &format!("{path}.id"));
            return false;
        }
        seen.insert(id.to_owned(), path.to_owned());
        true
    }

    /// The position in the base's list of what a change names, if it is there and not already
    /// changed by an earlier entry.
    fn target<T>(
        &mut self,
        seen: &mut HashMap<String, String>,
        list: &[T],
        id_of: impl Fn(&T) -> &str,
        what: &str,
        id: &str,
        written: &str,
    ) -> Option<usize> {
        if !self.once(seen, what, id, written) {
            return None;
        }
        self.find(list, id_of, what, "", id, written)
    }

    /// Records the base's thing at `found` (from `target`) as changed by the entry at
    /// `written`, whose list is at the same path as the base's (`risk.criteria[0]` changes
    /// something in the base's `risk.criteria`), and gives `found` back.
    fn record_change(&mut self, written: &str, found: Option<usize>) -> Option<usize> {
        let found = found?;
        let list_path = written.rsplit_once('[').map_or(written, |(list, _)| list);
        self.changed.insert(format!("{list_path}[{found}]"), written.to_owned());
        Some(found)
    }

    /// A change to a rule stands only with a reason, and is then shown to everyone who checks.
    fn rule_change(&mut self, what: String, reason: Option<&str>, change: &str, at_reason: &str) {
        match reason.map(str::trim).filter(|r| !r.is_empty()) {
            Some(reason) => self.report(Problem::RuleChanged { what, reason: reason.to_owned() }, at_reason),
            None => self.report(Problem::SilentRuleChange { what }, change),
        }
    }

    /// Adds the variant's own things after the base's.
    fn append<T>(&mut self, list: &mut Vec<T>, added: Vec<T>, name: &str) {
        let offset = list.len();
        for (k, item) in added.into_iter().enumerate() {
            self.place(format!("{name}[{}]", offset + k), format!("add.{name}[{k}]"));
            list.push(item);
        }
    }

    fn apply(&mut self, v: RawVariant, mut base: RawPathway) -> RawPathway {
        if v.extends.file.trim().is_empty() {
            self.report(Problem::EmptyText { what: "extends.file".into() }, "extends.file");
        }
        if v.extends.id != base.pathway.id {
            let problem = Problem::WrongBase { wanted: v.extends.id.clone(), found: base.pathway.id.clone() };
            self.report(problem, "extends.id");
        } else if v.extends.version != base.pathway.version {
            let problem = Problem::BaseVersion {
                base: base.pathway.id.clone(),
                wanted: v.extends.version.clone(),
                found: base.pathway.version.clone(),
            };
            self.report(problem, "extends.version");
        }
        self.meta(v.pathway, &mut base);
        self.steps(v.steps, &mut base);
        if let Some(risk) = v.risk {
            self.risk(risk, &mut base);
        }
        self.destinations(v.destinations, &mut base);
        self.routes(v.routes, &mut base);
        self.drop_properties(v.drop_properties, &mut base);
        base.changes = v.changes;
        self.place("changes".into(), "changes".into());
        let add = v.add;
        self.append(&mut base.sources, add.sources, "sources");
        self.append(&mut base.flags, add.flags, "flags");
        self.append(&mut base.steps, add.steps, "steps");
        self.append(&mut base.destinations, add.destinations, "destinations");
        self.append(&mut base.routes, add.routes, "routes");
        self.append(&mut base.properties, add.properties, "properties");
        base
    }

    fn meta(&mut self, m: RawVariantMeta, base: &mut RawPathway) {
        let meta = &mut base.pathway;
        let at = "pathway";
        self.set(&mut meta.id, Some(m.id), at, at, "id");
        self.set(&mut meta.version, Some(m.version), at, at, "version");
        self.set(&mut meta.last_reviewed, Some(m.last_reviewed), at, at, "last_reviewed");
        self.set(&mut meta.title, m.title, at, at, "title");
        self.set(&mut meta.area, m.area, at, at, "area");
        self.set(&mut meta.owner, m.owner, at, at, "owner");
        self.set(&mut meta.disclaimer, m.disclaimer, at, at, "disclaimer");
        self.set(&mut meta.summary, m.summary.map(Some), at, at, "summary");
    }

    fn steps(&mut self, changes: Vec<RawStepChange>, base: &mut RawPathway) {
        let mut seen = HashMap::new();
        for (j, change) in changes.into_iter().enumerate() {
            let written = format!("steps[{j}]");
            let found = self.target(&mut seen, &base.steps, |s| &s.id, "step", &change.id, &written);
            let Some(i) = self.record_change(&written, found) else {
                continue;
            };
            let step = &mut base.steps[i];
            let built = format!("steps[{i}]");
            self.set(&mut step.title, change.title, &built, &written, "title");
            self.set(&mut step.hint, change.hint.map(Some), &built, &written, "hint");
            self.set(&mut step.body, change.body, &built, &written, "body");
            if change.next.is_some() {
                let what = format!("changes the way on from step `{}`", change.id);
                self.rule_change(
                    what,
                    change.reason.as_deref(),
                    &format!("{written}.next"),
                    &format!("{written}.reason"),
                );
            }
            self.set(&mut step.next, change.next.map(Some), &built, &written, "next");
            for (k, o) in change.options.into_iter().enumerate() {
                let at = format!("{written}.options[{k}]");
                let within = format!(" in step `{}`", change.id);
                let Some(x) = self.find(&step.options, |o| &o.id, "option", &within, &o.id, &at) else {
                    continue;
                };
                let option = &mut step.options[x];
                let built = format!("{built}.options[{x}]");
                self.set(&mut option.label, o.label, &built, &at, "label");
                self.set(&mut option.hint, o.hint.map(Some), &built, &at, "hint");
            }
            for (k, c) in change.items.into_iter().enumerate() {
                let at = format!("{written}.items[{k}]");
                let within = format!(" in step `{}`", change.id);
                let Some(x) = self.find(&step.items, |i| &i.id, "checklist item", &within, &c.id, &at) else {
                    continue;
                };
                let item = &mut step.items[x];
                let built = format!("{built}.items[{x}]");
                self.set(&mut item.text, c.text, &built, &at, "text");
                self.set(&mut item.hint, c.hint.map(Some), &built, &at, "hint");
            }
        }
    }

    fn risk(&mut self, change: RawRiskChange, base: &mut RawPathway) {
        let Some(risk) = base.risk.as_mut() else {
            let problem = Problem::NotInBase {
                base: self.base.clone(),
                what: "risk model".into(),
                id: "risk".into(),
                within: String::new(),
            };
            self.report(problem, "risk");
            return;
        };
        self.set(&mut risk.model, change.model.map(Some), "risk", "risk", "model");
        self.set(
            &mut risk.criteria_heading,
            change.criteria_heading.map(Some),
            "risk",
            "risk",
            "criteria_heading",
        );
        let mut seen = HashMap::new();
        for (j, c) in change.criteria.into_iter().enumerate() {
            let written = format!("risk.criteria[{j}]");
            let found = self.target(&mut seen, &risk.criteria, |c| &c.id, "risk criterion", &c.id, &written);
            let Some(i) = self.record_change(&written, found) else {
                continue;
            };
            let criterion = &mut risk.criteria[i];
            let built = format!("risk.criteria[{i}]");
            self.set(&mut criterion.label, c.label, &built, &written, "label");
            if c.when.is_some() {
                let what = format!("changes the threshold of risk criterion `{}`", c.id);
                self.rule_change(
                    what,
                    c.reason.as_deref(),
                    &format!("{written}.when"),
                    &format!("{written}.reason"),
                );
            }
            self.set(&mut criterion.when, c.when, &built, &written, "when");
        }
        let mut seen = HashMap::new();
        for (j, l) in change.levels.into_iter().enumerate() {
            let written = format!("risk.levels[{j}]");
            let found = self.target(&mut seen, &risk.levels, |l| &l.id, "risk level", &l.id, &written);
            let Some(i) = self.record_change(&written, found) else {
                continue;
            };
            let level = &mut risk.levels[i];
            let built = format!("risk.levels[{i}]");
            self.set(&mut level.label, l.label, &built, &written, "label");
            self.set(&mut level.description, l.description.map(Some), &built, &written, "description");
            if l.when.is_some() {
                let what = format!("changes the threshold of risk level `{}`", l.id);
                self.rule_change(
                    what,
                    l.reason.as_deref(),
                    &format!("{written}.when"),
                    &format!("{written}.reason"),
                );
            }
            self.set(&mut level.when, l.when.map(Some), &built, &written, "when");
        }
    }

    fn destinations(&mut self, changes: Vec<RawDestinationChange>, base: &mut RawPathway) {
        let mut seen = HashMap::new();
        for (j, d) in changes.into_iter().enumerate() {
            let written = format!("destinations[{j}]");
            let found = self.target(&mut seen, &base.destinations, |d| &d.id, "destination", &d.id, &written);
            let Some(i) = self.record_change(&written, found) else {
                continue;
            };
            let destination = &mut base.destinations[i];
            let built = format!("destinations[{i}]");
            self.set(&mut destination.name, d.name, &built, &written, "name");
            self.set(&mut destination.summary, d.summary.map(Some), &built, &written, "summary");
            self.set(&mut destination.contacts, d.contacts, &built, &written, "contacts");
            self.set(&mut destination.forms, d.forms, &built, &written, "forms");
            self.set(&mut destination.consent, d.consent.map(Some), &built, &written, "consent");
            self.set(&mut destination.notes, d.notes, &built, &written, "notes");
            self.set(&mut destination.sources, d.sources, &built, &written, "sources");
            self.set(
                &mut destination.last_checked,
                d.last_checked.map(Some),
                &built,
                &written,
                "last_checked",
            );
        }
    }

    fn routes(&mut self, changes: Vec<RawRouteChange>, base: &mut RawPathway) {
        let mut seen = HashMap::new();
        for (j, r) in changes.into_iter().enumerate() {
            let written = format!("routes[{j}]");
            let found = self.target(&mut seen, &base.routes, |r| &r.id, "route", &r.id, &written);
            let Some(i) = self.record_change(&written, found) else {
                continue;
            };
            let route = &mut base.routes[i];
            let built = format!("routes[{i}]");
            self.set(&mut route.reason, r.reason, &built, &written, "reason");
            self.set(&mut route.advice, r.advice.map(Some), &built, &written, "advice");
            self.set(&mut route.warning, r.warning.map(Some), &built, &written, "warning");
            self.set(&mut route.sources, r.sources, &built, &written, "sources");
        }
    }

    /// Removes the base's properties the variant drops (each with a reason); those kept keep
    /// their places in the base's file although their positions in the list move up.
    fn drop_properties(&mut self, drops: Vec<RawDrop>, base: &mut RawPathway) {
        let mut dropped = vec![false; base.properties.len()];
        let mut seen = HashMap::new();
        for (j, d) in drops.into_iter().enumerate() {
            let written = format!("drop_properties[{j}]");
            let Some(i) =
                self.target(&mut seen, &base.properties, |p| &p.id, "declared property", &d.id, &written)
            else {
                continue;
            };
            dropped[i] = true;
            let what = format!("drops the declared property `{}`", d.id);
            self.rule_change(
                what,
                d.reason.as_deref(),
                &format!("{written}.id"),
                &format!("{written}.reason"),
            );
        }
        let mut kept = 0;
        for (i, gone) in dropped.iter().enumerate() {
            if !gone {
                if kept != i {
                    self.placed
                        .insert(format!("properties[{kept}]"), (Document::Base, format!("properties[{i}]")));
                }
                kept += 1;
            }
        }
        let mut keep = dropped.iter().map(|gone| !gone);
        base.properties.retain(|_| keep.next().unwrap_or(true));
    }
}
