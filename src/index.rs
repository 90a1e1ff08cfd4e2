//! The index: candidate retrieval through the comparison keys, never a scan of the registry.
//!
//! Every name of every entity is keyed once ([`crate::matcher::Prepared`]). Each of its parts
//! (not initials or legal forms) posts the name under a few **blocking keys**:
//!
//! * its comparison key (`babaev`), and the key without a known suffix (`babaevla → babaev`);
//! * its blocking skeleton: vowels dropped and consonants merged into the classes spellings
//!   trade (`data/key/blocking.tsv`: g k h; s z x c j q; b p v f; d t), so `Qazaxıstan` and
//!   `Казакстан`, `Heidar` and `Гейдар` meet;
//! * every one-letter deletion of that skeleton: with the query doing the same, two spellings
//!   meet through one more changed consonant on each side.
//!
//! and each **pair** of its parts (the first six) posts it under the pair of their skeletons,
//! in either order.
//!
//! A query is keyed the same way and searched in two steps:
//!
//! 1. **Pairs.** The names that share two parts' skeletons with the query (`Сахил Бабаев` and
//!    `Sahil Babayev` both give the pair `shl`+`bbv`; a part may also lose a known suffix),
//!    those sharing the most pairs first, then those of as many parts and as long; the best
//!    six are scored. When one of them is a match, the search ends: a name that shares two
//!    parts with the query outscores one that shares fewer.
//! 2. **Parts.** Otherwise (one-part queries, a part misspelt beyond its skeleton), candidates
//!    collect, per query part, the best evidence a part key gives (same key > same skeleton >
//!    one deletion away, times the key's inverse document frequency). The rarest lists are
//!    read first; once there are enough candidates, longer lists only add to candidates
//!    already found, galloping through the list in name order, so the cost of a query is
//!    bounded by its rarest keys, not by how common its common parts are. The best
//!    [`IndexBuilder::candidates`] names (32) are scored.
//!
//! Cost: building is O(total name length); a query costs O(c·k·log n) for c candidates and k
//! keys plus the scoring of at most six, or [`IndexBuilder::candidates`], names. Key lookups
//! go through a directory on the keys' top bits, one short stretch of the sorted keys each.

use std::hash::Hasher;

use std::sync::LazyLock;

use crate::key::{Fnv, Part, PartKind, PartRef, strip_suffix, with_views_of};
use crate::matcher::{Matcher, MatcherBuilder, Prepared};
use crate::registry::{Entity, EntityId, EntityKind, Registry};
use crate::tables::BLOCKING;

/// One indexed name: its entity and its keyed form.
#[derive(Clone, Debug)]
pub(crate) struct IndexedName {
    pub entity: EntityId,
    /// Which of the entity's names.
    pub name: u32,
    /// Its parts: `parts[first_part..first_part + part_count]`.
    first_part: u32,
    part_count: u16,
    /// Length of the joined name-part keys, and their first letter (`u32::MAX`: none), for
    /// ranking candidates.
    key_len: u16,
    first_letter: u32,
}

/// One keyed part in the index: its key is `arena[key_start..key_start + key_len]`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ArenaPart {
    key_start: u32,
    key_len: u16,
    kind: u8,
    common: bool,
}

/// Posting lists in flat arrays: `keys` sorted; the list of `keys[i]` is
/// `postings[offsets[i]..offsets[i + 1]]`, name indexes in ascending order.
#[derive(Debug, Default)]
pub(crate) struct Postings {
    keys: Vec<u64>,
    offsets: Vec<u32>,
    postings: Vec<u32>,
    /// Where the keys of each value of the top `dir_bits` bits start in `keys` (keys are
    /// hashes, so evenly spread): a lookup reads one short stretch instead of binary-searching
    /// millions of keys. Rebuilt on load.
    dir: Vec<u32>,
    dir_bits: u32,
}

impl Postings {
    /// From `(key, name)` pairs in any order.
    fn from_pairs(mut pairs: Vec<(u64, u32)>) -> Postings {
        sort_pairs(&mut pairs);
        pairs.dedup();
        let mut p = Postings {
            keys: Vec::new(),
            offsets: Vec::new(),
            postings: Vec::with_capacity(pairs.len()),
            ..Postings::default()
        };
        for (k, n) in pairs {
            if p.keys.last() != Some(&k) {
                p.keys.push(k);
                p.offsets.push(p.postings.len() as u32);
            }
            p.postings.push(n);
        }
        p.offsets.push(p.postings.len() as u32);
        p.index_keys();
        p
    }

    /// Builds the directory over the sorted keys: about two keys per slot.
    fn index_keys(&mut self) {
        let bits = (usize::BITS - self.keys.len().leading_zeros()).clamp(1, 26);
        let shift = 64 - bits;
        let mut dir = Vec::with_capacity((1 << bits) + 1);
        let mut at = 0;
        for slot in 0..(1u64 << bits) {
            while self.keys.get(at).is_some_and(|&k| (k >> shift) < slot) {
                at += 1;
            }
            dir.push(at as u32);
        }
        dir.push(self.keys.len() as u32);
        self.dir = dir;
        self.dir_bits = bits;
    }

