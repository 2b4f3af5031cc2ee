//! Where a value of the pathway being built is written, so that every problem points at the
//! right file, line and column. A plain pathway is one file. A variant is built from two: its
//! own file and the base it extends, so each value of the built pathway is either the base's,
//! at the same place, or was written in the variant, somewhere else.

use super::source_map::SourceMap;
use crate::diagnostic::{Document, Location};
use std::collections::HashMap;

pub(crate) struct Locator {
    main: SourceMap,
    base: Option<Base>,
}

struct Base {
    map: SourceMap,
    /// The base's file as the variant names it (`extends.file`), for messages.
    file: String,
    /// Values of the built pathway written elsewhere than at the same path of the base: by
    /// their path in the built pathway, the file and path where they are written.
    placed: HashMap<String, (Document, String)>,
    /// The base's things the variant changes: by their path in the built pathway, the path of
    /// the variant's entry that changes them.
    changed: HashMap<String, String>,
}

impl Locator {
    /// For a pathway that is one file.
    pub(crate) fn single(map: SourceMap) -> Self {
        Locator { main: map, base: None }
    }

    /// For a variant over its base (its map, and its file as the variant names it): values
    /// are the base's unless `placed` says otherwise.
    pub(crate) fn variant(
        main: SourceMap,
        (map, file): (SourceMap, String),
        placed: HashMap<String, (Document, String)>,
        changed: HashMap<String, String>,
    ) -> Self {
        Locator { main, base: Some(Base { map, file, placed, changed }) }
    }

    /// The base's file as the variant names it, for messages about a value written there.
    pub(crate) fn base_file(&self) -> &str {
        match &self.base {
            Some(base) if !base.file.trim().is_empty() => &base.file,
            _ => "the base pathway's file",
        }
    }

    /// The path of a built value as its file names it, and where it is written (or the nearest
    /// enclosing value that is).
    pub(crate) fn place(&self, path: &str) -> (String, Option<Location>) {
        let Some(base) = &self.base else {
            return (path.to_owned(), self.main.locate(path));
        };
        let mut prefix = path;
        let (document, written) = loop {
            if let Some((document, written)) = base.placed.get(prefix) {
                break (*document, format!("{written}{}", &path[prefix.len()..]));
            }
            match prefix.rfind(['.', '[']) {
                Some(cut) => prefix = &prefix[..cut],
                None => break (Document::Base, path.to_owned()),
            }
        };
        let map = match document {
            Document::Main => &self.main,
            Document::Base => &base.map,
        };
        let location = map.locate(&written).map(|l| Location { document, ..l });
        (written, location)
    }

    pub(crate) fn locate(&self, path: &str) -> Option<Location> {
        self.place(path).1
    }

    /// Where a whole thing of the built pathway (`steps[4]`) is written: for a variant, the
    /// entry of its own file that adds or changes it, if any, else its place in the base's.
    pub(crate) fn item(&self, path: &str) -> Option<Location> {
        match self.base.as_ref().and_then(|base| base.changed.get(path)) {
            Some(written) => self.main.locate(written),
            None => self.locate(path),
        }
    }
}
