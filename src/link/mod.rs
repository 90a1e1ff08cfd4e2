//! Linking: the registry's entities, found where running text mentions them.
//!
//! News names people and places in inflected forms (`Анаром Алиевым`, `Türkiyənin`,
//! `Erdoğan'ın`), by initials (`S.Babayev`, `А. Алиев`) and, once introduced, by surname alone
//! (`Göktaş`). A [`Linker`] reads a text once and returns each [`Mention`] with its byte span
//! in the original text, the entity, a score and why.
//!
//! How a text is read:
//!
//! 1. **Words and runs.** Words are split at spaces and punctuation (apostrophes inside a
//!    word, as in `Erdoğan'ın`, stay); a full stop after a single capital letter makes an
//!    initial. Capitalised words next to each other (spaces or one hyphen between; patronymic
//!    particles such as `oğlu` and stop words such as `və` allowed) make a *run*; titles
//!    (`Bakan`, `министр`), other punctuation and line ends end it. Lower-case words are
//!    never names.
//! 2. **Word forms.** Each capitalised word stands for the forms it may inflect: the word as
//!    written; for Cyrillic words, the Russian case endings of `data/link/ru_cases.tsv`
//!    undone (`Анаром → Анар`, `Турцию → Турция`, each with the cases it may be); for Latin
//!    words, the Azerbaijani and Turkish suffixes of `data/key/suffixes.tsv` (one or two,
//!    attached directly or after an apostrophe: `Babayevlə`, `Türkiye'deki`) and the
//!    `data/link/suffixes.tsv` tails after an apostrophe (`Azerbaijan's`). Each form is keyed
//!    ([`crate::key`]) and looked up in the index's lists of names under a
//!    loose key (consonant classes, `a`/`e` merged, `y` dropped).
//! 3. **Mentions.** In a run, a name of two or more parts is a candidate where two words of
//!    the run meet it; single-part names (places, organisations) where one word meets it; an
//!    initial with a surname where the surname meets a name with a part of that initial.
//!    Every candidate is scored by the index's matcher on the uninflected forms, and kept at
//!    or above its threshold. The words of one mention must agree on a case (`Анара Алиева`
//!    is the genitive of Анар Алиев, while `Лейла Алиева` never matches him); a Turkic suffix
//!    only ends a mention. Longer mentions win over shorter ones.
//! 4. **The document.** A person named in full becomes an *antecedent*: a later word alone
//!    (`Babayev`, `Göktaş`, `Алиева`) that is a part of an antecedent's name links to it. A
//!    lone surname with no antecedent is not linked, even when the registry has one such
//!    person; two rivals scoring alike for one span leave it unlinked, unless one of them is
//!    an antecedent. Nothing is guessed.
//! 5. **Common words.** A registered acronym (`DOST`, `TANAP`) matches only a word in
//!    capitals (`Dosttan öte`, Turkish "beyond friendship", is not the DOST agency); a word
//!    capitalised because it starts a sentence and written in lower case elsewhere in the
//!    text is not a one-word mention.
//!
//! Cost: one pass over the text plus, per capitalised word, a few keys and posting-list
//! lookups; linear in the text's length (a run is cut into windows of
//! [`MAX_RUN`] words).
//!
//! # Examples
//!
//! ```
//! use namelink::index::Index;
//! use namelink::lang::Lang;
//! use namelink::link::Linker;
//! use namelink::registry::Registry;
//!
//! let registry = Registry::from_jsonl_str(r#"
//! {"id": "aliyev-anar", "kind": "person", "names": ["Anar Əliyev"]}
//! {"id": "azerbaijan", "kind": "place", "names": ["Azərbaycan", "Азербайджан"]}
//! "#)?;
//! let index = Index::new(registry);
//! let linker = Linker::new(&index);
//! let text = "Министром труда Азербайджана Анаром Алиевым. А. Алиев отметил…";
//! let found: Vec<(&str, String)> = linker
//!     .link(text, Lang::Ru)
//!     .map(|m| (&text[m.span.range()], m.id))
//!     .collect();
//! assert_eq!(found, [
//!     ("Азербайджана", "azerbaijan".to_string()),
//!     ("Анаром Алиевым", "aliyev-anar".to_string()),
//!     ("А. Алиев", "aliyev-anar".to_string()),
//! ]);
//! # Ok::<(), namelink::registry::RegistryError>(())
//! ```

