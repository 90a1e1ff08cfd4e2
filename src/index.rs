//! The index: candidate retrieval through the comparison keys, never a scan of the registry.
//!
//! Every name of every entity is keyed once ([`crate::matcher::Prepared`]); each distinct
//! part key is stored once, with the list of names that have it. A part key (not of an
//! initial or a legal form) gives a few **blocking keys**:
//!
//! * itself (`babaev`), and itself without a known suffix (`babaevla → babaev`);
//! * its blocking skeleton: vowels dropped and consonants merged into the classes spellings
//!   trade (`data/key/blocking.tsv`: g k h; s z x c j q; b p v f; d t), so `Qazaxıstan` and
//!   `Казакстан`, `Heidar` and `Гейдар` meet;
//! * every one-letter deletion of that skeleton: with the query doing the same, two spellings
//!   meet through one more changed consonant on each side.
//!
//! A blocking key leads to the part keys that give it (a few ten thousand part keys serve a
//! million names), and each **pair** of a name's parts (the first six) posts the name under
//! the pair of their skeletons, in either order.
//!
//! A query is keyed the same way and searched in two steps:
//!
//! 1. **Pairs.** The names that share two parts' skeletons with the query (`Сахил Бабаев` and
//!    `Sahil Babayev` both give the pair `shl`+`bbv`; a part may also lose a known suffix):
//!    those sharing the most pairs first, then those keyed exactly like it, then those of as
//!    many parts and as long; the best five are scored. When one of them is a match, the
//!    search ends: a name that shares two parts with the query outscores one that shares
//!    fewer.
//! 2. **Parts.** Otherwise (one-part queries, a part misspelt beyond its skeleton), the names
//!    of the rarest blocking keys become candidates until there are enough (64), so a query
//!    never walks the long list of a common name. Each candidate then counts, per query part,
//!    the best evidence one of its own parts gives (same key > same skeleton > one deletion
//!    away, times the key's inverse document frequency); the best
//!    [`IndexBuilder::candidates`] (16) are scored. A one-part query reads and scores four
//!    times as many; one-deletion keys that more than 64 part keys give are ignored.
//!
//! Cost: building is O(total name length); a query reads a bounded number of names and
//! scores at most five, or [`IndexBuilder::candidates`] (×4 for one part), of them. Key
//! lookups go through a directory on the keys' top bits, one short stretch of the sorted
//! keys each.

use std::hash::Hasher;

use std::sync::LazyLock;

use crate::key::{Fnv, Part, PartKind, PartRef, strip_suffix, with_views_of};
use crate::matcher::{Matcher, MatcherBuilder, Prepared};
use crate::registry::{EntityId, EntityKind, Registry};

mod source;
mod store;
use crate::tables::BLOCKING;
pub use source::{RegistrySource, SourceState};
pub(crate) use store::EntityStore;

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

/// One keyed part in the index: its key is distinct key number `key` (its text
/// `arena[key_bounds[key]..key_bounds[key + 1]]`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct ArenaPart {
    key: u32,
    kind: u8,
    common: bool,
}

