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
//! A query is keyed the same way. Candidates collect, per name, the inverse document
//! frequency of the blocking keys they share with the query, weighted by the key's strength
//! (same key > same skeleton > one deletion away). The rarest lists are read first; once there
//! are enough candidates, longer lists only add to candidates already found, by binary search,
//! so the cost of a query is bounded by its rarest keys, not by how common its common parts
//! are. The best [`IndexBuilder::candidates`] names (64) go on to the matcher
//! ([`Index::resolve`]).
//!
//! Cost: building is O(total name length); a query costs O(c·k·log n) for c candidates and k
//! keys plus the scoring of at most [`IndexBuilder::candidates`] names.

use std::hash::Hasher;

use std::sync::LazyLock;

use crate::key::{Fnv, Part, PartKind, strip_suffix};
use crate::matcher::{Matcher, Prepared};
use crate::registry::{EntityId, Registry};
use crate::tables::BLOCKING;

/// One indexed name: its entity and its keyed form.
#[derive(Clone, Debug)]
pub(crate) struct IndexedName {
    pub entity: EntityId,
    pub prepared: Prepared,
    /// First letter and length of the joined part keys, for ranking candidates.
    shape: (Option<char>, usize),
}

/// Posting lists in flat arrays: `keys` sorted; the list of `keys[i]` is
/// `postings[offsets[i]..offsets[i + 1]]`, name indexes in ascending order.
#[derive(Debug, Default)]
pub(crate) struct Postings {
    keys: Vec<u64>,
    offsets: Vec<u32>,
    postings: Vec<u32>,
}

impl Postings {
    /// From `(key, name)` pairs in any order.
    fn from_pairs(mut pairs: Vec<(u64, u32)>) -> Postings {
        pairs.sort_unstable();
        pairs.dedup();
        let mut p = Postings {
            keys: Vec::new(),
            offsets: Vec::new(),
            postings: Vec::with_capacity(pairs.len()),
        };
        for (k, n) in pairs {
            if p.keys.last() != Some(&k) {
                p.keys.push(k);
                p.offsets.push(p.postings.len() as u32);
            }
            p.postings.push(n);
        }
        p.offsets.push(p.postings.len() as u32);
        p
    }

    fn get(&self, key: u64) -> Option<&[u32]> {
        let i = self.keys.binary_search(&key).ok()?;
        let (a, b) = (*self.offsets.get(i)?, *self.offsets.get(i + 1)?);
        self.postings.get(a as usize..b as usize)
    }
}

/// The names of a [`Registry`], keyed, with posting lists for candidate retrieval.
/// `Send + Sync`: share one index between threads.
#[derive(Debug)]
pub struct Index {
    registry: Registry,
    matcher: Matcher,
    pub(crate) names: Vec<IndexedName>,
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
            candidates: 64,
        }
    }
}

impl IndexBuilder {
    /// The matcher that keys names and scores candidates. Default: [`Matcher::new`].
    pub fn matcher(&mut self, matcher: Matcher) -> &mut IndexBuilder {
        self.matcher = matcher;
        self
    }

    /// How many of the best-retrieved names a query scores with the matcher. Default: 64.
    pub fn candidates(&mut self, n: usize) -> &mut IndexBuilder {
        self.candidates = n.max(1);
        self
    }

