#![no_main]
//! Linking any text against a small registry: no panic, spans on char boundaries, in order
//! and not overlapping.
use libfuzzer_sys::fuzz_target;
use namelink::index::Index;
use namelink::lang::Lang;
use namelink::link::Linker;
use namelink::registry::Registry;
use std::sync::LazyLock;

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let people = Registry::from_jsonl_str(
        r#"{"id": "babayev-sahil", "kind": "person", "names": ["Sahil Babayev"]}
{"id": "aliyev-anar", "kind": "person", "names": ["Anar Əliyev"]}
{"id": "goktas", "kind": "person", "names": ["Mahinur Özdemir Göktaş"]}
{"id": "dost", "kind": "organization", "names": ["DOST"]}"#,
    )
    .unwrap_or_default();
    let mut r = Registry::builtin();
    for (_, e) in people.iter() {
        let _ = r.push(e.clone());
    }
    Index::new(r)
});

static LINKER: LazyLock<Linker<'static>> = LazyLock::new(|| Linker::new(&INDEX));

fuzz_target!(|text: &str| {
    let linker = &*LINKER;
    for lang in [Lang::Auto, Lang::Tr, Lang::Ru] {
        let mut end = 0;
        for m in linker.link(text, lang) {
            assert!(m.span.start >= end && m.span.start < m.span.end && m.span.end <= text.len());
            assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            assert!((0.0..=1.0).contains(&m.score));
            end = m.span.end;
        }
    }
});
