//! The routes' conditions as sums of products of their leaves, for `pathway audit`, which
//! evaluates every route of every case. Each distinct leaf (a flag, a risk level, an answer
//! …) is tested once a case, by the one evaluator's leaf test, into a word of bits; each
//! route is then a few masks compared with that word, not a tree walked node by node.
//!
//! It is a second form of the routes, so it is held equal to the first: the rewriting is
//! plain Boolean algebra, proven on every condition shape by the property at the end of this
//! file, and the audit's outcomes are held equal to `pathway run`'s on every case study and
//! on thousands of synthetic cases (tests/audit.rs). A route whose sum would be long, or
//! whose leaves do not fit in the word, is evaluated as written. The referrals the routes
//! make are read off a word of bits the same way (`Referrals`), held equal to the walker's
//! `refer_by` by a property.

use crate::cond::Cond;
use crate::index::{DestIx, RouteIx};
use crate::model::Pathway;
use crate::walk::eval::Context;
use crate::walk::outcome::{Applied, Evaluation};

/// One bit for each distinct leaf: the most a table tests in a word.
type Truth = u128;
const LEAVES: usize = Truth::BITS as usize;
/// The most terms a route's sum may have; more, and it is evaluated as written.
const TERMS: usize = 16;

/// Every route of one pathway, ready to be evaluated on many cases.
pub(crate) struct RouteTable {
    /// The distinct leaves of the routes' conditions; a leaf's position is its bit.
    leaves: Vec<Cond>,
    /// Every route's terms, each with its route: a route applies where any of its terms
    /// holds (a route with none never applies).
    terms: Vec<(Term, RouteIx)>,
    /// Routes too long as a sum, or whose leaves do not fit: evaluated as written.
    as_written: Vec<RouteIx>,
    /// Whether each route applies to this case: bit `r % 64` of word `r / 64`, by `RouteIx`.
    /// Bits, so that the terms' results are gathered in a register a word at a time (not
    /// written to memory term by term and read back), and the routes that apply are read off
    /// the set bits rather than tested one by one.
    applies: Vec<u64>,
    referrals: Referrals,
    /// For each of this case's referrals, in order, the first route that makes it (by
    /// `RouteIx`, as the outcome names it).
    firsts: Vec<RouteIx>,
}

/// How the referrals of the routes that apply are put in order.
enum Referrals {
    /// Where there are at most 128 destinations: a case's referrals are a word with a bit for
    /// each destination, by its place in referral order, or-ed together from each route's
    /// word and read off lowest first. Placing each destination as it was found took a
    /// branch on each one passed, which the cases made the processor mispredict.
    Places {
        /// By `RouteIx`: the places of the destinations the route refers to.
        refers: Vec<u128>,
        /// By place: the destination.
        destinations: Vec<DestIx>,
        /// By place: the first route that refers to it, for the case at hand.
        first: Vec<RouteIx>,
    },
    /// Otherwise each destination's `Pathway::referral_order`, by `DestIx`, for `refer_by`.
    Order(Vec<usize>),
}

/// A product of leaves: those that must hold, and those that must not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Term {
    must: Truth,
    must_not: Truth,
}

impl Term {
    const ALWAYS: Term = Term { must: 0, must_not: 0 };

    fn holds(self, truth: Truth) -> bool {
        truth & self.must == self.must && truth & self.must_not == 0
    }

    /// Both at once; none where one needs a leaf the other forbids.
    fn and(self, other: Term) -> Option<Term> {
        let both = Term { must: self.must | other.must, must_not: self.must_not | other.must_not };
        (both.must & both.must_not == 0).then_some(both)
    }
}