use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use crate::case::{is_mark, is_upper, is_word_char, lower};
use crate::index::{Index, loose_hash};
use crate::key::{
    Fnv, MAX_KEY_CHARS, Part, PartKind, Scratch, is_common, is_particle, is_stop, is_title,
    key_into, mark_patronymic,
};
use crate::lang::{Lang, Script, script_of};
use crate::matcher::Prepared;
use crate::normalize::LinkText;
use crate::normalize::token::Span;
use crate::registry::EntityId;
use crate::tables::{HARMONY, IGNORABLE, LINK_SUFFIXES, RU_CASES, SUFFIXES, in_ranges};

mod candidates;
mod decide;
use candidates::{Antecedent, Candidate, State};
mod forms;
mod scan;
use scan::*;

/// Runs of capitalised words longer than this (headlines in capitals) are read in windows of
/// this many words.
pub const MAX_RUN: usize = 12;

/// A word is looked up against at most this many registry names of one key; a longer list
/// (a surname thousands share) cannot single out an entity from one word and an initial.
const MAX_SCAN: usize = 4096;

/// Two entities scoring within this of each other for one span are rivals: neither is linked
/// unless one is an antecedent.
const RIVALRY: f64 = 0.02;

/// A one-word mention of a single-part name (a place, an organisation) needs at least this
/// score, above the matcher's threshold: one word says less than a whole name.
pub const ONE_WORD_MIN_SCORE: f64 = 0.9;

/// ... and this when a suffix or case ending was undone to read it: only the registered
/// spelling (or one the key makes equal) will do (`Nümayəndə`, "representative", read as
/// `Nümayə` + `ndə`, is not Nouméa at 0.93).
pub const ONE_WORD_INFLECTED_MIN_SCORE: f64 = 0.97;

/// How much a surname alone, linked to an antecedent, keeps of the antecedent's score.
const ANTECEDENT_FACTOR: f64 = 0.95;

/// All six Russian cases (`nom gen dat acc ins pre`): a word as written may be any of them
/// (foreign names do not decline).
const ANY_CASE: u8 = 0b11_1111;

/// The index a linker reads: borrowed, or shared.
#[derive(Debug)]
enum IndexRef<'i> {
    Borrowed(&'i Index),
    Shared(std::sync::Arc<Index>),
}

impl std::ops::Deref for IndexRef<'_> {
    type Target = Index;
    fn deref(&self) -> &Index {
        match self {
            IndexRef::Borrowed(i) => i,
            IndexRef::Shared(i) => i,
        }
    }
}

/// Finds mentions of an [`Index`]'s entities in text. Cheap to make: it asks the index for
/// the names a text's words may belong to (the index keeps those lists, built once and
/// saved with it); `Send + Sync`.
#[derive(Debug)]
pub struct Linker<'i> {
    index: IndexRef<'i>,
    /// The least score of a mention (the index's matcher threshold unless set).
    threshold: f64,
}

/// How a mention was linked.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LinkedBy {
    /// The words name the entity (in any form, order or inflection).
    Name,
    /// An initial and a surname (`S.Babayev`, `А. Алиев`).
    Initials,
    /// One word that is part of the name of an entity named earlier in the text, at this
    /// byte offset.
    Antecedent {
        /// Where the antecedent mention starts.
        start: usize,
    },
}

/// One word of a mention and the form it was read as.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct WordForm {
    /// The word as written.
    pub word: String,
    /// The form it was matched as, lower-case (`анар` for `Анаром`).
    pub base: String,
    /// What was undone: `""`, a Russian case (`"ins"`, `"gen/acc"`) or a suffix (`"-lə"`).
    pub ending: String,
}

/// Why a mention was linked.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct LinkExplanation {
    /// How.
    pub how: LinkedBy,
    /// The registry name the mention matched.
    pub matched: String,
    /// The mention's words, with their case endings or suffixes undone.
    pub forms: Vec<WordForm>,
}

