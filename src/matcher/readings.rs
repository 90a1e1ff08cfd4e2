//! A part read another way: as an English name, or as a French/German/Dutch or Spanish
//! press romanization of a Russian name (the tables in `data/translit/`).

use std::sync::LazyLock;

use super::Matcher;
use super::part::is_gender_pair;
use crate::key::{Part, PartKind, PartRef, Reading, ReadingStarts, first_letter_bit};
use crate::matcher::Reason;

/// The least score a part's reading (English, or a foreign press romanization) must reach
/// against the other part to count.
const READING_MIN_SCORE: f64 = 0.95;

static EN_RU: LazyLock<Option<crate::translit::Transliterator>> = LazyLock::new(|| {
    crate::translit::Transliterator::new(crate::lang::Tag::EN, crate::lang::Tag::RU).ok()
});

static FOREIGN_RU: LazyLock<Option<crate::translit::Transliterator>> =
    LazyLock::new(|| ru_latn_to_ru("foreign-press"));

static SPANISH_RU: LazyLock<Option<crate::translit::Transliterator>> =
    LazyLock::new(|| ru_latn_to_ru("spanish-press"));

static GERMAN_RU: LazyLock<Option<crate::translit::Transliterator>> =
    LazyLock::new(|| ru_latn_to_ru("german-press"));

fn ru_latn_to_ru(standard: &str) -> Option<crate::translit::Transliterator> {
    use crate::lang::Tag;
    crate::translit::Transliterator::with_standard(Tag::RU_LATN, Tag::RU, standard).ok()
}

/// How many words' readings a thread remembers (then it starts afresh).
const READING_MEMO_WORDS: usize = 1 << 14;

/// The keys of `p` under the readings that apply and key differently (each key once):
/// * English, for a part written in plain ASCII letters;
/// * a foreign press romanization, for a part in Latin letters with one of those presses'
///   letter groups (`ou`, `tch`, `sch`, `w`, `j`, `-off`, `ï`, `ë`, `zh`, `kh`, `z`, Dutch and
///   Swedish `sj`, `tj`, `oe`, French `gue`, `gui` for ге, ги: Serguei, Guennadi; and `x`
///   for кс: the key reads Latin x as Azerbaijani х, but Alexey, Maxim, Xenia are Алексей,
///   Максим, Ксения);
/// * Spanish, for a part in Latin letters with a letter Spanish reads its own way (`j`, `z`,
///   `ll`, `ñ`, `ce`, `ci`, `ge`, `gi`);
/// * German (Duden), for a part in plain ASCII letters with a `z`, an `sch`, a `w` or a `j`.
///
/// Remembered per thread, by word (the same given names and surnames come back).
pub(super) fn readings(p: &Part) -> Vec<(Reading, compact_str::CompactString)> {
    let t = p.text.as_str();
    let applies = |how: Reading| match how {
        Reading::English => t.len() >= 2 && t.bytes().all(|b| b.is_ascii_alphabetic()),
        Reading::Foreign => {
            t.len() >= 3
                && t.chars()
                    .all(|c| c.is_ascii_lowercase() || matches!(c, 'ï' | 'ë'))
                && [
                    "ou", "tch", "sch", "w", "j", "off", "ï", "ë", "zh", "kh", "z", "sj", "tj",
                    "oe", "x", "gue", "gui",
                ]
                .iter()
                .any(|g| t.contains(g))
        }
        Reading::Spanish => {
            t.len() >= 3
                && t.chars()
                    .all(|c| c.is_ascii_lowercase() || "áéíóúüñ".contains(c))
                && ["j", "z", "ll", "ñ", "ce", "ci", "ge", "gi"]
                    .iter()
                    .any(|g| t.contains(g))
        }
        Reading::German => {
            t.len() >= 3
                && t.bytes().all(|b| b.is_ascii_lowercase())
                && ["z", "sch", "w", "j"].iter().any(|g| t.contains(g))
        }
    };
    if p.kind != PartKind::Name || !Reading::ALL.into_iter().any(applies) {
        return Vec::new();
    }
    type Memo =
        hashbrown::HashMap<compact_str::CompactString, Vec<(Reading, compact_str::CompactString)>>;
    thread_local! {
        static READINGS: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::new());
    }
    let read = || {
        let mut out: Vec<(Reading, compact_str::CompactString)> = Vec::new();
        for how in Reading::ALL.into_iter().filter(|&h| applies(h)) {
            let table = match how {
                Reading::English => &*EN_RU,
                Reading::Foreign => &*FOREIGN_RU,
                Reading::Spanish => &*SPANISH_RU,
                Reading::German => &*GERMAN_RU,
            };
            let Some(table) = table.as_ref() else {
                continue;
            };
            let k = crate::key::key(&table.transliterate(t));
            if k == p.key || k.is_empty() {
                continue;
            }
            // ё is optional in Russian writing (Пётр, Петр): a reading with ё after a
            // consonant also counts with е (Pjotr meets Petr as Пётр meets Петр).
            let without_yo = yo_as_e(&k);
            for k in std::iter::once(compact_str::CompactString::from(k)).chain(without_yo) {
                // One key once; a press romanization, which also meets other Latin
                // spellings, wins over an English or Spanish reading of the same key
                // (Maxim read as English and as a press romanization is Максим).
                match out.iter_mut().find(|(_, had)| *had == k) {
                    Some(had) if matches!(how, Reading::Foreign | Reading::German) => had.0 = how,
                    Some(_) => {}
                    None => out.push((how, k)),
                }
            }
        }
        out
    };
    READINGS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut memo) => {
            if let Some(r) = memo.get(&p.text) {
                return r.clone();
            }
            let r = read();
            if memo.len() >= READING_MEMO_WORDS {
                memo.clear();
            }
            memo.insert(p.text.clone(), r.clone());
            r
        }
        Err(_) => read(),
    })
}

