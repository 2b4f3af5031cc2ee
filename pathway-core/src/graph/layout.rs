//! A layered drawing of a directed acyclic graph (after Sugiyama): nodes in rows by layer,
//! edges that span rows broken at a point in every row between, the order within each row
//! chosen to reduce crossings, and straight segments between rows.
//!
//! No edge crosses a node, by construction: a segment between two rows lies in the gap between
//! them, and where an edge passes through a row it has a slot of its own in that row's order,
//! so no node box is at its x.

/// A node to place: its row and its size.
pub(crate) struct Node {
    pub(crate) layer: usize,
    pub(crate) width: f64,
    pub(crate) height: f64,
}

/// Where a node was put: its box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Placed {
    pub(crate) x: f64,
    pub(crate) y: f64,
    pub(crate) width: f64,
    pub(crate) height: f64,
}

pub(crate) struct Drawing {
    pub(crate) nodes: Vec<Placed>,
    /// Each edge as a polyline, from the bottom of its source to the top of its target.
    pub(crate) edges: Vec<Vec<(f64, f64)>>,
    pub(crate) width: f64,
    pub(crate) height: f64,
}

const ROW_GAP: f64 = 56.0;
const SLOT_GAP: f64 = 20.0;
const PASS_WIDTH: f64 = 6.0;
const MARGIN: f64 = 16.0;
const SWEEPS: usize = 6;

/// A slot in a row: a node, or an edge passing through.
#[derive(Clone, Copy)]
enum Slot {
    Node(usize),
    Pass { edge: usize, at: usize },
}

/// Lays out `nodes` with `edges` (from, to), each going to a later layer.
pub(crate) fn layout(nodes: &[Node], edges: &[(usize, usize)]) -> Drawing {
    let layers = nodes.iter().map(|n| n.layer + 1).max().unwrap_or(0);
    let mut rows: Vec<Vec<Slot>> = vec![Vec::new(); layers];
    for (i, n) in nodes.iter().enumerate() {
        rows[n.layer].push(Slot::Node(i));
    }
    // Each edge's chain of slots, top to bottom: source, passes, target.
    let mut chains: Vec<Vec<(usize, usize)>> = Vec::with_capacity(edges.len());
    let position_of = |rows: &Vec<Vec<Slot>>, layer: usize, want: &dyn Fn(&Slot) -> bool| {
        rows[layer].iter().position(want).unwrap_or(0)
    };
    for (e, &(from, to)) in edges.iter().enumerate() {
        let (a, b) = (nodes[from].layer, nodes[to].layer);
        let mut chain = vec![(a, position_of(&rows, a, &|s| matches!(s, Slot::Node(n) if *n == from)))];
        for (at, layer) in (a + 1..b).enumerate() {
            rows[layer].push(Slot::Pass { edge: e, at });
            chain.push((layer, rows[layer].len() - 1));
        }
        chain.push((b, position_of(&rows, b, &|s| matches!(s, Slot::Node(n) if *n == to))));
        chains.push(chain);
    }
    order_rows(&mut rows, &chains);

    // Positions: each row left to right, centred on the widest row.
    let width_of = |s: &Slot| match s {
        Slot::Node(n) => nodes[*n].width,
        Slot::Pass { .. } => PASS_WIDTH,
    };
    let row_width = |row: &Vec<Slot>| {
        row.iter().map(width_of).sum::<f64>() + SLOT_GAP * row.len().saturating_sub(1) as f64
    };
    let widest = rows.iter().map(row_width).fold(0.0, f64::max);
    // Each row as tall as its tallest node, its nodes centred in it; `tops[layer]` is its top.
    let heights: Vec<f64> = rows
        .iter()
        .map(|row| {
            row.iter()
                .filter_map(|s| match s {
                    Slot::Node(n) => Some(nodes[*n].height),
                    Slot::Pass { .. } => None,
                })
                .fold(0.0, f64::max)
        })
        .collect();
    let tops: Vec<f64> = heights
        .iter()
        .scan(MARGIN, |top, h| {
            let this = *top;
            *top += h + ROW_GAP;
            Some(this)
        })
        .collect();
    let mut placed = vec![Placed { x: 0.0, y: 0.0, width: 0.0, height: 0.0 }; nodes.len()];
    let mut pass_x: Vec<Vec<f64>> = chains.iter().map(|c| vec![0.0; c.len().saturating_sub(2)]).collect();
    for (layer, row) in rows.iter().enumerate() {
        let mut x = MARGIN + (widest - row_width(row)) / 2.0;
        for slot in row {
            let w = width_of(slot);
            match *slot {
                Slot::Node(n) => {
                    let h = nodes[n].height;
                    placed[n] = Placed { x, y: tops[layer] + (heights[layer] - h) / 2.0, width: w, height: h }
                }
                Slot::Pass { edge, at } => pass_x[edge][at] = x + w / 2.0,
            }
            x += w + SLOT_GAP;
        }
    }
    let edges = edges
        .iter()
        .enumerate()
        .map(|(e, &(from, to))| {
            let (s, t) = (placed[from], placed[to]);
            let mut line = vec![(s.x + s.width / 2.0, s.y + s.height)];
            for (at, x) in pass_x[e].iter().enumerate() {
                let layer = nodes[from].layer + 1 + at;
                line.push((*x, tops[layer]));
                line.push((*x, tops[layer] + heights[layer]));
            }
            line.push((t.x + t.width / 2.0, t.y));
            line
        })
        .collect();
    Drawing {
        nodes: placed,
        edges,
        width: widest + 2.0 * MARGIN,
        height: MARGIN * 2.0 + heights.iter().sum::<f64>() + heights.len().saturating_sub(1) as f64 * ROW_GAP,
    }
}