impl fmt::Display for LinkExplanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.how {
            LinkedBy::Name => write!(f, "name ~ {}", self.matched)?,
            LinkedBy::Initials => write!(f, "initials ~ {}", self.matched)?,
            LinkedBy::Antecedent { start } => {
                write!(f, "part of {} (named at byte {start})", self.matched)?
            }
        }
        for w in self.forms.iter().filter(|w| !w.ending.is_empty()) {
            write!(f, "; {} = {} + {}", w.word, w.base, w.ending)?;
        }
        Ok(())
    }
}

/// An entity found in a text.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Mention {
    /// Byte offsets of the mention in the text given to [`Linker::link`].
    pub span: Span,
    /// The mention as written.
    pub text: String,
    /// The entity's index in the registry.
    pub entity: EntityId,
    /// The entity's id.
    pub id: String,
    /// The entity's canonical name (its first in the registry).
    pub name: String,
    /// Its kind.
    pub kind: crate::registry::EntityKind,
    /// Score in [0, 1].
    pub score: f64,
    /// Why.
    pub explanation: LinkExplanation,
    /// When two or more entities claim the span alike (namesakes: two `Sahil Babayev`s in
    /// the registry, neither named before in the text), every one of them, best first, and
    /// the fields above describe the first; empty when the mention names one entity.
    pub candidates: Vec<Rival>,
}

impl Mention {
    /// Whether two or more entities claim this mention alike (see [`Mention::candidates`]).
    pub fn is_ambiguous(&self) -> bool {
        !self.candidates.is_empty()
    }
}

/// One of the entities an ambiguous mention may name.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Rival {
    /// The entity's index in the registry.
    pub entity: EntityId,
    /// The entity's id.
    pub id: String,
    /// Its canonical name.
    pub name: String,
    /// Score in [0, 1].
    pub score: f64,
}

/// The mentions of one text, in text order.
#[derive(Debug)]
pub struct Mentions {
    inner: std::vec::IntoIter<Mention>,
}

