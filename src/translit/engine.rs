//! The engine: a table compiled for fast lookup, and one pass over a text that applies the
//! longest rule whose context holds at each position, keeping the letter case of the source.

use crate::case::{is_cased_lower, is_upper, is_word_char, lower, push_upper};
use crate::tables::{Rule, Table};

/// Code points below this get a direct slot in [`Compiled::dense`] (Latin and Cyrillic).
const DENSE: usize = 0x0530;

/// A table with a direct index for Latin and Cyrillic letters, so that the common case costs
/// one array access instead of a binary search.
#[derive(Clone, Debug)]
pub(crate) struct Compiled {
    table: &'static Table,
    /// `(start, len)` into `table.rules` for each code point below [`DENSE`].
    dense: Box<[(u16, u16)]>,
    /// For code points below [`DENSE`] whose only rule is one context-free letter: its
    /// replacement in every case (`simple_forms[i - 1]`; 0: none), so that the engine skips
    /// the rule loop and the casing of the replacement for them.
    simple: Box<[u16]>,
    simple_forms: Vec<Cased>,
    src_turkic: bool,
    dst_turkic: bool,
}

/// A replacement as written, capitalized and in capitals (`щ`: `shch`, `Shch`, `SHCH`).
#[derive(Clone, Debug)]
struct Cased {
    lower: &'static str,
    forms: [Short; 3],
}

/// A replacement's characters, when it has at most four (pushed one by one: no call to copy
/// a byte or two), or the whole string.
#[derive(Clone, Debug)]
enum Short {
    Chars([char; 4], u8),
    Long(String),
}

impl Short {
    fn new(s: &str) -> Short {
        let mut chars = ['\0'; 4];
        let mut n = 0u8;
        for (slot, c) in chars.iter_mut().zip(s.chars()) {
            *slot = c;
            n += 1;
        }
        if s.chars().count() <= 4 {
            Short::Chars(chars, n)
        } else {
            Short::Long(s.to_string())
        }
    }

    #[inline(always)]
    fn push_to(&self, out: &mut String) {
        match self {
            Short::Chars(chars, n) => {
                for &c in chars.iter().take(usize::from(*n)) {
                    out.push(c);
                }
            }
            Short::Long(s) => out.push_str(s),
        }
    }
}

impl Compiled {
    pub(crate) fn new(table: &'static Table) -> Compiled {
        let mut dense = vec![(0u16, 0u16); DENSE].into_boxed_slice();
        let mut simple = vec![0u16; DENSE].into_boxed_slice();
        let mut simple_forms = Vec::new();
        let dst_turkic = matches!(table.to, "az" | "tr");
        for &(c, start, len) in table.index {
            if let Some(slot) = dense.get_mut(c as usize) {
                *slot = (start, len);
            }
            if let (Some(slot), 1) = (simple.get_mut(c as usize), len) {
                if let Some(rule) = table.rules.get(start as usize) {
                    if rule.rest.is_empty() && rule.before.is_any() && rule.after.is_any() {
                        let (mut title, mut caps) = (String::new(), String::new());
                        push_cased(&mut title, rule.to, true, false, dst_turkic);
                        push_cased(&mut caps, rule.to, true, true, dst_turkic);
                        simple_forms.push(Cased {
                            lower: rule.to,
                            forms: [Short::new(rule.to), Short::new(&title), Short::new(&caps)],
                        });
                        *slot = simple_forms.len() as u16;
                    }
                }
            }
        }
        Compiled {
            table,
            dense,
            simple,
            simple_forms,
            src_turkic: matches!(table.from, "az" | "tr"),
            dst_turkic,
        }
    }

    /// The replacement of a letter with one context-free rule (see `simple`).
    #[inline]
    fn simple(&self, lc: char) -> Option<&Cased> {
        let i = *self.simple.get(lc as usize)?;
        self.simple_forms.get(usize::from(i).checked_sub(1)?)
    }

    #[inline]
    pub(crate) fn candidates(&self, c: char) -> &'static [Rule] {
        match self.dense.get(c as usize) {
            Some(&(start, len)) => self
                .table
                .rules
                .get(start as usize..start as usize + len as usize)
                .unwrap_or(&[]),
            None => self.table.candidates(c),
        }
    }
}

/// Whether any character of `text` has a rule (else the text passes unchanged).
pub(super) fn needs(table: &Compiled, text: &str) -> bool {
    text.chars()
        .any(|c| !table.candidates(lower(c, table.src_turkic)).is_empty())
}

/// Is the word that starts with the capital `first` written in capitals: no lower-case
/// letter and more than one character (`ЩИТ`, `ЭЪ`, but not `Я`)? `rest` follows `first`.
fn all_caps_after(first: char, rest: &mut std::str::Chars<'_>) -> bool {
    let _ = first;
    let mut len = 1;
    for c in rest {
        if !is_word_char(c) {
            break;
        }
        if is_cased_lower(c) {
            return false;
        }
        len += 1;
    }
    len >= 2
}

