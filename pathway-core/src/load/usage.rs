//! Whole-pathway checks of what is used: flags set and tested, destinations referred to,
//! sources cited, routes repeated.

use super::Loader;
use crate::cond::Cond;
use crate::diagnostic::Problem;
use crate::model::*;

impl Loader {
    /// Flags set but never tested, tested but never set; destinations nobody refers to;
    /// routes that repeat another.
    pub(super) fn usage(&mut self, p: &Pathway) {
        let mut set = vec![false; p.flags.len()];
        let mut tested = vec![false; p.flags.len()];
        for f in p.steps.iter().flat_map(Step::flags_set) {
            if let Some(s) = set.get_mut(f.0) {
                *s = true;
            }
        }
        for placed in p.conditions() {
            let path = &placed.path;
            placed.cond.for_each_leaf(&mut |leaf| {
                if let Cond::Flag(f) = leaf {
                    if let Some(t) = tested.get_mut(f.0) {
                        *t = true;
                    }
                    if !set.get(f.0).copied().unwrap_or(true) {
                        let flag = p.flags.get(f.0).map(|f| f.id.to_string()).unwrap_or_default();
                        self.report(Problem::FlagNeverSet { flag }, path.clone());
                    }
                }
            });
        }
        for (i, flag) in p.flags.iter().enumerate() {
            if !tested.get(i).copied().unwrap_or(true) {
                self.report(Problem::UnusedFlag { flag: flag.id.to_string() }, format!("flags[{i}].id"));
            }
        }
        for (i, d) in p.destinations.iter().enumerate() {
            if !p.routes.iter().any(|r| r.refer.contains(&DestIx(i))) {
                self.report(
                    Problem::UnusedDestination { id: d.id.to_string() },
                    format!("destinations[{i}].id"),
                );
            }
        }
        for (i, route) in p.routes.iter().enumerate() {
            if let Some(earlier) = p.routes.iter().take(i).find(|e| e.when == route.when) {
                let problem =
                    Problem::DuplicateRoute { route: route.id.to_string(), earlier: earlier.id.to_string() };
                self.report(problem, format!("routes[{i}].when"));
            }
        }
    }
}
