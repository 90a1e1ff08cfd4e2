//! Comparison keys: one string per name part under which the spellings writers produce meet.
//!
//! A key is computed directly from Latin or Cyrillic text by the rule table
//! `data/key/key.tsv` (the same engine as [`crate::translit`]), then doubled letters are
//! collapsed. The table is the documentation; in short:
//!
//! | key | spellings |
//! |---|---|
//! | `h` | h x kh х һ |
//! | `x` | ş sh ш |
//! | `q` | ç ch tch ч |
//! | `c` | c (az, tr) j (en) dzh dj дж ҹ |
//! | `j` | zh ж |
//! | `g` | g q (az) ğ gh г ғ ҝ |
//! | `v` | v w в |
//! | `e` | e ye е э (so `Babayev`, `Бабаев`, `Babaev` all key `babaev`) |
//! | `ya`, `yu`, `yo` | я, ю (iu), ё |
//! | `i` | i ı ы, `y` between consonants, final -ий -ый -iy -yy -ii |
//! | `a` | a ə â |
//! | `o`, `u` | o ö ө, u ü ү |
//!
//! Soft and hard signs and apostrophes vanish; other Latin letters with diacritics fall back to
//! their base letter (`ĭ → i`, `é → e`). Letters of other scripts are kept as they are.
//! Remaining differences (`a`/`e` for ə, `g`/`h` for Russian г in Гасанов, `s`/`x` for a
//! dropped cedilla) are cheap edits in [`crate::similarity`], from `data/key/confusion.tsv`.
//!
//! A name also gets a **skeleton** (its key without vowels and `y`), a coarser key that
//! survives the vowel disagreements (`Məmmədov`/`Мамедов`) and is meant for blocking.
//!
//! Cost: O(n) per name; a few hundred nanoseconds for a two- or three-part name.
//!
//! # Examples
//!
//! ```
//! use namelink::key::{key, name_key, PartKind};
//!
//! for spelling in ["Babayev", "Бабаев", "Babaev"] {
//!     assert_eq!(key(spelling), "babaev");
//! }
//! for spelling in ["Sahil", "Сахил", "Sakhil"] {
//!     assert_eq!(key(spelling), "sahil");
//! }
//! assert_eq!(key("Ceyhun"), key("Джейхун"));
//! assert_eq!(key("Xəlilov"), key("Khalilov"));
//!
//! let n = name_key("Anar Rasim oğlu Əliyev");
//! let kinds: Vec<_> = n.parts.iter().map(|p| (p.key.as_str(), p.kind)).collect();
//! assert_eq!(kinds, [("anar", PartKind::Name), ("rasim", PartKind::Patronymic), ("aliev", PartKind::Name)]);
//! assert_eq!(name_key("S.Babayev").parts[0].kind, PartKind::Initial);
//! ```

use std::sync::LazyLock;

use compact_str::CompactString;

use unicode_normalization::char::decompose_canonical;

use crate::case::{is_cased_lower, is_mark, is_stable_letter, is_upper, is_word_char, lower};
use crate::lang::{Lang, Script, script_of};
use crate::normalize::normalize;
use crate::tables::{COMMON, KEY_TABLES, LEGAL_FORMS, PARTICLES, STOPWORDS, SUFFIXES, TITLES};
use crate::token::TokenKind;
use crate::translit::{Compiled, apply_traced};

static KEY: LazyLock<Option<Compiled>> = LazyLock::new(|| KEY_TABLES.first().map(Compiled::new));

/// A small set of words, hashed with FNV-1a (short keys).
struct WordSet {
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
    fn contains(&self, w: &str) -> bool {
        self.words.contains(w)
    }
}

/// What a written word is, if it is no name: one hash lookup answers for all three lists.
#[derive(Clone, Copy, PartialEq, Eq)]
enum WordClass {
    Title,
    Particle,
    Stop,
}

type FnvMap<V> = std::collections::HashMap<String, V, std::hash::BuildHasherDefault<Fnv>>;

