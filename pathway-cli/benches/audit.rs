//! `pathway audit` measured against its floor: only parsing the same file with the csv crate.
//! Prints figures (docs/performance.md, "pathway audit"); asserts nothing, since this machine
//! kind differs twofold in speed from run to run. Runs are interleaved (floor, summary only,
//! one outcome a case, then again), and medians compared as ratios in the same run.
//!
//!     cargo bench -p pathway-cli --bench audit            # 1,000,000 rows, 5 runs each
//!     ROWS=100000 RUNS=3 cargo bench -p pathway-cli --bench audit
//!
//! The synthetic export is written once, to target/audit-bench/, by `pathway synthetic`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const PATHWAY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../pathways/durham/pathway.yaml");

fn main() {
    let rows: u64 = std::env::var("ROWS").ok().and_then(|r| r.parse().ok()).unwrap_or(1_000_000);
    let runs: usize = std::env::var("RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(5);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/audit-bench");
    std::fs::create_dir_all(&dir).ok();
    let file = export(&dir, rows);
    let bytes = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    println!(
        "{} rows, {:.0} MB, {} columns; {runs} runs each, interleaved",
        rows,
        bytes as f64 / 1e6,
        columns(&file)
    );

    let mut floor = Vec::new();
    let mut summary = Vec::new();
    let mut outcomes = Vec::new();
    for _ in 0..runs {
        floor.push(parse_only(&file, rows));
        summary.push(audit(&file, &["--differences", "/dev/null"]).0);
        outcomes.push(audit(&file, &["--differences", "/dev/null", "--outcomes", "/dev/null"]).0);
    }
    let (f, s, o) = (median(&mut floor), median(&mut summary), median(&mut outcomes));
    let rate = |seconds: f64| rows as f64 / seconds;
    println!("floor: csv crate, parse only     {:>8.3} s  {:>10.0} rows/s", f, rate(f));
    println!(
        "audit: summary and differing ids {:>8.3} s  {:>10.0} rows/s  {:.2} of the floor (at least 0.5 asked)",
        s,
        rate(s),
        f / s
    );
    println!(
        "audit: and one outcome a case    {:>8.3} s  {:>10.0} rows/s  {:.2} of the floor (at least 0.25 asked)",
        o,
        rate(o),
        f / o
    );

    // Memory: the same audits over a tenth of the rows, then all of them, interleaved; the
    // median of three each, since the allocator's high-water mark moves by a megabyte or two
    // from run to run.
    let small = export(&dir, rows / 10);
    for (name, args) in [
        ("summary and differing ids", &["--differences", "/dev/null"][..]),
        ("and one outcome a case", &["--differences", "/dev/null", "--outcomes", "/dev/null"][..]),
    ] {
        let (mut tenth, mut all) = (Vec::new(), Vec::new());
        for _ in 0..3 {
            tenth.push(audit(&small, args).1 as f64);
            all.push(audit(&file, args).1 as f64);
        }
        let (tenth, all) = (median(&mut tenth), median(&mut all));
        println!(
            "peak memory, {name}: {} rows {tenth:.0} kB, {rows} rows {all:.0} kB: {:.3} times (at most 1.10 asked)",
            rows / 10,
            all / tenth.max(1.0)
        );
    }
}

/// The synthetic export of `rows` cases, written once.
fn export(dir: &Path, rows: u64) -> PathBuf {
    let file = dir.join(format!("cases-{rows}.csv"));
    if !file.exists() {
        let status = Command::new(env!("CARGO_BIN_EXE_pathway"))
            .args(["synthetic", PATHWAY, "--cases", &rows.to_string(), "--seed", "1", "--out"])
            .arg(&file)
            .status();
        assert!(status.is_ok_and(|s| s.success()), "pathway synthetic failed");
    }
    file
}

fn columns(file: &Path) -> usize {
    let mut reader = csv::Reader::from_path(file).ok();
    reader.as_mut().and_then(|r| r.byte_headers().ok().map(|h| h.len())).unwrap_or(0)
}

/// The floor: every record of the file read by the csv crate, and nothing done with it.
fn parse_only(file: &Path, rows: u64) -> f64 {
    let started = Instant::now();
    let mut reader = match csv::ReaderBuilder::new().from_path(file) {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    };
    let mut record = csv::ByteRecord::new();
    let mut count = 0u64;
    while reader.read_byte_record(&mut record).unwrap_or(false) {
        count += 1;
    }
    assert_eq!(count, rows);
    started.elapsed().as_secs_f64()
}

/// One audit as a person runs it, timed from outside; with its peak memory in kB.
fn audit(file: &Path, args: &[&str]) -> (f64, u64) {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_pathway"))
        .args(["audit", PATHWAY])
        .arg(file)
        .args(args)
        .arg("--stats")
        .output();
    let seconds = started.elapsed().as_secs_f64();
    let out = match out {
        Ok(o) if o.status.success() => o,
        other => panic!("pathway audit failed: {other:?}"),
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    let peak = stderr
        .lines()
        .find_map(|l| l.split("peak memory ").nth(1))
        .and_then(|rest| rest.trim_end_matches(" kB").trim().parse().ok())
        .unwrap_or(0);
    (seconds, peak)
}

fn median(times: &mut [f64]) -> f64 {
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied().unwrap_or(0.0)
}
