//! The walk as a graph of steps: the structural checks, the shape facts front ends use for
//! progress, and the diagrams (`diagram`: one edge list, Mermaid and DOT printers; `svg`: laid
//! out by `layout`).

use crate::cond::Cond;
use crate::diagnostic::Problem;
use crate::model::*;
use petgraph::algo::{tarjan_scc, toposort};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Dfs, EdgeRef};
use std::collections::{HashMap, HashSet, VecDeque};

/// Node `i` is step `i`; the node after the last step is the end of the walk.
pub(crate) struct StepGraph {
    graph: DiGraph<(), ()>,
    end: NodeIndex,
}

impl StepGraph {
    pub(crate) fn new(p: &Pathway) -> Self {
        let mut graph = DiGraph::with_capacity(p.steps.len() + 1, p.steps.len() * 2);
        for _ in 0..=p.steps.len() {
            graph.add_node(());
        }
        let end = NodeIndex::new(p.steps.len());
        let node = |t: Target| match t {
            Target::Step(s) => NodeIndex::new(s.0),
            Target::End => end,
        };
        for (i, step) in p.steps.iter().enumerate() {
            for next in step.ways_on() {
                for target in next.targets() {
                    graph.update_edge(NodeIndex::new(i), node(target), ());
                }
            }
        }
        StepGraph { graph, end }
    }

    /// Every step reachable from `from`, including `from` itself.
    fn descendants(&self, from: usize) -> HashSet<usize> {
        let mut dfs = Dfs::new(&self.graph, NodeIndex::new(from));
        let mut out = HashSet::new();
        while let Some(n) = dfs.next(&self.graph) {
            out.insert(n.index());
        }
        out
    }
}

pub(crate) struct Checked {
    pub(crate) problems: Vec<(Problem, String)>,
    pub(crate) shape: Shape,
}

pub(crate) fn check(p: &Pathway) -> Checked {
    let g = StepGraph::new(p);
    let mut problems = Vec::new();
    let name = |i: usize| p.steps.get(i).map(|s| s.id.to_string()).unwrap_or_else(|| "end".into());

    let mut cyclic = false;
    for scc in tarjan_scc(&g.graph) {
        let self_loop = scc.len() == 1 && g.graph.contains_edge(scc[0], scc[0]);
        if scc.len() < 2 && !self_loop {
            continue;
        }
        cyclic = true;
        let members: HashSet<NodeIndex> = scc.iter().copied().collect();
        let Some(first) = scc.iter().min().copied() else {
            continue;
        };
        let cycle = cycle_through(&g.graph, first, &members);
        let text = cycle.iter().map(|n| format!("`{}`", name(n.index()))).collect::<Vec<_>>().join(" → ");
        problems.push((Problem::Cycle { cycle: text }, format!("steps[{}].next", first.index())));
    }

    let reachable = g.descendants(p.start.0);
    for i in 0..p.steps.len() {
        if !reachable.contains(&i) {
            problems.push((
                Problem::Unreachable { step: name(i), start: name(p.start.0) },
                format!("steps[{i}].id"),
            ));
        }
    }

    let mut cache: HashMap<usize, HashSet<usize>> = HashMap::new();
    let mut reaches =
        |from: usize, to: usize| cache.entry(from).or_insert_with(|| g.descendants(from)).contains(&to);
    for (problem, path) in condition_order(p, &mut reaches) {
        problems.push((problem, path));
    }

    let shape = if cyclic { Shape::default() } else { shape(p, &g) };
    Checked { problems, shape }
}

/// Finds a cycle through `start` that stays inside one strongly connected component.
fn cycle_through(graph: &DiGraph<(), ()>, start: NodeIndex, members: &HashSet<NodeIndex>) -> Vec<NodeIndex> {
    let mut parent: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(n) = queue.pop_front() {
        for e in graph.edges(n) {
            let t = e.target();
            if t == start {
                let mut cycle = vec![start, n];
                let mut at = n;
                while let Some(&p) = parent.get(&at) {
                    cycle.push(p);
                    at = p;
                }
                cycle.pop();
                cycle.reverse();
                cycle.push(start);
                cycle.dedup();
                if cycle.len() == 1 {
                    cycle.push(start);
                }
                return cycle;
            }
            if members.contains(&t) && t != start && !parent.contains_key(&t) {
                parent.insert(t, n);
                queue.push_back(t);
            }
        }
    }
    vec![start, start]
}

