//! Any text at all: `Pathway::from_yaml` must return, never panic or hang. When it loads,
//! walking it with the first answer of every step and analysing it must not panic either.
//! Input with a NUL byte is a variant and its base (before and after the first NUL), loaded
//! with `Pathway::from_yaml_with_base`. `pathway_core::extends` reads it first, as the studio
//! and the CLI do.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pathway_core::{Answer, Pathway, Position, Reply, Session, StepKind};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // What the studio and the CLI ask of any file first: is it a variant, and of what?
    let _ = pathway_core::extends(text);
    let loaded = match text.split_once('\0') {
        Some((variant, base)) => Pathway::from_yaml_with_base(variant, base),
        None => Pathway::from_yaml(text),
    };
    let Ok(pathway) = loaded else { return };
    let mut session = Session::new(&pathway);
    for _ in 0..64 {
        let Ok(Position::Asking(step)) = session.position(&pathway) else { break };
        let answer = match &step.kind {
            StepKind::YesNo { .. } => Answer::Reply(Reply::Yes),
            StepKind::SingleChoice { options } | StepKind::MultipleChoice { options } => match options.first() {
                Some(o) if matches!(step.kind, StepKind::SingleChoice { .. }) => Answer::Choice(o.id.clone()),
                Some(o) => Answer::Choices(vec![o.id.clone()]),
                None => break,
            },
            StepKind::Checklist { items, .. } => Answer::Checklist(items.iter().map(|i| (i.id.clone(), Reply::Yes)).collect()),
            StepKind::Number { min, .. } => Answer::Number(*min),
            StepKind::Text { .. } => Answer::Text("x".into()),
            StepKind::Info => Answer::Continue,
        };
        if session.answer(&pathway, answer).is_err() {
            break;
        }
    }
    let _ = session.outcome(&pathway);
    let _ = pathway.analyse(2_000);
});
