//! Tokens of normalized text, with byte spans into the **original** text.
//!
//! Words are found with Unicode word boundaries (UAX #29, `unicode-segmentation`), then
//! adjusted for names: `S.Babayev` is split into the initial `s` and the word `babayev`
//! (UAX #29 keeps letters around a full stop together); a one-letter token is an
//! [`TokenKind::Initial`] when a full stop follows it or it was written in capitals;
//! hyphenated parts (`Baku-Tbilisi-Ceyhan`) are separate tokens marked [`Token::joined`];
//! known titles (`Minister`, `Bakan`, `министр`, `г-н`) are [`TokenKind::Title`].

use unicode_segmentation::UnicodeSegmentation;

use crate::case::is_mark;
use crate::lang::{Script, script_of};
use crate::tables::TITLES;

/// A byte range `start..end` into the text the caller passed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The range, for slicing: `&text[span.range()]`.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenKind {
    /// A word (a name part, or any other word).
    Word,
    /// A single letter standing for a name (`S.` in `S.Babayev`).
    Initial,
    /// A title or honorific (`Minister`, `Bakan`, `nazir`, `министр`).
    Title,
    /// Digits.
    Number,
}

/// One token of a [`crate::normalize::Normalized`] text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Token {
    /// The normalized token text.
    pub text: String,
    /// Where the token stands in the original text (bytes).
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
    /// The script of its letters ([`Script::Common`] for digits).
    pub script: Script,
    /// It still mixes scripts after homoglyph folding (a letter with no look-alike).
    pub mixed_script: bool,
    /// It is joined to the previous token by a hyphen (`Tbilisi` in `Baku-Tbilisi`).
    pub joined: bool,
}

/// A piece of normalized text and where it came from: `norm` bytes of the normalized text
/// start at `orig.start` of the original.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Piece {
    pub norm: usize,
    pub orig: Span,
}

/// Maps a normalized byte range to the original text.
pub(crate) fn original_span(pieces: &[Piece], start: usize, end: usize) -> Span {
    let at = |pos: usize| match pieces.binary_search_by(|p| p.norm.cmp(&pos)) {
        Ok(i) => i,
        Err(i) => i.saturating_sub(1),
    };
    let first = pieces.get(at(start));
    let last = pieces.get(at(end.saturating_sub(1).max(start)));
    match (first, last) {
        (Some(a), Some(b)) => Span {
            start: a.orig.start,
            end: b.orig.end.max(a.orig.start),
        },
        _ => Span { start: 0, end: 0 },
    }
}

fn is_title(word: &str) -> bool {
    TITLES.binary_search(&word).is_ok()
}

/// Splits normalized text into tokens (before homoglyph folding), each with its byte range in
/// the normalized text.
pub(crate) fn tokenize(
    norm: &str,
    pieces: &[Piece],
    original: &str,
) -> Vec<(std::ops::Range<usize>, Token)> {
    let mut tokens: Vec<(std::ops::Range<usize>, Token)> = Vec::new();
    // (end of the last word token, whether a hyphen directly follows it)
    let mut last_end: Option<usize> = None;
    let mut hyphen_at: Option<usize> = None;
    for (start, seg) in norm.split_word_bound_indices() {
        if !seg.chars().any(char::is_alphanumeric) {
            if seg == "-" && last_end == Some(start) {
                hyphen_at = Some(start + 1);
            } else {
                hyphen_at = None;
            }
            if seg != "." {
                last_end = None;
            }
            continue;
        }
        let joined = hyphen_at == Some(start);
        hyphen_at = None;
        // Split at full stops inside the segment: `s.babayev` -> `s` `.` `babayev`.
        let mut part_start = start;
        let end = start + seg.len();
        let mut first = true;
        for part in seg.split('.') {
            let ps = part_start;
            let pe = ps + part.len();
            part_start = pe + 1;
            if !part.chars().any(char::is_alphanumeric) {
                continue;
            }
            let dot_follows = norm.get(pe..).is_some_and(|r| r.starts_with('.'));
            let span = original_span(pieces, ps, pe);
            let kind = classify(part, dot_follows, original.get(span.range()).unwrap_or(""));
            tokens.push((
                ps..pe,
                Token {
                    text: part.to_string(),
                    span,
                    kind,
                    script: token_script(part).0,
                    mixed_script: false,
                    joined: joined && first,
                },
            ));
            first = false;
        }
        last_end = Some(end);
    }
    // Hyphenated titles: г-н, г-жа.
    for i in 1..tokens.len() {
        if let [(_, a), (_, b)] = &mut tokens[i - 1..=i] {
            if b.joined && is_title(&format!("{}-{}", a.text, b.text)) {
                a.kind = TokenKind::Title;
                b.kind = TokenKind::Title;
            }
        }
    }
    tokens
}

fn classify(word: &str, dot_follows: bool, original: &str) -> TokenKind {
    if word.chars().all(|c| c.is_numeric()) {
        return TokenKind::Number;
    }
    if is_title(word) {
        return TokenKind::Title;
    }
    let letters = word.chars().filter(|&c| !is_mark(c)).count();
    if letters == 1 && (dot_follows || original.chars().next().is_some_and(char::is_uppercase)) {
        return TokenKind::Initial;
    }
    TokenKind::Word
}

/// The majority script of a token's letters and whether it mixes scripts.
pub(crate) fn token_script(word: &str) -> (Script, bool) {
    let mut first: Option<Script> = None;
    let mut mixed = false;
    let mut counts: [(Script, usize); 2] = [(Script::Latin, 0), (Script::Cyrillic, 0)];
    for c in word.chars() {
        let s = script_of(c);
        if s == Script::Common {
            continue;
        }
        match first {
            None => first = Some(s),
            Some(f) if f != s => mixed = true,
            _ => {}
        }
        for e in counts.iter_mut() {
            if e.0 == s {
                e.1 += 1;
            }
        }
    }
    let script = if mixed {
        if counts[1].1 > counts[0].1 {
            Script::Cyrillic
        } else {
            Script::Latin
        }
    } else {
        first.unwrap_or(Script::Common)
    };
    (script, mixed)
}
