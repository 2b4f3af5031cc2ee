//! The author studio's preview (this app built with the `preview` feature, into `preview/`):
//! the pathway comes from the studio that frames the page, compiled from the file being
//! written, and the walk is kept on the studio's frame element, which outlives each page it
//! loads, so that after an edit it is given again (`app::replay`). Only a page of the same site
//! can reach its frame element; nothing is fetched, stored or sent.

use crate::app::replay::Walk;
use crate::app::{Action, App};
use wasm_bindgen::JsValue;

/// The property of the frame element the studio puts the compiled pathway in.
const PATHWAY: &str = "pwPreview";
/// The property the walk is kept in, as JSON.
const WALK: &str = "pwPreviewWalk";

fn frame() -> Option<web_sys::Element> {
    web_sys::window()?.frame_element().ok()?
}

fn get(name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(&frame()?.into(), &JsValue::from_str(name)).ok().filter(|v| !v.is_undefined())
}

/// The compiled pathway the studio gave the frame, if it gave one.
pub fn pathway() -> Option<Vec<u8>> {
    let bytes = get(PATHWAY)?;
    // Made in the studio's window, not this one: `ArrayBuffer.isView` knows it, `instanceof` not.
    js_sys::ArrayBuffer::is_view(&bytes).then(|| js_sys::Uint8Array::new(&bytes).to_vec())
}

/// The walk kept from the last page of the preview.
pub fn walk() -> Walk {
    get(WALK).and_then(|w| w.as_string()).and_then(|w| serde_json::from_str(&w).ok()).unwrap_or_default()
}

pub fn keep(walk: &Walk) {
    if let (Some(frame), Ok(json)) = (frame(), serde_json::to_string(walk)) {
        let _ = js_sys::Reflect::set(&frame, &JsValue::from_str(WALK), &JsValue::from_str(&json));
    }
}

/// Records a press of the author's, about to be handled by `app`.
pub fn record(app: &App, action: &Action) {
    let mut walk = walk();
    walk.record(app, action);
    keep(&walk);
}
