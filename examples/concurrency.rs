//! Concurrency under load: 8 threads share one index and one linker, make 1,000,000
//! resolutions and 10,000 linkings between them, and must give exactly the answers of a
//! sequential run; then the throughput with 1 and 2 threads.
//!
//! ```text
//! cargo run --release --example concurrency
//! ```

use std::time::Instant;

use namelink::index::Index;
use namelink::lang::{Lang, Tag};
use namelink::link::Linker;
use namelink::registry::{Entity, EntityKind, Registry};
use namelink::translit::Transliterator;

const PARTS: [&str; 16] = [
    "Sahil",
    "Anar",
    "Derya",
    "Mahinur",
    "Sergey",
    "Olga",
    "John",
    "Leyla",
    "Babayev",
    "Aliyev",
    "Yanık",
    "Göktaş",
    "Kuznetsov",
    "Smirnova",
    "Thompson",
    "Məmmədov",
];

fn main() {
    // 10,000 people from 16 parts in 3 positions (repeats and near neighbours on purpose).
    let mut registry = Registry::builtin();
    let mut names = Vec::new();
    for i in 0..10_000usize {
        let name = format!(
            "{} {} {}",
            PARTS[i % 8],
            PARTS[8 + (i / 8) % 8],
            PARTS[(i / 64) % 16]
        );
        let _ = registry.push(Entity::new(
            format!("p{i}"),
            EntityKind::Person,
            vec![name.clone()],
        ));
        names.push(name);
    }
    let index = Index::new(registry);
    let linker = Linker::new(&index);
    let to_ru = Transliterator::new(Tag::AZ, Tag::RU).expect("az -> ru");
    let queries: Vec<String> = names
        .iter()
        .step_by(10)
        .map(|n| to_ru.transliterate(n).into_owned())
        .collect();
    let texts: Vec<String> = names
        .iter()
        .step_by(100)
        .map(|n| format!("Nazir {n} Bakı'ya gəlib. {n}lə görüş Türkiyədə olub."))
        .collect();

    let resolve = |q: &String| -> Vec<(String, u64)> {
        index
            .resolve(q, 3)
            .into_iter()
            .map(|m| (m.id, m.score.to_bits()))
            .collect()
    };
    let link = |t: &String| -> Vec<(usize, String)> {
        linker
            .link(t, Lang::Auto)
            .map(|m| (m.span.start, m.id))
            .collect()
    };
    let sequential: Vec<_> = queries.iter().map(resolve).collect();
    let linked: Vec<_> = texts.iter().map(link).collect();

    const THREADS: usize = 8;
    const TOTAL: usize = 1_000_000;
    let t = Instant::now();
    let mismatches: usize = std::thread::scope(|s| {
        let handles: Vec<_> = (0..THREADS)
            .map(|k| {
                let (queries, sequential, texts, linked) = (&queries, &sequential, &texts, &linked);
                s.spawn(move || {
                    let mut bad = 0;
                    for i in 0..TOTAL / THREADS {
                        let j = (i * 7 + k * 131) % queries.len();
                        bad += usize::from(resolve(&queries[j]) != sequential[j]);
                        if i % 100 == 0 {
                            let j = (i / 100 + k) % texts.len();
                            bad += usize::from(link(&texts[j]) != linked[j]);
                        }
                    }
                    bad
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no panic"))
            .sum()
    });
    println!(
        "{THREADS} threads: {TOTAL} resolutions and {} linkings in {:.1?}, {mismatches} differ from the sequential run",
        TOTAL / 100,
        t.elapsed()
    );
    assert_eq!(mismatches, 0);

    for threads in [1usize, 2] {
        let n = 20_000;
        let t = Instant::now();
        std::thread::scope(|s| {
            for k in 0..threads {
                let queries = &queries;
                s.spawn(move || {
                    for i in 0..n / threads {
                        std::hint::black_box(resolve(&queries[(i + k * 500) % queries.len()]));
                    }
                });
            }
        });
        let secs = t.elapsed().as_secs_f64();
        println!("{threads} thread(s): {:.0} resolutions/s", n as f64 / secs);
    }
}