    /// Keys every name of `registry` and builds the posting lists.
    pub fn build(&self, registry: Registry) -> Index {
        let mut names = Vec::new();
        let mut pairs: Vec<(u64, u32)> = Vec::new();
        let mut keys = Vec::new();
        for (id, entity) in registry.iter() {
            for name in &entity.names {
                let prepared = self.matcher.prepare(name);
                let n = names.len() as u32;
                keys.clear();
                blocking_keys(prepared.key().parts.as_slice(), &mut keys);
                pairs.extend(keys.iter().map(|&k| (k, n)));
                let shape = shape(&prepared);
                names.push(IndexedName {
                    entity: id,
                    prepared,
                    shape,
                });
            }
        }
        Index {
            registry,
            matcher: self.matcher.clone(),
            names,
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

fn hash(tag: u8, s: &str) -> u64 {
    let mut h = Fnv::default();
    h.write(&[tag]);
    h.write(s.as_bytes());
    h.finish()
}

/// The blocking keys of a name's parts (see the module docs), deduplicated.
pub(crate) fn blocking_keys(parts: &[Part], out: &mut Vec<u64>) {
    let mut weighted = Vec::new();
    weighted_keys(parts, &mut weighted);
    out.extend(weighted.iter().map(|w| w.0));
}

/// The blocking keys with how much a shared one says: the same comparison key most, the same
/// blocking skeleton less, a skeleton one deletion away least. Deduplicated by key, keeping
/// the highest weight.
fn weighted_keys(parts: &[Part], out: &mut Vec<(u64, f32)>) {
    for p in parts {
        if !matches!(
            p.kind,
            PartKind::Name | PartKind::Patronymic | PartKind::Number
        ) {
            continue;
        }
        out.push((hash(b'k', &p.key), 4.0));
        if let Some(stem) = strip_suffix(&p.key) {
            out.push((hash(b'k', stem), 4.0));
        }
        let sk = coarse(&p.key);
        if sk.is_empty() {
            continue;
        }
        out.push((hash(b's', &sk), 2.0));
        if sk.chars().count() >= 2 {
            for (i, c) in sk.char_indices() {
                let mut d = String::with_capacity(sk.len());
                d.push_str(&sk[..i]);
                d.push_str(&sk[i + c.len_utf8()..]);
                out.push((hash(b's', &d), 1.0));
            }
        }
    }
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    out.dedup_by_key(|k| k.0);
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

    /// The indexes of the names most worth scoring for `query`, best first.
    pub(crate) fn candidates(&self, query: &Prepared) -> Vec<u32> {
        let mut keys = Vec::new();
        weighted_keys(&query.key().parts, &mut keys);
        let total = self.names.len().max(1) as f64;
        let mut lists: Vec<(&[u32], f32)> = keys
            .iter()
            .filter_map(|(k, w)| {
                self.postings
                    .get(*k)
                    .map(|l| (l, *w * (total / l.len() as f64).ln().max(0.01) as f32))
            })
            .collect();
        // Shortest (rarest) lists first: they seed the candidates; once there are enough, a
        // longer list only adds to candidates already found (a binary search each, as lists
        // are sorted), so a query never walks the long list of a common name.
        lists.sort_by_key(|(l, _)| l.len());
        let enough = self.candidates * 4;
        let (q_first, q_len) = shape(query);
        ACC.with(|cell| {
            let mut guard = cell.try_borrow_mut().ok();
            let mut fresh = Accumulator::default();
            let acc = match guard.as_deref_mut() {
                Some(a) => a,
                None => &mut fresh,
            };
            acc.reset(self.names.len());
            for (list, weight) in lists {
                if acc.touched.len() < enough {
                    for &n in list.iter().take(enough * 2) {
                        acc.add(n, weight);
                    }
                } else if list.len() > acc.touched.len() * 8 {
                    for i in 0..acc.touched.len() {
                        let n = acc.touched[i];
                        if list.binary_search(&n).is_ok() {
                            acc.add(n, weight);
                        }
                    }
                } else {
                    for &n in list {
                        if acc.seen(n) {
                            acc.add(n, weight);
                        }
                    }
                }
            }
            // Among names sharing the same keys, prefer those that start alike and are as long.
            let mut ranked: Vec<(u32, f32)> = acc
                .touched
                .iter()
                .map(|&n| {
                    let bonus = match self.names.get(n as usize) {
                        Some(named) => {
                            let (first, len) = named.shape;
                            0.5 * f32::from(u8::from(first == q_first))
                                - 0.1 * (len.abs_diff(q_len) as f32)
                        }
                        None => 0.0,
                    };
                    (n, acc.score(n) + bonus)
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

/// A sparse accumulator of candidate weights, reused across the queries of a thread: a dense
/// array of scores and the list of names touched.
#[derive(Default)]
struct Accumulator {
    scores: Vec<f32>,
    touched: Vec<u32>,
}

impl Accumulator {
    fn reset(&mut self, names: usize) {
        for &n in &self.touched {
            if let Some(s) = self.scores.get_mut(n as usize) {
                *s = 0.0;
            }
        }
        self.touched.clear();
        if self.scores.len() < names {
            self.scores.resize(names, 0.0);
        }
    }

    #[inline]
    fn seen(&self, n: u32) -> bool {
        self.scores.get(n as usize).is_some_and(|&s| s > 0.0)
    }

    #[inline]
    fn add(&mut self, n: u32, w: f32) {
        if let Some(s) = self.scores.get_mut(n as usize) {
            if *s == 0.0 {
                self.touched.push(n);
            }
            *s += w.max(f32::MIN_POSITIVE);
        }
    }

    #[inline]
    fn score(&self, n: u32) -> f32 {
        self.scores.get(n as usize).copied().unwrap_or(0.0)
    }
}

thread_local! {
    static ACC: std::cell::RefCell<Accumulator> = std::cell::RefCell::new(Accumulator::default());
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
    fn index_is_send_and_sync() {
        fn assert_all<T: Send + Sync>() {}
        assert_all::<Index>();
    }
}
