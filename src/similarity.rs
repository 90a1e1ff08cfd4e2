//! Weighted edit distance between comparison keys ([`crate::key`]).
//!
//! Substituting, inserting or deleting a key letter costs 1, except where
//! `data/key/confusion.tsv` says the spellings of one name trade those letters: every vowel
//! edit is cheap (`a`/`e` 0.2 for ə), `g`/`k` 0.35 (q), `g`/`h` 0.35 (Гасанов/Həsənov),
//! `s`/`x` 0.3 (a dropped cedilla), inserting `y` 0.25, … Costs are symmetric, so
//! `distance(a, b) == distance(b, a)`.
//!
//! Cost: O(n·m) time and O(m) space for keys of n and m letters (keys are short: a name part
//! is rarely over 15 letters).
//!
//! # Examples
//!
//! ```
//! use namelink::similarity::{distance, normalized_similarity};
//!
//! assert_eq!(distance("sahil", "sahil"), 0.0);
//! assert_eq!(distance("sahil", "sahib"), 1.0);
//! assert!((distance("mamadov", "mamedov") - 0.2).abs() < 1e-6); // Məmmədov / Мамедов
//! assert!(normalized_similarity("gasanov", "hasanov") > 0.9); // Гасанов / Həsənov
//! assert!(normalized_similarity("sahil", "sahib") < 0.85);
//! ```

use std::sync::LazyLock;

use crate::tables::COSTS;

struct CostTable {
    sub: [[f32; 26]; 26],
    indel: [f32; 26],
}

static TABLE: LazyLock<CostTable> = LazyLock::new(|| {
    let mut t = CostTable {
        sub: [[1.0; 26]; 26],
        indel: [1.0; 26],
    };
    for (i, row) in t.sub.iter_mut().enumerate() {
        if let Some(cell) = row.get_mut(i) {
            *cell = 0.0;
        }
    }
    for &(a, b, cost) in COSTS {
        let (Some(ia), ib) = (letter(a), letter(b)) else {
            continue;
        };
        match (b, ib) {
            ('-', _) => {
                if let Some(c) = t.indel.get_mut(ia) {
                    *c = cost;
                }
            }
            (_, Some(ib)) => {
                if let Some(c) = t.sub.get_mut(ia).and_then(|r| r.get_mut(ib)) {
                    *c = cost;
                }
            }
            _ => {}
        }
    }
    t
});

#[inline]
fn letter(c: char) -> Option<usize> {
    c.is_ascii_lowercase().then(|| (c as u8 - b'a') as usize)
}

#[inline]
fn sub(t: &CostTable, a: char, b: char) -> f32 {
    if a == b {
        return 0.0;
    }
    match (letter(a), letter(b)) {
        (Some(x), Some(y)) => t.sub.get(x).and_then(|r| r.get(y)).copied().unwrap_or(1.0),
        _ => 1.0,
    }
}

#[inline]
fn indel(t: &CostTable, c: char) -> f32 {
    letter(c)
        .and_then(|i| t.indel.get(i))
        .copied()
        .unwrap_or(1.0)
}

/// The weighted edit distance between two keys (0 when equal).
pub fn distance(a: &str, b: &str) -> f64 {
    distance_detail(a, b).0
}

/// The weighted edit distance and, on a cheapest path, how many of its edits cost the full 1
/// (an unrelated letter, not a known spelling variation).
///
/// ```
/// use namelink::similarity::distance_detail;
/// assert_eq!(distance_detail("sahil", "sahib"), (1.0, 1));
/// let (d, full) = distance_detail("mamadov", "mamedov");
/// assert!(d < 0.3 && full == 0);
/// ```
pub fn distance_detail(a: &str, b: &str) -> (f64, usize) {
    if a == b {
        return (0.0, 0);
    }
    // One order for both, so that rounding cannot make the distance depend on it (found by
    // fuzzing: 0.594117641 one way, 0.594117647 the other).
    let (a, b) = if a <= b { (a, b) } else { (b, a) };
    if a.is_ascii() && b.is_ascii() && b.len() < 32 {
        return distance_ascii(a.as_bytes(), b.as_bytes());
    }
    distance_chars(a, b)
}

