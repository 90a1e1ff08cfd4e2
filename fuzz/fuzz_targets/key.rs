#![no_main]
//! Keying any name: no panic, and the documented bounds hold.
use libfuzzer_sys::fuzz_target;
use namelink::key::{MAX_KEY_CHARS, MAX_PARTS, key, name_key, skeleton};

fuzz_target!(|name: &str| {
    let n = name_key(name);
    assert!(n.parts.len() <= MAX_PARTS);
    for p in &n.parts {
        assert!(p.key.chars().count() <= MAX_KEY_CHARS);
    }
    let k = key(name);
    let _ = skeleton(&k);
});
