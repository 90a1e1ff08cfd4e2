//! The word lists a key consults: titles, stop words and particles, legal forms, common
//! names, suffixes, and the names-dataset lists of given names and surnames (`data/key/`,
//! `data/names/`).

use std::sync::LazyLock;

use compact_str::CompactString;

use super::key;
use crate::tables::{COMMON, LEGAL_FORMS, PARTICLES, STOPWORDS, SUFFIXES, TITLES};

/// A small set of words, hashed with FNV-1a (short keys).
pub(super) struct WordSet {
    words: std::collections::HashSet<String, std::hash::BuildHasherDefault<Fnv>>,
}

/// FNV-1a (the `fnv` crate): fast for the short strings hashed here, on every word of every
/// name, and stable across versions and platforms, which the keys saved in index files need
/// (std's and foldhash's hashers promise neither).
pub(crate) type Fnv = fnv::FnvHasher;

impl WordSet {
    fn new(words: impl IntoIterator<Item = String>) -> WordSet {
        WordSet {
            words: words.into_iter().filter(|w| !w.is_empty()).collect(),
        }
    }

    #[inline]
    pub(super) fn contains(&self, w: &str) -> bool {
        self.words.contains(w)
    }
}

/// What a written word is, if it is no name: one hash lookup answers for all three lists.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum WordClass {
    Title,
    Particle,
    Stop,
}

pub(super) type FnvMap<V> =
    std::collections::HashMap<String, V, std::hash::BuildHasherDefault<Fnv>>;

/// Titles, patronymic particles and stop words by their written (lower-case) form, with the
/// set of their byte lengths as a first test.
pub(super) static WORD_CLASSES: LazyLock<(FnvMap<WordClass>, u64)> = LazyLock::new(|| {
    let mut m: FnvMap<WordClass> = FnvMap::default();
    for (list, class) in [
        (STOPWORDS, WordClass::Stop),
        (PARTICLES, WordClass::Particle),
        (TITLES, WordClass::Title),
    ] {
        for w in list {
            m.insert(w.to_string(), class);
        }
    }
    let lens = m.keys().fold(0u64, |acc, w| acc | 1u64 << w.len().min(63));
    (m, lens)
});

/// Whether a written lower-case word is a stop word (`the`, `və`, `и`).
pub(crate) fn is_stop(word: &str) -> bool {
    word_class(word) == Some(WordClass::Stop)
}

/// Whether a written lower-case word is a patronymic particle (`oğlu`, `кызы`).
pub(crate) fn is_particle(word: &str) -> bool {
    word_class(word) == Some(WordClass::Particle)
}

pub(super) fn word_class(word: &str) -> Option<WordClass> {
    let (map, lens) = &*WORD_CLASSES;
    if lens & (1u64 << word.len().min(63)) == 0 {
        return None;
    }
    map.get(word).copied()
}

/// The first and the last word keys of the legal-form phrases, to skip names that have none.
pub(super) static LEGAL_ENDS: LazyLock<(WordSet, WordSet)> = LazyLock::new(|| {
    let first = WordSet::new(LEGAL.iter().filter_map(|(w, _)| w.first().cloned()));
    let last = WordSet::new(LEGAL.iter().filter_map(|(w, _)| w.last().cloned()));
    (first, last)
});

/// Legal-form phrases (`data/key/legal_forms.tsv`) as sequences of word keys, longest first.
pub(super) static LEGAL: LazyLock<Vec<(Vec<String>, &'static str)>> = LazyLock::new(|| {
    let mut v: Vec<(Vec<String>, &'static str)> = LEGAL_FORMS
        .iter()
        .map(|(phrase, code)| {
            (
                phrase
                    .split(' ')
                    .map(key)
                    .filter(|k| !k.is_empty())
                    .collect::<Vec<_>>(),
                *code,
            )
        })
        .filter(|(words, _)| !words.is_empty())
        .collect();
    v.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
    v
});

/// The published list of frequent names (`data/names/names-dataset.tsv`: names-dataset
/// 3.3.1, MIT): per key, a bit for each country whose list holds a name of that key (AZ 1,
/// TR 2, RU 4, US 8). Two different entries of one country's list are two names, however
/// close their spellings.
pub(super) static KNOWN_NAMES: LazyLock<hashbrown::HashMap<CompactString, Known>> =
    LazyLock::new(|| {
        let mut known = hashbrown::HashMap::new();
        for line in NAMES_DATASET.lines().filter(|l| !l.starts_with('#')) {
            let mut f = line.split('\t');
            let (Some(country), Some(name)) = (f.next(), f.nth(2)) else {
                continue;
            };
            let bit = match country {
                "AZ" => 1,
                "TR" => 2,
                "RU" => 4,
                _ => 8,
            };
            let k = key(name);
            let fold: CompactString = variant_fold(&k).collect();
            known
                .entry(CompactString::from(k))
                .or_insert(Known { lists: 0, fold })
                .lists |= bit;
        }
        known
    });

/// A key of the name lists: which lists hold it, and its [`variant_fold`].
pub(super) struct Known {
    lists: u8,
    fold: CompactString,
}

pub(super) const NAMES_DATASET: &str = include_str!("../../data/names/names-dataset.tsv");

