//! The key of one word: the rule table `data/key/key.tsv`, then doubled letters collapsed;
//! remembered per thread.

use std::sync::LazyLock;

use unicode_normalization::char::decompose_canonical;

use super::Word;
use super::lists::{COMMON_KEYS, Fnv, WordClass, word_class};
use crate::case::{is_mark, lower};
use crate::lang::{Script, script_of};
use crate::tables::KEY_TABLES;
use crate::translit::{Compiled, apply_traced};

pub(super) static KEY: LazyLock<Option<Compiled>> =
    LazyLock::new(|| KEY_TABLES.first().map(Compiled::new));

/// The comparison key of one word.
///
/// ```
/// use namelink::key::key;
/// assert_eq!(key("Məmmədov"), "mamadov");
/// assert_eq!(key("Мамедов"), "mamedov");
/// assert_eq!(key("Дмитрий"), key("Dmitriy"));
/// assert_eq!(key("Дмитрий"), key("Dmitry"));
/// assert_eq!(key("Yanık"), key("Янык"));
/// assert_eq!(key("Yanık"), key("Yanyk"));
/// ```
pub fn key(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    key_into(word, &mut out, &mut Scratch::default(), &mut |_, _| {});
    out
}

/// Buffers reused across the words of a name.
#[derive(Default)]
pub(crate) struct Scratch {
    folded: String,
    keyed: String,
    /// The word being read, the words of the name being keyed, a key being made.
    pub(super) word: String,
    pub(super) words: Vec<Word>,
    pub(super) key: String,
}

