//! The pathway file as written: a faithful, unvalidated image of the YAML.
//!
//! Every struct refuses unknown fields, so a misspelt field is an error rather than silently
//! ignored. Nothing here is keyed by a map of ids: duplicate ids would collapse silently in a
//! map, so ids live in lists and `load` checks that they are unique.

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPathway {
    pub pathway: RawMeta,
    #[serde(default)]
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub flags: Vec<RawFlag>,
    pub start: String,
    pub steps: Vec<RawStep>,
    #[serde(default)]
    pub risk: Option<RawRisk>,
    #[serde(default)]
    pub destinations: Vec<RawDestination>,
    #[serde(default)]
    pub routes: Vec<RawRoute>,
    #[serde(default)]
    pub properties: Vec<RawProperty>,
    #[serde(default)]
    pub changes: Vec<RawChange>,
}

/// One version's change note, in plain words for the practitioners who use the pathway.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChange {
    pub version: String,
    pub date: String,
    pub what: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeta {
    pub id: String,
    pub title: String,
    pub version: String,
    pub area: String,
    pub owner: String,
    pub last_reviewed: String,
    pub disclaimer: String,
    #[serde(default)]
    pub summary: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: String,
    pub title: String,
    pub url: String,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFlag {
    pub id: String,
    pub description: String,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RawKind {
    YesNo,
    SingleChoice,
    MultipleChoice,
    Checklist,
    Number,
    Text,
    Info,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    pub id: String,
    pub kind: RawKind,
    /// The question, or for an information step its heading.
    pub title: String,
    #[serde(default)]
    pub hint: Option<String>,
    /// Longer help or, for an information step, the advice itself: one entry per paragraph.
    #[serde(default)]
    pub body: Vec<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub next: Option<RawNext>,
    /// yes_no: which of yes, no, not_known and declined are offered (all four by default).
    #[serde(default)]
    pub allow: Option<Vec<String>>,
    /// yes_no: what each answer does (its own `next`, flags it sets).
    #[serde(default)]
    pub answers: Vec<RawAnswerRule>,
    /// single_choice and multiple_choice.
    #[serde(default)]
    pub options: Vec<RawOption>,
    /// checklist.
    #[serde(default)]
    pub items: Vec<RawItem>,
    /// checklist: the items grouped by topic, one page each on a phone.
    #[serde(default)]
    pub topics: Vec<RawTopic>,
    /// number.
    #[serde(default)]
    pub min: Option<i64>,
    #[serde(default)]
    pub max: Option<i64>,
    #[serde(default)]
    pub unit: Option<String>,
    /// text.
    #[serde(default)]
    pub required: Option<bool>,
    #[serde(default, with = "serde_yaml::with::singleton_map_recursive")]
    pub required_when: Option<RawCondition>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAnswerRule {
    pub answer: String,
    #[serde(default)]
    pub next: Option<RawNext>,
    #[serde(default)]
    pub sets: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub hint: Option<String>,
    #[serde(default)]
    pub next: Option<RawNext>,
    #[serde(default)]
    pub sets: Vec<String>,
    /// multiple_choice: choosing this option means no other may be chosen ("None of these").
    #[serde(default)]
    pub exclusive: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTopic {
    pub title: String,
    pub items: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub hint: Option<String>,
    #[serde(default = "one")]
    pub weight: i64,
    #[serde(default)]
    pub significant: bool,
    /// Flags a "yes" to this item sets, so the checklist and a question about the same thing
    /// lead to the same referrals.
    #[serde(default)]
    pub sets: Vec<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

fn one() -> i64 {
    1
}

/// Where to go after a step: a step id (or `end`), or a list of branches tried in order.
#[derive(Debug)]
pub enum RawNext {
    To(String),
    Branches(Vec<RawBranch>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBranch {
    #[serde(default, with = "serde_yaml::with::singleton_map_recursive")]
    pub when: Option<RawCondition>,
    pub go: String,
}

impl<'de> Deserialize<'de> for RawNext {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NextVisitor;
        impl<'de> Visitor<'de> for NextVisitor {
            type Value = RawNext;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a step id, `end`, or a list of branches (`- when: … go: …`)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawNext, E> {
                Ok(RawNext::To(v.to_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawNext, A::Error> {
                Deserialize::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(RawNext::Branches)
            }
        }
        deserializer.deserialize_any(NextVisitor)
    }
}

/// A condition over earlier answers, written as a mapping with exactly one key.
#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum RawCondition {
    Answer(RawAnswerIs),
    Flag(String),
    Score(RawMeasure),
    Count(RawCount),
    Number(RawMeasure),
    Criterion(String),
    Risk(OneOrMany),
    All(Vec<RawCondition>),
    Any(Vec<RawCondition>),
    Not(Box<RawCondition>),
}

#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawAnswerIs {
    pub step: String,
    #[serde(default)]
    pub item: Option<String>,
    pub is: OneOrMany,
}

#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawMeasure {
    pub step: String,
    #[serde(default)]
    pub at_least: Option<i64>,
    #[serde(default)]
    pub at_most: Option<i64>,
}

#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawCount {
    pub step: String,
    /// Which answers to count: yes, no, not_known, declined.
    pub answers: OneOrMany,
    #[serde(default)]
    pub significant_only: bool,
    #[serde(default)]
    pub at_least: Option<i64>,
    #[serde(default)]
    pub at_most: Option<i64>,
}

/// One value or a list of values; authors may write `is: yes` or `is: [yes, not_known]`.
#[derive(Debug, Clone, PartialEq)]
pub struct OneOrMany(pub Vec<String>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneOrManyVisitor;
        impl<'de> Visitor<'de> for OneOrManyVisitor {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an answer or a list of answers")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![v.to_owned()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<OneOrMany, A::Error> {
                Deserialize::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(OneOrMany)
            }
            fn visit_map<A: MapAccess<'de>>(self, _map: A) -> Result<OneOrMany, A::Error> {
                Err(de::Error::custom("expected an answer or a list of answers, found a mapping"))
            }
        }
        deserializer.deserialize_any(OneOrManyVisitor)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRisk {
    /// Which risk tool the model follows, and its version: every outcome records it.
    #[serde(default)]
    pub model: Option<crate::model::RiskModelName>,
    /// The checklist step whose "yes" answers give the score.
    pub checklist: String,
    /// How the criteria met are introduced on the outcome, e.g. "MARAC criteria met".
    #[serde(default)]
    pub criteria_heading: Option<String>,
    #[serde(default)]
    pub criteria: Vec<RawCriterion>,
    pub levels: Vec<RawLevel>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCriterion {
    pub id: String,
    pub label: String,
    #[serde(with = "serde_yaml::with::singleton_map_recursive")]
    pub when: RawCondition,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLevel {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Missing on the last level only: it applies when no earlier level does.
    #[serde(default, with = "serde_yaml::with::singleton_map_recursive")]
    pub when: Option<RawCondition>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RawCategory {
    Emergency,
    Statutory,
    Specialist,
    Helpline,
    Advice,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum RawUrgency {
    Immediate,
    SameWorkingDay,
    WithinWorkingDays(u8),
    Routine,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDestination {
    pub id: String,
    pub name: String,
    pub category: RawCategory,
    #[serde(with = "serde_yaml::with::singleton_map")]
    pub urgency: RawUrgency,
    /// Shown at once, before the walk goes on, as soon as a route refers here.
    #[serde(default)]
    pub interrupt: bool,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub contacts: Vec<RawContact>,
    #[serde(default)]
    pub forms: Vec<RawForm>,
    #[serde(default)]
    pub consent: Option<String>,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    /// The date the contact details were last checked, as YYYY-MM-DD.
    #[serde(default)]
    pub last_checked: Option<String>,
    /// Who the destination serves: conditions every walk that refers here must meet.
    #[serde(default)]
    pub requires: Vec<RawPrecondition>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPrecondition {
    /// The rule in plain words, e.g. "Only victims aged 16 or over".
    pub title: String,
    #[serde(with = "serde_yaml::with::singleton_map_recursive")]
    pub when: RawCondition,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RawContactKind {
    Phone,
    Text,
    Email,
    Web,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    pub kind: RawContactKind,
    pub value: String,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub hours: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawForm {
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRoute {
    pub id: String,
    #[serde(with = "serde_yaml::with::singleton_map_recursive")]
    pub when: RawCondition,
    #[serde(default)]
    pub refer: Vec<String>,
    /// Why, written for the practitioner.
    pub reason: String,
    /// Advice for the practitioner to give the victim.
    #[serde(default)]
    pub advice: Option<String>,
    /// A caution for the practitioner (for example: a low score may reflect non-disclosure).
    #[serde(default)]
    pub warning: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A safety property: on every complete walk where `when` holds, `then` must hold.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProperty {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub sources: Vec<String>,
    /// Absent: on every walk.
    #[serde(default, with = "serde_yaml::with::singleton_map_recursive")]
    pub when: Option<RawCondition>,
    pub then: RawExpect,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawExpect {
    /// Destinations that must be referred to.
    #[serde(default)]
    pub refer: Vec<String>,
    /// Destinations that must not be referred to.
    #[serde(default)]
    pub not_refer: Vec<String>,
    /// Destinations that must interrupt the walk.
    #[serde(default)]
    pub interrupts: Vec<String>,
    /// Routes whose warning must show.
    #[serde(default)]
    pub warnings: Vec<String>,
    /// Routes that must apply.
    #[serde(default)]
    pub routes: Vec<String>,
    /// Routes that must not apply.
    #[serde(default)]
    pub not_routes: Vec<String>,
    /// The destination that must come first of all the referrals.
    #[serde(default)]
    pub first: Option<String>,
    /// Destinations that, where referred together, appear in this order.
    #[serde(default)]
    pub order: Vec<String>,
    /// The lowest risk level allowed (levels are listed from highest to lowest).
    #[serde(default)]
    pub risk_at_least: Option<String>,
    /// The highest risk level allowed; a walk with no risk level meets it.
    #[serde(default)]
    pub risk_at_most: Option<String>,
    /// No risk level may be given.
    #[serde(default)]
    pub no_risk: bool,
}
