//! Which pathway to show, and loading it.
//!
//! The County Durham pathway is built in. `?pathway=NAME` selects `pathways/NAME.yaml` shipped
//! in the site; a site owner can instead name their own file on the same origin with
//! `<meta name="pathway-url" content="…">`. Nothing else about the URL is read, and answers
//! never go into it.

use crate::{AppState, Screen};
use leptos::prelude::*;
use pathway_core::Pathway;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

const BUILT_IN: &str = include_str!("../../pathways/durham/pathway.yaml");

enum Source {
    BuiltIn,
    Url(String),
    BadName(String),
}

fn source() -> Source {
    let search = window().location().search().unwrap_or_default();
    let name = web_sys::UrlSearchParams::new_with_str(&search).ok().and_then(|p| p.get("pathway"));
    if let Some(name) = name {
        let plain = !name.is_empty()
            && name.len() <= 64
            && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        return if plain { Source::Url(format!("pathways/{name}.yaml")) } else { Source::BadName(name) };
    }
    match crate::dom::meta("pathway-url") {
        // Same origin only: a path, never an address with a scheme or host.
        Some(url) if !url.contains("//") && !url.contains(':') => Source::Url(url),
        Some(url) => Source::BadName(url),
        None => Source::BuiltIn,
    }
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let failed = |what: &str| format!("{url} could not be {what}");
    let response = JsFuture::from(window().fetch_with_str(url)).await.map_err(|_| failed("fetched"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| failed("fetched"))?;
    if !response.ok() {
        return Err(format!("{url} could not be fetched (HTTP {})", response.status()));
    }
    let text =
        JsFuture::from(response.text().map_err(|_| failed("read"))?).await.map_err(|_| failed("read"))?;
    text.as_string().ok_or_else(|| failed("read"))
}

pub async fn load(state: AppState) {
    let (name, text) = match source() {
        Source::BuiltIn => ("pathways/durham/pathway.yaml".to_owned(), Ok(BUILT_IN.to_owned())),
        Source::Url(url) => {
            let text = fetch_text(&url).await;
            (url, text)
        }
        Source::BadName(name) => (
            name.clone(),
            Err(format!("`{name}` is not a pathway name: use lower-case letters, digits, - and _")),
        ),
    };
    let text = match text {
        Ok(t) => t,
        Err(report) => {
            state.screen.set(Screen::Problem { source: name, report });
            return;
        }
    };
    match Pathway::from_yaml(&text) {
        Ok(pathway) => {
            state.pathway.set(Some(Arc::new(pathway)));
            state.screen.set(Screen::Start);
        }
        Err(error) => {
            let report =
                error.diagnostics.iter().map(|d| d.render(&name, &text)).collect::<Vec<_>>().join("\n");
            state.screen.set(Screen::Problem { source: name, report });
        }
    }
}