/// The consonant skeleton of a key: vowels and `y` removed (`mamadov → mmdv`, collapsed to
/// `mdv`). Coarser than the key; for blocking.
///
/// ```
/// use namelink::key::{key, skeleton};
/// assert_eq!(skeleton(&key("Məmmədov")), skeleton(&key("Мамедов")));
/// ```
pub fn skeleton(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key
        .chars()
        .filter(|c| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
    {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// The letter a digit stands for inside a word.
pub(super) fn leet_letter(c: char) -> char {
    match c {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '8' => 'b',
        '9' => 'g',
        _ => c,
    }
}

/// Computes the key of `word` into `out`, calling `trace(spelling, key)` for each rule used.
pub(crate) fn key_into<F: FnMut(&str, &str)>(
    word: &str,
    out: &mut String,
    scratch: &mut Scratch,
    trace: &mut F,
) {
    let Some(table) = KEY.as_ref() else {
        out.push_str(word);
        return;
    };
    // The English possessive is no part of a name: Bank's is Bank, Azerbaijan's Azerbaijan.
    // (Only after two letters or more, in a word of Latin letters: no az, tr or ru suffix is
    // an s after an apostrophe.)
    let word = english_possessive_stem(word).unwrap_or(word);
    let Scratch { folded, keyed, .. } = scratch;
    folded.clear();
    keyed.clear();
    // Plain lower-case ASCII or Russian letters need no folding.
    let plain = word.bytes().all(|b| b.is_ascii_lowercase())
        || word
            .chars()
            .all(|c| ('\u{0430}'..='\u{044F}').contains(&c) || c == 'ё');
    if plain {
        apply_traced(table, word, keyed, trace);
        collapse_into(keyed, out);
        return;
    }
    // Digits inside a word of letters stand for letters (Ig0r Sech1n).
    let leet = word.bytes().any(|b| b.is_ascii_digit()) && word.chars().any(char::is_alphabetic);
    for c in word.chars() {
        let c = if leet { leet_letter(c) } else { c };
        if is_mark(c) || matches!(c, '\'' | '’' | 'ʼ' | 'ʹ' | 'ʺ' | '`' | '´' | '-' | '.') {
            continue;
        }
        let lc = lower(c, false);
        if lc.is_ascii() || !table.candidates(lc).is_empty() {
            folded.push(lc);
            continue;
        }
        // A Latin letter with a diacritic the table does not know: its base letter.
        let mut base = None;
        decompose_canonical(lc, |d| {
            if base.is_none() {
                base = Some(d);
            }
        });
        match base {
            Some(b) if b != lc && (b.is_ascii() || !table.candidates(b).is_empty()) => {
                folded.push(b)
            }
            _ => folded.push(lc),
        }
    }
    apply_traced(table, folded, keyed, trace);
    collapse_into(keyed, out);
}

/// Words longer than this are keyed afresh each time.
pub(super) const CACHED_WORD_BYTES: usize = 40;

/// At most this many word keys are remembered per thread (then the memory starts over).
pub(super) const KEY_CACHE_WORDS: usize = 1 << 14;

/// Per thread, the keys of words keyed recently: the parts of names repeat (a registry of a
/// million people has a few tens of thousands of distinct given names and surnames), and a
/// key depends on nothing but the word.
pub(super) type KeyCache =
    std::collections::HashMap<Box<str>, Box<str>, std::hash::BuildHasherDefault<Fnv>>;

/// [`key_into`] without a trace, remembered per thread for short words.
pub(crate) fn cached_key_into(word: &str, out: &mut String, scratch: &mut Scratch) {
    thread_local! {
        static CACHE: std::cell::RefCell<KeyCache> = std::cell::RefCell::new(KeyCache::default());
    }
    if word.len() > CACHED_WORD_BYTES {
        key_into(word, out, scratch, &mut |_, _| {});
        return;
    }
    CACHE.with(|cell| {
        let Ok(mut cache) = cell.try_borrow_mut() else {
            key_into(word, out, scratch, &mut |_, _| {});
            return;
        };
        if let Some(k) = cache.get(word) {
            out.push_str(k);
            return;
        }
        let start = out.len();
        key_into(word, out, scratch, &mut |_, _| {});
        if cache.len() >= KEY_CACHE_WORDS {
            cache.clear();
        }
        cache.insert(word.into(), out.get(start..).unwrap_or("").into());
    })
}

/// Appends `keyed` with doubled letters collapsed (Məmmədov, Tayyip, Hasanoff).
pub(super) fn collapse_into(keyed: &str, out: &mut String) {
    let mut last = None;
    for c in keyed.chars() {
        if Some(c) != last {
            out.push(c);
        }
        last = Some(c);
    }
}

/// The rules that made `word`'s key, as `spelling=key` notes (`kh=h`, `ş=x`, `дж=c`), for
/// explanations. Letters that map to themselves, and plain Cyrillic letters with one obvious
/// Latin counterpart, are left out.
pub(crate) fn key_notes(word: &str) -> Vec<String> {
    // Remembered per thread for the last words seen: explaining a query's matches asks about
    // the query's words once per match.
    const SLOTS: usize = 1024;
    thread_local! {
        static NOTES: std::cell::RefCell<Vec<(String, Vec<String>)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    let mut h = Fnv::default();
    std::hash::Hasher::write(&mut h, word.as_bytes());
    let slot = std::hash::Hasher::finish(&h) as usize % SLOTS;
    let cached = NOTES.with(|cell| {
        let memo = cell.try_borrow().ok()?;
        memo.get(slot).filter(|e| e.0 == word).map(|e| e.1.clone())
    });
    if let Some(notes) = cached {
        return notes;
    }
    let notes = key_notes_uncached(word);
    NOTES.with(|cell| {
        if let Ok(mut memo) = cell.try_borrow_mut() {
            if memo.is_empty() {
                memo.resize(SLOTS, (String::new(), Vec::new()));
            }
            if let Some(e) = memo.get_mut(slot) {
                e.0.clear();
                e.0.push_str(word);
                e.1.clone_from(&notes);
            }
        }
    });
    notes
}

pub(super) fn key_notes_uncached(word: &str) -> Vec<String> {
    let mut notes = Vec::new();
    let mut sink = String::new();
    key_into(
        word,
        &mut sink,
        &mut Scratch::default(),
        &mut |from: &str, to: &str| {
            let plain_cyrillic = from.chars().count() == 1
                && from.chars().all(|c| script_of(c) == Script::Cyrillic)
                && to.len() == 1
                && !matches!(to, "h" | "x" | "q" | "c" | "j" | "g");
            if from != to && !plain_cyrillic {
                let note = format!("{from}={to}");
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
        },
    );
    notes
}

/// Whether a written lower-case word is a title (`bakan`, `министр`, `г-н`).
pub(crate) fn is_title(word: &str) -> bool {
    word_class(word) == Some(WordClass::Title)
}

/// Whether the key is one of the very common name parts.
pub(crate) fn is_common(key: &str) -> bool {
    COMMON_KEYS.contains(key)
}

/// Russian patronymic endings, in key letters (-ович, -евич, -овна, -евна, -ична, -ич).
pub(super) fn has_patronymic_ending(key: &str) -> bool {
    key.len() >= 5
        && ["oviq", "eviq", "ovna", "evna", "iqna", "iq"]
            .iter()
            .any(|e| key.ends_with(e))
}

/// Applies the key table to text that is already folded (used by tests of the table).
#[cfg(test)]
pub(crate) fn raw_key(text: &str) -> String {
    let mut out = String::new();
    if let Some(t) = KEY.as_ref() {
        crate::translit::apply(t, text, &mut out);
    }
    out
}

/// `word` without an English possessive `'s` (any apostrophe), when it has one after two
/// Latin letters or more.
fn english_possessive_stem(word: &str) -> Option<&str> {
    let stem = ["'s", "’s", "ʼs"]
        .iter()
        .find_map(|s| word.strip_suffix(s))?;
    let letters = stem.chars().filter(|c| c.is_alphabetic()).count();
    (letters >= 2
        && stem
            .chars()
            .all(|c| c.is_alphabetic() && script_of(c) == Script::Latin))
    .then_some(stem)
}
