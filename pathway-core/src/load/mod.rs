//! Turns pathway YAML into a validated [`Pathway`], or into every problem found.
//!
//! Three passes: `source_map::scan` reads the YAML events (locations, duplicate keys, hostile
//! input); serde reads the typed [`RawPathway`] (unknown fields, wrong types); then this module
//! resolves every reference and `graph` checks the shape of the walk.

mod conditions;
pub(crate) mod locator;
mod properties;
pub(crate) mod raw;
mod rules;
pub(crate) mod source_map;
mod steps;
mod usage;
pub(crate) mod variant;

use crate::diagnostic::{Diagnostic, Document, LoadError, Location, Problem};
use crate::graph;
use crate::ids::*;
use crate::model::*;
use locator::Locator;
use raw::*;
use source_map::SourceMap;
use std::collections::HashMap;

/// Loads a pathway; a variant needs the text of its base as well (and a plain pathway ignores it).
pub(crate) fn load(source: &str, base: Option<&str>) -> Result<Pathway, LoadError> {
    load_located(source, base).map(|(pathway, _)| pathway)
}

/// Loads a pathway as `load` does, and keeps where each of its values is written.
pub(crate) fn load_located(source: &str, base: Option<&str>) -> Result<(Pathway, Locator), LoadError> {
    let fail = |diagnostics| Err(LoadError { diagnostics });
    let source = without_bom(source);
    let map = scan(source).map_err(|diagnostics| LoadError { diagnostics })?;
    // A variant says what it extends at the top; the map already knows, without a second parse.
    let extends = if map.contains("extends") { variant::extends(source) } else { None };
    let Some((base_id, base_file)) = extends else {
        let raw: RawPathway = match serde_yaml::from_str(source) {
            Ok(raw) => raw,
            Err(error) => return fail(vec![serde_diagnostic(&error, &map)]),
        };
        return build(raw, Locator::single(map), Vec::new(), crate::compiled::fnv1a(source.as_bytes()));
    };
    let Some(base) = base.map(without_bom) else {
        let problem = Problem::BaseNotGiven { base: base_id };
        return fail(vec![Diagnostic::new(problem, "extends", map.locate("extends"))]);
    };
    // Problems in the base are shown in the base's file.
    let refused_in_base = |diagnostics: Vec<Diagnostic>| LoadError {
        diagnostics: diagnostics.into_iter().map(in_base).collect(),
    };
    let base_map = scan(base).map_err(refused_in_base)?;
    let base_raw: RawPathway = serde_yaml::from_str(base)
        .map_err(|error| refused_in_base(vec![serde_diagnostic(&error, &base_map)]))?;
    let variant_raw: variant::raw::RawVariant = match serde_yaml::from_str(source) {
        Ok(raw) => raw,
        Err(error) => return fail(vec![serde_diagnostic(&error, &map)]),
    };
    let merged = variant::merge(variant_raw, base_raw, &map);
    let fingerprint = crate::compiled::fnv1a(format!("{source}\0{base}").as_bytes());
    let locator = Locator::variant(map, (base_map, base_file), merged.placed, merged.changed);
    build(merged.raw, locator, merged.diagnostics, fingerprint)
}

/// What stops a loaded pathway from being published, which `pathway check` and `pathway build`
/// refuse: a current version without a change note. (The loader itself does not ask for one,
/// so that test fixtures and drafts load.) `source` is the text of the pathway's own file.
pub(crate) fn publication_problems(pathway: &Pathway, source: &str) -> Vec<Diagnostic> {
    let meta = pathway.meta();
    if meta.current_changes().is_some() {
        return Vec::new();
    }
    let problem = Problem::NoChangeNote { version: meta.version.clone() };
    let location = scan(without_bom(source)).ok().and_then(|map| map.locate("pathway.version"));
    vec![Diagnostic::new(problem, "pathway.version", location)]
}

/// Editors on Windows may save with a byte order mark; YAML allows it, serde_yaml does not.
fn without_bom(source: &str) -> &str {
    source.strip_prefix('\u{feff}').unwrap_or(source)
}