impl RouteTable {
    pub(crate) fn new(pathway: &Pathway) -> RouteTable {
        // The leaves, those of a kind side by side: they are tested in this order, and a run
        // of tests of one kind is a run of jumps to one place, which the processor foresees.
        let mut found = Vec::new();
        for route in &pathway.routes {
            sum(&route.when, false, &mut found);
        }
        let mut leaves: Vec<Cond> = Vec::with_capacity(found.len());
        for leaf in &found {
            let kind = std::mem::discriminant(leaf);
            if !leaves.iter().any(|l| std::mem::discriminant(l) == kind) {
                leaves.extend(found.iter().filter(|l| std::mem::discriminant(*l) == kind).cloned());
            }
        }
        let (mut terms, mut as_written) = (Vec::new(), Vec::new());
        for (r, route) in pathway.routes.iter().enumerate() {
            match sum(&route.when, false, &mut leaves) {
                Some(sum) => terms.extend(sum.into_iter().map(|t| (t, RouteIx(r)))),
                None => as_written.push(RouteIx(r)),
            }
        }
        // A leaf that did not fit was not given a bit; the routes that read it are evaluated
        // as written.
        leaves.truncate(LEAVES);
        RouteTable {
            leaves,
            terms,
            as_written,
            applies: vec![0; pathway.routes.len().div_ceil(64)],
            referrals: Referrals::new(pathway),
            firsts: Vec::new(),
        }
    }

    /// The routes that apply and the referrals they make: `Pathway::applied`, by the table.
    /// Each leaf is tested once; each term is then two masks compared with the leaves' word.
    pub(crate) fn apply(&mut self, pathway: &Pathway, eval: &Evaluation<'_, '_>, out: &mut Applied) {
        let sheet = eval.sheet();
        let mut truth: Truth = 0;
        for (bit, leaf) in self.leaves.iter().enumerate() {
            truth |= Truth::from(leaf.leaf_holds(sheet, eval)) << bit;
        }
        self.applies.fill(0);
        // The terms are in the order of their routes, so a word's bits are gathered in a run.
        let (mut word, mut gathered) = (0, 0u64);
        for (term, r) in &self.terms {
            if r.0 / 64 != word {
                if let Some(w) = self.applies.get_mut(word) {
                    *w |= gathered;
                }
                (word, gathered) = (r.0 / 64, 0);
            }
            gathered |= u64::from(term.holds(truth)) << (r.0 % 64);
        }
        if let Some(w) = self.applies.get_mut(word) {
            *w |= gathered;
        }
        for r in &self.as_written {
            if let Some(w) = self.applies.get_mut(r.0 / 64) {
                *w |= u64::from(pathway.route_at(*r).when.holds(eval)) << (r.0 % 64);
            }
        }
        out.routes.clear();
        for (k, w) in self.applies.iter().enumerate() {
            let mut bits = *w;
            while bits != 0 {
                out.routes.push(RouteIx(k * 64 + bits.trailing_zeros() as usize));
                bits &= bits - 1;
            }
        }
        self.referrals.refer(pathway, out, &mut self.firsts);
    }

    /// For each referral of the last case applied, in order, the first route that makes it.
    pub(crate) fn firsts(&self) -> &[RouteIx] {
        &self.firsts
    }
}

impl Referrals {
    fn new(pathway: &Pathway) -> Referrals {
        let mut destinations: Vec<DestIx> = (0..pathway.destinations.len()).map(DestIx).collect();
        destinations.sort_by_key(|d| pathway.referral_order(*d));
        if destinations.len() > u128::BITS as usize {
            return Referrals::Order(
                (0..destinations.len()).map(|d| pathway.referral_order(DestIx(d))).collect(),
            );
        }
        let mut place = vec![0; destinations.len()];
        for (k, d) in destinations.iter().enumerate() {
            if let Some(slot) = place.get_mut(d.0) {
                *slot = k;
            }
        }
        let refers = pathway
            .routes
            .iter()
            .map(|route| {
                route.refer.iter().filter_map(|d| place.get(d.0)).fold(0, |word, k| word | 1u128 << k)
            })
            .collect();
        let first = vec![RouteIx(0); destinations.len()];
        Referrals::Places { refers, destinations, first }
    }

