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
//! the pair of their skeletons, in either order. A part written in Latin letters keeps its
//! **readings** ([`crate::key::Reading`]: `Bradshaw` read as English `Брэдшо`, `Glouchtchenko`
//! as a French romanization of `Глущенко`), and is posted under their blocking keys too, so
//! that a query in Cyrillic finds it and scores it as [`crate::matcher::compare`] does.
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
//! For running text ([`crate::link`]) the index also keeps names under the **loose keys** of
//! their given names and surnames (a key that forgives the letters a declined or suffixed
//! word changes; `loose.rs`): by one part, by two parts in either order, and by the single
//! part of one-part names, with the starts of every part so that a word that begins no name
//! is dropped at once. The linker asks for these lists and keeps none of its own.
//!
//! Cost: building is O(total name length); a query reads a bounded number of names and
//! scores at most five, or [`IndexBuilder::candidates`] (×4 for one part), of them. Key
//! lookups go through a directory on the keys' top bits, one short stretch of the sorted
//! keys each.

use std::hash::Hasher;

use std::sync::LazyLock;

use crate::key::{Fnv, Part, PartKind, PartRef, strip_suffix, with_views, with_views_of};
use crate::matcher::{Matcher, MatcherBuilder, Prepared};
use crate::registry::{EntityId, EntityKind, Registry};

mod blocking;
mod build;
mod codec;
mod loose;
mod postings;
mod readings;
mod retrieve;
mod source;
mod store;
use crate::tables::BLOCKING;
pub use blocking::blocking_keys;
use blocking::*;
pub(crate) use blocking::{loose_hash, loose_hashes};
pub use build::IndexBuilder;
pub use codec::{INDEX_FORMAT_VERSION, IndexFileError, IoError, MAX_STREAM_PAYLOAD};
use codec::{MAX_CANDIDATES, file, part_code, part_from};
use loose::LooseLists;
use postings::*;
use readings::KeyReadings;
use retrieve::*;
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

/// The names of a [`Registry`], keyed, with posting lists for candidate retrieval.
/// `Send + Sync`: share one index between threads.
#[derive(Debug)]
pub struct Index {
    /// The entities, compact (ids and names in one string).
    entities: EntityStore,
    /// The same as a [`Registry`], made on the first [`Index::registry`] call.
    registry: std::sync::OnceLock<Registry>,
    matcher: Matcher,
    names: Vec<IndexedName>,
    /// Per name, what ranking reads of it in a compact array that stays in cache: blocked
    /// part count (top 4 bits) and key length (low 12 bits). Rebuilt on load.
    shapes: Vec<u32>,
    /// Every part of every indexed name, in name order.
    parts: Vec<ArenaPart>,
    /// The part keys, each distinct key once, in the order of their numbers.
    arena: String,
    /// Where each distinct key starts in the arena (and the arena's length last).
    key_bounds: Vec<u32>,
    /// Per distinct part key, the readings of the registered words keyed so (`Bradshaw`
    /// read as English): a query in Cyrillic meets them.
    readings: KeyReadings,
    /// Per distinct part key (in arena order of first use), the names that have it.
    part_names: Lists,
    /// Blocking key → the distinct part keys that give it.
    blocking: Postings,
    /// Pair key → names.
    pairs: Postings,
    /// The lists for finding names in running text (`loose.rs`).
    loose: LooseLists,
    candidates: usize,
    /// The registry file it was built from, when known.
    source: Option<RegistrySource>,
}

/// How much more each differing letter costs a place named by one word, queried by one word
/// ([`Index::score_for_entity`]).
const LONE_PLACE_DISTANCE: f64 = 2.0;

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
            + self.readings.memory_usage()
            + self.part_names.memory_usage()
            + self.blocking.memory_usage()
            + self.pairs.memory_usage()
            + self.loose.memory_usage()
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

    /// Indexed name number `n`.
    pub(crate) fn name(&self, n: u32) -> Option<&IndexedName> {
        self.names.get(n as usize)
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
            readings: self.readings.of(p.key),
            starts: self.readings.starts(p.key),
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
        let Some(part) = self.parts.get(n.first_part as usize).map(|p| self.view(p)) else {
            return score;
        };
        if part.kind != PartKind::Name || self.entities.kind(n.entity) != EntityKind::Place {
            return score;
        }
        // A suffix or case ending the matcher recognised (Türkiyənin, Турции) is no letter
        // that differs: only a difference of spelling pays twice.
        let spelling_only = with_views(&query.key().parts, |q| {
            q.first()
                .is_none_or(|q| self.matcher.part_reason(q, &part).is_none())
        });
        if spelling_only {
            (1.0 - LONE_PLACE_DISTANCE * (1.0 - score)).max(0.0)
        } else {
            score
        }
    }
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
