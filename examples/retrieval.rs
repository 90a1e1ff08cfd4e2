//! Retrieval quality on name groups: register the first variant of each group as an entity,
//! query with every other variant, report top-1 accuracy and recall@5.
//!
//! ```sh
//! cargo run --release --example retrieval -- ../shared/dev-eval/names/groups.jsonl
//! cargo run --release --example retrieval -- --in-scope ../shared/dev-eval/names/groups.jsonl
//! ```
//!
//! `--in-scope` makes the cut `pairs.persons-inscope.tsv` makes of the pairs (the data's
//! README): person-name groups only (given names, surnames, full names; no places), and of each group only the variants written in az/tr/ru/en
//! orthographies (Latin a–z with the az/tr letters, the Russian Cyrillic alphabet; no other
//! Cyrillic alphabet's letters, digits or symbols; no uk/be/sr/mk variant).
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
    #[serde(default)]
    lang: String,
}

/// Retrieval quality on name groups.
#[derive(clap::Parser)]
struct Args {
    /// Groups: one JSON object a line, `{"group", "kind", "variants": [{"text", "lang"}]}`
    path: String,
    /// Person-name groups only (no places), variants in az/tr/ru/en orthographies only
    #[arg(long)]
    in_scope: bool,
}

/// Whether a variant is written in an az/tr/ru/en orthography (the in-scope cut).
fn in_scope(v: &Variant) -> bool {
    let lang_ok = !["uk", "be", "sr", "mk"]
        .iter()
        .any(|l| v.lang.split(['+', '-']).any(|p| p == *l));
    lang_ok
        && v.text.chars().any(char::is_alphabetic)
        && v.text.chars().all(|c| {
            c.is_ascii_alphabetic()
                || "əıöüşğçâîûƏIÖÜŞĞÇÂÎÛİ".contains(c)
                || ('а'..='я').contains(&c)
                || ('А'..='Я').contains(&c)
                || "ёЁ -'.".contains(c)
        })
}

fn main() -> ExitCode {
    let args = <Args as clap::Parser>::parse();
    let path = args.path;
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
        let variants: Vec<&Variant> = if args.in_scope {
            if g.kind == "place" {
                continue;
            }
            g.variants.iter().filter(|v| in_scope(v)).collect()
        } else {
            g.variants.iter().collect()
        };
        let Some(first) = variants.first() else {
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
        for v in variants.iter().skip(1) {
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
    let (mut top1, mut at5, mut tied) = (0, 0, 0);
    for ((q, want, kind), found) in queries.iter().zip(&answers) {
        let e = by_kind.entry(kind.clone()).or_default();
        e.0 += 1;
        let best = found.first().map_or(0.0, |m| m.score);
        if found.first().is_some_and(|m| &m.id == want) {
            top1 += 1;
            e.1 += 1;
        } else if found
            .iter()
            .any(|m| &m.id == want && (m.score - best).abs() < 1e-9)
        {
            // Tied with the best: another group registered the same spelling (a name in two
            // groups), which no matcher can tell apart.
            tied += 1;
        } else if std::env::var_os("MISSES").is_some() {
            let got = found.first().map(|m| (m.name.as_str(), m.score));
            let r = index.registry();
            let wanted = r.find(want).and_then(|i| r.get(i)).map(|e| e.name());
            println!("  miss: {q:?} wants {wanted:?}, got {got:?}");
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
        "top-1 accuracy {:.4}, recall@5 {:.4}; top-1 counting ties with another group's same score {:.4}",
        top1 as f64 / n,
        at5 as f64 / n,
        (top1 + tied) as f64 / n
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
        .map(|(_, e)| (e.id.clone(), matcher.prepare(e.name())))
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
