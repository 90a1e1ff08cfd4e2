//! Reading the text: words, what separates them, and runs of name words.

use super::*;

/// A word of the text.
#[derive(Clone, Debug)]
pub(super) struct Word {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) class: Class,
    /// Only spaces or one hyphen between this word and the previous one.
    pub(super) joined: bool,
    pub(super) sentence_start: bool,
    pub(super) all_caps: bool,
    /// How many capitals it starts with (`DOST'un`: 4).
    pub(super) caps: u16,
    /// A patronymic particle follows (Rasim in Anar Rasim oğlu Əliyev).
    pub(super) before_particle: bool,
    /// The word in lower case (name words only): `Doc::lowered[lower]`.
    pub(super) lower: std::ops::Range<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    /// Lower case, digits, or a title or stop word: never part of a name.
    Other,
    /// A patronymic particle (`oğlu`, `кызы`): may sit inside a name.
    Particle,
    /// A stop word (`və`, `and`, `и`): may sit inside a name (Trinidad and Tobago).
    Stop,
    /// A single capital letter and a full stop.
    Initial,
    /// A capitalised word.
    Name,
}

#[derive(Debug)]
pub(super) struct Doc<'t> {
    pub(super) text: &'t str,
    pub(super) words: Vec<Word>,
    /// The name words in lower case, one after another.
    pub(super) lowered: String,
    /// Some word has a letter only Azerbaijani or Turkish use (ə ğ ı İ ş).
    pub(super) turkic_letters: bool,
}

/// Maps and sets keyed by hashes that are FNV already: the key is its own hash
/// (`nohash-hasher`).
pub(super) type IdHash = nohash_hasher::NoHashHasher<u64>;

/// The apostrophes that set a suffix off (`Erdoğan'ın`, `Erdoğan’ın`, `Erdoğanʻın` with the
/// U+02BB of Uzbek and some Azerbaijani typing, `Azerbaijan's`): the normalizer's
/// (`data/normalize/punctuation.tsv`), so that resolve and link read the same ones.
pub(super) fn is_apostrophe(c: char) -> bool {
    c == '\'' || crate::normalize::punctuation(c) == Some("'")
}

pub(super) fn in_word(c: char) -> bool {
    is_word_char(c) || is_mark(c) || is_ignorable(c)
}

/// An invisible character (`data/normalize/ignorable.tsv`: soft hyphen, zero-width space and
/// joiners, bidi controls): a word goes on through it. None is below U+00AD.
pub(super) fn is_ignorable(c: char) -> bool {
    c >= '\u{AD}' && in_ranges(IGNORABLE, c)
}

/// Where a word that starts at `start` and has a hyphen at `at` ends when its hyphen-glued
/// fragments are one word cut up (`Ba-ba-ye-v`); `None` when they are words joined.
fn glued_end(text: &str, start: usize, at: usize) -> Option<usize> {
    let letters = |s: &str| s.chars().filter(|&c| in_word(c)).count();
    let mut lens = vec![letters(text.get(start..at)?)];
    let mut end = at;
    let mut rest = text.get(at..)?;
    while let Some(after) = rest.strip_prefix('-') {
        let len = after.find(|c: char| !in_word(c)).unwrap_or(after.len());
        if len == 0 {
            break;
        }
        lens.push(letters(after.get(..len)?));
        end += 1 + len;
        rest = after.get(len..)?;
    }
    crate::normalize::glued_fragments_are_one_word(&lens).then_some(end)
}

