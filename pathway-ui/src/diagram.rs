//! The pathway's diagram on a page: the SVG the core draws (`pathway graph --format svg`), in a
//! holder that mouse, pen, touch and keyboard move and zoom, with its steps, routes and
//! destinations found by their ids (`step-role`, `route-…`, `dest-…`) to light or to select.
//!
//! The SVG is the core's own output, every word in it escaped by the core; it is read as XML
//! (an SVG document, never HTML) and put in the holder as it is.

use crate::viewport::ViewBox;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent, PointerEvent, WheelEvent};

/// The diagram's text, in the drawing's units: [`ViewBox::following`] makes it readable.
pub const FONT_UNITS: f64 = 13.0;

/// What the pointers on the holder are doing: where each is, how far they have moved since
/// the last press, and two fingers' spread while pinching.
#[derive(Default)]
struct Pointers {
    at: Vec<(i32, f64, f64)>,
    moved: f64,
    pinch: Option<f64>,
}

/// A diagram on a page. Copy, so every handler holds one.
#[derive(Clone, Copy)]
pub struct DiagramView {
    holder: NodeRef<Div>,
    view: StoredValue<Option<ViewBox>>,
    full: StoredValue<Option<ViewBox>>,
    pointers: StoredValue<Pointers>,
}

impl Default for DiagramView {
    fn default() -> Self {
        DiagramView {
            holder: NodeRef::new(),
            view: StoredValue::new(None),
            full: StoredValue::new(None),
            pointers: StoredValue::new(Pointers::default()),
        }
    }
}

impl DiagramView {
    /// Shows the core's SVG text in the holder; keeps the part on screen if `keep_view` and
    /// there is one, or shows it whole.
    pub fn draw(self, svg: &str, keep_view: bool) {
        let Some(holder) = self.holder.get_untracked() else { return };
        let Some(parsed) = web_sys::DomParser::new()
            .ok()
            .and_then(|parser| parser.parse_from_string(svg, web_sys::SupportedType::ImageSvgXml).ok())
            .and_then(|doc| doc.document_element())
            .filter(|root| root.node_name() == "svg")
        else {
            return;
        };
        // The holder sizes it: the drawing's own width and height would not fit a page.
        let _ = parsed.remove_attribute("width");
        let _ = parsed.remove_attribute("height");
        let full = parsed.get_attribute("viewBox").as_deref().and_then(ViewBox::parse);
        holder.replace_children_with_node_1(&parsed);
        self.full.set_value(full);
        match self.view.get_value().filter(|_| keep_view) {
            Some(view) => self.set(view),
            None => self.fit(),
        }
    }

    /// The drawing, once there is one.
    pub fn svg(self) -> Option<Element> {
        self.holder.get_untracked()?.query_selector("svg").ok()?
    }

    /// A step's, route's or destination's element, by its id in the drawing.
    pub fn node(self, id: &str) -> Option<Element> {
        self.svg()?.query_selector(&format!("[id=\"{}\"]", id.replace(['"', '\\'], ""))).ok()?
    }

