//! Posting lists: sorted hashed keys, each with an ascending list of name numbers.

use super::*;

/// Lists under hashed keys: `keys` sorted, and the list of `keys[i]` is list `i` of
/// `lists` (ascending). The one posting-list type of the index is [`Lists`]; this adds a
/// directory of hashed keys in front of it.
#[derive(Debug, Default)]
pub(crate) struct Postings {
    keys: Vec<u64>,
    lists: Lists,
    /// Where the keys of each value of the top `dir_bits` bits start in `keys` (keys are
    /// hashes, so evenly spread): a lookup reads one short stretch instead of binary-searching
    /// millions of keys. Rebuilt on load.
    dir: Vec<u32>,
    dir_bits: u32,
}

impl Postings {
    /// From `(key, item)` pairs in any order (duplicates dropped).
    pub(super) fn from_pairs(mut pairs: Vec<(u64, u32)>) -> Postings {
        sort_pairs(&mut pairs);
        pairs.dedup();
        let mut p = Postings {
            lists: Lists {
                offsets: Vec::new(),
                items: Vec::with_capacity(pairs.len()),
            },
            ..Postings::default()
        };
        for (k, n) in pairs {
            if p.keys.last() != Some(&k) {
                p.keys.push(k);
                p.lists.offsets.push(p.lists.items.len() as u32);
            }
            p.lists.items.push(n);
        }
        p.lists.offsets.push(p.lists.items.len() as u32);
        p.index_keys();
        p
    }

    pub(super) fn save(&self, out: &mut file::Writer) {
        out.u64s(&self.keys);
        self.lists.save(out);
    }

    /// Reads lists saved by [`Postings::save`] whose items are below `items`, checking them.
    pub(super) fn load(
        r: &mut file::Reader<'_>,
        items: usize,
        what: &str,
    ) -> Result<Postings, IndexFileError> {
        let keys = r.u64s()?;
        let lists = Lists::load(r, items, what)?;
        if lists.len() != keys.len() || keys.windows(2).any(|w| w[0] >= w[1]) {
            return Err(IndexFileError::Corrupt(what.into()));
        }
        let mut p = Postings {
            keys,
            lists,
            ..Postings::default()
        };
        p.index_keys();
        Ok(p)
    }

    /// Builds the directory over the sorted keys: about two keys per slot.
    pub(super) fn index_keys(&mut self) {
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

    pub(super) fn memory_usage(&self) -> usize {
        self.keys.capacity() * 8 + self.lists.memory_usage() + self.dir.capacity() * 4
    }

    pub(super) fn get(&self, key: u64) -> Option<&[u32]> {
        let slot = (key >> (64 - self.dir_bits)) as usize;
        let (lo, hi) = (
            *self.dir.get(slot)? as usize,
            *self.dir.get(slot + 1)? as usize,
        );
        let i = lo + self.keys.get(lo..hi)?.iter().position(|&k| k == key)?;
        Some(self.lists.get(i as u32))
    }
}

/// Lists numbered 0, 1, 2 … in flat arrays: list `i` is `items[offsets[i]..offsets[i + 1]]`.
#[derive(Debug, Default)]
pub(crate) struct Lists {
    offsets: Vec<u32>,
    items: Vec<u32>,
}

impl Lists {
    pub(super) fn from_vecs(lists: &[Vec<u32>]) -> Lists {
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

    pub(super) fn get(&self, i: u32) -> &[u32] {
        match (
            self.offsets.get(i as usize),
            self.offsets.get(i as usize + 1),
        ) {
            (Some(&a), Some(&b)) => self.items.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    pub(super) fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub(super) fn memory_usage(&self) -> usize {
        (self.offsets.capacity() + self.items.capacity()) * 4
    }

    pub(super) fn save(&self, out: &mut file::Writer) {
        out.u32s(&self.offsets);
        out.u32s(&self.items);
    }

    pub(super) fn load(
        r: &mut file::Reader<'_>,
        items: usize,
        what: &str,
    ) -> Result<Lists, IndexFileError> {
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
pub(super) fn sort_pairs(pairs: &mut Vec<(u64, u32)>) {
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