    /// The referrals of the routes in `applied`, in order, as `Pathway::refer_by` puts them;
    /// and in `firsts`, the first route of `applied` that makes each. Searching the routes for
    /// each referral instead read every route's list of destinations, a tenth of the walk's
    /// time.
    fn refer(&mut self, pathway: &Pathway, applied: &mut Applied, firsts: &mut Vec<RouteIx>) {
        applied.referrals.clear();
        firsts.clear();
        match self {
            Referrals::Places { refers, destinations, first } => {
                let mut referred = 0u128;
                for r in &applied.routes {
                    let word = refers.get(r.0).copied().unwrap_or(0);
                    let mut new = word & !referred;
                    referred |= word;
                    while new != 0 {
                        if let Some(slot) = first.get_mut(new.trailing_zeros() as usize) {
                            *slot = *r;
                        }
                        new &= new - 1;
                    }
                }
                while referred != 0 {
                    let place = referred.trailing_zeros() as usize;
                    if let (Some(d), Some(r)) = (destinations.get(place), first.get(place)) {
                        applied.referrals.push(*d);
                        firsts.push(*r);
                    }
                    referred &= referred - 1;
                }
            }
            Referrals::Order(order) => {
                pathway.refer_by(|d| order.get(d.0).copied().unwrap_or(usize::MAX), applied);
                // Each referral is kept with its first route, so the two lists stay in step.
                let Applied { routes, referrals } = applied;
                referrals.retain(|d| {
                    let first = routes.iter().copied().find(|r| pathway.route_at(*r).refer.contains(d));
                    firsts.extend(first);
                    first.is_some()
                });
            }
        }
    }
}

