//! `pathway audit`: past cases from an export, walked by one pathway (what it says of each,
//! and where that differs from what was done), or by two versions (which cases a change
//! would route differently). The export is read in chunks of whole rows by one thread and
//! walked by a worker a core (`work`); the results are put back in the file's order here,
//! and counted, written and reported. See docs/audit.md.

mod html;
mod input;
mod summary;
mod work;

use crate::{Failure, Format};
use input::{Chunks, Kind, Pool};
use pathway_core::Pathway;
use pathway_core::audit::{AuditError, Auditor, ColumnMap, Layout, Summary};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};
use work::{Walked, Wanted, Worker};

/// How many unreadable rows are printed as they are found; the rest are counted.
const PRINTED: u64 = 20;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// PATHWAY CASES, or OLD NEW CASES to compare two versions over the same cases.
    #[arg(required = true, num_args = 2..=3, value_names = ["PATHWAY", "CASES"])]
    files: Vec<PathBuf>,
    /// A column map: which export column is which step or checklist item, and how its values
    /// are spelt.
    #[arg(long)]
    columns: Option<PathBuf>,
    /// Stop at the first row that cannot be read, and exit 1.
    #[arg(long)]
    strict: bool,
    /// Write one outcome a case as JSON Lines to this file (`-`: standard output).
    #[arg(long)]
    outcomes: Option<PathBuf>,
    /// Write each case whose referrals differ from what was done, or between the two versions,
    /// as JSON Lines: its id and how (`-`: standard output).
    #[arg(long)]
    differences: Option<PathBuf>,
    /// Write a self-contained HTML report, with charts and their tables, to this file.
    #[arg(long)]
    report: Option<PathBuf>,
    /// Read CASES as JSON Lines (default: files named .jsonl or .ndjson).
    #[arg(long)]
    json_lines: bool,
    /// Read CASES as CSV, whatever its name.
    #[arg(long, conflicts_with = "json_lines")]
    csv: bool,
    /// Walk with this many threads (default: one a core).
    #[arg(long)]
    threads: Option<usize>,
    /// Print rows a second and peak memory on standard error (for the benchmark).
    #[arg(long, hide = true)]
    stats: bool,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Everything an audit found, for the summary and the report.
pub(crate) struct Found<'a> {
    pub(crate) pathways: &'a [Pathway],
    pub(crate) cases: &'a Path,
    pub(crate) summary: Summary,
}

