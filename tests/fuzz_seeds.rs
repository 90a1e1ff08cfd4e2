//! The fuzz targets' seed inputs (`fuzz/seeds/*`, and any crash reproducer saved there) run
//! through the same checks as regular tests, so that `cargo test` keeps them fixed without
//! a fuzzer.

use std::path::Path;

use namelink::index::Index;
use namelink::key::{MAX_PARTS, name_key};
use namelink::lang::Lang;
use namelink::link::Linker;
use namelink::matcher::compare;
use namelink::normalize::normalize;
use namelink::registry::Registry;
use namelink::translit::{Transliterator, conversions};

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    assert!(!files.is_empty(), "no seeds in {}", dir.display());
    files
        .iter()
        .map(|f| std::fs::read(f).expect("seed"))
        .collect()
}

/// The seeds as the `&str` targets see them: the longest valid UTF-8 prefix (what
/// `arbitrary` makes of the bytes).
fn texts(target: &str) -> Vec<String> {
    seeds(target)
        .into_iter()
        .map(|b| match std::str::from_utf8(&b) {
            Ok(s) => s.to_string(),
            Err(e) => String::from_utf8_lossy(&b[..e.valid_up_to()]).into_owned(),
        })
        .collect()
}

#[test]
fn normalize_seeds() {
    for t in texts("normalize") {
        let n = normalize(&t, Lang::Auto);
        assert_eq!(normalize(&n.text, Lang::Auto).text, n.text);
    }
}

#[test]
fn translit_seeds() {
    let all: Vec<_> = conversions()
        .into_iter()
        .filter_map(|c| Transliterator::with_standard(c.from, c.to, c.standard).ok())
        .collect();
    for t in texts("translit") {
        for tr in &all {
            let _ = tr.transliterate(&t);
        }
    }
}

#[test]
fn key_and_compare_seeds() {
    for t in texts("key") {
        assert!(name_key(&t).parts.len() <= MAX_PARTS);
    }
    for t in texts("compare") {
        // Split as the fuzz target does: at the first tab, or in half.
        let (a, b) = t.split_once('\t').unwrap_or_else(|| {
            let mut mid = t.len() / 2;
            while !t.is_char_boundary(mid) {
                mid -= 1;
            }
            t.split_at(mid)
        });
        let s = compare(a, b).score;
        assert!((0.0..=1.0).contains(&s));
        assert_eq!(s, compare(b, a).score);
    }
}

#[test]
fn registry_and_index_file_seeds() {
    for b in seeds("registry") {
        let _ = Registry::from_jsonl(&b[..]);
    }
    for b in seeds("index_file") {
        if let Ok(index) = Index::load(&b[..]) {
            let _ = index.resolve("Sahil Babayev", 3);
        }
    }
}

#[test]
fn link_seeds() {
    let index = Index::new(Registry::builtin());
    let linker = Linker::new(&index);
    for t in texts("link") {
        let mut end = 0;
        for m in linker.link(&t, Lang::Auto) {
            assert!(m.span.start >= end && m.span.end <= t.len());
            end = m.span.end;
        }
    }
}
