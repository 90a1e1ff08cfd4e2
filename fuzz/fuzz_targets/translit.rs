#![no_main]
//! Every conversion namelink lists, on any text: no panic.
use libfuzzer_sys::fuzz_target;
use namelink::translit::{Transliterator, conversions};
use std::sync::LazyLock;

static ALL: LazyLock<Vec<Transliterator>> = LazyLock::new(|| {
    conversions()
        .into_iter()
        .filter_map(|c| Transliterator::with_standard(c.from, c.to, c.standard).ok())
        .collect()
});

fuzz_target!(|text: &str| {
    for t in ALL.iter() {
        let _ = t.transliterate(text);
    }
});
