//! Word forms: the Russian cases and the Azerbaijani and Turkish suffixes a run's words may
//! carry, undone into the forms a registry name may have.

use super::*;

/// A run's name words (particles left out) and the forms each may be.
#[derive(Default)]
pub(super) struct Run {
    pub(super) words: Vec<RunWord>,
    pub(super) analyses: Vec<Analysis>,
    pub(super) scratch: Scratch,
    /// Scores already computed: (first word, forms read, name signature) → score. Names keyed
    /// alike (many people share a name) are scored once.
    pub(super) scores:
        std::cell::RefCell<std::collections::HashMap<u64, f64, BuildHasherDefault<IdHash>>>,
    /// The words read one way, keyed once: (first word, forms read) → query.
    pub(super) prepared:
        std::cell::RefCell<std::collections::HashMap<u64, Prepared, BuildHasherDefault<IdHash>>>,
}

pub(super) struct RunWord {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) initial: bool,
    pub(super) all_caps: bool,
    /// How many capitals it starts with.
    pub(super) caps: u16,
    pub(super) sentence_start: bool,
    pub(super) before_particle: bool,
    /// Its forms: `Run::analyses[analyses]`, the word as written first.
    pub(super) analyses: std::ops::Range<usize>,
}

/// One form a word may be.
#[derive(Debug)]
pub(super) struct Analysis {
    /// The form, lower-case (`анар`).
    pub(super) base: String,
    pub(super) key: String,
    pub(super) hash: u64,
    /// The Russian cases it may be in.
    pub(super) cases: u8,
    /// A Turkic suffix was undone.
    pub(super) suffix: bool,
    /// What was undone, for explanations.
    pub(super) ending: Ending,
}

/// What a word form undid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ending {
    /// Nothing: the word as written.
    None,
    /// A Russian case ending: the cases the word may be in.
    Case(u8),
    /// A suffix: the byte length of the stem in the lower-case word.
    Suffix(usize),
}

impl Run {
    pub(super) fn analyses_of(&self, w: usize) -> std::ops::Range<usize> {
        self.words.get(w).map_or(0..0, |w| w.analyses.clone())
    }

    /// The word as written (every run word has that form).
    pub(super) fn bare(&self, w: usize) -> usize {
        self.analyses_of(w).start
    }

    /// Run word `w` in lower case.
    pub(super) fn lowered(&self, w: usize) -> &str {
        self.analyses
            .get(self.bare(w))
            .map_or("", |a| a.base.as_str())
    }

    pub(super) fn push(&mut self, linker: &Linker<'_>, doc: &Doc, w: &Word, lang: Lang) {
        if matches!(w.class, Class::Particle | Class::Stop) {
            return;
        }
        let lowered = doc.lowered.get(w.lower.clone()).unwrap_or("");
        let from = self.analyses.len();
        self.add(from, lowered, ANY_CASE, false, Ending::None);
        let Some(bare) = self.analyses.get(from) else {
            // Nothing to key (marks, apostrophes): no part of a name.
            return;
        };
        let hopeless = !linker.may_start(&bare.key);
        // Slavic romanizations write й as j after a vowel (`Sergej`, `Gusejnov`,
        // `Dmitrij`), where the key reads j as дж: the word read with y as well.
        if !hopeless && lowered.is_ascii() && lowered.contains('j') {
            let mut prev = ' ';
            let as_y: String = lowered
                .chars()
                .map(|c| {
                    let out = if c == 'j' && "aeiouy".contains(prev) {
                        'y'
                    } else {
                        c
                    };
                    prev = c;
                    out
                })
                .collect();
            if as_y != lowered {
                self.add(from, &as_y, ANY_CASE, false, Ending::None);
            }
        }
        if w.class == Class::Initial || hopeless {
            // An initial's full stop is not part of it; a word no registered name starts
            // like needs no other forms.
        } else if lowered
            .chars()
            .next()
            .is_some_and(|c| script_of(c) == Script::Cyrillic)
        {
            for (ending, base, cases) in RU_CASES {
                if let Some(stem) = lowered.strip_suffix(ending) {
                    if stem.chars().count() >= 3 {
                        let form = format!("{stem}{base}");
                        self.add(from, &form, *cases, false, Ending::Case(*cases));
                    }
                }
            }
        } else {
            for (stem, _) in latin_stems(lowered, lang) {
                self.add(from, stem, ANY_CASE, true, Ending::Suffix(stem.len()));
            }
        }
        self.words.push(RunWord {
            start: w.start,
            end: w.end,
            initial: w.class == Class::Initial,
            all_caps: w.all_caps,
            caps: w.caps,
            sentence_start: w.sentence_start,
            before_particle: w.before_particle,
            analyses: from..self.analyses.len(),
        });
    }

