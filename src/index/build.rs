//! Building an index from a registry.

use compact_str::CompactString;

use super::*;
use crate::key::Reading;

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
    /// sharing two parts with it matches (see the [module docs](crate::index)). Default: 16.
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
        // Per distinct key, the readings of the words keyed so, and the blocking keys of
        // those readings (a reading met after the key was interned is added here).
        let mut readings: hashbrown::HashMap<u32, Vec<(Reading, CompactString)>> =
            hashbrown::HashMap::new();
        let mut reading_hashes: Vec<(u64, u32)> = Vec::new();
        // The words whose readings were taken (each word's once: a registry repeats its
        // given names and surnames, and reading a word transliterates it several times).
        let mut read_words: hashbrown::HashSet<CompactString> = hashbrown::HashSet::new();
        // The entities in their compact form first, and the registry dropped: the keying
        // below makes the index's arrays, which would otherwise sit beside the registry's
        // strings at full size.
        let entities = EntityStore::from_registry(&registry);
        drop(registry);
        for e in 0..entities.len() {
            let id = EntityId::from_index(e as u32);
            for name_no in 0..entities.name_count(id) {
                let name = entities.name(id, name_no);
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
                    if !read_words.contains(&p.text) {
                        read_words.insert(p.text.clone());
                        let read = self.matcher.part_readings(p);
                        if !read.is_empty() {
                            let had = readings.entry(known.id).or_default();
                            for r in read {
                                if !had.contains(&r) {
                                    part_keys(&r.1, |h, _| reading_hashes.push((h, known.id)));
                                    had.push(r);
                                }
                            }
                        }
                    }
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
        let mut part_keys: Vec<(u64, u32)> = Vec::new();
        for k in interned.values() {
            let (start, len) = k.hashes;
            let hashes = part_hashes.get(start as usize..(start + len) as usize);
            part_keys.extend(hashes.unwrap_or(&[]).iter().map(|&h| (h, k.id)));
        }
        drop(read_words);
        let readings = KeyReadings::new(interned.len(), readings);
        drop(interned);
        part_keys.append(&mut reading_hashes);
        let blocking = Postings::from_pairs(part_keys);
        let pairs = Postings::from_pairs(pairs);
        let part_names = Lists::from_vecs(&part_names);
        let shapes = shapes_of(&names, &parts, &arena, &key_bounds);
        let mut index = Index {
            entities,
            registry: std::sync::OnceLock::new(),
            matcher: self.matcher.clone(),
            shapes,
            names,
            parts,
            arena,
            key_bounds,
            readings,
            part_names,
            blocking,
            pairs,
            loose: LooseLists::default(),
            candidates: self.candidates,
            source: self.source.clone(),
        };
        index.loose = LooseLists::build(&index);
        index
    }
}

/// A distinct part key met while building.
#[derive(Clone, Copy)]
pub(super) struct InternedKey {
    /// Its number among the distinct keys.
    id: u32,
    /// Its blocking keys: `(start, len)` in the builder's list.
    hashes: (u32, u32),
    /// What it contributes to pair keys.
    side: u64,
}
