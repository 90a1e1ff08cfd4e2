//! How two parts score: by their keys (equal, close, a gender form, a suffix, two listed
//! names), remembered per thread.

use std::hash::Hasher;

use super::Matcher;
use crate::key::{Fnv, PartKind, PartRef, is_inflection, key_notes, known_apart, strip_suffix};
use crate::lang::{Script, script_of};
use crate::matcher::Reason;
use crate::similarity::distance_detail;
use crate::tables::INITIAL_TRADES;

/// Parts scoring below this by their spelling are not looked up in the name lists.
const LISTED_FLOOR: f64 = 0.2;

/// Two listed names this close (one cheap variation, such as Slavic j for й: Sergej/Сергей)
/// are taken for one name whatever the lists say.
const SAME_NAME_DISTANCE: f64 = 0.4;

/// Pairs of keys longer than this (together) are scored afresh each time.
const MEMO_KEY_BYTES: usize = 46;

/// Part scores remembered per thread: a direct-mapped table of this many slots (a power of
/// two), each holding one pair of keys and its score. A new pair takes the slot of its
/// hash, whatever was there: nothing to allocate or clear, a fixed 2 MB per thread.
const MEMO_SLOTS: usize = 32768;

#[derive(Clone, Copy)]
struct MemoSlot {
    hash: u64,
    score: f64,
    len_a: u8,
    len_b: u8,
    /// [`pronounced_final_e`] of each key's part (bits 0 and 1).
    flags: u8,
    keys: [u8; MEMO_KEY_BYTES],
}

const EMPTY_SLOT: MemoSlot = MemoSlot {
    hash: 0,
    score: 0.0,
    len_a: 0,
    len_b: 0,
    flags: 0,
    keys: [0; MEMO_KEY_BYTES],
};

thread_local! {
    static PART_MEMO: std::cell::RefCell<Memo> = const {
        std::cell::RefCell::new(Memo {
            slots: Vec::new(),
            usage: MemoUse { calls: 0, probes: 0, hits: 0, on: true },
        })
    };
}

/// The memo of one thread: its slots, and how it has paid lately.
struct Memo {
    slots: Vec<MemoSlot>,
    usage: MemoUse,
}

/// Whether the memo pays on this thread: a lookup that misses costs a cache miss for
/// nothing, and comparing many distinct names (all pairs of two lists) misses nearly always.
/// Over each [`MEMO_WINDOW`] lookups the memo stays in use while at least a quarter hit;
/// out of use, one call in [`MEMO_PROBE`] still looks (and stores), to notice when the same
/// names come back (one query against a list of Mehmets).
#[derive(Clone, Copy)]
struct MemoUse {
    calls: u32,
    probes: u32,
    hits: u32,
    on: bool,
}

/// Lookups over which the memo's hit rate is judged.
const MEMO_WINDOW: u32 = 1024;

/// Out of use, the memo is still looked up once in this many calls (16 cost the all-pairs
/// shape 4%; 64 notices a list of repeated names within a few thousand comparisons).
const MEMO_PROBE: u32 = 64;

impl Matcher {
    pub(super) fn weight(&self, p: &PartRef<'_>) -> f64 {
        match p.kind {
            PartKind::Initial => 0.6,
            _ if p.common => self.c.common_weight,
            _ => 1.0,
        }
    }

    /// Why two parts' keys score as they do, when a rule says (a suffix, a gender form, a
    /// reading…); `None` for a plain difference of spelling.
    pub(crate) fn part_reason(&self, a: &PartRef<'_>, b: &PartRef<'_>) -> Option<Reason> {
        self.part_score(a, b).1
    }

    pub(super) fn part_score(&self, a: &PartRef<'_>, b: &PartRef<'_>) -> (f64, Option<Reason>) {
        self.with_readings(a, b, self.part_score_keys(a, b), true)
    }