/// The lower-cased word character at the start of `s`, `None` at a word boundary.
#[inline]
fn next_word_char(s: &str, turkic: bool) -> Option<char> {
    s.chars()
        .next()
        .filter(|&c| is_word_char(c))
        .map(|c| lower(c, turkic))
}

/// Appends a replacement with the source letter's case: all capitals inside a capitalized
/// word, the first letter capitalized for a capital letter, as written otherwise.
#[inline]
fn push_cased(out: &mut String, to: &str, upper: bool, caps: bool, dst_turkic: bool) {
    if caps {
        for o in to.chars() {
            push_upper(out, o, dst_turkic);
        }
    } else if upper {
        let mut chars = to.chars();
        if let Some(first) = chars.next() {
            push_upper(out, first, dst_turkic);
            out.push_str(chars.as_str());
        }
    } else {
        out.push_str(to);
    }
}

/// The engine: applies one table to `text`, appending to `out`.
pub(crate) fn apply(table: &Compiled, text: &str, out: &mut String) {
    apply_traced(table, text, out, &mut |_, _| {});
}

/// [`apply`], and whether `text` was surely NFC (every character below U+0300 or a
/// Cyrillic letter, see [`is_simple_nfc`]).
pub(super) fn apply_checked(table: &Compiled, text: &str, out: &mut String) -> bool {
    let mut simple = true;
    apply_with(table, text, out, &mut |_, _| {}, &mut |c| {
        simple &= (c as u32) < 0x300 || matches!(c as u32, 0x400..=0x482 | 0x48A..=0x4FF);
    });
    simple
}

/// [`apply`], calling `trace(source, replacement)` for every rule that fires (the source
/// lower-cased), so that callers can explain a result.
pub(crate) fn apply_traced<F: FnMut(&str, &str) + ?Sized>(
    table: &Compiled,
    text: &str,
    out: &mut String,
    trace: &mut F,
) {
    apply_with(table, text, out, trace, &mut |_| {});
}

/// [`apply_traced`], showing every character beyond ASCII to `seen`.
#[inline]
fn apply_with<F: FnMut(&str, &str) + ?Sized, S: FnMut(char)>(
    table: &Compiled,
    text: &str,
    out: &mut String,
    trace: &mut F,
    seen: &mut S,
) {
    let (src_turkic, dst_turkic) = (table.src_turkic, table.dst_turkic);
    out.reserve(text.len() + text.len() / 2);
    let mut prev: Option<char> = None;
    let mut caps = false;
    let mut rest = text.chars();
    while let Some(c) = rest.next() {
        if !c.is_ascii() {
            seen(c);
        }
        if !is_word_char(c) {
            out.push(c);
            prev = None;
            continue;
        }
        if prev.is_none() {
            let mut word = rest.clone();
            caps = is_upper(c) && all_caps_after(c, &mut word);
        }
        let lc = lower(c, src_turkic);
        if let Some(forms) = table.simple(lc) {
            // The common case: one context-free rule for this letter.
            let to = forms.lower;
            let form = usize::from(caps) * 2 + usize::from(!caps && is_upper(c));
            if let Some(f) = forms.forms.get(form) {
                f.push_to(out);
            }
            trace(
                text.get(
                    text.len() - rest.as_str().len() - c.len_utf8()
                        ..text.len() - rest.as_str().len(),
                )
                .unwrap_or(""),
                to,
            );
            prev = Some(lc);
            continue;
        }
        let mut matched = None;
        'rules: for rule in table.candidates(lc) {
            let mut after_key = rest.clone();
            let mut last = lc;
            for rc in rule.rest.chars() {
                match after_key.next() {
                    Some(nc) if lower(nc, src_turkic) == rc => last = rc,
                    _ => continue 'rules,
                }
            }
            if !rule.before.holds(prev) {
                continue;
            }
            if !rule.after.is_any()
                && !rule
                    .after
                    .holds(next_word_char(after_key.as_str(), src_turkic))
            {
                continue;
            }
            matched = Some((rule.to, after_key, last));
            break;
        }
        match matched {
            Some((to, after_key, last)) => {
                let consumed = rest.as_str().len() - after_key.as_str().len();
                let start = text.len() - rest.as_str().len() - c.len_utf8();
                trace(
                    text.get(start..start + c.len_utf8() + consumed)
                        .unwrap_or(""),
                    to,
                );
                push_cased(out, to, is_upper(c), caps, dst_turkic);
                prev = Some(last);
                rest = after_key;
            }
            None => {
                out.push(c);
                prev = Some(lc);
            }
        }
    }
}