/// The first pass over one file: its size, then where every value is (see `source_map`).
fn scan(source: &str) -> Result<SourceMap, Vec<Diagnostic>> {
    if source.len() > source_map::MAX_BYTES {
        let problem = Problem::TooLarge { bytes: source.len(), limit: source_map::MAX_BYTES };
        return Err(vec![Diagnostic::new(problem, "", None)]);
    }
    source_map::scan(source)
}

/// The same problem, shown in the base's file (at its top, if it has no place of its own).
fn in_base(mut diagnostic: Diagnostic) -> Diagnostic {
    let at_top = Location { line: 1, column: 1, offset: 0, length: 0, document: Document::Base };
    diagnostic.location =
        Some(diagnostic.location.map_or(at_top, |l| Location { document: Document::Base, ..l }));
    diagnostic
}

/// Resolves and checks the pathway as read (for a variant, with its base), and keeps every
/// problem found, errors first, each in the order of the file.
fn build(
    raw: RawPathway,
    map: Locator,
    mut diagnostics: Vec<Diagnostic>,
    fingerprint: u64,
) -> Result<(Pathway, Locator), LoadError> {
    let mut loader = Loader { map, diagnostics: Vec::new() };
    let pathway = loader.build(raw);
    diagnostics.append(&mut loader.diagnostics);
    diagnostics.sort_by_key(|d| {
        let place = d.location.map(|l| (l.document, l.offset));
        (d.severity, place.is_none(), place)
    });
    match pathway {
        Some(mut pathway) if !diagnostics.iter().any(Diagnostic::is_error) => {
            pathway.warnings = diagnostics;
            pathway.fingerprint = fingerprint;
            Ok((pathway, loader.map))
        }
        _ => Err(LoadError { diagnostics }),
    }
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
            document: Default::default(),
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
    map: Locator,
    diagnostics: Vec<Diagnostic>,
}

impl Loader {
    fn report(&mut self, problem: Problem, path: impl Into<String>) {
        let (path, location) = self.map.place(&path.into());
        self.diagnostics.push(Diagnostic::new(problem, path, location));
    }

    /// A `what`'s `id` used again, first used at `first` (a path in the built pathway): the
    /// problem says that line, and whether it is in a variant's base rather than its own file.
    fn duplicate_id(&self, what: &str, id: &str, first: &str) -> Problem {
        let first = self.map.locate(first);
        Problem::DuplicateId {
            what: what.to_owned(),
            id: id.to_owned(),
            first_line: first.map_or(0, |l| l.line),
            first_in: first.filter(|l| l.document == Document::Base).map(|_| self.map.base_file().to_owned()),
        }
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
                let problem = self.duplicate_id(what, id, &format!("{list}[{first}].id"));
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
            let nearest = crate::diagnostic::nearest(id, table.keys().map(String::as_str));
            let problem =
                Problem::UnknownReference { what: what.to_owned(), id: id.to_owned(), known, nearest };
            self.report(problem, path);
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

        let meta = self.meta(raw.pathway, raw.changes);
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

    fn meta(&mut self, m: RawMeta, changes: Vec<RawChange>) -> Metadata {
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
            changes: self.changes(changes),
        }
    }

    fn changes(&mut self, raw: Vec<RawChange>) -> Vec<ChangeNote> {
        let mut first_of: HashMap<String, usize> = HashMap::new();
        for (i, c) in raw.iter().enumerate() {
            let path = format!("changes[{i}]");
            self.text(&c.version, "the change note's version", &format!("{path}.version"));
            self.date(&c.date, &format!("{path}.date"));
            if c.what.is_empty() {
                self.report(Problem::EmptyText { what: "the change note".into() }, format!("{path}.what"));
            }
            for (k, line) in c.what.iter().enumerate() {
                self.text(line, "a line of the change note", &format!("{path}.what[{k}]"));
            }
            if let Some(first) = first_of.get(&c.version) {
                let problem =
                    self.duplicate_id("change note", &c.version, &format!("changes[{first}].version"));
                self.report(problem, format!("{path}.version"));
            } else {
                first_of.insert(c.version.clone(), i);
            }
        }
        raw.into_iter().map(|c| ChangeNote { version: c.version, date: c.date, what: c.what }).collect()
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
}
