//! Linear time: each stage on pathological input of doubling size (64, 128, 256 kB), and
//! once on 10 MB lines. A linear stage takes twice the time for twice the input; criterion's
//! report shows it.
//!
//! `cargo bench --bench scaling`.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use namelink::index::Index;
use namelink::key::name_key;
use namelink::lang::Lang;
use namelink::link::Linker;
use namelink::matcher::compare;
use namelink::normalize::normalize;
use namelink::registry::Registry;

/// `bytes` of each pathological pattern.
fn inputs(bytes: usize) -> Vec<(&'static str, String)> {
    let fill = |unit: &str| unit.repeat(bytes / unit.len());
    vec![
        ("one-letter-tokens", fill("a ")),
        ("combining-marks", format!("a{}", fill("\u{301}"))),
        ("capitalised-words", fill("Sahil Babayevlə ")),
        ("zero-width", fill("Sa\u{200D}")),
        // Runs of one-letter words (`S a h i l` is put back together) between longer ones.
        ("one-letter-runs", fill("a b c Word ")),
    ]
}

/// Every stage once on `line`, timed; one line of output.
fn once(what: &str, line: &str, linker: &Linker<'_>) {
    let t = std::time::Instant::now();
    let tokens = normalize(line, Lang::Auto).tokens.len();
    let normalized = t.elapsed();
    let t = std::time::Instant::now();
    let parts = name_key(line).parts.len();
    let keyed = t.elapsed();
    let t = std::time::Instant::now();
    let score = compare(line, "Sahil Babayev").score;
    let compared = t.elapsed();
    let t = std::time::Instant::now();
    let mentions = linker.link(line, Lang::Auto).count();
    let linked = t.elapsed();
    println!(
        "10 MB single line, {what} ({:.1} MB): normalize {normalized:.2?} ({tokens} tokens), \
         name_key {keyed:.2?} ({parts} parts kept), compare {compared:.2?} ({score:.2}), link \
         {linked:.2?} ({mentions} mentions)",
        line.len() as f64 / 1e6
    );
}

fn bench(c: &mut Criterion) {
    let index = Index::new(Registry::builtin());
    let linker = Linker::new(&index);
    // Once, before the doubling: every stage on two 10 MB single lines.
    let names = "Sahil Babayevlə Türkiyənin S.Babayev Анаром Алиевым ".repeat(10_000_000 / 60);
    once("names", &names, &linker);
    let runs = "a b c Word ".repeat(10_000_000 / 11);
    once("one-letter runs", &runs, &linker);
    for stage in ["normalize", "name_key", "compare", "link"] {
        let mut g = c.benchmark_group(format!("scaling/{stage}"));
        g.sample_size(10);
        for kb in [64, 128, 256] {
            for (what, text) in inputs(kb * 1024) {
                g.throughput(Throughput::Bytes(text.len() as u64));
                g.bench_with_input(BenchmarkId::new(what, kb), &text, |b, text| {
                    b.iter(|| match stage {
                        "normalize" => black_box(normalize(text, Lang::Auto).tokens.len()),
                        "name_key" => black_box(name_key(text).parts.len()),
                        "compare" => black_box(compare(text, "Sahil Babayev").score as usize),
                        _ => black_box(linker.link(text, Lang::Auto).count()),
                    })
                });
            }
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
