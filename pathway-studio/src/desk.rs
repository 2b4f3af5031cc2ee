//! The studio in the page: what it holds (`studio`) and what its engines last said, in Leptos
//! signals, and everything an author can do: open files, type, fix, publish, compare. The
//! answers all come from the engines (`client`); this keeps them, asks again when the text
//! changes, and never asks about a text that is no longer the editor's.

use crate::client::{self, Engine};
use crate::editor;
use crate::protocol::{CasesRun, Checked, Comparison, Edit, MutationRun, Request, Response, Verified};
use crate::studio::{self, Arrangement, Base, Opened};
use leptos::html::Iframe;
use leptos::prelude::*;
use leptos::task::spawn_local;
use pathway_ui::diagram::DiagramView;
use pathway_ui::files;
use std::time::Duration;
use wasm_bindgen::JsValue;

/// How long typing must pause before the file is checked again.
pub const PAUSE: Duration = Duration::from_millis(250);

/// The views beside the editor, in their order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Problems,
    Diagram,
    Preview,
    Cases,
    Properties,
    Changes,
}

impl Tab {
    pub const ALL: [Tab; 6] =
        [Tab::Problems, Tab::Diagram, Tab::Preview, Tab::Cases, Tab::Properties, Tab::Changes];

    /// Its name in ids and test ids: `tab-cases`, `panel-cases`.
    pub fn name(self) -> &'static str {
        match self {
            Tab::Problems => "problems",
            Tab::Diagram => "diagram",
            Tab::Preview => "preview",
            Tab::Cases => "cases",
            Tab::Properties => "properties",
            Tab::Changes => "changes",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Tab::Problems => "Problems",
            Tab::Diagram => "Diagram",
            Tab::Preview => "Preview",
            Tab::Cases => "Case studies",
            Tab::Properties => "Properties",
            Tab::Changes => "What changed",
        }
    }
}

/// A run that takes a while: not asked for, under way, done, or refused.
#[derive(Clone, Debug, PartialEq)]
pub enum Run<T> {
    NotRun,
    Running,
    Done(T),
    Failed(String),
}

/// One of the site's own pathways, to start from.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct Shipped {
    pub name: String,
    pub title: String,
    #[serde(default)]
    pub default: bool,
}

/// Everything the studio holds. Copy, so every handler holds one.
#[derive(Clone, Copy)]
pub struct Desk {
    quick: StoredValue<Option<Engine>, LocalStorage>,
    slow: StoredValue<Option<Engine>, LocalStorage>,
    /// The file being written, as opened (its text is the editor's).
    pub name: RwSignal<String>,
    pub base: RwSignal<Option<Base>>,
    pub cases: RwSignal<Vec<Opened>>,
    pub older: RwSignal<Option<Opened>>,
    pub checked: RwSignal<Option<Checked>>,
    pub cases_run: RwSignal<Option<CasesRun>>,
    pub verified: RwSignal<Option<Verified>>,
    pub comparison: RwSignal<Run<Comparison>>,
    pub mutants: RwSignal<Run<MutationRun>>,
    /// The status line.
    pub status: RwSignal<String>,
    pub tab: RwSignal<Tab>,
    pub shipped: RwSignal<Vec<Shipped>>,
    pub diagram: DiagramView,
    pub preview: NodeRef<Iframe>,
    /// Changes to the text so far: an answer about an older text is not shown.
    edits: StoredValue<u64>,
    pause: StoredValue<Option<TimeoutHandle>>,
    slow_running: StoredValue<bool>,
    slow_wanted: StoredValue<bool>,
    previewed: StoredValue<u64>,
}

impl Desk {
    pub fn new() -> Desk {
        Desk {
            quick: StoredValue::new_local(Engine::start().ok()),
            slow: StoredValue::new_local(Engine::start().ok()),
            name: RwSignal::new("pathway.yaml".into()),
            base: RwSignal::new(None),
            cases: RwSignal::new(Vec::new()),
            older: RwSignal::new(None),
            checked: RwSignal::new(None),
            cases_run: RwSignal::new(None),
            verified: RwSignal::new(None),
            comparison: RwSignal::new(Run::NotRun),
            mutants: RwSignal::new(Run::NotRun),
            status: RwSignal::new("No pathway open.".into()),
            tab: RwSignal::new(Tab::Problems),
            shipped: RwSignal::new(Vec::new()),
            diagram: DiagramView::default(),
            preview: NodeRef::new(),
            edits: StoredValue::new(0),
            pause: StoredValue::new(None),
            slow_running: StoredValue::new(false),
            slow_wanted: StoredValue::new(false),
            previewed: StoredValue::new(0),
        }
    }

