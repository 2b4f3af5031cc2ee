//! Which parts of the drawing a walk lights: its steps in order (then the end), the routes that
//! applied and the destinations referred to, and the edges between them. Worked out here, as
//! plain data tested natively; [`light`] only puts the classes on the drawing.

use crate::engine::Lit;
use crate::playback::Lighting;
use pathway_core::StepId;
use pathway_ui::diagram::DiagramView;

/// The drawing's ids a walk lights (`step-…`, `end`, `route-…`, `dest-…`), and its path.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LitIds {
    /// The steps walked, in order, then `end` if the walk is complete.
    pub path: Vec<String>,
    /// Everything lit: the path, the routes and the destinations.
    pub nodes: Vec<String>,
}

impl LitIds {
    /// What `lit` lights, and the way on to `asking`, the step being asked next, if any.
    pub fn of(lit: &Lit, asking: Option<&StepId>) -> LitIds {
        let mut path: Vec<String> = lit.steps.iter().map(|s| format!("step-{s}")).collect();
        if lit.end {
            path.push("end".into());
        } else if let Some(step) = asking {
            path.push(format!("step-{step}"));
        }
        let routes = lit.routes.iter().map(|r| format!("route-{r}"));
        let destinations = lit.destinations.iter().map(|d| format!("dest-{d}"));
        let nodes = path.iter().cloned().chain(routes).chain(destinations).collect();
        LitIds { path, nodes }
    }

    /// Whether the edge from `from` to `to` is lit: one step of the walk to the next, or a lit
    /// route to a destination it referred to.
    pub fn lights_edge(&self, from: &str, to: &str) -> bool {
        let along = self
            .path
            .iter()
            .position(|p| p == from)
            .is_some_and(|i| self.path.get(i + 1).is_some_and(|n| n == to));
        let referral = from.starts_with("route-") && self.has(from) && self.has(to);
        along || referral
    }

    fn has(&self, id: &str) -> bool {
        self.nodes.iter().any(|n| n == id)
    }
}

/// The classes the drawing's styles (`trainer.scss`) give a lit part.
const FIRST: &str = "lit";
const CHANGED: &str = "lit-alt";
const CURRENT: &str = "current";

/// Lights the drawing as `lighting` says, and marks the walk's steps on the drawing
/// (`data-lit`), for the tests to compare with `pathway run`.
pub fn light(diagram: DiagramView, lighting: Option<Lighting<'_>>) {
    let Some(svg) = diagram.svg() else { return };
    for element in diagram.all(".lit, .lit-alt, .current") {
        let _ = element.class_list().remove_3(FIRST, CHANGED, CURRENT);
    }
    let Some(lighting) = lighting else {
        let _ = svg.remove_attribute("data-lit");
        return;
    };
    let edges = diagram.all(".edge");
    // The step being asked is the next of the changed walk where there is one.
    let asking = |changed: bool| lighting.current.filter(|_| changed == lighting.changed.is_some());
    for (lit, class, changed) in [(Some(lighting.first), FIRST, false), (lighting.changed, CHANGED, true)] {
        let Some(ids) = lit.map(|lit| LitIds::of(lit, asking(changed))) else { continue };
        for id in &ids.nodes {
            if let Some(node) = diagram.node(id) {
                let _ = node.class_list().add_1(class);
            }
        }
        for edge in &edges {
            let (from, to) = (edge.get_attribute("data-from"), edge.get_attribute("data-to"));
            if ids.lights_edge(from.as_deref().unwrap_or_default(), to.as_deref().unwrap_or_default()) {
                let _ = edge.class_list().add_1(class);
            }
        }
    }
    if let Some(node) = lighting.current.and_then(|step| diagram.node(&format!("step-{step}"))) {
        let _ = node.class_list().add_1(CURRENT);
    }
    let steps: Vec<&str> = lighting.first.steps.iter().map(|s| s.as_str()).collect();
    let _ = svg.set_attribute("data-lit", &steps.join(" "));
}

#[cfg(test)]
mod tests {
    use super::LitIds;
    use crate::engine::Lit;
    use pathway_core::{DestinationId, RouteId, StepId};

    #[test]
    fn a_complete_walk_lights_its_steps_the_end_its_routes_and_their_destinations() {
        let lit = Lit {
            steps: vec![StepId::new("role"), StepId::new("immediate_danger")],
            end: true,
            routes: vec![RouteId::new("danger_now")],
            destinations: vec![DestinationId::new("police_999")],
        };
        let ids = LitIds::of(&lit, None);
        assert_eq!(ids.path, ["step-role", "step-immediate_danger", "end"]);
        assert_eq!(
            ids.nodes,
            ["step-role", "step-immediate_danger", "end", "route-danger_now", "dest-police_999"]
        );
        assert!(ids.lights_edge("step-role", "step-immediate_danger"));
        assert!(ids.lights_edge("step-immediate_danger", "end"));
        assert!(ids.lights_edge("route-danger_now", "dest-police_999"));
        assert!(!ids.lights_edge("step-immediate_danger", "step-role"), "not backwards");
        assert!(!ids.lights_edge("step-role", "end"), "not a step skipped");
        assert!(!ids.lights_edge("route-other", "dest-police_999"), "not a route that did not apply");
    }

    #[test]
    fn a_walk_under_way_lights_its_steps_and_the_way_on_to_the_step_being_asked() {
        let lit = Lit { steps: vec![StepId::new("role")], ..Lit::default() };
        assert_eq!(LitIds::of(&lit, None).nodes, ["step-role"]);
        let asking = StepId::new("immediate_danger");
        let ids = LitIds::of(&lit, Some(&asking));
        assert_eq!(ids.nodes, ["step-role", "step-immediate_danger"]);
        assert!(ids.lights_edge("step-role", "step-immediate_danger"));
    }
}
