#![no_main]
//! Comparing any two names (the input split at its first tab, or in half): no panic, a
//! score in [0, 1], the same both ways, 1 for a name against itself.
use libfuzzer_sys::fuzz_target;
use namelink::matcher::compare;

fuzz_target!(|text: &str| {
    let (a, b) = match text.split_once('\t') {
        Some(ab) => ab,
        None => {
            let mut mid = text.len() / 2;
            while !text.is_char_boundary(mid) {
                mid -= 1;
            }
            text.split_at(mid)
        }
    };
    let ab = compare(a, b).score;
    let ba = compare(b, a).score;
    assert!((0.0..=1.0).contains(&ab), "{ab}");
    assert!((ab - ba).abs() < 1e-9, "{ab} {ba}");
    if !a.trim().is_empty() {
        let aa = compare(a, a).score;
        assert!(aa > 0.999 || aa == 0.0, "{aa}");
    }
});
