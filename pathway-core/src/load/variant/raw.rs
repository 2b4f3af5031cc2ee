//! A variant file as written: what it extends, what it changes by id, and what it adds.
//!
//! Only what a partner has reason to change locally can be changed: wording (of questions,
//! destinations and routes), contacts and the start page freely; a rule (a step's `next`, a risk criterion's or level's `when`, a declared
//! property) only with a `reason`, which `pathway check` shows to everyone as a warning.

use crate::load::raw::*;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVariant {
    pub pathway: RawVariantMeta,
    pub extends: RawExtends,
    /// Changes to the base's steps, by id.
    #[serde(default)]
    pub steps: Vec<RawStepChange>,
    /// Changes to the base's risk model, by criterion and level id.
    #[serde(default)]
    pub risk: Option<RawRiskChange>,
    /// Changes to the base's destinations, by id.
    #[serde(default)]
    pub destinations: Vec<RawDestinationChange>,
    /// Changes to the wording of the base's routes, by id.
    #[serde(default)]
    pub routes: Vec<RawRouteChange>,
    /// Declared properties of the base this variant does not keep.
    #[serde(default)]
    pub drop_properties: Vec<RawDrop>,
    #[serde(default)]
    pub add: RawAdditions,
    /// The variant's own change notes (its versions are its own); the base's are not kept.
    #[serde(default)]
    pub changes: Vec<RawChange>,
}

/// The variant's own metadata: its id and version, and whatever of the base's start page
/// text it words differently.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVariantMeta {
    pub id: String,
    pub version: String,
    pub last_reviewed: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub area: Option<String>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub disclaimer: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
}

/// The base pathway, by id and the exact version the variant was written for.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExtends {
    pub id: String,
    pub version: String,
    /// Where the base's YAML is, relative to the variant's file (read by the `pathway` command).
    pub file: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStepChange {
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub hint: Option<String>,
    #[serde(default)]
    pub body: Option<Vec<String>>,
    /// A rule: needs `reason`.
    #[serde(default)]
    pub next: Option<RawNext>,
    #[serde(default)]
    pub options: Vec<RawOptionChange>,
    #[serde(default)]
    pub items: Vec<RawItemChange>,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOptionChange {
    pub id: String,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub hint: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItemChange {
    pub id: String,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub hint: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRiskChange {
    /// A variant whose partnership uses another risk tool, or another version of it.
    #[serde(default)]
    pub model: Option<crate::model::RiskModelName>,
    #[serde(default)]
    pub criteria_heading: Option<String>,
    #[serde(default)]
    pub criteria: Vec<RawThresholdChange>,
    #[serde(default)]
    pub levels: Vec<RawThresholdChange>,
}

/// A change to a risk criterion or level. Its `when` is a threshold: changing it needs `reason`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawThresholdChange {
    pub id: String,
    #[serde(default)]
    pub label: Option<String>,
    /// Levels only.
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default, with = "serde_yaml::with::singleton_map_recursive")]
    pub when: Option<RawCondition>,
    #[serde(default)]
    pub reason: Option<String>,
}

/// A change to a destination: who it is and how to reach it, never when it is referred to
/// (that is the routes') nor its urgency or who it serves.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDestinationChange {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub contacts: Option<Vec<RawContact>>,
    #[serde(default)]
    pub forms: Option<Vec<RawForm>>,
    #[serde(default)]
    pub consent: Option<String>,
    #[serde(default)]
    pub notes: Option<Vec<String>>,
    #[serde(default)]
    pub sources: Option<Vec<String>>,
    #[serde(default)]
    pub last_checked: Option<String>,
}

/// A change to what a route says (why, the advice, the caution), never to when it applies or
/// whom it refers to.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRouteChange {
    pub id: String,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub advice: Option<String>,
    #[serde(default)]
    pub warning: Option<String>,
    #[serde(default)]
    pub sources: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDrop {
    pub id: String,
    #[serde(default)]
    pub reason: Option<String>,
}

/// What the variant has of its own, added after the base's.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAdditions {
    #[serde(default)]
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub flags: Vec<RawFlag>,
    #[serde(default)]
    pub steps: Vec<RawStep>,
    #[serde(default)]
    pub destinations: Vec<RawDestination>,
    #[serde(default)]
    pub routes: Vec<RawRoute>,
    #[serde(default)]
    pub properties: Vec<RawProperty>,
}
