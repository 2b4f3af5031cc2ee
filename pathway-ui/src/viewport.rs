//! Which part of the drawing is on screen: the SVG's `viewBox`, and how moving, zooming and
//! following a node change it. Plain arithmetic, so it is tested without a browser.

/// A rectangle of the drawing, in its units: what the holder shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewBox {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// The narrowest view zooming in reaches, in the drawing's units.
const NARROWEST: f64 = 200.0;

impl ViewBox {
    /// Reads a `viewBox` attribute: four numbers.
    pub fn parse(text: &str) -> Option<ViewBox> {
        let mut n = text.split_whitespace().map(|v| v.parse::<f64>().ok());
        let view = ViewBox { x: n.next()??, y: n.next()??, w: n.next()??, h: n.next()?? };
        (n.next().is_none() && view.w > 0.0 && view.h > 0.0).then_some(view)
    }

    /// As a `viewBox` attribute.
    pub fn attribute(&self) -> String {
        format!("{} {} {} {}", self.x, self.y, self.w, self.h)
    }

    /// Zoomed by `factor` (below 1 is closer) about its centre, no closer than [`NARROWEST`] and
    /// no further out than half as much again as the whole drawing, `full`.
    pub fn zoom(self, factor: f64, full: ViewBox) -> ViewBox {
        let w = (self.w * factor).clamp(NARROWEST.min(full.w), full.w * 1.5);
        let h = w / self.w * self.h;
        let (cx, cy) = (self.x + self.w / 2.0, self.y + self.h / 2.0);
        ViewBox { x: cx - w / 2.0, y: cy - h / 2.0, w, h }
    }

    /// Moved by a fraction of its own size (`dx` of its width, `dy` of its height).
    pub fn pan(self, dx: f64, dy: f64) -> ViewBox {
        ViewBox { x: self.x + dx * self.w, y: self.y + dy * self.h, ..self }
    }

    /// Centred on `node`, showing it and what is around it at a scale where text `font` units
    /// high is at least `min_px` pixels on a holder `holder` pixels (width, height) across;
    /// never closer in than that, and never further out than `widest` units across. Its shape
    /// is the holder's, so the scale is the same across and down.
    pub fn following(node: ViewBox, holder: (f64, f64), font: f64, min_px: f64, widest: f64) -> ViewBox {
        let (hw, hh) = (holder.0.max(1.0), holder.1.max(1.0));
        // At most `hw * font / min_px` units across, so a unit is at least `min_px / font` px.
        let w = (hw * font / min_px).min(widest).max(1.0);
        let h = w * hh / hw;
        let (cx, cy) = (node.x + node.w / 2.0, node.y + node.h / 2.0);
        ViewBox { x: cx - w / 2.0, y: cy - h / 2.0, w, h }
    }

    /// How many pixels a unit of the drawing is, shown in a holder of that size (the browser
    /// fits the view in the holder, keeping its shape).
    pub fn scale(&self, holder: (f64, f64)) -> f64 {
        (holder.0 / self.w).min(holder.1 / self.h)
    }
}

#[cfg(test)]
mod tests {
    use super::ViewBox;

    const FULL: ViewBox = ViewBox { x: 0.0, y: 0.0, w: 1700.0, h: 4800.0 };

    #[test]
    fn a_view_box_reads_and_writes_its_four_numbers() {
        let v = ViewBox::parse("0 0 1702 4837").expect("four numbers");
        assert_eq!(v, ViewBox { x: 0.0, y: 0.0, w: 1702.0, h: 4837.0 });
        assert_eq!(ViewBox::parse(&v.attribute()), Some(v));
        assert_eq!(ViewBox::parse("0 0 10"), None);
        assert_eq!(ViewBox::parse("0 0 0 10"), None, "an empty view");
        assert_eq!(ViewBox::parse("0 0 10 10 10"), None);
    }

    #[test]
    fn zooming_keeps_the_centre_and_stays_within_bounds() {
        let v = ViewBox { x: 100.0, y: 100.0, w: 800.0, h: 600.0 };
        let z = v.zoom(0.5, FULL);
        assert_eq!((z.x + z.w / 2.0, z.y + z.h / 2.0), (500.0, 400.0));
        assert_eq!(z.w, 400.0);
        assert_eq!(z.w / z.h, v.w / v.h, "its shape kept");
        assert_eq!(v.zoom(0.01, FULL).w, 200.0, "no closer than 200 units");
        assert_eq!(v.zoom(100.0, FULL).w, FULL.w * 1.5, "no further out than half again the drawing");
    }

    #[test]
    fn panning_moves_by_a_share_of_the_view() {
        let v = ViewBox { x: 0.0, y: 0.0, w: 800.0, h: 600.0 };
        assert_eq!(v.pan(0.1, -0.1), ViewBox { x: 80.0, y: -60.0, w: 800.0, h: 600.0 });
    }

    /// Presenter view: following a step makes the drawing's 13-unit text at least 18 px on a
    /// projector's diagram, at 1280×720 and 1920×1080 alike.
    #[test]
    fn following_a_node_makes_its_text_readable_and_centres_it() {
        let node = ViewBox { x: 400.0, y: 900.0, w: 200.0, h: 60.0 };
        for holder in [(700.0, 520.0), (1100.0, 820.0), (360.0, 300.0)] {
            let v = ViewBox::following(node, holder, 13.0, 19.0, FULL.w);
            assert!(13.0 * v.scale(holder) >= 19.0 - 1e-9, "{holder:?}: {}", 13.0 * v.scale(holder));
            assert_eq!((v.x + v.w / 2.0, v.y + v.h / 2.0), (500.0, 930.0), "centred on the node");
            assert!((v.w / v.h - holder.0 / holder.1).abs() < 1e-9, "the holder's shape");
        }
        let tiny = ViewBox::following(node, (5000.0, 4000.0), 13.0, 19.0, 1000.0);
        assert_eq!(tiny.w, 1000.0, "never wider than asked");
    }
}