    fn get(&self, key: u64) -> Option<&[u32]> {
        let slot = (key >> (64 - self.dir_bits)) as usize;
        let (lo, hi) = (
            *self.dir.get(slot)? as usize,
            *self.dir.get(slot + 1)? as usize,
        );
        let i = lo + self.keys.get(lo..hi)?.iter().position(|&k| k == key)?;
        let (a, b) = (*self.offsets.get(i)?, *self.offsets.get(i + 1)?);
        self.postings.get(a as usize..b as usize)
    }
}

/// Sorts `(key, name)` pairs by key, then name. Pairs arrive in name order, so a stable
/// radix sort on the key (four passes of 16 bits) keeps names ascending within a key: linear
/// time for the millions of pairs of a large registry, where a comparison sort is the
/// slowest step of building.
fn sort_pairs(pairs: &mut Vec<(u64, u32)>) {
    if pairs.len() < 4096 || !pairs.windows(2).all(|w| w[0].1 <= w[1].1) {
        pairs.sort_unstable();
        return;
    }
    let mut buf = vec![(0u64, 0u32); pairs.len()];
    let mut counts = vec![0usize; 1 << 16];
    for pass in 0..4 {
        let shift = pass * 16;
        let digit = |k: u64| ((k >> shift) & 0xFFFF) as usize;
        counts.iter_mut().for_each(|c| *c = 0);
        for p in pairs.iter() {
            if let Some(c) = counts.get_mut(digit(p.0)) {
                *c += 1;
            }
        }
        let mut at = 0;
        for c in counts.iter_mut() {
            let n = *c;
            *c = at;
            at += n;
        }
        for &p in pairs.iter() {
            if let Some(c) = counts.get_mut(digit(p.0)) {
                if let Some(slot) = buf.get_mut(*c) {
                    *slot = p;
                }
                *c += 1;
            }
        }
        std::mem::swap(pairs, &mut buf);
    }
}

/// The names of a [`Registry`], keyed, with posting lists for candidate retrieval.
/// `Send + Sync`: share one index between threads.
#[derive(Debug)]
pub struct Index {
    registry: Registry,
    matcher: Matcher,
    pub(crate) names: Vec<IndexedName>,
    /// Per name, what ranking reads of it in a compact array that stays in cache: blocked
    /// part count (top 4 bits) and key length (low 12 bits). Rebuilt on load.
    shapes: Vec<u16>,
    /// Every part of every indexed name, in name order.
    parts: Vec<ArenaPart>,
    /// The part keys, each distinct key once.
    arena: String,
    postings: Postings,
    candidates: usize,
}

/// Settings for building an [`Index`].
#[derive(Clone, Debug)]
pub struct IndexBuilder {
    matcher: Matcher,
    candidates: usize,
}

impl Default for IndexBuilder {
    fn default() -> Self {
        IndexBuilder {
            matcher: Matcher::new(),
            candidates: 32,
        }
    }
}

impl IndexBuilder {
    /// The matcher that keys names and scores candidates. Default: [`Matcher::new`].
    pub fn matcher(&mut self, matcher: Matcher) -> &mut IndexBuilder {
        self.matcher = matcher;
        self
    }

    /// How many of the best-retrieved names a query scores with the matcher when no name
    /// sharing two parts with it matches (see the [module docs](self)). Default: 32.
    pub fn candidates(&mut self, n: usize) -> &mut IndexBuilder {
        self.candidates = n.max(1);
        self
    }

    /// Keys every name of `registry` and builds the posting lists.
    pub fn build(&self, registry: Registry) -> Index {
        let mut names = Vec::new();
        let mut parts: Vec<ArenaPart> = Vec::new();
        let mut arena = String::new();
        let mut interned: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        let mut pairs: Vec<(u64, u32)> = Vec::new();
        let mut keys = Vec::new();
        for (id, entity) in registry.iter() {
            for (name_no, name) in entity.names.iter().enumerate() {
                let prepared = self.matcher.prepare(name);
                let n = names.len() as u32;
                let key_parts = &prepared.key().parts;
                keys.clear();
                blocking_keys(key_parts, &mut keys);
                pairs.extend(keys.iter().map(|&k| (k, n)));
                let first_part = parts.len() as u32;
                for p in key_parts.iter().take(usize::from(u16::MAX)) {
                    let key_start = match interned.get(p.key.as_str()) {
                        Some(&at) => at,
                        None => {
                            let at = arena.len() as u32;
                            arena.push_str(&p.key);
                            interned.insert(p.key.to_string(), at);
                            at
                        }
                    };
                    parts.push(ArenaPart {
                        key_start,
                        key_len: p.key.len().min(usize::from(u16::MAX)) as u16,
                        kind: part_code(p.kind),
                        common: p.common,
                    });
                }
                let (first, len) = shape(&prepared);
                names.push(IndexedName {
                    entity: id,
                    name: name_no as u32,
                    first_part,
                    part_count: key_parts.len().min(usize::from(u16::MAX)) as u16,
                    key_len: len.min(usize::from(u16::MAX)) as u16,
                    first_letter: first.map_or(u32::MAX, u32::from),
                });
            }
        }
        parts.shrink_to_fit();
        arena.shrink_to_fit();
        Index {
            registry,
            matcher: self.matcher.clone(),
            shapes: shapes_of(&names, &parts),
            names,
            parts,
            arena,
            postings: Postings::from_pairs(pairs),
            candidates: self.candidates,
        }
    }
}

