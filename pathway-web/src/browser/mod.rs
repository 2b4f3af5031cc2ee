//! The browser outside the components: events on the page (`events`), fetching the pathway
//! (`loading`), and the start page, title, focus, clock, clipboard and meta tags (`dom`).

pub mod dom;
pub mod events;
pub mod loading;
#[cfg(feature = "preview")]
pub mod preview;
