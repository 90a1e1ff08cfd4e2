//! Retrieval quality on name groups: register the first variant of each group as an entity,
//! query with every other variant, report top-1 accuracy and recall@5.
//!
//! ```sh
//! cargo run --release --example retrieval -- ../shared/dev-eval/names/groups.jsonl
//! ```
//!
//! Also compares the index with a brute-force scan of every name with the same matcher
//! (how often the index's top-1 equals the scan's).

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::time::Instant;

use namelink::index::Index;
use namelink::registry::{Entity, EntityKind, Registry};
use serde::Deserialize;

#[derive(Deserialize)]
struct Group {
    group: String,
    kind: String,
    variants: Vec<Variant>,
}

#[derive(Deserialize)]
struct Variant {
    text: String,
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: retrieval GROUPS.jsonl");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("retrieval: {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let mut registry = Registry::new();
    let mut queries: Vec<(String, String, String)> = Vec::new(); // (query, group id, kind)
    for (n, line) in text.lines().enumerate() {
        let g: Group = match serde_json::from_str(line) {
            Ok(g) => g,
            Err(e) => {
                eprintln!("retrieval: {path}:{}: {e}", n + 1);
                return ExitCode::from(2);
            }
        };
        let Some(first) = g.variants.first() else {
            continue;
        };
        let kind = if g.kind == "place" {
            EntityKind::Place
        } else {
            EntityKind::Person
        };
        if registry
            .push(Entity::new(g.group.clone(), kind, vec![first.text.clone()]))
            .is_err()
        {
            continue;
        }
        for v in g.variants.iter().skip(1) {
            if v.text.to_lowercase() != first.text.to_lowercase() {
                queries.push((v.text.clone(), g.group.clone(), g.kind.clone()));
            }
        }
    }
    let t = Instant::now();
    // CANDIDATES overrides how many names a query scores (default: the index's own).
    let mut builder = Index::builder();
    if let Some(n) = std::env::var("CANDIDATES")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        builder.candidates(n);
    }
    let index = builder.build(registry);
    let built = t.elapsed();
    let t = Instant::now();
    let answers = index.resolve_batch(&queries.iter().map(|q| q.0.as_str()).collect::<Vec<_>>(), 5);
    let took = t.elapsed();
    let mut by_kind: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let (mut top1, mut at5) = (0, 0);
    for ((_, want, kind), found) in queries.iter().zip(&answers) {
        let e = by_kind.entry(kind.clone()).or_default();
        e.0 += 1;
        if found.first().is_some_and(|m| &m.id == want) {
            top1 += 1;
            e.1 += 1;
        }
        if found.iter().any(|m| &m.id == want) {
            at5 += 1;
            e.2 += 1;
        }
    }
    let n = queries.len().max(1) as f64;
    println!(
        "{path}: {} entities, {} queries; index built in {:.2?}, {:.1} µs a query (all threads)",
        index.registry().len(),
        queries.len(),
        built,
        took.as_secs_f64() * 1e6 / n
    );
    println!(
        "top-1 accuracy {:.4}, recall@5 {:.4}",
        top1 as f64 / n,
        at5 as f64 / n
    );
    for (kind, (q, t1, t5)) in &by_kind {
        println!(
            "  {kind:<8} queries {q:>5}  top-1 {:.4}  recall@5 {:.4}",
            *t1 as f64 / *q as f64,
            *t5 as f64 / *q as f64
        );
    }
    // The index against a brute-force scan with the same matcher, on a sample of queries.
    let matcher = index.matcher();
    let all: Vec<_> = index
        .registry()
        .iter()
        .map(|(_, e)| (e.id.clone(), matcher.prepare_as_indexed(e.name())))
        .collect();
    let (mut same, mut compared, mut scan_right, mut index_right) = (0, 0, 0, 0);
    for ((q, want, _), found) in queries.iter().zip(&answers).step_by(7) {
        let pq = matcher.prepare(q);
        let best = all
            .iter()
            .map(|(id, p)| (id, matcher.score_prepared(&pq, p)))
            .filter(|(_, s)| *s >= matcher.threshold())
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(a.0)));
        compared += 1;
        scan_right += usize::from(best.is_some_and(|(id, _)| id == want));
        index_right += usize::from(found.first().is_some_and(|m| &m.id == want));
        let index_top = found.first().map(|m| (&m.id, m.score));
        let agree = match (best, index_top) {
            (None, None) => true,
            (Some((_, s)), Some((_, t))) => (s - t).abs() < 1e-9,
            _ => false,
        };
        same += usize::from(agree);
        if !agree && std::env::var_os("SHOW").is_some() {
            println!("  differs: {q:?}: scan {:?} index {:?}", best, index_top);
        }
    }
    println!(
        "index top-1 score equals a brute-force scan's on {same}/{compared} sampled queries ({:.4})",
        same as f64 / compared.max(1) as f64
    );
    // What any index over this matcher can reach: the scan's own top-1 accuracy.
    println!(
        "on those queries, top-1 accuracy of the brute-force scan {:.4}, of the index {:.4}",
        scan_right as f64 / compared.max(1) as f64,
        index_right as f64 / compared.max(1) as f64
    );
    ExitCode::SUCCESS
}
