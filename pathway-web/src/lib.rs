//! The practitioner's pathway in the browser.
//!
//! Three layers, each with one job:
//! - `app`: what is showing and what has been entered, as data; every press is an `Action`
//!   handled with `pathway-core`'s `Session`, which decides every question, answer check,
//!   referral and reason, so the browser and the `pathway` command cannot disagree;
//! - `pages`: each page as HTML drawn from that state (pure functions, every value escaped);
//! - `browser`: DOM events in, pages and focus out.
//!
//! Nothing is stored: the session lives in memory, and quick exit drops it.
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod app;
mod browser;
pub mod pages;

pub use browser::run;
