//! The walk as a graph of steps: the structural checks, the shape facts front ends use for
//! progress, and the diagram.

use crate::cond::Cond;
use crate::diagnostic::Problem;
use crate::model::*;
use petgraph::algo::{tarjan_scc, toposort};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Dfs, EdgeRef};
use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt::Write as _;

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
            for next in step_nexts(step) {
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

/// Every `next` a step has: its own and those of its answers.
pub(crate) fn step_nexts(step: &Step) -> Vec<&Next> {
    let mut out: Vec<&Next> = step.next.iter().collect();
    match &step.kind {
        StepKind::YesNo { rules, .. } => out.extend(rules.iter().filter_map(|r| r.next.as_ref())),
        StepKind::SingleChoice { options } => out.extend(options.iter().filter_map(|o| o.next.as_ref())),
        _ => {}
    }
    out
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
    let mut left = vec![(0usize, 0usize); n + 1];
    let mut paths = vec![0u128; n + 1];
    let mut saturated = false;
    for node in order.into_iter().rev() {
        let i = node.index();
        if node == g.end {
            paths[i] = 1;
            continue;
        }
        let mut fewest = usize::MAX;
        let mut most = 0;
        let mut count: u128 = 0;
        for t in g.graph.neighbors(node) {
            let (f, m) = left[t.index()];
            fewest = fewest.min(f);
            most = most.max(m);
            count = match count.checked_add(paths[t.index()]) {
                Some(c) => c,
                None => {
                    saturated = true;
                    u128::MAX
                }
            };
        }
        left[i] = (fewest.saturating_add(1), most + 1);
        paths[i] = count;
    }
    left.truncate(n);
    Shape { steps_left: left, path_count: paths[p.start.0], path_count_saturated: saturated }
}

/// The diagram formats `pathway graph` can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiagramFormat {
    Mermaid,
    Dot,
}

/// Draws the pathway: steps, the end, and destinations (in their own shape), with the routes
/// that lead to each destination drawn from the steps whose answers they read.
pub fn diagram(p: &Pathway, format: DiagramFormat) -> String {
    let mut out = String::new();
    let step_label = |s: &Step| s.title.replace('"', "'");
    let edges = step_edges(p);
    let routes = route_edges(p);
    match format {
        DiagramFormat::Mermaid => {
            let _ = writeln!(
                out,
                "%% {} v{} — generated by `pathway graph`; do not edit by hand.",
                p.meta.title, p.meta.version
            );
            out.push_str("flowchart TD\n");
            for (i, s) in p.steps.iter().enumerate() {
                let label = step_label(s);
                match s.kind {
                    StepKind::Info => {
                        let _ = writeln!(out, "  s{i}[/\"{label}\"/]");
                    }
                    _ => {
                        let _ = writeln!(out, "  s{i}[\"{label}\"]");
                    }
                }
            }
            out.push_str("  end_([\"End: referrals\"])\n");
            for (i, d) in p.destinations.iter().enumerate() {
                let _ = writeln!(out, "  d{i}{{{{\"{}\"}}}}", d.name.replace('"', "'"));
            }
            for (from, to, label) in &edges {
                let to = match to {
                    Target::Step(s) => format!("s{}", s.0),
                    Target::End => "end_".into(),
                };
                let _ = writeln!(out, "  s{from} -->|\"{}\"| {to}", label.replace('"', "'"));
            }
            for (from, dest, route) in &routes {
                let _ = writeln!(out, "  s{from} -.->|\"{route}\"| d{dest}");
            }
        }
        DiagramFormat::Dot => {
            let _ = writeln!(
                out,
                "// {} v{} — generated by `pathway graph`; do not edit by hand.",
                p.meta.title, p.meta.version
            );
            out.push_str("digraph pathway {\n  rankdir=TB;\n  node [fontname=\"sans-serif\"];\n");
            for (i, s) in p.steps.iter().enumerate() {
                let shape = if matches!(s.kind, StepKind::Info) { "note" } else { "box" };
                let _ = writeln!(
                    out,
                    "  s{i} [shape={shape}, label=\"{}\"];",
                    step_label(s).replace('\\', "\\\\")
                );
            }
            out.push_str("  end_ [shape=doublecircle, label=\"End\"];\n");
            for (i, d) in p.destinations.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "  d{i} [shape=hexagon, style=filled, fillcolor=\"#e8f0fe\", label=\"{}\"];",
                    d.name.replace('"', "'")
                );
            }
            for (from, to, label) in &edges {
                let to = match to {
                    Target::Step(s) => format!("s{}", s.0),
                    Target::End => "end_".into(),
                };
                let _ = writeln!(out, "  s{from} -> {to} [label=\"{}\"];", label.replace('"', "'"));
            }
            for (from, dest, route) in &routes {
                let _ = writeln!(out, "  s{from} -> d{dest} [style=dashed, label=\"{route}\"];");
            }
            out.push_str("}\n");
        }
    }
    out
}