/// Key letter → blocking class (`data/key/blocking.tsv`); 0 drops the letter (vowels, y).
static CLASSES: LazyLock<[u8; 128]> = LazyLock::new(|| {
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
/// dropped (`Гёкташ` keys `gyoktax`, `Göktaş` `goktax`; `Daria` `daria`, `Derya` `derya`),
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
            'i' if vowel(before) || vowel(next) => continue,
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

fn hash(tag: u8, s: &str) -> u64 {
    let mut h = Fnv::default();
    h.write(&[tag]);
    h.write(s.as_bytes());
    h.finish()
}

/// The blocking keys of a name's parts (see the module docs) and the pair keys of its first
/// [`PAIRED_PARTS`] blocked parts, deduplicated.
pub(crate) fn blocking_keys(parts: &[Part], out: &mut Vec<u64>) {
    let mut weighted = Vec::new();
    weighted_keys(parts, &mut weighted);
    let start = out.len();
    out.extend(weighted.iter().map(|w| w.key));
    let sides: Vec<u64> = blocked(parts)
        .take(PAIRED_PARTS)
        .map(|p| pair_side(&p.key))
        .collect();
    for (i, &a) in sides.iter().enumerate() {
        for &b in sides.iter().skip(i + 1) {
            out.push(pair_hash(a, b));
        }
    }
    if let Some(tail) = out.get_mut(start..) {
        tail.sort_unstable();
    }
    out.dedup();
}

/// How many names of one pair key's list a query reads.
const PAIR_WALK: usize = 64;

/// How many of the names found through pair keys a query scores at most.
const PAIR_SCORED: usize = 6;

/// How many query parts candidate ranking tells apart; later parts count as the last.
const RANKED_PARTS: usize = 8;

/// A blocking key of one part of a name, with how much sharing it says.
#[derive(Clone, Copy, Debug)]
struct WeightedKey {
    key: u64,
    /// The same comparison key says most, the same blocking skeleton less, a skeleton one
    /// deletion away least.
    weight: f32,
    /// Which blocked part of the name (0-based, at most `RANKED_PARTS - 1`).
    part: u8,
}

/// How many blocked parts of a name pair up for the pair keys (15 pairs at most).
const PAIRED_PARTS: usize = 6;

/// The parts that post a name: names, patronymics, numbers (not initials or legal forms).
fn blocked(parts: &[Part]) -> impl Iterator<Item = &Part> {
    parts.iter().filter(|p| {
        matches!(
            p.kind,
            PartKind::Name | PartKind::Patronymic | PartKind::Number
        )
    })
}

/// What a part contributes to a pair key: its blocking skeleton, or its comparison key when
/// it has no consonant.
fn pair_side(key: &str) -> u64 {
    let sk = coarse(key);
    if sk.is_empty() {
        hash(b'k', key)
    } else {
        hash(b's', &sk)
    }
}

/// The key of two parts found in one name, in either order.
fn pair_hash(a: u64, b: u64) -> u64 {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let mut h = Fnv::default();
    h.write_u8(b'p');
    h.write_u64(lo);
    h.write_u64(hi);
    h.finish()
}

/// The blocking keys of each blocked part, deduplicated per part, keeping the highest weight.
fn weighted_keys(parts: &[Part], out: &mut Vec<WeightedKey>) {
    for (i, p) in blocked(parts).enumerate() {
        let part = i.min(RANKED_PARTS - 1) as u8;
        let mut push = |key, weight| out.push(WeightedKey { key, weight, part });
        push(hash(b'k', &p.key), 4.0);
        if let Some(stem) = strip_suffix(&p.key) {
            push(hash(b'k', stem), 4.0);
        }
        let sk = coarse(&p.key);
        if sk.is_empty() {
            continue;
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
    out.sort_unstable_by(|a, b| {
        (a.key, a.part)
            .cmp(&(b.key, b.part))
            .then(b.weight.total_cmp(&a.weight))
    });
    out.dedup_by_key(|k| (k.key, k.part));
}

impl Index {
    /// Builds with the defaults.
    pub fn new(registry: Registry) -> Index {
        IndexBuilder::default().build(registry)
    }

    /// A builder with the defaults.
    pub fn builder() -> IndexBuilder {
        IndexBuilder::default()
    }

    /// The registry the index was built from.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The matcher the index keys and scores with.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// How many names are indexed (every name of every entity).
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// No names.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The text of indexed name `n`.
    pub(crate) fn name_text(&self, n: &IndexedName) -> &str {
        self.registry
            .get(n.entity)
            .and_then(|e| e.names.get(n.name as usize))
            .map(String::as_str)
            .unwrap_or("")
    }

    /// The parts of indexed name `n`, as views into the arena.
    pub(crate) fn part_views(&self, n: &IndexedName) -> impl Iterator<Item = PartRef<'_>> {
        let start = n.first_part as usize;
        self.parts
            .get(start..start + usize::from(n.part_count))
            .unwrap_or(&[])
            .iter()
            .map(|p| self.view(p))
    }

    /// A hash of indexed name `n`'s keyed parts: names keyed alike (two people called Mehmet
    /// Yılmaz) have the same, so a caller can score them once.
    pub(crate) fn name_signature(&self, n: &IndexedName) -> u64 {
        let start = n.first_part as usize;
        let mut h = Fnv::default();
        for p in self
            .parts
            .get(start..start + usize::from(n.part_count))
            .unwrap_or(&[])
        {
            h.write_u32(p.key_start);
            h.write_u8(p.kind);
            h.write_u8(u8::from(p.common));
        }
        h.finish()
    }

    fn view(&self, p: &ArenaPart) -> PartRef<'_> {
        let s = p.key_start as usize;
        let key = self.arena.get(s..s + usize::from(p.key_len)).unwrap_or("");
        PartRef {
            text: key,
            key,
            kind: part_from(p.kind),
            common: p.common,
        }
    }

    /// The matcher's score of `query` against indexed name `n`, from the arena.
    pub(crate) fn score_candidate(&self, query: &Prepared, n: &IndexedName) -> f64 {
        let start = n.first_part as usize;
        let parts = self
            .parts
            .get(start..start + usize::from(n.part_count))
            .unwrap_or(&[]);
        if parts.is_empty() {
            // A name of no keyable part (punctuation only): compare the texts.
            return self.matcher.compare(query.name(), self.name_text(n)).score;
        }
        with_views_of(
            parts,
            |p| self.view(p),
            |views| self.matcher.score_views(query, views),
        )
    }

    /// The names that share two parts' skeletons with `query` (as written, or without a
    /// suffix), those sharing the most pairs first, at most [`PAIR_SCORED`].
    ///
    /// The pair lists are read shortest first; a list longer than [`PAIR_WALK`] only counts
    /// for names already found (a binary search each), so a common pair (Mehmet Yılmaz)
    /// costs no more than a rare one.
    pub(crate) fn pair_candidates(&self, query: &Prepared) -> Vec<u32> {
        // (part, side, whether it is of the part as written)
        let mut sides: Vec<(usize, u64, bool)> = Vec::new();
        for (i, p) in blocked(&query.key().parts).take(PAIRED_PARTS).enumerate() {
            let side = pair_side(&p.key);
            sides.push((i, side, true));
            if let Some(stem) = strip_suffix(&p.key) {
                let stem_side = pair_side(stem);
                if stem_side != side {
                    sides.push((i, stem_side, false));
                }
            }
        }
        // A pair of parts as written counts twice what a pair with a suffix taken off does.
        let mut lists: Vec<(&[u32], u32)> = Vec::new();
        for (x, &(i, a, a_whole)) in sides.iter().enumerate() {
            for &(j, b, b_whole) in sides.iter().skip(x + 1) {
                if i != j {
                    let weight = if a_whole && b_whole { 2 } else { 1 };
                    lists.extend(self.postings.get(pair_hash(a, b)).map(|l| (l, weight)));
                }
            }
        }
        // Pairs as written first, rarest first: they seed the names; a long list then only
        // counts for names already found.
        lists.sort_by_key(|l| (std::cmp::Reverse(l.1), l.0.len()));
        // (name, how many of the query's pairs it has), ascending by name.
        let mut found: Vec<(u32, u32)> = Vec::new();
        let mut merged = Vec::new();
        for (list, weight) in lists {
            if found.len() < PAIR_WALK || list.len() <= PAIR_WALK {
                merged.clear();
                let (mut a, mut b) = (
                    found.iter().peekable(),
                    list.iter().take(PAIR_WALK).peekable(),
                );
                loop {
                    let next = match (a.peek(), b.peek()) {
                        (Some(&&(n, c)), Some(&&m)) if n == m => {
                            a.next();
                            b.next();
                            (n, c + weight)
                        }
                        (Some(&&(n, c)), Some(&&m)) if n < m => {
                            a.next();
                            (n, c)
                        }
                        (_, Some(&&m)) => {
                            b.next();
                            (m, weight)
                        }
                        (Some(&&x), None) => {
                            a.next();
                            x
                        }
                        (None, None) => break,
                    };
                    merged.push(next);
                }
                std::mem::swap(&mut found, &mut merged);
            } else {
                let mut rest = list;
                for f in found.iter_mut() {
                    let (hit, skip) = gallop(rest, f.0);
                    if hit {
                        f.1 += weight;
                    }
                    rest = rest.get(skip..).unwrap_or(&[]);
                }
            }
        }
        if found.len() > PAIR_SCORED {
            // Most pairs shared first; then names of as many parts and as long as the query.
            let (q_parts, q_len) = (blocked(&query.key().parts).count(), shape(query).1);
            let mut ranked: Vec<(u32, u32, usize)> = found
                .iter()
                .map(|&(n, count)| {
                    let unlike = self.shapes.get(n as usize).map_or(usize::MAX, |&shape| {
                        let parts = usize::from(shape >> 12);
                        let len = usize::from(shape & 0xFFF);
                        parts.abs_diff(q_parts.min(15)) * 64 + len.abs_diff(q_len.min(0xFFF))
                    });
                    (n, count, unlike)
                })
                .collect();
            ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)).then(a.0.cmp(&b.0)));
            return ranked.into_iter().take(PAIR_SCORED).map(|r| r.0).collect();
        }
        found.into_iter().map(|f| f.0).collect()
    }

    /// The indexes of the names most worth scoring for `query`, best first.
    pub(crate) fn candidates(&self, query: &Prepared) -> Vec<u32> {
        let mut keys = Vec::new();
        weighted_keys(&query.key().parts, &mut keys);
        let total = self.names.len().max(1) as f64;
        // (list, weight, part, whether the key is a strong one: the same key or skeleton)
        let mut lists: Vec<(&[u32], f32, u8, bool)> = keys
            .iter()
            .filter_map(|k| {
                self.postings.get(k.key).map(|l| {
                    let idf = (total / l.len() as f64).ln().max(0.01) as f32;
                    (l, k.weight * idf, k.part, k.weight >= 2.0)
                })
            })
            .collect();
        // Shortest (rarest) lists first: they seed the candidates; once there are enough, a
        // longer list only adds to candidates already found (a binary search each, as lists
        // are sorted), so a query never walks the long list of a common name.
        lists.sort_by_key(|(l, ..)| l.len());
        let enough = (self.candidates * 4).max(256);
        let (q_first, q_len) = shape(query);
        ACC.with(|cell| {
            let mut guard = cell.try_borrow_mut().ok();
            let mut fresh = Accumulator::default();
            let acc = match guard.as_deref_mut() {
                Some(a) => a,
                None => &mut fresh,
            };
            acc.reset(self.names.len());
            let mut sorted: Vec<u32> = Vec::new();
            for (list, weight, part, strong) in lists {
                let touched = acc.rows.len();
                if touched < enough {
                    for &n in list.iter().take(enough * 2) {
                        acc.add(n, part, weight);
                    }
                } else if !strong && list.len() > touched {
                    // A long list of a one-deletion key says little about candidates already
                    // found: not worth a search for each.
                    continue;
                } else if list.len() > touched * 8 {
                    // Candidates in name order, each found by galloping on from the last:
                    // the probes stay near each other in the long list.
                    if sorted.len() != touched {
                        sorted.clear();
                        sorted.extend(acc.rows.iter().map(|r| r.name));
                        sorted.sort_unstable();
                    }
                    let mut rest = list;
                    for &n in &sorted {
                        let (found, skip) = gallop(rest, n);
                        if found {
                            acc.add(n, part, weight);
                        }
                        rest = rest.get(skip..).unwrap_or(&[]);
                    }
                } else {
                    for &n in list {
                        if acc.seen(n) {
                            acc.add(n, part, weight);
                        }
                    }
                }
            }
            // Each query part counts by its best evidence in a candidate; among names as
            // well matched, prefer those that start alike and are as long.
            let mut ranked: Vec<(u32, f32)> = acc
                .rows
                .iter()
                .map(|row| {
                    let bonus = match self.names.get(row.name as usize) {
                        Some(named) => {
                            let first = char::from_u32(named.first_letter);
                            let len = usize::from(named.key_len);
                            0.5 * f32::from(u8::from(first == q_first))
                                - 0.1 * (len.abs_diff(q_len) as f32)
                        }
                        None => 0.0,
                    };
                    (row.name, row.best.iter().sum::<f32>() + bonus)
                })
                .collect();
            let keep = self.candidates.min(ranked.len());
            if keep < ranked.len() {
                ranked.select_nth_unstable_by(keep, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                ranked.truncate(keep);
            }
            ranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            ranked.into_iter().map(|(n, _)| n).collect()
        })
    }
}

