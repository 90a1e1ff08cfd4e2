//! Transliteration throughput over 100,000 generated person names per script, next to
//! `any_ascii` (a context-free, table-driven peer) in the same run.
//!
//! `cargo bench --bench translit`. Each iteration converts the whole corpus; criterion's
//! "thrpt" is names per second. The corpus sizes (bytes, characters) are printed first, so
//! MB/s and time per name follow from the same run.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use namelink::lang::{Lang, Tag};
use namelink::normalize::Normalizer;
use namelink::translit::Transliterator;

mod common;

const N: usize = 100_000;

fn stats(label: &str, names: &[String]) {
    let bytes: usize = names.iter().map(|s| s.len()).sum();
    let chars: usize = names.iter().map(|s| s.chars().count()).sum();
    eprintln!(
        "corpus {label}: {} names, {bytes} bytes, {chars} chars, {:.1} chars/name",
        names.len(),
        chars as f64 / names.len() as f64
    );
}

/// The peer: `any_ascii` over the same names, into the same kind of reused buffer.
fn any_ascii(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    names: &[String],
) {
    g.bench_function(name, |b| {
        let mut buf = String::with_capacity(128);
        b.iter(|| {
            for s in names {
                buf.clear();
                buf.push_str(&any_ascii::any_ascii(black_box(s)));
                black_box(&buf);
            }
        })
    });
}

fn bench(c: &mut Criterion) {
    let ru = common::russian_names(N, 1);
    let az = common::azerbaijani_names(N, 2);
    stats("ru", &ru);
    stats("az", &az);
    let az_cyrl: Vec<String> = {
        let t = Transliterator::new(Tag::AZ, Tag::AZ_CYRL).expect("az -> az-Cyrl");
        az.iter().map(|s| t.transliterate(s).into_owned()).collect()
    };

    let mut g = c.benchmark_group("translit");
    g.sample_size(10);
    g.throughput(Throughput::Elements(N as u64));

    let run = |g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
               name: &str,
               t: Transliterator,
               names: &[String]| {
        g.bench_function(name, |b| {
            let mut buf = String::with_capacity(128);
            b.iter(|| {
                for s in names {
                    buf.clear();
                    t.transliterate_into(black_box(s), &mut buf);
                    black_box(&buf);
                }
            })
        });
    };
    let std = |id| Transliterator::with_standard(Tag::RU, Tag::RU_LATN, id).expect("standard");
    run(&mut g, "ru/icao-9303", std("icao-9303"), &ru);
    any_ascii(&mut g, "ru/any_ascii", &ru);
    run(&mut g, "ru/wikipedia", std("wikipedia"), &ru);
    run(&mut g, "ru/gost-7.79-a", std("gost-7.79-a"), &ru);
    run(
        &mut g,
        "az/az-to-ru",
        Transliterator::new(Tag::AZ, Tag::RU).expect("az-ru"),
        &az,
    );
    any_ascii(&mut g, "az/any_ascii", &az);
    run(
        &mut g,
        "az-Cyrl/az-Cyrl-to-az",
        Transliterator::new(Tag::AZ_CYRL, Tag::AZ).expect("az"),
        &az_cyrl,
    );
    g.finish();

    let mut g = c.benchmark_group("normalize");
    g.sample_size(10);
    g.throughput(Throughput::Elements(N as u64));
    for (label, lang, names) in [("ru", Lang::Ru, &ru), ("az", Lang::Az, &az)] {
        let n = Normalizer::new(lang);
        g.bench_function(label, |b| {
            b.iter(|| {
                for s in names.iter() {
                    black_box(n.normalize(black_box(s)));
                }
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
