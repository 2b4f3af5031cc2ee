//! A first pass over the YAML events that records where every value is, and refuses what the
//! typed pass cannot see or would accept silently: duplicate keys, anchors and aliases, tags,
//! several documents, and input too deep or too large.
//!
//! It uses `saphyr-parser`, a pure-Rust YAML 1.2 parser that gives spans; serde_yaml gives a
//! location only for its own errors, and the validator needs one for every problem it finds.

use crate::diagnostic::{Diagnostic, Location, Problem};
use saphyr_parser::{Event, Parser, Span};
use std::collections::HashMap;

pub const MAX_BYTES: usize = 4 * 1024 * 1024;
pub const MAX_DEPTH: usize = 48;
pub const MAX_VALUES: usize = 1_000_000;

/// Where each value of the document is, by its path (`steps[3].next`).
#[derive(Debug, Default)]
pub struct SourceMap {
    values: HashMap<String, Location>,
}

impl SourceMap {
    /// Whether the document has a value at exactly `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.values.contains_key(path)
    }

    /// The location of the value at `path`, or failing that of the nearest enclosing value.
    pub fn locate(&self, path: &str) -> Option<Location> {
        let mut path = path;
        loop {
            if let Some(loc) = self.values.get(path) {
                return Some(*loc);
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
        }
    }
}

enum Frame {
    Map { path: String, key: Option<String>, keys: HashMap<String, usize> },
    Seq { path: String, next_index: usize },
}

fn location(span: &Span) -> Location {
    Location {
        line: span.start.line(),
        column: span.start.col() + 1,
        offset: span.start.index(),
        length: span.end.index().saturating_sub(span.start.index()),
        document: Default::default(),
    }
}

fn child(parent: &str, key: &str) -> String {
    if parent.is_empty() { key.to_owned() } else { format!("{parent}.{key}") }
}

/// Reads the document once. On success returns the map; otherwise the problems that stop
/// loading (all of them, where reading could go on).
pub fn scan(source: &str) -> Result<SourceMap, Vec<Diagnostic>> {
    let mut map = SourceMap::default();
    let mut problems = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut documents = 0usize;
    let mut values = 0usize;
    let mut parser = Parser::new_from_str(source);

    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(pair) => pair,
            Err(error) => {
                let marker = error.marker();
                let loc = Location {
                    line: marker.line(),
                    column: marker.col() + 1,
                    offset: marker.index(),
                    length: 1,
                    document: Default::default(),
                };
                problems.push(Diagnostic::new(
                    Problem::Syntax { message: error.info().to_owned() },
                    "",
                    Some(loc),
                ));
                return Err(problems);
            }
        };
        let loc = location(&span);
        let (anchor, tag, is_start, scalar) = match &event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    problems.push(Diagnostic::new(Problem::MultipleDocuments, "", Some(loc)));
                    return Err(problems);
                }
                continue;
            }
            Event::Alias(_) => {
                problems.push(Diagnostic::new(Problem::AnchorOrAlias, "", Some(loc)));
                return Err(problems);
            }
            Event::Scalar(value, _, anchor, tag) => (*anchor, tag.clone(), false, Some(value.clone())),
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag) => {
                (*anchor, tag.clone(), true, None)
            }
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
                finish_value(&mut stack);
                continue;
            }
            _ => continue,
        };
        values += 1;
        if values > MAX_VALUES {
            problems.push(Diagnostic::new(Problem::TooManyValues { limit: MAX_VALUES }, "", Some(loc)));
            return Err(problems);
        }
        if anchor != 0 {
            problems.push(Diagnostic::new(Problem::AnchorOrAlias, "", Some(loc)));
            return Err(problems);
        }
        if let Some(tag) = tag {
            problems.push(Diagnostic::new(
                Problem::Tag { tag: format!("{}{}", tag.handle, tag.suffix) },
                "",
                Some(loc),
            ));
            return Err(problems);
        }

        // A scalar in key position names the next value; anything else in key position is refused.
        if let Some(Frame::Map { path, key, keys }) = stack.last_mut()
            && key.is_none()
        {
            let Some(name) = scalar else {
                problems.push(Diagnostic::new(Problem::ComplexKey, path.clone(), Some(loc)));
                return Err(problems);
            };
            let name = name.into_owned();
            let key_path = child(path, &name);
            if let Some(first_line) = keys.get(&name) {
                problems.push(Diagnostic::new(
                    Problem::DuplicateKey { key: name.clone(), first_line: *first_line },
                    key_path,
                    Some(loc),
                ));
            } else {
                keys.insert(name.clone(), loc.line);
            }
            *key = Some(name);
            continue;
        }

        let path = match stack.last() {
            None => String::new(),
            Some(Frame::Map { path, key, .. }) => child(path, key.as_deref().unwrap_or_default()),
            Some(Frame::Seq { path, next_index }) => format!("{path}[{next_index}]"),
        };
        map.values.entry(path.clone()).or_insert(loc);
        if is_start {
            if stack.len() >= MAX_DEPTH {
                problems.push(Diagnostic::new(Problem::TooDeep { limit: MAX_DEPTH }, path, Some(loc)));
                return Err(problems);
            }
            stack.push(match event {
                Event::MappingStart(..) => Frame::Map { path, key: None, keys: HashMap::new() },
                _ => Frame::Seq { path, next_index: 0 },
            });
        } else {
            finish_value(&mut stack);
        }
    }
    if documents == 0 || map.values.is_empty() {
        problems.push(Diagnostic::new(Problem::Empty, "", None));
    }
    if problems.is_empty() { Ok(map) } else { Err(problems) }
}

/// A value has been read: the enclosing mapping now expects a key, or the sequence moves on.
fn finish_value(stack: &mut [Frame]) {
    match stack.last_mut() {
        Some(Frame::Map { key, .. }) => *key = None,
        Some(Frame::Seq { next_index, .. }) => *next_index += 1,
        None => {}
    }
}