pub(crate) fn audit(args: Args) -> Result<bool, Failure> {
    let started = std::time::Instant::now();
    let Some((cases, pathway_files)) = args.files.split_last() else {
        return Err(Failure("give a pathway and a file of cases".into()));
    };
    let pathways =
        pathway_files.iter().map(|p| crate::report::load_walkable(p)).collect::<Result<Vec<_>, _>>()?;
    let kind = match (args.json_lines, args.csv) {
        (true, _) => Kind::JsonLines,
        (_, true) => Kind::Csv,
        _ if cases.extension().is_some_and(|e| e == "jsonl" || e == "ndjson") => Kind::JsonLines,
        _ => Kind::Csv,
    };
    let maps = match &args.columns {
        Some(path) => Some(column_maps(path, &pathways)?),
        None => None,
    };
    let file =
        std::fs::File::open(cases).map_err(|e| Failure(format!("cannot read {}: {e}", cases.display())))?;
    let threads = args.threads.unwrap_or_else(crate::cores).max(1);
    // At most this many chunks are out at once (read, being walked, or walked and waiting for
    // an earlier one to be put back in order): the reader takes a token for each chunk, and
    // one is handed back as each is counted. Without the bound, a worker slow on one chunk
    // lets the others' results pile up behind it, and the longer the file, the higher that
    // pile can get once: peak memory then grew with the rows.
    let window = threads * 2;
    let pool = Pool::new(window);
    let mut chunks = Chunks::new(file, kind, &pool);
    let Some(first) = chunks.first_row()? else {
        return refused(cases, &[AuditError::Empty]);
    };
    let (header, first_rows) = match kind {
        Kind::Csv => (csv_header(&first), None),
        Kind::JsonLines => {
            let object: serde_json::Map<String, serde_json::Value> =
                serde_json::from_slice(&first).map_err(|e| {
                    Failure(format!("{}: the first line is not a JSON object: {e}", cases.display()))
                })?;
            let mut rows = first;
            rows.push(b'\n');
            (object.keys().cloned().collect(), Some(rows))
        }
    };
    let names: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut layouts = Vec::new();
    for (k, pathway) in pathways.iter().enumerate() {
        let others: Vec<&Pathway> =
            pathways.iter().enumerate().filter(|(j, _)| *j != k).map(|(_, p)| p).collect();
        let map = maps.as_ref().and_then(|m| m.get(k));
        match Layout::new(pathway, &names, map, &others) {
            Ok(layout) => {
                let unread = layout.unread(pathway);
                if !unread.is_empty() {
                    eprintln!(
                        "note: no column holds {} of {} {}: a case that reaches one stops there, counted as incomplete",
                        unread.join(", "),
                        pathway.meta().id,
                        pathway.meta().version
                    );
                }
                layouts.push(layout);
            }
            Err(problems) => return refused(cases, &problems),
        }
    }
    let wanted = Wanted { outcomes: args.outcomes.is_some(), differences: args.differences.is_some() };
    let mut outcomes = open(args.outcomes.as_deref())?;
    let mut differences = open(args.differences.as_deref())?;
    let stop = AtomicBool::new(false);
    let mut summary = Summary::default();
    let mut printed = 0;
    let mut failed: Option<Failure> = None;
    let (job_tx, job_rx) = mpsc::sync_channel::<(u64, Vec<u8>)>(window);
    let job_rx = Mutex::new(job_rx);
    let (token_tx, token_rx) = mpsc::sync_channel::<()>(window);
    for _ in 0..window {
        token_tx.send(()).map_err(|_| Failure("the audit's reader stopped".into()))?;
    }
    std::thread::scope(|scope| -> Result<(), Failure> {
        let (done_tx, done_rx) = mpsc::sync_channel::<(u64, Walked)>(threads * 2);
        for _ in 0..threads {
            let auditors: Vec<Auditor<'_>> =
                pathways.iter().zip(&layouts).map(|(p, l)| Auditor::new(p, l.clone())).collect();
            let (job_rx, done_tx, pool) = (&job_rx, done_tx.clone(), &pool);
            scope.spawn(move || {
                let mut worker = Worker::new(auditors, kind, wanted, pool);
                loop {
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok((seq, bytes)) = job else { return };
                    let (walked, bytes) = worker.chunk(bytes);
                    pool.give(bytes);
                    if done_tx.send((seq, walked)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        let (stop, failed) = (&stop, &mut failed);
        scope.spawn(move || {
            let mut seq = 0;
            if let Some(rows) = first_rows {
                if token_rx.recv().is_err() || job_tx.send((seq, rows)).is_err() {
                    return;
                }
                seq += 1;
            }
            while !stop.load(Ordering::Relaxed) {
                if token_rx.recv().is_err() {
                    return;
                }
                match chunks.next_chunk() {
                    Ok(Some(chunk)) => {
                        if job_tx.send((seq, chunk)).is_err() {
                            return;
                        }
                        seq += 1;
                    }
                    Ok(None) => return,
                    Err(e) => {
                        *failed = Some(e);
                        return;
                    }
                }
            }
        });
        // Chunks come back in any order; they are counted and written in the file's.
        let mut waiting: BTreeMap<u64, Walked> = BTreeMap::new();
        let mut next = 0;
        let mut rows_before = 0;
        for (seq, walked) in done_rx {
            waiting.insert(seq, walked);
            while let Some(mut walked) = waiting.remove(&next) {
                next += 1;
                // The reader may have stopped already (at the end, or on a failure).
                token_tx.send(()).ok();
                if stop.load(Ordering::Relaxed) {
                    continue;
                }
                write(&mut outcomes, &walked.outcomes)?;
                write(&mut differences, &walked.differences)?;
                pool.give(std::mem::take(&mut walked.outcomes));
                pool.give(std::mem::take(&mut walked.differences));
                for (place, problem) in &walked.unreadable {
                    let row = rows_before + place + 1;
                    summary.unreadable(row, problem);
                    if printed < PRINTED || args.strict {
                        eprintln!("{}: row {row}: {problem}", cases.display());
                        printed += 1;
                    }
                    if let Some(out) = outcomes.as_mut() {
                        let line = serde_json::json!({ "row": row, "error": problem.to_string() });
                        writeln!(out, "{line}")
                            .map_err(|e| Failure(format!("cannot write the outcomes: {e}")))?;
                    }
                    if args.strict {
                        stop.store(true, Ordering::Relaxed);
                        break;
                    }
                }
                rows_before += walked.rows;
                summary.merge(walked.summary);
            }
        }
        Ok(())
    })?;
    if let Some(e) = failed {
        return Err(e);
    }
    if let Some(latest) = pathways.last() {
        summary.finish(latest);
    }
    for out in [&mut outcomes, &mut differences].into_iter().flatten() {
        out.flush().map_err(|e| Failure(format!("cannot write: {e}")))?;
    }
    let unreadable: u64 = summary.unreadable.values().map(|g| g.cases).sum();
    if unreadable > printed {
        eprintln!("… and {} more rows that could not be read (counted in the summary)", unreadable - printed);
    }
    let found = Found { pathways: &pathways, cases, summary };
    if let Some(path) = &args.report {
        std::fs::write(path, html::report(&found))
            .map_err(|e| Failure(format!("cannot write {}: {e}", path.display())))?;
    }
    if args.format == Format::Json {
        println!("{}", serde_json::to_string_pretty(&summary::json(&found))?);
    } else {
        print!("{}", summary::text(&found));
    }
    if args.stats {
        let seconds = started.elapsed().as_secs_f64();
        eprintln!(
            "stats: {} rows in {seconds:.3} s ({:.0} rows/s), {threads} worker(s), peak memory {} kB",
            found.summary.rows,
            found.summary.rows as f64 / seconds.max(1e-9),
            peak_memory_kb().map(|k| k.to_string()).unwrap_or_else(|| "unknown".into())
        );
    }
    Ok(!(args.strict && unreadable > 0))
}

/// The column map, checked against each pathway compared.
fn column_maps(path: &Path, pathways: &[Pathway]) -> Result<Vec<ColumnMap>, Failure> {
    let source = crate::read(path)?;
    let mut maps = Vec::new();
    for pathway in pathways {
        match ColumnMap::from_yaml(pathway, &source) {
            Ok(map) => maps.push(map),
            Err(problems) => {
                let name = path.display().to_string();
                let rendered: String = problems.iter().map(|p| p.render(&name, &source) + "\n").collect();
                return Err(Failure(format!(
                    "{name} cannot be used with {} {}:\n\n{rendered}",
                    pathway.meta().id,
                    pathway.meta().version
                )));
            }
        }
    }
    Ok(maps)
}

fn refused(cases: &Path, problems: &[AuditError]) -> Result<bool, Failure> {
    let rendered: String = problems
        .iter()
        .map(|p| format!("error: {p}\n  --> {}:1\n   = help: {}\n", cases.display(), p.help()))
        .collect();
    Err(Failure(format!("{} cannot be audited:\n\n{rendered}", cases.display())))
}

fn csv_header(first: &[u8]) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(first);
    let mut record = csv::ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(true) => record.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect(),
        _ => Vec::new(),
    }
}

type Output = Option<std::io::BufWriter<Box<dyn Write + Send>>>;

fn open(path: Option<&Path>) -> Result<Output, Failure> {
    let Some(path) = path else { return Ok(None) };
    let out: Box<dyn Write + Send> = if path == Path::new("-") {
        Box::new(std::io::stdout())
    } else {
        Box::new(
            std::fs::File::create(path)
                .map_err(|e| Failure(format!("cannot write {}: {e}", path.display())))?,
        )
    };
    Ok(Some(std::io::BufWriter::with_capacity(1 << 20, out)))
}

fn write(out: &mut Output, bytes: &[u8]) -> Result<(), Failure> {
    match out {
        Some(out) if !bytes.is_empty() => {
            out.write_all(bytes).map_err(|e| Failure(format!("cannot write: {e}")))
        }
        _ => Ok(()),
    }
}

/// The most memory this process has held, from Linux's account of it.
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
