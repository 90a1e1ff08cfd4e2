//! namelink next to the Rust crates a user would reach for otherwise, timed in one run on the
//! same data, each printing its ratio to the peer:
//!
//! * **Cyrillic → Latin**, 100,000 Russian names: namelink's ICAO, BGN/PCGN and ru → az
//!   tables (with their context rules) against `deunicode` and `any_ascii` (context-free),
//!   every converter writing into a reused buffer.
//! * **All-pairs compare**, 1,000 × 1,000 distinct names (realistic az/tr/ru/us names, the
//!   second set the first written in the other script), every name prepared once: namelink's
//!   matcher against `rapidfuzz`'s Jaro–Winkler `BatchComparator` and `strsim`'s Jaro–Winkler
//!   on the names folded to lower-case ASCII by `any_ascii` (what a peer needs to compare
//!   scripts at all). Also prints each one's diagonal top-1: how often a name's best match
//!   among the 1,000 is its own other spelling.
//! * **Resolve top-1**, 10,000 registered names, 1,000 queries in the other script: the index
//!   against a `rapidfuzz` Jaro–Winkler scan of every name (the peer has no index).
//!
//! `cargo bench --bench peers`. The printed lines come first (one timed pass each); criterion
//! then times each pair again.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use namelink::index::Index;
use namelink::lang::Tag;
use namelink::matcher::Matcher;
use namelink::registry::Registry;
use namelink::translit::Transliterator;
use rapidfuzz::distance::jaro_winkler;

mod common;

/// Lower-case ASCII, the way a peer compares names across scripts.
fn fold(s: &str) -> Vec<char> {
    any_ascii::any_ascii(s).to_lowercase().chars().collect()
}