/// Conditions must only read steps that can have been answered where they are read, and an
/// `all` must not need answers from two steps that are never on the same walk.
fn condition_order(p: &Pathway, reaches: &mut dyn FnMut(usize, usize) -> bool) -> Vec<(Problem, String)> {
    let mut problems = Vec::new();
    let checklist = p.risk.as_ref().map(|r| r.checklist.0);
    for placed in p.conditions() {
        let Some(at) = placed.at_step else {
            exclusive_steps(p, placed.cond, &placed.path, reaches, &mut problems);
            continue;
        };
        let mut read = Vec::new();
        placed.cond.for_each_step(&mut |s| read.push(s.0));
        let mut uses_risk = false;
        placed.cond.for_each_leaf(&mut |leaf| uses_risk |= matches!(leaf, Cond::Risk(_)));
        if let (true, Some(c)) = (uses_risk, checklist) {
            read.push(c);
        }
        read.sort_unstable();
        read.dedup();
        for s in read {
            if !reaches(s, at.0) {
                let step_name = p.steps.get(s).map(|x| x.id.to_string()).unwrap_or_default();
                let here = p.steps.get(at.0).map(|x| x.id.to_string()).unwrap_or_default();
                let problem = Problem::NotYetAnswered { step: step_name, place: format!("step `{here}`") };
                problems.push((problem, placed.path.clone()));
            }
        }
    }
    problems
}

fn exclusive_steps(
    p: &Pathway,
    cond: &Cond,
    path: &str,
    reaches: &mut dyn FnMut(usize, usize) -> bool,
    out: &mut Vec<(Problem, String)>,
) {
    match cond {
        Cond::All(list) => {
            let mut steps: Vec<usize> = Vec::new();
            for c in list {
                if !matches!(c, Cond::All(_) | Cond::Any(_) | Cond::Not(_)) {
                    c.for_each_step(&mut |s| steps.push(s.0));
                }
            }
            steps.sort_unstable();
            steps.dedup();
            'pairs: for (k, a) in steps.iter().enumerate() {
                for b in steps.iter().skip(k + 1) {
                    if !reaches(*a, *b) && !reaches(*b, *a) {
                        let name = |i: usize| p.steps.get(i).map(|s| s.id.to_string()).unwrap_or_default();
                        let why = format!(
                            "steps `{}` and `{}` are never both answered in one walk",
                            name(*a),
                            name(*b)
                        );
                        out.push((Problem::NeverTrue { why }, path.to_owned()));
                        break 'pairs;
                    }
                }
            }
            for (j, c) in list.iter().enumerate() {
                exclusive_steps(p, c, &format!("{path}.all[{j}]"), reaches, out);
            }
        }
        Cond::Any(list) => {
            for (j, c) in list.iter().enumerate() {
                exclusive_steps(p, c, &format!("{path}.any[{j}]"), reaches, out);
            }
        }
        _ => {}
    }
}

fn shape(p: &Pathway, g: &StepGraph) -> Shape {
    let Ok(order) = toposort(&g.graph, None) else {
        return Shape::default();
    };
    let n = p.steps.len();
    let mut paths = vec![0u128; n + 1];
    let mut saturated = false;
    for node in order.into_iter().rev() {
        let i = node.index();
        if node == g.end {
            paths[i] = 1;
            continue;
        }
        let mut count: u128 = 0;
        for t in g.graph.neighbors(node) {
            count = match count.checked_add(paths[t.index()]) {
                Some(c) => c,
                None => {
                    saturated = true;
                    u128::MAX
                }
            };
        }
        paths[i] = count;
    }
    Shape { path_count: paths[p.start.0], path_count_saturated: saturated }
}

mod diagram;
mod layout;
mod svg;
pub use diagram::{DiagramFormat, diagram};
