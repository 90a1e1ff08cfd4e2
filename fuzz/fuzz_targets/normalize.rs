#![no_main]
//! Normalizing any text in every language: no panic, spans on char boundaries of the input,
//! and normalizing the result again changes nothing.
use libfuzzer_sys::fuzz_target;
use namelink::lang::Lang;
use namelink::normalize::normalize;

fuzz_target!(|text: &str| {
    for lang in [Lang::Auto, Lang::Az, Lang::Tr, Lang::Ru, Lang::En] {
        let n = normalize(text, lang);
        for t in &n.tokens {
            assert!(t.span.start <= t.span.end && t.span.end <= text.len());
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        }
        assert_eq!(normalize(&n.text, lang).text, n.text, "idempotent");
    }
});
