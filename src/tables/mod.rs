//! Static tables compiled from `data/`.
//!
//! `generated.rs` is produced from the TSV files in `data/` by `cargo test --test tables_fresh`
//! (see `tests/codegen/mod.rs`) and checked in, so that a change to a table shows up in review
//! as a code diff and a crate that depends on namelink pays no build-script cost.

#[rustfmt::skip]
#[allow(clippy::all)]
mod generated;

pub(crate) use generated::*;

/// A condition on the letter before or after a rule's key.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ctx {
    /// The condition holds when the letter is *not* described.
    pub negate: bool,
    /// The word boundary (start for `before`, end for `after`) is described.
    pub boundary: bool,
    /// The (lower-case) letters described.
    pub chars: &'static str,
}

impl Ctx {
    /// No condition.
    pub const ANY: Ctx = Ctx {
        negate: false,
        boundary: false,
        chars: "",
    };

    /// `neighbour` is the lower-cased letter next to the key, `None` at a word boundary.
    #[inline]
    pub(crate) fn holds(&self, neighbour: Option<char>) -> bool {
        if self.is_any() {
            return true;
        }
        let described = match neighbour {
            None => self.boundary,
            Some(c) => self.chars.contains(c),
        };
        described != self.negate
    }

    #[inline]
    pub(crate) fn is_any(&self) -> bool {
        !self.negate && !self.boundary && self.chars.is_empty()
    }
}

/// One rule: `key` (first letter in the index, the `rest` here) becomes `to`.
#[derive(Debug)]
pub(crate) struct Rule {
    pub rest: &'static str,
    pub to: &'static str,
    pub before: Ctx,
    pub after: Ctx,
}

/// One conversion table, as read from one file in `data/translit/`.
#[derive(Debug)]
pub(crate) struct Table {
    pub id: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub source: &'static str,
    /// `(first letter, start, len)` into `rules`, sorted by letter.
    pub index: &'static [(char, u16, u16)],
    /// Longest key first, then file order, within each first letter.
    pub rules: &'static [Rule],
}

impl Table {
    #[inline]
    pub(crate) fn candidates(&self, c: char) -> &'static [Rule] {
        match self.index.binary_search_by(|e| e.0.cmp(&c)) {
            Ok(i) => match self.index.get(i) {
                Some(&(_, start, len)) => self
                    .rules
                    .get(start as usize..start as usize + len as usize)
                    .unwrap_or(&[]),
                None => &[],
            },
            Err(_) => &[],
        }
    }
}

/// Looks `c` up in a sorted `(char, char)` table.
#[inline]
pub(crate) fn char_map(table: &[(char, char)], c: char) -> Option<char> {
    table
        .binary_search_by(|e| e.0.cmp(&c))
        .ok()
        .and_then(|i| table.get(i))
        .map(|e| e.1)
}

/// Is `c` inside one of the sorted, disjoint ranges?
#[inline]
pub(crate) fn in_ranges(table: &[(char, char)], c: char) -> bool {
    table
        .binary_search_by(|&(lo, hi)| {
            if c < lo {
                std::cmp::Ordering::Greater
            } else if c > hi {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}