/// A reading key with its ё after a consonant (`yo` in the key) written е, when it has one:
/// `pyotr` → `petr`.
pub(super) fn yo_as_e(key: &str) -> Option<compact_str::CompactString> {
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut out = compact_str::CompactString::default();
    let mut changed = false;
    let mut chars = key.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        if c == 'y' && chars.peek() == Some(&'o') && prev.is_some_and(|p| !vowel(p)) {
            chars.next();
            out.push('e');
            changed = true;
            prev = Some('e');
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
    changed.then_some(out)
}

/// Whether keys `a` and `b` can score [`READING_MIN_SCORE`]: that needs a weighted distance
/// of at most 0.05 a letter, and every edit costs at least 0.2 (`data/key/confusion.tsv`),
/// so at most one edit in four letters; each edit changes the letters' counts by at most
/// two. A necessary test, much cheaper than the distance (keys of other scripts pass).
fn may_reach(a: &str, b: &str) -> bool {
    let mut counts = [0i16; 26];
    for (s, d) in [(a, 1i16), (b, -1i16)] {
        for c in s.bytes() {
            match counts.get_mut(usize::from(c.wrapping_sub(b'a'))) {
                Some(n) if c.is_ascii_lowercase() => *n += d,
                _ => return true,
            }
        }
    }
    let differ: u32 = counts.iter().map(|n| u32::from(n.unsigned_abs())).sum();
    let n = a.len().max(b.len()) as u32;
    2 * differ <= n
}

impl Matcher {
    /// `base` (the parts' score by their keys), or better through a part's reading (English,
    /// or a foreign press romanization). With `explain` off, the score alone (no reason
    /// made: this runs for every pair of parts a ranking scores).
    pub(super) fn with_readings(
        &self,
        a: &PartRef<'_>,
        b: &PartRef<'_>,
        base: (f64, Option<Reason>),
        explain: bool,
    ) -> (f64, Option<Reason>) {
        // (Cheap tests first: this runs for every pair of parts.) An English or Spanish
        // reading counts only against a spelling that was not itself Latin (Cyrillic, or a
        // key from the index): two Latin spellings meet as written (Janna is not Hanna for
        // being readable as Spanish, Jan not Xan). A
        // French, German, Dutch or Swedish press romanization of a Russian name also meets
        // another Latin spelling of it (Glouchtchenko, Glushchenko; Madschidow, Madzhidov;
        // Lewizkaja, Levitskaya).
        // It must start like the other and be about as long.
        let usable = |e: &str, y: &PartRef<'_>, how: Reading| {
            (!y.latin || matches!(how, Reading::Foreign | Reading::German))
                && e.len().abs_diff(y.key.len()) <= 2
                && e.as_bytes().first() == y.key.as_bytes().first()
                && may_reach(e, y.key)
        };
        // Each part read against the other as written; and two Latin spellings that both
        // read as Russian, one of them as a press romanization, read against each other
        // (Serguei and Sergej are both Сергей; Joukov and Zjoekov both Жуков).
        let press = |how: Reading| matches!(how, Reading::Foreign | Reading::German);
        let tries = || {
            let ab = a
                .readings
                .iter()
                .map(move |(how, k)| (*a, *b, k.as_str(), *how));
            let ba = b
                .readings
                .iter()
                .map(move |(how, k)| (*b, *a, k.as_str(), *how));
            let both = a.readings.iter().flat_map(move |(how_a, ka)| {
                b.readings
                    .iter()
                    .filter(move |(how_b, _)| press(*how_a) || press(*how_b))
                    .map(move |(how_b, kb)| {
                        let how = if press(*how_a) { *how_a } else { *how_b };
                        let read_b = PartRef {
                            key: kb.as_str(),
                            latin: false,
                            starts: ReadingStarts::default(),
                            ..*b
                        };
                        (*a, read_b, ka.as_str(), how)
                    })
            });
            ab.chain(ba).chain(both)
        };
        if base.0 >= 1.0 || a.kind != PartKind::Name || b.kind != PartKind::Name {
            return base;
        }
        // (Whether any reading could count, from the first letters alone: most pairs of
        // parts have none. A reading must start like what it is read against.)
        let one_way = |x: &PartRef<'_>, y: &PartRef<'_>| {
            let starts = if y.latin {
                x.starts.press
            } else {
                x.starts.all
            };
            starts & first_letter_bit(y.key) != 0
        };
        let both_read = a.starts.press & b.starts.all != 0 || a.starts.all & b.starts.press != 0;
        if !(one_way(a, b) || one_way(b, a) || both_read) || is_gender_pair(a.key, b.key) {
            return base;
        }
        // A part read as an English name (`Bradshaw` as `bredxo`) or as a foreign press
        // romanization (`Khrouchtchev` as `hruxqev`) against the other as written.
        let read = |(x, y, e, how): (PartRef<'_>, PartRef<'_>, &str, Reading)| {
            if !usable(e, &y, how) {
                return None;
            }
            let as_read = PartRef { key: e, ..x };
            // (The score alone first, remembered per thread like any pair of keys: most
            // readings fall short, and then no reason is needed.)
            if self.keys_score_memo(&as_read, &y) < READING_MIN_SCORE {
                return None;
            }
            let (score, why) = self.part_score_keys(&as_read, &y);
            // The reading must account for the other spelling nearly exactly: it is a
            // second guess at the letters, not a licence for looser matching (Nicat is not
            // Nihat for being readable as English `Никат`).
            if score < READING_MIN_SCORE
                || matches!(why, Some(Reason::GenderForm | Reason::DifferentNames))
            {
                return None;
            }
            let note = explain
                .then(|| Reason::SameKey(vec![format!("{} read as {}", x.text, how.as_str())]));
            Some((score, note))
        };
        tries()
            .filter_map(read)
            .fold(base, |best, r| if r.0 > best.0 { r } else { best })
    }
}

#[cfg(test)]
mod tests {
    use super::yo_as_e;

    #[test]
    fn yo_after_a_consonant_is_also_read_as_e() {
        assert_eq!(yo_as_e("pyotr").as_deref(), Some("petr"));
        assert_eq!(yo_as_e("gorbaqyov").as_deref(), Some("gorbaqev"));
        // At the start and after a vowel ё is йо, not a softened о: nothing to fold.
        assert_eq!(yo_as_e("yolka"), None);
        assert_eq!(yo_as_e("mayor"), None);
    }
}