/// Titles, patronymic particles and stop words by their written (lower-case) form, with the
/// set of their byte lengths as a first test.
static WORD_CLASSES: LazyLock<(FnvMap<WordClass>, u64)> = LazyLock::new(|| {
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

fn word_class(word: &str) -> Option<WordClass> {
    let (map, lens) = &*WORD_CLASSES;
    if lens & (1u64 << word.len().min(63)) == 0 {
        return None;
    }
    map.get(word).copied()
}

/// The first and the last word keys of the legal-form phrases, to skip names that have none.
static LEGAL_ENDS: LazyLock<(WordSet, WordSet)> = LazyLock::new(|| {
    let first = WordSet::new(LEGAL.iter().filter_map(|(w, _)| w.first().cloned()));
    let last = WordSet::new(LEGAL.iter().filter_map(|(w, _)| w.last().cloned()));
    (first, last)
});

/// Legal-form phrases (`data/key/legal_forms.tsv`) as sequences of word keys, longest first.
static LEGAL: LazyLock<Vec<(Vec<String>, &'static str)>> = LazyLock::new(|| {
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
static KNOWN_NAMES: LazyLock<hashbrown::HashMap<CompactString, Known>> = LazyLock::new(|| {
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
struct Known {
    lists: u8,
    fold: CompactString,
}

const NAMES_DATASET: &str = include_str!("../data/names/names-dataset.tsv");

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
fn same_but_variants(fa: &str, fb: &str) -> bool {
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
fn variant_fold(key: &str) -> impl Iterator<Item = char> + '_ {
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
static COMMON_KEYS: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(COMMON.iter().map(|w| key(w))));

/// Keys of the suffixes names take (`data/key/suffixes.tsv`).
static SUFFIX_KEYS: LazyLock<WordSet> =
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
static LONGEST_SUFFIX: LazyLock<usize> = LazyLock::new(|| {
    SUFFIXES
        .iter()
        .map(|w| key(w).chars().count())
        .max()
        .unwrap_or(0)
});

/// What a part of a name is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PartKind {
    /// A given name or surname (or any word of an organisation or place name).
    Name,
    /// A single letter standing for a name (`S.` in `S.Babayev`).
    Initial,
    /// A patronymic: before `oğlu`/`qızı`/`оглы`/`кызы`, or a Russian `-ович/-овна/-ична` in a
    /// name of three or more parts.
    Patronymic,
    /// Digits.
    Number,
    /// A legal form of an organisation (`AG`, `Aktiengesellschaft`, `ООО`), as its code in
    /// `data/key/legal_forms.tsv` (`ag`, `llc`).
    LegalForm,
}

/// One part of a [`NameKey`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Part {
    /// The part as written, lower-cased. (A `CompactString`: name parts are short, and up to
    /// 24 bytes are kept inline, so keying a name allocates only its list of parts.)
    pub text: CompactString,
    /// Its comparison key.
    pub key: CompactString,
    /// What it is.
    pub kind: PartKind,
    /// It is one of the very common name parts (`data/key/common.tsv`).
    pub common: bool,
    /// Its keys when read by the spelling conventions of other languages ([`Reading`]),
    /// those that apply and key differently from `key`: `Bradshaw` read as English is
    /// Брэдшо, `Khrouchtchev` read as French press romanization Хрущёв. Filled by
    /// [`Matcher::prepare`](crate::matcher::Matcher::prepare) for parts written in Latin
    /// letters; empty from [`name_key`].
    pub readings: Vec<(Reading, CompactString)>,
}

/// A spelling convention by which a part written in Latin letters may be read besides its
/// key (each a table in `data/translit/`, applied to parts that have its marks).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reading {
    /// An English name the way Russian writers transcribe it: `Bradshaw` = Брэдшо
    /// (`data/translit/en-to-ru.practical.tsv`).
    English,
    /// A Russian name as the French, German, Dutch or Swedish press romanizes it:
    /// `Khrouchtchev`, `Chruschtschow`, `Chroesjtsjov` = Хрущёв
    /// (`data/translit/ru-Latn-to-ru.foreign-press.tsv`).
    Foreign,
    /// Spanish letter values, both ways: `Jodorkovski` = Ходорковский, `Juárez` = Хуарес
    /// (`data/translit/ru-Latn-to-ru.spanish-press.tsv`).
    Spanish,
}

impl Reading {
    /// Every reading, in the order the matcher tries them.
    pub const ALL: [Reading; 3] = [Reading::English, Reading::Foreign, Reading::Spanish];

    /// How an explanation names it (`"read as English"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Reading::English => "English",
            Reading::Foreign => "a French, German, Dutch or Swedish romanization",
            Reading::Spanish => "Spanish",
        }
    }
}

