//! The lists for finding names in running text ([`crate::link`]): names under the loose keys
//! of their given names and surnames, where a word of a text may be in any case, carry a
//! suffix or be the name's other part. Built with the index and saved in its file; the
//! linker asks through [`Index::names_with_part`], [`Index::names_with_pair`],
//! [`Index::names_of_one_part`] and [`Index::may_start`], and keeps no lists of its own.

use super::*;

/// The pairs of a name's parts are listed among its first this many parts.
const MAX_PAIRED_PARTS: usize = 6;

/// Per name, in [`LooseLists::name_info`]: written as an acronym (`DOST`).
const ACRONYM: u8 = 0x80;

/// Names under loose part keys ([`loose_hash`]).
#[derive(Debug, Default)]
pub(crate) struct LooseLists {
    /// Loose part key → the names of two or more parts that have it.
    parts: Postings,
    /// Two loose part keys (in either order, see [`pair`]) → the names that have both.
    pairs: Postings,
    /// Loose key → the names of a single part (most places and organisations).
    singles: Postings,
    /// The loose hashes of the first four letters of every part key, and of the whole of
    /// shorter ones, sorted: a word whose start is in none of them meets no name in any form.
    starts: Vec<u64>,
    /// The same, for lookups. Rebuilt on load.
    start_set: nohash_hasher::IntSet<u64>,
    /// Per name: [`ACRONYM`], and in the low bits how many given names and surnames (parts of
    /// kind `Name`) it has, at most 127.
    name_info: Vec<u8>,
}

impl LooseLists {
    /// The lists of every name of `index`: O(names).
    pub(super) fn build(index: &Index) -> LooseLists {
        let mut parts = Vec::new();
        let mut pairs = Vec::new();
        let mut singles = Vec::new();
        // Per part of a name: the loose hashes of its key and of its readings (`Bradshaw`
        // read as English), so that `Брэдшо` in a text finds it as resolve does.
        let mut keys: Vec<(usize, u64)> = Vec::new();
        let mut starts = Vec::new();
        let mut name_info = Vec::with_capacity(index.names.len());
        for (n, named) in index.names.iter().enumerate() {
            let n = n as u32;
            let words = index
                .part_views(named)
                .filter(|p| p.kind == PartKind::Name)
                .count();
            keys.clear();
            for (i, p) in index
                .part_views(named)
                .filter(|p| matches!(p.kind, PartKind::Name | PartKind::Patronymic))
                .enumerate()
            {
                for k in std::iter::once(p.key).chain(p.readings.iter().map(|r| r.1.as_str())) {
                    let (whole, prefixes) = loose_hashes(k, usize::MAX);
                    keys.push((i, whole));
                    starts.push(match prefixes[2] {
                        0 => whole,
                        four => four,
                    });
                }
            }
            if words <= 1 {
                singles.extend(keys.iter().map(|&(_, h)| (h, n)));
            } else {
                parts.extend(keys.iter().map(|&(_, h)| (h, n)));
                // Every two of its first parts (a name has a handful), in every reading.
                for (x, &(i, a)) in keys.iter().enumerate() {
                    for &(j, b) in keys.iter().skip(x + 1) {
                        if i != j && j < MAX_PAIRED_PARTS {
                            pairs.push((pair(a, b), n));
                        }
                    }
                }
            }
            let acronym = if is_acronym(index.name_text(named)) {
                ACRONYM
            } else {
                0
            };
            name_info.push(acronym | words.min(usize::from(!ACRONYM)) as u8);
        }
        starts.sort_unstable();
        starts.dedup();
        LooseLists {
            parts: Postings::from_pairs(parts),
            pairs: Postings::from_pairs(pairs),
            singles: Postings::from_pairs(singles),
            start_set: starts.iter().copied().collect(),
            starts,
            name_info,
        }
    }

    pub(super) fn save(&self, out: &mut file::Writer) {
        self.parts.save(out);
        self.pairs.save(out);
        self.singles.save(out);
        out.u64s(&self.starts);
        out.bytes(&self.name_info);
    }

