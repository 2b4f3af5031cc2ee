//! The audit as one self-contained HTML page for a person to read, print, or take to a
//! meeting: GOV.UK's look (its colours, type scale, tables and summary list, written inline,
//! since the page may load nothing), charts as inline SVG, and the table behind every chart.
//! Its Content-Security-Policy forbids every request, so it opens offline and sends nothing.

use super::Found;
use super::summary::version;
use pathway_core::audit::Group;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// At most this many bars a chart; the table under it has every row.
const BARS: usize = 12;

const STYLE: &str = "
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#0b0c0c;background:#fff;font-size:19px;line-height:1.32}
.govuk-header{background:#0b0c0c;color:#fff;padding:10px 15px;border-bottom:10px solid #1d70b8;font-weight:700}
.govuk-width-container{max-width:960px;margin:0 15px}
@media (min-width:1020px){.govuk-width-container{margin:0 auto}}
main{padding:20px 0 40px}
.govuk-heading-xl{font-size:32px;line-height:1.09;margin:0 0 30px;font-weight:700}
.govuk-heading-l{font-size:27px;margin:40px 0 20px;font-weight:700}
.govuk-caption-l{display:block;color:#505a5f;font-size:19px;margin-bottom:5px}
.govuk-body{margin:0 0 20px}
.govuk-warning-text{border-left:5px solid #d4351c;padding:10px 15px;margin:0 0 30px;font-weight:700}
.govuk-summary-list{margin:0 0 30px;display:table;width:100%;border-collapse:collapse}
.govuk-summary-list__row{display:table-row;border-bottom:1px solid #b1b4b6}
.govuk-summary-list__key,.govuk-summary-list__value{display:table-cell;padding:10px 20px 10px 0;vertical-align:top}
.govuk-summary-list__key{font-weight:700;width:35%}
.govuk-table{width:100%;border-collapse:collapse;margin:0 0 30px;font-size:16px}
.govuk-table__caption{font-weight:700;text-align:left;margin-bottom:10px;font-size:19px}
.govuk-table__header,.govuk-table__cell{padding:10px 20px 10px 0;border-bottom:1px solid #b1b4b6;text-align:left;vertical-align:top}
.govuk-table__header,.govuk-table__cell,.govuk-summary-list__value{overflow-wrap:anywhere}
.govuk-table__header--numeric,.govuk-table__cell--numeric{text-align:right;white-space:nowrap;overflow-wrap:normal}
.app-ids{color:#505a5f;font-size:14px}
.app-ids span{display:inline-block;max-width:100%}
@media (max-width:640px){.govuk-summary-list,.govuk-summary-list__row,.govuk-summary-list__key,.govuk-summary-list__value{display:block;width:auto}.govuk-summary-list__key{padding-bottom:0}}
figure{margin:0 0 10px}
svg text{font-family:inherit}
@media print{.govuk-header{background:#fff;color:#0b0c0c;border-bottom-color:#0b0c0c}body{font-size:12pt}.govuk-heading-l{break-after:avoid}figure,tr{break-inside:avoid}}
";

pub(crate) fn report(found: &Found<'_>) -> String {
    let s = &found.summary;
    let title = match found.pathways {
        [old, new] => format!("{} {} against {}", new.meta().title, new.meta().version, old.meta().version),
        [one] => format!("{} {}", one.meta().title, one.meta().version),
        _ => String::new(),
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"referrer\" content=\"no-referrer\">\
         <title>Audit of past cases: {}</title><style>{STYLE}</style></head><body>\
         <header class=\"govuk-header\"><div class=\"govuk-width-container\">Domestic abuse referral pathway: audit</div></header>\
         <div class=\"govuk-width-container\"><main id=\"main-content\">\
         <span class=\"govuk-caption-l\">Audit of past cases</span><h1 class=\"govuk-heading-xl\">{}</h1>\
         <p class=\"govuk-warning-text\">This report names cases by the ids in the export. Keep it as you keep the export \
         (special category data): on a work device, shared only with people entitled to see it, and deleted when it is no longer needed.</p>",
        esc(&title),
        esc(&title)
    );
    let unreadable: u64 = s.unreadable.values().map(|g| g.cases).sum();
    let incomplete: u64 = s.incomplete.values().map(|g| g.cases).sum();
    let file = found.cases.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    let mut rows: Vec<(&str, String)> = vec![("Cases read from", file), ("Rows", s.rows.to_string())];
    for (k, p) in found.pathways.iter().enumerate() {
        let label = match (found.pathways.len(), k) {
            (2, 0) => "Earlier version",
            (2, _) => "Later version",
            _ => "Pathway",
        };
        rows.push((label, version(p)));
    }
    rows.extend([
        ("Walked to the end", s.complete.to_string()),
        ("Stopped before the end", incomplete.to_string()),
        ("Could not be read", unreadable.to_string()),
    ]);
    if s.with_actual > 0 {
        rows.push(("Cases walked to the end that record the referrals made", s.with_actual.to_string()));
    }
    if found.pathways.len() == 2 {
        rows.push(("Cases whose outcome is the same", s.unchanged.to_string()));
    }
    out.push_str("<dl class=\"govuk-summary-list\">");
    for (k, v) in rows {
        let _ = write!(
            out,
            "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">{}</dt><dd class=\"govuk-summary-list__value\">{}</dd></div>",
            esc(k),
            esc(&v)
        );
    }
    out.push_str("</dl>");
    if found.pathways.len() == 2 {
        grouped(&mut out, "What the later version changes", "Way the outcome changes", &s.changes);
    }
    counted(&mut out, "Risk levels", "Risk level", &s.by_level);
    counted(&mut out, "Referrals, by destination", "Destination", &s.by_destination);
    counted(&mut out, "Criteria met", "Criterion", &s.by_criterion);
    if s.with_actual > 0 {
        grouped(&mut out, "What was done against what the pathway says", "Difference", &s.differences);
    }
    grouped(&mut out, "Cases that stopped before the end", "Step with no answer", &s.incomplete);
    grouped(&mut out, "Rows that could not be read", "Problem", &s.unreadable);
    out.push_str("</main></div></body></html>\n");
    out
}

fn counted(out: &mut String, heading: &str, what: &str, counts: &BTreeMap<String, u64>) {
    if counts.is_empty() {
        return;
    }
    let mut sorted: Vec<(&String, u64)> = counts.iter().map(|(k, n)| (k, *n)).collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    section(out, heading, what, &sorted.iter().map(|(k, n)| (k.as_str(), *n, None)).collect::<Vec<_>>());
}

fn grouped(out: &mut String, heading: &str, what: &str, groups: &BTreeMap<String, Group>) {
    if groups.is_empty() {
        return;
    }
    let mut sorted: Vec<(&String, &Group)> = groups.iter().collect();
    sorted.sort_by(|a, b| b.1.cases.cmp(&a.1.cases).then(a.0.cmp(b.0)));
    section(
        out,
        heading,
        what,
        &sorted.iter().map(|(k, g)| (k.as_str(), g.cases, Some(*g))).collect::<Vec<_>>(),
    );
}

/// A heading, a bar chart of the largest counts, and the table of every count.
fn section(out: &mut String, heading: &str, what: &str, rows: &[(&str, u64, Option<&Group>)]) {
    let id = heading.to_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "-");
    let _ = write!(out, "<h2 class=\"govuk-heading-l\" id=\"{id}\">{}</h2>", esc(heading));
    chart(out, heading, &rows.iter().take(BARS).map(|(k, n, _)| (*k, *n)).collect::<Vec<_>>());
    let examples = rows.iter().any(|(_, _, g)| g.is_some());
    let _ = write!(
        out,
        "<table class=\"govuk-table\"><caption class=\"govuk-table__caption\">{}: the figures</caption><thead><tr>\
         <th scope=\"col\" class=\"govuk-table__header\">{}</th><th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Cases</th>{}</tr></thead><tbody>",
        esc(heading),
        esc(what),
        if examples { "<th scope=\"col\" class=\"govuk-table__header\">First cases</th>" } else { "" }
    );
    for (k, n, g) in rows {
        let _ = write!(
            out,
            "<tr><th scope=\"row\" class=\"govuk-table__header\">{}</th><td class=\"govuk-table__cell govuk-table__cell--numeric\">{n}</td>",
            esc(k)
        );
        if let Some(g) = g {
            let more = if g.cases > g.ids.len() as u64 { ", …" } else { "" };
            // Each id kept whole on its line where it fits (a line broken at an id's hyphen
            // reads as two ids), and broken anywhere only where it alone is too long.
            let ids: Vec<String> = g.ids.iter().map(|id| format!("<span>{}</span>", esc(id))).collect();
            let _ = write!(out, "<td class=\"govuk-table__cell app-ids\">{}{more}</td>", ids.join(", "));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

/// Horizontal bars, each labelled with its name and count, drawn in GOV.UK blue.
fn chart(out: &mut String, title: &str, bars: &[(&str, u64)]) {
    let max = bars.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let (row, label_height, width) = (46, 20, 900);
    let height = bars.len() * row + 10;
    let _ = write!(
        out,
        "<figure><svg viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-label=\"{}: bar chart; the table below gives every figure\">",
        esc(title)
    );
    for (i, (name, n)) in bars.iter().enumerate() {
        let y = i * row;
        let length = ((*n as f64 / max as f64) * (width as f64 - 120.0)).round().max(2.0);
        let label: String = name.chars().take(110).collect();
        let _ = write!(
            out,
            "<text x=\"0\" y=\"{}\" font-size=\"15\" fill=\"#0b0c0c\">{}</text>\
             <rect x=\"0\" y=\"{}\" width=\"{length}\" height=\"18\" fill=\"#1d70b8\"></rect>\
             <text x=\"{}\" y=\"{}\" font-size=\"15\" font-weight=\"700\" fill=\"#0b0c0c\">{n}</text>",
            y + 15,
            esc(&label),
            y + label_height,
            length + 8.0,
            y + label_height + 15,
        );
    }
    out.push_str("</svg></figure>");
}

/// Text made safe to put in HTML: ids and values come from the export.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_the_export_cannot_become_markup() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }
}