/// Each step's ways on, with what leads there ("yes", an option, "if …", "otherwise").
fn step_edges(p: &Pathway) -> Vec<(usize, Target, String)> {
    let mut out: Vec<(usize, Target, String)> = Vec::new();
    let push = |from: usize, next: &Next, what: String, out: &mut Vec<(usize, Target, String)>| match next {
        Next::To(t) => out.push((from, *t, what)),
        Next::Branches(branches) => {
            for (when, t) in branches {
                let label = match when {
                    Some(c) => format!("{what}if {}", c.summary(p)),
                    None => format!("{what}otherwise"),
                };
                out.push((from, *t, label));
            }
        }
    };
    for (i, step) in p.steps.iter().enumerate() {
        match &step.kind {
            StepKind::YesNo { allowed, rules } => {
                for r in rules {
                    if let Some(n) = &r.next {
                        push(i, n, format!("{} ", r.reply.id()), &mut out);
                    }
                }
                let rest: Vec<&str> = allowed
                    .iter()
                    .filter(|a| !rules.iter().any(|r| r.reply == **a && r.next.is_some()))
                    .map(|a| a.id())
                    .collect();
                if let (Some(n), false) = (&step.next, rest.is_empty()) {
                    push(i, n, format!("{} ", rest.join(", ")), &mut out);
                }
            }
            StepKind::SingleChoice { options } => {
                for o in options {
                    if let Some(n) = &o.next {
                        push(i, n, format!("{} ", o.id), &mut out);
                    }
                }
                if let Some(n) = &step.next
                    && options.iter().any(|o| o.next.is_none())
                {
                    push(i, n, String::new(), &mut out);
                }
            }
            _ => {
                if let Some(n) = &step.next {
                    push(i, n, String::new(), &mut out);
                }
            }
        }
    }
    for e in &mut out {
        e.2 = e.2.trim().to_owned();
    }
    out
}

/// For each route and destination, the steps whose answers the route reads.
fn route_edges(p: &Pathway) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for route in &p.routes {
        let mut steps = p.steps_read(&route.when);
        steps.sort_unstable();
        steps.dedup();
        for s in steps {
            for d in &route.refer {
                out.push((s, d.0, route.id.to_string()));
            }
        }
    }
    out
}

impl Pathway {
    /// The steps a condition depends on, following flags to the steps that set them and
    /// criteria and levels to the steps they read.
    pub(crate) fn steps_read(&self, cond: &Cond) -> Vec<usize> {
        let mut out = Vec::new();
        self.collect_steps(cond, &mut out, 0);
        out
    }

    fn collect_steps(&self, cond: &Cond, out: &mut Vec<usize>, depth: usize) {
        if depth > 4 {
            return;
        }
        cond.for_each_step(&mut |s| out.push(s.0));
        cond.for_each_leaf(&mut |leaf| match leaf {
            Cond::Flag(f) => {
                for (i, step) in self.steps.iter().enumerate() {
                    let sets = match &step.kind {
                        StepKind::YesNo { rules, .. } => rules.iter().any(|r| r.sets.contains(f)),
                        StepKind::SingleChoice { options } | StepKind::MultipleChoice { options } => {
                            options.iter().any(|o| o.sets.contains(f))
                        }
                        _ => false,
                    };
                    if sets {
                        out.push(i);
                    }
                }
            }
            Cond::Criterion(c) => {
                if let Some(c) = self.risk.as_ref().and_then(|r| r.criteria.get(*c)) {
                    self.collect_steps(&c.when, out, depth + 1);
                }
            }
            Cond::Risk(_) => {
                if let Some(r) = &self.risk {
                    out.push(r.checklist.0);
                }
            }
            _ => {}
        });
    }
}

impl Cond {
    /// A short description for diagrams.
    pub(crate) fn summary(&self, p: &Pathway) -> String {
        let step = |s: &StepIx| p.steps.get(s.0).map(|s| s.id.to_string()).unwrap_or_default();
        let replies = |r: &ReplySet| r.iter().map(Reply::id).collect::<Vec<_>>().join("/");
        match self {
            Cond::Reply { step: s, replies: r } => format!("{} is {}", step(s), replies(r)),
            Cond::Item { step: s, item, replies: r } => {
                let item = match p.steps.get(s.0).map(|s| &s.kind) {
                    Some(StepKind::Checklist { items }) => {
                        items.get(*item).map(|i| i.id.to_string()).unwrap_or_default()
                    }
                    _ => String::new(),
                };
                format!("{}.{item} is {}", step(s), replies(r))
            }
            Cond::Chosen { step: s, options } => {
                let names: Vec<String> = match p.steps.get(s.0).map(|s| &s.kind) {
                    Some(StepKind::SingleChoice { options: o } | StepKind::MultipleChoice { options: o }) => {
                        options.iter().filter_map(|i| o.get(*i).map(|o| o.id.to_string())).collect()
                    }
                    _ => Vec::new(),
                };
                format!("{} is {}", step(s), names.join("/"))
            }
            Cond::Flag(f) => format!("flag {}", p.flags.get(f.0).map(|f| f.id.as_str()).unwrap_or_default()),
            Cond::Score { step: s, range } => format!("score of {} {}", step(s), range.describe()),
            Cond::Count { step: s, replies: r, range, .. } => {
                format!("{} in {} {}", replies(r), step(s), range.describe())
            }
            Cond::Number { step: s, range } => format!("{} {}", step(s), range.describe()),
            Cond::Criterion(c) => format!(
                "criterion {}",
                p.risk.as_ref().and_then(|r| r.criteria.get(*c)).map(|c| c.id.as_str()).unwrap_or_default()
            ),
            Cond::Risk(l) => format!(
                "risk {}",
                p.risk.as_ref().and_then(|r| r.levels.get(*l)).map(|l| l.id.as_str()).unwrap_or_default()
            ),
            Cond::All(list) => list.iter().map(|c| c.summary(p)).collect::<Vec<_>>().join(" and "),
            Cond::Any(list) => {
                format!("({})", list.iter().map(|c| c.summary(p)).collect::<Vec<_>>().join(" or "))
            }
            Cond::Not(inner) => format!("not ({})", inner.summary(p)),
        }
    }
}