/// A slot's identity, which survives reordering: (0, node, 0), or (1, edge, pass).
type SlotKey = (usize, usize, usize);
/// Two slots in neighbouring rows joined by an edge: (row, slot) at each end.
type Link = ((usize, SlotKey), (usize, SlotKey));

/// Reorders each row by the mean position of its neighbours in the row above (sweeping down)
/// or below (sweeping up): the barycentre heuristic, which removes most crossings.
fn order_rows(rows: &mut [Vec<Slot>], chains: &[Vec<(usize, usize)>]) {
    let key = |s: &Slot| -> SlotKey {
        match s {
            Slot::Node(n) => (0, *n, 0),
            Slot::Pass { edge, at } => (1, *edge, *at),
        }
    };
    let mut links: Vec<Link> = Vec::new();
    for chain in chains {
        for pair in chain.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            links.push(((a.0, key(&rows[a.0][a.1])), (b.0, key(&rows[b.0][b.1]))));
        }
    }
    for sweep in 0..SWEEPS {
        let down = sweep % 2 == 0;
        let layers: Vec<usize> =
            if down { (1..rows.len()).collect() } else { (0..rows.len().saturating_sub(1)).rev().collect() };
        for layer in layers {
            let other = if down { layer - 1 } else { layer + 1 };
            let index_in = |layer: usize, k: SlotKey, rows: &[Vec<Slot>]| {
                rows[layer].iter().position(|s| key(s) == k).map(|p| p as f64)
            };
            let mut scored: Vec<(f64, Slot)> = rows[layer]
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let k = key(s);
                    let near: Vec<f64> = links
                        .iter()
                        .filter_map(|((la, ka), (lb, kb))| {
                            if *la == layer && *ka == k && *lb == other {
                                index_in(other, *kb, rows)
                            } else if *lb == layer && *kb == k && *la == other {
                                index_in(other, *ka, rows)
                            } else {
                                None
                            }
                        })
                        .collect();
                    let score =
                        if near.is_empty() { i as f64 } else { near.iter().sum::<f64>() / near.len() as f64 };
                    (score, *s)
                })
                .collect();
            // A stable sort keeps ties in their current order, so the drawing is deterministic.
            scored.sort_by(|a, b| a.0.total_cmp(&b.0));
            rows[layer] = scored.into_iter().map(|(_, s)| s).collect();
        }
    }
}