    /// [`Matcher::part_score`] of the parts' keys as they are.
    pub(super) fn part_score_keys(
        &self,
        a: &PartRef<'_>,
        b: &PartRef<'_>,
    ) -> (f64, Option<Reason>) {
        use PartKind::*;
        match (a.kind, b.kind) {
            (Number, Number) => (if a.key == b.key { 1.0 } else { 0.0 }, Some(Reason::Equal)),
            (Number, _) | (_, Number) => (0.0, None),
            (Initial, Initial) => (if a.key == b.key { 1.0 } else { 0.0 }, Some(Reason::Equal)),
            (Initial, _) => (self.initial_against(a.key, b.key), Some(Reason::Initial)),
            (_, Initial) => (self.initial_against(b.key, a.key), Some(Reason::Initial)),
            _ => {
                if a.key == b.key {
                    return (1.0, None);
                }
                // Azerbaijani ə written e (Nazimə/Nazime, Türkanə/Turkane): one spelling, never
                // a gender form or a suffix, whatever the last letter.
                let schwa_as_e = a.key.len() == b.key.len()
                    && a.key
                        .bytes()
                        .zip(b.key.bytes())
                        .all(|(x, y)| x == y || matches!((x, y), (b'a', b'e') | (b'e', b'a')));
                if schwa_as_e {
                    let (d, _) = distance_detail(a.key, b.key);
                    let n = a.key.chars().count().max(1) as f64;
                    return ((1.0 - d / n).clamp(0.0, 1.0), None);
                }
                if is_gender_pair(a.key, b.key) {
                    return (self.c.gender_score, Some(Reason::GenderForm));
                }
                if is_inflection(a.key, b.key) || is_inflection(b.key, a.key) {
                    return (self.c.inflection_score, Some(Reason::Inflection));
                }
                // An inflected form of the other-gender name (Babayevlə / Babayeva).
                // (Only keys with a common four-letter stem can be that: a cheap test first.)
                let common_stem =
                    a.key.len() >= 4 && b.key.len() >= 4 && a.key.get(..4) == b.key.get(..4);
                let gender_after_suffix = common_stem
                    && (strip_suffix(a.key).is_some_and(|s| is_gender_pair(s, b.key))
                        || strip_suffix(b.key).is_some_and(|s| is_gender_pair(a.key, s)));
                if gender_after_suffix {
                    return (self.c.gender_score, Some(Reason::GenderForm));
                }
                let (d, mut full) = distance_detail(a.key, b.key);
                let (la, lb) = (letters(a.key), letters(b.key));
                let n = la.max(lb).max(1) as f64;
                // A first consonant changed for another is another name (Danya/Tanya,
                // Kagan/Hagan), unless the two are first letters that spellings of one
                // name trade (data/key/initial_trades.tsv: Гасан/Hasan, Carl/Karl).
                if !initials_trade(a.key, b.key) {
                    full += 1;
                }
                // In a short name every letter counts: a vowel or consonant changed beyond
                // the variations of one name's spellings makes another name (Sahil/Sohel,
                // Baku/Vake), however cheap the table says the edit is.

                // Two different names of one country's list: not spellings of each other,
                // unless no more than one cheap variation parts them (Sergej/Сергей).
                // (Only for parts close enough to be taken for one another: the lists cost
                // two look-ups, and a pair scoring below that decides nothing.)
                if d > SAME_NAME_DISTANCE
                    && 1.0 - d / n - self.c.unrelated_letter * full as f64 >= LISTED_FLOOR
                    && known_apart(a.key, b.key)
                {
                    return (0.0, Some(Reason::DifferentNames));
                }
                // A final vowel only one of them has makes another name (Stefan/Stefano,
                // Valentin/Valentino, Bert/Berti), unless it is a silent English e.
                let final_vowel = |k: &str| {
                    k.chars()
                        .last()
                        .is_some_and(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
                };
                // (A final e is silent only in Latin letters: Рафаэле is not Rafael.)
                let silent_e = |p: &PartRef<'_>| p.key.ends_with('e') && !pronounced_final_e(p);
                let other_ending =
                    final_vowel(a.key) != final_vowel(b.key) && !silent_e(a) && !silent_e(b);
                if other_ending {
                    full += 1;
                }
                // One letter more or less in a longer word (Gökaş for Göktaş, Thomson for
                // Thompson) is a slip more often than another name: half the penalty of an
                // unrelated letter put in another's place. (Not a final vowel: Valentino,
                // Stefano, Teodoro are names of their own.)
                let slip = full == 1
                    && d <= 1.0
                    && !other_ending
                    && la.abs_diff(lb) == 1
                    && la.min(lb) >= 5;
                let penalty = if slip {
                    self.c.unrelated_letter / 2.0
                } else {
                    self.c.unrelated_letter
                };
                let score = 1.0 - d / n - penalty * full as f64;
                (score.clamp(0.0, 1.0), None)
            }
        }
    }

    /// [`Matcher::part_score`]'s score, remembered per thread for pairs of name parts: the
    /// same given names and surnames meet again and again when one query is compared with a
    /// list (Mehmet against every Mehmet), and the score depends only on the two keys and
    /// the settings.
    pub(super) fn part_score_memo(&self, a: &PartRef<'_>, b: &PartRef<'_>) -> f64 {
        // (Remembered: the score by the keys alone; the English readings, rare, on top.)
        let by_keys = self.keys_score_memo(a, b);
        // (No reading that could count: none at all, or against Latin only English and
        // Spanish ones.)
        let none = |p: &PartRef<'_>, other_latin: bool| {
            if other_latin {
                p.starts.press == 0
            } else {
                p.starts.all == 0
            }
        };
        if none(a, b.latin) && none(b, a.latin) {
            return by_keys;
        }
        self.with_readings(a, b, (by_keys, None), false).0
    }

