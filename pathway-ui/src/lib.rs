//! What trainer mode and the author studio share in the browser: the pathway's diagram, as the
//! core draws it, moved and zoomed by mouse, touch and keyboard and lit as a walk goes
//! (`diagram`, with its arithmetic in `viewport`, tested natively); and reading a file the user
//! chose, or saving one by download (`files`); and focus moved once the page shows a change
//! (`focus`). Nothing here decides anything about a pathway.
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod diagram;
pub mod files;
pub mod focus;
pub mod viewport;
