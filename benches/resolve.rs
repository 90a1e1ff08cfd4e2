//! Resolution at scale: deterministic generated registries of 10k and 100k person names
//! (realistic az/tr/ru/us name parts from names-dataset, `benches/common`), queried in the
//! other script (`common::other_script`).
//!
//! `cargo bench --bench resolve`; set `NAMELINK_BENCH_1M=1` to add the 1M-name registry.
//! Before the criterion runs, prints per size: build time (names/s, one core), the index's
//! memory (`Index::memory_usage`) and the process's peak RSS, the saved file's size and
//! how much faster loading it is than building, and p50/p99 query latency over 1,000
//! queries; then the same for a skewed registry of the largest size (a fifth of the names
//! sharing five surnames), queried in the other script and with names that share only the
//! surname.

use std::hint::black_box;
use std::time::Instant;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use namelink::index::Index;
use namelink::registry::Registry;
use namelink::resolve::Options;

mod common;

/// A registry of `n` people with realistic names (`common::realistic_names`: az/tr/ru/us
/// name parts from names-dataset, as frequent as in real registries); ids unique.
fn registry(names: &[String]) -> Registry {
    common::with_people(Registry::new(), names)
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
    percentiles_with(index, qs, &Options::new().top(5)).0
}

/// p50 and p99 of one query in µs, and queries a second (one thread), under `options`.
fn percentiles_with(index: &Index, qs: &[String], options: &Options) -> ((f64, f64), f64) {
    let mut times: Vec<f64> = qs
        .iter()
        .map(|q| {
            let t = Instant::now();
            black_box(index.resolve_with(q, options));
            t.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    let per_second = times.len() as f64 / (times.iter().sum::<f64>() / 1e6);
    times.sort_by(f64::total_cmp);
    let at = |p: f64| {
        times
            .get(((times.len() as f64 - 1.0) * p) as usize)
            .copied()
            .unwrap_or(0.0)
    };
    ((at(0.5), at(0.99)), per_second)
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
        let t = Instant::now();
        let index = Index::new(reg);
        let built = t.elapsed();
        let (_, peak) = memory_mb();
        eprintln!(
            "resolve {n}: {} names, index built in {built:.2?} ({:.0} names/s); memory {:.1} MB ({:.0} bytes a name, entities included), peak RSS {peak:.0} MB",
            index.len(),
            index.len() as f64 / built.as_secs_f64(),
            index.memory_usage() as f64 / 1e6,
            index.memory_usage() as f64 / index.len() as f64,
        );
        let path =
            std::env::temp_dir().join(format!("namelink-bench-{n}-{}.idx", std::process::id()));
        index.save_file(&path).expect("save");
        let size = std::fs::metadata(&path).map_or(0, |m| m.len());
        // The median of three loads: the first may meet the file's pages still being written.
        let mut loads: Vec<_> = (0..3)
            .map(|_| {
                let t = Instant::now();
                drop(Index::load_file(&path).expect("load"));
                t.elapsed()
            })
            .collect();
        loads.sort();
        let load = loads[1];
        let _ = std::fs::remove_file(&path);
        eprintln!(
            "resolve {n}: saved index {:.1} MB ({:.0} bytes a name); loaded from the file in {load:.2?} (median of 3), {:.1}x faster than building",
            size as f64 / 1e6,
            size as f64 / index.len() as f64,
            built.as_secs_f64() / load.as_secs_f64()
        );
        let qs = common::other_script(&names, 1000);
        let (p50, p99) = percentiles(&index, &qs);
        eprintln!("resolve {n}: query p50 {p50:.1} µs, p99 {p99:.1} µs (top 5, with explanations)");
        // The screening shape: the best entity only, with and without its explanation.
        for (options, what) in [
            (Options::new().top(1), "top 1, explained"),
            (
                Options::new().top(1).explain(false),
                "top 1, no explanation",
            ),
        ] {
            let ((p50, p99), qps) = percentiles_with(&index, &qs, &options);
            eprintln!("resolve {n}: {what}: {qps:.0} queries/s, p50 {p50:.1} µs, p99 {p99:.1} µs");
        }
        g.throughput(Throughput::Elements(1));
        g.bench_with_input(BenchmarkId::new("query", n), &index, |b, index| {
            let mut i = 0;
            b.iter(|| {
                i = (i + 1) % qs.len();
                black_box(index.resolve(black_box(&qs[i]), 5))
            })
        });
    }
    // A skewed registry: a fifth of the names share five surnames (common::skewed_names).
    // Queried with other-script spellings of its names, and with names that share only one
    // of those surnames (an unknown given name): the work per query is capped.
    let n = *sizes.last().unwrap_or(&100_000);
    let names = common::skewed_names(n, 13);
    let index = Index::new(registry(&names));
    let qs = common::other_script(&names, 1000);
    let (p50, p99) = percentiles(&index, &qs);
    let strangers: Vec<String> = (0..1000)
        .map(|i| {
            let s = common::SKEW_SURNAMES[i % common::SKEW_SURNAMES.len()];
            format!("Qzx{}w {s}", (b'a' + (i % 26) as u8) as char)
        })
        .collect();
    let (s50, s99) = percentiles(&index, &strangers);
    eprintln!(
        "resolve skewed {n} (20% share five surnames): query p50 {p50:.1} µs, p99 {p99:.1} µs; \
         only the surname shared: p50 {s50:.1} µs, p99 {s99:.1} µs"
    );
    g.bench_with_input(
        BenchmarkId::new("skewed-surname-only", n),
        &index,
        |b, index| {
            let mut i = 0;
            b.iter(|| {
                i = (i + 1) % strangers.len();
                black_box(index.resolve(black_box(&strangers[i]), 5))
            })
        },
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
