//! Matching speed: key computation, and prepared-query comparisons of typical two- and
//! three-part person names (a query against 10,000 generated candidates per iteration).
//!
//! `cargo bench --bench compare`. "thrpt" is names keyed, or comparisons made, per second.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use namelink::key::name_key;
use namelink::matcher::Matcher;

mod common;

fn bench(c: &mut Criterion) {
    let mut names = common::azerbaijani_names(5_000, 3);
    names.extend(common::russian_names(5_000, 4));
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