    /// [`Matcher::part_score_keys`]'s score, remembered per thread.
    pub(super) fn keys_score_memo(&self, a: &PartRef<'_>, b: &PartRef<'_>) -> f64 {
        let names = |p: &PartRef<'_>| matches!(p.kind, PartKind::Name | PartKind::Patronymic);
        if a.key == b.key || !names(a) || !names(b) || a.key.len() + b.key.len() > MEMO_KEY_BYTES {
            return self.part_score_keys(a, b).0;
        }
        PART_MEMO.with(|cell| {
            let Ok(mut memo) = cell.try_borrow_mut() else {
                return self.part_score_keys(a, b).0;
            };
            let Memo { slots, usage } = &mut *memo;
            usage.calls = usage.calls.wrapping_add(1);
            if !usage.on && usage.calls % MEMO_PROBE != 0 {
                return self.part_score_keys(a, b).0;
            }
            usage.probes += 1;
            if usage.probes >= MEMO_WINDOW {
                usage.on = usage.hits * 16 >= usage.probes;
                usage.probes = 0;
                usage.hits = 0;
            }
            if slots.is_empty() {
                slots.resize(MEMO_SLOTS, EMPTY_SLOT);
            }
            // (The score depends on the keys, and on whether a final e is Cyrillic.)
            let flags = u8::from(pronounced_final_e(a)) | u8::from(pronounced_final_e(b)) << 1;
            let mut h = Fnv::default();
            h.write_u64(self.fingerprint);
            h.write(a.key.as_bytes());
            h.write_u8(0xF0 | flags);
            h.write(b.key.as_bytes());
            let hash = h.finish();
            let (ka, kb) = (a.key.as_bytes(), b.key.as_bytes());
            let Some(slot) = slots.get_mut(hash as usize & (MEMO_SLOTS - 1)) else {
                return self.part_score_keys(a, b).0;
            };
            let stored = slot.keys.get(..ka.len() + kb.len());
            let hit = slot.hash == hash
                && slot.flags == flags
                && usize::from(slot.len_a) == ka.len()
                && usize::from(slot.len_b) == kb.len()
                && stored.is_some_and(|k| {
                    k.get(..ka.len()) == Some(ka) && k.get(ka.len()..) == Some(kb)
                });
            if hit {
                usage.hits += 1;
                return slot.score;
            }
            let score = self.part_score_keys(a, b).0;
            slot.hash = hash;
            slot.flags = flags;
            slot.score = score;
            slot.len_a = ka.len() as u8;
            slot.len_b = kb.len() as u8;
            for (dst, &src) in slot.keys.iter_mut().zip(ka.iter().chain(kb)) {
                *dst = src;
            }
            score
        })
    }