impl Iterator for Mentions {
    type Item = Mention;
    fn next(&mut self) -> Option<Mention> {
        self.inner.next()
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl ExactSizeIterator for Mentions {}

impl<'i> Linker<'i> {
    /// A linker over `index` (cheap: the lists it reads are the index's).
    pub fn new(index: &'i Index) -> Linker<'i> {
        Linker::build(IndexRef::Borrowed(index))
    }

    /// A linker that shares ownership of its index, for a linker that must live on its own
    /// (in a struct, another thread, or a binding to another language).
    ///
    /// ```
    /// use std::sync::Arc;
    /// use namelink::{index::Index, lang::Lang, link::Linker, registry::Registry};
    ///
    /// let index = Arc::new(Index::new(Registry::builtin()));
    /// let linker: Linker<'static> = Linker::shared(Arc::clone(&index));
    /// assert_eq!(linker.link("Bakı'ya", Lang::Az).count(), 1);
    /// ```
    pub fn shared(index: std::sync::Arc<Index>) -> Linker<'static> {
        Linker::build(IndexRef::Shared(index))
    }

    fn build(index: IndexRef<'i>) -> Linker<'i> {
        let threshold = index.matcher().threshold();
        Linker { index, threshold }
    }

    /// The linker with mentions scoring at least `threshold` (rather than the index's matcher
    /// threshold).
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`](crate::Error::OutOfRange) unless `threshold` is in [0, 1].
    ///
    /// ```
    /// # use namelink::{index::Index, registry::Registry, link::Linker};
    /// let index = Index::new(Registry::builtin());
    /// assert!(Linker::new(&index).with_threshold(0.9).is_ok());
    /// assert!(Linker::new(&index).with_threshold(1.5).is_err());
    /// ```
    pub fn with_threshold(mut self, threshold: f64) -> Result<Linker<'i>, crate::Error> {
        if !(0.0..=1.0).contains(&threshold) {
            return Err(crate::Error::OutOfRange {
                setting: "the threshold",
                expected: "in [0, 1]",
                value: threshold.to_string(),
            });
        }
        self.threshold = threshold;
        Ok(self)
    }

    /// Whether a word keyed `key` may start a registered name part.
    fn may_start(&self, key: &str) -> bool {
        self.index.may_start(key)
    }

    /// The mentions in `text`, in text order. `lang` selects the casing (`Az`, `Tr`: `I ↔ ı`)
    /// and whether Latin words may carry Azerbaijani and Turkish suffixes attached directly
    /// (`Az`, `Tr`; with `Lang::Auto`, when the text has any of `ə ğ ı İ ş`). Russian case
    /// endings are undone on Cyrillic words, suffixes after an apostrophe on any Latin word.
    pub fn link(&self, text: &str, lang: Lang) -> Mentions {
        // The text as resolve would read its names (invisible characters, compatibility
        // forms, look-alike letters; `normalize`), with its case, and the map back.
        let clean = crate::normalize::for_linking(text, lang);
        let doc = scan(clean.read(), lang.is_turkic());
        // Auto: a text with Azerbaijani or Turkish letters (ə ğ ı İ ş) may carry their
        // suffixes on names; others only after an apostrophe.
        let lang = match lang {
            Lang::Auto if doc.turkic_letters => Lang::Tr,
            Lang::Auto => Lang::En,
            l => l,
        };
        let mut state = State::default();
        let mut start = 0;
        while start < doc.words.len() {
            let end = run_end(&doc.words, start);
            if end > start {
                // Runs longer than MAX_RUN: overlapping windows, so no name is cut in two.
                let mut from = start;
                loop {
                    let to = (from + MAX_RUN).min(end);
                    self.link_run(&clean, &doc, from..to, lang, &mut state);
                    if to == end {
                        break;
                    }
                    from = to.saturating_sub(3).max(from + 1);
                }
                start = end;
            } else {
                start += 1;
            }
        }
        state.mentions.sort_by_key(|m| m.span);
        state.mentions.dedup_by(|b, a| b.span.start < a.span.end);
        Mentions {
            inner: state.mentions.into_iter(),
        }
    }
}

// ---------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::forms::*;
    use super::*;

    #[test]
    fn linker_is_send_and_sync() {
        fn assert_all<T: Send + Sync>() {}
        assert_all::<Linker<'static>>();
    }

    #[test]
    fn suffix_chains() {
        assert!(is_suffix_chain("ın"));
        assert!(is_suffix_chain("deki"));
        assert!(is_suffix_chain("dakı"));
        assert!(is_suffix_chain("s"));
        assert!(is_suffix_chain("larda"));
        assert!(!is_suffix_chain("brien"));
    }

    #[test]
    fn latin_stems_undo_suffixes() {
        let stems = |w| {
            latin_stems(w, Lang::Az)
                .into_iter()
                .map(|s| s.0)
                .collect::<Vec<_>>()
        };
        assert!(stems("babayevlə").contains(&"babayev"));
        assert!(stems("türkiyənin").contains(&"türkiyə"));
        assert!(stems("azərbaycanın").contains(&"azərbaycan"));
        assert_eq!(stems("erdoğan'ın"), ["erdoğan"]);
        assert_eq!(stems("o'brien"), Vec::<&str>::new());
        assert!(stems("azərbaycana").contains(&"azərbaycan"));
        assert!(
            !stems("babayeva").contains(&"babayev"),
            "a does not follow e"
        );
        assert!(stems("babayevə").contains(&"babayev"));
        assert_eq!(stems("aliyev'i"), ["aliyev"]);
        assert_eq!(latin_stems("babayevla", Lang::En), []);
    }

    #[test]
    fn scanning_marks_initials_runs_and_sentences() {
        let text = "S.Babayev və Dərya Yanık. Bakan Göktaş";
        let doc = scan(text, true);
        let classes: Vec<_> = doc
            .words
            .iter()
            .map(|w| (&text[w.start..w.end], w.class))
            .collect();
        assert_eq!(
            classes,
            [
                ("S", Class::Initial),
                ("Babayev", Class::Name),
                ("və", Class::Stop),
                ("Dərya", Class::Name),
                ("Yanık", Class::Name),
                ("Bakan", Class::Other),
                ("Göktaş", Class::Name),
            ]
        );
        assert!(doc.words[1].joined);
        assert!(doc.words[5].sentence_start);
        assert!(!doc.words[6].sentence_start);
        assert_eq!(run_end(&doc.words, 0), 5);
        assert_eq!(run_end(&doc.words, 3), 5);
    }
}
