//! Trainer mode in the page: the engine, the case studies, the case being played and the
//! diagram, held as Leptos signals, and everything a trainer can do to them. Every change of
//! what is played goes through [`Playback`]; this only keeps it, and moves focus and the
//! auto-play timer, which are the page's.

use crate::engine::{CaseFile, Trainer};
use crate::lighting;
use crate::playback::Playback;
use leptos::prelude::*;
use pathway_core::{Answer, StepId};
use pathway_ui::diagram::DiagramView;
use pathway_ui::focus::focus;
use std::time::Duration;

/// How long each answer shows when the case plays by itself.
const AUTO: Duration = Duration::from_millis(2500);

/// The size, in pixels, the diagram's text is at least when it follows the step being asked:
/// at its own size on a desk, and large enough to read from the back of a room in presenter
/// view (18 px or more; 19 leaves a margin for rounding).
const FOLLOW_PX: f64 = 13.0;
const PRESENTER_PX: f64 = 19.0;

/// Where trainer mode is.
#[derive(Clone, Debug, PartialEq)]
pub enum Stage {
    Loading,
    /// The pathway could not be loaded: why.
    Failed(String),
    /// The list of case studies.
    Cases,
    Playing,
}

/// Everything trainer mode holds. Copy, so every handler holds one.
#[derive(Clone, Copy)]
pub struct Room {
    engine: StoredValue<Option<Trainer>, LocalStorage>,
    pub stage: RwSignal<Stage>,
    pub cases: RwSignal<Vec<CaseFile>>,
    pub playing: RwSignal<Option<Playback>>,
    /// What is wrong with the trainer's own file, located in it.
    pub file_error: RwSignal<Option<String>>,
    /// What the engine could not do (never expected: the files are checked when built).
    pub problem: RwSignal<Option<String>>,
    auto: StoredValue<Option<IntervalHandle>>,
    pub auto_on: RwSignal<bool>,
    pub presenter: RwSignal<bool>,
    pub diagram_shown: RwSignal<bool>,
    pub diagram: DiagramView,
    /// Set once the drawing is in the page, so lighting it waits for it.
    pub drawn: RwSignal<bool>,
}

impl Room {
    pub fn new() -> Room {
        Room {
            engine: StoredValue::new_local(None),
            stage: RwSignal::new(Stage::Loading),
            cases: RwSignal::new(Vec::new()),
            playing: RwSignal::new(None),
            file_error: RwSignal::new(None),
            problem: RwSignal::new(None),
            auto: StoredValue::new(None),
            auto_on: RwSignal::new(false),
            presenter: RwSignal::new(false),
            diagram_shown: RwSignal::new(true),
            diagram: DiagramView::default(),
            drawn: RwSignal::new(false),
        }
    }

    /// The pathway and its case studies, loaded: the case studies a file cannot be read for
    /// are left out (the site build checks them all).
    pub fn loaded(self, engine: Trainer, cases: Vec<CaseFile>) {
        self.engine.set_value(Some(engine));
        self.cases.set(cases);
        self.stage.set(Stage::Cases);
    }

    /// Asks the engine, with what went wrong shown if it could not answer.
    fn with_engine<R>(self, f: impl FnOnce(&Trainer) -> Result<R, String>) -> Option<R> {
        let result = self.engine.with_value(|engine| engine.as_ref().map(f))?;
        result.map_err(|why| self.problem.set(Some(why))).ok()
    }

    /// Reads a case study file of the trainer's own; plays it if it is sound, or says where it
    /// is wrong.
    pub fn open(self, file: String, text: String) {
        match self.with_engine(|engine| Ok(engine.case_study(&file, &text))) {
            Some(Ok(case)) => {
                self.file_error.set(None);
                self.cases.update(|cases| cases.push(case.clone()));
                self.play(case);
            }
            Some(Err(located)) => {
                self.file_error.set(Some(located));
                focus("#tr-file-error");
            }
            None => {}
        }
    }