/// A borrowed view of a [`Part`]: what the matcher compares (the index keeps its parts in
/// one arena and hands out these views).
#[derive(Clone, Copy, Debug)]
pub(crate) struct PartRef<'a> {
    pub text: &'a str,
    pub key: &'a str,
    pub kind: PartKind,
    pub common: bool,
    pub readings: &'a [(Reading, CompactString)],
    /// Written in Latin letters (known for prepared names only; `false` for the index's
    /// parts, whose text is their key).
    pub latin: bool,
}

impl PartRef<'_> {
    pub(crate) const EMPTY: PartRef<'static> = PartRef {
        text: "",
        key: "",
        kind: PartKind::Name,
        common: false,
        readings: &[],
        latin: false,
    };
}

impl Part {
    /// Its keys under its [readings](Part::readings).
    pub fn reading_keys(&self) -> impl Iterator<Item = &str> {
        self.readings.iter().map(|(_, k)| k.as_str())
    }

    /// The borrowed view of this part.
    pub(crate) fn view(&self) -> PartRef<'_> {
        PartRef {
            text: &self.text,
            key: &self.key,
            kind: self.kind,
            common: self.common,
            readings: &self.readings,
            latin: !self.readings.is_empty()
                || self
                    .text
                    .chars()
                    .next()
                    .is_some_and(|c| script_of(c) == Script::Latin),
        }
    }
}

