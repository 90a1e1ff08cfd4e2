//! Homoglyph folding: a word mixing scripts becomes its majority script
//! (`data/normalize/homoglyphs.tsv`, `data/normalize/greek_homoglyphs.tsv`).

use crate::lang::{Script, script_of};
use crate::tables::{CYRILLIC_TO_LATIN, GREEK_TO_LATIN, LATIN_TO_CYRILLIC, char_map};
use unicode_normalization::UnicodeNormalization;

/// The look-alike of `c` in `table`: its own, or its capital's made small (`н` through
/// `Н`/`H`), or its small letter's made capital (`Q` through `q`/`ԛ`): whatever the case,
/// the same letters fold.
fn twin(c: char, table: &[(char, char)]) -> Option<char> {
    fn single(mut it: impl Iterator<Item = char>) -> Option<char> {
        match (it.next(), it.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        }
    }
    char_map(table, c)
        .or_else(|| {
            let u = single(c.to_uppercase()).filter(|&u| u != c)?;
            single(char_map(table, u)?.to_lowercase())
        })
        .or_else(|| {
            let l = single(c.to_lowercase()).filter(|&l| l != c)?;
            single(char_map(table, l)?.to_uppercase())
        })
}

/// Whether `c` has a look-alike in `table` ([`twin`]).
fn has_twin(c: char, table: &[(char, char)]) -> bool {
    twin(c, table).is_some()
}

/// How many Latin and how many Cyrillic letters of `chars` have no twin in the other script.
fn untwinned(chars: impl Iterator<Item = char>) -> (usize, usize) {
    let (mut latin, mut cyrillic) = (0, 0);
    for c in chars {
        match script_of(c) {
            Script::Latin => latin += usize::from(!has_twin(c, LATIN_TO_CYRILLIC)),
            Script::Cyrillic => cyrillic += usize::from(!has_twin(c, CYRILLIC_TO_LATIN)),
            _ => {}
        }
    }
    (latin, cyrillic)
}

/// The script a mixed word is folded into: the one with more letters that have no twin,
/// then the one with more letters; Latin for a Greek word with Latin or Cyrillic letters
/// that all have twins. Decided on the lower-cased word, so that
/// normalizing again decides the same.
pub(super) fn majority(word: &str) -> Option<Script> {
    let (latin, cyrillic) = untwinned(word.chars());
    // Letters counted by script, except a small letter whose twin is only its capital's
    // (`м` of `М`/`M`, `b` of `B`/`В`): in a disguise it was a capital of the other script
    // (`МEНМEТ`), so it votes for neither.
    let (mut latin_all, mut cyrillic_all, mut greek) = (0usize, 0usize, 0usize);
    for c in word.chars() {
        match script_of(c) {
            Script::Latin if capital_twin_only(c, LATIN_TO_CYRILLIC) => {}
            Script::Latin => latin_all += 1,
            Script::Cyrillic if capital_twin_only(c, CYRILLIC_TO_LATIN) => {}
            Script::Cyrillic => cyrillic_all += 1,
            Script::Greek => greek += 1,
            _ => {}
        }
    }
    use std::cmp::Ordering::*;
    match (latin.cmp(&cyrillic), latin_all.cmp(&cyrillic_all)) {
        _ if latin + cyrillic + latin_all + cyrillic_all + greek == 0 => None,
        (Greater, _) => Some(Script::Latin),
        (Less, _) => Some(Script::Cyrillic),
        (Equal, Greater) => Some(Script::Latin),
        (Equal, Less) => Some(Script::Cyrillic),
        _ if greek > 0 => Some(Script::Latin),
        _ => None,
    }
}

/// Whether `c` has a look-alike in `table` only through its capital (`н`: `Н`/`H`).
fn capital_twin_only(c: char, table: &[(char, char)]) -> bool {
    char_map(table, c).is_none() && has_twin(c, table)
}

/// `word` with its letters of other scripts replaced by their look-alikes in `target`
/// (`data/normalize/homoglyphs.tsv`, `data/normalize/greek_homoglyphs.tsv`; a small letter
/// without a twin of its own through its capital's); `None` when nothing changes.
pub(super) fn fold_letters(word: &str, target: Script) -> Option<String> {
    let mut changed = false;
    let folded: String = word
        .chars()
        .map(|c| {
            let to = match (script_of(c), target) {
                (Script::Cyrillic, Script::Latin) => twin(c, CYRILLIC_TO_LATIN),
                (Script::Latin, Script::Cyrillic) => twin(c, LATIN_TO_CYRILLIC),
                (Script::Greek, Script::Latin) => char_map(GREEK_TO_LATIN, c),
                (Script::Greek, Script::Cyrillic) => {
                    char_map(GREEK_TO_LATIN, c).and_then(|l| char_map(LATIN_TO_CYRILLIC, l))
                }
                _ => None,
            };
            changed |= to.is_some();
            to.unwrap_or(c)
        })
        // Stress accents go with Cyrillic letters (as in `clean`).
        .filter(|&c| target != Script::Cyrillic || !matches!(c, '\u{0300}' | '\u{0301}'))
        .nfc()
        .collect();
    changed.then_some(folded)
}