    /// Every element of the drawing matching `selector`.
    pub fn all(self, selector: &str) -> Vec<Element> {
        let Some(list) = self.svg().and_then(|svg| svg.query_selector_all(selector).ok()) else {
            return Vec::new();
        };
        (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
    }

    /// Whether the last press was a drag (so it moved the diagram, and selects nothing).
    pub fn dragged(self) -> bool {
        self.pointers.with_value(|p| p.moved > 5.0)
    }

    pub fn set(self, view: ViewBox) {
        self.view.set_value(Some(view));
        if let Some(svg) = self.svg() {
            let _ = svg.set_attribute("viewBox", &view.attribute());
        }
    }

    /// The whole drawing.
    pub fn fit(self) {
        if let Some(full) = self.full.get_value() {
            self.set(full);
        }
    }

    /// Whether the whole drawing is on screen, and nothing has moved it since.
    pub fn is_whole(self) -> bool {
        self.full.get_value().is_some() && self.full.get_value() == self.view.get_value()
    }

    pub fn zoom(self, factor: f64) {
        if let (Some(view), Some(full)) = (self.view.get_value(), self.full.get_value()) {
            self.set(view.zoom(factor, full));
        }
    }

    pub fn pan(self, dx: f64, dy: f64) {
        if let Some(view) = self.view.get_value() {
            self.set(view.pan(dx, dy));
        }
    }

    /// Brings the node `id` to the middle, its text at least `min_px` pixels high.
    pub fn follow(self, id: &str, min_px: f64) {
        let (Some(node), Some(holder), Some(full)) =
            (self.node(id), self.holder.get_untracked(), self.full.get_value())
        else {
            return;
        };
        let Some(graphics) = node.dyn_ref::<web_sys::SvgGraphicsElement>() else { return };
        let Ok(b) = graphics.get_b_box() else { return };
        let node = ViewBox {
            x: f64::from(b.x()),
            y: f64::from(b.y()),
            w: f64::from(b.width()),
            h: f64::from(b.height()),
        };
        let rect = holder.get_bounding_client_rect();
        self.set(ViewBox::following(node, (rect.width(), rect.height()), FONT_UNITS, min_px, full.w));
    }

    fn press(self, e: &PointerEvent) {
        self.pointers.update_value(|p| {
            p.at.retain(|(id, ..)| *id != e.pointer_id());
            p.at.push((e.pointer_id(), f64::from(e.client_x()), f64::from(e.client_y())));
            p.moved = 0.0;
            p.pinch = (p.at.len() == 2).then(|| spread(&p.at));
        });
    }

    fn drag(self, e: &PointerEvent) {
        let (x, y) = (f64::from(e.client_x()), f64::from(e.client_y()));
        let Some((last, pinch, before, count)) = self
            .pointers
            .try_update_value(|p| {
                let i = p.at.iter().position(|(id, ..)| *id == e.pointer_id())?;
                let last = (p.at[i].1, p.at[i].2);
                p.at[i] = (e.pointer_id(), x, y);
                let before = p.moved;
                p.moved += (x - last.0).abs() + (y - last.1).abs();
                let pinch = p.pinch;
                if p.at.len() == 2 {
                    p.pinch = Some(spread(&p.at));
                }
                Some((last, pinch, before, p.at.len()))
            })
            .flatten()
        else {
            return;
        };
        let Some(holder) = self.holder.get_untracked() else { return };
        // Captured only once it is a drag, so a click still reaches the node it is on.
        if before <= 5.0 && self.dragged() {
            let _ = holder.set_pointer_capture(e.pointer_id());
        }
        if count == 2 {
            let now = self.pointers.with_value(|p| spread(&p.at));
            if let Some(was) = pinch.filter(|_| now > 0.0) {
                self.zoom(was / now);
            }
        } else if count == 1 {
            let rect = holder.get_bounding_client_rect();
            self.pan(-(x - last.0) / rect.width().max(1.0), -(y - last.1) / rect.height().max(1.0));
        }
    }

    fn lift(self, e: &PointerEvent) {
        self.pointers.update_value(|p| {
            p.at.retain(|(id, ..)| *id != e.pointer_id());
            p.pinch = None;
        });
    }

    /// Arrow keys move the diagram; + and − zoom; 0 shows it whole.
    fn key(self, e: &KeyboardEvent) {
        match e.key().as_str() {
            "ArrowLeft" => self.pan(-0.1, 0.0),
            "ArrowRight" => self.pan(0.1, 0.0),
            "ArrowUp" => self.pan(0.0, -0.1),
            "ArrowDown" => self.pan(0.0, 0.1),
            "+" | "=" => self.zoom(1.0 / 1.25),
            "-" => self.zoom(1.25),
            "0" => self.fit(),
            _ => return,
        }
        e.prevent_default();
        e.stop_propagation();
    }
}

fn spread(at: &[(i32, f64, f64)]) -> f64 {
    match at {
        [a, b] => (a.1 - b.1).hypot(a.2 - b.2),
        _ => 0.0,
    }
}

/// The diagram's holder: a focusable group the arrow keys move. `id` and `testid` name it for
/// the page's styles and tests.
#[component]
pub fn DiagramHolder(view: DiagramView, id: &'static str, class: &'static str) -> impl IntoView {
    view! {
        <div
            id=id
            class=class
            tabindex="0"
            role="group"
            aria-label="Diagram of the pathway: arrow keys move, plus and minus zoom"
            data-testid="diagram"
            node_ref=view.holder
            on:pointerdown=move |e| view.press(&e)
            on:pointermove=move |e| view.drag(&e)
            on:pointerup=move |e| view.lift(&e)
            on:pointercancel=move |e| view.lift(&e)
            on:wheel=move |e: WheelEvent| {
                e.prevent_default();
                view.zoom(if e.delta_y() > 0.0 { 1.2 } else { 1.0 / 1.2 });
            }
            on:keydown=move |e| view.key(&e)
        ></div>
    }
}
