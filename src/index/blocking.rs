//! Blocking keys: what a name is posted under, and what a query looks up.

use super::*;

/// Key letter → blocking class (`data/key/blocking.tsv`); 0 drops the letter (vowels, y).
pub(super) static CLASSES: LazyLock<[u8; 128]> = LazyLock::new(|| {
    let mut t = [0u8; 128];
    for (i, slot) in t.iter_mut().enumerate() {
        let c = i as u8;
        if c.is_ascii_lowercase() && !matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y') {
            *slot = c;
        }
    }
    for (from, to) in BLOCKING {
        if let (Some(&f), Some(&c)) = (from.as_bytes().first(), to.as_bytes().first()) {
            if let Some(slot) = t.get_mut(usize::from(f & 0x7F)) {
                *slot = c;
            }
        }
    }
    t
});

/// The blocking skeleton of a key: consonant classes, doubles collapsed (`qazaxistan` and
/// `kazakstan` both give `ksksn`... `kskstn`). Non-ASCII letters keep themselves.
pub(crate) fn coarse(key: &str) -> String {
    let classes = &*CLASSES;
    let mut out = String::with_capacity(key.len());
    let mut last = None;
    for c in key.chars() {
        let k = if c.is_ascii() {
            match classes.get(c as usize).copied().unwrap_or(0) {
                0 => continue,
                b => char::from(b),
            }
        } else {
            c
        };
        if Some(k) != last {
            out.push(k);
        }
        last = Some(k);
    }
    out
}

/// A looser lookup key than the comparison key, hashed: consonants in their blocking classes,
/// `a` and `e` one vowel (Azerbaijani ə is written either), `y` and an `i` next to a vowel
/// or a `y` dropped (`Türkiyə` and `Türkiye` alike) (`Гёкташ` keys `gyoktax`, `Göktaş` `goktax`; `Daria` `daria`, `Derya` `derya`),
/// doubles collapsed. The linker finds a text's words in the
/// registry through it, and the matcher then decides.
pub(crate) fn loose_hash(key: &str) -> u64 {
    loose_hashes(key, usize::MAX).0
}

/// The loose hash of `key` (see [`loose_hash`]) and those of its first 2, 3 and 4 loose
/// letters (0 where it has fewer), stopping after `limit` letters.
pub(crate) fn loose_hashes(key: &str, limit: usize) -> (u64, [u64; 3]) {
    let classes = &*CLASSES;
    let vowel = |c: Option<char>| matches!(c, Some('a' | 'e' | 'o' | 'u'));
    let mut h = Fnv::default();
    let mut prefixes = [0u64; 3];
    let mut len: usize = 0;
    let mut last = None;
    let mut prev = None;
    let mut chars = key.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let before = prev.replace(c);
        let k = match c {
            'a' | 'e' => 'a',
            // i next to a vowel is a glide, written i or y (Daria, Derya).
            'i' if vowel(before) || vowel(next) || next == Some('y') => continue,
            'i' | 'o' | 'u' => c,
            'y' => continue,
            _ if c.is_ascii() => match classes.get(c as usize).copied().unwrap_or(0) {
                0 => c,
                b => char::from(b),
            },
            _ => c,
        };
        if Some(k) != last {
            let mut buf = [0u8; 4];
            h.write(k.encode_utf8(&mut buf).as_bytes());
            len += 1;
            if let Some(slot) = len.checked_sub(2).and_then(|i| prefixes.get_mut(i)) {
                *slot = h.finish();
            }
            if len == limit {
                break;
            }
        }
        last = Some(k);
    }
    (h.finish(), prefixes)
}

pub(super) fn hash(tag: u8, s: &str) -> u64 {
    let mut h = Fnv::default();
    h.write(&[tag]);
    h.write(s.as_bytes());
    h.finish()
}

/// How many query parts candidate ranking tells apart; later parts count as the last.
pub(super) const RANKED_PARTS: usize = 8;

/// A blocking key of one part of a name, with how much sharing it says.
#[derive(Clone, Copy, Debug)]
pub(super) struct WeightedKey {
    pub(super) key: u64,
    /// The same comparison key says most, the same blocking skeleton less, a skeleton one
    /// deletion away least.
    pub(super) weight: f32,
    /// Which blocked part of the name (0-based, at most `RANKED_PARTS - 1`).
    pub(super) part: u8,
}

/// How many blocked parts of a name pair up for the pair keys (15 pairs at most).
pub(super) const PAIRED_PARTS: usize = 6;

