//! What changed in what practitioners read, by id: questions added, removed or reworded, their
//! answers and checklist items, destinations and their contacts and urgency, and the reasons,
//! advice and warnings of routes. What the changes *do* is the behaviour comparison's job.

use crate::model::*;

/// Each change, in words, in the order of the pathway.
pub(super) fn changes(before: &Pathway, after: &Pathway) -> Vec<String> {
    let mut out = Vec::new();
    risk_model(before, after, &mut out);
    steps(before, after, &mut out);
    destinations(before, after, &mut out);
    routes(before, after, &mut out);
    out
}

/// A change of risk tool, or of its version, comes first: every outcome records it, and a
/// partnership comparing past cases must know the tool changed under them.
fn risk_model(before: &Pathway, after: &Pathway, out: &mut Vec<String>) {
    let named = |p: &Pathway| p.risk.as_ref().and_then(|r| r.model.as_ref()).map(|m| m.to_string());
    optional("the risk tool", named(before).as_deref(), named(after).as_deref(), out, "risk model");
}

fn text(label: &str, a: &str, b: &str, out: &mut Vec<String>, what: &str) {
    if a != b {
        out.push(format!("{what}: {label} changed from “{a}” to “{b}”"));
    }
}

fn optional(label: &str, a: Option<&str>, b: Option<&str>, out: &mut Vec<String>, what: &str) {
    match (a, b) {
        (Some(a), Some(b)) => text(label, a, b, out, what),
        (None, Some(b)) => out.push(format!("{what}: {label} added: “{b}”")),
        (Some(_), None) => out.push(format!("{what}: {label} removed")),
        (None, None) => {}
    }
}

/// Additions and removals by id, then `same` on each pair kept.
fn by_id<'a, T>(
    before: &'a [T],
    after: &'a [T],
    id: impl Fn(&T) -> &str,
    what: &str,
    out: &mut Vec<String>,
    mut same: impl FnMut(&'a T, &'a T, &mut Vec<String>),
) {
    for b in before {
        match after.iter().find(|a| id(a) == id(b)) {
            Some(a) => same(b, a, out),
            None => out.push(format!("{what} `{}` removed", id(b))),
        }
    }
    for a in after.iter().filter(|a| !before.iter().any(|b| id(b) == id(a))) {
        out.push(format!("{what} `{}` added", id(a)));
    }
}

fn steps(before: &Pathway, after: &Pathway, out: &mut Vec<String>) {
    by_id(
        &before.steps,
        &after.steps,
        |s| s.id.as_str(),
        "question",
        out,
        |b, a, out| {
            let what = format!("question `{}`", b.id);
            text("its title", &b.title, &a.title, out, &what);
            optional("its hint", b.hint.as_deref(), a.hint.as_deref(), out, &what);
            if b.body != a.body {
                out.push(format!("{what}: its text changed"));
            }
            if b.kind.name() != a.kind.name() {
                out.push(format!("{what}: now a {} question (was {})", a.kind.name(), b.kind.name()));
                return;
            }
            match (&b.kind, &a.kind) {
                (StepKind::SingleChoice { options: x }, StepKind::SingleChoice { options: y })
                | (StepKind::MultipleChoice { options: x }, StepKind::MultipleChoice { options: y }) => {
                    by_id(
                        x,
                        y,
                        |o| o.id.as_str(),
                        &format!("{what}: answer"),
                        out,
                        |o, p, out| {
                            text(&format!("answer `{}`", o.id), &o.label, &p.label, out, &what);
                        },
                    );
                }
                (StepKind::Checklist { items: x, .. }, StepKind::Checklist { items: y, .. }) => {
                    by_id(
                        x,
                        y,
                        |i| i.id.as_str(),
                        &format!("{what}: item"),
                        out,
                        |i, j, out| {
                            text(&format!("item `{}`", i.id), &i.text, &j.text, out, &what);
                            if i.weight != j.weight {
                                out.push(format!(
                                    "{what}: item `{}` now weighs {} (was {})",
                                    i.id, j.weight, i.weight
                                ));
                            }
                        },
                    );
                }
                (StepKind::YesNo { allowed: x, .. }, StepKind::YesNo { allowed: y, .. }) if x != y => {
                    let ids = |r: &[Reply]| r.iter().map(|r| r.id()).collect::<Vec<_>>().join(", ");
                    out.push(format!("{what}: the answers offered are now {} (were {})", ids(y), ids(x)));
                }
                (StepKind::Number { min: a0, max: a1, .. }, StepKind::Number { min: b0, max: b1, .. })
                    if (a0, a1) != (b0, b1) =>
                {
                    out.push(format!("{what}: now from {b0} to {b1} (was {a0} to {a1})"));
                }
                _ => {}
            }
        },
    );
}

fn destinations(before: &Pathway, after: &Pathway, out: &mut Vec<String>) {
    by_id(
        &before.destinations,
        &after.destinations,
        |d| d.id.as_str(),
        "destination",
        out,
        |b, a, out| {
            let what = format!("destination `{}`", b.id);
            text("its name", &b.name, &a.name, out, &what);
            if b.urgency != a.urgency {
                out.push(format!("{what}: how soon to refer is now “{}” (was “{}”)", a.urgency, b.urgency));
            }
            let contacts =
                |d: &Destination| d.contacts.iter().map(|c| c.value.as_str()).collect::<Vec<_>>().join(", ");
            text("its contacts", &contacts(b), &contacts(a), out, &what);
            optional("its summary", b.summary.as_deref(), a.summary.as_deref(), out, &what);
            optional("its consent note", b.consent.as_deref(), a.consent.as_deref(), out, &what);
            if b.forms.iter().map(|f| (&f.name, &f.url)).ne(a.forms.iter().map(|f| (&f.name, &f.url))) {
                out.push(format!("{what}: its forms changed"));
            }
            if b.notes != a.notes {
                out.push(format!("{what}: its notes changed"));
            }
        },
    );
}

fn routes(before: &Pathway, after: &Pathway, out: &mut Vec<String>) {
    by_id(
        &before.routes,
        &after.routes,
        |r| r.id.as_str(),
        "route",
        out,
        |b, a, out| {
            let what = format!("route `{}`", b.id);
            text("its reason", &b.reason, &a.reason, out, &what);
            optional("its advice", b.advice.as_deref(), a.advice.as_deref(), out, &what);
            optional("its warning", b.warning.as_deref(), a.warning.as_deref(), out, &what);
        },
    );
}
