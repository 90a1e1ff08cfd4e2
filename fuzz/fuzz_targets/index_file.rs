#![no_main]
//! Loading any bytes as a saved index: an index or an error, never a panic or a huge
//! allocation.
use libfuzzer_sys::fuzz_target;
use namelink::index::Index;

fuzz_target!(|data: &[u8]| {
    if let Ok(index) = Index::load(data) {
        let _ = index.resolve("Sahil Babayev", 3);
    }
});