/// Calls `f` with views of `parts`, on the stack for names of up to 16 parts.
pub(crate) fn with_views<R>(parts: &[Part], f: impl FnOnce(&[PartRef<'_>]) -> R) -> R {
    with_views_of(parts, Part::view, f)
}

/// Calls `f` with `view` of each item: on the stack for up to 4 items (most names), then 16,
/// then on the heap.
pub(crate) fn with_views_of<'a, T, R>(
    items: &'a [T],
    view: impl Fn(&'a T) -> PartRef<'a>,
    f: impl FnOnce(&[PartRef<'a>]) -> R,
) -> R {
    fn fill<'a, T, const N: usize>(
        items: &'a [T],
        view: &impl Fn(&'a T) -> PartRef<'a>,
    ) -> [PartRef<'a>; N] {
        let mut buf = [PartRef::EMPTY; N];
        for (slot, item) in buf.iter_mut().zip(items) {
            *slot = view(item);
        }
        buf
    }
    let n = items.len();
    if n <= 4 {
        f(fill::<T, 4>(items, &view).get(..n).unwrap_or(&[]))
    } else if n <= 16 {
        f(fill::<T, 16>(items, &view).get(..n).unwrap_or(&[]))
    } else {
        f(&items.iter().map(view).collect::<Vec<_>>())
    }
}

/// The keyed parts of a name: titles (`Minister`, `Bakan`, `г-н`) and patronymic particles
/// (`oğlu`, `кызы`) are left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct NameKey {
    /// The parts in written order.
    pub parts: Vec<Part>,
}

impl NameKey {
    /// The key of the whole name: the part keys joined by spaces.
    pub fn joined(&self) -> String {
        self.parts
            .iter()
            .map(|p| p.key.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The comparison key of one word.
///
/// ```
/// use namelink::key::key;
/// assert_eq!(key("Məmmədov"), "mamadov");
/// assert_eq!(key("Мамедов"), "mamedov");
/// assert_eq!(key("Дмитрий"), key("Dmitriy"));
/// assert_eq!(key("Дмитрий"), key("Dmitry"));
/// assert_eq!(key("Yanık"), key("Янык"));
/// assert_eq!(key("Yanık"), key("Yanyk"));
/// ```
pub fn key(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    key_into(word, &mut out, &mut Scratch::default(), &mut |_, _| {});
    out
}

/// Buffers reused across the words of a name.
#[derive(Default)]
pub(crate) struct Scratch {
    folded: String,
    keyed: String,
    /// The word being read, the words of the name being keyed, a key being made.
    word: String,
    words: Vec<Word>,
    key: String,
}

/// The consonant skeleton of a key: vowels and `y` removed (`mamadov → mmdv`, collapsed to
/// `mdv`). Coarser than the key; for blocking.
///
/// ```
/// use namelink::key::{key, skeleton};
/// assert_eq!(skeleton(&key("Məmmədov")), skeleton(&key("Мамедов")));
/// ```
pub fn skeleton(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key
        .chars()
        .filter(|c| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
    {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// The letter a digit stands for inside a word.
fn leet_letter(c: char) -> char {
    match c {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '8' => 'b',
        '9' => 'g',
        _ => c,
    }
}

/// Computes the key of `word` into `out`, calling `trace(spelling, key)` for each rule used.
pub(crate) fn key_into<F: FnMut(&str, &str)>(
    word: &str,
    out: &mut String,
    scratch: &mut Scratch,
    trace: &mut F,
) {
    let Some(table) = KEY.as_ref() else {
        out.push_str(word);
        return;
    };
    let Scratch { folded, keyed, .. } = scratch;
    folded.clear();
    keyed.clear();
    // Plain lower-case ASCII or Russian letters need no folding.
    let plain = word.bytes().all(|b| b.is_ascii_lowercase())
        || word
            .chars()
            .all(|c| ('\u{0430}'..='\u{044F}').contains(&c) || c == 'ё');
    if plain {
        apply_traced(table, word, keyed, trace);
        collapse_into(keyed, out);
        return;
    }
    // Digits inside a word of letters stand for letters (Ig0r Sech1n).
    let leet = word.bytes().any(|b| b.is_ascii_digit()) && word.chars().any(char::is_alphabetic);
    for c in word.chars() {
        let c = if leet { leet_letter(c) } else { c };
        if is_mark(c) || matches!(c, '\'' | '’' | 'ʼ' | 'ʹ' | 'ʺ' | '`' | '´' | '-' | '.') {
            continue;
        }
        let lc = lower(c, false);
        if lc.is_ascii() || !table.candidates(lc).is_empty() {
            folded.push(lc);
            continue;
        }
        // A Latin letter with a diacritic the table does not know: its base letter.
        let mut base = None;
        decompose_canonical(lc, |d| {
            if base.is_none() {
                base = Some(d);
            }
        });
        match base {
            Some(b) if b != lc && (b.is_ascii() || !table.candidates(b).is_empty()) => {
                folded.push(b)
            }
            _ => folded.push(lc),
        }
    }
    apply_traced(table, folded, keyed, trace);
    collapse_into(keyed, out);
}

/// Words longer than this are keyed afresh each time.
const CACHED_WORD_BYTES: usize = 40;

/// At most this many word keys are remembered per thread (then the memory starts over).
const KEY_CACHE_WORDS: usize = 1 << 14;

/// Per thread, the keys of words keyed recently: the parts of names repeat (a registry of a
/// million people has a few tens of thousands of distinct given names and surnames), and a
/// key depends on nothing but the word.
type KeyCache = std::collections::HashMap<Box<str>, Box<str>, std::hash::BuildHasherDefault<Fnv>>;

/// [`key_into`] without a trace, remembered per thread for short words.
pub(crate) fn cached_key_into(word: &str, out: &mut String, scratch: &mut Scratch) {
    thread_local! {
        static CACHE: std::cell::RefCell<KeyCache> = std::cell::RefCell::new(KeyCache::default());
    }
    if word.len() > CACHED_WORD_BYTES {
        key_into(word, out, scratch, &mut |_, _| {});
        return;
    }
    CACHE.with(|cell| {
        let Ok(mut cache) = cell.try_borrow_mut() else {
            key_into(word, out, scratch, &mut |_, _| {});
            return;
        };
        if let Some(k) = cache.get(word) {
            out.push_str(k);
            return;
        }
        let start = out.len();
        key_into(word, out, scratch, &mut |_, _| {});
        if cache.len() >= KEY_CACHE_WORDS {
            cache.clear();
        }
        cache.insert(word.into(), out.get(start..).unwrap_or("").into());
    })
}

/// Appends `keyed` with doubled letters collapsed (Məmmədov, Tayyip, Hasanoff).
fn collapse_into(keyed: &str, out: &mut String) {
    let mut last = None;
    for c in keyed.chars() {
        if Some(c) != last {
            out.push(c);
        }
        last = Some(c);
    }
}

/// The rules that made `word`'s key, as `spelling=key` notes (`kh=h`, `ş=x`, `дж=c`), for
/// explanations. Letters that map to themselves, and plain Cyrillic letters with one obvious
/// Latin counterpart, are left out.
pub(crate) fn key_notes(word: &str) -> Vec<String> {
    // Remembered per thread for the last words seen: explaining a query's matches asks about
    // the query's words once per match.
    const SLOTS: usize = 1024;
    thread_local! {
        static NOTES: std::cell::RefCell<Vec<(String, Vec<String>)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    let mut h = Fnv::default();
    std::hash::Hasher::write(&mut h, word.as_bytes());
    let slot = std::hash::Hasher::finish(&h) as usize % SLOTS;
    let cached = NOTES.with(|cell| {
        let memo = cell.try_borrow().ok()?;
        memo.get(slot).filter(|e| e.0 == word).map(|e| e.1.clone())
    });
    if let Some(notes) = cached {
        return notes;
    }
    let notes = key_notes_uncached(word);
    NOTES.with(|cell| {
        if let Ok(mut memo) = cell.try_borrow_mut() {
            if memo.is_empty() {
                memo.resize(SLOTS, (String::new(), Vec::new()));
            }
            if let Some(e) = memo.get_mut(slot) {
                e.0.clear();
                e.0.push_str(word);
                e.1.clone_from(&notes);
            }
        }
    });
    notes
}

fn key_notes_uncached(word: &str) -> Vec<String> {
    let mut notes = Vec::new();
    let mut sink = String::new();
    key_into(
        word,
        &mut sink,
        &mut Scratch::default(),
        &mut |from: &str, to: &str| {
            let plain_cyrillic = from.chars().count() == 1
                && from.chars().all(|c| script_of(c) == Script::Cyrillic)
                && to.len() == 1
                && !matches!(to, "h" | "x" | "q" | "c" | "j" | "g");
            if from != to && !plain_cyrillic {
                let note = format!("{from}={to}");
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
        },
    );
    notes
}

/// Whether a written lower-case word is a title (`bakan`, `министр`, `г-н`).
pub(crate) fn is_title(word: &str) -> bool {
    word_class(word) == Some(WordClass::Title)
}

/// Whether the key is one of the very common name parts.
pub(crate) fn is_common(key: &str) -> bool {
    COMMON_KEYS.contains(key)
}

/// Russian patronymic endings, in key letters (-ович, -евич, -овна, -евна, -ична, -ич).
fn has_patronymic_ending(key: &str) -> bool {
    key.len() >= 5
        && ["oviq", "eviq", "ovna", "evna", "iqna", "iq"]
            .iter()
            .any(|e| key.ends_with(e))
}

/// A character the fast path can handle itself: ASCII, or a Latin or Cyrillic letter that
/// needs no Unicode normalization.
#[inline]
fn is_simple_char(c: char) -> bool {
    c.is_ascii() || is_stable_letter(c) || matches!(c, '’' | 'ʼ')
}

/// A word of a name: lower-cased text, whether a full stop follows, a hyphen precedes, and
/// the normalizer's token kind where the slow path ran.
struct Word {
    text: CompactString,
    dot: bool,
    hyphen_before: bool,
    kind: Option<TokenKind>,
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
fn words(name: &str) -> Vec<Word> {
    let mut out = Vec::new();
    words_into(name, &mut String::new(), &mut out);
    out
}

/// [`words`] into `out`, with `cur` as the buffer for a word.
fn words_into(name: &str, cur: &mut String, out: &mut Vec<Word>) {
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

/// At most this many parts of a name are kept (names have a handful; the cap bounds the cost
/// of comparing hostile input, which is quadratic in the number of parts).
pub const MAX_PARTS: usize = 32;

/// At most this many key letters of a part are kept (the edit distance is quadratic in them).
pub const MAX_KEY_CHARS: usize = 64;

/// Keys every part of a name.
///
/// Guarantees: at most [`MAX_PARTS`] parts, each key at most [`MAX_KEY_CHARS`] letters; cost
/// linear in the length of `name`.
pub fn name_key(name: &str) -> NameKey {
    thread_local! {
        static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => name_key_with(name, &mut scratch),
        Err(_) => name_key_with(name, &mut Scratch::default()),
    })
}

/// [`name_key`] with buffers reused from call to call.
fn name_key_with(name: &str, scratch: &mut Scratch) -> NameKey {
    let mut words = std::mem::take(&mut scratch.words);
    words_into(name, &mut scratch.word, &mut words);
    let mut parts: Vec<Part> = Vec::with_capacity(words.len());
    for w in words.drain(..) {
        let (text, dot, hyphen_before, kind) = (w.text, w.dot, w.hyphen_before, w.kind);
        let class = word_class(&text);
        if kind == Some(TokenKind::Title) || class == Some(WordClass::Title) {
            continue;
        }
        if hyphen_before
            && parts
                .last()
                .is_some_and(|p| is_title(&format!("{}-{text}", p.text)))
        {
            // г-н, г-жа: the first half was taken for a name.
            parts.pop();
            continue;
        }
        if !dot && class == Some(WordClass::Stop) {
            continue;
        }
        if class == Some(WordClass::Particle) {
            if let Some(prev) = parts.last_mut() {
                if prev.kind == PartKind::Name {
                    prev.kind = PartKind::Patronymic;
                }
            }
            continue;
        }
        // (One or two letters make an initial: no need to count further.)
        let letters = text.chars().filter(|c| !is_mark(*c)).take(3).count();
        // (Latin and Cyrillic letters fail the test before any Unicode table lookup.)
        let kind = if text
            .chars()
            .all(|c| c.is_ascii_digit() || (c as u32 > 0x04FF && c.is_numeric()))
        {
            PartKind::Number
        } else if letters == 1 || (dot && letters <= 2 && kind == Some(TokenKind::Initial)) {
            PartKind::Initial
        } else {
            PartKind::Name
        };
        let mut buf = std::mem::take(&mut scratch.key);
        buf.clear();
        if kind == PartKind::Number {
            // Numbers are compared digit for digit: `Unit 8200` is not `Unit 820`, so no
            // doubled-letter folding (other scripts' digits are kept as they are).
            buf.push_str(&text);
        } else {
            cached_key_into(&text, &mut buf, scratch);
        }
        let k = CompactString::from(buf.as_str());
        scratch.key = buf;
        if k.is_empty() {
            continue;
        }
        let common = kind == PartKind::Name && is_common(&k);
        parts.push(Part {
            text,
            key: k,
            kind,
            common,
            readings: Vec::new(),
        });
    }
    scratch.words = words;
    if parts.is_empty() {
        // Nothing but titles, particles or stop words (`oğlu`, `The`): key them as they are.
        parts = fallback_parts(name);
    }
    // Bounded cost on hostile input: no name has this many parts or this long a part.
    parts.truncate(MAX_PARTS);
    for p in parts.iter_mut() {
        if let Some((i, _)) = p.key.char_indices().nth(MAX_KEY_CHARS) {
            p.key.truncate(i);
        }
    }
    mark_legal_forms(&mut parts);
    mark_patronymic(&mut parts);
    NameKey { parts }
}

/// A Russian patronymic (-ович, -евна, -ич …) in a name of three or more parts: at most one,
/// and never the first part (Абрамович Роман Аркадьевич).
pub(crate) fn mark_patronymic(parts: &mut [Part]) {
    let names = parts.iter().filter(|p| p.kind == PartKind::Name).count();
    if names >= 3 && !parts.iter().any(|p| p.kind == PartKind::Patronymic) {
        let found = parts
            .iter()
            .enumerate()
            .skip(1)
            .find(|(_, p)| p.kind == PartKind::Name && has_patronymic_ending(&p.key))
            .map(|(i, _)| i);
        if let Some(p) = found.and_then(|i| parts.get_mut(i)) {
            p.kind = PartKind::Patronymic;
            p.common = false;
        }
    }
}

/// Every word of a name as a [`PartKind::Name`] part, titles and particles included.
fn fallback_parts(name: &str) -> Vec<Part> {
    let mut scratch = Scratch::default();
    words(name)
        .into_iter()
        .filter_map(|w| {
            let mut k = String::new();
            key_into(&w.text, &mut k, &mut scratch, &mut |_, _| {});
            (!k.is_empty()).then_some(Part {
                text: w.text,
                key: k.into(),
                kind: PartKind::Name,
                common: false,
                readings: Vec::new(),
            })
        })
        .collect()
}

/// Replaces a legal form at the start or the end of a name (`OAO Gazprom`, `Siemens
/// Aktiengesellschaft`) by one [`PartKind::LegalForm`] part; never the whole name.
fn mark_legal_forms(parts: &mut Vec<Part>) {
    let (firsts, lasts) = &*LEGAL_ENDS;
    for at_end in [true, false] {
        let edge = if at_end { parts.last() } else { parts.first() };
        if !edge.is_some_and(|p| {
            if at_end {
                lasts.contains(&p.key)
            } else {
                firsts.contains(&p.key)
            }
        }) {
            continue;
        }
        let found = LEGAL.iter().find(|(words, _)| {
            let n = words.len();
            parts.len() > n && {
                let range = if at_end {
                    parts.len() - n..parts.len()
                } else {
                    0..n
                };
                parts.get(range).is_some_and(|ps| {
                    ps.iter()
                        .zip(words)
                        .all(|(p, w)| p.kind != PartKind::LegalForm && p.key == *w)
                })
            }
        });
        if let Some((words, code)) = found {
            let n = words.len();
            let range = if at_end {
                parts.len() - n..parts.len()
            } else {
                0..n
            };
            let removed: Vec<Part> = parts.drain(range).collect();
            let part = Part {
                text: removed
                    .iter()
                    .map(|p| p.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
                    .into(),
                key: (*code).into(),
                kind: PartKind::LegalForm,
                common: false,
                readings: Vec::new(),
            };
            if at_end {
                parts.push(part);
            } else {
                parts.insert(0, part);
            }
        }
    }
}

/// Applies the key table to text that is already folded (used by tests of the table).
#[cfg(test)]
pub(crate) fn raw_key(text: &str) -> String {
    let mut out = String::new();
    if let Some(t) = KEY.as_ref() {
        crate::translit::apply(t, text, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(spellings: &[&str]) {
        let first = key(spellings[0]);
        for s in spellings {
            assert_eq!(key(s), first, "{s} vs {}", spellings[0]);
        }
    }

    #[test]
    fn the_briefs_spellings_meet() {
        same(&["Sahil", "Сахил", "Sakhil"]);
        same(&[
            "Babayev",
            "Бабаев",
            "Babaev",
            "Babayevlə".trim_end_matches("lə"),
        ]);
        same(&["Yanık", "Янык", "Yanyk", "Yanik"]);
        same(&["Əliyev", "Алиев", "Aliyev", "Aliev"]);
        same(&["Ceyhun", "Джейхун", "Dzheykhun", "Jeyhun"]);
        same(&["Erdoğan", "Эрдоган", "Erdogan"]);
        same(&["Göktaş", "Гёкташ".replace('ё', "о").as_str(), "Göktash"]);
        same(&["Xəlilov", "Халилов", "Khalilov"]);
        same(&["Cəfərov", "Джафаров", "Jafarov", "Dzhafarov"]);
        same(&["Mişustin", "Мишустин", "Mishustin"]);
        same(&["Zaxarova", "Захарова", "Zakharova", "Zaharova"]);
        same(&["Dmitriy", "Дмитрий", "Dmitry", "Dmitrii", "Dmitrij"]);
        same(&["Vasilyev", "Васильев", "Vasilev"]);
        same(&["Tayyip", "Тайип"]);
    }

    #[test]
    fn neighbours_stay_apart() {
        assert_ne!(key("Sahil"), key("Sahib"));
        assert_ne!(key("Aliyev"), key("Aliyeva"));
        assert_ne!(key("Бабаев"), key("Бабаева"));
    }

    #[test]
    fn diacritics_fall_back_to_base_letters() {
        assert_eq!(key("Soloveĭ"), key("Соловей"));
        assert_eq!(key("Belén"), key("Белен"));
        assert_eq!(raw_key("ш"), "x");
    }

    #[test]
    fn names_split_into_parts() {
        let n = name_key("Minister Sahil Babayev");
        assert_eq!(n.joined(), "sahil babaev");
        let n = name_key("Алиев Анар Расим оглы");
        assert_eq!(n.parts[2].kind, PartKind::Patronymic);
        assert_eq!(n.parts.len(), 3);
        let n = name_key("Анар Расимович Алиев");
        assert_eq!(n.parts[1].kind, PartKind::Patronymic);
        // Two parts: a surname like Abramovich stays a name.
        assert_eq!(name_key("Roman Abramovich").parts[1].kind, PartKind::Name);
        let n = name_key("А. Алиев");
        assert_eq!(n.parts[0].kind, PartKind::Initial);
        assert!(n.parts[1].common);
        // Mixed scripts go through the normalizer: a Cyrillic А in a Latin word.
        assert_eq!(name_key("Аliyev").joined(), "aliev");
        assert_eq!(name_key("Dement'eva").joined(), key("Дементьева"));
    }

    #[test]
    fn notes_name_the_rules() {
        assert_eq!(key_notes("Sakhil"), ["kh=h"]);
        assert!(key_notes("Сахил").contains(&"х=h".to_string()));
        assert_eq!(key_notes("Sahil"), Vec::<String>::new());
    }
}
