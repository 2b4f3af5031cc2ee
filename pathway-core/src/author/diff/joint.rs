//! Both versions of a pathway walked together on the same answers, every class of such joint
//! walks visited once.
//!
//! Steps are matched by id (options and items too). The steps of both versions are taken in
//! one order that each version's ways on respect, so each version's walk meets its steps in
//! that order: at each step, whichever versions have reached it are answered together, with
//! one answer per *joint* class (answers that each version's explorer cannot tell apart), and
//! a state is the place and atom truths of both walks. As in `explore`, states that agree
//! have the same futures, so each is explored once, breadth first, and the first walk met of
//! any class is a shortest one. It is exact unless a step has too many options or checklist
//! states to enumerate, or the two versions ask questions in orders that no one order fits;
//! then it says so.

use crate::author::explore::{ChecklistView, ClassKey, Explorer, Valuation, checklist_classes};
use crate::cond::Cond;
use crate::ids::*;
use crate::model::*;
use crate::walk::sheet::{Answer, Given, Sheet};
use std::collections::{BTreeMap, HashSet, VecDeque};

/// Past this many options, a multiple-choice step's sets of options are not all tried.
const MAX_OPTIONS: usize = 14;

/// One of the two versions.
pub(super) struct Side<'p> {
    pub(super) pathway: &'p Pathway,
    pub(super) explorer: Explorer<'p>,
}

/// An answer to a joint step, by ids, and as each version that has the step takes it (`None`
/// where the version has the step but not this answer: a walk there cannot give it).
struct JointAnswer {
    answer: Answer,
    given: [Option<Given>; 2],
}

/// A step of the joint order: its id and its position in each version that has it.
struct JointStep {
    id: StepId,
    at: [Option<StepIx>; 2],
    answers: Vec<JointAnswer>,
}

/// An answer of a joint walk: the step, the answer, and which versions asked it.
pub(super) type Asked = (StepId, Answer, [bool; 2]);

/// A complete joint walk, as the search reached it: both versions' end states, and its answers
/// in order.
pub(super) struct Ended<'a> {
    pub(super) states: [&'a Valuation; 2],
    pub(super) answers: Vec<Asked>,
}

/// What a joint search did.
pub(super) struct Searched {
    pub(super) explored: usize,
    pub(super) exact: bool,
}