/// `cond` (or, if `negated`, its negation) as a sum of products of leaves, each leaf given a
/// bit in `leaves`: none if it takes more than `TERMS` terms or `LEAVES` leaves.
fn sum(cond: &Cond, negated: bool, leaves: &mut Vec<Cond>) -> Option<Vec<Term>> {
    match (cond, negated) {
        (Cond::Not(inner), _) => sum(inner, !negated, leaves),
        // "All of" or "not any of": every part at once.
        (Cond::All(parts), false) | (Cond::Any(parts), true) => {
            let mut product = vec![Term::ALWAYS];
            for part in parts {
                let part = sum(part, negated, leaves)?;
                product = product.iter().flat_map(|a| part.iter().filter_map(|b| a.and(*b))).collect();
                if product.len() > TERMS {
                    return None;
                }
            }
            Some(product)
        }
        // "Any of" or "not all of": any one part.
        (Cond::Any(parts), false) | (Cond::All(parts), true) => {
            let mut terms = Vec::new();
            for part in parts {
                terms.extend(sum(part, negated, leaves)?);
                if terms.len() > TERMS {
                    return None;
                }
            }
            Some(terms)
        }
        (leaf, _) => {
            let bit = match leaves.iter().position(|l| l == leaf) {
                Some(bit) => bit,
                None => {
                    leaves.push(leaf.clone());
                    leaves.len() - 1
                }
            };
            let one: Truth = 1u128.checked_shl(u32::try_from(bit).ok()?)?;
            Some(vec![if negated {
                Term { must: 0, must_not: one }
            } else {
                Term { must: one, must_not: 0 }
            }])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::FlagIx;
    use proptest::prelude::*;

    /// Conditions of any shape over a few flags (the shape is what the table rewrites; a
    /// leaf's test is the evaluator's own).
    fn condition() -> impl Strategy<Value = Cond> {
        let leaf = (0..6usize).prop_map(|f| Cond::Flag(FlagIx(f)));
        leaf.prop_recursive(5, 40, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Cond::All),
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Cond::Any),
                inner.prop_map(|c| Cond::Not(Box::new(c))),
            ]
        })
    }

    /// The condition as written, with each flag `f` set where bit `f` of `set` is.
    fn as_written(cond: &Cond, set: u8) -> bool {
        match cond {
            Cond::Flag(f) => set & (1 << f.0) != 0,
            Cond::All(parts) => parts.iter().all(|p| as_written(p, set)),
            Cond::Any(parts) => parts.iter().any(|p| as_written(p, set)),
            Cond::Not(inner) => !as_written(inner, set),
            _ => false,
        }
    }

    proptest! {
        /// For every condition, and every way its flags can be set, the sum holds exactly
        /// where the condition as written does.
        #[test]
        fn the_sum_holds_where_the_condition_does(cond in condition()) {
            let mut leaves = Vec::new();
            if let Some(terms) = sum(&cond, false, &mut leaves) {
                for set in 0..64u8 {
                    let truth = leaves.iter().enumerate().fold(0, |t: Truth, (bit, leaf)| {
                        if as_written(leaf, set) { t | 1 << bit } else { t }
                    });
                    prop_assert_eq!(terms.iter().any(|t| t.holds(truth)), as_written(&cond, set), "{:?}", cond);
                }
            }
        }
    }

    /// Durham and Darlington, loaded once for every test here.
    fn shipped() -> &'static [Pathway] {
        static SHIPPED: std::sync::LazyLock<Vec<Pathway>> = std::sync::LazyLock::new(|| {
            let durham = include_str!("../../../../pathways/durham/pathway.yaml");
            let darlington = include_str!("../../../../pathways/darlington/pathway.yaml");
            [Pathway::from_yaml(durham), Pathway::from_yaml_with_base(darlington, durham)]
                .into_iter()
                .map(|p| p.unwrap_or_else(|e| panic!("a shipped pathway loads: {e:?}")))
                .collect()
        });
        &SHIPPED
    }

    proptest! {
        /// Whatever routes apply, the referrals read off the word are those `refer_by` puts
        /// in order, each with the first route that makes it, and so are those of the
        /// fallback for more than 128 destinations.
        #[test]
        fn referrals_by_place_are_in_refer_by_order(chosen in proptest::collection::vec(any::<bool>(), 0..200)) {
            for pathway in shipped() {
                let routes: Vec<RouteIx> = (0..pathway.routes.len())
                    .filter(|r| chosen.get(*r).copied().unwrap_or(false))
                    .map(RouteIx)
                    .collect();
                let mut expected = Applied { routes: routes.clone(), referrals: Vec::new() };
                pathway.refer_by(|d| pathway.referral_order(d), &mut expected);
                // The first route of those applied that makes each, by its definition.
                let first = |d: &DestIx| routes.iter().copied().find(|r| pathway.route_at(*r).refer.contains(d));
                let expected_firsts: Vec<RouteIx> = expected.referrals.iter().filter_map(first).collect();
                prop_assert_eq!(expected_firsts.len(), expected.referrals.len());
                let by_place = Referrals::new(pathway);
                prop_assert!(matches!(by_place, Referrals::Places { .. }), "Durham and Darlington fit the word");
                let by_order = Referrals::Order(
                    (0..pathway.destinations.len()).map(|d| pathway.referral_order(DestIx(d))).collect(),
                );
                for mut referrals in [by_place, by_order] {
                    let mut found = Applied { routes: routes.clone(), referrals: vec![DestIx(0)] };
                    let mut firsts = vec![RouteIx(0)];
                    referrals.refer(pathway, &mut found, &mut firsts);
                    prop_assert_eq!(&found.referrals, &expected.referrals);
                    prop_assert_eq!(&firsts, &expected_firsts);
                }
            }
        }
    }

    /// A condition whose leaves do not all fit in the word has no sum, and its route is
    /// evaluated as written.
    #[test]
    fn a_leaf_past_the_word_leaves_the_condition_as_written() {
        let mut leaves: Vec<Cond> = (0..LEAVES).map(|f| Cond::Flag(FlagIx(f))).collect();
        let fits = Cond::All(vec![Cond::Flag(FlagIx(0)), Cond::Flag(FlagIx(LEAVES - 1))]);
        assert!(sum(&fits, false, &mut leaves).is_some());
        let past = Cond::Any(vec![Cond::Flag(FlagIx(0)), Cond::Flag(FlagIx(LEAVES))]);
        assert_eq!(sum(&past, false, &mut leaves), None);
    }

    /// Every shipped pathway's routes fit the table, so none is evaluated as written (a
    /// performance promise, not a safety one: a route evaluated as written is still right).
    #[test]
    fn every_shipped_route_is_a_short_sum() {
        for pathway in shipped() {
            let table = RouteTable::new(pathway);
            assert!(table.leaves.len() < LEAVES);
            let written: Vec<&str> =
                table.as_written.iter().map(|r| pathway.route_at(*r).id.as_str()).collect();
            assert!(written.is_empty(), "evaluated as written: {written:?}");
        }
    }
}
