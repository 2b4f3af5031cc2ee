//! `verify` checked against brute force: on small pathways every combination of answers is
//! walked by the ordinary walker, each property is judged on the `Outcome` by a checker
//! written separately from `verify`'s, and the verdicts must agree. On the Durham pathway,
//! too large to list, random walks are fed to every proven property.

use super::{CheckKind, Verdict};
use crate::model::*;
use crate::walk::outcome::Outcome;
use crate::walk::session::next_target;
use crate::walk::sheet::{Given, Sheet};
use proptest::prelude::*;

/// The fixtures are read at compile time: the core does no I/O, not even in its tests.
const SMALL: &str = include_str!("../../../tests/fixtures/verify/small.yaml");
const DURHAM: &str = include_str!("../../../../pathways/durham/pathway.yaml");

fn load(name: &str, source: &str) -> Pathway {
    Pathway::from_yaml(source).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Every answer a step accepts (numbers over their whole range, so keep ranges small). Also the
/// brute force behind `diff`'s tests.
pub(crate) fn every_answer(step: &Step) -> Vec<Given> {
    match &step.kind {
        StepKind::YesNo { allowed, .. } => allowed.iter().map(|r| Given::Reply(*r)).collect(),
        StepKind::SingleChoice { options } => {
            (0..options.len()).map(|i| Given::Choice(OptionIx(i))).collect()
        }
        StepKind::MultipleChoice { options } => {
            let mut out = Vec::new();
            for mask in 1u32..(1 << options.len()) {
                let chosen: Vec<OptionIx> =
                    (0..options.len()).filter(|i| mask & (1 << i) != 0).map(OptionIx).collect();
                let exclusive = chosen.iter().any(|i| options[i.0].exclusive);
                if !exclusive || chosen.len() == 1 {
                    out.push(Given::Choices(chosen));
                }
            }
            out
        }
        StepKind::Checklist { items, .. } => {
            let mut out = vec![Vec::new()];
            for _ in items {
                out = out
                    .into_iter()
                    .flat_map(|a: Vec<Reply>| Reply::ALL.map(|r| [a.clone(), vec![r]].concat()))
                    .collect();
            }
            out.into_iter().map(Given::Checklist).collect()
        }
        StepKind::Number { min, max, .. } => {
            assert!(max - min <= 20, "too many numbers to list for `{}`", step.id);
            (*min..=*max).map(Given::Number).collect()
        }
        StepKind::Text { .. } => vec![Given::Text("reason".into())],
        StepKind::Info => vec![Given::Seen],
    }
}

/// Every complete walk: its sheet and its steps.
fn every_walk(p: &Pathway) -> Vec<(Sheet<'_>, Vec<StepIx>)> {
    let mut done = Vec::new();
    let mut stack = vec![(Sheet::new(p), Vec::new(), Target::Step(p.start))];
    while let Some((sheet, path, at)) = stack.pop() {
        let Target::Step(step) = at else {
            done.push((sheet, path));
            continue;
        };
        for given in every_answer(p.step_at(step)) {
            let mut next = sheet.clone();
            next.record(step, given);
            let mut longer = path.clone();
            longer.push(step);
            stack.push((next.clone(), longer, next_target(p, step, &next)));
        }
    }
    done
}

/// Whether a walk's outcome breaks a property, judged from the `Outcome` alone.
fn breaks(p: &Pathway, prop: &Property, outcome: &Outcome) -> bool {
    let e = &prop.then;
    let id = |d: &DestIx| p.destination_at(*d).id.clone();
    let referred: Vec<_> = outcome.referrals.iter().map(|r| r.destination.clone()).collect();
    let applied: Vec<_> = outcome
        .referrals
        .iter()
        .flat_map(|r| r.reasons.iter().map(|x| x.route.clone()))
        .chain(outcome.advice.iter().chain(&outcome.warnings).map(|n| n.route.clone()))
        .collect();
    let route = |r: &RouteIx| p.route_at(*r).id.clone();
    let level = outcome
        .risk
        .as_ref()
        .and_then(|r| p.risk().and_then(|m| m.levels.iter().position(|l| l.id == r.level)))
        .map(LevelIx);
    let position = |d: &DestIx| referred.iter().position(|x| *x == id(d));
    let present: Vec<usize> = e.order.iter().filter_map(position).collect();
    e.refer.iter().any(|d| !referred.contains(&id(d)))
        || e.not_refer.iter().any(|d| referred.contains(&id(d)))
        || e.interrupts.iter().any(|d| !outcome.interrupts.contains(&id(d)))
        || e.routes.iter().any(|r| !applied.contains(&route(r)))
        || e.not_routes.iter().any(|r| applied.contains(&route(r)))
        || e.first.is_some_and(|d| referred.first() != Some(&id(&d)))
        || present.windows(2).any(|w| w[0] > w[1])
        || e.risk_at_least.is_some_and(|min| level.is_none_or(|l| l > min))
        || e.risk_at_most.is_some_and(|max| level.is_some_and(|l| l < max))
        || (e.no_risk && level.is_some())
}

#[test]
fn brute_force_agrees_with_verify_on_every_property_of_a_small_pathway() {
    let p = load("small.yaml", SMALL);
    let walks = every_walk(&p);
    assert!(walks.len() > 10_000, "only {} walks: the fixture no longer tests much", walks.len());
    let verification = p.verify(super::VERIFY_LIMIT);
    let mut seen = std::collections::HashSet::new();
    for check in &verification.checks {
        // What brute force finds: how many walks the check applies to, and the shortest
        // walk (in answers given) that breaks it.
        let mut applies = 0;
        let mut shortest: Option<usize> = None;
        for (sheet, path) in &walks {
            let outcome = p.outcome_of(sheet, path, None);
            let broken = match check.kind {
                CheckKind::Property => {
                    let prop = p.properties.iter().find(|x| x.id.as_str() == check.id).expect("the property");
                    if !prop.when.as_ref().is_none_or(|w| crate::walk::outcome::holds(w, sheet)) {
                        continue;
                    }
                    breaks(&p, prop, &outcome)
                }
                CheckKind::Precondition => {
                    let (dest, j) = check.id.split_once(".requires[").expect("a precondition id");
                    let d = p.destinations.iter().find(|d| d.id.as_str() == dest).expect("the destination");
                    let r = &d.requires[j.trim_end_matches(']').parse::<usize>().expect("an index")];
                    if !outcome.referrals.iter().any(|x| x.destination == d.id) {
                        continue;
                    }
                    !crate::walk::outcome::holds(&r.when, sheet)
                }
            };
            applies += 1;
            if broken {
                shortest = Some(shortest.map_or(path.len(), |s| s.min(path.len())));
            }
        }
        seen.insert(std::mem::discriminant(&check.verdict));
        match (&check.verdict, shortest) {
            (Verdict::Proven { .. }, None) => {
                assert!(applies > 0, "{}: proven but applies to no walk", check.id)
            }
            (Verdict::NeverApplies, None) => assert_eq!(applies, 0, "{}: said never to apply", check.id),
            (Verdict::Refuted { counterexample }, Some(length)) => {
                assert_eq!(
                    counterexample.answers.len(),
                    length,
                    "{}: the counterexample is not a shortest walk",
                    check.id
                );
                // The counterexample itself breaks the check when walked.
                let given = crate::author::answers::walk(&p, &counterexample.answers).expect("it walks");
                let outcome = given.outcome(&p).expect("an outcome");
                let referrals: Vec<_> = outcome.referrals.iter().map(|r| r.destination.clone()).collect();
                assert_eq!(referrals, counterexample.referrals, "{}", check.id);
            }
            (verdict, brute) => panic!(
                "{}: verify says {verdict:?}, brute force finds {brute:?} ({applies} walks apply)",
                check.id
            ),
        }
    }
    assert_eq!(seen.len(), 3, "the fixture should have proven, refuted and never-applying checks");
}

/// An answer for `step` drawn from `seed`: any answer it accepts may come up.
fn some_answer(step: &Step, seed: u64) -> Given {
    match &step.kind {
        StepKind::Checklist { items, .. } => Given::Checklist(
            (0..items.len()).map(|i| Reply::ALL[((seed >> (2 * (i % 32))) % 4) as usize]).collect(),
        ),
        StepKind::Number { min, max, .. } => {
            // Near the thresholds that matter as often as anywhere else.
            let span = (max - min + 1) as u64;
            Given::Number(
                min + if seed.is_multiple_of(2) { (seed / 2 % 8) as i64 } else { (seed / 2 % span) as i64 }
                    .min(max - min),
            )
        }
        StepKind::MultipleChoice { options } => {
            let chosen: Vec<OptionIx> = (0..options.len())
                .filter(|i| seed & (1 << i) != 0 && !options[*i].exclusive)
                .map(OptionIx)
                .collect();
            let exclusive = options.iter().position(|o| o.exclusive);
            match (chosen.is_empty(), exclusive) {
                (true, Some(x)) => Given::Choices(vec![OptionIx(x)]),
                (true, None) => Given::Choices(vec![OptionIx(0)]),
                _ => Given::Choices(chosen),
            }
        }
        _ => {
            let all = every_answer(step);
            all[(seed % all.len() as u64) as usize].clone()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Every property `verify` proves of the Durham pathway holds on random walks of it.
    #[test]
    fn every_proven_durham_property_holds_on_random_walks(seeds in proptest::collection::vec(any::<u64>(), 40)) {
        let p = durham();
        let mut sheet = Sheet::new(p);
        let mut path = Vec::new();
        let mut at = Target::Step(p.start);
        let mut i = 0;
        while let Target::Step(step) = at {
            sheet.record(step, some_answer(p.step_at(step), seeds[i % seeds.len()]));
            path.push(step);
            at = next_target(p, step, &sheet);
            i += 1;
        }
        let outcome = p.outcome_of(&sheet, &path, None);
        for prop in &p.properties {
            if prop.when.as_ref().is_none_or(|w| crate::walk::outcome::holds(w, &sheet)) {
                prop_assert!(!breaks(p, prop, &outcome), "{} broken by {:?}", prop.id, p.example(&sheet, &path));
            }
        }
    }
}

fn durham() -> &'static Pathway {
    static LOADED: std::sync::OnceLock<Pathway> = std::sync::OnceLock::new();
    LOADED.get_or_init(|| {
        let p = load("durham", DURHAM);
        assert!(p.verify(super::VERIFY_LIMIT).all_proven(), "every Durham property is proven");
        p
    })
}
