//! Invariants, checked with proptest on generated input.

use std::sync::LazyLock;

use namelink::lang::{Lang, Tag};
use namelink::normalize::{Normalizer, lowercase, normalize, uppercase};
use namelink::translit::{Transliterator, conversions};
use proptest::prelude::*;

static ALL: LazyLock<Vec<Transliterator>> = LazyLock::new(|| {
    conversions()
        .into_iter()
        .map(|c| {
            if c.standard.starts_with("via-") {
                Transliterator::new(c.from, c.to)
            } else {
                Transliterator::with_standard(c.from, c.to, c.standard)
            }
            .expect("listed conversions build")
        })
        .chain([
            Transliterator::new(Tag::AUTO, Tag::RU).expect("auto"),
            Transliterator::new(Tag::AUTO, Tag::EN).expect("auto"),
        ])
        .collect()
});

/// Name-like text in every script namelink reads, with the troublemakers mixed in.
fn names() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-ZçğıİöşüÇĞÖŞÜəƏâ]{0,12}( [a-zA-ZçğıİöşüÇĞÖŞÜəƏ.'’-]{0,12}){0,3}",
        "[а-яА-ЯёЁәӘғҒҝҜһҺјЈөӨүҮҹҸ]{0,12}( [а-яА-ЯёЁ.-]{0,12}){0,3}",
        "[a-zа-яİIıiəƏ \u{200B}\u{00AD}\u{0301}\u{0307}\u{0308}.'’ʼ-]{0,30}",
        any::<String>(),
    ]
}

/// Russian words as they are written: lower-case, capitalized or in capitals. (A capitalized
/// word whose other letters are all ъ/ь, which Russian does not have, would read back in
/// capitals: `Эъ → Èʺ`, and ʺ has no case.)
fn russian_text() -> impl Strategy<Value = String> {
    let word = ("[а-щыэюяё]", "[а-яё]{0,9}[а-щыэюяё]", 0..3u8).prop_map(|(first, rest, case)| {
        let w = format!("{first}{rest}");
        match case {
            0 => w,
            1 => {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                    .unwrap_or_default()
            }
            _ => w.to_uppercase(),
        }
    });
    proptest::collection::vec(
        (
            word,
            prop_oneof![Just(" "), Just(", "), Just("-"), Just(". ")],
        ),
        0..6,
    )
    .prop_map(|v| v.into_iter().map(|(w, sep)| w + sep).collect())
}

proptest! {
    #[test]
    fn every_conversion_is_total(s in names()) {
        for t in ALL.iter() {
            let out = t.transliterate(&s);
            let mut buf = String::new();
            t.transliterate_into(&s, &mut buf);
            prop_assert_eq!(&*out, buf.as_str());
        }
    }

    #[test]
    fn normalization_is_idempotent(s in names()) {
        for lang in [Lang::Az, Lang::Tr, Lang::Ru, Lang::En, Lang::Auto] {
            let once = normalize(&s, lang);
            let twice = normalize(&once.text, once.lang);
            prop_assert_eq!(&once.text, &twice.text, "lang {:?}", lang);
        }
    }

    #[test]
    fn token_spans_slice_the_original(s in names()) {
        let n = normalize(&s, Lang::Auto);
        let mut last = 0;
        for t in &n.tokens {
            prop_assert!(s.get(t.span.range()).is_some());
            prop_assert!(t.span.start >= last);
            last = t.span.start;
        }
        let nfc = Normalizer::builder().compatibility(false).fold_case(false).build(Lang::Az);
        for t in &nfc.normalize(&s).tokens {
            prop_assert!(s.get(t.span.range()).is_some());
        }
    }

    #[test]
    fn gost_7_79_a_round_trips_russian(s in russian_text()) {
        let there = Transliterator::with_standard(Tag::RU, Tag::RU_LATN, "gost-7.79-a").expect("exists");
        let back = Transliterator::with_standard(Tag::RU_LATN, Tag::RU, "gost-7.79-a").expect("exists");
        let latin = there.transliterate(&s);
        prop_assert!(!latin.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)), "{}", latin);
        let again = back.transliterate(&latin).into_owned();
        prop_assert_eq!(again, s);
    }

    #[test]
    fn azerbaijani_latin_round_trips_through_cyrillic(
        s in "[abcçdeəfgğhxıijkqlmnoöprsştuüvyzABCÇDEƏFGĞHXIİJKQLMNOÖPRSŞTUÜVYZ]{0,12}( [a-zçğıöşüə]{0,12}){0,3}"
    ) {
        let cyr = namelink::translit::transliterate(&s, Tag::AZ, Tag::AZ_CYRL).expect("exists");
        let back = namelink::translit::transliterate(&cyr, Tag::AZ_CYRL, Tag::AZ).expect("exists");
        // A capital alone among small letters is capitalization, which the engine keeps only
        // at the start of a replacement; az letters are one-to-one, so the text comes back.
        let back = back.into_owned();
        prop_assert_eq!(back, s);
    }

    /// Unicode SpecialCasing.txt, tr/az section: `0130 → 0069` (İ → i), `0049 → 0131`
    /// (I → ı), `0069 → 0130` (i → İ upper), `0307` after I is removed (I + U+0307 → i).
    #[test]
    fn turkic_casing_follows_special_casing(s in "[IİiıaAşŞçÇ\u{0307}\u{0301} ]{0,20}") {
        for lang in [Lang::Tr, Lang::Az] {
            let mut want = String::new();
            let mut prev_capital_i = false;
            for c in s.chars() {
                match c {
                    '\u{0307}' if prev_capital_i => {
                        want.pop();
                        want.push('i');
                        prev_capital_i = false;
                        continue;
                    }
                    'I' => want.push('ı'),
                    'İ' => want.push('i'),
                    c => want.extend(c.to_lowercase()),
                }
                prev_capital_i = c == 'I';
            }
            prop_assert_eq!(lowercase(&s, lang), want.as_str());
            let up: String = s.chars().map(|c| match c {
                'i' => "İ".to_string(),
                c => c.to_uppercase().collect(),
            }).collect();
            prop_assert_eq!(uppercase(&s, lang), up.as_str());
        }
    }
}

