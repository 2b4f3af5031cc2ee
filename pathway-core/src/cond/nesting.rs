//! A bound on how deeply conditions nest in a compiled pathway.
//!
//! Conditions are trees, and serde reads trees by recursion: a crafted file of a few hundred
//! kilobytes of `not` inside `not` would exhaust the stack, which in the browser is a crash
//! rather than an error. The loader never makes a tree deeper than the YAML that wrote it
//! (`MAX_NESTING` is far beyond any real pathway), so deeper is refused as malformed.

use serde::{Deserialize, Deserializer, de::Error as _};
use std::cell::Cell;

/// The deepest nesting of `all`, `any` and `not` read from a compiled pathway: the same as the
/// deepest YAML the loader accepts.
pub(crate) const MAX_NESTING: usize = 48;

thread_local! {
    // Reading is synchronous and single-threaded per call, so a per-thread count is exact.
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Leaves the level it entered, however reading the level ends.
struct Level;

impl Level {
    fn enter() -> Option<Level> {
        DEPTH.with(|depth| {
            (depth.get() < MAX_NESTING).then(|| {
                depth.set(depth.get() + 1);
                Level
            })
        })
    }
}

impl Drop for Level {
    fn drop(&mut self) {
        DEPTH.with(|depth| depth.set(depth.get().saturating_sub(1)));
    }
}

/// Reads the children of `all`, `any` or `not`, one level deeper.
pub(crate) fn nested<'de, D: Deserializer<'de>, T: Deserialize<'de>>(reader: D) -> Result<T, D::Error> {
    let _level = Level::enter().ok_or_else(|| D::Error::custom("conditions nested too deeply"))?;
    T::deserialize(reader)
}