/// Whether `n` is in the ascending `list`, and how many entries are below it: an exponential
/// search from the start, then a binary search in the last step.
fn gallop(list: &[u32], n: u32) -> (bool, usize) {
    let mut hi = 1;
    while list.get(hi - 1).is_some_and(|&x| x < n) {
        hi *= 2;
    }
    let lo = hi / 2;
    let hi = hi.min(list.len());
    match list.get(lo..hi).map(|w| w.binary_search(&n)) {
        Some(Ok(i)) => (true, lo + i),
        Some(Err(i)) => (false, lo + i),
        None => (false, list.len()),
    }
}

/// Candidate evidence, reused across the queries of a thread: per name touched, the best
/// weight each query part found in it.
#[derive(Default)]
struct Accumulator {
    /// Per indexed name: 0, or 1 + its row.
    slot: Vec<u32>,
    rows: Vec<Row>,
}

struct Row {
    name: u32,
    best: [f32; RANKED_PARTS],
}

impl Accumulator {
    fn reset(&mut self, names: usize) {
        for row in &self.rows {
            if let Some(s) = self.slot.get_mut(row.name as usize) {
                *s = 0;
            }
        }
        self.rows.clear();
        if self.slot.len() < names {
            self.slot.resize(names, 0);
        }
    }