    /// Asks the quick engine (or the slow one) and awaits its answer.
    async fn ask(
        engine: StoredValue<Option<Engine>, LocalStorage>,
        request: Request,
    ) -> Result<Response, String> {
        let receiver = engine
            .with_value(|e| e.as_ref().map(|e| e.send(request)))
            .ok_or_else(|| "the studio's engine could not be started".to_owned())?;
        client::answer(receiver).await
    }

    fn base_text(self) -> String {
        self.base.with_untracked(|b| b.as_ref().map(|b| b.file.text.clone()).unwrap_or_default())
    }

    fn case_files(self) -> Vec<(String, String)> {
        self.cases.with_untracked(|cases| cases.iter().map(|c| (c.name.clone(), c.text.clone())).collect())
    }

    pub fn say(self, words: impl Into<String>) {
        self.status.set(words.into());
    }

    /// The status line, from what is known now.
    fn summarise(self) {
        let line = self.checked.with_untracked(|checked| {
            self.cases_run.with_untracked(|cases| {
                self.verified.with_untracked(|verified| {
                    studio::status(checked.as_ref(), cases.as_ref(), verified.as_ref())
                })
            })
        });
        self.status.set(line);
    }

    fn is_current(self, edit: u64) -> bool {
        self.edits.get_value() == edit
    }

    /// The text changed: checked again once typing pauses.
    pub fn changed(self) {
        self.edits.update_value(|e| *e += 1);
        if let Some(handle) = self.pause.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(move || spawn_local(self.refresh()), PAUSE).ok();
        self.pause.set_value(handle);
    }

    /// The quick checks: problems, the diagram, the preview; then the slow ones.
    async fn refresh(self) {
        let edit = self.edits.get_value();
        let request = Request::Check { text: editor::text(), base: self.base_text() };
        let checked = match Self::ask(self.quick, request).await {
            Ok(Response::Checked(checked)) => checked,
            Ok(_) => return,
            Err(why) => return self.say(format!("The studio could not check the file: {why}")),
        };
        if !self.is_current(edit) {
            return; // typed since: a newer check is coming
        }
        editor::mark(&serde_json::to_string(&editor::marks(&checked.problems)).unwrap_or_default());
        if let (Some(svg), true) = (&checked.svg, checked.loaded) {
            self.draw_diagram(svg, &checked);
        }
        let loaded = checked.loaded;
        self.checked.set(Some(checked));
        self.summarise();
        if loaded {
            spawn_local(self.update_preview(edit));
        }
        self.slow_checks();
    }

    /// The diagram drawn again, where it was; the nodes written in this file are buttons that
    /// go to where they are written (`view::diagram_tab`).
    fn draw_diagram(self, svg: &str, checked: &Checked) {
        self.diagram.draw(svg, true);
        // A group of buttons here, not a picture: each node is named by its <title>.
        if let Some(svg) = self.diagram.svg() {
            let _ = svg.set_attribute("role", "group");
        }
        for node in &checked.nodes {
            if let Some(element) = self.diagram.node(&node.element) {
                let _ = element.set_attribute("tabindex", "0");
                let _ = element.set_attribute("role", "button");
            }
        }
    }

    /// A node of the diagram selected: the editor goes to where it is written.
    pub fn select_node(self, element: &str) {
        let place = self.checked.with_untracked(|c| {
            c.as_ref().and_then(|c| c.nodes.iter().find(|n| n.element == element)).map(|n| (n.line, n.column))
        });
        if let Some((line, column)) = place {
            editor::go_to(line, column);
        }
    }

    pub fn go_to(self, line: usize, column: usize) {
        editor::go_to(line, column);
    }

    pub fn apply(self, fix: &Edit) {
        editor::edit(fix.line, fix.column, fix.length, &fix.insert);
    }

    /// Case studies, proofs and the comparison: slower, so one round at a time, always of the
    /// newest text.
    pub fn slow_checks(self) {
        self.slow_wanted.set_value(true);
        if self.slow_running.get_value() {
            return;
        }
        self.slow_running.set_value(true);
        spawn_local(async move {
            while self.slow_wanted.get_value() {
                self.slow_wanted.set_value(false);
                if let Err(why) = self.slow_round().await {
                    self.say(format!("The studio could not finish its checks: {why}"));
                    break;
                }
            }
            self.slow_running.set_value(false);
        });
    }