/// Lists under hashed keys in flat arrays: `keys` sorted; the list of `keys[i]` is
/// `postings[offsets[i]..offsets[i + 1]]`, ascending.
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
    /// From `(key, item)` pairs in any order (duplicates dropped).
    fn from_pairs(mut pairs: Vec<(u64, u32)>) -> Postings {
        sort_pairs(&mut pairs);
        pairs.dedup();
        let mut p = Postings {
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

    fn save(&self, out: &mut file::Writer) {
        out.u64s(&self.keys);
        out.u32s(&self.offsets);
        out.u32s(&self.postings);
    }

    /// Reads lists saved by [`Postings::save`] whose items are below `items`, checking them.
    fn load(
        r: &mut file::Reader<'_>,
        items: usize,
        what: &str,
    ) -> Result<Postings, IndexFileError> {
        let mut p = Postings {
            keys: r.u64s()?,
            offsets: r.u32s()?,
            postings: r.u32s()?,
            ..Postings::default()
        };
        let max = p
            .postings
            .iter()
            .copied()
            .max()
            .map_or(0, |m| m as usize + 1);
        if p.offsets.len() != p.keys.len() + 1
            || p.keys.windows(2).any(|w| w[0] >= w[1])
            || p.offsets.last().copied().unwrap_or(0) as usize != p.postings.len()
            || max > items
            || p.offsets.windows(2).any(|w| w[0] > w[1])
        {
            return Err(IndexFileError::Corrupt(what.into()));
        }
        p.index_keys();
        Ok(p)
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

    fn memory_usage(&self) -> usize {
        self.keys.capacity() * 8
            + self.offsets.capacity() * 4
            + self.postings.capacity() * 4
            + self.dir.capacity() * 4
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

/// Lists numbered 0, 1, 2 … in flat arrays: list `i` is `items[offsets[i]..offsets[i + 1]]`.
#[derive(Debug, Default)]
pub(crate) struct Lists {
    offsets: Vec<u32>,
    items: Vec<u32>,
}

impl Lists {
    fn from_vecs(lists: &[Vec<u32>]) -> Lists {
        let mut l = Lists {
            offsets: Vec::with_capacity(lists.len() + 1),
            items: Vec::with_capacity(lists.iter().map(Vec::len).sum()),
        };
        for v in lists {
            l.offsets.push(l.items.len() as u32);
            l.items.extend_from_slice(v);
        }
        l.offsets.push(l.items.len() as u32);
        l
    }

    fn get(&self, i: u32) -> &[u32] {
        match (
            self.offsets.get(i as usize),
            self.offsets.get(i as usize + 1),
        ) {
            (Some(&a), Some(&b)) => self.items.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    fn memory_usage(&self) -> usize {
        (self.offsets.capacity() + self.items.capacity()) * 4
    }

    fn save(&self, out: &mut file::Writer) {
        out.u32s(&self.offsets);
        out.u32s(&self.items);
    }

    fn load(r: &mut file::Reader<'_>, items: usize, what: &str) -> Result<Lists, IndexFileError> {
        let l = Lists {
            offsets: r.u32s()?,
            items: r.u32s()?,
        };
        let max = l.items.iter().copied().max().map_or(0, |m| m as usize + 1);
        if l.offsets.first().is_some_and(|&o| o != 0)
            || l.offsets.last().copied().unwrap_or(0) as usize != l.items.len()
            || l.offsets.windows(2).any(|w| w[0] > w[1])
            || max > items
        {
            return Err(IndexFileError::Corrupt(what.into()));
        }
        Ok(l)
    }
}

/// Sorts `(key, name)` pairs by key, then name. Pairs arrive in name order; two stable
/// radix passes of 11 bits order them by the key's top 22 bits (2,048 buckets a pass: the
/// counts and the write positions stay in cache), and the few pairs that share their top 22
/// bits are then sorted among themselves (keys are hashes: groups are small, and the long
/// group of a common key is already in order). Linear passes over the millions of pairs of
/// a large registry, where a comparison sort of them all was the slowest step of building.
fn sort_pairs(pairs: &mut Vec<(u64, u32)>) {
    if pairs.len() < 4096 {
        pairs.sort_unstable();
        return;
    }
    const BITS: u32 = 11;
    const TOP: u32 = 64 - 2 * BITS;
    let mut buf = vec![(0u64, 0u32); pairs.len()];
    let mut counts = [0usize; 1 << BITS];
    for shift in [TOP, TOP + BITS] {
        let digit = |k: u64| ((k >> shift) as usize) & ((1 << BITS) - 1);
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
    let mut rest: &mut [(u64, u32)] = pairs;
    while let Some(first) = rest.first() {
        let top = first.0 >> TOP;
        let end = rest
            .iter()
            .position(|p| p.0 >> TOP != top)
            .unwrap_or(rest.len());
        let (group, tail) = rest.split_at_mut(end);
        if group.len() > 1 {
            group.sort_unstable();
        }
        rest = tail;
    }
}

/// The names of a [`Registry`], keyed, with posting lists for candidate retrieval.
/// `Send + Sync`: share one index between threads.
#[derive(Debug)]
pub struct Index {
    /// The entities, compact (ids and names in one string).
    entities: EntityStore,
    /// The same as a [`Registry`], made on the first [`Index::registry`] call.
    registry: std::sync::OnceLock<Registry>,
    matcher: Matcher,
    pub(crate) names: Vec<IndexedName>,
    /// Per name, what ranking reads of it in a compact array that stays in cache: blocked
    /// part count (top 4 bits) and key length (low 12 bits). Rebuilt on load.
    shapes: Vec<u32>,
    /// Every part of every indexed name, in name order.
    parts: Vec<ArenaPart>,
    /// The part keys, each distinct key once, in the order of their numbers.
    arena: String,
    /// Where each distinct key starts in the arena (and the arena's length last).
    key_bounds: Vec<u32>,
    /// Per distinct part key (in arena order of first use), the names that have it.
    part_names: Lists,
    /// Blocking key → the distinct part keys that give it.
    blocking: Postings,
    /// Pair key → names.
    pairs: Postings,
    candidates: usize,
    /// The registry file it was built from, when known.
    source: Option<RegistrySource>,
}

/// Settings for building an [`Index`].
#[derive(Clone, Debug)]
pub struct IndexBuilder {
    matcher: Matcher,
    candidates: usize,
    source: Option<RegistrySource>,
}

impl Default for IndexBuilder {
    fn default() -> Self {
        IndexBuilder {
            matcher: Matcher::new(),
            candidates: 16,
            source: None,
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
    /// sharing two parts with it matches (see the [module docs](self)). Default: 16.
    pub fn candidates(&mut self, n: usize) -> &mut IndexBuilder {
        self.candidates = n.clamp(1, MAX_CANDIDATES);
        self
    }

    /// Records the registry file the index is built from (saved with it; see
    /// [`Index::source`]).
    pub fn source(&mut self, source: RegistrySource) -> &mut IndexBuilder {
        self.source = Some(source);
        self
    }

    /// Keys every name of `registry` and builds the posting lists.
    pub fn build(&self, registry: Registry) -> Index {
        let mut names = Vec::new();
        let mut parts: Vec<ArenaPart> = Vec::new();
        let mut arena = String::new();
        let mut key_bounds: Vec<u32> = Vec::new();
        // Each distinct part key once: where it is in the arena, its blocking keys (a range
        // of `part_hashes`) and its pair side. A million names have a few ten thousand.
        let mut interned: hashbrown::HashMap<String, InternedKey> = hashbrown::HashMap::new();
        let mut part_hashes: Vec<u64> = Vec::new();
        // Per distinct part key, the names that have it as a blocked part.
        let mut part_names: Vec<Vec<u32>> = Vec::new();
        let mut pairs: Vec<(u64, u32)> = Vec::new();
        let mut keys: Vec<u64> = Vec::new();
        let mut sides: Vec<u64> = Vec::new();
        for (id, entity) in registry.iter() {
            for (name_no, name) in entity.names.iter().enumerate() {
                let prepared = self.matcher.prepare_as_indexed(name);
                let n = names.len() as u32;
                let key_parts = &prepared.key().parts;
                keys.clear();
                sides.clear();
                let first_part = parts.len() as u32;
                for p in key_parts.iter().take(usize::from(u16::MAX)) {
                    let known = match interned.get(p.key.as_str()) {
                        Some(&k) => k,
                        None => {
                            let at = arena.len() as u32;
                            key_bounds.push(at);
                            arena.push_str(&p.key);
                            let start = part_hashes.len();
                            part_keys(&p.key, |h, _| part_hashes.push(h));
                            let k = InternedKey {
                                id: part_names.len() as u32,
                                hashes: (start as u32, (part_hashes.len() - start) as u32),
                                side: pair_side(&p.key),
                            };
                            interned.insert(p.key.to_string(), k);
                            part_names.push(Vec::new());
                            k
                        }
                    };
                    if is_blocked(p.kind) {
                        if let Some(list) = part_names.get_mut(known.id as usize) {
                            if list.last() != Some(&n) {
                                list.push(n);
                            }
                        }
                        if sides.len() < PAIRED_PARTS {
                            sides.push(known.side);
                        }
                    }
                    parts.push(ArenaPart {
                        key: known.id,
                        kind: part_code(p.kind),
                        common: p.common,
                    });
                }
                for (i, &a) in sides.iter().enumerate() {
                    for &b in sides.iter().skip(i + 1) {
                        keys.push(pair_hash(a, b));
                    }
                }
                keys.sort_unstable();
                keys.dedup();
                pairs.extend(keys.iter().map(|&k| (k, n)));
                keys.clear();
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
        key_bounds.push(arena.len() as u32);
        let entities = EntityStore::from_registry(&registry);
        drop(registry);
        let mut part_keys: Vec<(u64, u32)> = Vec::new();
        for k in interned.values() {
            let (start, len) = k.hashes;
            let hashes = part_hashes.get(start as usize..(start + len) as usize);
            part_keys.extend(hashes.unwrap_or(&[]).iter().map(|&h| (h, k.id)));
        }
        drop(interned);
        let blocking = Postings::from_pairs(part_keys);
        let pairs = Postings::from_pairs(pairs);
        let part_names = Lists::from_vecs(&part_names);
        let shapes = shapes_of(&names, &parts, &arena, &key_bounds);
        Index {
            entities,
            registry: std::sync::OnceLock::new(),
            matcher: self.matcher.clone(),
            shapes,
            names,
            parts,
            arena,
            key_bounds,
            part_names,
            blocking,
            pairs,
            candidates: self.candidates,
            source: self.source.clone(),
        }
    }
}

/// A distinct part key met while building.
#[derive(Clone, Copy)]
struct InternedKey {
    /// Its number among the distinct keys.
    id: u32,
    /// Its blocking keys: `(start, len)` in the builder's list.
    hashes: (u32, u32),
    /// What it contributes to pair keys.
    side: u64,
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

fn hash(tag: u8, s: &str) -> u64 {
    let mut h = Fnv::default();
    h.write(&[tag]);
    h.write(s.as_bytes());
    h.finish()
}

/// How many names of one pair key's list a query reads.
const PAIR_WALK: usize = 64;

/// How much more each differing letter costs a place named by one word, queried by one word
/// ([`Index::score_for_entity`]).
const LONE_PLACE_DISTANCE: f64 = 2.0;

/// How many of the names found through pair keys a query scores at most.
const PAIR_SCORED: usize = 5;

/// A one-deletion key given by more distinct part keys than this is ignored by the part search.
const WEAK_KEY_PARTS: usize = 64;

/// A blocking key shared by more distinct part keys than this (a skeleton of two common
/// consonants, in a registry of many unusual names) is not read at all: it would cost a
/// query thousands of entries to sort, and says little. What is missed when this bites: a
/// name whose only link to the query is such a key (a misspelling that keeps nothing but the
/// consonant skeleton), when no other key of the query finds it.
const STRONG_KEY_PARTS: usize = 1024;

/// At most this many (blocking key, part key) entries of evidence per query, read from the
/// query's strongest keys first: each query costs bounded time whatever the registry's
/// shape.
const MAX_EVIDENCE: usize = 4096;

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

/// Whether a part of this kind posts its name: names, patronymics, numbers (not initials or
/// legal forms).
fn is_blocked(kind: PartKind) -> bool {
    matches!(
        kind,
        PartKind::Name | PartKind::Patronymic | PartKind::Number
    )
}

/// The parts that post a name.
fn blocked(parts: &[Part]) -> impl Iterator<Item = &Part> {
    parts.iter().filter(|p| is_blocked(p.kind))
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

/// The blocking keys of one part key (see the module docs), each with its weight.
fn part_keys(key: &str, mut push: impl FnMut(u64, f32)) {
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
fn weighted_keys(parts: &[Part], out: &mut Vec<WeightedKey>) {
    for (i, p) in blocked(parts).enumerate() {
        let part = i.min(RANKED_PARTS - 1) as u8;
        let readings = [p.english.as_deref(), p.foreign.as_deref()];
        for k in std::iter::once(p.key.as_str()).chain(readings.into_iter().flatten()) {
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

impl Index {
    /// Builds with the defaults.
    pub fn new(registry: Registry) -> Index {
        IndexBuilder::default().build(registry)
    }

    /// A builder with the defaults.
    pub fn builder() -> IndexBuilder {
        IndexBuilder::default()
    }

    /// The registry the index was built from. The index keeps its entities in a compact
    /// form of its own; the first call makes a [`Registry`] of them (for a million entities,
    /// a few hundred milliseconds and about 170 bytes an entity), later calls return it.
    pub fn registry(&self) -> &Registry {
        self.registry.get_or_init(|| self.entities.to_registry())
    }

    /// How many entities (without making the [`Registry`]).
    pub fn entity_count(&self) -> usize {
        self.entities.len()
    }

    /// The id of entity `e` (`""` for an entity not in this index).
    pub fn entity_id(&self, e: EntityId) -> &str {
        self.entities.id(e)
    }

    /// Heap bytes the index holds: keyed names, posting lists, entities. (Not counted: the
    /// [`Registry`] made by [`Index::registry`], and the per-thread caches of queries.)
    pub fn memory_usage(&self) -> usize {
        use std::mem::size_of;
        self.entities.memory_usage()
            + self.names.capacity() * size_of::<IndexedName>()
            + self.shapes.capacity() * 4
            + self.parts.capacity() * size_of::<ArenaPart>()
            + self.arena.capacity()
            + self.key_bounds.capacity() * 4
            + self.part_names.memory_usage()
            + self.blocking.memory_usage()
            + self.pairs.memory_usage()
    }

    pub(crate) fn store(&self) -> &EntityStore {
        &self.entities
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
        self.entities.name(n.entity, n.name as usize)
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
            h.write_u32(p.key);
            h.write_u8(p.kind);
            h.write_u8(u8::from(p.common));
        }
        h.finish()
    }

    /// The text of distinct key number `key`.
    fn key_text(&self, key: u32) -> &str {
        let k = key as usize;
        match (self.key_bounds.get(k), self.key_bounds.get(k + 1)) {
            (Some(&a), Some(&b)) => self.arena.get(a as usize..b as usize).unwrap_or(""),
            _ => "",
        }
    }

    fn view(&self, p: &ArenaPart) -> PartRef<'_> {
        let key = self.key_text(p.key);
        PartRef {
            text: key,
            key,
            kind: part_from(p.kind),
            common: p.common,
            english: None,
            foreign: None,
            latin: false,
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

    /// `score` (the matcher's, of `query` against indexed name `n`) as it counts for `n`'s
    /// entity: a place named by one word, queried by one word, is held to a stricter bar.
    ///
    /// One word against one word has no second part to vouch for it, and place names are
    /// short and many: Baku and Wake, Tehran and Tirane, Ankara and Nigeria are as close in
    /// spelling as two spellings of one given name across scripts. So for places each letter
    /// that differs counts twice (`1 − 2·(1 − score)`); persons and organizations keep the
    /// matcher's score.
    pub(crate) fn score_for_entity(&self, query: &Prepared, n: &IndexedName, score: f64) -> f64 {
        let lone_query = matches!(query.key().parts.as_slice(), [p] if p.kind == PartKind::Name);
        if score >= 1.0 || !lone_query || n.part_count != 1 {
            return score;
        }
        let lone_name = self
            .parts
            .get(n.first_part as usize)
            .is_some_and(|p| self.view(p).kind == PartKind::Name);
        if lone_name && self.entities.kind(n.entity) == EntityKind::Place {
            (1.0 - LONE_PLACE_DISTANCE * (1.0 - score)).max(0.0)
        } else {
            score
        }
    }

    /// The names that share two parts' skeletons with `query` (as written, or without a
    /// suffix), those sharing the most pairs first, at most [`PAIR_SCORED`].
    ///
    /// The pair lists are read shortest first; a list longer than [`PAIR_WALK`] only counts
    /// for names already found (galloping through it in name order), so a common pair (Mehmet Yılmaz)
    /// costs no more than a rare one.
    pub(crate) fn pair_candidates(&self, query: &Prepared) -> Vec<u32> {
        // (part, side, whether it is of the part as written)
        let mut sides: Vec<(usize, u64, bool)> = Vec::new();
        for (i, p) in blocked(&query.key().parts).take(PAIRED_PARTS).enumerate() {
            let side = pair_side(&p.key);
            sides.push((i, side, true));
            for e in [p.english.as_deref(), p.foreign.as_deref()]
                .into_iter()
                .flatten()
            {
                let read = pair_side(e);
                if read != side {
                    sides.push((i, read, true));
                }
            }
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
                    lists.extend(self.pairs.get(pair_hash(a, b)).map(|l| (l, weight)));
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
            // Most pairs shared first; then names keyed exactly as the query, then those of as
            // many parts and as long.
            let q_parts = blocked(&query.key().parts).count().min(15);
            let q_len = shape(query).1.min(0xFFF);
            let q_print = fingerprint(blocked(&query.key().parts).map(|p| hash(b'k', &p.key)));
            let mut ranked: Vec<(u32, u32, usize)> = found
                .iter()
                .map(|&(n, count)| {
                    let unlike = self.shapes.get(n as usize).map_or(usize::MAX, |&shape| {
                        let parts = (shape >> 28) as usize;
                        let len = (shape >> 16 & 0xFFF) as usize;
                        let same = shape & 0xFFFF == q_print && parts == q_parts;
                        usize::from(!same) * 4096
                            + parts.abs_diff(q_parts) * 64
                            + len.abs_diff(q_len)
                    });
                    (n, count, unlike)
                })
                .collect();
            let order = |a: &(u32, u32, usize), b: &(u32, u32, usize)| {
                b.1.cmp(&a.1).then(a.2.cmp(&b.2)).then(a.0.cmp(&b.0))
            };
            ranked.select_nth_unstable_by(PAIR_SCORED, order);
            ranked.truncate(PAIR_SCORED);
            ranked.sort_unstable_by(order);
            return ranked.into_iter().map(|r| r.0).collect();
        }
        found.into_iter().map(|f| f.0).collect()
    }

    /// The indexes of the names most worth scoring for `query`, best first.
    pub(crate) fn candidates(&self, query: &Prepared) -> Vec<u32> {
        let mut keys = Vec::new();
        weighted_keys(&query.key().parts, &mut keys);
        // Strongest keys first, so that the evidence budget goes to them.
        keys.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.key.cmp(&b.key)));
        let total = self.names.len().max(1) as f64;
        // What each distinct part key found says for each query part: (key number, query
        // part, weight), sorted by key number; and the lists of names to seed candidates
        // from: (list, the blocking key's number, its names' count).
        let mut evidence: Vec<(u32, u8, f32)> = Vec::new();
        let mut lists: Vec<(&[u32], usize, usize)> = Vec::new();
        for (key_no, k) in keys.iter().enumerate() {
            let Some(parts) = self.blocking.get(k.key) else {
                continue;
            };
            if k.weight < 2.0 && parts.len() > WEAK_KEY_PARTS {
                // A one-deletion skeleton shared by this many part keys says next to nothing.
                continue;
            }
            if parts.len() > STRONG_KEY_PARTS || evidence.len() + parts.len() > MAX_EVIDENCE {
                continue;
            }
            let count: usize = parts.iter().map(|&p| self.part_names.get(p).len()).sum();
            let idf = (total / count.max(1) as f64).ln().max(0.01) as f32;
            for &p in parts {
                evidence.push((p, k.part, k.weight * idf));
                lists.push((self.part_names.get(p), key_no, count));
            }
        }
        evidence.sort_unstable_by_key(|e| e.0);
        // The rarest keys seed the candidates (each at most `2 × enough` names), until there
        // are enough: a query never walks the long list of a common name.
        lists.sort_by_key(|l| (l.2, l.1));
        // A one-part query (a surname, a city) has no pair step before this one, and each of
        // its candidates is one comparison of two words: it reads and scores four times as
        // many.
        let wide = if blocked(&query.key().parts).count() <= 1 {
            4
        } else {
            1
        };
        let scored = self.candidates * wide;
        let enough = (scored * 4).max(64);
        let (q_first, q_len) = shape(query);
        ACC.with(|cell| {
            let mut guard = cell.try_borrow_mut().ok();
            let mut fresh = Accumulator::default();
            let acc = match guard.as_deref_mut() {
                Some(a) => a,
                None => &mut fresh,
            };
            acc.reset(self.names.len());
            // (key, how many of its names may still be read)
            let mut seeding = (usize::MAX, 0);
            for (list, key_no, _) in lists {
                if seeding.0 != key_no {
                    if acc.rows.len() >= enough {
                        break;
                    }
                    seeding = (key_no, enough * 2);
                }
                let take = list
                    .len()
                    .min(seeding.1)
                    .min((enough * 2).saturating_sub(acc.rows.len()));
                seeding.1 -= take;
                for &n in list.iter().take(take) {
                    acc.touch(n);
                }
            }
            // Every candidate's evidence from its own parts: per query part, the best weight
            // of a key that one of its parts gives.
            for row in acc.rows.iter_mut() {
                let Some(named) = self.names.get(row.name as usize) else {
                    continue;
                };
                let start = named.first_part as usize;
                let parts = self
                    .parts
                    .get(start..start + usize::from(named.part_count))
                    .unwrap_or(&[]);
                for p in parts.iter().filter(|p| is_blocked(part_from(p.kind))) {
                    let from = evidence.partition_point(|e| e.0 < p.key);
                    let same = evidence.get(from..).unwrap_or(&[]).iter();
                    for &(_, part, w) in same.take_while(|e| e.0 == p.key) {
                        if let Some(b) = row.best.get_mut(usize::from(part)) {
                            *b = b.max(w);
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
            let keep = scored.min(ranked.len());
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
    fn touch(&mut self, n: u32) {
        if let Some(s) = self.slot.get_mut(n as usize) {
            if *s == 0 {
                self.rows.push(Row {
                    name: n,
                    best: [0.0; RANKED_PARTS],
                });
                *s = self.rows.len() as u32;
            }
        }
    }
}

thread_local! {
    static ACC: std::cell::RefCell<Accumulator> = std::cell::RefCell::new(Accumulator::default());
}

/// Each name's shape for ranking: blocked part count (top 4 bits), key length (12 bits) and
/// a 16-bit fingerprint of its blocked part keys in any order (see [`fingerprint`]).
fn shapes_of(
    names: &[IndexedName],
    parts: &[ArenaPart],
    arena: &str,
    key_bounds: &[u32],
) -> Vec<u32> {
    let key_hashes: Vec<u64> = key_bounds
        .windows(2)
        .map(|w| hash(b'k', arena.get(w[0] as usize..w[1] as usize).unwrap_or("")))
        .collect();
    names
        .iter()
        .map(|n| {
            let start = n.first_part as usize;
            let blocked = parts
                .get(start..start + usize::from(n.part_count))
                .unwrap_or(&[])
                .iter()
                .filter(|p| is_blocked(part_from(p.kind)));
            let count = blocked.clone().count().min(15) as u32;
            let print =
                fingerprint(blocked.map(|p| key_hashes.get(p.key as usize).copied().unwrap_or(0)));
            count << 28 | u32::from(n.key_len.min(0xFFF)) << 16 | print
        })
        .collect()
}

/// 16 bits of the sum of the key hashes: names keyed alike, in any order, have the same.
fn fingerprint(hashes: impl Iterator<Item = u64>) -> u32 {
    (hashes.fold(0u64, u64::wrapping_add) >> 48) as u32
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
pub const INDEX_FORMAT_VERSION: u32 = 3;

/// The largest payload [`Index::load`] reads from a stream (16 GiB, about 150 million names):
/// a header declaring more is refused before anything is read. [`Index::load_file`] checks
/// the declared length against the file's own size instead.
pub const MAX_STREAM_PAYLOAD: u64 = 16 << 30;

/// The most candidates per query a saved index may ask for.
const MAX_CANDIDATES: usize = 1 << 16;

const MAGIC: &[u8; 12] = b"NAMELINKIDX\0";

/// Magic, version, payload length, CRC-32.
const HEADER_LEN: u64 = 28;

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
        match &self.source {
            Some(source) => {
                out.u32(1);
                source.save(&mut out);
            }
            None => out.u32(0),
        }
        self.entities.save(&mut out);
        // Names and parts in columns, read back in bulk.
        let column = |f: &dyn Fn(&IndexedName) -> u32| self.names.iter().map(f).collect::<Vec<_>>();
        out.u32s(&column(&|n| n.entity.as_usize() as u32));
        out.u32s(&column(&|n| n.name));
        out.u32s(&column(&|n| n.first_part));
        out.u32s(&column(&|n| {
            u32::from(n.part_count) << 16 | u32::from(n.key_len)
        }));
        out.u32s(&column(&|n| n.first_letter));
        out.u32s(&self.parts.iter().map(|p| p.key).collect::<Vec<_>>());
        out.u32s(
            &self
                .parts
                .iter()
                .map(|p| u32::from(p.kind) << 8 | u32::from(p.common))
                .collect::<Vec<_>>(),
        );
        out.text(&self.arena);
        out.u32s(&self.key_bounds);
        self.part_names.save(&mut out);
        self.blocking.save(&mut out);
        self.pairs.save(&mut out);
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
    ///
    /// The arrays are read straight into place and checked as they come, the checksum
    /// computed on the way; whatever goes wrong, nothing but the error is returned, and a
    /// damaged payload reports [`IndexFileError::Checksum`] before anything it would have
    /// made look inconsistent.
    ///
    /// A header that declares a payload over [`MAX_STREAM_PAYLOAD`] is refused before
    /// anything else is read, so an endless or hostile stream costs bounded time and memory.
    pub fn load(r: impl std::io::Read) -> Result<Index, IndexFileError> {
        Index::load_at_most(r, MAX_STREAM_PAYLOAD)
    }

    /// [`Index::load`], refusing a declared payload longer than `limit` bytes.
    fn load_at_most(r: impl std::io::Read, limit: u64) -> Result<Index, IndexFileError> {
        let mut r = std::io::BufReader::with_capacity(1 << 16, r);
        let mut header = [0u8; 28];
        let got = file::read_full(&mut r, &mut header)?;
        let read = header.get(..got).unwrap_or(&[]);
        let magic_ok = if got >= MAGIC.len() {
            read.starts_with(MAGIC)
        } else {
            MAGIC.starts_with(read)
        };
        if got == 0 || !magic_ok {
            return Err(IndexFileError::NotAnIndex);
        }
        if got < header.len() {
            return Err(IndexFileError::Truncated);
        }
        let word = |at: usize| {
            let mut b = [0u8; 4];
            b.copy_from_slice(header.get(at..at + 4).unwrap_or(&[0; 4]));
            u32::from_le_bytes(b)
        };
        let version = word(12);
        if version != INDEX_FORMAT_VERSION {
            return Err(IndexFileError::Version {
                found: version,
                expected: INDEX_FORMAT_VERSION,
            });
        }
        let len = u64::from(word(16)) | u64::from(word(20)) << 32;
        if len > limit {
            // A file shorter than its header says, or a stream longer than we read.
            return Err(if limit == MAX_STREAM_PAYLOAD {
                IndexFileError::Corrupt(format!(
                    "declared payload of {len} bytes is over the limit of {MAX_STREAM_PAYLOAD}"
                ))
            } else {
                IndexFileError::Truncated
            });
        }
        let crc = word(24);
        let mut body = file::Reader::new(&mut r, len);
        let parsed = Index::read_payload(&mut body);
        // Whatever the parse said, the checksum over the whole payload speaks first.
        body.drain()?;
        if body.crc() != crc {
            return Err(IndexFileError::Checksum);
        }
        let index = parsed?;
        if file::read_full(&mut r, &mut [0u8; 1])? != 0 {
            return Err(IndexFileError::Corrupt(
                "bytes after the end of the index".into(),
            ));
        }
        Ok(index)
    }

    /// [`Index::save`] to a file, atomically: the index goes to a new temporary file beside
    /// `path`, is flushed to disk and renamed over `path`. Whatever happens (a crash, a full
    /// disk, another process saving to the same path), `path` holds a complete old or new
    /// index, never part of one; of two concurrent savers, the last to finish wins.
    ///
    /// # Errors
    ///
    /// [`IndexFileError::Io`], also when `path` exists and is not a regular file (a folder,
    /// a device, a pipe or a symbolic link is never replaced).
    pub fn save_file(&self, path: impl AsRef<std::path::Path>) -> Result<(), IndexFileError> {
        source::write_atomically(path.as_ref(), |w| self.save(w))
    }

    /// [`Index::load`] from a file. For a regular file, the payload length its header
    /// declares is checked against the file's size before anything is allocated; anything
    /// else (a pipe, `/dev/stdin`) is read as a stream, up to [`MAX_STREAM_PAYLOAD`].
    ///
    /// # Errors
    ///
    /// As [`Index::load`].
    pub fn load_file(path: impl AsRef<std::path::Path>) -> Result<Index, IndexFileError> {
        let f = std::fs::File::open(path.as_ref())
            .map_err(|e| IndexFileError::Io(format!("{}: {e}", path.as_ref().display())))?;
        let limit = match f.metadata() {
            Ok(m) if m.is_file() => m.len().saturating_sub(HEADER_LEN),
            _ => MAX_STREAM_PAYLOAD,
        };
        Index::load_at_most(f, limit.min(MAX_STREAM_PAYLOAD))
    }

    /// The registry file the index was built from, when the builder was told
    /// ([`IndexBuilder::source`]; `namelink index build` always records it).
    pub fn source(&self) -> Option<&RegistrySource> {
        self.source.as_ref()
    }

    /// The payload after the header (see [`Index::save`]).
    fn read_payload(r: &mut file::Reader<'_>) -> Result<Index, IndexFileError> {
        let settings: MatcherBuilder = serde_json::from_str(&r.string()?)
            .map_err(|e| IndexFileError::Corrupt(format!("matcher settings: {e}")))?;
        // Checked like the builder's: a threshold of 2 would silently match nothing.
        settings
            .check()
            .map_err(|e| IndexFileError::Corrupt(format!("matcher settings: {e}")))?;
        let matcher = settings.build();
        let candidates = r.u32()? as usize;
        if candidates == 0 || candidates > MAX_CANDIDATES {
            return Err(IndexFileError::Corrupt(format!(
                "candidates per query {candidates}, not in 1..={MAX_CANDIDATES}"
            )));
        }
        let source = match r.u32()? {
            0 => None,
            1 => Some(RegistrySource::load(r)?),
            n => return Err(IndexFileError::Corrupt(format!("registry source flag {n}"))),
        };
        let entities = EntityStore::load(r)?;
        let (entity, name, first_part, counts, first_letter) =
            (r.u32s()?, r.u32s()?, r.u32s()?, r.u32s()?, r.u32s()?);
        let n = entity.len();
        if [
            name.len(),
            first_part.len(),
            counts.len(),
            first_letter.len(),
        ] != [n; 4]
        {
            return Err(IndexFileError::Corrupt("name records".into()));
        }
        let mut names = Vec::with_capacity(n);
        for i in 0..n {
            let at = |v: &[u32]| v.get(i).copied().unwrap_or(0);
            let (e, k) = (EntityId::from_index(at(&entity)), at(&name));
            if (k as usize) >= entities.name_count(e) {
                return Err(IndexFileError::Corrupt("a name of no entity".into()));
            }
            names.push(IndexedName {
                entity: e,
                name: k,
                first_part: at(&first_part),
                part_count: (at(&counts) >> 16) as u16,
                key_len: at(&counts) as u16,
                first_letter: at(&first_letter),
            });
        }
        let (keys, packed) = (r.u32s()?, r.u32s()?);
        if keys.len() != packed.len() {
            return Err(IndexFileError::Corrupt("part records".into()));
        }
        let mut parts = Vec::with_capacity(keys.len());
        for (&key, &p) in keys.iter().zip(&packed) {
            let kind = (p >> 8) as u8;
            if kind > 4 {
                return Err(IndexFileError::Corrupt(format!("part kind {kind}")));
            }
            parts.push(ArenaPart {
                key,
                kind,
                common: p & 1 != 0,
            });
        }
        let arena = r.text()?;
        let key_bounds = r.u32s()?;
        let distinct = key_bounds.len().saturating_sub(1);
        let bounds_ok = key_bounds.first().is_some_and(|&b| b == 0)
            && key_bounds
                .last()
                .is_some_and(|&b| b as usize == arena.len())
            && key_bounds.windows(2).all(|w| w[0] <= w[1])
            && key_bounds
                .iter()
                .all(|&b| arena.is_char_boundary(b as usize));
        let parts_ok = parts.iter().all(|p| (p.key as usize) < distinct);
        let names_ok = names
            .iter()
            .all(|n| (n.first_part as usize + usize::from(n.part_count)) <= parts.len());
        if !bounds_ok || !parts_ok || !names_ok {
            return Err(IndexFileError::Corrupt("part records".into()));
        }
        let part_names = Lists::load(r, names.len(), "part lists")?;
        if part_names.len() != distinct {
            return Err(IndexFileError::Corrupt("part lists".into()));
        }
        let blocking = Postings::load(r, part_names.len(), "blocking keys")?;
        let pairs = Postings::load(r, names.len(), "pair keys")?;
        if !r.is_empty() {
            return Err(IndexFileError::Corrupt("trailing data".into()));
        }
        Ok(Index {
            entities,
            registry: std::sync::OnceLock::new(),
            matcher,
            shapes: shapes_of(&names, &parts, &arena, &key_bounds),
            names,
            parts,
            arena,
            key_bounds,
            part_names,
            blocking,
            pairs,
            candidates: candidates.max(1),
            source,
        })
    }
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
    use std::io::Read;

    use zerocopy::IntoBytes;

    use super::IndexFileError;

    #[derive(Default)]
    pub(super) struct Writer(Vec<u8>);

    impl Writer {
        pub fn u32(&mut self, v: u32) {
            self.0.extend_from_slice(&v.to_le_bytes());
        }
        pub fn u64(&mut self, v: u64) {
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
        /// A string of any length.
        pub fn text(&mut self, s: &str) {
            self.bytes(s.as_bytes());
        }
        pub fn bytes(&mut self, v: &[u8]) {
            self.0.extend_from_slice(&(v.len() as u64).to_le_bytes());
            self.0.extend_from_slice(v);
        }
        pub fn into_bytes(self) -> Vec<u8> {
            self.0
        }
    }

    /// Reads until `buf` is full or the input ends; how many bytes were read.
    pub(super) fn read_full(
        r: &mut (impl Read + ?Sized),
        buf: &mut [u8],
    ) -> Result<usize, IndexFileError> {
        let mut got = 0;
        while got < buf.len() {
            match r.read(buf.get_mut(got..).unwrap_or(&mut [])) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(IndexFileError::Io(e.to_string())),
            }
        }
        Ok(got)
    }

    /// How much of a large array is read (and allocated) at a time: a damaged count cannot
    /// make the reader allocate more than the file holds plus this.
    const CHUNK: usize = 1 << 22;

    /// The payload: `len` bytes, read straight into the arrays they become, with their
    /// CRC-32 computed on the way.
    pub(super) struct Reader<'a> {
        r: &'a mut dyn Read,
        left: u64,
        crc: crc32fast::Hasher,
    }

    impl<'a> Reader<'a> {
        pub fn new(r: &'a mut dyn Read, len: u64) -> Reader<'a> {
            Reader {
                r,
                left: len,
                crc: crc32fast::Hasher::new(),
            }
        }
        pub fn is_empty(&self) -> bool {
            self.left == 0
        }
        /// Fills `buf` from the payload.
        fn fill(&mut self, buf: &mut [u8]) -> Result<(), IndexFileError> {
            if (buf.len() as u64) > self.left {
                return Err(IndexFileError::Corrupt("a record runs past the end".into()));
            }
            if read_full(self.r, buf)? < buf.len() {
                return Err(IndexFileError::Truncated);
            }
            self.left -= buf.len() as u64;
            self.crc.update(buf);
            Ok(())
        }
        /// Reads (and checksums) whatever is left of the payload.
        pub fn drain(&mut self) -> Result<(), IndexFileError> {
            let mut buf = vec![0u8; (self.left as usize).min(1 << 16)];
            while self.left > 0 {
                let n = (self.left as usize).min(buf.len());
                self.fill(buf.get_mut(..n).unwrap_or(&mut []))?;
            }
            Ok(())
        }
        pub fn crc(&self) -> u32 {
            self.crc.clone().finalize()
        }
        fn array<const N: usize>(&mut self) -> Result<[u8; N], IndexFileError> {
            let mut a = [0u8; N];
            self.fill(&mut a)?;
            Ok(a)
        }
        pub fn u32(&mut self) -> Result<u32, IndexFileError> {
            Ok(u32::from_le_bytes(self.array()?))
        }
        pub fn u64(&mut self) -> Result<u64, IndexFileError> {
            Ok(u64::from_le_bytes(self.array()?))
        }
        pub fn string(&mut self) -> Result<String, IndexFileError> {
            let n = self.u32()? as usize;
            let mut bytes = vec![0u8; n.min(self.left as usize)];
            self.fill(&mut bytes)?;
            if bytes.len() < n {
                return Err(IndexFileError::Corrupt("a record runs past the end".into()));
            }
            String::from_utf8(bytes)
                .map_err(|_| IndexFileError::Corrupt("a string is not UTF-8".into()))
        }
        fn count(&mut self, width: usize) -> Result<usize, IndexFileError> {
            let n = self.u64()?;
            if n.saturating_mul(width as u64) > self.left {
                return Err(IndexFileError::Corrupt("an array runs past the end".into()));
            }
            Ok(n as usize)
        }
        /// `n` values read into place a chunk at a time.
        fn values<T: Copy + Default + IntoBytes + zerocopy::FromBytes>(
            &mut self,
            n: usize,
        ) -> Result<Vec<T>, IndexFileError> {
            let mut v: Vec<T> = Vec::new();
            while v.len() < n {
                let start = v.len();
                let chunk = (n - start).min(CHUNK);
                v.resize(start + chunk, T::default());
                let dst = v.get_mut(start..).unwrap_or(&mut []);
                self.fill(dst.as_mut_bytes())?;
            }
            Ok(v)
        }
        pub fn u32s(&mut self) -> Result<Vec<u32>, IndexFileError> {
            let n = self.count(4)?;
            let mut v = self.values::<u32>(n)?;
            v.iter_mut().for_each(|x| *x = u32::from_le(*x));
            Ok(v)
        }
        pub fn u64s(&mut self) -> Result<Vec<u64>, IndexFileError> {
            let n = self.count(8)?;
            let mut v = self.values::<u64>(n)?;
            v.iter_mut().for_each(|x| *x = u64::from_le(*x));
            Ok(v)
        }
        pub fn text(&mut self) -> Result<String, IndexFileError> {
            String::from_utf8(self.bytes()?)
                .map_err(|_| IndexFileError::Corrupt("a string is not UTF-8".into()))
        }
        pub fn bytes(&mut self) -> Result<Vec<u8>, IndexFileError> {
            let n = self.count(1)?;
            // Read into spare capacity (no zeroing first); at most what the input holds.
            let mut v = Vec::new();
            let got = (&mut self.r)
                .take(n as u64)
                .read_to_end(&mut v)
                .map_err(|e| IndexFileError::Io(e.to_string()))?;
            if got < n {
                return Err(IndexFileError::Truncated);
            }
            self.left -= n as u64;
            self.crc.update(&v);
            Ok(v)
        }
    }
}
