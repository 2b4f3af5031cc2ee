//! The pathway drawn as SVG, laid out by the core (no JavaScript diagram library), for
//! trainers and authors: steps in rows by how far they are from the start, then the end, the
//! routes, and the destinations they refer to. Questions, information pages, routes,
//! destinations and interrupts (destinations shown at once) each have their own shape.
//!
//! Every element carries its pathway id (`id="step-role"`, `id="route-danger_now"`,
//! `id="dest-police_999"`, and `data-id`, `data-kind`), so a page can light the walk as it goes:
//! edges name their ends in `data-from` and `data-to`, and routes the steps they read in
//! `data-reads`. Every label is whole, wrapped over as many lines as it needs (a room must be
//! able to read it); the text behind it (a route's reason, a destination's summary) is each
//! element's `<title>` (a tooltip, and what a screen reader reads). Colours are presentation
//! attributes, not a `<style>`, so the drawing obeys a page's Content-Security-Policy and a
//! page's stylesheet can restyle it.

use super::layout::{Drawing, Node, Placed, layout};
use crate::model::*;
use std::fmt::Write as _;

/// The text's size, in the drawing's units; pages scale the drawing to make it readable.
pub(crate) const FONT_SIZE: f64 = 13.0;
/// A generous width for a character at that size, so a label always fits its box.
const CHAR_WIDTH: f64 = 7.5;
const LINE_HEIGHT: f64 = 17.0;
/// The longest line a label is wrapped to, in characters (a longer word keeps its own line).
const LINE_CHARS: usize = 24;
const PAD_X: f64 = 12.0;
const PAD_Y: f64 = 10.0;
const MIN_HEIGHT: f64 = 44.0;
/// The rows of routes and of destinations are no wider than this, or than the widest row of
/// steps: one long row of them would make the whole drawing too wide to read.
const MIN_ROW_WIDTH: f64 = 960.0;
const ROW_GAP: f64 = 20.0;

/// One thing drawn: its element id, pathway id, kind, label (wrapped), full text and row.
struct Item {
    element: String,
    id: String,
    kind: &'static str,
    lines: Vec<String>,
    title: String,
    layer: usize,
    reads: Vec<String>,
}

impl Item {
    fn width(&self) -> f64 {
        let longest = self.lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        2.0 * PAD_X + CHAR_WIDTH * longest as f64
    }

    fn height(&self) -> f64 {
        (2.0 * PAD_Y + LINE_HEIGHT * self.lines.len() as f64).max(MIN_HEIGHT)
    }
}

pub(crate) fn svg(p: &Pathway) -> String {
    let (items, edges) = items_and_edges(p);
    let nodes: Vec<Node> =
        items.iter().map(|i| Node { layer: i.layer, width: i.width(), height: i.height() }).collect();
    let pairs: Vec<(usize, usize)> = edges.iter().map(|(a, b, _)| (*a, *b)).collect();
    let drawing = layout(&nodes, &pairs);
    render(p, &items, &edges, &drawing)
}

/// Puts `items` in rows from `first_layer` on, in order, each row no wider than `width`;
/// returns the layer after the last row.
fn fill_rows(items: &mut [Item], first_layer: usize, width: f64) -> usize {
    let mut layer = first_layer;
    let mut used = 0.0;
    for item in items.iter_mut() {
        let w = item.width();
        if used > 0.0 && used + ROW_GAP + w > width {
            layer += 1;
            used = 0.0;
        }
        used += if used > 0.0 { ROW_GAP + w } else { w };
        item.layer = layer;
    }
    layer + 1
}

