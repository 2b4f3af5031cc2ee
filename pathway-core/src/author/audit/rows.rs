//! Cases written as rows, in the pathway's own columns (no column map): the layout a
//! partnership can export to directly, the case studies as rows for the tests, and seeded
//! synthetic cases for the tests and the benchmark. No real case is ever in the repository.

use super::columns::{ACTUAL_COLUMN, ID_COLUMN};
use crate::ids::*;
use crate::model::*;
use crate::walk::sheet::Answer;

/// The header of the pathway's own columns: the id, each step answered in one column, each
/// checklist item in its own (`step.item`), and the referrals actually made.
pub fn header(pathway: &Pathway) -> Vec<String> {
    let mut out = vec![ID_COLUMN.to_owned()];
    out.extend(super::map::answer_names(pathway));
    out.push(ACTUAL_COLUMN.to_owned());
    out
}

/// One case as a row under [`header`]: blank where no answer is given. Options chosen
/// together, and referrals, are separated by `;`.
pub fn row(
    pathway: &Pathway,
    id: &str,
    answers: &[(StepId, Answer)],
    actual: &[DestinationId],
) -> Vec<String> {
    let mut out = vec![id.to_owned()];
    for step in &pathway.steps {
        let answer = answers.iter().find(|(s, _)| *s == step.id).map(|(_, a)| a);
        match (&step.kind, answer) {
            (StepKind::Info, _) => {}
            (StepKind::Checklist { items, .. }, Some(Answer::Checklist(given))) => {
                out.extend(
                    items.iter().map(|i| given.get(&i.id).map(|r| r.id().to_owned()).unwrap_or_default()),
                );
            }
            (StepKind::Checklist { items, .. }, _) => out.extend(items.iter().map(|_| String::new())),
            (_, Some(a)) => out.push(field(a)),
            (_, None) => out.push(String::new()),
        }
    }
    out.push(actual.iter().map(|d| d.as_str()).collect::<Vec<_>>().join(";"));
    out
}

fn field(answer: &Answer) -> String {
    match answer {
        Answer::Reply(r) => r.id().to_owned(),
        Answer::Choice(o) => o.to_string(),
        Answer::Choices(list) => list.iter().map(|o| o.as_str()).collect::<Vec<_>>().join(";"),
        Answer::Number(n) => n.to_string(),
        Answer::Text(t) => t.clone(),
        Answer::Checklist(_) | Answer::Continue => String::new(),
    }
}

/// A synthetic case: an answer to every step, as a form that asks everything would record
/// it, drawn by `pick(n)` (a number below `n`, from the caller's seeded generator). Roughly
/// as answers fall in practice: most questions and checklist items "no", a quarter to a third
/// "yes", a few not known or declined; one to three kinds of abuse; small numbers more often.
/// Answers to steps the walk does not reach are as a real export has them: filled in, and not
/// read.
pub fn synthetic(pathway: &Pathway, pick: &mut dyn FnMut(usize) -> usize) -> Vec<(StepId, Answer)> {
    let mut out = Vec::with_capacity(pathway.steps.len());
    for step in &pathway.steps {
        let answer = match &step.kind {
            StepKind::Info => continue,
            StepKind::YesNo { allowed, .. } => {
                // "No" most often, "yes" a quarter of the time, now and then "not known" or
                // "declined", where the step offers them.
                let wanted = match pick(20) {
                    0..=4 => Reply::Yes,
                    5..=17 => Reply::No,
                    18 => Reply::NotKnown,
                    _ => Reply::Declined,
                };
                let chosen = if allowed.contains(&wanted) {
                    Some(&wanted)
                } else {
                    allowed.get(pick(allowed.len().max(1)))
                };
                Answer::Reply(chosen.copied().unwrap_or(Reply::No))
            }
            StepKind::SingleChoice { options } => match options.get(pick(options.len().max(1))) {
                Some(o) => Answer::Choice(o.id.clone()),
                None => continue,
            },
            StepKind::MultipleChoice { options } => {
                let exclusive: Vec<&ChoiceOption> = options.iter().filter(|o| o.exclusive).collect();
                let others: Vec<&ChoiceOption> = options.iter().filter(|o| !o.exclusive).collect();
                if others.is_empty() || (!exclusive.is_empty() && pick(3) == 0) {
                    match exclusive.get(pick(exclusive.len().max(1))) {
                        Some(o) => Answer::Choices(vec![o.id.clone()]),
                        None => continue,
                    }
                } else {
                    let mut chosen: Vec<OptionId> = Vec::new();
                    for _ in 0..=pick(3) {
                        if let Some(o) = others.get(pick(others.len()))
                            && !chosen.contains(&o.id)
                        {
                            chosen.push(o.id.clone());
                        }
                    }
                    Answer::Choices(chosen)
                }
            }
            StepKind::Checklist { items, .. } => Answer::Checklist(
                items
                    .iter()
                    .map(|i| {
                        let reply = match pick(100) {
                            0..=59 => Reply::No,
                            60..=91 => Reply::Yes,
                            92..=97 => Reply::NotKnown,
                            _ => Reply::Declined,
                        };
                        (i.id.clone(), reply)
                    })
                    .collect(),
            ),
            StepKind::Number { min, max, .. } => {
                // Small numbers far more often than large: the smaller of two draws.
                let span = usize::try_from(max.saturating_sub(*min)).unwrap_or(usize::MAX).min(8);
                let n = pick(span + 1).min(pick(span + 1));
                Answer::Number(min.saturating_add(i64::try_from(n).unwrap_or(0)))
            }
            StepKind::Text { .. } => Answer::Text("Reason recorded in the case file.".into()),
        };
        out.push((step.id.clone(), answer));
    }
    out
}
