//! `pathway graph --format svg`: a valid SVG in which every step, route and destination has
//! exactly one element, carrying its id, and no edge crosses a node.

use pathway_core::{DiagramFormat, Pathway, diagram};
use pathway_tests::read;

fn durham() -> Pathway {
    Pathway::from_yaml(&read("pathways/durham/pathway.yaml")).unwrap_or_else(|e| panic!("{e}"))
}

/// A node's box, from its shape's points or rectangle.
#[derive(Debug)]
struct Box {
    id: String,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

fn number(node: roxmltree::Node<'_, '_>, name: &str) -> f64 {
    node.attribute(name).and_then(|v| v.parse().ok()).unwrap_or_else(|| panic!("no {name} on {node:?}"))
}

fn boxes(doc: &roxmltree::Document<'_>) -> Vec<Box> {
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("data-kind").is_some())
        .map(|g| {
            let id = g.attribute("id").unwrap_or_default().to_owned();
            let shape = g
                .children()
                .find(|c| c.has_tag_name("rect") || c.has_tag_name("polygon"))
                .unwrap_or_else(|| panic!("{id} has no shape"));
            if shape.has_tag_name("rect") {
                let (x, y) = (number(shape, "x"), number(shape, "y"));
                Box { id, x0: x, y0: y, x1: x + number(shape, "width"), y1: y + number(shape, "height") }
            } else {
                let points: Vec<(f64, f64)> = shape
                    .attribute("points")
                    .unwrap_or_default()
                    .split(' ')
                    .filter_map(|p| p.split_once(','))
                    .filter_map(|(x, y)| Some((x.parse().ok()?, y.parse().ok()?)))
                    .collect();
                let xs = points.iter().map(|p| p.0);
                let ys = points.iter().map(|p| p.1);
                Box {
                    id,
                    x0: xs.clone().fold(f64::MAX, f64::min),
                    x1: xs.fold(f64::MIN, f64::max),
                    y0: ys.clone().fold(f64::MAX, f64::min),
                    y1: ys.fold(f64::MIN, f64::max),
                }
            }
        })
        .collect()
}

/// Whether the segment a–b passes through the inside of the box (its edge excluded).
fn crosses(a: (f64, f64), b: (f64, f64), r: &Box) -> bool {
    // Sample the segment finely: boxes are at least 40 px, segments straight.
    let steps = 200;
    (0..=steps).any(|i| {
        let t = f64::from(i) / f64::from(steps);
        let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
        x > r.x0 + 0.5 && x < r.x1 - 0.5 && y > r.y0 + 0.5 && y < r.y1 - 0.5
    })
}

#[test]
fn the_svg_is_valid_and_every_step_route_and_destination_has_one_element_with_its_id() {
    let p = durham();
    let svg = diagram(&p, DiagramFormat::Svg);
    let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("not valid XML: {e}"));
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    assert_eq!(doc.root_element().tag_name().namespace(), Some("http://www.w3.org/2000/svg"));
    let ids: Vec<&str> = doc.descendants().filter_map(|n| n.attribute("id")).collect();
    let expected = p
        .steps()
        .iter()
        .map(|s| format!("step-{}", s.id))
        .chain(p.routes().iter().map(|r| format!("route-{}", r.id)))
        .chain(p.destinations().iter().map(|d| format!("dest-{}", d.id)));
    for id in expected {
        assert_eq!(ids.iter().filter(|i| **i == id).count(), 1, "{id} must appear exactly once");
    }
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "element ids are unique");
    // Every node has its full text as a title, for tooltips and screen readers.
    for g in doc.descendants().filter(|n| n.attribute("data-kind").is_some()) {
        assert!(
            g.children().any(|c| c.has_tag_name("title") && c.text().is_some_and(|t| !t.is_empty())),
            "{g:?}"
        );
    }
}