    #[inline]
    fn seen(&self, n: u32) -> bool {
        self.slot.get(n as usize).is_some_and(|&s| s > 0)
    }

    #[inline]
    fn add(&mut self, n: u32, part: u8, w: f32) {
        let Some(s) = self.slot.get_mut(n as usize) else {
            return;
        };
        if *s == 0 {
            self.rows.push(Row {
                name: n,
                best: [0.0; RANKED_PARTS],
            });
            *s = self.rows.len() as u32;
        }
        if let Some(b) = self
            .rows
            .get_mut(*s as usize - 1)
            .and_then(|r| r.best.get_mut(usize::from(part)))
        {
            *b = b.max(w);
        }
    }
}

thread_local! {
    static ACC: std::cell::RefCell<Accumulator> = std::cell::RefCell::new(Accumulator::default());
}

/// Each name's blocked part count and key length (see [`Index`]'s `shapes`).
fn shapes_of(names: &[IndexedName], parts: &[ArenaPart]) -> Vec<u16> {
    names
        .iter()
        .map(|n| {
            let start = n.first_part as usize;
            let blocked = parts
                .get(start..start + usize::from(n.part_count))
                .unwrap_or(&[])
                .iter()
                .filter(|p| {
                    matches!(
                        part_from(p.kind),
                        PartKind::Name | PartKind::Patronymic | PartKind::Number
                    )
                })
                .count();
            (blocked.min(15) as u16) << 12 | n.key_len.min(0xFFF)
        })
        .collect()
}

