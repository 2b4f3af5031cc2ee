//! `pathway synthetic`: seeded, made-up past cases over every step, in the pathway's own
//! columns, for the audit's tests and benchmark. Never real cases: the repository holds none.
//!
//! Each case answers every step as a form that asks everything would (`pathway_core::audit::
//! synthetic`); about one in thirty leaves an answer out, so some walks stop before the end;
//! and "what was done" is what the pathway says, less a referral now and then (one case in
//! eight) or with one it does not make (one in twenty), as real records differ.

use crate::Failure;
use pathway_core::audit::{self, Auditor, Layout};
use pathway_core::{DestinationId, Pathway};
use std::io::Write;
use std::path::Path;

pub(crate) fn synthetic(
    file: &Path,
    cases: u64,
    seed: u64,
    json_lines: bool,
    out: Option<&Path>,
) -> Result<bool, Failure> {
    let pathway = crate::report::load_walkable(file)?;
    let sink: Box<dyn Write> = match out {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .map_err(|e| Failure(format!("cannot write {}: {e}", path.display())))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let sink = std::io::BufWriter::with_capacity(1 << 20, sink);
    let header = audit::header(&pathway);
    let names: Vec<&str> = header.iter().map(String::as_str).collect();
    let layout = Layout::new(&pathway, &names, None, &[]).map_err(|e| Failure(format!("{e:?}")))?;
    let mut auditor = Auditor::new(&pathway, layout);
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut rows = (1..=cases).map(|n| case(&pathway, &mut auditor, &mut rng, n));
    if json_lines {
        let mut sink = sink;
        for row in rows.by_ref() {
            let object: serde_json::Map<String, serde_json::Value> =
                header.iter().cloned().zip(row?.into_iter().map(serde_json::Value::String)).collect();
            serde_json::to_writer(&mut sink, &object)?;
            sink.write_all(b"\n")?;
        }
        sink.flush()?;
    } else {
        let mut writer = csv::Writer::from_writer(sink);
        writer.write_record(&header)?;
        for row in rows {
            writer.write_record(&row?)?;
        }
        writer.flush()?;
    }
    Ok(true)
}

/// The `n`th case, as a row in the pathway's own columns.
fn case(
    pathway: &Pathway,
    auditor: &mut Auditor<'_>,
    rng: &mut fastrand::Rng,
    n: u64,
) -> Result<Vec<String>, Failure> {
    let mut answers = audit::synthetic(pathway, &mut |k| rng.usize(..k.max(1)));
    if rng.u32(..30) == 0 && !answers.is_empty() {
        answers.remove(rng.usize(..answers.len()));
    }
    let mut row = audit::row(pathway, &format!("SYN-{n:07}"), &answers, &[]);
    let fields: Vec<&[u8]> = row.iter().map(|f| f.as_bytes()).collect();
    let done = match auditor.walk(&fields) {
        Ok(walked) => {
            recorded(pathway, walked.outcome.referrals.iter().map(|r| r.destination.clone()).collect(), rng)
        }
        Err(e) => return Err(Failure(format!("a synthetic case could not be walked: {e}"))),
    };
    if let Some(last) = row.last_mut() {
        *last = done.iter().map(|d| d.as_str()).collect::<Vec<_>>().join(";");
    }
    Ok(row)
}

/// What a record says was done: the pathway's referrals, now and then one fewer or one more.
fn recorded(
    pathway: &Pathway,
    mut referrals: Vec<DestinationId>,
    rng: &mut fastrand::Rng,
) -> Vec<DestinationId> {
    if !referrals.is_empty() && rng.u32(..8) == 0 {
        referrals.remove(rng.usize(..referrals.len()));
    }
    if rng.u32(..20) == 0
        && let Some(d) = pathway.destinations().get(rng.usize(..pathway.destinations().len().max(1)))
        && !referrals.contains(&d.id)
    {
        referrals.push(d.id.clone());
    }
    referrals
}