    /// Adds a form of the word whose forms start at `analyses[from]`.
    pub(super) fn add(&mut self, from: usize, base: &str, cases: u8, suffix: bool, ending: Ending) {
        let mut key = String::with_capacity(base.len());
        key_into(base, &mut key, &mut self.scratch, &mut |_, _| {});
        if let Some((i, _)) = key.char_indices().nth(MAX_KEY_CHARS) {
            key.truncate(i);
        }
        if key.is_empty() {
            return;
        }
        let hash = loose_hash(&key);
        // Two rules that give one word the same form (the same key): one form, with the
        // cases of both.
        let this_word = self.analyses.get_mut(from..).unwrap_or_default();
        if let Some(same) = this_word
            .iter_mut()
            .find(|a| a.key == key && a.suffix == suffix)
        {
            same.cases |= cases;
            return;
        }
        self.analyses.push(Analysis {
            base: base.to_string(),
            key,
            hash,
            cases,
            suffix,
            ending,
        });
    }
}

/// Case names of a case mask (`gen/acc`).
pub(super) fn case_names(mask: u8) -> String {
    ["nom", "gen", "dat", "acc", "ins", "pre"]
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, c)| *c)
        .collect::<Vec<_>>()
        .join("/")
}

/// The Latin suffixes of `data/key/suffixes.tsv` and `data/link/suffixes.tsv`, longest
/// first.
pub(super) static LATIN_SUFFIXES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut v: Vec<&'static str> = SUFFIXES
        .iter()
        .chain(LINK_SUFFIXES)
        .copied()
        .filter(|s| s.chars().all(|c| script_of(c) == Script::Latin))
        .collect();
    v.sort_by_key(|s| std::cmp::Reverse(s.len()));
    v.dedup();
    v
});

/// The Latin suffixes by their last byte.
pub(super) static SUFFIXES_BY_LAST_BYTE: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    let mut v: Vec<Vec<&'static str>> = vec![Vec::new(); 256];
    for s in LATIN_SUFFIXES.iter() {
        if let Some(list) = s.as_bytes().last().and_then(|&b| v.get_mut(usize::from(b))) {
            list.push(s);
        }
    }
    v
});

/// Whether `tail` is one Latin suffix or two in a row (`dekiler`).
pub(super) fn is_suffix_chain(tail: &str) -> bool {
    LATIN_SUFFIXES.iter().any(|s| {
        tail.strip_suffix(s)
            .is_some_and(|rest| rest.is_empty() || LATIN_SUFFIXES.contains(&rest))
    })
}

/// Whether `suffix` may follow `stem` by vowel harmony (`data/link/harmony.tsv`): its first
/// vowel is one the stem's last vowel allows. True when either has no vowel.
pub(super) fn harmonizes(stem: &str, suffix: &str) -> bool {
    let allowed = |v: char| {
        let mut buf = [0u8; 4];
        let v: &str = v.encode_utf8(&mut buf);
        HARMONY
            .binary_search_by(|(k, _)| (*k).cmp(v))
            .ok()
            .and_then(|i| HARMONY.get(i))
            .map(|(_, a)| *a)
    };
    let Some(last) = stem.chars().rev().find_map(allowed) else {
        return true;
    };
    match suffix.chars().find(|&c| allowed(c).is_some()) {
        Some(v) => last.contains(v),
        None => true,
    }
}

/// A Latin word's stems with the suffixes undone: after an apostrophe (`erdoğan'ın`, in any
/// language), or attached directly, one or two, in agreement with vowel harmony, in
/// Azerbaijani and Turkish (`babayevlə`).
pub(super) fn latin_stems(word: &str, lang: Lang) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    if let Some(at) = word.find(is_apostrophe) {
        let head = word.get(..at).unwrap_or("");
        let tail = word
            .get(at..)
            .and_then(|t| t.char_indices().nth(1).map(|(i, _)| &t[i..]))
            .unwrap_or("");
        if !head.is_empty() && is_suffix_chain(tail) {
            out.push((head, tail));
        }
        return out;
    }
    if lang == Lang::En {
        return out;
    }
    // Stem lengths (in bytes) left by undoing one suffix from `w`.
    let stems = |w: &str| -> Vec<usize> {
        let last = w.as_bytes().last().copied().unwrap_or(0);
        SUFFIXES_BY_LAST_BYTE
            .get(usize::from(last))
            .into_iter()
            .flatten()
            .filter_map(|s| {
                let stem = w.strip_suffix(s)?;
                (stem.chars().count() >= 4 && harmonizes(stem, s)).then_some(stem.len())
            })
            .collect()
    };
    for len in stems(word) {
        let stem = word.get(..len).unwrap_or("");
        out.push((stem, word.get(len..).unwrap_or("")));
        for len2 in stems(stem) {
            out.push((
                word.get(..len2).unwrap_or(""),
                word.get(len2..).unwrap_or(""),
            ));
        }
    }
    out
}
