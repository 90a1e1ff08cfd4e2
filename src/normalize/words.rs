//! A name split into words, as [`crate::key::name_key`] keys them: the normalizer's tokens,
//! or a fast path for plain Latin and Cyrillic text that splits the same way, with the
//! repairs of names cut up to dodge a screen (`SaHiL`, `S a h i l`, `Ba-ba-yev`).

use compact_str::CompactString;

use super::normalize;
use super::token::TokenKind;
use crate::case::{is_cased_lower, is_stable_letter, is_upper, is_word_char, lower};
use crate::lang::{Lang, Script, script_of};

/// A character the fast path can handle itself: ASCII, or a Latin or Cyrillic letter that
/// needs no Unicode normalization.
#[inline]
fn is_simple_char(c: char) -> bool {
    c.is_ascii() || is_stable_letter(c) || matches!(c, '’' | 'ʼ')
}

/// A word of a name: lower-cased text, whether a full stop follows, a hyphen precedes, and
/// the normalizer's token kind where the slow path ran.
pub(crate) struct Word {
    pub(crate) text: CompactString,
    pub(crate) dot: bool,
    pub(crate) hyphen_before: bool,
    pub(crate) kind: Option<TokenKind>,
    /// What separates it from the word before.
    sep: Sep,
}

/// What separates a word from the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sep {
    /// It is the first.
    Start,
    /// Nothing: a capital after a small letter began it (SergeiLavrov).
    Case,
    /// One hyphen or full stop, no space (Baku-Tbilisi, S.Babayev).
    Glue,
    /// One space.
    Space,
    /// Anything else.
    Other,
}

/// Splits a name into words. The fast path handles Latin/Cyrillic text without combining
/// marks, invisible characters or words that mix the two scripts; anything else goes through
/// the normalizer first.
pub(crate) fn words(name: &str) -> Vec<Word> {
    let mut out = Vec::new();
    words_into(name, &mut String::new(), &mut out);
    out
}

/// [`words`] into `out`, with `cur` as the buffer for a word.
pub(crate) fn words_into(name: &str, cur: &mut String, out: &mut Vec<Word>) {
    out.clear();
    if words_fast(name, cur, out).is_none() {
        out.clear();
        let mut prev_end = None;
        out.extend(normalize(name, Lang::Auto).tokens.into_iter().map(|t| {
            let sep = match prev_end.replace(t.span.end) {
                None => Sep::Start,
                Some(end) => match name.get(end..t.span.start) {
                    Some("") => Sep::Case,
                    Some("-" | ".") => Sep::Glue,
                    Some(" ") => Sep::Space,
                    _ => Sep::Other,
                },
            };
            Word {
                dot: name.get(t.span.end..).is_some_and(|r| r.starts_with('.')),
                hyphen_before: t.joined,
                kind: Some(t.kind),
                text: t.text.into(),
                sep,
            }
        }));
    }
    mend(out);
}

/// Puts back together the words of a name that was cut up to dodge a screen, and that no
/// writer would cut so: case changes inside a word (`SaHiL`, but not `SergeiLavrov`), one
/// letter a word (`S a h i l`), fragments glued by hyphens or full stops (`Ba-ba-yev`,
/// `Bab.aye.v`, but not `Baku-Tbilisi` or `S.Babayev`).
fn mend(words: &mut Vec<Word>) {
    if words.len() < 2 {
        return;
    }
    let len = |w: &Word| w.text.chars().count();
    // SaHiL, BaBaYeV: pieces too short to be words. (SergeiLavrov, SiemensAG stay apart.)
    if words.iter().any(|w| w.sep == Sep::Case) {
        merge_runs(words, Sep::Case, &|g| {
            let (last, rest) = g.split_last().map_or((0, &g[..0]), |(l, r)| (len(l), r));
            !(rest.iter().all(|w| len(w) >= 3) && last >= 2)
        });
    }
    // S a h i l: three or more single letters in a row, no full stops. (One pass: each word
    // is moved once, so a text of many one-letter words costs linear time.)
    let single = |w: &Word| len(w) == 1 && !w.dot;
    // (Most names have no such run: nothing to rebuild then.)
    let mut longest = 0;
    let mut current = 0;
    for w in words.iter() {
        current = match (single(w), current) {
            (true, 0) => 1,
            (true, n) if w.sep == Sep::Space => n + 1,
            (true, _) => 1,
            (false, _) => 0,
        };
        longest = longest.max(current);
    }
    if longest < 3 {
        merge_glued(words);
        return;
    }
    let flush = |run: &mut Vec<Word>, out: &mut Vec<Word>| {
        if run.len() >= 3 {
            let mut it = run.drain(..);
            if let Some(mut first) = it.next() {
                for w in it {
                    first.text.push_str(&w.text);
                }
                first.kind = None;
                out.push(first);
            }
        } else {
            out.append(run);
        }
    };
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    let mut run: Vec<Word> = Vec::new();
    for w in words.drain(..) {
        if single(&w) {
            if !run.is_empty() && w.sep != Sep::Space {
                flush(&mut run, &mut out);
            }
            run.push(w);
        } else {
            flush(&mut run, &mut out);
            out.push(w);
        }
    }
    flush(&mut run, &mut out);
    *words = out;
    merge_glued(words);
}

