//! Walking a validated pathway: the answers given (`sheet`), conditions evaluated on them
//! (`eval`), the walker (`session`), and what the answers lead to (`outcome`).

pub(crate) mod entry;
pub(crate) mod eval;
pub(crate) mod outcome;
pub(crate) mod progress;
pub(crate) mod session;
pub(crate) mod sheet;
