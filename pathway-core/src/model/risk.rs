//! The risk model: which tool it follows, its named criteria, and its levels, tried in order.

use super::{CriterionIx, LevelIx, Pathway, Step, StepIx};
use crate::cond::Cond;
use crate::ids::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Criterion {
    pub id: CriterionId,
    pub label: String,
    /// For the author's tools and reviewers: not in the compiled form (a practitioner's page never
    /// shows sources, and they were a fifth of its download).
    #[serde(skip)]
    pub sources: Vec<SourceId>,
    pub(crate) when: Cond,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Level {
    pub id: LevelId,
    pub label: String,
    pub description: Option<String>,
    pub(crate) when: Option<Cond>,
}

/// Which risk tool a risk model follows, and its version ("Dash RIC, 24 items, bands 10 and
/// 14", "2026.12"): recorded on every outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskModelName {
    pub name: String,
    pub version: String,
}

impl std::fmt::Display for RiskModelName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (version {})", self.name, self.version)
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RiskModel {
    /// Which risk tool this follows, where the pathway names it.
    pub model: Option<RiskModelName>,
    pub(crate) checklist: StepIx,
    /// How the criteria met are introduced on an outcome.
    pub criteria_heading: String,
    pub criteria: Vec<Criterion>,
    pub levels: Vec<Level>,
}

impl RiskModel {
    /// The conditions of every criterion and level.
    pub(crate) fn conditions(&self) -> impl Iterator<Item = &Cond> {
        self.criteria.iter().map(|c| &c.when).chain(self.levels.iter().filter_map(|l| l.when.as_ref()))
    }

    pub fn checklist_step<'p>(&self, pathway: &'p Pathway) -> &'p Step {
        pathway.step_at(self.checklist)
    }

    pub(crate) fn criterion_at(&self, ix: CriterionIx) -> Option<&Criterion> {
        self.criteria.get(ix.0)
    }

    pub(crate) fn level_at(&self, ix: LevelIx) -> Option<&Level> {
        self.levels.get(ix.0)
    }

    /// Every criterion, with its index.
    pub(crate) fn indexed_criteria(&self) -> impl Iterator<Item = (CriterionIx, &Criterion)> {
        self.criteria.iter().enumerate().map(|(i, c)| (CriterionIx(i), c))
    }

    /// Every level's index, highest first.
    pub(crate) fn level_indices(&self) -> impl Iterator<Item = LevelIx> + use<> {
        (0..self.levels.len()).map(LevelIx)
    }
}