    /// Reads lists saved by [`LooseLists::save`] for an index of `names` names, checking them.
    pub(super) fn load(
        r: &mut file::Reader<'_>,
        names: usize,
    ) -> Result<LooseLists, IndexFileError> {
        let parts = Postings::load(r, names, "loose part lists")?;
        let pairs = Postings::load(r, names, "loose pair lists")?;
        let singles = Postings::load(r, names, "loose single-part lists")?;
        let starts = r.u64s()?;
        let name_info = r.bytes()?;
        if starts.windows(2).any(|w| w[0] >= w[1]) {
            return Err(IndexFileError::Corrupt("loose starts".into()));
        }
        if name_info.len() != names {
            return Err(IndexFileError::Corrupt("loose name records".into()));
        }
        Ok(LooseLists {
            parts,
            pairs,
            singles,
            start_set: starts.iter().copied().collect(),
            starts,
            name_info,
        })
    }

    pub(super) fn memory_usage(&self) -> usize {
        self.parts.memory_usage()
            + self.pairs.memory_usage()
            + self.singles.memory_usage()
            + self.starts.capacity() * 8
            // (A hash set: about twice its length in u64 slots.)
            + self.start_set.capacity() * 2 * 8
            + self.name_info.capacity()
    }
}

impl Index {
    /// The names of two or more parts with a given name or surname of loose key `loose`
    /// ([`loose_hash`]), ascending.
    pub(crate) fn names_with_part(&self, loose: u64) -> &[u32] {
        self.loose.parts.get(loose).unwrap_or(&[])
    }

    /// The names with both loose keys among their first six parts (either order), ascending.
    pub(crate) fn names_with_pair(&self, a: u64, b: u64) -> &[u32] {
        self.loose.pairs.get(pair(a, b)).unwrap_or(&[])
    }

    /// The names of one given name or surname (most places and organisations) of loose key
    /// `loose`, ascending.
    pub(crate) fn names_of_one_part(&self, loose: u64) -> &[u32] {
        self.loose.singles.get(loose).unwrap_or(&[])
    }

    /// Whether a word keyed `key` may start a registered name part: its first four letters,
    /// or the whole of a shorter word, start one.
    pub(crate) fn may_start(&self, key: &str) -> bool {
        let (whole, prefixes) = loose_hashes(key, 4);
        [whole, prefixes[0], prefixes[1], prefixes[2]]
            .iter()
            .any(|h| *h != 0 && self.loose.start_set.contains(h))
    }

    /// Whether name `n` is written as an acronym (`DOST`).
    pub(crate) fn is_acronym(&self, n: u32) -> bool {
        self.loose
            .name_info
            .get(n as usize)
            .is_some_and(|&i| i & ACRONYM != 0)
    }

    /// How many given names and surnames name `n` has (at most 127).
    pub(crate) fn name_part_count(&self, n: u32) -> usize {
        self.loose
            .name_info
            .get(n as usize)
            .map_or(0, |&i| usize::from(i & !ACRONYM))
    }
}

/// The key of two loose part keys, in either order.
fn pair(a: u64, b: u64) -> u64 {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    lo.rotate_left(17) ^ hi.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Whether a registry name is written as an acronym: one word of two or more letters, all
/// capitals.
fn is_acronym(name: &str) -> bool {
    let name = name.trim();
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && !name.contains(char::is_whitespace)
        && name
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(crate::case::is_upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms() {
        assert!(is_acronym("DOST"));
        assert!(is_acronym("TANAP"));
        assert!(!is_acronym("Dost"));
        assert!(!is_acronym("A"));
        assert!(!is_acronym("UN Women"));
    }

    #[test]
    fn pairs_are_unordered() {
        assert_eq!(pair(1, 2), pair(2, 1));
        assert_ne!(pair(1, 2), pair(1, 3));
    }
}
