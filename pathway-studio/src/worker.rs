//! The engine in its Web Worker: each message is a numbered [`Request`] as JSON text; the
//! answer goes back with its number. Started by `boot.js?app=studio` in a worker, which loads
//! this same wasm; the page starts two (`client`), and waits for each to say it is ready.

use crate::engine;
use crate::protocol::{Envelope, Request, Response};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Answers every message the page sends, for the life of the worker.
pub fn serve(scope: DedicatedWorkerGlobalScope) {
    let reply = scope.clone();
    let listener = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let text = event.data().as_string().unwrap_or_default();
        let answer = match Envelope::<Request>::decode(&text) {
            Ok(Envelope { seq, body }) => Envelope { seq, body: engine::answer(body) },
            // Nothing to number it by: the page's own messages are always readable.
            Err(why) => Envelope { seq: 0, body: Response::Refused(why) },
        };
        let _ = reply.post_message(&JsValue::from_str(&answer.encode()));
    });
    scope.set_onmessage(Some(listener.as_ref().unchecked_ref()));
    // The worker lives as long as the page that started it.
    listener.forget();
    let _ = scope.post_message(&JsValue::from_str(&Envelope { seq: 0, body: Response::Ready }.encode()));
}
