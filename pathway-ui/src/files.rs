//! Files in and out of the browser, and nowhere else: a file the user chose read as text; a
//! file saved by download; the site's own files fetched. Nothing is uploaded or stored.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, FileList, HtmlAnchorElement, Url};

/// A file the user chose: its name (its path within a folder, where a folder was chosen) and
/// its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opened {
    pub name: String,
    pub text: String,
}

/// Reads a file's text; a file that cannot be read, or is not text, is the reason why.
pub async fn read_text(file: &File) -> Result<String, String> {
    let text = JsFuture::from(file.text()).await.map_err(|_| format!("{} could not be read", file.name()))?;
    text.as_string().ok_or_else(|| format!("{} is not text", file.name()))
}

/// The files in a list (from a file input or a drop) whose names end in one of `extensions`,
/// each read, in the order given; a folder's files are named by their path within it.
pub async fn read_all(list: &FileList, extensions: &[&str]) -> Result<Vec<Opened>, String> {
    let mut opened = Vec::new();
    for file in (0..list.length()).filter_map(|i| list.item(i)) {
        let lower = file.name().to_lowercase();
        if !extensions.iter().any(|e| lower.ends_with(e)) {
            continue;
        }
        // Not in web-sys: a property every browser has on files chosen with a folder.
        let relative = js_sys::Reflect::get(&file, &JsValue::from_str("webkitRelativePath")).ok();
        let name =
            relative.and_then(|r| r.as_string()).filter(|r| !r.is_empty()).unwrap_or_else(|| file.name());
        opened.push(Opened { name, text: read_text(&file).await? });
    }
    Ok(opened)
}

/// Saves `bytes` as a file called `name`, by download: the browser asks or saves it, as it
/// does for any download.
pub fn download(name: &str, bytes: &[u8], media_type: &str) -> Result<(), String> {
    let failed = |_| format!("{name} could not be saved");
    let parts = Array::of1(&Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(failed)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(failed)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| failed(JsValue::NULL))?;
    let link: HtmlAnchorElement =
        document.create_element("a").map_err(failed)?.dyn_into().map_err(|_| failed(JsValue::NULL))?;
    link.set_href(&url);
    link.set_download(name);
    let body = document.body().ok_or_else(|| failed(JsValue::NULL))?;
    body.append_child(&link).map_err(failed)?;
    link.click();
    link.remove();
    // Revoked once the browser has started the download, so the bytes are not kept.
    leptos::prelude::set_timeout(
        move || drop(Url::revoke_object_url(&url)),
        std::time::Duration::from_secs(1),
    );
    Ok(())
}

/// One of the site's own files, by a path relative to the page; anything but a success is the
/// reason why.
pub async fn fetch_bytes(path: &str) -> Result<Vec<u8>, String> {
    let response = fetch(path).await?;
    let buffer = response.array_buffer().map_err(|_| format!("{path} could not be read"))?;
    let buffer = JsFuture::from(buffer).await.map_err(|_| format!("{path} could not be read"))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// One of the site's own text files, as [`fetch_bytes`].
pub async fn fetch_text(path: &str) -> Result<String, String> {
    let response = fetch(path).await?;
    let text = response.text().map_err(|_| format!("{path} could not be read"))?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| format!("{path} could not be read"))
}

async fn fetch(path: &str) -> Result<web_sys::Response, String> {
    // Same site only: a path, never an address with a scheme or host.
    if path.contains("//") || path.contains(':') {
        return Err(format!("{path} is not on this site"));
    }
    let window = web_sys::window().ok_or_else(|| format!("{path} could not be fetched"))?;
    let response = JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(|_| format!("{path} could not be fetched: check the connection"))?;
    let response: web_sys::Response =
        response.dyn_into().map_err(|_| format!("{path} could not be fetched"))?;
    if response.ok() {
        Ok(response)
    } else {
        Err(format!("{path}: the site answered HTTP {}", response.status()))
    }
}
