//! Any bytes at all: `Pathway::from_compiled` must return, never panic, hang or exhaust the
//! stack, and a pathway it accepts must walk to its end and re-compile to a file that reads
//! back the same. The first byte chooses how the rest is used: as a whole file (so the header
//! checks are fuzzed), or as a payload sealed with a good header and checksum (so the reader
//! behind them is).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pathway_core::{Answer, Pathway, Position, Reply, Session, StepKind, seal};

fuzz_target!(|data: &[u8]| {
    let Some((mode, rest)) = data.split_first() else { return };
    let bytes = if mode % 2 == 0 { rest.to_vec() } else { seal(rest) };
    let Ok(pathway) = Pathway::from_compiled(&bytes) else { return };
    // Written again, it reads back as the same pathway.
    let again = pathway.to_compiled().unwrap_or_else(|e| panic!("an accepted pathway must re-compile: {e}"));
    let reread = Pathway::from_compiled(&again).unwrap_or_else(|e| panic!("a re-compiled pathway must read: {e}"));
    assert_eq!(reread.to_compiled().ok(), Some(again));
    // Every walk ends: at most one answer per step, since the steps cannot go round in a circle.
    let mut session = Session::new(&pathway);
    for _ in 0..=pathway.steps().len() {
        let Ok(Position::Asking(step)) = session.position(&pathway) else { break };
        let answer = match &step.kind {
            StepKind::YesNo { allowed, .. } => Answer::Reply(allowed.first().copied().unwrap_or(Reply::Yes)),
            StepKind::SingleChoice { options } => match options.first() {
                Some(o) => Answer::Choice(o.id.clone()),
                None => break,
            },
            StepKind::MultipleChoice { options } => match options.first() {
                Some(o) => Answer::Choices(vec![o.id.clone()]),
                None => break,
            },
            StepKind::Checklist { items, .. } => {
                Answer::Checklist(items.iter().map(|i| (i.id.clone(), Reply::Yes)).collect())
            }
            StepKind::Number { min, .. } => Answer::Number(*min),
            StepKind::Text { .. } => Answer::Text("x".into()),
            StepKind::Info => Answer::Continue,
        };
        if session.answer(&pathway, answer).is_err() {
            break;
        }
    }
    if let Ok(Position::Asking(step)) = session.position(&pathway)
        && session.answers().len() > pathway.steps().len()
    {
        panic!("the walk is still asking (`{}`) after one answer per step", step.id);
    }
    let _ = session.outcome(&pathway);
    let _ = session.progress(&pathway);
});