/// Groups of words joined by `sep`, each merged into one word when `merge` says so.
fn merge_runs(words: &mut Vec<Word>, sep: Sep, merge: &dyn Fn(&[Word]) -> bool) {
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    let mut group: Vec<Word> = Vec::new();
    let flush = |group: &mut Vec<Word>, out: &mut Vec<Word>| {
        if group.len() > 1 && merge(group) {
            let mut it = group.drain(..);
            if let Some(mut first) = it.next() {
                for w in it {
                    first.text.push_str(&w.text);
                    first.dot = w.dot;
                }
                first.kind = None;
                out.push(first);
            }
        } else {
            out.append(group);
        }
    };
    for w in words.drain(..) {
        if w.sep != sep {
            flush(&mut group, &mut out);
        }
        group.push(w);
    }
    flush(&mut group, &mut out);
    *words = out;
}

/// The last step of [`mend`]: Ba-ba-yev, Bab.aye.v, Ku-zn-et-so-v: a glued group ending in a
/// fragment of one or two letters after a longer start, or of three or more fragments of at
/// most three letters.
fn merge_glued(words: &mut Vec<Word>) {
    if !words.iter().any(|w| w.sep == Sep::Glue) {
        return;
    }
    let len = |w: &Word| w.text.chars().count();
    merge_runs(words, Sep::Glue, &|g| {
        glued_fragments_are_one_word(&g.iter().map(len).collect::<Vec<_>>())
    });
}

/// Whether fragments glued by hyphens or full stops, of these lengths in letters, are one
/// word cut up (`Ba-ba-yev`, `Ku-zn-et-so-v`), not words joined (`Baku-Tbilisi`,
/// `Ростов-на-Дону`): one or two letters last after a longer start, or three or more
/// fragments of at most three letters. Shared with the linker's reading of a text.
pub(crate) fn glued_fragments_are_one_word(lens: &[usize]) -> bool {
    let first = lens.first().copied().unwrap_or(0);
    let last = lens.last().copied().unwrap_or(0);
    lens.len() >= 2 && first > 1 && (last <= 2 || (lens.len() >= 3 && lens.iter().all(|&l| l <= 3)))
}

/// The word built so far, as a string of exactly its size (kept in keyed names); the buffer
/// is reused for the next word.
fn take_exact(cur: &mut String) -> CompactString {
    let word = CompactString::from(cur.as_str());
    cur.clear();
    word
}

/// Ends the word in `cur` (if any) and appends it to `out`.
fn push_word(out: &mut Vec<Word>, cur: &mut String, dot: bool, hyphen_before: bool, sep: Sep) {
    if !cur.is_empty() {
        out.push(Word {
            text: take_exact(cur),
            dot,
            hyphen_before,
            kind: None,
            sep,
        });
    }
}

fn words_fast(name: &str, cur: &mut String, out: &mut Vec<Word>) -> Option<()> {
    cur.clear();
    let mut hyphen_before = false;
    let mut last_sep = None;
    // Separator characters since the last letter, and how the word being read was separated.
    let mut seps = 0u32;
    let mut word_sep = Sep::Start;
    let mut word_script = Script::Common;
    let mut prev_lower = false;
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        // A letter or digit: its script, whether it is a capital or a small letter, its lower
        // case. Plain Latin and Russian letters, the usual case, skip the general tests.
        let letter = match c as u32 {
            0x61..=0x7A => Some((Script::Latin, false, true, c)),
            0x41..=0x5A => Some((Script::Latin, true, false, c.to_ascii_lowercase())),
            0x0430..=0x044F => Some((Script::Cyrillic, false, true, c)),
            0x0410..=0x042F => Some((
                Script::Cyrillic,
                true,
                false,
                char::from_u32(c as u32 + 0x20).unwrap_or(c),
            )),
            _ if !is_simple_char(c) => return None,
            _ if is_word_char(c) => Some((
                script_of(c),
                is_upper(c),
                // (is_cased_lower, without its upper-case mapping for other letters.)
                match c as u32 {
                    0..=0x7F | 0x0400..=0x045F => is_cased_lower(c),
                    _ => c.is_lowercase(),
                },
                lower(c, false),
            )),
            _ => None,
        };
        if let Some((s, upper, small, lc)) = letter {
            if s != Script::Common {
                if word_script != Script::Common && word_script != s {
                    return None; // a mixed-script word: its homoglyphs are folded first
                }
                word_script = s;
            }
            // A capital after a small letter starts a new word: SergeiLavrov, SiemensAG.
            if prev_lower && upper && !cur.is_empty() {
                push_word(out, cur, false, hyphen_before, word_sep);
                hyphen_before = false;
            }
            prev_lower = small;
            if cur.is_empty() {
                hyphen_before = last_sep == Some('-') && !out.is_empty();
                word_sep = match (out.is_empty(), seps, last_sep) {
                    (true, _, _) => Sep::Start,
                    (false, 0, _) => Sep::Case,
                    (false, 1, Some('-' | '.')) => Sep::Glue,
                    (false, 1, Some(' ')) => Sep::Space,
                    _ => Sep::Other,
                };
            }
            seps = 0;
            cur.push(lc);
            continue;
        }
        let inside = matches!(c, '\'' | '’' | 'ʼ' | 'ʻ')
            && !cur.is_empty()
            && chars.peek().is_some_and(|&n| is_word_char(n));
        if inside {
            cur.push('\'');
            continue;
        }
        word_script = Script::Common;
        prev_lower = false;
        last_sep = Some(c);
        seps += 1;
        push_word(out, cur, c == '.', hyphen_before, word_sep);
    }
    push_word(out, cur, false, hyphen_before, word_sep);
    Some(())
}
