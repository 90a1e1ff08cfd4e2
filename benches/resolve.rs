//! Resolution at scale: deterministic generated registries of 10k and 100k person names
//! (realistic az/tr/ru/us name parts from names-dataset, `benches/common`), queried in the
//! other script.
//!
//! `cargo bench --bench resolve`. Reports index build time (names/s) and the time of one
//! query; set `NAMELINK_BENCH_1M=1` to add the 1M-name registry (builds take seconds).
//! Before the criterion runs, prints p50/p99 query latency over 1,000 queries per size.

use std::hint::black_box;
use std::time::Instant;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use namelink::index::Index;
use namelink::registry::Registry;
use namelink::translit::Transliterator;

mod common;

/// A registry of `n` people with realistic names (`common::realistic_names`: az/tr/ru/us
/// name parts from names-dataset, as frequent as in real registries); ids unique.
fn registry(names: &[String]) -> Registry {
    common::with_people(Registry::new(), names)
}

/// 1,000 queries: registered names spread over the whole registry, written in the other
/// script (Latin names in Russian Cyrillic, Cyrillic ones romanized as English writes them).
fn queries(names: &[String]) -> Vec<String> {
    let to_ru =
        Transliterator::new(namelink::lang::Tag::AZ, namelink::lang::Tag::RU).expect("az -> ru");
    let to_en =
        Transliterator::new(namelink::lang::Tag::RU, namelink::lang::Tag::EN).expect("ru -> en");
    let step = (names.len() / 1000).max(1);
    names
        .iter()
        .step_by(step)
        .take(1000)
        .map(|s| {
            if s.chars().any(|c| ('А'..='я').contains(&c)) {
                to_en.transliterate(s).into_owned()
            } else {
                to_ru.transliterate(s).into_owned()
            }
        })
        .collect()
}

/// Resident and peak resident memory of this process in MB (Linux; 0 elsewhere).
fn memory_mb() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn percentiles(index: &Index, qs: &[String]) -> (f64, f64) {
    let mut times: Vec<f64> = qs
        .iter()
        .map(|q| {
            let t = Instant::now();
            black_box(index.resolve(q, 5));
            t.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let at = |p: f64| {
        times
            .get(((times.len() as f64 - 1.0) * p) as usize)
            .copied()
            .unwrap_or(0.0)
    };
    (at(0.5), at(0.99))
}

fn bench(c: &mut Criterion) {
    let mut sizes = vec![10_000, 100_000];
    if std::env::var_os("NAMELINK_BENCH_1M").is_some() {
        sizes.push(1_000_000);
    }
    let mut g = c.benchmark_group("resolve");
    g.sample_size(10);
    for &n in &sizes {
        let names = common::realistic_names(n, 11);
        let reg = registry(&names);
        let before = memory_mb().0;
        let t = Instant::now();
        let index = Index::new(reg.clone());
        let built = t.elapsed();
        let (rss, peak) = memory_mb();
        eprintln!(
            "resolve {n}: memory {:.0} MB for the index ({:.0} bytes a name, registry included), peak RSS {peak:.0} MB",
            rss - before,
            (rss - before) * 1024.0 * 1024.0 / index.len() as f64
        );
        let mut saved = Vec::new();
        index.save(&mut saved).expect("save");
        let t = Instant::now();
        let loaded = Index::load(&saved[..]).expect("load");
        let load = t.elapsed();
        eprintln!(
            "resolve {n}: saved index {:.1} MB ({:.0} bytes a name); loaded in {:.2?}, {:.1}x faster than building",
            saved.len() as f64 / 1e6,
            saved.len() as f64 / index.len() as f64,
            load,
            built.as_secs_f64() / load.as_secs_f64()
        );
        drop(loaded);
        let qs = queries(&names);
        let (p50, p99) = percentiles(&index, &qs);
        eprintln!(
            "resolve {n}: {} names, index built in {:.2?} ({:.0} names/s); query p50 {p50:.1} µs, p99 {p99:.1} µs",
            index.len(),
            built,
            index.len() as f64 / built.as_secs_f64()
        );
        g.throughput(Throughput::Elements(1));
        g.bench_with_input(BenchmarkId::new("query", n), &index, |b, index| {
            let mut i = 0;
            b.iter(|| {
                i = (i + 1) % qs.len();
                black_box(index.resolve(black_box(&qs[i]), 5))
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