    pub fn play(self, case: CaseFile) {
        if let Some(playback) = self.with_engine(|engine| Playback::start(engine, case)) {
            self.playing.set(Some(playback));
            self.stage.set(Stage::Playing);
            focus("#tr-heading");
        }
    }

    pub fn back_to_cases(self) {
        self.stop_auto();
        self.playing.set(None);
        self.stage.set(Stage::Cases);
        focus("#tr-heading");
    }

    /// Changes the case being played with `change`, which says whether anything changed.
    fn change(self, change: impl FnOnce(&Trainer, &mut Playback) -> Result<bool, String>) -> bool {
        let Some(mut playback) = self.playing.get_untracked() else { return false };
        let changed = self.with_engine(|engine| change(engine, &mut playback)).unwrap_or(false);
        if changed {
            self.playing.set(Some(playback));
        }
        changed
    }

    pub fn next(self) {
        if !self.change(|engine, p| p.next(engine)) || self.at_outcome() {
            self.stop_auto();
        }
    }

    pub fn previous(self) {
        self.change(|engine, p| p.previous(engine));
    }

    fn at_outcome(self) -> bool {
        self.playing.with_untracked(|p| p.as_ref().is_none_or(Playback::at_outcome))
    }

    pub fn toggle_auto(self) {
        if self.auto_on.get_untracked() {
            self.stop_auto();
        } else if self.playing.with_untracked(Option::is_some) {
            let handle = set_interval_with_handle(move || self.next(), AUTO).ok();
            self.auto.set_value(handle);
            self.auto_on.set(true);
        }
    }

    pub fn stop_auto(self) {
        if let Some(handle) = self.auto.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        self.auto_on.set(false);
    }

    /// "What if…" pressed beside the answer to `step`.
    pub fn what_if(self, step: StepId) {
        self.stop_auto();
        if self.change(|_, p| Ok(p.ask_what_if(&step))) {
            focus("#tr-what-if input, #tr-what-if select, #tr-what-if textarea, #tr-what-if button");
        }
    }

    /// The what-if form's answer: both outcomes once the changed walk is complete, or its next
    /// question.
    pub fn answer(self, answer: Answer) {
        self.change(|engine, p| p.answer(engine, answer).map(|()| true));
        let compared = self.playing.with_untracked(|p| {
            p.as_ref().is_some_and(|p| matches!(p.what_if(), crate::playback::WhatIf::Compared { .. }))
        });
        focus(if compared {
            "#tr-outcomes h2"
        } else {
            "#tr-what-if input, #tr-what-if select, #tr-what-if textarea, #tr-what-if button"
        });
    }

    /// What was entered in the what-if form for `step`, checked by the engine.
    pub fn check(
        self,
        step: &pathway_core::Step,
        entered: &pathway_core::Entry,
    ) -> Option<Result<Answer, Vec<String>>> {
        self.engine.with_value(|engine| engine.as_ref().map(|engine| engine.check(step, entered)))
    }

    /// A question the engine can answer, asked of the case being played.
    pub fn read<R>(self, f: impl FnOnce(&Trainer, &Playback) -> R) -> Option<R> {
        let playback = self.playing.get()?;
        self.engine.with_value(|engine| engine.as_ref().map(|engine| f(engine, &playback)))
    }

    /// Lights the drawing for what is played, and brings the step being asked (or, at the
    /// outcome, the most urgent referral) to the middle, at a size to read.
    pub fn light(self) {
        if !self.drawn.get() {
            return;
        }
        let presenter = self.presenter.get();
        self.playing.with(|playing| {
            let lighting = playing.as_ref().map(Playback::lighting);
            lighting::light(self.diagram, lighting);
            let Some(lighting) = lighting else { return };
            let follow =
                match (lighting.current, lighting.changed.unwrap_or(lighting.first).destinations.first()) {
                    (Some(step), _) => format!("step-{step}"),
                    (None, Some(destination)) => format!("dest-{destination}"),
                    (None, None) => return,
                };
            self.diagram.follow(&follow, if presenter { PRESENTER_PX } else { FOLLOW_PX });
        });
    }
}

impl Default for Room {
    fn default() -> Self {
        Room::new()
    }
}