fn items_and_edges(p: &Pathway) -> (Vec<Item>, Vec<(usize, usize, String)>) {
    let step_layers = step_layers(p);
    let end_layer = step_layers.iter().copied().max().unwrap_or(0) + 1;
    let mut items: Vec<Item> = Vec::new();
    for (i, s) in p.steps.iter().enumerate() {
        let kind = if matches!(s.kind, StepKind::Info) { "information" } else { "question" };
        items.push(item(format!("step-{}", s.id), s.id.as_str(), kind, &s.title, step_layers[i]));
    }
    let end = items.len();
    items.push(item("end".into(), "end", "end", "End: where to refer", end_layer));
    // As wide as the widest row of steps, at least.
    let mut row_widths = vec![0.0f64; end_layer];
    for it in &items[..end] {
        let w = &mut row_widths[it.layer];
        *w += if *w > 0.0 { ROW_GAP + it.width() } else { it.width() };
    }
    let row_width = row_widths.into_iter().fold(MIN_ROW_WIDTH, f64::max);
    let first_route = items.len();
    for r in &p.routes {
        let mut route = item(format!("route-{}", r.id), r.id.as_str(), "route", &r.reason, 0);
        route.lines = wrap(&r.id.as_str().replace('_', " "));
        let mut reads: Vec<usize> = p.steps_read(&r.when);
        reads.sort_unstable();
        reads.dedup();
        route.reads =
            reads.iter().filter_map(|s| p.steps.get(*s)).map(|s| format!("step-{}", s.id)).collect();
        items.push(route);
    }
    let first_destination = items.len();
    let destinations_layer = fill_rows(&mut items[first_route..], end_layer + 1, row_width);
    for d in &p.destinations {
        let kind = if d.interrupt { "interrupt" } else { "destination" };
        let title = match &d.summary {
            Some(summary) => format!("{}: {summary}", d.name),
            None => d.name.clone(),
        };
        let mut dest = item(format!("dest-{}", d.id), d.id.as_str(), kind, &title, 0);
        dest.lines = wrap(&d.name);
        items.push(dest);
    }
    fill_rows(&mut items[first_destination..], destinations_layer, row_width);

    // Ways on, one edge per pair of ends, labelled with everything that leads along it.
    let mut edges: Vec<(usize, usize, String)> = Vec::new();
    for (from, to, label) in super::diagram::step_edges(p) {
        let to = match to {
            Target::Step(s) => s.0,
            Target::End => end,
        };
        match edges.iter_mut().find(|(a, b, _)| *a == from && *b == to) {
            Some(edge) if !label.is_empty() => {
                edge.2 = if edge.2.is_empty() { label } else { format!("{}; {label}", edge.2) }
            }
            Some(_) => {}
            None => edges.push((from, to, label)),
        }
    }
    for (r, route) in p.routes.iter().enumerate() {
        for d in &route.refer {
            edges.push((
                first_route + r,
                first_destination + d.0,
                format!("refers to {}", p.destination_at(*d).name),
            ));
        }
    }
    (items, edges)
}

fn item(element: String, id: &str, kind: &'static str, title: &str, layer: usize) -> Item {
    Item {
        element,
        id: id.to_owned(),
        kind,
        lines: wrap(title),
        title: title.to_owned(),
        layer,
        reads: Vec::new(),
    }
}