mod matching {
    use namelink::matcher::compare;
    use proptest::prelude::*;

    const PARTS: &[&str] = &[
        "Sahil",
        "Babayev",
        "Anar",
        "Əliyev",
        "Derya",
        "Yanık",
        "Mahinur",
        "Özdemir",
        "Göktaş",
        "Recep",
        "Erdoğan",
        "İlham",
        "Ceyhun",
        "Bayramov",
        "Сахил",
        "Бабаев",
        "Анар",
        "Алиев",
        "Махинур",
        "Гёкташ",
        "Михаил",
        "Мишустин",
        "Мария",
        "Захарова",
        "Rasim",
        "oğlu",
        "Xəlilov",
        "Şahin",
    ];

    fn name() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(PARTS), 1..4).prop_map(|v| v.join(" "))
    }

    /// Latin letters and their Cyrillic look-alikes (one is swapped into a word).
    const LOOKALIKES: &[(char, char)] = &[
        ('a', 'а'),
        ('e', 'е'),
        ('o', 'о'),
        ('c', 'с'),
        ('p', 'р'),
        ('y', 'у'),
    ];

    proptest! {
        #[test]
        fn scores_are_symmetric_and_in_range(a in name(), b in name()) {
            let ab = compare(&a, &b).score;
            let ba = compare(&b, &a).score;
            prop_assert!((0.0..=1.0).contains(&ab));
            prop_assert_eq!(ab, ba);
        }

        #[test]
        fn a_name_matches_itself_perfectly(a in name()) {
            prop_assert_eq!(compare(&a, &a).score, 1.0);
        }

        #[test]
        fn any_nonempty_text_matches_itself(a in "\\PC{1,20}") {
            // (Invisible characters alone are nothing to match: tests/fuzz_seeds.rs.)
            prop_assume!(!namelink::normalize::normalize(&a, namelink::lang::Lang::Auto).text.trim().is_empty());
            prop_assert_eq!(compare(&a, &a).score, 1.0, "{:?}", a);
        }

        #[test]
        fn writing_variations_do_not_change_scores(a in name(), b in name(), which in 0..5usize, at in 0..64usize) {
            use unicode_normalization::UnicodeNormalization;
            let varied: String = match which {
                0 => a.nfd().collect(),
                1 => a.to_uppercase(),
                2 => a.replace(' ', "  \u{200B} "),
                3 => {
                    let mut s = String::new();
                    for (i, c) in a.chars().enumerate() {
                        s.push(c);
                        if i % 3 == at % 3 && c.is_alphabetic() {
                            s.push('\u{200D}');
                        }
                    }
                    s
                }
                _ => {
                    // One Latin letter inside a Latin word swapped for its Cyrillic look-alike.
                    let positions: Vec<usize> = a
                        .char_indices()
                        .filter(|&(i, c)| {
                            LOOKALIKES.iter().any(|l| l.0 == c)
                                && a[..i].chars().last().is_some_and(|p| p.is_ascii_alphabetic())
                        })
                        .map(|(i, _)| i)
                        .collect();
                    match positions.get(at % positions.len().max(1)) {
                        Some(&i) => {
                            let c = a[i..].chars().next().unwrap_or('a');
                            let swap = LOOKALIKES.iter().find(|l| l.0 == c).map(|l| l.1).unwrap_or(c);
                            format!("{}{}{}", &a[..i], swap, &a[i + c.len_utf8()..])
                        }
                        None => a.clone(),
                    }
                }
            };
            prop_assert_eq!(compare(&a, &b).score, compare(&varied, &b).score, "{:?} vs {:?}", varied, b);
        }
    }
}

/// Hostile sizes finish (the caps in `namelink::key` bound the comparison's cost); no timing
/// is asserted here, a quadratic path would simply hang the suite.
#[test]
fn huge_names_are_compared_in_bounded_time() {
    let many_parts = "Sahil Babayev ".repeat(50_000);
    let one_long_part = "ş".repeat(200_000);
    let c = namelink::matcher::compare(&many_parts, &many_parts);
    assert_eq!(c.score, 1.0);
    let c = namelink::matcher::compare(&one_long_part, "şaaaa");
    assert!((0.0..=1.0).contains(&c.score));
    let k = namelink::key::name_key(&many_parts);
    assert_eq!(k.parts.len(), namelink::key::MAX_PARTS);
}