/// One order of the step ids of both versions that each version's ways on respect, or `None`
/// if the versions ask some questions in opposite orders.
fn common_order(sides: &[Side<'_>; 2]) -> Option<Vec<StepId>> {
    let mut ids: Vec<StepId> = Vec::new();
    for side in sides {
        for s in &side.pathway.steps {
            if !ids.contains(&s.id) {
                ids.push(s.id.clone());
            }
        }
    }
    let index = |id: &StepId| ids.iter().position(|x| x == id);
    let mut after: Vec<HashSet<usize>> = vec![HashSet::new(); ids.len()];
    let mut before_count = vec![0usize; ids.len()];
    for side in sides {
        for s in &side.pathway.steps {
            let Some(from) = index(&s.id) else { continue };
            for next in s.ways_on() {
                for t in next.targets() {
                    if let Target::Step(to) = t
                        && let Some(to) = index(&side.pathway.step_at(to).id)
                        && after[from].insert(to)
                    {
                        before_count[to] += 1;
                    }
                }
            }
        }
    }
    // Kahn's algorithm, taking the earliest-listed step that is free, so the order is stable.
    let mut order = Vec::new();
    let mut free: std::collections::BTreeSet<usize> =
        (0..ids.len()).filter(|i| before_count[*i] == 0).collect();
    while let Some(i) = free.pop_first() {
        order.push(ids[i].clone());
        for j in &after[i] {
            before_count[*j] -= 1;
            if before_count[*j] == 0 {
                free.insert(*j);
            }
        }
    }
    (order.len() == ids.len()).then_some(order)
}

/// Every answer a multiple-choice step can be given, by option ids: each exclusive option alone,
/// and every non-empty set of the others. `None` past [`MAX_OPTIONS`].
fn option_sets(options: &[OptionId], exclusive: &[OptionId]) -> Option<Vec<Vec<OptionId>>> {
    let free: Vec<&OptionId> = options.iter().filter(|o| !exclusive.contains(o)).collect();
    if free.len() > MAX_OPTIONS {
        return None;
    }
    let mut out: Vec<Vec<OptionId>> = exclusive.iter().map(|o| vec![o.clone()]).collect();
    for mask in 1u32..(1 << free.len()) {
        out.push(
            free.iter()
                .enumerate()
                .filter(|(b, _)| mask & (1 << b) != 0)
                .map(|(_, o)| (*o).clone())
                .collect(),
        );
    }
    Some(out)
}

impl<'p> Side<'p> {
    fn step(&self, id: &StepId) -> Option<StepIx> {
        self.pathway.steps.iter().position(|s| s.id == *id).map(StepIx)
    }

    /// An answer by ids as this version's step takes it, if it can.
    fn given(&self, step: StepIx, answer: &Answer) -> Option<Given> {
        crate::walk::session::check(self.pathway, step, answer, &Sheet::new(self.pathway)).ok()
    }

    fn answer(&self, step: StepIx, given: &Given) -> Answer {
        self.pathway.to_answer(step, given)
    }
}

/// Every answer worth trying at a step both versions have: all replies, options and sets of
/// options by id, numbers at every threshold either tests, a checklist's joint classes.
/// Returns the answers by id, and whether every class is there.
fn raw_answers(sides: &[Side<'_>; 2], at: [StepIx; 2]) -> (Vec<Answer>, bool) {
    let steps = [sides[0].pathway.step_at(at[0]), sides[1].pathway.step_at(at[1])];
    let union = |list: [Vec<OptionId>; 2]| {
        let mut out = list[0].clone();
        out.extend(list[1].iter().filter(|o| !list[0].contains(o)).cloned());
        out
    };
    let ids = |k: usize| match &steps[k].kind {
        StepKind::SingleChoice { options } | StepKind::MultipleChoice { options } => {
            options.iter().map(|o| o.id.clone()).collect()
        }
        _ => Vec::new(),
    };
    match (&steps[0].kind, &steps[1].kind) {
        (StepKind::YesNo { allowed: a, .. }, StepKind::YesNo { allowed: b, .. }) => {
            let mut replies = a.clone();
            replies.extend(b.iter().filter(|r| !a.contains(r)));
            (replies.into_iter().map(Answer::Reply).collect(), true)
        }
        (StepKind::SingleChoice { .. }, StepKind::SingleChoice { .. }) => {
            (union([ids(0), ids(1)]).into_iter().map(Answer::Choice).collect(), true)
        }
        (StepKind::MultipleChoice { options: a }, StepKind::MultipleChoice { options: b }) => {
            let exclusive: Vec<OptionId> =
                a.iter().chain(b).filter(|o| o.exclusive).map(|o| o.id.clone()).collect();
            match option_sets(&union([ids(0), ids(1)]), &exclusive) {
                Some(sets) => (sets.into_iter().map(Answer::Choices).collect(), true),
                None => (own_answers(sides, at), false),
            }
        }
        (StepKind::Checklist { items: a, .. }, StepKind::Checklist { items: b, .. }) => {
            let mut items: Vec<ItemId> = a.iter().map(|i| i.id.clone()).collect();
            let more: Vec<ItemId> = b.iter().map(|i| i.id.clone()).filter(|i| !items.contains(i)).collect();
            items.extend(more);
            let views = [(0, a), (1, b)].map(|(k, own)| ChecklistView {
                items: own,
                here: sides[k].explorer.atoms_reading(at[k]),
                item: items.iter().map(|id| own.iter().position(|i| i.id == *id).map(ItemIx)).collect(),
            });
            match checklist_classes(&views) {
                Some(classes) => {
                    let answer = |replies: Vec<Reply>| {
                        Answer::Checklist(items.iter().cloned().zip(replies).collect::<BTreeMap<_, _>>())
                    };
                    (classes.into_iter().map(answer).collect(), true)
                }
                None => (own_answers(sides, at), false),
            }
        }
        // Numbers, text and information: each version's own classes together are every joint
        // class (thresholds from both, one text, one "seen").
        _ => (own_answers(sides, at), true),
    }
}

/// Each version's own classes of answer at the step, by id.
fn own_answers(sides: &[Side<'_>; 2], at: [StepIx; 2]) -> Vec<Answer> {
    let mut out: Vec<Answer> = Vec::new();
    for (side, step) in sides.iter().zip(at) {
        for given in side.explorer.classes_of(step).0 {
            let a = side.answer(step, &given);
            if !out.contains(&a) {
                out.push(a);
            }
        }
    }
    out
}

/// The joint steps, in the common order, each with one answer per joint class.
fn joint_steps(sides: &[Side<'_>; 2], order: Vec<StepId>) -> (Vec<JointStep>, bool) {
    let mut exact = true;
    let mut out = Vec::new();
    let starts = [sides[0].explorer.start().0, sides[1].explorer.start().0];
    for id in order {
        let at = [sides[0].step(&id), sides[1].step(&id)];
        let same_kind = match at {
            [Some(a), Some(b)] => {
                std::mem::discriminant(&sides[0].pathway.step_at(a).kind)
                    == std::mem::discriminant(&sides[1].pathway.step_at(b).kind)
            }
            _ => false,
        };
        let answers: Vec<Answer> = match at {
            [Some(a), Some(b)] if same_kind => {
                let (answers, complete) = raw_answers(sides, [a, b]);
                exact &= complete;
                answers
            }
            // A step one version has (or two steps of one id but different kinds, which no
            // answer fits both of): each version's own classes. Of a different kind, no walk
            // through it can be given to both versions, so the comparison is not complete.
            _ => {
                exact &= !matches!(at, [Some(_), Some(_)]);
                let mut answers = Vec::new();
                for (side, step) in sides.iter().zip(at) {
                    if let Some(step) = step {
                        let (given, complete) = side.explorer.classes_of(step);
                        exact &= complete;
                        answers.extend(given.iter().map(|g| side.answer(step, g)));
                    }
                }
                answers
            }
        };
        // One answer per joint class: the pair of what it does in each version.
        let mut seen: HashSet<[Option<ClassKey>; 2]> = HashSet::new();
        let mut joint = Vec::new();
        for answer in answers {
            let given = [0, 1].map(|k| at[k].and_then(|s| sides[k].given(s, &answer)));
            // An answer's class does not depend on the state it is given in: any state will do.
            let key = [0, 1].map(|k| {
                let (Some(step), Some(g)) = (at[k], &given[k]) else { return None };
                Some(sides[k].explorer.step(step, g, &starts[k]).2)
            });
            if seen.insert(key) {
                joint.push(JointAnswer { answer, given });
            }
        }
        out.push(JointStep { id, at, answers: joint });
    }
    (out, exact)
}

type State = (usize, [Valuation; 2], [Target; 2]);

/// Walks both versions together over every joint class, calling `visit` once for each class
/// of complete joint walk (shortest first), visiting at most `limit` states.
pub(super) fn search(sides: &[Side<'_>; 2], limit: usize, visit: &mut dyn FnMut(Ended<'_>)) -> Searched {
    let Some(order) = common_order(sides) else {
        return Searched { explored: 0, exact: false };
    };
    let (steps, mut exact) = joint_steps(sides, order);
    let starts = [sides[0].explorer.start(), sides[1].explorer.start()];
    let start: State = (0, [starts[0].0.clone(), starts[1].0.clone()], [starts[0].1, starts[1].1]);
    let mut seen: HashSet<State> = HashSet::from([start.clone()]);
    // Each state's step, answer and the state before it: a walk's answers are rebuilt only
    // for complete walks.
    let mut trail: Vec<Trail> = Vec::new();
    let mut queue = VecDeque::from([(start, None::<usize>)]);
    let mut explored = 0;
    while let Some(((k, v, at), last)) = queue.pop_front() {
        explored += 1;
        if explored > limit {
            return Searched { explored, exact: false };
        }
        let Some(step) = steps.get(k) else {
            let answers = replay(&steps, &trail, last);
            visit(Ended { states: [&v[0], &v[1]], answers });
            continue;
        };
        let asked = [0, 1].map(|i| step.at[i].is_some_and(|s| at[i] == Target::Step(s)));
        if !asked[0] && !asked[1] {
            let next = (k + 1, v, at);
            if seen.insert(next.clone()) {
                queue.push_back((next, last));
            }
            continue;
        }
        for (a, answer) in step.answers.iter().enumerate() {
            // An answer a version asking the step does not offer cannot be given on this walk.
            if (0..2).any(|i| asked[i] && answer.given[i].is_none()) {
                continue;
            }
            let mut next_v = v.clone();
            let mut next_at = at;
            for i in 0..2 {
                if let (true, Some(s), Some(g)) = (asked[i], step.at[i], &answer.given[i]) {
                    let (after, to, _) = sides[i].explorer.step(s, g, &v[i]);
                    next_v[i] = after;
                    next_at[i] = to;
                }
            }
            let next = (k + 1, next_v, next_at);
            if seen.insert(next.clone()) {
                trail.push((k, a, asked, last));
                queue.push_back((next, Some(trail.len() - 1)));
            }
        }
    }
    exact &= sides.iter().all(|s| s.explorer.exact());
    Searched { explored, exact }
}

/// A step of a joint walk: the step's place in the order, the answer's, which versions asked
/// it, and the trail entry before.
type Trail = (usize, usize, [bool; 2], Option<usize>);

/// The answers of a joint walk, from its trail.
fn replay(steps: &[JointStep], trail: &[Trail], last: Option<usize>) -> Vec<Asked> {
    let mut out = Vec::new();
    let mut cursor = last;
    while let Some((k, a, asked, before)) = cursor.and_then(|i| trail.get(i)) {
        if let Some((step, joint)) = steps.get(*k).and_then(|s| s.answers.get(*a).map(|x| (s, x))) {
            out.push((step.id.clone(), joint.answer.clone(), *asked));
        }
        cursor = *before;
    }
    out.reverse();
    out
}

/// Whether `cond` holds at the end of a walk of version `k` (false where it has none).
pub(super) fn holds(sides: &[Side<'_>; 2], k: usize, cond: Option<&Cond>, state: &Valuation) -> bool {
    cond.is_some_and(|c| sides[k].explorer.truth(c, state))
}
