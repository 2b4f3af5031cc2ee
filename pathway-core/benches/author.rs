//! How fast the author's tools run on the County Durham pathway: `verify` (every declared
//! property proven over every walk), the exact outcome tables, and the mutation check.
//! Prints figures; never fails on a slow machine.
//!
//! Run with `cargo bench -p pathway-core --bench author`. Figures are kept in docs/performance.md.

use criterion::{Criterion, criterion_group, criterion_main};
use pathway_core::{CaseStudy, Pathway, VERIFY_LIMIT};
use std::hint::black_box;
use std::time::Duration;

fn durham() -> Pathway {
    let source = include_str!("../../pathways/durham/pathway.yaml");
    Pathway::from_yaml(source).unwrap_or_else(|e| panic!("{e}"))
}

fn cases() -> Vec<(String, CaseStudy)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../pathways/durham/cases");
    let mut paths: Vec<_> =
        std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            (p.display().to_string(), CaseStudy::from_yaml(&text).unwrap_or_else(|e| panic!("{e}")))
        })
        .collect()
}

fn author_tools(c: &mut Criterion) {
    let p = durham();
    let mut group = c.benchmark_group("durham");
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    group.bench_function("verify", |b| b.iter(|| black_box(p.verify(VERIFY_LIMIT))));
    group.bench_function("outcome tables", |b| b.iter(|| black_box(p.analyse(5_000_000))));
    let cases = cases();
    group.sample_size(10).measurement_time(Duration::from_secs(60));
    group.bench_function("mutants", |b| b.iter(|| black_box(p.mutants(&cases))));
    group.finish();
}

criterion_group!(benches, author_tools);
criterion_main!(benches);
