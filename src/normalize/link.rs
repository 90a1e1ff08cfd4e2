//! The text as the linker reads it: cleaned as names are for `resolve`, its case kept, with
//! a map back to the original.

use super::homoglyph::{fold_letters, majority};
use super::token::{Piece, Span, token_script};
use super::{Normalizer, lowercase};
use crate::case::{is_mark, is_stable_letter};
use crate::lang::{Lang, Script, script_of};
use crate::tables::{IGNORABLE, in_ranges};

/// A text as the linker reads it ([`for_linking`]), and the way back to the original.
#[derive(Debug)]
pub(crate) struct LinkText<'t> {
    original: &'t str,
    /// The text as read; `None` when it is the original.
    read: Option<String>,
    /// Pieces of `read` and where they came from (sorted by `norm`).
    pieces: Vec<Piece>,
}

impl<'t> LinkText<'t> {
    /// The text as read.
    pub(crate) fn read(&self) -> &str {
        self.read.as_deref().unwrap_or(self.original)
    }

    /// The span of the original that `start..end` of the read text came from.
    pub(crate) fn original_span(&self, start: usize, end: usize) -> Span {
        match self.read {
            None => Span { start, end },
            Some(_) => crate::normalize::token::original_span(&self.pieces, start, end),
        }
    }

    /// The original text behind `start..end` of the read text.
    pub(crate) fn original(&self, start: usize, end: usize) -> Option<&'t str> {
        self.original.get(self.original_span(start, end).range())
    }
}

/// `text` as the linker reads it, cleaned the way [`Normalizer::normalize`] cleans names for
/// [`crate::index::Index::resolve`], but with its case kept: invisible characters dropped
/// (`Sahil\u{AD}Babayev`), compatibility forms folded (full-width `Ｓａｈｉｌ`, mathematical
/// `𝐒𝐚𝐡𝐢𝐥`), and a word mixing scripts
/// folded into its majority script (`Ѕahil`, `SAНIL`, `Sαhil`). One pass to see whether any
/// of that is needed (news text rarely needs it); the original is read as is when not.
pub(crate) fn for_linking(text: &str, lang: Lang) -> LinkText<'_> {
    if !needs_cleaning(text) {
        return LinkText {
            original: text,
            read: None,
            pieces: Vec::new(),
        };
    }
    let n = Normalizer {
        lang,
        fold_case: false,
        compatibility: true,
        fold_homoglyphs: true,
        repair_mojibake: false,
        punctuation: false,
    };
    let (norm, pieces) = n.clean(text, lang.is_turkic());
    // Words of letters mixing scripts are folded whole; a folded word maps back to the
    // original span of the whole word (the linker's spans are whole words).
    let mut read = String::with_capacity(norm.len());
    let mut out_pieces: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut at = 0;
    let mut word_start = None;
    let mut chars = norm.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let letter = c.is_alphabetic() || is_mark(c);
        if letter && word_start.is_none() {
            word_start = Some(i);
        }
        let word_ends = letter
            && !chars
                .peek()
                .is_some_and(|&(_, n)| n.is_alphabetic() || is_mark(n));
        let Some(start) = word_start.filter(|_| word_ends) else {
            continue;
        };
        word_start = None;
        let end = i + c.len_utf8();
        let word = norm.get(start..end).unwrap_or("");
        let greek = word.chars().any(|c| script_of(c) == Script::Greek);
        if !greek && !token_script(word).1 {
            continue;
        }
        let Some(folded) =
            majority(&lowercase(word, lang)).and_then(|target| fold_letters(word, target))
        else {
            continue;
        };
        copy_pieces(&pieces, at, start, &mut read, &norm, &mut out_pieces);
        out_pieces.push(Piece {
            norm: read.len(),
            orig: crate::normalize::token::original_span(&pieces, start, end),
        });
        read.push_str(&folded);
        at = end;
    }
    copy_pieces(&pieces, at, norm.len(), &mut read, &norm, &mut out_pieces);
    LinkText {
        original: text,
        read: Some(read),
        pieces: out_pieces,
    }
}

/// Copies `norm[from..to]` to `read`, with its pieces moved to where they land.
fn copy_pieces(
    pieces: &[Piece],
    from: usize,
    to: usize,
    read: &mut String,
    norm: &str,
    out: &mut Vec<Piece>,
) {
    let shift = |p: &Piece| Piece {
        norm: p.norm - from + read.len(),
        orig: p.orig,
    };
    let first = pieces.partition_point(|p| p.norm < from);
    out.extend(
        pieces
            .iter()
            .skip(first)
            .take_while(|p| p.norm < to)
            .map(shift),
    );
    read.push_str(norm.get(from..to).unwrap_or(""));
}

/// Whether [`for_linking`] would change `text`: an invisible character, a character that is
/// neither ASCII, a common letter nor punctuation (compatibility forms, marks, letters
/// of other scripts, letterlike symbols), or a word mixing Latin and Cyrillic letters.
fn needs_cleaning(text: &str) -> bool {
    let (mut latin, mut cyrillic) = (false, false);
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphabetic() {
                latin = true;
            } else {
                (latin, cyrillic) = (false, false);
                continue;
            }
        } else if in_ranges(IGNORABLE, c) {
            return true;
        } else if is_stable_letter(c) {
            match script_of(c) {
                Script::Cyrillic => cyrillic = true,
                _ => latin = true,
            }
        } else if c.is_alphanumeric() || is_mark(c) || ('\u{2100}'..='\u{214F}').contains(&c) {
            return true;
        } else {
            (latin, cyrillic) = (false, false);
            continue;
        }
        if latin && cyrillic {
            return true;
        }
    }
    false
}