/// The first letter and length of a name's joined part keys, for ranking candidates.
fn shape(p: &Prepared) -> (Option<char>, usize) {
    let parts = &p.key().parts;
    let first = parts
        .iter()
        .find(|x| x.kind == PartKind::Name)
        .and_then(|x| x.key.chars().next());
    let len = parts
        .iter()
        .filter(|x| x.kind == PartKind::Name)
        .map(|x| x.key.len())
        .sum();
    (first, len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radix_sort_of_pairs_equals_a_comparison_sort() {
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut pairs: Vec<(u64, u32)> = (0..20_000u32)
            .map(|n| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                // Few distinct keys, so that names repeat under one key.
                (x % 997 * 0x1_0001_0001, n)
            })
            .collect();
        let mut expected = pairs.clone();
        expected.sort_unstable();
        sort_pairs(&mut pairs);
        assert_eq!(pairs, expected);
    }

    #[test]
    fn index_is_send_and_sync() {
        fn assert_all<T: Send + Sync>() {}
        assert_all::<Index>();
    }
}

/// Why a saved index could not be loaded (or saved).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IndexFileError {
    /// Reading or writing failed.
    #[error("cannot read or write the index: {0}")]
    Io(String),
    /// The file does not start like a namelink index.
    #[error("not a namelink index file")]
    NotAnIndex,
    /// Written by a namelink with another index format.
    #[error(
        "index format version {found}, but this namelink reads version {expected}: rebuild the index"
    )]
    Version {
        /// The file's format version.
        found: u32,
        /// The version this build reads.
        expected: u32,
    },
    /// The file is shorter than its header says.
    #[error("the index file is truncated")]
    Truncated,
    /// The contents do not match their checksum.
    #[error("the index file is corrupted (checksum mismatch)")]
    Checksum,
    /// The contents are inconsistent (the message says where).
    #[error("the index file is corrupted: {0}")]
    Corrupt(String),
}

/// The format of saved indexes; bumped whenever the layout or the keys change.
pub const INDEX_FORMAT_VERSION: u32 = 1;

const MAGIC: &[u8; 12] = b"NAMELINKIDX\0";

impl Index {
    /// Saves the index: a header (magic, format version, payload length, CRC-32) and the
    /// payload (matcher settings, entities, keyed names, posting lists).
    ///
    /// # Errors
    ///
    /// [`IndexFileError::Io`] when writing fails.
    pub fn save(&self, mut w: impl std::io::Write) -> Result<(), IndexFileError> {
        let mut out = file::Writer::default();
        let settings = serde_json::to_string(self.matcher.settings())
            .map_err(|e| IndexFileError::Io(e.to_string()))?;
        out.str(&settings);
        out.u32(self.candidates as u32);
        out.u32(self.registry.len() as u32);
        for (_, e) in self.registry.iter() {
            out.str(&e.id);
            out.u8(kind_code(e.kind));
            out.u32(e.names.len() as u32);
            for n in &e.names {
                out.str(n);
            }
        }
        out.u32(self.names.len() as u32);
        for named in &self.names {
            out.u32(named.entity.as_usize() as u32);
            out.u32(named.name);
            out.u32(named.first_part);
            out.u32(u32::from(named.part_count));
            out.u32(u32::from(named.key_len));
            out.u32(named.first_letter);
        }
        out.u32(self.parts.len() as u32);
        for p in &self.parts {
            out.u32(p.key_start);
            out.u32(u32::from(p.key_len));
            out.u8(p.kind);
            out.u8(u8::from(p.common));
        }
        out.str(&self.arena);
        out.u64s(&self.postings.keys);
        out.u32s(&self.postings.offsets);
        out.u32s(&self.postings.postings);
        let payload = out.into_bytes();
        let io = |e: std::io::Error| IndexFileError::Io(e.to_string());
        w.write_all(MAGIC).map_err(io)?;
        w.write_all(&INDEX_FORMAT_VERSION.to_le_bytes())
            .map_err(io)?;
        w.write_all(&(payload.len() as u64).to_le_bytes())
            .map_err(io)?;
        w.write_all(&crc32fast::hash(&payload).to_le_bytes())
            .map_err(io)?;
        w.write_all(&payload).map_err(io)?;
        w.flush().map_err(io)
    }

    /// Loads an index saved by [`Index::save`], checking magic, version, length and checksum
    /// before anything else; a damaged file is an error, never a partial index.
    ///
    /// # Errors
    ///
    /// Every variant of [`IndexFileError`].
    pub fn load(mut r: impl std::io::Read) -> Result<Index, IndexFileError> {
        let mut bytes = Vec::new();
        r.read_to_end(&mut bytes)
            .map_err(|e| IndexFileError::Io(e.to_string()))?;
        Index::from_bytes(&bytes)
    }