/// The whole text in lines of at most [`LINE_CHARS`] characters, broken between words; a word
/// longer than that has a line of its own.
fn wrap(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= LINE_CHARS => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

/// Each step's row: the length of the longest way to it from the start, so every way on
/// goes down the page.
fn step_layers(p: &Pathway) -> Vec<usize> {
    let mut layer = vec![0usize; p.steps.len()];
    for at in p.steps_in_order().unwrap_or_default() {
        for next in p.step_at(at).next_steps() {
            layer[next.0] = layer[next.0].max(layer[at.0] + 1);
        }
    }
    layer
}

fn render(p: &Pathway, items: &[Item], edges: &[(usize, usize, String)], d: &Drawing) -> String {
    let mut out = String::new();
    let (w, h) = (d.width.ceil(), d.height.ceil());
    let _ = writeln!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="pathway-diagram-title" font-family="system-ui, sans-serif" font-size="{FONT_SIZE}">"##
    );
    let _ = writeln!(
        out,
        r##"<title id="pathway-diagram-title">{} (version {}): every step, route and destination. Generated by `pathway graph`.</title>"##,
        xml(&p.meta.title),
        xml(&p.meta.version)
    );
    out.push_str(r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#505a5f"/></marker></defs>"##);
    out.push('\n');
    out.push_str("<g class=\"edges\">\n");
    for ((from, to, label), line) in edges.iter().zip(&d.edges) {
        let points: Vec<String> = line.iter().map(|(x, y)| format!("{} {}", num(*x), num(*y))).collect();
        let kind = if items[*from].kind == "route" { "refers" } else { "way-on" };
        let dash = if kind == "refers" { r#" stroke-dasharray="5 4""# } else { "" };
        let _ = writeln!(
            out,
            r##"<path class="edge {kind}" data-from="{}" data-to="{}" d="M{}" fill="none" stroke="#505a5f" stroke-width="1.5"{dash} marker-end="url(#arrow)"><title>{}</title></path>"##,
            items[*from].element,
            items[*to].element,
            points.join(" L"),
            xml(if label.is_empty() { "then" } else { label })
        );
    }
    out.push_str("</g>\n<g class=\"nodes\">\n");
    for (item, at) in items.iter().zip(&d.nodes) {
        let reads = if item.reads.is_empty() {
            String::new()
        } else {
            format!(r#" data-reads="{}""#, item.reads.join(" "))
        };
        // The lines centred in the box: the first baseline a line's height, less its descent,
        // below the top of the text.
        let x = num(at.x + at.width / 2.0);
        let first = at.y + (at.height - LINE_HEIGHT * item.lines.len() as f64) / 2.0 + LINE_HEIGHT * 0.75;
        let lines: String = item
            .lines
            .iter()
            .enumerate()
            .map(|(n, line)| {
                format!(r#"<tspan x="{x}" y="{}">{}</tspan>"#, num(first + LINE_HEIGHT * n as f64), xml(line))
            })
            .collect();
        let _ = writeln!(
            out,
            r#"<g id="{}" class="node {}" data-id="{}" data-kind="{}"{reads}><title>{}</title>{}<text text-anchor="middle" fill="{}">{lines}</text></g>"#,
            item.element,
            item.kind,
            xml(&item.id),
            item.kind,
            xml(&item.title),
            shape(item.kind, at),
            if item.kind == "interrupt" { "#ffffff" } else { "#0b0c0c" },
        );
    }
    out.push_str("</g>\n</svg>\n");
    out
}

/// Each kind's shape: questions square boxes, information pages dashed boxes, the end a pill,
/// routes rounded, destinations hexagons, interrupts (shown at once) red octagons.
fn shape(kind: &str, b: &Placed) -> String {
    let (x, y, w, h) = (b.x, b.y, b.width, b.height);
    let points = |pts: &[(f64, f64)]| {
        pts.iter().map(|(px, py)| format!("{},{}", num(*px), num(*py))).collect::<Vec<_>>().join(" ")
    };
    let rect = |rx: f64, fill: &str, extra: &str| {
        format!(
            r##"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{fill}" stroke="#0b0c0c" stroke-width="1.5"{extra}/>"##,
            num(x),
            num(y),
            num(w),
            num(h),
            num(rx)
        )
    };
    let i = 10.0;
    match kind {
        "question" => rect(2.0, "#ffffff", ""),
        "information" => rect(2.0, "#f3f2f1", r#" stroke-dasharray="4 3""#),
        "end" => rect(h / 2.0, "#ffffff", ""),
        "route" => rect(14.0, "#eef4fa", ""),
        "interrupt" => format!(
            r##"<polygon points="{}" fill="#d4351c" stroke="#0b0c0c" stroke-width="1.5"/>"##,
            points(&[
                (x + i, y),
                (x + w - i, y),
                (x + w, y + i),
                (x + w, y + h - i),
                (x + w - i, y + h),
                (x + i, y + h),
                (x, y + h - i),
                (x, y + i)
            ])
        ),
        _ => format!(
            r##"<polygon points="{}" fill="#e8f0fe" stroke="#0b0c0c" stroke-width="1.5"/>"##,
            points(&[
                (x + i, y),
                (x + w - i, y),
                (x + w, y + h / 2.0),
                (x + w - i, y + h),
                (x + i, y + h),
                (x, y + h / 2.0)
            ])
        ),
    }
}

fn num(v: f64) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 { format!("{rounded:.0}") } else { format!("{rounded:.1}") }
}

fn xml(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