/// Words, and what separates them.
pub(super) fn scan(text: &str, turkic: bool) -> Doc<'_> {
    let mut words: Vec<Word> = Vec::new();
    // What lies between the previous word and the next.
    let mut joined = false;
    let mut sentence_start = true;
    let mut hyphens = 0;
    let mut chars = text.char_indices().peekable();
    let mut lowered = String::new();
    let mut lowered_all = String::new();
    let mut turkic_letters = false;
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) || is_mark(c) {
            match c {
                // (An underscore joins words as a space does: `Sahil_Babayev`.)
                ' ' | '\t' | '\r' | '\u{A0}' | '\u{202F}' | '\u{2009}' | '_' => {}
                // A line is a paragraph or a headline: names do not run across lines.
                '\n' => {
                    sentence_start = true;
                    joined = false;
                }
                '-' | '\u{2010}' | '\u{2011}' => {
                    hyphens += 1;
                    // A hyphen joins words only when nothing else sits around it.
                    let tight = words.last().is_some_and(|w| w.end == start)
                        && chars.peek().is_some_and(|&(_, n)| is_word_char(n));
                    joined &= tight && hyphens == 1;
                }
                '.' if words
                    .last()
                    .is_some_and(|w| w.class == Class::Initial && w.end == start) => {}
                // A full stop between two capitalised words with no space is no sentence's
                // end (`Sahil.Babayev`, as a user name or a typo writes it).
                '.' if words
                    .last()
                    .is_some_and(|w| w.class == Class::Name && w.end == start)
                    && chars.peek().is_some_and(|&(_, n)| is_upper(n)) => {}
                '.' | '!' | '?' | '…' => {
                    sentence_start = true;
                    joined = false;
                }
                _ if is_mark(c) || is_ignorable(c) => {}
                _ => joined = false,
            }
            continue;
        }
        // A word: letters, digits and marks; ignorable characters and apostrophes between
        // letters stay inside.
        let turkic_letter =
            |d: char| d > 'ç' && matches!(d, 'ə' | 'Ə' | 'ğ' | 'Ğ' | 'ı' | 'İ' | 'ş' | 'Ş');
        turkic_letters |= turkic_letter(c);
        let mut end = start + c.len_utf8();
        while let Some(&(at, d)) = chars.peek() {
            if in_word(d) {
                turkic_letters |= turkic_letter(d);
                end = at + d.len_utf8();
                chars.next();
            } else if is_apostrophe(d) {
                let mut look = chars.clone();
                look.next();
                if look.peek().is_some_and(|&(_, e)| is_word_char(e)) {
                    end = at + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            } else if d == '-' {
                // A word cut up by hyphens to dodge a screen (`Ba-ba-ye-v`) is one word, as
                // the key reads it (`normalize::glued_fragments_are_one_word`).
                match glued_end(text, start, at) {
                    Some(to) => {
                        while chars.peek().is_some_and(|&(i, _)| i < to) {
                            chars.next();
                        }
                        end = to;
                    }
                    None => break,
                }
            } else {
                break;
            }
        }
        let w = text.get(start..end).unwrap_or("");
        let capital = w.chars().next().is_some_and(is_upper);
        let after_name = joined
            && words
                .last()
                .is_some_and(|p| matches!(p.class, Class::Name | Class::Initial));
        let (mut letters, mut upper, mut caps, mut lower_seen) = (0, 0, 0u16, false);
        let class = if !capital {
            // A lower-case word matters only as a particle or stop word inside a run (Anar
            // Rasim oğlu Əliyev, Trinidad and Tobago).
            if !after_name {
                Class::Other
            } else if is_particle(w) {
                Class::Particle
            } else if is_stop(w) {
                Class::Stop
            } else {
                Class::Other
            }
        } else {
            lowered.clear();
            for ch in w.chars() {
                if is_word_char(ch) && !ch.is_ascii_digit() && !is_mark(ch) {
                    letters += 1;
                    upper += usize::from(is_upper(ch));
                    lower_seen |= !is_upper(ch);
                    caps += u16::from(!lower_seen);
                }
                if !is_ignorable(ch) && ch != '-' {
                    lowered.push(lower(ch, turkic));
                }
            }
            let dot_follows = text.get(end..).is_some_and(|r| r.starts_with('.'));
            if is_particle(&lowered) {
                Class::Particle
            } else if is_stop(&lowered) {
                Class::Stop
            } else if letters == 1 && dot_follows {
                Class::Initial
            } else if is_title(&lowered) {
                Class::Other
            } else {
                Class::Name
            }
        };
        if class == Class::Particle {
            if let Some(prev) = words.last_mut() {
                prev.before_particle = prev.class == Class::Name && joined;
            }
        }
        let lower = if matches!(class, Class::Name | Class::Initial) {
            let at = lowered_all.len();
            lowered_all.push_str(&lowered);
            at..lowered_all.len()
        } else {
            0..0
        };
        words.push(Word {
            start,
            end,
            class,
            joined,
            sentence_start,
            all_caps: letters >= 2 && upper == letters,
            caps,
            before_particle: false,
            lower,
        });
        joined = true;
        sentence_start = false;
        hyphens = 0;
    }
    Doc {
        text,
        words,
        lowered: lowered_all,
        turkic_letters,
    }
}

impl Doc<'_> {
    /// Whether `word` (lower case) is written, as a whole word and in lower case, somewhere
    /// in the text. (Asked for a few words of a text: a search each.)
    pub(super) fn written_in_lower_case(&self, word: &str) -> bool {
        if word.is_empty() {
            return false;
        }
        self.text.match_indices(word).any(|(at, _)| {
            let before = self.text.get(..at).and_then(|t| t.chars().next_back());
            let after = self
                .text
                .get(at + word.len()..)
                .and_then(|t| t.chars().next());
            !before.is_some_and(in_word) && !after.is_some_and(in_word)
        })
    }
}

/// The end of the run of name words starting at `start` (`start` itself when that word is
/// none): capitalised words and initials, joined, with particles inside.
pub(super) fn run_end(words: &[Word], start: usize) -> usize {
    let mut end = start;
    while let Some(w) = words.get(end) {
        let ok = match w.class {
            Class::Name | Class::Initial => end == start || w.joined,
            // A particle or stop word inside a run, followed by a name word.
            Class::Particle | Class::Stop => {
                end > start
                    && w.joined
                    && words
                        .get(end + 1)
                        .is_some_and(|n| n.joined && n.class == Class::Name)
            }
            Class::Other => false,
        };
        if !ok {
            break;
        }
        end += 1;
    }
    end
}
