//! Hostile and pathological input: every stage stays linear (generous time limits, in debug
//! builds too), and many threads sharing one index and linker give the sequential answers.

use std::sync::LazyLock;
use std::time::{Duration, Instant};

use namelink::index::Index;
use namelink::key::name_key;
use namelink::lang::Lang;
use namelink::link::Linker;
use namelink::matcher::compare;
use namelink::normalize::normalize;
use namelink::registry::Registry;

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let mut r = Registry::builtin();
    let people = Registry::from_jsonl_str(
        r#"{"id": "babayev-sahil", "kind": "person", "names": ["Sahil Babayev"]}
{"id": "aliyev-anar", "kind": "person", "names": ["Anar Əliyev"]}
{"id": "goktas-mahinur", "kind": "person", "names": ["Mahinur Özdemir Göktaş"]}"#,
    )
    .expect("registry");
    for (_, e) in people.iter() {
        r.push(e.clone()).expect("unique");
    }
    Index::new(r)
});

/// Runs `f` and fails if it takes longer than `limit` (far above the real time: the point is
/// that nothing is quadratic).
fn within<T>(what: &str, limit: Duration, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    assert!(t.elapsed() < limit, "{what} took {:?}", t.elapsed());
    out
}

fn pathological() -> Vec<(&'static str, String)> {
    vec![
        (
            "1 MB single line",
            "Sahil Babayevlə Türkiyənin. ".repeat(36_000),
        ),
        (
            "100k combining marks on one letter",
            format!("a{}", "\u{301}".repeat(100_000)),
        ),
        ("500k one-letter tokens", "a ".repeat(500_000)),
        ("100k-token name", "Sahil ".repeat(100_000)),
        ("100k capitalised words", "Baku ".repeat(100_000)),
        ("200k zero-width joiners", "Sa\u{200D}".repeat(100_000)),
        ("100k apostrophes", "Bakı'".repeat(100_000)),
        // Runs of one-letter words between longer ones: each run is put back together
        // (`S a h i l`), once quadratic in the number of runs (24 s for 1.1 MB).
        ("100k one-letter runs", "a b c Word ".repeat(100_000)),
        (
            "Russian prose with one-letter words",
            "и в с к Сахил у о Бабаев я ".repeat(40_000),
        ),
    ]
}

#[test]
fn a_registry_line_of_one_letter_runs_builds_in_linear_time() {
    // One name of about 1 MiB (the longest line a registry may hold): 12 s to index once.
    let name = "a b c Word ".repeat(90_000);
    let line = format!(r#"{{"id": "x", "kind": "person", "names": ["{name}"]}}"#);
    let registry = Registry::from_jsonl_str(&line).expect("registry");
    let index = within("index build", Duration::from_secs(60), || {
        Index::new(registry)
    });
    assert_eq!(index.len(), 1);
}

#[test]
fn every_stage_is_linear_on_pathological_input() {
    let limit = Duration::from_secs(60);
    let linker = Linker::new(&INDEX);
    for (what, text) in pathological() {
        within(&format!("normalize: {what}"), limit, || {
            normalize(&text, Lang::Auto)
        });
        within(&format!("name_key: {what}"), limit, || name_key(&text));
        within(&format!("compare: {what}"), limit, || {
            compare(&text, "Sahil Babayev")
        });
        within(&format!("resolve: {what}"), limit, || {
            INDEX.resolve(&text, 3)
        });
        let found = within(&format!("link: {what}"), limit, || {
            linker.link(&text, Lang::Auto).count()
        });
        assert!(found <= text.len());
    }
}

#[test]
fn eight_threads_link_and_resolve_as_one() {
    let texts: Vec<String> = (0..64)
        .map(|i| {
            format!(
                "Nazir Sahil Babayevlə görüş {i}. S.Babayev Bakı'ya gəldi. Анаром Алиевым в \
                 Турции. Bakan Mahinur Özdemir Göktaş, Türkiye'de. Göktaş konuştu."
            )
        })
        .collect();
    let queries = [
        "Сахил Бабаев",
        "A. Aliyev",
        "Махинур Оздемир Гёкташ",
        "Türkiyənin",
    ];
    let linker = Linker::new(&INDEX);
    let link_all = |linker: &Linker<'_>| -> Vec<Vec<(usize, usize, String)>> {
        texts
            .iter()
            .map(|t| {
                linker
                    .link(t, Lang::Auto)
                    .map(|m| (m.span.start, m.span.end, m.id))
                    .collect()
            })
            .collect()
    };
    let resolve_all = || -> Vec<Vec<String>> {
        queries
            .iter()
            .map(|q| INDEX.resolve(q, 3).into_iter().map(|m| m.id).collect())
            .collect()
    };
    let (links, resolved) = (link_all(&linker), resolve_all());
    assert!(links.iter().all(|l| l.len() >= 6), "{:?}", links[0]);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                s.spawn(|| {
                    (0..4)
                        .map(|_| (link_all(&linker), resolve_all()))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            for (l, r) in h.join().expect("no panic") {
                assert_eq!(l, links);
                assert_eq!(r, resolved);
            }
        }
    });
}