    fn initial_against(&self, initial: &str, name: &str) -> f64 {
        if name.starts_with(initial) {
            self.c.initial_score
        } else {
            0.0
        }
    }
}

/// A surname and its other-gender form: `aliev`/`alieva`, `dostoevski`/`dostoevskaya`.
pub(super) fn is_gender_pair(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if let Some(stem) = long.strip_suffix('a') {
        if stem == short
            && short.ends_with(|c: char| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
        {
            return true;
        }
    }
    if let (Some(s), Some(l)) = (short.strip_suffix("ski"), long.strip_suffix("skaya")) {
        return s == l;
    }
    false
}

/// The spelling rules one word used and the other did not (`kh=h`).
pub(super) fn rule_difference(a: &PartRef<'_>, b: &PartRef<'_>) -> Vec<String> {
    // A word written as its own key took no rule (checked on the 38,000 such words of the
    // bench name list): no need to key it again to find out.
    let notes = |p: &PartRef<'_>| {
        if p.text == p.key {
            Vec::new()
        } else {
            key_notes(p.text)
        }
    };
    let (na, nb) = (notes(a), notes(b));
    let mut out: Vec<String> = na.iter().filter(|n| !nb.contains(n)).cloned().collect();
    out.extend(nb.iter().filter(|n| !na.contains(n)).cloned());
    out
}

/// Whether two keys start alike: the same first letter, a vowel (or none) at the start of
/// either, or two first consonants that spellings of one name trade
/// (`data/key/initial_trades.tsv`).
fn initials_trade(a: &str, b: &str) -> bool {
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    match (a.as_bytes().first(), b.as_bytes().first()) {
        (Some(&x), Some(&y)) if x != y && !vowel(x) && !vowel(y) => {
            match (
                TRADES.get(usize::from(x.wrapping_sub(b'a'))),
                y.checked_sub(b'a'),
            ) {
                // (Key letters are a-z; anything else, a letter of another script, trades
                // with nothing.)
                (Some(row), Some(col)) if col < 26 && x.is_ascii_lowercase() => {
                    row & (1 << col) != 0
                }
                _ => false,
            }
        }
        _ => true,
    }
}

/// [`INITIAL_TRADES`] as a table: bit `y` of row `x` says that letters `x` and `y` trade
/// (each a-z, as `letter - 'a'`).
static TRADES: std::sync::LazyLock<[u32; 26]> = std::sync::LazyLock::new(|| {
    let mut t = [0u32; 26];
    for pair in INITIAL_TRADES {
        if let [x, y] = pair.as_bytes() {
            if let (Some(i), Some(j)) = (x.checked_sub(b'a'), y.checked_sub(b'a')) {
                if i < 26 && j < 26 {
                    t[usize::from(i)] |= 1 << j;
                    t[usize::from(j)] |= 1 << i;
                }
            }
        }
    }
    t
});

/// How many letters a key has (its length, for the ASCII keys most are).
fn letters(key: &str) -> usize {
    if key.is_ascii() {
        key.len()
    } else {
        key.chars().count()
    }
}

/// Whether a part's key ends in an e that is said: written in Cyrillic (Луке), where a
/// Latin final e may be silent (Augustine). The index's parts keep only their keys, taken as
/// Latin.
fn pronounced_final_e(p: &PartRef<'_>) -> bool {
    p.key.ends_with('e')
        && p.text
            .chars()
            .next_back()
            .is_some_and(|c| script_of(c) == Script::Cyrillic)
}
