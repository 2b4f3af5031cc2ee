//! The pathway drawn as SVG, laid out by the core (no JavaScript diagram library), for
//! trainers and authors: steps in rows by how far they are from the start, then the end, the
//! routes, and the destinations they refer to. Questions, information pages, routes,
//! destinations and interrupts (destinations shown at once) each have their own shape.
//!
//! Every element carries its pathway id (`id="step-role"`, `id="route-danger_now"`,
//! `id="dest-police_999"`, and `data-id`, `data-kind`), so a page can light the walk as it goes:
//! edges name their ends in `data-from` and `data-to`, and routes the steps they read in
//! `data-reads`. Labels are short; the full text is each element's `<title>` (a tooltip, and
//! what a screen reader reads). Colours are presentation attributes, not a `<style>`, so the
//! drawing obeys a page's Content-Security-Policy and a page's stylesheet can restyle it.

use super::layout::{Drawing, NODE_HEIGHT, Node, Placed, layout};
use crate::model::*;
use std::fmt::Write as _;

/// Routes per row: the routes are many, and a single row of them would be very wide.
const ROUTES_PER_ROW: usize = 8;
const CHAR_WIDTH: f64 = 7.0;
const MAX_LABEL: usize = 28;

/// One thing drawn: its element id, pathway id, kind, short label, full text and shape.
struct Item {
    element: String,
    id: String,
    kind: &'static str,
    label: String,
    title: String,
    layer: usize,
    reads: Vec<String>,
}

pub(crate) fn svg(p: &Pathway) -> String {
    let (items, edges) = items_and_edges(p);
    let nodes: Vec<Node> = items
        .iter()
        .map(|i| Node { layer: i.layer, width: 24.0 + CHAR_WIDTH * i.label.chars().count() as f64 })
        .collect();
    let pairs: Vec<(usize, usize)> = edges.iter().map(|(a, b, _)| (*a, *b)).collect();
    let drawing = layout(&nodes, &pairs);
    render(p, &items, &edges, &drawing)
}

fn items_and_edges(p: &Pathway) -> (Vec<Item>, Vec<(usize, usize, String)>) {
    let step_layers = step_layers(p);
    let end_layer = step_layers.iter().copied().max().unwrap_or(0) + 1;
    let route_rows = p.routes.len().div_ceil(ROUTES_PER_ROW).max(1);
    let mut items: Vec<Item> = Vec::new();
    for (i, s) in p.steps.iter().enumerate() {
        let kind = if matches!(s.kind, StepKind::Info) { "information" } else { "question" };
        items.push(item(format!("step-{}", s.id), s.id.as_str(), kind, &s.title, step_layers[i]));
    }
    let end = items.len();
    items.push(item("end".into(), "end", "end", "End: where to refer", end_layer));
    let first_route = items.len();
    for (i, r) in p.routes.iter().enumerate() {
        let mut route = item(
            format!("route-{}", r.id),
            r.id.as_str(),
            "route",
            &r.reason,
            end_layer + 1 + i / ROUTES_PER_ROW,
        );
        route.label = short(&r.id.as_str().replace('_', " "));
        let mut reads: Vec<usize> = p.steps_read(&r.when);
        reads.sort_unstable();
        reads.dedup();
        route.reads =
            reads.iter().filter_map(|s| p.steps.get(*s)).map(|s| format!("step-{}", s.id)).collect();
        items.push(route);
    }
    let first_destination = items.len();
    for d in &p.destinations {
        let kind = if d.interrupt { "interrupt" } else { "destination" };
        let title = match &d.summary {
            Some(summary) => format!("{}: {summary}", d.name),
            None => d.name.clone(),
        };
        let mut dest =
            item(format!("dest-{}", d.id), d.id.as_str(), kind, &title, end_layer + 1 + route_rows);
        dest.label = short(&d.name);
        items.push(dest);
    }

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
        label: short(title),
        title: title.to_owned(),
        layer,
        reads: Vec::new(),
    }
}

/// A label that fits a box: the text, or its start and "…".
fn short(text: &str) -> String {
    if text.chars().count() <= MAX_LABEL {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MAX_LABEL - 1).collect();
    format!("{}…", cut.trim_end())
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
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="pathway-diagram-title" font-family="system-ui, sans-serif" font-size="13">"##
    );
    let _ = writeln!(
        out,
        r##"<title id="pathway-diagram-title">{} (version {}): every step, route and destination. Generated by `pathway graph`.</title>"##,
        xml(&p.meta.title),
        xml(&p.meta.version)
    );
    out.push_str(r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#505a5f"/></marker></defs>"##);
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
        let _ = writeln!(
            out,
            r#"<g id="{}" class="node {}" data-id="{}" data-kind="{}"{reads}><title>{}</title>{}<text x="{}" y="{}" text-anchor="middle" dominant-baseline="central" fill="{}">{}</text></g>"#,
            item.element,
            item.kind,
            xml(&item.id),
            item.kind,
            xml(&item.title),
            shape(item.kind, at),
            num(at.x + at.width / 2.0),
            num(at.y + NODE_HEIGHT / 2.0),
            if item.kind == "interrupt" { "#ffffff" } else { "#0b0c0c" },
            xml(&item.label)
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