#[test]
fn no_edge_crosses_a_node() {
    let svg = diagram(&durham(), DiagramFormat::Svg);
    let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}"));
    let boxes = boxes(&doc);
    let mut edges = 0;
    for path in doc.descendants().filter(|n| n.has_tag_name("path") && n.attribute("data-from").is_some()) {
        edges += 1;
        let (from, to) =
            (path.attribute("data-from").unwrap_or_default(), path.attribute("data-to").unwrap_or_default());
        let points: Vec<(f64, f64)> = path
            .attribute("d")
            .unwrap_or_default()
            .trim_start_matches('M')
            .split(" L")
            .filter_map(|p| p.split_once(' '))
            .filter_map(|(x, y)| Some((x.parse().ok()?, y.parse().ok()?)))
            .collect();
        assert!(points.len() >= 2, "{from} → {to}: {points:?}");
        for pair in points.windows(2) {
            for b in boxes.iter().filter(|b| b.id != from && b.id != to) {
                assert!(!crosses(pair[0], pair[1], b), "the edge {from} → {to} crosses {}", b.id);
            }
        }
    }
    assert!(edges > 50, "only {edges} edges");
}

#[test]
fn the_structure_of_the_diagram_is_reviewed_with_every_change() {
    let svg = diagram(&durham(), DiagramFormat::Svg);
    let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}"));
    let mut structure = String::new();
    for g in doc.descendants().filter(|n| n.attribute("data-kind").is_some()) {
        let reads = g.attribute("data-reads").map(|r| format!(" reads {r}")).unwrap_or_default();
        structure.push_str(&format!(
            "{} {}{reads}\n",
            g.attribute("data-kind").unwrap_or_default(),
            g.attribute("id").unwrap_or_default()
        ));
    }
    for path in doc.descendants().filter(|n| n.attribute("data-from").is_some()) {
        structure.push_str(&format!(
            "{} -> {}\n",
            path.attribute("data-from").unwrap_or_default(),
            path.attribute("data-to").unwrap_or_default()
        ));
    }
    insta::assert_snapshot!(structure);
}

#[test]
fn the_crossing_check_sees_a_crossing() {
    let b = Box { id: "x".into(), x0: 10.0, y0: 10.0, x1: 50.0, y1: 30.0 };
    assert!(crosses((0.0, 20.0), (60.0, 20.0), &b));
    assert!(!crosses((0.0, 0.0), (60.0, 0.0), &b));
    assert!(!crosses((30.0, 0.0), (30.0, 10.0), &b), "touching the top edge is arriving, not crossing");
}

/// A room must be able to read every node: each shows its whole label (a step's question, a
/// route's name, a destination's name), wrapped over lines, never cut off with "…", and its
/// lines fit its box (at the generous width the drawing assumes for a character).
#[test]
fn every_node_shows_its_whole_text_wrapped_and_within_its_box() {
    let p = durham();
    let svg = diagram(&p, DiagramFormat::Svg);
    assert!(!svg.contains('…'), "a label was cut off");
    let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}"));
    let boxes = boxes(&doc);
    let whole = |id: &str| -> String {
        if let Some(step) = id.strip_prefix("step-") {
            return p.step(step).map(|s| s.title.clone()).unwrap_or_default();
        }
        if let Some(route) = id.strip_prefix("route-") {
            return route.replace('_', " ");
        }
        if let Some(dest) = id.strip_prefix("dest-") {
            return p.destination(dest).map(|d| d.name.clone()).unwrap_or_default();
        }
        "End: where to refer".into()
    };
    let mut lines_seen = 0;
    for g in doc.descendants().filter(|n| n.attribute("data-kind").is_some()) {
        let id = g.attribute("id").unwrap_or_default();
        let lines: Vec<&str> =
            g.descendants().filter(|n| n.has_tag_name("tspan")).filter_map(|t| t.text()).collect();
        assert_eq!(lines.join(" "), whole(id).split_whitespace().collect::<Vec<_>>().join(" "), "{id}");
        let b = boxes.iter().find(|b| b.id == id).unwrap_or_else(|| panic!("no box for {id}"));
        let widest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64;
        assert!(widest * 7.5 <= b.x1 - b.x0 - 20.0, "{id}: its text is wider than its box");
        assert!(lines.len() as f64 * 17.0 <= b.y1 - b.y0, "{id}: its lines are taller than its box");
        lines_seen += lines.len();
    }
    assert!(lines_seen > 100, "only {lines_seen} lines of text");
}
