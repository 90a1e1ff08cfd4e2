//! Matching speed: key computation, and prepared-query comparisons of typical two- and
//! three-part person names (a query against 10,000 candidates per iteration).
//!
//! `cargo bench --bench compare`. "thrpt" is names keyed, or comparisons made, per second.
//! The names are realistic ones (`common::realistic_names`: parts from names-dataset, as
//! frequent as in real registries), so the per-thread memories of word keys and part scores
//! see the reuse real lists have; `name_key/unseen` keys names made of words never seen
//! before, the cost without that memory.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use namelink::key::name_key;
use namelink::matcher::Matcher;

mod common;

fn bench(c: &mut Criterion) {
    let names = common::realistic_names(10_000, 3);
    // Words no memory has seen: syllables drawn at random, a fresh set per iteration.
    let mut r = common::Lcg(17);
    let mut unseen = |n: usize| -> Vec<String> {
        const SYL: [&str; 16] = [
            "ka", "ro", "mi", "ta", "lu", "ve", "sa", "dor", "ny", "qe", "zi", "bol", "ar", "un",
            "et", "sh",
        ];
        (0..n)
            .map(|_| {
                let mut word = |k: usize| -> String {
                    let mut w: String = (0..k).map(|_| SYL[r.next() as usize % 16]).collect();
                    if let Some(f) = w.get_mut(..1) {
                        f.make_ascii_uppercase();
                    }
                    w
                };
                format!("{} {}", word(3), word(4))
            })
            .collect()
    };
    let matcher = Matcher::new();

    let mut g = c.benchmark_group("key");
    g.sample_size(10);
    g.throughput(Throughput::Elements(names.len() as u64));
    g.bench_function("name_key", |b| {
        b.iter(|| {
            for n in &names {
                black_box(name_key(black_box(n)));
            }
        })
    });
    g.bench_function("name_key/unseen", |b| {
        b.iter_batched(
            || unseen(names.len()),
            |fresh| {
                for n in &fresh {
                    black_box(name_key(black_box(n)));
                }
            },
            criterion::BatchSize::LargeInput,
        )
    });
    g.finish();

    let prepared: Vec<_> = names.iter().map(|n| matcher.prepare(n)).collect();
    let queries = [
        matcher.prepare("Sahil Babayev"),
        matcher.prepare("Сахил Бабаев"),
        matcher.prepare("Mahinur Özdemir Göktaş"),
    ];
    let mut g = c.benchmark_group("compare");
    g.sample_size(10);
    g.throughput(Throughput::Elements(prepared.len() as u64));
    for (label, q) in ["az-2", "ru-2", "tr-3"].iter().zip(&queries) {
        g.bench_function(format!("prepared/{label}"), |b| {
            b.iter(|| {
                let mut best = 0.0f64;
                for p in &prepared {
                    best = best.max(matcher.score_prepared(black_box(q), p));
                }
                black_box(best)
            })
        });
    }
    g.finish();

    // Both names keyed on every call, with the explanation: what `namelink compare` does.
    let mut g = c.benchmark_group("compare-unprepared");
    g.sample_size(10);
    g.throughput(Throughput::Elements(1000));
    g.bench_function("az-2", |b| {
        b.iter(|| {
            for n in names.iter().take(1000) {
                black_box(matcher.compare(black_box("Sahil Babayev"), n).score);
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
