//! How fast pathways load and walk: generated pathways of 100, 1,000 and 10,000 steps, and the
//! County Durham pathway. Prints figures; never fails on a slow machine.
//!
//! Run with `cargo bench -p pathway-core --bench walk`. Figures are kept in docs/performance.md.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use pathway_core::{Answer, Pathway, Position, Reply, Session, StepKind};
use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

/// A pathway of `n` steps: yes/no questions that either go to the next step or skip one, with
/// a 24-item checklist every 25 steps, a route every 5 steps, and a risk model.
fn generated(n: usize) -> String {
    let mut y = String::from(
        "pathway: { id: generated, title: Generated, version: \"1\", area: Benchmarks, owner: Benchmarks, last_reviewed: 2026-11-01, disclaimer: For benchmarks. }\nstart: s0\nsteps:\n",
    );
    for i in 0..n {
        let next = |k: usize| if k < n { format!("s{k}") } else { "end".into() };
        if i % 25 == 0 {
            let _ = writeln!(
                y,
                "  - id: s{i}\n    kind: checklist\n    title: Checklist {i}\n    next: {}\n    items:",
                next(i + 1)
            );
            for j in 0..24 {
                let _ = writeln!(y, "      - {{ id: i{j}, text: Item {j}, significant: {} }}", j % 3 == 0);
            }
        } else {
            let _ = writeln!(
                y,
                "  - id: s{i}\n    kind: yes_no\n    title: Question {i}\n    answers: [{{ answer: \"no\", next: {} }}]\n    next: {}",
                next(i + 2).replace(&format!("s{}", n), "end"),
                next(i + 1)
            );
        }
    }
    y.push_str("risk:\n  checklist: s0\n  levels:\n    - { id: high, label: High, when: { score: { step: s0, at_least: 14 } } }\n    - { id: standard, label: Standard }\n");
    y.push_str("destinations:\n");
    for d in 0..20 {
        let _ =
            writeln!(y, "  - {{ id: d{d}, name: Destination {d}, category: specialist, urgency: routine }}");
    }
    y.push_str("routes:\n  - { id: high, when: { risk: high }, refer: [d0], reason: High risk. }\n");
    for i in (1..n).step_by(5).filter(|i| i % 25 != 0) {
        let _ = writeln!(
            y,
            "  - {{ id: r{i}, when: {{ answer: {{ step: s{i}, is: \"yes\" }} }}, refer: [d{}], reason: Route {i}. }}",
            i % 20
        );
    }
    y
}

/// Answers every question "yes" (every checklist item too) until the end.
fn answers(p: &Pathway) -> Vec<Answer> {
    let mut s = Session::new(p);
    let mut out = Vec::new();
    while let Ok(Position::Asking(step)) = s.position(p) {
        let answer = match &step.kind {
            StepKind::YesNo { .. } => Answer::Reply(Reply::Yes),
            StepKind::Checklist { items, .. } => {
                Answer::Checklist(items.iter().map(|i| (i.id.clone(), Reply::Yes)).collect())
            }
            StepKind::SingleChoice { options } => Answer::Choice(options[0].id.clone()),
            StepKind::MultipleChoice { options } => Answer::Choices(vec![options[0].id.clone()]),
            StepKind::Number { min, .. } => Answer::Number(*min + 3),
            StepKind::Text { .. } => Answer::Text("reason".into()),
            StepKind::Info => Answer::Continue,
        };
        if s.answer(p, answer.clone()).is_err() {
            break;
        }
        out.push(answer);
    }
    out
}

fn walk(p: &Pathway, answers: &[Answer]) -> Session {
    let mut s = Session::new(p);
    for a in answers {
        let _ = s.answer(p, a.clone());
    }
    s
}

fn bench(c: &mut Criterion) {
    let durham = std::fs::read_to_string("../pathways/durham/pathway.yaml").unwrap_or_default();
    let mut cases: Vec<(String, String)> =
        [100, 1_000, 10_000].iter().map(|n| (format!("{n} steps"), generated(*n))).collect();
    cases.push(("durham".into(), durham));

    let mut load = c.benchmark_group("load and validate");
    load.measurement_time(Duration::from_secs(4)).sample_size(20);
    for (name, yaml) in &cases {
        load.throughput(Throughput::Bytes(yaml.len() as u64));
        load.bench_with_input(BenchmarkId::from_parameter(name), yaml, |b, y| {
            b.iter(|| Pathway::from_yaml(black_box(y)))
        });
    }
    load.finish();

    // What the practitioner's browser does instead: read the compiled form (checksum, decode,
    // structural check), with no YAML parser or validator.
    let mut read = c.benchmark_group("read compiled");
    read.measurement_time(Duration::from_secs(4)).sample_size(20);
    for (name, yaml) in &cases {
        let Ok(bytes) = Pathway::from_yaml(yaml)
            .map_err(|e| e.to_string())
            .and_then(|p| p.to_compiled().map_err(|e| e.to_string()))
        else {
            panic!("{name} does not compile")
        };
        read.throughput(Throughput::Bytes(bytes.len() as u64));
        read.bench_with_input(BenchmarkId::from_parameter(name), &bytes, |b, bytes| {
            b.iter(|| Pathway::from_compiled(black_box(bytes)))
        });
    }
    read.finish();

    let mut step = c.benchmark_group("answer one step (whole walk / steps)");
    step.measurement_time(Duration::from_secs(4)).sample_size(10);
    let mut evaluate = Vec::new();
    for (name, yaml) in &cases {
        let Ok(p) = Pathway::from_yaml(yaml) else { panic!("{name} does not load") };
        let given = answers(&p);
        step.throughput(Throughput::Elements(given.len() as u64));
        step.bench_with_input(
            BenchmarkId::new(name.as_str(), format!("{} answers", given.len())),
            &given,
            |b, g| b.iter(|| walk(&p, black_box(g))),
        );
        evaluate.push((name.clone(), p, given));
    }
    step.finish();

    let mut outcome = c.benchmark_group("full outcome evaluation");
    outcome.measurement_time(Duration::from_secs(4)).sample_size(20);
    for (name, p, given) in &evaluate {
        let session = walk(p, given);
        outcome.throughput(Throughput::Elements(1));
        outcome.bench_function(BenchmarkId::new("with reasons", name), |b| {
            b.iter(|| black_box(&session).outcome(p))
        });
        outcome.bench_function(BenchmarkId::new("decision only", name), |b| {
            b.iter(|| black_box(&session).decision(p).map(|d| d.referrals.len()))
        });
        let fresh: Session = Session::resume(
            p,
            serde_json::from_str(&serde_json::to_string(&session).unwrap_or_default())
                .unwrap_or_else(|_| Session::new(p)),
        )
        .unwrap_or_else(|_| Session::new(p));
        let saved = serde_json::to_string(&fresh).unwrap_or_default();
        outcome.bench_function(BenchmarkId::new("from saved answers, checked", name), |b| {
            b.iter(|| {
                let s: Session = serde_json::from_str(black_box(&saved)).unwrap_or_else(|_| Session::new(p));
                Session::resume(p, s).map(|s| s.decision(p).map(|d| d.referrals.len()))
            })
        });
    }
    outcome.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
