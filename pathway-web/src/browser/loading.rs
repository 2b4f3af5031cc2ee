//! Which pathway to show, and fetching it.
//!
//! The site ships each pathway compiled (`pathway build`, run by the site build):
//! `pathways/NAME.pathway` for the default pathway the site build wrote the start page for
//! (`<body data-pathway="NAME">`), for `?pathway=NAME`, or a site owner's own compiled file on
//! the same origin named by `<meta name="pathway-url" content="…">`. Nothing else about the URL
//! is read, and answers never go into it. The browser never parses YAML: a file that is not a
//! compiled pathway, or is damaged, or was built for another version, is refused with what to
//! do about it.

use super::dom;
use pathway_core::Pathway;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The pathway, or which file could not be loaded and why.
pub async fn load() -> Result<Pathway, (String, String)> {
    // The studio's preview: the pathway the studio framing it compiled from the file being written.
    #[cfg(feature = "preview")]
    if let Some(bytes) = super::preview::pathway() {
        return Pathway::from_compiled(&bytes)
            .map_err(|e| ("the pathway being written".into(), e.to_string()));
    }
    let url = address()?;
    match fetch_bytes(&url).await {
        Ok(bytes) => Pathway::from_compiled(&bytes).map_err(|e| (url, e.to_string())),
        Err(why) => Err((url, why)),
    }
}

/// The address of the pathway to load, or why the one asked for cannot be.
fn address() -> Result<String, (String, String)> {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let asked = web_sys::UrlSearchParams::new_with_str(&search).ok().and_then(|p| p.get("pathway"));
    if let Some(url) = dom::meta("pathway-url").filter(|_| asked.is_none()) {
        // Same origin only: a path, never an address with a scheme or host.
        return if !url.contains("//") && !url.contains(':') {
            Ok(url)
        } else {
            Err((url, "a pathway must be on the same site as this page".into()))
        };
    }
    let default = dom::document().and_then(|d| d.body()).and_then(|b| b.dataset().get("pathway"));
    if let Some(name) = asked.or(default) {
        let plain = !name.is_empty()
            && name.len() <= 64
            && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        return if plain {
            Ok(format!("pathways/{name}.pathway"))
        } else {
            let why = format!("`{name}` is not a pathway name: use lower-case letters, digits, - and _");
            Err((name, why))
        };
    }
    Err(("index.html".into(), "the page names no pathway: build the site with scripts/build-web.sh".into()))
}

async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let failed = |what: &str| format!("it could not be {what}. Check your connection and reload the page");
    let window = web_sys::window().ok_or_else(|| failed("fetched"))?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| failed("fetched"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| failed("fetched"))?;
    if !response.ok() {
        return Err(format!("the site answered HTTP {} for it", response.status()));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(|_| failed("read"))?)
        .await
        .map_err(|_| failed("read"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
