//! Any bytes at all, read as `pathway audit` reads an export of past cases for the County
//! Durham pathway: split into records by the audit's own reader, which must read them exactly
//! as the csv crate does; the first record as the header (resolved against the pathway, by its
//! own ids), the rest as rows, each read and walked; and as text, as a column map. Every row
//! must give an outcome or a located problem, never a panic or a hang. Seeded with a synthetic
//! export in the pathway's own columns and the example column map (test.sh writes them).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pathway_core::Pathway;
use pathway_core::audit::{Auditor, ColumnMap, CsvRecords, Layout};
use std::sync::LazyLock;

static DURHAM: LazyLock<Pathway> = LazyLock::new(|| {
    Pathway::from_yaml(include_str!("../../../pathways/durham/pathway.yaml"))
        .expect("the Durham pathway loads")
});

fuzz_target!(|data: &[u8]| {
    let mut records: Vec<Vec<Vec<u8>>> = Vec::new();
    CsvRecords::default().each(data, |fields| records.push(fields.iter().map(|f| f.to_vec()).collect()));
    let reference = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(data);
    let expected: Vec<Vec<Vec<u8>>> =
        reference.into_byte_records().map_while(Result::ok).map(|r| r.iter().map(<[u8]>::to_vec).collect()).collect();
    assert_eq!(records, expected, "the audit's reader and the csv crate read the same records");

    let mut records = records.into_iter();
    let Some(first) = records.next() else { return };
    let header: Vec<String> = first.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect();
    let names: Vec<&str> = header.iter().map(String::as_str).collect();
    let map = std::str::from_utf8(data).ok().and_then(|text| ColumnMap::from_yaml(&DURHAM, text).ok());
    let Ok(layout) = Layout::new(&DURHAM, &names, map.as_ref(), &[]) else { return };
    let mut auditor = Auditor::new(&DURHAM, layout);
    for record in records.take(64) {
        let fields: Vec<&[u8]> = record.iter().map(Vec::as_slice).collect();
        let _ = auditor.layout().id(&fields);
        if let Ok(walked) = auditor.walk(&fields) {
            // A walk that ends is complete; one that stops names the step it stopped at.
            assert_eq!(walked.outcome.complete, walked.outcome.stopped_at.is_none());
        }
    }
});
