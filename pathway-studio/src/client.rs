//! The page's side of an engine in a Web Worker: a request sent, numbered, and its answer
//! awaited. The studio starts two: one for the quick questions (checking, the preview, what a
//! file is) and one for the slow ones (case studies, proofs, the mutation check, comparing
//! versions), so a proof in progress never delays the problems shown for what was just typed.

use crate::protocol::{Envelope, Request, Response};
use futures_channel::oneshot;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

type Waiting = Rc<RefCell<HashMap<u32, oneshot::Sender<Response>>>>;

pub struct Engine {
    worker: Worker,
    waiting: Waiting,
    /// Messages sent before the engine said it was ready, sent once it has.
    held: Rc<RefCell<Option<Vec<String>>>>,
    seq: Cell<u32>,
}

impl Engine {
    /// Starts an engine: this same wasm, in a module worker, by way of the site's boot script.
    pub fn start() -> Result<Engine, String> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options("boot.js?app=studio", &options)
            .map_err(|_| "the studio's engine could not be started".to_owned())?;
        let waiting: Waiting = Rc::default();
        let held: Rc<RefCell<Option<Vec<String>>>> = Rc::new(RefCell::new(Some(Vec::new())));
        let (answers, release, to) = (waiting.clone(), held.clone(), worker.clone());
        let listener = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let text = event.data().as_string().unwrap_or_default();
            match Envelope::<Response>::decode(&text) {
                Ok(Envelope { body: Response::Ready, .. }) => {
                    for message in release.borrow_mut().take().unwrap_or_default() {
                        let _ = to.post_message(&JsValue::from_str(&message));
                    }
                }
                Ok(Envelope { seq, body }) => {
                    if let Some(sender) = answers.borrow_mut().remove(&seq) {
                        let _ = sender.send(body);
                    }
                }
                Err(_) => {}
            }
        });
        worker.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        // The worker lives as long as the page.
        listener.forget();
        Ok(Engine { worker, waiting, held, seq: Cell::new(0) })
    }

    /// Sends `request`; its answer comes by the receiver.
    pub fn send(&self, request: Request) -> oneshot::Receiver<Response> {
        let seq = self.seq.get().wrapping_add(1);
        self.seq.set(seq);
        let (sender, receiver) = oneshot::channel();
        self.waiting.borrow_mut().insert(seq, sender);
        let message = Envelope { seq, body: request }.encode();
        if let Some(held) = self.held.borrow_mut().as_mut() {
            held.push(message);
        } else if self.worker.post_message(&JsValue::from_str(&message)).is_err() {
            // Dropping the sender tells the receiver no answer will come.
            self.waiting.borrow_mut().remove(&seq);
        }
        receiver
    }
}

/// The answer to a request sent, or why there is none.
pub async fn answer(receiver: oneshot::Receiver<Response>) -> Result<Response, String> {
    match receiver.await {
        Ok(Response::Refused(why)) => Err(why),
        Ok(response) => Ok(response),
        Err(_) => Err("the studio's engine stopped: reload the page".into()),
    }
}
