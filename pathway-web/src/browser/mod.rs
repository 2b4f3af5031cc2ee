//! The browser outside the components: fetching the pathway (`loading`), and the start page,
//! title, focus, clock, clipboard and meta tags (`dom`).

pub mod dom;
pub mod loading;