/// The general path of [`distance_detail`], over `char`s.
fn distance_chars(a: &str, b: &str) -> (f64, usize) {
    let t = &*TABLE;
    let bc: Vec<char> = b.chars().collect();
    // Each cell: (cost, full-cost edits), compared by cost, then by the count.
    let full = |c: f32| u32::from(c >= 0.999);
    let mut prev: Vec<(f32, u32)> = Vec::with_capacity(bc.len() + 1);
    prev.push((0.0, 0));
    for &c in &bc {
        let last = prev.last().copied().unwrap_or((0.0, 0));
        let cost = indel(t, c);
        prev.push((last.0 + cost, last.1 + full(cost)));
    }
    let mut cur = vec![(0.0f32, 0u32); bc.len() + 1];
    let better = |x: (f32, u32), y: (f32, u32)| if (y.0, y.1) < (x.0, x.1) { y } else { x };
    for ca in a.chars() {
        let del = indel(t, ca);
        let first = prev.first().copied().unwrap_or((0.0, 0));
        if let Some(c0) = cur.first_mut() {
            *c0 = (first.0 + del, first.1 + full(del));
        }
        for (j, &cb) in bc.iter().enumerate() {
            let s = sub(t, ca, cb);
            let p = prev.get(j).copied().unwrap_or((0.0, 0));
            let diag = (p.0 + s, p.1 + full(s));
            let u = prev.get(j + 1).copied().unwrap_or((0.0, 0));
            let up = (u.0 + del, u.1 + full(del));
            let l = cur.get(j).copied().unwrap_or((0.0, 0));
            let ins = indel(t, cb);
            let left = (l.0 + ins, l.1 + full(ins));
            if let Some(cell) = cur.get_mut(j + 1) {
                *cell = better(better(diag, up), left);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let (d, n) = prev.last().copied().unwrap_or((0.0, 0));
    (f64::from(d), n as usize)
}

/// Integer costs (hundredths) for the ASCII path: a cell packs `cost << 8 | full edits`, so
/// that the smaller `u32` is the cheaper path, and among equal costs the one with fewer
/// full-cost edits.
struct IntTable {
    sub: [[u32; 128]; 128],
    indel: [u32; 128],
}

static INT_TABLE: LazyLock<IntTable> = LazyLock::new(|| {
    let t = &*TABLE;
    let pack = |c: f32| -> u32 {
        let h = (c * 100.0).round() as u32;
        (h << 8) | u32::from(h >= 100)
    };
    let mut it = IntTable {
        sub: [[pack(1.0); 128]; 128],
        indel: [pack(1.0); 128],
    };
    for a in 0u8..128 {
        let ca = char::from(a);
        if let Some(c) = it.indel.get_mut(usize::from(a)) {
            *c = pack(indel(t, ca));
        }
        for b in 0u8..128 {
            if let Some(c) = it
                .sub
                .get_mut(usize::from(a))
                .and_then(|r| r.get_mut(usize::from(b)))
            {
                *c = pack(sub(t, ca, char::from(b)));
            }
        }
    }
    it
});

/// [`distance_detail`] for ASCII keys, with the DP rows on the stack (keys are short).
fn distance_ascii(a: &[u8], b: &[u8]) -> (f64, usize) {
    let t = &*INT_TABLE;
    let n = b.len().min(32);
    let (mut row_a, mut row_b) = ([0u32; 33], [0u32; 33]);
    // Rows swapped by reference: swapping the arrays would copy them on every letter.
    let (mut prev, mut cur) = (&mut row_a, &mut row_b);
    let mut ins = [0u32; 32];
    for (j, &cb) in b.iter().take(n).enumerate() {
        let cost = t
            .indel
            .get(usize::from(cb & 0x7F))
            .copied()
            .unwrap_or(u32::MAX >> 2);
        if let Some(x) = ins.get_mut(j) {
            *x = cost;
        }
        let last = prev.get(j).copied().unwrap_or(0);
        if let Some(cell) = prev.get_mut(j + 1) {
            *cell = last + cost;
        }
    }
    let b = b.get(..n).unwrap_or(b);
    let ins = ins.get(..n).unwrap_or(&[]);
    for &ca in a {
        let ca = usize::from(ca & 0x7F);
        let del = t.indel[ca];
        let row = &t.sub[ca];
        let mut left = prev[0] + del;
        cur[0] = left;
        // One zipped pass over the row: (this cell, the cell above, its insertion cost, the
        // letter of b); the diagonal is the previous cell above. No index can fail.
        let mut diag_above = prev[0];
        let above = prev.get(1..=n).unwrap_or(&[]);
        let cells = cur.get_mut(1..=n).unwrap_or(&mut []);
        for (((cell, &up_above), &ins_j), &cb) in cells.iter_mut().zip(above).zip(ins).zip(b) {
            let diag = diag_above + row[usize::from(cb & 0x7F)];
            left = diag.min(up_above + del).min(left + ins_j);
            *cell = left;
            diag_above = up_above;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let cell = prev.get(n).copied().unwrap_or(0);
    (f64::from(cell >> 8) / 100.0, (cell & 0xFF) as usize)
}

/// `1 - distance / longer length`, in [0, 1].
pub fn normalized_similarity(a: &str, b: &str) -> f64 {
    let len = a.chars().count().max(b.chars().count());
    if len == 0 {
        return 1.0;
    }
    (1.0 - distance(a, b) / len as f64).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_path_equals_general_path() {
        for (a, b) in [
            ("sahil", "sahib"),
            ("mamadov", "mamedov"),
            ("", "abc"),
            ("xq", "q"),
            ("aaaa", "b"),
        ] {
            let general = distance_chars(a, b);
            let ascii = distance_ascii(a.as_bytes(), b.as_bytes());
            assert!(
                (ascii.0 - general.0).abs() < 1e-6 && ascii.1 == general.1,
                "{a} {b}"
            );
        }
    }

    #[test]
    fn symmetric_costs() {
        for (a, b) in [
            ("sahil", "sahib"),
            ("mamadov", "mamedov"),
            ("abc", ""),
            ("xyz", "xzy"),
            ("ж", "j"),
        ] {
            assert_eq!(distance(a, b), distance(b, a), "{a} {b}");
        }
        assert!((distance("", "abc") - 2.5).abs() < 1e-6); // a is a cheap vowel to insert
        assert_eq!(distance("maria", "mariya"), f64::from(0.25f32)); // y is cheaper still
    }
}