    async fn slow_round(self) -> Result<(), String> {
        let edit = self.edits.get_value();
        if !self.checked.with_untracked(|c| c.as_ref().is_some_and(|c| c.loaded)) {
            self.cases_run.set(None);
            self.verified.set(None);
            self.summarise();
            return Ok(());
        }
        let (text, base, files) = (editor::text(), self.base_text(), self.case_files());
        let run = if files.is_empty() {
            None
        } else {
            let request = Request::Cases { text: text.clone(), base: base.clone(), files };
            match Self::ask(self.slow, request).await? {
                Response::Cases(run) => Some(run),
                _ => None,
            }
        };
        if !self.is_current(edit) {
            return Ok(());
        }
        self.cases_run.set(run);
        self.summarise();
        let verified =
            match Self::ask(self.slow, Request::Verify { text: text.clone(), base: base.clone() }).await? {
                Response::Verified(verified) => Some(verified),
                _ => None,
            };
        if !self.is_current(edit) {
            return Ok(());
        }
        self.verified.set(verified);
        if let Some(older) = self.older.get_untracked() {
            let request = Request::Diff { older: older.text, text, base };
            let compared = match Self::ask(self.slow, request).await {
                Ok(Response::Compared(comparison)) => Run::Done(comparison),
                Ok(_) => Run::NotRun,
                Err(why) => Run::Failed(why),
            };
            if self.is_current(edit) {
                self.comparison.set(compared);
            }
        }
        self.summarise();
        Ok(())
    }

    /// The preview given the pathway compiled from this text, and loaded again.
    async fn update_preview(self, edit: u64) {
        let request = Request::Preview { text: editor::text(), base: self.base_text() };
        // A pathway that loads always compiles; if not, the preview keeps the last good one.
        let Ok(Response::Compiled(bytes)) = Self::ask(self.quick, request).await else { return };
        if !self.is_current(edit) || self.previewed.get_value() == edit {
            return;
        }
        self.previewed.set_value(edit);
        let Some(frame) = self.preview.get_untracked() else { return };
        // The preview (pathway-web's `preview` build) reads these bytes from its frame element.
        let _ = js_sys::Reflect::set(
            &frame,
            &JsValue::from_str("pwPreview"),
            &js_sys::Uint8Array::from(&bytes[..]),
        );
        frame.set_src(&format!("preview.html?v={edit}"));
    }

    /// The preview's walk forgotten: it starts again from its start page.
    pub fn restart_preview(self, reload: bool) {
        let Some(frame) = self.preview.get_untracked() else { return };
        let _ = js_sys::Reflect::delete_property(&frame, &JsValue::from_str("pwPreviewWalk"));
        if let Some(window) = frame.content_window().filter(|_| reload) {
            let _ = window.location().reload();
        }
    }

    /// Files opened together: each asked what it is, then put in its place.
    pub fn open(self, opened: Vec<Opened>) {
        spawn_local(async move {
            let receivers: Vec<_> = opened
                .iter()
                .filter_map(|f| {
                    self.quick
                        .with_value(|e| e.as_ref().map(|e| e.send(Request::KindOf { text: f.text.clone() })))
                })
                .collect();
            let mut kinds = Vec::new();
            for (file, receiver) in opened.into_iter().zip(receivers) {
                if let Ok(Response::Kind(kind)) = client::answer(receiver).await {
                    kinds.push((file, kind));
                }
            }
            match studio::arrange(kinds) {
                Err(why) => self.say(why),
                Ok(Arrangement::CasesOnly(added)) => {
                    let words =
                        format!("{} added.", studio::count(added.len(), "case study", "case studies"));
                    self.cases.update(|cases| cases.extend(added));
                    self.say(words);
                    self.slow_checks();
                }
                Ok(Arrangement::Pathway { main, base, cases }) => {
                    // Another pathway: its preview starts at its start page, not along the last
                    // one's walk.
                    self.restart_preview(false);
                    self.name.set(main.name);
                    self.base.set(base);
                    self.cases.set(cases);
                    self.mutants.set(Run::NotRun);
                    editor::set_text(&main.text);
                    pathway_ui::focus::focus("#st-heading");
                }
            }
        });
    }

    /// One of the site's own pathways, with its case studies (and, for a variant, its base's,
    /// as `pathway test` runs them). `None`, pressed before the list has arrived: the site's
    /// default pathway.
    pub fn open_shipped(self, name: Option<String>) {
        spawn_local(async move {
            let name = match name {
                Some(name) => name,
                None => {
                    self.list_shipped().await;
                    let list = self.shipped.get_untracked();
                    match list.iter().find(|p| p.default).or(list.first()) {
                        Some(p) => p.name.clone(),
                        None => return self.say("This site lists no pathways to start from."),
                    }
                }
            };
            self.say(format!("Opening {name}…"));
            match self.fetch_shipped(&name).await {
                Ok(files) => self.open(files),
                Err(why) => self.say(format!("Could not open {name}: {why}")),
            }
        });
    }

