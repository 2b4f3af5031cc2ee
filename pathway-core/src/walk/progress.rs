//! How much of a walk is left, given the answers so far: for the "Question 5 of about 12 to
//! 15" caption, which must never promise a shorter walk than the answers allow.

use crate::cond::Cond;
use crate::model::*;
use crate::walk::sheet::Sheet;
use std::collections::HashMap;

/// The fewest and most steps still to answer from `at`, given the answers so far: a branch
/// they already decide is followed (or passed over) as it will be, and one that still depends
/// on answers to come may go either way. So the walk's real length always lies between the
/// two, and the page never promises a shorter walk than the answers allow.
pub(crate) fn steps_left(
    pathway: &Pathway,
    sheet: &Sheet<'_>,
    at: Target,
    memo: &mut HashMap<Target, (usize, usize)>,
) -> (usize, usize) {
    let Target::Step(step) = at else { return (0, 0) };
    if let Some(known) = memo.get(&at) {
        return *known;
    }
    let s = pathway.step_at(step);
    let mut targets = Vec::new();
    for next in s.ways_on() {
        match next {
            Next::To(t) => targets.push(*t),
            Next::Branches(branches) => {
                for (when, t) in branches {
                    match when.as_ref().map_or(Some(true), |w| decided(w, sheet)) {
                        Some(true) => {
                            targets.push(*t);
                            break;
                        }
                        Some(false) => {}
                        None => targets.push(*t),
                    }
                }
            }
        }
    }
    let (mut fewest, mut most) = (usize::MAX, 0);
    for t in targets {
        let (f, m) = steps_left(pathway, sheet, t, memo);
        fewest = fewest.min(f);
        most = most.max(m);
    }
    let left = if fewest == usize::MAX { (1, 1) } else { (fewest + 1, most + 1) };
    memo.insert(at, left);
    left
}

/// Whether the answers so far already decide a branch: `None` while an answer to come, a flag
/// not yet set, or the risk level could still change it.
fn decided(cond: &Cond, sheet: &Sheet<'_>) -> Option<bool> {
    match cond {
        Cond::All(list) => list
            .iter()
            .try_fold(true, |all, c| match decided(c, sheet) {
                Some(false) => Err(()),
                Some(true) => Ok(all),
                None => Ok(false),
            })
            .map_or(Some(false), |all| all.then_some(true)),
        Cond::Any(list) => list
            .iter()
            .try_fold(false, |unknown, c| match decided(c, sheet) {
                Some(true) => Err(()),
                Some(false) => Ok(unknown),
                None => Ok(true),
            })
            .map_or(Some(true), |unknown| (!unknown).then_some(false)),
        Cond::Not(inner) => decided(inner, sheet).map(|b| !b),
        Cond::Flag(f) if sheet.flag(*f) => Some(true),
        Cond::Flag(_) | Cond::Criterion(_) | Cond::Risk(_) => None,
        atom => {
            let mut answered = true;
            atom.for_each_step(&mut |s| answered &= sheet.given(s).is_some());
            answered.then(|| crate::walk::outcome::holds_atom(atom, sheet))
        }
    }
}