    /// [`Index::save`] to a file.
    ///
    /// # Errors
    ///
    /// [`IndexFileError::Io`].
    pub fn save_file(&self, path: impl AsRef<std::path::Path>) -> Result<(), IndexFileError> {
        let f = std::fs::File::create(path.as_ref())
            .map_err(|e| IndexFileError::Io(format!("{}: {e}", path.as_ref().display())))?;
        self.save(std::io::BufWriter::new(f))
    }

    /// [`Index::load`] from a file.
    ///
    /// # Errors
    ///
    /// As [`Index::load`].
    pub fn load_file(path: impl AsRef<std::path::Path>) -> Result<Index, IndexFileError> {
        let bytes = std::fs::read(path.as_ref())
            .map_err(|e| IndexFileError::Io(format!("{}: {e}", path.as_ref().display())))?;
        Index::from_bytes(&bytes)
    }

    fn from_bytes(bytes: &[u8]) -> Result<Index, IndexFileError> {
        let header = 12 + 4 + 8 + 4;
        let magic_ok = if bytes.len() >= MAGIC.len() {
            bytes.starts_with(MAGIC)
        } else {
            MAGIC.starts_with(bytes)
        };
        if bytes.is_empty() || !magic_ok {
            return Err(IndexFileError::NotAnIndex);
        }
        if bytes.len() < header {
            return Err(IndexFileError::Truncated);
        }
        let mut h = file::Reader::new(bytes.get(12..header).unwrap_or(&[]));
        let version = h.u32()?;
        if version != INDEX_FORMAT_VERSION {
            return Err(IndexFileError::Version {
                found: version,
                expected: INDEX_FORMAT_VERSION,
            });
        }
        let len = h.u64()?;
        let crc = h.u32()?;
        let payload = bytes.get(header..).unwrap_or(&[]);
        if (payload.len() as u64) < len {
            return Err(IndexFileError::Truncated);
        }
        if payload.len() as u64 != len {
            return Err(IndexFileError::Corrupt(
                "bytes after the end of the index".into(),
            ));
        }
        if crc32fast::hash(payload) != crc {
            return Err(IndexFileError::Checksum);
        }
        let mut r = file::Reader::new(payload);
        let settings: MatcherBuilder = serde_json::from_str(&r.string()?)
            .map_err(|e| IndexFileError::Corrupt(format!("matcher settings: {e}")))?;
        let matcher = settings.build();
        let candidates = r.u32()? as usize;
        let entities = r.u32()?;
        let mut list = Vec::with_capacity(entities.min(1 << 24) as usize);
        for _ in 0..entities {
            let id = r.string()?;
            let kind = kind_from(r.u8()?)?;
            let count = r.u32()?;
            let mut names = Vec::with_capacity(count.min(1 << 16) as usize);
            for _ in 0..count {
                names.push(r.string()?);
            }
            if names.is_empty() {
                return Err(IndexFileError::Corrupt(format!(
                    "entity {id:?} has no names"
                )));
            }
            list.push(Entity::new(id, kind, names));
        }
        let registry = Registry::from_checked(list);
        let count = r.u32()?;
        let mut names = Vec::with_capacity(count.min(1 << 24) as usize);
        for _ in 0..count {
            let entity = r.u32()?;
            let name = r.u32()?;
            let first_part = r.u32()?;
            let part_count = u16::try_from(r.u32()?)
                .map_err(|_| IndexFileError::Corrupt("part count".into()))?;
            let key_len = u16::try_from(r.u32()?)
                .map_err(|_| IndexFileError::Corrupt("key length".into()))?;
            let first_letter = r.u32()?;
            let known = registry
                .get(EntityId::from_index(entity))
                .is_some_and(|e| (name as usize) < e.names.len());
            if !known {
                return Err(IndexFileError::Corrupt("a name of no entity".into()));
            }
            names.push(IndexedName {
                entity: EntityId::from_index(entity),
                name,
                first_part,
                part_count,
                key_len,
                first_letter,
            });
        }
        let count = r.u32()?;
        let mut parts = Vec::with_capacity(count.min(1 << 26) as usize);
        for _ in 0..count {
            let key_start = r.u32()?;
            let key_len = u16::try_from(r.u32()?)
                .map_err(|_| IndexFileError::Corrupt("key length".into()))?;
            let kind = r.u8()?;
            let common = r.u8()? != 0;
            if kind > 4 {
                return Err(IndexFileError::Corrupt(format!("part kind {kind}")));
            }
            parts.push(ArenaPart {
                key_start,
                key_len,
                kind,
                common,
            });
        }
        let arena = r.string()?;
        let parts_ok = parts.iter().all(|p| {
            arena
                .get(p.key_start as usize..p.key_start as usize + usize::from(p.key_len))
                .is_some()
        });
        let names_ok = names
            .iter()
            .all(|n| (n.first_part as usize + usize::from(n.part_count)) <= parts.len());
        if !parts_ok || !names_ok {
            return Err(IndexFileError::Corrupt("part records".into()));
        }
        let mut postings = Postings {
            keys: r.u64s()?,
            offsets: r.u32s()?,
            postings: r.u32s()?,
            ..Postings::default()
        };
        if postings.offsets.len() != postings.keys.len() + 1
            || postings.keys.windows(2).any(|w| w[0] >= w[1])
            || postings.offsets.last().copied().unwrap_or(0) as usize != postings.postings.len()
            || postings.postings.iter().any(|&n| n as usize >= names.len())
            || postings.offsets.windows(2).any(|w| w[0] > w[1])
        {
            return Err(IndexFileError::Corrupt("posting lists".into()));
        }
        postings.index_keys();
        if !r.is_empty() {
            return Err(IndexFileError::Corrupt("trailing data".into()));
        }
        Ok(Index {
            registry,
            matcher,
            shapes: shapes_of(&names, &parts),
            names,
            parts,
            arena,
            postings,
            candidates: candidates.max(1),
        })
    }
}

