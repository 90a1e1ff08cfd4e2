//! Spelling variants for search: the spellings of a name that writers in az, tr, ru and en
//! and the main romanization standards would produce.
//!
//! For searching archives, search engines and databases that do not use namelink: each
//! variant is labelled with the conventions that give it and ranked by how many do, and
//! every one is checked to [`compare`](crate::matcher::Matcher::compare) as a match with the
//! name given (what the matcher would not accept is left out).
//!
//! The routes: the name as written; its Russian press form; Azerbaijani Cyrillic (1958) and
//! Latin; the English press form; each of the 27 Russian romanization standards applied to
//! the Russian form (ICAO Doc 9303, BGN/PCGN, GOST 7.79, ALA-LC, MVD, Wikipedia, French and
//! German conventions…); the Azerbaijani Latin alphabet of 1991–1992 (`ə` as `ä`); and the
//! name with its letters folded to ASCII as keyboards without az/tr letters write it (`ə` as
//! `e` and as `a`, `ı` as `i`, `ş` as `s`…).
//!
//! ```
//! use namelink::variants::variants;
//!
//! let v = variants("Sahil Babayev");
//! let spellings: Vec<&str> = v.iter().map(|v| v.text.as_str()).collect();
//! assert!(spellings.contains(&"Сахил Бабаев"));
//! assert!(spellings.contains(&"Sakhil Babaev"));
//! assert!(v.len() >= 8);
//! let icao = v.iter().find(|v| v.text == "Sakhil Babaev").unwrap();
//! assert!(icao.sources.iter().any(|s| s == "ru-Latn icao-9303"));
//! ```

use unicode_normalization::UnicodeNormalization;

use crate::lang::Tag;
use crate::matcher::Matcher;
use crate::translit::{Standard, Transliterator};

/// One spelling of a name.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Variant {
    /// The spelling.
    pub text: String,
    /// The conventions that give it (`ru press`, `ru-Latn icao-9303`, `ascii`…), most
    /// common first.
    pub sources: Vec<String>,
    /// The matcher's score of it against the name given.
    pub score: f64,
}

/// The spellings of `name`, the most widely produced first (see the module docs); the name
/// as given is first. Uses the default matcher.
pub fn variants(name: &str) -> Vec<Variant> {
    variants_with(&Matcher::new(), name)
}

/// As [`variants`], keeping those `matcher` takes for a match.
pub fn variants_with(matcher: &Matcher, name: &str) -> Vec<Variant> {
    let name = name.trim();
    let mut found: Vec<(String, Vec<String>)> = Vec::new();
    let mut add = |text: &str, source: &str| {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        match found.iter_mut().find(|f| f.0 == text) {
            Some(f) => {
                if !f.1.iter().any(|s| s == source) {
                    f.1.push(source.to_string());
                }
            }
            None => found.push((text.to_string(), vec![source.to_string()])),
        }
    };
    add(name, "as given");
    let convert = |from: Tag, to: Tag, standard: Option<&str>| -> Option<String> {
        let t = match standard {
            Some(s) => Transliterator::with_standard(from, to, s).ok()?,
            None => Transliterator::new(from, to).ok()?,
        };
        t.try_transliterate(name).ok().map(|c| c.into_owned())
    };
    let source = Transliterator::new(Tag::AUTO, Tag::RU)
        .map(|t| t.source_of(name))
        .unwrap_or(Tag::AUTO);
    // The Latin az/tr/en form and the Russian form every other route starts from.
    let latin = match source {
        Tag::AZ_CYRL => convert(source, Tag::AZ, None),
        Tag::RU => None,
        _ => Some(name.to_string()),
    };
    let russian = if source == Tag::RU {
        Some(name.to_string())
    } else {
        convert(source, Tag::RU, None)
    };
    if let Some(r) = &russian {
        add(r, "ru press");
    }
    if let Some(l) = &latin {
        add(l, "az");
        for (from, to, label) in [
            (Tag::AZ, Tag::AZ_CYRL, "az-Cyrl 1958"),
            (Tag::AZ, Tag::EN, "en press"),
        ] {
            if let Some(t) = Transliterator::new(from, to)
                .ok()
                .and_then(|t| t.try_transliterate(l).ok().map(|c| c.into_owned()))
            {
                add(&t, label);
            }
        }
        add(&ascii_fold(l, 'e'), "ascii");
        add(&ascii_fold(l, 'a'), "ascii (ə as a)");
        // The Latin alphabet of 1991-1992 wrote ə as ä (Äliyev), as Tatar and Turkmen do.
        add(&l.replace('ə', "ä").replace('Ə', "Ä"), "az 1991 (ə as ä)");
    }
    if let Some(r) = &russian {
        if let Ok(t) = Transliterator::new(Tag::RU, Tag::AZ) {
            add(&t.transliterate(r), "az press via ru");
        }
        for s in Standard::all().filter(|s| s.from() == Tag::RU && s.to() == Tag::RU_LATN) {
            if let Ok(t) = Transliterator::with_standard(Tag::RU, Tag::RU_LATN, s.id()) {
                add(&t.transliterate(r), &format!("ru-Latn {}", s.id()));
            }
        }
    }
    let prepared = matcher.prepare(name);
    let mut out: Vec<Variant> = found
        .into_iter()
        .filter_map(|(text, sources)| {
            let c = matcher.compare_prepared(&prepared, &matcher.prepare(&text));
            c.is_match.then_some(Variant {
                text,
                sources,
                score: c.score,
            })
        })
        .collect();
    // The name as given first; then the most widely produced, the closest, in order.
    let given = out.iter().position(|v| v.text == name);
    let first = given.map(|i| out.remove(i));
    out.sort_by(|a, b| {
        b.sources
            .len()
            .cmp(&a.sources.len())
            .then(b.score.total_cmp(&a.score))
            .then(a.text.cmp(&b.text))
    });
    first.into_iter().chain(out).collect()
}

/// `text` with az/tr letters and accents folded to ASCII; `schwa` stands for `ə`.
fn ascii_fold(text: &str, schwa: char) -> String {
    text.chars()
        .flat_map(|c| match c {
            'ə' => vec![schwa],
            'Ə' => vec![schwa.to_ascii_uppercase()],
            'ı' => vec!['i'],
            'İ' => vec!['I'],
            _ => c.to_string().nfkd().filter(|c| c.is_ascii()).collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_folding() {
        assert_eq!(ascii_fold("Dərya Yanık Göktaş", 'e'), "Derya Yanik Goktas");
        assert_eq!(ascii_fold("Əliyev", 'a'), "Aliyev");
    }

    #[test]
    fn every_variant_is_a_match_and_the_input_comes_first() {
        for name in ["Sahil Babayev", "Сахил Бабаев", "Derya Yanık", "Azərbaycan"] {
            let v = variants(name);
            assert_eq!(v.first().map(|v| v.text.as_str()), Some(name));
            let m = Matcher::new();
            for x in &v {
                assert!(m.compare(name, &x.text).is_match, "{name} / {}", x.text);
            }
        }
    }
}