/// Whether two keys are both on one country's list of frequent names and differ by more
/// than the variations that spellings of one name show (see [`variant_fold`]): two names,
/// not two spellings of one (`Mehmet`/`Mahmut`, `Hasanov`/`Hüseynov`, `Emin`/`Emine`).
/// The lists hold spelling variants too (`Quliyev`, `Guliyev`; `Aras`, `Araz`), which the
/// fold keeps together.
pub(crate) fn known_apart(a: &str, b: &str) -> bool {
    let known = &*KNOWN_NAMES;
    match (known.get(a), known.get(b)) {
        (Some(x), Some(y)) => {
            x.lists & y.lists != 0 && a != b && !same_but_variants(&x.fold, &y.fold)
        }
        _ => false,
    }
}

/// Whether two folded keys ([`variant_fold`]) are equal, or but for their last vowel
/// (Bakı/Baku), or but for one vowel inside one of them (Aleksandr/Alexander; a vowel added
/// at either end makes another name: Emin/Emine).
pub(super) fn same_but_variants(fa: &str, fb: &str) -> bool {
    let (short, long) = if fa.len() <= fb.len() {
        (fa.as_bytes(), fb.as_bytes())
    } else {
        (fb.as_bytes(), fa.as_bytes())
    };
    match long.len() - short.len() {
        // (Equal, or but for a last vowel: Bakı/Baku.)
        0 => {
            let n = long.len();
            n > 0 && long.get(..n - 1) == short.get(..n - 1) && {
                let last = (long.get(n - 1), short.get(n - 1));
                last.0 == last.1 || matches!(last, (Some(b'a' | b'u'), Some(b'a' | b'u')))
            }
        }
        1 => (1..long.len().saturating_sub(1)).any(|i| {
            matches!(long.get(i), Some(b'a' | b'u'))
                && long.get(..i) == short.get(..i)
                && long.get(i + 1..) == short.get(i..)
        }),
        _ => false,
    }
}

/// A key with the letters that spellings of one name trade folded together, and doubled
/// letters collapsed: the front vowels a/e/i/y (ə: Memmedov/Mamedov; Renat/Rinat), the
/// back vowels o/u (Bolat/Bulat), voicing pairs s/z, d/t, b/p, v/f, g/k/h (q in
/// Azerbaijani, г in Russian for h: Məhərrəmov/Магеррамов), c/k (Carl/Карл), and the
/// letters ASCII spellings lose their marks from: ş/s, ç/c (Çetin/Cetin).
pub(super) fn variant_fold(key: &str) -> impl Iterator<Item = char> + '_ {
    let mut last = None;
    key.chars()
        .map(|c| match c {
            'e' | 'i' | 'y' => 'a',
            'o' => 'u',
            'c' => 'k',
            'z' | 'x' => 's',
            'd' => 't',
            'b' => 'p',
            'f' => 'v',
            'g' | 'h' => 'k',
            'q' => 'k',
            _ => c,
        })
        .filter(move |&c| last.replace(c) != Some(c))
}

/// Keys of the very common name parts (`data/key/common.tsv`).
pub(super) static COMMON_KEYS: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(COMMON.iter().map(|w| key(w))));

/// Keys of the suffixes names take (`data/key/suffixes.tsv`).
pub(super) static SUFFIX_KEYS: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(SUFFIXES.iter().map(|w| key(w))));

/// Whether `long` is `short` with a case or other suffix (`babaevla` = `babaev` + `la`,
/// `alievim` = `aliev` + `im`). The stem must have four letters or more, five before a
/// one-letter suffix.
pub(crate) fn is_inflection(short: &str, long: &str) -> bool {
    let stem = short.chars().count();
    let suffix_ok = |suffix: &str| {
        let len = suffix.chars().count();
        len > 0 && stem >= 4 && (len > 1 || stem >= 5) && SUFFIX_KEYS.contains(suffix)
    };
    if let Some(suffix) = long.strip_prefix(short) {
        return suffix_ok(suffix);
    }
    // A word-final -ia (-iye, -iyə, -ия) keeps its y before a suffix: `Türkiyənin` is
    // `turkiya` + `nin`, `Türkiyenin` `turkie` + `nin`, both of `Türkiye` (`turkia`).
    let Some(head) = short.strip_suffix("ia") else {
        return false;
    };
    long.strip_prefix(head).is_some_and(|rest| {
        ["iya", "ie"]
            .iter()
            .any(|mid| rest.strip_prefix(mid).is_some_and(suffix_ok))
    })
}

/// `key` without its longest known suffix, if it has one and a stem of four letters or more
/// is left (`babaevla` → `babaev`).
pub(crate) fn strip_suffix(key: &str) -> Option<&str> {
    // Shortest stem first: the longest suffix wins. Stems that would leave a suffix longer
    // than any known one are not tried.
    let longest = *LONGEST_SUFFIX;
    let letters = key.chars().count();
    key.char_indices()
        .skip(4.max(letters.saturating_sub(longest)))
        .map(|(i, _)| key.split_at(i).0)
        .find(|stem| is_inflection(stem, key))
}

/// The most letters a suffix key has.
pub(super) static LONGEST_SUFFIX: LazyLock<usize> = LazyLock::new(|| {
    SUFFIXES
        .iter()
        .map(|w| key(w).chars().count())
        .max()
        .unwrap_or(0)
});
