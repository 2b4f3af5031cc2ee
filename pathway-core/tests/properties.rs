//! The walker's laws, checked on random sequences of answers, backs and changes over every
//! valid fixture and the shipped pathways.

use pathway_core::*;
use proptest::prelude::*;

fn pathways() -> Vec<Pathway> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir("tests/fixtures/valid")
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.push("../pathways/durham/pathway.yaml".into());
    files
        .iter()
        .map(|f| {
            let source = std::fs::read_to_string(f).unwrap_or_default();
            Pathway::from_yaml(&source).unwrap_or_else(|e| panic!("{}: {e}", f.display()))
        })
        .collect()
}

/// An answer for `step` made from two random numbers: usually well formed, sometimes not.
fn answer_for(step: &Step, a: u32, b: u32) -> Answer {
    if b.is_multiple_of(17) {
        return Answer::Number(i64::from(a)); // often the wrong kind entirely
    }
    match &step.kind {
        StepKind::YesNo { .. } => Answer::Reply(Reply::ALL[(a % 4) as usize]),
        StepKind::SingleChoice { options } => match options.get(a as usize % options.len().max(1)) {
            Some(o) if !b.is_multiple_of(11) => Answer::Choice(o.id.clone()),
            _ => Answer::Choice(OptionId::new("no_such_option")),
        },
        StepKind::MultipleChoice { options } => {
            let mut chosen: Vec<OptionId> = options
                .iter()
                .enumerate()
                .filter(|(i, _)| a & (1 << (i % 32)) != 0)
                .map(|(_, o)| o.id.clone())
                .collect();
            if b.is_multiple_of(3) {
                // Mostly valid: keep one option, or only the non-exclusive ones.
                chosen.retain(|id| options.iter().any(|o| o.id == *id && !o.exclusive));
            }
            Answer::Choices(chosen)
        }
        StepKind::Checklist { items, .. } => Answer::Checklist(
            items
                .iter()
                .enumerate()
                .filter(|(i, _)| !b.is_multiple_of(13) || *i > 0)
                .map(|(i, item)| {
                    let bits = if i < 16 { a >> (2 * i) } else { b >> (2 * (i - 16)) };
                    (item.id.clone(), Reply::ALL[(bits % 4) as usize])
                })
                .collect(),
        ),
        StepKind::Number { min, max, .. } => {
            let span = (max - min + 3).max(1);
            Answer::Number(min - 1 + i64::from(a) % span)
        }
        StepKind::Text { .. } => {
            Answer::Text(if a.is_multiple_of(3) { String::new() } else { "A reason".into() })
        }
        StepKind::Info => Answer::Continue,
    }
}

#[derive(Clone, Debug)]
enum Action {
    Answer(u32, u32),
    Back,
    Change(usize, u32, u32),
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        6 => (any::<u32>(), any::<u32>()).prop_map(|(a, b)| Action::Answer(a, b)),
        1 => Just(Action::Back),
        2 => (any::<usize>(), any::<u32>(), any::<u32>()).prop_map(|(i, a, b)| Action::Change(i, a, b)),
    ]
}

fn apply(p: &Pathway, s: &mut Session, action: &Action) {
    match action {
        Action::Answer(a, b) => {
            if let Ok(Position::Asking(step)) = s.position(p) {
                let before = s.clone();
                if s.answer(p, answer_for(step, *a, *b)).is_ok() {
                    // Law: going back after answering returns the previous state exactly.
                    let mut undone = s.clone();
                    undone.back();
                    assert_eq!(undone, before);
                } else {
                    assert_eq!(*s, before, "a refused answer must change nothing");
                }
            }
        }
        Action::Back => {
            s.back();
        }
        Action::Change(i, a, b) => {
            if !s.answers().is_empty() {
                let (id, _) = s.answers()[i % s.answers().len()].clone();
                if let Some(step) = p.step(id.as_str()) {
                    let before = s.clone();
                    if s.change(p, id.as_str(), answer_for(step, *a, *b)).is_err() {
                        assert_eq!(*s, before, "a refused change must change nothing");
                    }
                }
            }
        }
    }
}