    async fn fetch_shipped(self, name: &str) -> Result<Vec<Opened>, String> {
        let text = files::fetch_text(&format!("pathways/{name}/pathway.yaml")).await?;
        let kind = Self::ask(self.quick, Request::KindOf { text: text.clone() }).await?;
        let mut opened = vec![Opened { name: format!("{name}/pathway.yaml"), text }];
        if let Response::Kind(crate::protocol::FileKind::Variant { base_id }) = kind {
            let base = files::fetch_text(&format!("pathways/{base_id}/pathway.yaml")).await?;
            opened.push(Opened { name: format!("{base_id}/pathway.yaml"), text: base });
            opened.extend(shipped_cases(&base_id).await?);
        }
        opened.extend(shipped_cases(name).await?);
        Ok(opened)
    }

    pub fn download_text(self) {
        let name = self.name.get_untracked();
        let file = name.rsplit('/').next().unwrap_or("pathway.yaml").to_owned();
        if let Err(why) = files::download(&file, editor::text().as_bytes(), "text/yaml") {
            self.say(why);
        }
    }

    /// Publishing: the compiled pathway downloaded, only if `pathway build` would write it.
    pub fn publish(self) {
        self.say("Checking everything before publishing…");
        spawn_local(async move {
            let request = Request::Build { text: editor::text(), base: self.base_text() };
            match Self::ask(self.slow, request).await {
                Ok(Response::Compiled(bytes)) => {
                    let id = self
                        .checked
                        .with_untracked(|c| c.as_ref().and_then(|c| c.meta.as_ref()).map(|m| m.id.clone()));
                    let id = id.unwrap_or_else(|| "pathway".into());
                    match files::download(&format!("{id}.pathway"), &bytes, "application/octet-stream") {
                        Ok(()) => self.say(format!(
                            "Published: {id}.pathway downloaded. Put it in your site's pathways folder (see docs/hosting.md)."
                        )),
                        Err(why) => self.say(why),
                    }
                }
                Ok(_) => {}
                Err(why) => self.say(why),
            }
        });
    }

    /// A refuted property's counterexample added to the case studies, run with them.
    pub fn add_case(self, name: String, text: String) {
        self.cases.update(|cases| {
            *cases = studio::with_case(std::mem::take(cases), Opened { name: name.clone(), text })
        });
        self.say(format!(
            "{name} added to the case studies. Correct the pathway, then its expect; download it to keep it."
        ));
        self.slow_checks();
    }

    /// Another version to compare with.
    pub fn compare_with(self, older: Opened) {
        self.older.set(Some(older));
        self.comparison.set(Run::Running);
        self.slow_checks();
    }

    pub fn run_mutants(self) {
        self.mutants.set(Run::Running);
        spawn_local(async move {
            let request = Request::Mutants { text: editor::text(), files: self.case_files() };
            self.mutants.set(match Self::ask(self.slow, request).await {
                Ok(Response::Mutants(run)) => Run::Done(run),
                Ok(_) => Run::NotRun,
                Err(why) => Run::Failed(why),
            });
        });
    }

    /// The site's own pathways, for "start from one of this site's pathways".
    pub async fn list_shipped(self) {
        let list = files::fetch_text("pathways/list.json").await.unwrap_or_default();
        self.shipped.set(serde_json::from_str(&list).unwrap_or_default());
    }
}

impl Default for Desk {
    fn default() -> Self {
        Desk::new()
    }
}

/// A shipped pathway's case studies.
async fn shipped_cases(name: &str) -> Result<Vec<Opened>, String> {
    let list =
        files::fetch_text(&format!("pathways/{name}/cases.json")).await.unwrap_or_else(|_| "[]".into());
    let names: Vec<String> =
        serde_json::from_str(&list).map_err(|e| format!("the list of case studies: {e}"))?;
    let mut cases = Vec::new();
    for file in names {
        let encoded = String::from(js_sys::encode_uri_component(&file));
        let text = files::fetch_text(&format!("pathways/{name}/cases/{encoded}")).await?;
        cases.push(Opened { name: format!("{name}/cases/{file}"), text });
    }
    Ok(cases)
}
