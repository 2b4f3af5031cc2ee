//! Declared safety properties and destinations' preconditions, resolved like everything else:
//! an unknown id, a warning that is not one, or two expectations that contradict each other
//! is a located diagnostic with its fix. Whether they *hold* is `verify`'s job.

use super::{Loader, Scope, Tables};
use crate::diagnostic::Problem;
use crate::ids::PropertyId;
use crate::load::raw::{RawExpect, RawPrecondition, RawProperty};
use crate::model::*;

impl Loader {
    pub(super) fn preconditions(
        &mut self,
        t: &Tables,
        raw: &[RawPrecondition],
        kinds: &[StepKind],
        path: &str,
        cited: &mut [bool],
    ) -> Vec<Precondition> {
        raw.iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let path = format!("{path}.requires[{i}]");
                self.text(&r.title, "the requirement's title", &format!("{path}.title"));
                let sources = self.sources(t, &r.sources, &path, cited);
                let when = self.cond(t, &r.when, kinds, &format!("{path}.when"), Scope::Walk, 0)?;
                Some(Precondition { title: r.title.clone(), when, sources, location: self.map.locate(&path) })
            })
            .collect()
    }

    pub(super) fn property(
        &mut self,
        t: &Tables,
        r: &RawProperty,
        kinds: &[StepKind],
        routes: &[Route],
        i: usize,
        cited: &mut [bool],
    ) -> Option<Property> {
        let path = format!("properties[{i}]");
        self.text(&r.title, "the property's title", &format!("{path}.title"));
        let sources = self.sources(t, &r.sources, &path, cited);
        let when = match &r.when {
            Some(w) => Some(self.cond(t, w, kinds, &format!("{path}.when"), Scope::Walk, 0)?),
            None => None,
        };
        let then = self.expect(t, &r.id, &r.then, routes, &format!("{path}.then"))?;
        Some(Property {
            id: PropertyId::new(r.id.clone()),
            title: r.title.clone(),
            sources,
            when,
            then,
            location: self.map.locate(&format!("{path}.id")),
        })
    }

    fn expect(
        &mut self,
        t: &Tables,
        property: &str,
        e: &RawExpect,
        routes: &[Route],
        path: &str,
    ) -> Option<Expect> {
        let destinations = |loader: &mut Self, ids: &[String], field: &str| -> Vec<DestIx> {
            ids.iter()
                .enumerate()
                .filter_map(|(j, d)| {
                    loader
                        .resolve(&t.destinations, "destination", d, &format!("{path}.{field}[{j}]"))
                        .map(DestIx)
                })
                .collect()
        };
        let refer = destinations(self, &e.refer, "refer");
        let not_refer = destinations(self, &e.not_refer, "not_refer");
        let interrupts = destinations(self, &e.interrupts, "interrupts");
        let order = destinations(self, &e.order, "order");
        let first = e.first.as_ref().and_then(|d| {
            self.resolve(&t.destinations, "destination", d, &format!("{path}.first")).map(DestIx)
        });
        let route_list = |loader: &mut Self, ids: &[String], field: &str| -> Vec<RouteIx> {
            ids.iter()
                .enumerate()
                .filter_map(|(j, r)| {
                    loader.resolve(&t.routes, "route", r, &format!("{path}.{field}[{j}]")).map(RouteIx)
                })
                .collect()
        };
        let mut must_apply = route_list(self, &e.routes, "routes");
        let warnings = route_list(self, &e.warnings, "warnings");
        let not_routes = route_list(self, &e.not_routes, "not_routes");
        for (j, w) in warnings.iter().enumerate() {
            match routes.get(w.0) {
                Some(route) if route.warning.is_none() => {
                    self.report(
                        Problem::NotAWarning { route: route.id.to_string() },
                        format!("{path}.warnings[{j}]"),
                    );
                }
                _ => must_apply.push(*w),
            }
        }
        let risk_at_least = e
            .risk_at_least
            .as_ref()
            .and_then(|l| self.resolve(&t.levels, "risk level", l, &format!("{path}.risk_at_least")))
            .map(LevelIx);
        let risk_at_most = e
            .risk_at_most
            .as_ref()
            .and_then(|l| self.resolve(&t.levels, "risk level", l, &format!("{path}.risk_at_most")))
            .map(LevelIx);

        let expect = Expect {
            refer,
            not_refer,
            interrupts,
            routes: must_apply,
            not_routes,
            first,
            order,
            risk_at_least,
            risk_at_most,
            no_risk: e.no_risk,
        };
        let written =
            [&e.refer, &e.not_refer, &e.interrupts, &e.warnings, &e.routes, &e.not_routes, &e.order];
        if written.iter().all(|list| list.is_empty())
            && e.first.is_none()
            && e.risk_at_least.is_none()
            && e.risk_at_most.is_none()
            && !e.no_risk
        {
            self.report(Problem::EmptyProperty { property: property.into() }, path);
            return None;
        }
        let contradiction = |why: String| Problem::ContradictoryProperty { property: property.into(), why };
        let name = |d: &DestIx| t.destinations.iter().find(|(_, i)| **i == d.0).map(|(k, _)| k.clone());
        let both = expect
            .refer
            .iter()
            .chain(&expect.interrupts)
            .chain(expect.first.as_ref())
            .find(|d| expect.not_refer.contains(d));
        if let Some(d) = both.and_then(name) {
            self.report(contradiction(format!("`{d}` must be referred to and must not be")), path);
        }
        let route_name = |r: &RouteIx| t.routes.iter().find(|(_, i)| **i == r.0).map(|(k, _)| k.clone());
        if let Some(r) = expect.routes.iter().find(|r| expect.not_routes.contains(r)).and_then(route_name) {
            self.report(contradiction(format!("route `{r}` must apply and must not")), path);
        }
        if expect.no_risk && expect.risk_at_least.is_some() {
            self.report(contradiction("it asks for no risk level and for a minimum one".into()), path);
        }
        if let (Some(low), Some(high)) = (expect.risk_at_least, expect.risk_at_most)
            && low > high
        {
            self.report(contradiction("its lowest risk level allowed is above its highest".into()), path);
        }
        Some(expect)
    }
}
