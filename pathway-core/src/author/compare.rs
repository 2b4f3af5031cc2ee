//! What changed between two outcomes: for a trainer's "what if" (one answer changed, both
//! outcomes side by side), and later for comparing two versions of a pathway.

use crate::ids::{CriterionId, DestinationId, LevelId, RouteId};
use crate::walk::outcome::Outcome;
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct OutcomeChange {
    /// Referred after the change, not before.
    pub referrals_added: Vec<DestinationId>,
    /// Referred before the change, not after.
    pub referrals_removed: Vec<DestinationId>,
    /// Referred both times, but in another order relative to the others referred both times.
    pub referrals_moved: Vec<DestinationId>,
    pub interrupts_added: Vec<DestinationId>,
    pub interrupts_removed: Vec<DestinationId>,
    /// The risk level before and after, where it changed (`None`: no level).
    pub risk: Option<(Option<LevelId>, Option<LevelId>)>,
    pub criteria_added: Vec<CriterionId>,
    pub criteria_removed: Vec<CriterionId>,
    /// Routes whose warnings show after the change, not before; and the other way.
    pub warnings_added: Vec<RouteId>,
    pub warnings_removed: Vec<RouteId>,
}

impl OutcomeChange {
    pub fn is_empty(&self) -> bool {
        *self == OutcomeChange::default()
    }
}

impl Outcome {
    /// What is different in `after`, this outcome being the one before.
    pub fn compare(&self, after: &Outcome) -> OutcomeChange {
        let referrals = |o: &Outcome| o.referrals.iter().map(|r| r.destination.clone()).collect::<Vec<_>>();
        let (before_referrals, after_referrals) = (referrals(self), referrals(after));
        // Among those referred both times, the fewest that must have moved for the rest to keep
        // their order: a referral pushed down because another was added before it has not moved.
        let common = |list: &[DestinationId], other: &[DestinationId]| {
            list.iter().filter(|d| other.contains(d)).cloned().collect::<Vec<_>>()
        };
        let was = common(&before_referrals, &after_referrals);
        let kept = longest_common_subsequence(&was, &common(&after_referrals, &before_referrals));
        let referrals_moved = only_in(&was, &kept);
        let level = |o: &Outcome| o.risk.as_ref().map(|r| r.level.clone());
        let criteria = |o: &Outcome| {
            o.risk
                .as_ref()
                .map(|r| r.criteria.iter().map(|c| c.id.clone()).collect::<Vec<CriterionId>>())
                .unwrap_or_default()
        };
        let warnings = |o: &Outcome| o.warnings.iter().map(|w| w.route.clone()).collect::<Vec<_>>();
        OutcomeChange {
            referrals_added: only_in(&after_referrals, &before_referrals),
            referrals_removed: only_in(&before_referrals, &after_referrals),
            referrals_moved,
            interrupts_added: only_in(&after.interrupts, &self.interrupts),
            interrupts_removed: only_in(&self.interrupts, &after.interrupts),
            risk: (level(self) != level(after)).then(|| (level(self), level(after))),
            criteria_added: only_in(&criteria(after), &criteria(self)),
            criteria_removed: only_in(&criteria(self), &criteria(after)),
            warnings_added: only_in(&warnings(after), &warnings(self)),
            warnings_removed: only_in(&warnings(self), &warnings(after)),
        }
    }
}

/// Those of `list` that are not in `other`, in `list`'s order.
fn only_in<T: PartialEq + Clone>(list: &[T], other: &[T]) -> Vec<T> {
    list.iter().filter(|x| !other.contains(x)).cloned().collect()
}

/// The longest list whose items appear, in order, in both `a` and `b`.
fn longest_common_subsequence<T: PartialEq + Clone>(a: &[T], b: &[T]) -> Vec<T> {
    // lengths[i][j]: the length for a[i..] and b[j..].
    let mut lengths = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lengths[i][j] = if a[i] == b[j] {
                lengths[i + 1][j + 1] + 1
            } else {
                lengths[i + 1][j].max(lengths[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            out.push(a[i].clone());
            i += 1;
            j += 1;
        } else if lengths[i + 1][j] >= lengths[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_had_to_move_has_moved() {
        let ids = |s: &str| s.split(' ').map(|x| x.to_owned()).collect::<Vec<_>>();
        assert_eq!(longest_common_subsequence(&ids("a b c"), &ids("c a b")), ids("a b"));
        assert_eq!(longest_common_subsequence(&ids("a b c d"), &ids("a c b d")).len(), 3);
        assert_eq!(
            only_in(&ids("a b c"), &longest_common_subsequence(&ids("a b c"), &ids("c a b"))),
            ids("c")
        );
    }
}
