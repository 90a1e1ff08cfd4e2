//! Retrieval: the names worth scoring for a query.

use super::*;

/// How many names of one pair key's list a query reads.
pub(super) const PAIR_WALK: usize = 64;

/// How many of the names found through pair keys a query scores at most.
pub(super) const PAIR_SCORED: usize = 5;

/// A one-deletion key given by more distinct part keys than this is ignored by the part search.
pub(super) const WEAK_KEY_PARTS: usize = 64;

/// A blocking key shared by more distinct part keys than this (a skeleton of two common
/// consonants, in a registry of many unusual names) is not read at all: it would cost a
/// query thousands of entries to sort, and says little. What is missed when this bites: a
/// name whose only link to the query is such a key (a misspelling that keeps nothing but the
/// consonant skeleton), when no other key of the query finds it.
pub(super) const STRONG_KEY_PARTS: usize = 1024;

/// At most this many (blocking key, part key) entries of evidence per query, read from the
/// query's strongest keys first: each query costs bounded time whatever the registry's
/// shape.
pub(super) const MAX_EVIDENCE: usize = 4096;

impl Index {
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
            for e in p.reading_keys() {
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
pub(super) fn gallop(list: &[u32], n: u32) -> (bool, usize) {
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
pub(super) struct Accumulator {
    /// Per indexed name: 0, or 1 + its row.
    slot: Vec<u32>,
    rows: Vec<Row>,
}

pub(super) struct Row {
    name: u32,
    best: [f32; RANKED_PARTS],
}

impl Accumulator {
    pub(super) fn reset(&mut self, names: usize) {
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
    pub(super) fn touch(&mut self, n: u32) {
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
pub(super) fn shapes_of(
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
pub(super) fn fingerprint(hashes: impl Iterator<Item = u64>) -> u32 {
    (hashes.fold(0u64, u64::wrapping_add) >> 48) as u32
}

/// The first letter and length of a name's joined part keys, for ranking candidates.
pub(super) fn shape(p: &Prepared) -> (Option<char>, usize) {
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