/// Whether a part of this kind posts its name: names, patronymics, numbers (not initials or
/// legal forms).
pub(super) fn is_blocked(kind: PartKind) -> bool {
    matches!(
        kind,
        PartKind::Name | PartKind::Patronymic | PartKind::Number
    )
}

/// The parts that post a name.
pub(super) fn blocked(parts: &[Part]) -> impl Iterator<Item = &Part> {
    parts.iter().filter(|p| is_blocked(p.kind))
}

/// What a part contributes to a pair key: its blocking skeleton, or its comparison key when
/// it has no consonant.
pub(super) fn pair_side(key: &str) -> u64 {
    let sk = coarse(key);
    if sk.is_empty() {
        hash(b'k', key)
    } else {
        hash(b's', &sk)
    }
}

/// The key of two parts found in one name, in either order.
pub(super) fn pair_hash(a: u64, b: u64) -> u64 {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let mut h = Fnv::default();
    h.write_u8(b'p');
    h.write_u64(lo);
    h.write_u64(hi);
    h.finish()
}

/// The blocking keys of one part key (see the module docs), each with its weight.
pub(super) fn part_keys(key: &str, mut push: impl FnMut(u64, f32)) {
    push(hash(b'k', key), 4.0);
    if let Some(stem) = strip_suffix(key) {
        push(hash(b'k', stem), 4.0);
    }
    let sk = coarse(key);
    if sk.is_empty() {
        return;
    }
    push(hash(b's', &sk), 2.0);
    if sk.chars().count() >= 2 {
        // Each one-letter deletion, hashed in place (the same hash as of the string).
        for (i, c) in sk.char_indices() {
            let mut h = Fnv::default();
            h.write(b"s");
            h.write(sk.get(..i).unwrap_or("").as_bytes());
            h.write(sk.get(i + c.len_utf8()..).unwrap_or("").as_bytes());
            push(h.finish(), 1.0);
        }
    }
}

/// The blocking keys of each blocked part (and of its English reading, if it has one),
/// deduplicated per part, keeping the highest weight.
pub(super) fn weighted_keys(parts: &[Part], out: &mut Vec<WeightedKey>) {
    for (i, p) in blocked(parts).enumerate() {
        let part = i.min(RANKED_PARTS - 1) as u8;
        for k in std::iter::once(p.key.as_str()).chain(p.reading_keys()) {
            part_keys(k, |key, weight| out.push(WeightedKey { key, weight, part }));
        }
    }
    out.sort_unstable_by(|a, b| {
        (a.key, a.part)
            .cmp(&(b.key, b.part))
            .then(b.weight.total_cmp(&a.weight))
    });
    out.dedup_by_key(|k| (k.key, k.part));
}

/// Keys to join on when an engine outside namelink must find the pairs worth comparing
/// (deduplicating a table on Spark, DuckDB or Polars): two names that may match share at
/// least one key. A name of two or more parts gives one key per pair of its first parts
/// (`p:` and the two parts' consonant skeletons, in order), a name of one part its skeleton
/// (`s:`); the skeletons are taken from the cross-script keys, so `Sahil Babayev`,
/// `Сахил Бабаев` and `Babaev Sakhil` share theirs.
///
/// ```
/// use namelink::index::blocking_keys;
///
/// let a = blocking_keys("Sahil Babayev");
/// assert!(blocking_keys("Сахил Бабаев").iter().any(|k| a.contains(k)));
/// assert!(blocking_keys("Babaev Sakhil").iter().any(|k| a.contains(k)));
/// assert!(!blocking_keys("Derya Yanık").iter().any(|k| a.contains(k)));
/// ```
pub fn blocking_keys(name: &str) -> Vec<String> {
    let key = crate::key::name_key(name);
    let sides: Vec<String> = blocked(&key.parts)
        .take(PAIRED_PARTS)
        .map(|p| {
            let sk = coarse(&p.key);
            if sk.is_empty() {
                format!("k{}", p.key)
            } else {
                sk
            }
        })
        .collect();
    let mut keys: Vec<String> = match sides.as_slice() {
        [] => Vec::new(),
        [one] => vec![format!("s:{one}")],
        _ => {
            let mut out = Vec::new();
            for (i, a) in sides.iter().enumerate() {
                for b in sides.iter().skip(i + 1) {
                    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
                    out.push(format!("p:{lo}:{hi}"));
                }
            }
            out
        }
    };
    keys.sort_unstable();
    keys.dedup();
    keys
}