/// A fresh session given the same answers in order.
fn replayed(p: &Pathway, s: &Session) -> Session {
    let mut fresh = Session::new(p);
    for (_, answer) in s.answers() {
        if let Err(e) = fresh.answer(p, answer.clone()) {
            panic!("replaying a session's own answers failed: {e}");
        }
    }
    fresh
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any sequence of answers, backs and changes on any valid pathway never panics, keeps
    /// the session consistent, and gives the outcome its answers alone determine.
    #[test]
    fn walks_never_panic_and_outcomes_depend_only_on_answers(
        which in any::<usize>(),
        actions in prop::collection::vec(action(), 0..80),
    ) {
        let all = pathways();
        let p = &all[which % all.len()];
        let mut s = Session::new(p);
        for a in &actions {
            apply(p, &mut s, a);
            prop_assert!(s.position(p).is_ok());
            let progress = s.progress(p).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(progress.fewest_left <= progress.most_left);
        }
        let fresh = replayed(p, &s);
        prop_assert_eq!(&fresh, &s);
        prop_assert_eq!(fresh.outcome(p), s.outcome(p));
        // Referrals come most urgent first, each destination once.
        let outcome = s.outcome(p).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for pair in outcome.referrals.windows(2) {
            prop_assert!(pair[0].urgency <= pair[1].urgency);
            prop_assert!(pair[0].destination != pair[1].destination);
        }
    }

    /// Changing two earlier answers gives the same outcome in either order, when both orders
    /// end with the same answers.
    #[test]
    fn the_order_of_changes_does_not_matter(
        which in any::<usize>(),
        walk in prop::collection::vec((any::<u32>(), any::<u32>()), 1..60),
        first in (any::<usize>(), any::<u32>(), any::<u32>()),
        second in (any::<usize>(), any::<u32>(), any::<u32>()),
    ) {
        let all = pathways();
        let p = &all[which % all.len()];
        let mut s = Session::new(p);
        for (a, b) in walk {
            apply(p, &mut s, &Action::Answer(a, b));
        }
        let mut one = s.clone();
        apply(p, &mut one, &Action::Change(first.0, first.1, first.2));
        apply(p, &mut one, &Action::Change(second.0, second.1, second.2));
        let mut two = s.clone();
        apply(p, &mut two, &Action::Change(second.0, second.1, second.2));
        apply(p, &mut two, &Action::Change(first.0, first.1, first.2));
        if one.answers() == two.answers() {
            prop_assert_eq!(one.outcome(p), two.outcome(p));
        }
        prop_assert_eq!(replayed(p, &one).outcome(p), one.outcome(p));
    }

    /// The lean decision and the full outcome come from one referral rule: on any walk of any
    /// valid pathway they give the same referrals, in the same order, the same risk level
    /// and the same criteria.
    #[test]
    fn decision_and_outcome_agree(
        which in any::<usize>(),
        walk in prop::collection::vec((any::<u32>(), any::<u32>()), 0..60),
    ) {
        let all = pathways();
        let p = &all[which % all.len()];
        let mut s = Session::new(p);
        for (a, b) in walk {
            apply(p, &mut s, &Action::Answer(a, b));
        }
        let decision = s.decision(p).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let outcome = s.outcome(p).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let referrals: Vec<&str> = decision.referrals.iter().map(|d| d.id.as_str()).collect();
        let expected: Vec<&str> = outcome.referrals.iter().map(|r| r.destination.as_str()).collect();
        prop_assert_eq!(referrals, expected);
        prop_assert_eq!(decision.level.map(|l| &l.id), outcome.risk.as_ref().map(|r| &r.level));
        let criteria: Vec<&str> = decision.criteria.iter().map(|c| c.id.as_str()).collect();
        let met: Vec<&str> = outcome.risk.iter().flat_map(|r| r.criteria.iter().map(|c| c.id.as_str())).collect();
        if outcome.risk.is_some() {
            prop_assert_eq!(criteria, met);
        }
    }

    /// The progress shown never promises what the walk cannot keep: at every point of a
    /// complete walk, the steps that really remained lie between the fewest and the most.
    #[test]
    fn progress_bounds_always_hold(
        which in any::<usize>(),
        walk in prop::collection::vec((any::<u32>(), any::<u32>()), 1..120),
    ) {
        let all = pathways();
        let p = &all[which % all.len()];
        let mut s = Session::new(p);
        let mut seen = Vec::new();
        for (a, b) in walk {
            if matches!(s.position(p), Ok(Position::Finished)) {
                break;
            }
            let progress = s.progress(p).map_err(|e| TestCaseError::fail(e.to_string()))?;
            if seen.last().is_none_or(|(answered, _, _)| *answered != progress.answered) {
                seen.push((progress.answered, progress.fewest_left, progress.most_left));
            }
            apply(p, &mut s, &Action::Answer(a, b));
        }
        prop_assume!(matches!(s.position(p), Ok(Position::Finished)));
        let total = s.answers().len();
        for (answered, fewest, most) in seen {
            let remaining = total - answered;
            prop_assert!(fewest <= remaining && remaining <= most, "{remaining} left, shown as {fewest} to {most}");
        }
    }
}