fn kind_code(k: EntityKind) -> u8 {
    match k {
        EntityKind::Person => 0,
        EntityKind::Organization => 1,
        EntityKind::Place => 2,
        _ => 3,
    }
}

fn kind_from(b: u8) -> Result<EntityKind, IndexFileError> {
    Ok(match b {
        0 => EntityKind::Person,
        1 => EntityKind::Organization,
        2 => EntityKind::Place,
        3 => EntityKind::Other,
        _ => return Err(IndexFileError::Corrupt(format!("entity kind {b}"))),
    })
}

fn part_code(k: PartKind) -> u8 {
    match k {
        PartKind::Name => 0,
        PartKind::Initial => 1,
        PartKind::Patronymic => 2,
        PartKind::Number => 3,
        _ => 4,
    }
}

/// The kind of a stored part (codes beyond the known ones are checked when loading).
fn part_from(b: u8) -> PartKind {
    match b {
        0 => PartKind::Name,
        1 => PartKind::Initial,
        2 => PartKind::Patronymic,
        3 => PartKind::Number,
        _ => PartKind::LegalForm,
    }
}

/// Little-endian primitives of the index file.
mod file {
    use super::IndexFileError;

    #[derive(Default)]
    pub(super) struct Writer(Vec<u8>);

    impl Writer {
        pub fn u8(&mut self, v: u8) {
            self.0.push(v);
        }
        pub fn u32(&mut self, v: u32) {
            self.0.extend_from_slice(&v.to_le_bytes());
        }
        pub fn str(&mut self, s: &str) {
            self.u32(s.len() as u32);
            self.0.extend_from_slice(s.as_bytes());
        }
        pub fn u32s(&mut self, v: &[u32]) {
            self.0.extend_from_slice(&(v.len() as u64).to_le_bytes());
            for x in v {
                self.0.extend_from_slice(&x.to_le_bytes());
            }
        }
        pub fn u64s(&mut self, v: &[u64]) {
            self.0.extend_from_slice(&(v.len() as u64).to_le_bytes());
            for x in v {
                self.0.extend_from_slice(&x.to_le_bytes());
            }
        }
        pub fn into_bytes(self) -> Vec<u8> {
            self.0
        }
    }

    pub(super) struct Reader<'a> {
        buf: &'a [u8],
    }

    impl<'a> Reader<'a> {
        pub fn new(buf: &'a [u8]) -> Reader<'a> {
            Reader { buf }
        }
        pub fn is_empty(&self) -> bool {
            self.buf.is_empty()
        }
        fn take(&mut self, n: usize) -> Result<&'a [u8], IndexFileError> {
            if self.buf.len() < n {
                return Err(IndexFileError::Corrupt("a record runs past the end".into()));
            }
            let (a, b) = self.buf.split_at(n);
            self.buf = b;
            Ok(a)
        }
        fn array<const N: usize>(&mut self) -> Result<[u8; N], IndexFileError> {
            let mut a = [0u8; N];
            a.copy_from_slice(self.take(N)?);
            Ok(a)
        }
        pub fn u8(&mut self) -> Result<u8, IndexFileError> {
            Ok(self.array::<1>()?[0])
        }
        pub fn u32(&mut self) -> Result<u32, IndexFileError> {
            Ok(u32::from_le_bytes(self.array()?))
        }
        pub fn u64(&mut self) -> Result<u64, IndexFileError> {
            Ok(u64::from_le_bytes(self.array()?))
        }
        pub fn string(&mut self) -> Result<String, IndexFileError> {
            let n = self.u32()? as usize;
            let bytes = self.take(n)?;
            String::from_utf8(bytes.to_vec())
                .map_err(|_| IndexFileError::Corrupt("a string is not UTF-8".into()))
        }
        fn count(&mut self, width: usize) -> Result<usize, IndexFileError> {
            let n = self.u64()?;
            if n.saturating_mul(width as u64) > self.buf.len() as u64 {
                return Err(IndexFileError::Corrupt("an array runs past the end".into()));
            }
            Ok(n as usize)
        }
        pub fn u32s(&mut self) -> Result<Vec<u32>, IndexFileError> {
            let n = self.count(4)?;
            let bytes = self.take(n * 4)?;
            Ok(bytes
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect())
        }
        pub fn u64s(&mut self) -> Result<Vec<u64>, IndexFileError> {
            let n = self.count(8)?;
            let bytes = self.take(n * 8)?;
            Ok(bytes
                .chunks_exact(8)
                .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
                .collect())
        }
    }
}
