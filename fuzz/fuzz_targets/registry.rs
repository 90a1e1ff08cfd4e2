#![no_main]
//! Reading any bytes as a JSON Lines registry: a registry or an error naming a line, never a
//! panic.
use libfuzzer_sys::fuzz_target;
use namelink::registry::Registry;

fuzz_target!(|data: &[u8]| {
    match Registry::from_jsonl(data) {
        Ok(r) => {
            for (_, e) in r.iter() {
                assert!(!e.names.is_empty());
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
