//! The audit's summary: as text for the terminal, or as JSON for other tools.

use super::Found;
use pathway_core::audit::Group;
use pathway_core::{Pathway, Stamp};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// What the JSON summary holds: which versions, and every count.
pub(crate) fn json(found: &Found<'_>) -> serde_json::Value {
    let stamps: Vec<Stamp> = found.pathways.iter().map(Pathway::outcome_stamp).collect();
    serde_json::json!({
        "cases": found.cases.display().to_string(),
        "pathways": stamps,
        "summary": found.summary,
    })
}

/// A version as a reader names it: "durham 2026.12-demo.5 (risk model: …)".
pub(crate) fn version(p: &Pathway) -> String {
    let stamp = p.outcome_stamp();
    match &stamp.risk_model {
        Some(model) => format!("{} {} (risk model: {model})", stamp.id, stamp.version),
        None => format!("{} {} (no risk model named)", stamp.id, stamp.version),
    }
}

pub(crate) fn text(found: &Found<'_>) -> String {
    let s = &found.summary;
    let mut out = String::new();
    let unreadable: u64 = s.unreadable.values().map(|g| g.cases).sum();
    let incomplete: u64 = s.incomplete.values().map(|g| g.cases).sum();
    match found.pathways {
        [old, new] => {
            let _ = writeln!(out, "{} → {}", version(old), version(new));
            let changed = s.rows.saturating_sub(s.unchanged + unreadable);
            let _ = writeln!(
                out,
                "{}: {} row(s); {changed} case(s) end differently, {} the same, {unreadable} could not be read",
                found.cases.display(),
                s.rows,
                s.unchanged
            );
            groups(&mut out, "How the outcome changes (a case may change in more than one way)", &s.changes);
        }
        _ => {
            if let Some(p) = found.pathways.first() {
                let _ = writeln!(out, "{}", version(p));
            }
            let _ = writeln!(
                out,
                "{}: {} row(s); {} walked to the end, {incomplete} stopped before it, {unreadable} could not be read",
                found.cases.display(),
                s.rows,
                s.complete
            );
        }
    }
    let of = if found.pathways.len() == 2 { " (by the later version)" } else { "" };
    counts(&mut out, &format!("Risk level{of}"), &s.by_level);
    counts(&mut out, &format!("Criteria met{of}"), &s.by_criterion);
    counts(&mut out, &format!("Referrals, by destination{of}"), &s.by_destination);
    groups(&mut out, "Stopped before the end, at the step no answer was given for", &s.incomplete);
    groups(&mut out, "Could not be read", &s.unreadable);
    if s.with_actual > 0 {
        let title = format!(
            "What was done against what the pathway says ({} case(s) walked to the end record the referrals made)",
            s.with_actual
        );
        groups(&mut out, &title, &s.differences);
    }
    out
}

fn counts(out: &mut String, title: &str, counts: &BTreeMap<String, u64>) {
    if counts.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{title}:");
    let width = counts.keys().map(|k| k.chars().count()).max().unwrap_or(0);
    for (k, n) in counts {
        let _ = writeln!(out, "  {k:<width$}  {n:>9}");
    }
}

fn groups(out: &mut String, title: &str, groups: &BTreeMap<String, Group>) {
    if groups.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{title}:");
    let mut sorted: Vec<(&String, &Group)> = groups.iter().collect();
    sorted.sort_by(|a, b| b.1.cases.cmp(&a.1.cases).then(a.0.cmp(b.0)));
    for (kind, g) in sorted {
        let more = if g.cases > g.ids.len() as u64 { ", …" } else { "" };
        let _ = writeln!(out, "  {:>9}  {kind}\n             {}{more}", g.cases, g.ids.join(", "));
    }
}