/// Seconds one call of `f` takes (the best of three).
fn timed(mut f: impl FnMut()) -> f64 {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn translit(c: &mut Criterion) {
    let names = common::russian_names(100_000, 1);
    let n = names.len() as f64;
    let std = |id| Transliterator::with_standard(Tag::RU, Tag::RU_LATN, id).expect("standard");
    let ours = [
        ("icao-9303", std("icao-9303")),
        ("bgn-pcgn", std("bgn-pcgn")),
        (
            "ru-to-az",
            Transliterator::new(Tag::RU, Tag::AZ).expect("ru -> az"),
        ),
    ];
    let mut buf = String::with_capacity(128);
    let any_ascii_s = timed(|| {
        for s in &names {
            buf.clear();
            for ch in s.chars() {
                buf.push_str(any_ascii::any_ascii_char(ch));
            }
            black_box(&buf);
        }
    });
    let deunicode_s = timed(|| {
        for s in &names {
            buf.clear();
            for ch in s.chars() {
                buf.push_str(deunicode::deunicode_char(ch).unwrap_or(""));
            }
            black_box(&buf);
        }
    });
    eprintln!(
        "peers/translit: 100k Russian names; any_ascii {:.2} M names/s, deunicode {:.2} M names/s (reused buffer)",
        n / any_ascii_s / 1e6,
        n / deunicode_s / 1e6
    );
    for (label, t) in &ours {
        let s = timed(|| {
            for name in &names {
                buf.clear();
                t.transliterate_into(name, &mut buf);
                black_box(&buf);
            }
        });
        eprintln!(
            "  namelink {label}: {:.2} M names/s = {:.2}x any_ascii, {:.2}x deunicode",
            n / s / 1e6,
            any_ascii_s / s,
            deunicode_s / s
        );
    }
    let mut g = c.benchmark_group("peers/translit");
    g.sample_size(10);
    g.throughput(Throughput::Elements(names.len() as u64));
    let (_, icao) = &ours[0];
    g.bench_function("namelink-icao", |b| {
        let mut buf = String::with_capacity(128);
        b.iter(|| {
            for s in &names {
                buf.clear();
                icao.transliterate_into(black_box(s), &mut buf);
                black_box(&buf);
            }
        })
    });
    g.bench_function("any_ascii", |b| {
        let mut buf = String::with_capacity(128);
        b.iter(|| {
            for s in &names {
                buf.clear();
                for ch in black_box(s).chars() {
                    buf.push_str(any_ascii::any_ascii_char(ch));
                }
                black_box(&buf);
            }
        })
    });
    g.finish();
}

/// 1,000 distinct realistic names and the same names in the other script.
fn two_spellings(n: usize) -> (Vec<String>, Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    let names: Vec<String> = common::realistic_names(n * 3, 29)
        .into_iter()
        .filter(|s| seen.insert(s.clone()))
        .take(n)
        .collect();
    let other = common::other_script(&names, names.len());
    (names, other)
}

/// How often row `i`'s best column is `i`, over an all-pairs score function.
fn diagonal_top1(n: usize, score: impl Fn(usize, usize) -> f64) -> f64 {
    let right = (0..n)
        .filter(|&i| {
            let best = (0..n)
                .map(|j| (j, score(i, j)))
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            best.is_some_and(|(j, _)| j == i)
        })
        .count();
    right as f64 / n as f64
}

fn all_pairs(c: &mut Criterion) {
    let (a, b) = two_spellings(1000);
    let n = a.len();
    let pairs = (n * n) as f64;
    let matcher = Matcher::new();
    let pa: Vec<_> = a.iter().map(|s| matcher.prepare(s)).collect();
    let pb: Vec<_> = b.iter().map(|s| matcher.prepare(s)).collect();
    let fa: Vec<Vec<char>> = a.iter().map(|s| fold(s)).collect();
    let fb: Vec<Vec<char>> = b.iter().map(|s| fold(s)).collect();
    let sa: Vec<String> = fa.iter().map(|s| s.iter().collect()).collect();
    let sb: Vec<String> = fb.iter().map(|s| s.iter().collect()).collect();
    let batch: Vec<_> = fa
        .iter()
        .map(|s| jaro_winkler::BatchComparator::new(s.iter().copied()))
        .collect();
    let ours = timed(|| {
        for x in &pa {
            for y in &pb {
                black_box(matcher.score_prepared(x, y));
            }
        }
    });
    let rf = timed(|| {
        for x in &batch {
            for y in &fb {
                black_box(x.normalized_similarity(y.iter().copied()));
            }
        }
    });
    let ss = timed(|| {
        for x in &sa {
            for y in &sb {
                black_box(strsim::jaro_winkler(x, y));
            }
        }
    });
    let top_ours = diagonal_top1(n, |i, j| matcher.score_prepared(&pa[i], &pb[j]));
    let top_rf = diagonal_top1(n, |i, j| {
        batch[i].normalized_similarity(fb[j].iter().copied())
    });
    eprintln!(
        "peers/all-pairs: {n} x {n} distinct names, other script; namelink {:.2} M pairs/s (top-1 {top_ours:.3}); rapidfuzz JW BatchComparator {:.2} M pairs/s (top-1 {top_rf:.3}) = namelink {:.2}x; strsim JW {:.2} M pairs/s = namelink {:.2}x",
        pairs / ours / 1e6,
        pairs / rf / 1e6,
        rf / ours,
        pairs / ss / 1e6,
        ss / ours
    );
    let mut g = c.benchmark_group("peers/all-pairs");
    g.sample_size(10);
    g.throughput(Throughput::Elements(pairs as u64));
    g.bench_function("namelink", |bch| {
        bch.iter(|| {
            for x in &pa {
                for y in &pb {
                    black_box(matcher.score_prepared(x, y));
                }
            }
        })
    });
    g.bench_function("rapidfuzz-jw-batch", |bch| {
        bch.iter(|| {
            for x in &batch {
                for y in &fb {
                    black_box(x.normalized_similarity(y.iter().copied()));
                }
            }
        })
    });
    g.finish();
}

fn resolve(c: &mut Criterion) {
    let names = common::realistic_names(10_000, 5);
    let queries = common::other_script(&names, 1000);
    let index = Index::new(common::with_people(Registry::new(), &names));
    let ids: Vec<String> = (0..names.len()).map(|i| format!("p{i}")).collect();
    let folded: Vec<Vec<char>> = names.iter().map(|s| fold(s)).collect();
    // The query maker spreads its queries over the list: query k is of name k * n / count.
    let want = |k: usize| k * names.len() / queries.len();
    let q = queries.len() as f64;
    let ours = timed(|| {
        for query in &queries {
            black_box(index.resolve(query, 1));
        }
    });
    // The same without explanations (`Options::explain(false)`): the peer explains nothing.
    let bare = namelink::resolve::Options::new().top(1).explain(false);
    let ours_bare = timed(|| {
        for query in &queries {
            black_box(index.resolve_with(query, &bare));
        }
    });
    let scan = |query: &str| {
        let cmp = jaro_winkler::BatchComparator::new(fold(query));
        (0..folded.len())
            .map(|j| (j, cmp.normalized_similarity(folded[j].iter().copied())))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(j, _)| j)
    };
    let rf = timed(|| {
        for query in &queries {
            black_box(scan(query));
        }
    });
    // (A name can repeat in the list: the right answer is any entity of that name.)
    let same_name = |k: usize, j: usize| names.get(j) == names.get(want(k));
    let top_ours = (0..queries.len())
        .filter(|&k| {
            index.resolve(&queries[k], 1).first().is_some_and(|m| {
                ids.iter()
                    .position(|id| *id == m.id)
                    .is_some_and(|j| same_name(k, j))
            })
        })
        .count() as f64
        / q;
    let top_rf = (0..queries.len())
        .filter(|&k| scan(&queries[k]).is_some_and(|j| same_name(k, j)))
        .count() as f64
        / q;
    eprintln!(
        "peers/resolve: 10k names, 1,000 other-script queries, top 1; namelink {:.0} q/s (top-1 {top_ours:.3}), {:.0} q/s without explanations; rapidfuzz JW scan {:.0} q/s (top-1 {top_rf:.3}) = namelink {:.0}x ({:.0}x)",
        q / ours,
        q / ours_bare,
        q / rf,
        rf / ours,
        rf / ours_bare
    );
    let mut g = c.benchmark_group("peers/resolve-10k");
    g.sample_size(10);
    g.throughput(Throughput::Elements(queries.len() as u64));
    g.bench_function("namelink", |b| {
        b.iter(|| {
            for query in &queries {
                black_box(index.resolve(black_box(query), 1));
            }
        })
    });
    g.bench_function("namelink-unexplained", |b| {
        b.iter(|| {
            for query in &queries {
                black_box(index.resolve_with(black_box(query), &bare));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, translit, all_pairs, resolve);
criterion_main!(benches);
