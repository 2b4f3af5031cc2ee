//! Trainer mode: a pathway's case studies played in front of a room, one answer at a time,
//! beside the pathway drawn; and "what if" one answer had been different. Its own page
//! (`trainer.html`) and wasm: nothing of it is part of a practitioner's visit.
//!
//! - `engine`: what is asked of the core, typed (case study files, walks, comparisons);
//! - `playback`: the case being played and the what-if, as plain data, tested natively;
//! - `lighting` and `keys`: what the diagram lights and what the presenter's keys do, tested
//!   natively;
//! - `room`: all of it held in Leptos signals, with what a trainer can do;
//! - `view`: the page, as Leptos components, which draw the room and call it.
//!
//! It stores nothing and sends nothing: it fetches only the site's own files, and a trainer's
//! own file is read in the browser.
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod engine;
pub mod keys;
pub mod lighting;
pub mod playback;
pub mod room;
pub mod view;

pub use engine::Trainer;

// Compiled on every target, so that the native lint in the test command reads it too; run only
// in a browser, where wasm-bindgen calls it.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod start {
    use crate::engine::{CaseFile, Trainer};
    use crate::keys::{Pressed, Shortcut, shortcut};
    use crate::room::{Room, Stage};
    use leptos::prelude::*;
    use pathway_ui::files::{fetch_bytes, fetch_text};
    use wasm_bindgen::prelude::*;

    /// Starts trainer mode in `trainer.html`'s `<main>`.
    #[wasm_bindgen(start)]
    pub fn start() {
        console_error_panic_hook::set_once();
        let Some(main) = document().get_element_by_id("main-content") else { return };
        main.set_text_content(None);
        let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() else { return };
        let room = Room::new();
        let page = leptos::mount::mount_to(main, move || view! { <crate::view::TrainerMode room=room /> });
        // The page lives as long as the tab.
        page.forget();
        Effect::new(move || {
            if let Some(body) = document().body() {
                let _ = body.class_list().toggle_with_force("pw-trainer--presenter", room.presenter.get());
            }
        });
        listen_for_keys(room);
        leptos::task::spawn_local(async move {
            if let Err(why) = load(room).await {
                room.stage.set(Stage::Failed(why));
            }
        });
    }

    /// Which pathway: `?pathway=NAME` or the site's default.
    fn pathway_name() -> String {
        let search = window().location().search().unwrap_or_default();
        let asked = web_sys::UrlSearchParams::new_with_str(&search).ok().and_then(|p| p.get("pathway"));
        let plain = |n: &String| {
            n.len() <= 64
                && n.starts_with(|c: char| c.is_ascii_lowercase())
                && n.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        };
        asked.filter(plain).unwrap_or_else(|| "durham".into())
    }

    /// The pathway compiled, its diagram and its case studies, from the site.
    async fn load(room: Room) -> Result<(), String> {
        let name = pathway_name();
        let engine = Trainer::new(&fetch_bytes(&format!("pathways/{name}.pathway")).await?)?;
        let meta = engine.meta();
        if let Some(title) = document().get_element_by_id("tr-pathway-title") {
            title.set_text_content(Some(&format!("{} (version {})", meta.title, meta.version)));
        }
        document().set_title(&format!("Trainer mode — {}", meta.title));
        if let Ok(svg) = fetch_text(&format!("pathways/{name}.svg")).await {
            room.diagram.draw(&svg, false);
            room.drawn.set(true);
        }
        let list = fetch_text(&format!("pathways/{name}/cases.json")).await.unwrap_or_else(|_| "[]".into());
        let files: Vec<String> =
            serde_json::from_str(&list).map_err(|e| format!("the list of case studies: {e}"))?;
        let mut cases: Vec<CaseFile> = Vec::new();
        for file in files {
            let path = format!("pathways/{name}/cases/{}", String::from(js_sys::encode_uri_component(&file)));
            if let Some(case) =
                fetch_text(&path).await.ok().and_then(|text| engine.case_study(&file, &text).ok())
            {
                cases.push(case);
            }
        }
        room.loaded(engine, cases);
        Ok(())
    }

    fn listen_for_keys(room: Room) {
        let handle = window_event_listener(leptos::ev::keydown, move |event| {
            let target = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            let within = |selector: &str| {
                target.as_ref().is_some_and(|t| t.closest(selector).ok().flatten().is_some())
            };
            let pressed = Pressed {
                in_form_or_diagram: within("input, select, textarea, form, #tr-diagram"),
                on_control: within("button, a"),
                modifier: event.alt_key() || event.ctrl_key() || event.meta_key(),
            };
            let Some(key) = shortcut(&event.key(), pressed) else { return };
            match key {
                Shortcut::Next => room.next(),
                Shortcut::Previous => room.previous(),
                Shortcut::ToggleDiagram => room.diagram_shown.update(|shown| *shown = !*shown),
                Shortcut::ToggleAuto => room.toggle_auto(),
            }
            event.prevent_default();
        });
        // For the life of the page.
        std::mem::forget(handle);
    }
}
