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
use crate::registry::EntityId;
use crate::tables::{HARMONY, IGNORABLE, LINK_SUFFIXES, RU_CASES, SUFFIXES, in_ranges};
use crate::token::Span;

mod forms;
mod scan;
use forms::*;
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

    fn link_run(
        &self,
        text: &LinkText<'_>,
        doc: &Doc,
        range: std::ops::Range<usize>,
        lang: Lang,
        state: &mut State,
    ) {
        let Some(words) = doc.words.get(range.clone()) else {
            return;
        };
        let mut run = Run::default();
        for w in words {
            run.push(self, doc, w, lang);
        }
        // Words already linked in an earlier, overlapping window of the same run (mentions
        // come in text order).
        let mut covered: Vec<bool> = run
            .words
            .iter()
            .map(|w| w.start < state.linked_until)
            .collect();

        // 1. Names of two or more parts met by two words of the run.
        let mut found = self.multi_word(&run, state);
        // 2. An initial and a surname.
        found.extend(self.initials(&run, state));
        self.accept(text, &run, found, &mut covered, state, true);
        // 3. Single-part names (places, organisations) met by one word.
        let singles = self.single_words(&run, doc, &covered);
        self.accept(text, &run, singles, &mut covered, state, false);
        // 4. A lone word that is part of an antecedent's name.
        let corefs = self.antecedents(&run, &covered, state);
        self.accept(text, &run, corefs, &mut covered, state, false);
    }

    /// Candidates for names of two or more parts: the names two words of the run (at most two
    /// words apart) both meet, on the words from the one to the other (and initials before).
    /// The two must agree on a case, and only the last may carry a Turkic suffix. Two
    /// entities matching exactly make the span ambiguous whatever else matches (unless an
    /// antecedent might be among them), so the scoring of a long list stops there.
    fn multi_word(&self, run: &Run, state: &State) -> Vec<Candidate> {
        let mut out = Vec::new();
        let n = run.words.len();
        let initial = |w: usize| run.words.get(w).is_some_and(|w| w.initial);
        for j in (0..n).filter(|&j| !initial(j)) {
            for k in (j + 1..n.min(j + 3)).filter(|&k| !initial(k)) {
                for aj in run.analyses_of(j) {
                    for ak in run.analyses_of(k) {
                        let (a, b) = (&run.analyses[aj], &run.analyses[ak]);
                        if a.hash == b.hash || a.cases & b.cases == 0 || a.suffix {
                            continue;
                        }
                        let list = self.index.names_with_pair(a.hash, b.hash);
                        if list.is_empty() {
                            continue;
                        }
                        let mut first = j;
                        while first > 0 && initial(first - 1) {
                            first -= 1;
                        }
                        let choice: Vec<usize> = (first..=k)
                            .map(|w| match w {
                                _ if w == j => aj,
                                _ if w == k => ak,
                                _ => run.bare(w),
                            })
                            .collect();
                        let may_be_antecedent = state.with_part(a.hash).next().is_some()
                            && state.with_part(b.hash).next().is_some();
                        // Names with more given names and surnames than the words read
                        // score at most the matcher's missing-part factor: when that is no
                        // rival to an exact match, they are scored only if none is found.
                        let words = choice.len() - (j - first);
                        let longer = |name: u32| self.index.name_part_count(name) > words;
                        let skip_longer =
                            self.index.matcher().missing_part_factor() < 1.0 - RIVALRY;
                        let mut exact: Vec<EntityId> = Vec::new();
                        for pass in [false, true] {
                            let ambiguous = exact.len() >= 2 && !may_be_antecedent;
                            if pass && (ambiguous || skip_longer && !exact.is_empty()) {
                                break;
                            }
                            for &name in list.iter().filter(|&&n| longer(n) == pass) {
                                let Some(c) = self.score(run, first, &choice, name, LinkedBy::Name)
                                else {
                                    continue;
                                };
                                if c.score >= 1.0 && !exact.contains(&c.entity) {
                                    exact.push(c.entity);
                                }
                                out.push(c);
                                if exact.len() >= 2 && !may_be_antecedent {
                                    break;
                                }
                            }
                        }
                    }
                }
            }
        }
        out
    }

    /// Candidates for an initial and a surname: antecedents first, then the registry's names
    /// with that part and a part of that initial.
    fn initials(&self, run: &Run, state: &State) -> Vec<Candidate> {
        let mut out = Vec::new();
        for j in 1..run.words.len() {
            if run.words[j].initial || !run.words.get(j - 1).is_some_and(|w| w.initial) {
                continue;
            }
            let mut first = j - 1;
            while first > 0 && run.words.get(first - 1).is_some_and(|w| w.initial) {
                first -= 1;
            }
            let letters: Vec<char> = (first..j)
                .filter_map(|i| {
                    run.words
                        .get(i)
                        .and_then(|w| run.analyses.get(w.analyses.start))
                })
                .filter_map(|a| a.key.chars().next())
                .collect();
            for a in run.analyses_of(j) {
                let hash = run.analyses[a].hash;
                let mut choice: Vec<usize> = (first..j).map(|w| run.bare(w)).collect();
                choice.push(a);
                // Antecedents first: S.Babayev after Sahil Babayev.
                let mut named: Vec<Candidate> = state
                    .with_part(hash)
                    .filter_map(|ant| self.score(run, first, &choice, ant.name, LinkedBy::Initials))
                    .collect();
                if named.is_empty() {
                    let list = self.index.names_with_part(hash);
                    if list.len() > MAX_SCAN {
                        continue;
                    }
                    // Two entities found are enough to know the mention is ambiguous.
                    for &n in list.iter().filter(|&&n| self.has_initials(n, &letters)) {
                        if let Some(c) = self.score(run, first, &choice, n, LinkedBy::Initials) {
                            let second = named.iter().any(|x| x.entity != c.entity);
                            named.push(c);
                            if second {
                                break;
                            }
                        }
                    }
                }
                out.extend(named);
            }
        }
        out
    }

    /// Whether name `n` has parts starting with each of `letters` (key letters).
    fn has_initials(&self, n: u32, letters: &[char]) -> bool {
        let Some(named) = self.index.name(n) else {
            return false;
        };
        letters.iter().all(|&l| {
            self.index
                .part_views(named)
                .any(|p| p.kind != PartKind::Initial && p.key.starts_with(l))
        })
    }

    /// Candidates for single-part names met by one word not yet covered.
    fn single_words(&self, run: &Run, doc: &Doc, covered: &[bool]) -> Vec<Candidate> {
        let mut out = Vec::new();
        for (j, w) in run.words.iter().enumerate() {
            if w.initial || covered.get(j).copied().unwrap_or(true) {
                continue;
            }
            let found = out.len();
            for a in run.analyses_of(j) {
                let list = self.index.names_of_one_part(run.analyses[a].hash);
                if list.len() > MAX_SCAN {
                    continue;
                }
                // An acronym is met by a word in capitals, or whose capitals are the stem a
                // suffix was undone from (`DOST'un`, `DOSTun`).
                let an = &run.analyses[a];
                let caps = w.all_caps
                    || matches!(an.ending, Ending::Suffix(_))
                        && w.caps >= 2
                        && an.base.chars().count() == usize::from(w.caps);
                for &n in list {
                    if self.index.is_acronym(n) && !caps {
                        continue;
                    }
                    if let Some(c) = self.score(run, j, &[a], n, LinkedBy::Name) {
                        // An ending set off by an apostrophe is no guess (`Azerbaijan's`,
                        // `Türkiye'de`): the bar of the word as written.
                        let min = match run.analyses[a].ending {
                            Ending::None => ONE_WORD_MIN_SCORE,
                            Ending::Suffix(len)
                                if run
                                    .lowered(j)
                                    .get(len..)
                                    .and_then(|t| t.chars().next())
                                    .is_some_and(is_apostrophe) =>
                            {
                                ONE_WORD_MIN_SCORE
                            }
                            _ => ONE_WORD_INFLECTED_MIN_SCORE,
                        };
                        if c.score >= min {
                            out.push(c);
                        }
                    }
                }
            }
            // Capitalised only because it starts a sentence, and a common word elsewhere.
            if out.len() > found && w.sentence_start && doc.written_in_lower_case(run.lowered(j)) {
                out.truncate(found);
            }
        }
        out
    }

    /// Candidates for lone words (no uncovered capitalised neighbour) that are a part of an
    /// antecedent's name.
    fn antecedents(&self, run: &Run, covered: &[bool], state: &State) -> Vec<Candidate> {
        let free = |i: usize| !covered.get(i).copied().unwrap_or(true);
        let mut out = Vec::new();
        for (j, w) in run.words.iter().enumerate() {
            let neighbour = (j > 0 && free(j - 1)) || free(j + 1);
            if w.initial || !free(j) || neighbour {
                continue;
            }
            for a in run.analyses_of(j) {
                let hash = run.analyses[a].hash;
                for ant in state.with_part(hash) {
                    if !out.iter().any(|c: &Candidate| c.entity == ant.entity) {
                        out.push(Candidate {
                            first: j,
                            choice: vec![a],
                            name: ant.name,
                            entity: ant.entity,
                            score: ant.score * ANTECEDENT_FACTOR,
                            how: LinkedBy::Antecedent { start: ant.start },
                        });
                    }
                }
            }
        }
        out
    }

    /// The matcher's score of the run's words `first..` (read as `choice`) against name `n`,
    /// as a candidate if it reaches the threshold.
    fn score(
        &self,
        run: &Run,
        first: usize,
        choice: &[usize],
        n: u32,
        how: LinkedBy,
    ) -> Option<Candidate> {
        let named = self.index.name(n)?;
        // The words read one way, and the name's keyed parts, each as a hash.
        let mut h = Fnv::default();
        h.write_usize(first);
        for &a in choice {
            h.write_usize(a);
        }
        let reading = h.finish();
        let signature = reading ^ self.index.name_signature(named).rotate_left(1);
        let cached = run.scores.borrow().get(&signature).copied();
        let score = match cached {
            Some(s) => s,
            None => {
                let mut prepared = run.prepared.borrow_mut();
                let query = match prepared.entry(reading) {
                    std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert(self.prepare(run, first, choice)?)
                    }
                };
                let s = self.index.score_candidate(query, named);
                run.scores.borrow_mut().insert(signature, s);
                s
            }
        };
        let score = match run.prepared.borrow().get(&reading) {
            Some(query) => self.index.score_for_entity(query, named, score),
            None => score,
        };
        (score >= self.threshold).then_some(Candidate {
            first,
            choice: choice.to_vec(),
            name: n,
            entity: named.entity,
            score,
            how,
        })
    }

    /// The run's words `first..` read as `choice`, keyed for the matcher.
    fn prepare(&self, run: &Run, first: usize, choice: &[usize]) -> Option<Prepared> {
        let mut parts: Vec<Part> = Vec::with_capacity(choice.len());
        let mut text = String::new();
        for (i, &a) in choice.iter().enumerate() {
            let an = run.analyses.get(a)?;
            let word = run.words.get(first + i)?;
            let kind = if word.initial {
                PartKind::Initial
            } else if word.before_particle {
                PartKind::Patronymic
            } else {
                PartKind::Name
            };
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&an.base);
            parts.push(Part {
                text: an.base.as_str().into(),
                key: an.key.as_str().into(),
                kind,
                common: kind == PartKind::Name && is_common(&an.key),
                readings: Vec::new(),
            });
        }
        mark_patronymic(&mut parts);
        Some(Prepared::from_parts(text, parts))
    }

    /// Keeps the best candidates that do not overlap covered words, longest first; a span two
    /// entities claim alike is one ambiguous mention with every rival, unless one of them is
    /// an antecedent.
    fn accept(
        &self,
        text: &LinkText<'_>,
        run: &Run,
        mut found: Vec<Candidate>,
        covered: &mut [bool],
        state: &mut State,
        antecedent: bool,
    ) {
        let known = |e: EntityId| state.antecedents.contains_key(&e);
        // Candidates by span, best first; per span the one to link, or none when rivals
        // (different entities within RIVALRY of the best) tie and no single one of them is an
        // antecedent.
        found.sort_by(|a, b| {
            (a.first, a.choice.len())
                .cmp(&(b.first, b.choice.len()))
                .then(b.score.total_cmp(&a.score))
                .then(a.entity.cmp(&b.entity))
        });
        let mut spans: Vec<(&Candidate, Vec<&Candidate>)> = Vec::new();
        for group in found.chunk_by(|a, b| (a.first, a.choice.len()) == (b.first, b.choice.len())) {
            let Some(top) = group.first() else {
                continue;
            };
            let close = || group.iter().take_while(|c| c.score >= top.score - RIVALRY);
            if close().all(|c| c.entity == top.entity) {
                spans.push((top, Vec::new()));
                continue;
            }
            let mut named = close().filter(|c| known(c.entity));
            match named.next() {
                Some(first) if named.all(|c| c.entity == first.entity) => {
                    spans.push((first, Vec::new()))
                }
                _ => {
                    // Each rival entity once, at its best.
                    let mut rivals: Vec<&Candidate> = Vec::new();
                    for c in close() {
                        if !rivals.iter().any(|r| r.entity == c.entity) {
                            rivals.push(c);
                        }
                    }
                    spans.push((top, rivals));
                }
            }
        }
        // Longest spans first, then the best scores.
        spans.sort_by(|(a, _), (b, _)| {
            b.choice
                .len()
                .cmp(&a.choice.len())
                .then(b.score.total_cmp(&a.score))
                .then(a.first.cmp(&b.first))
        });
        for (c, rivals) in spans {
            let span = c.first..c.first + c.choice.len();
            if span
                .clone()
                .any(|w| covered.get(w).copied().unwrap_or(true))
            {
                continue;
            }
            for w in span.clone() {
                if let Some(slot) = covered.get_mut(w) {
                    *slot = true;
                }
            }
            // (Where the mention ends in the text as read: the run's words are there.)
            let read_end = run
                .words
                .get(c.first + c.choice.len() - 1)
                .map_or(0, |w| w.end);
            if !rivals.is_empty() {
                // Reported with every rival, never linked to one of them, and no antecedent.
                if let Some(mut m) = self.mention(text, run, c) {
                    let store = self.index.store();
                    m.candidates = rivals
                        .iter()
                        .map(|r| Rival {
                            entity: r.entity,
                            id: store.id(r.entity).to_string(),
                            name: store.name(r.entity, 0).to_string(),
                            score: r.score,
                        })
                        .collect();
                    state.linked_until = state.linked_until.max(read_end);
                    state.mentions.push(m);
                }
                continue;
            }
            if let Some(m) = self.mention(text, run, c) {
                if antecedent {
                    self.remember(c, m.span.start, state);
                }
                state.linked_until = state.linked_until.max(read_end);
                state.mentions.push(m);
            }
        }
    }

    /// Makes the entity of `c`, linked at `start`, an antecedent for what follows.
    fn remember(&self, c: &Candidate, start: usize, state: &mut State) {
        let Some(named) = self.index.name(c.name) else {
            return;
        };
        for p in self
            .index
            .part_views(named)
            .filter(|p| p.kind == PartKind::Name)
        {
            let entities = state.by_part.entry(loose_hash(p.key)).or_default();
            if !entities.contains(&c.entity) {
                entities.push(c.entity);
            }
        }
        state.antecedents.insert(
            c.entity,
            Antecedent {
                entity: c.entity,
                name: c.name,
                score: c.score,
                start,
            },
        );
    }

    fn mention(&self, text: &LinkText<'_>, run: &Run, c: &Candidate) -> Option<Mention> {
        let first = run.words.get(c.first)?;
        let last = run.words.get(c.first + c.choice.len() - 1)?;
        let span = text.original_span(first.start, last.end);
        let named = self.index.name(c.name)?;
        let forms = c
            .choice
            .iter()
            .enumerate()
            .filter_map(|(i, &a)| {
                let w = run.words.get(c.first + i)?;
                let an = run.analyses.get(a)?;
                Some(WordForm {
                    word: text.original(w.start, w.end)?.to_string(),
                    base: an.base.clone(),
                    ending: match an.ending {
                        Ending::None => String::new(),
                        Ending::Case(cases) => case_names(cases),
                        Ending::Suffix(stem) => {
                            let tail = run.lowered(c.first + i).get(stem..).unwrap_or("");
                            format!("-{}", tail.trim_start_matches(is_apostrophe))
                        }
                    },
                })
            })
            .collect();
        Some(Mention {
            span,
            text: text.original(first.start, last.end)?.to_string(),
            entity: c.entity,
            id: self.index.store().id(c.entity).to_string(),
            name: self.index.store().name(c.entity, 0).to_string(),
            kind: self.index.store().kind(c.entity),
            score: c.score,
            explanation: LinkExplanation {
                how: c.how.clone(),
                matched: self.index.name_text(named).to_string(),
                forms,
            },
            candidates: Vec::new(),
        })
    }
}

/// A mention under consideration: run words `first..first + choice.len()`, each read as the
/// analysis in `choice`.
#[derive(Debug)]
struct Candidate {
    first: usize,
    choice: Vec<usize>,
    name: u32,
    entity: EntityId,
    score: f64,
    how: LinkedBy,
}

/// An entity named in full earlier in the text: its latest full mention.
#[derive(Debug)]
struct Antecedent {
    entity: EntityId,
    name: u32,
    score: f64,
    start: usize,
}

/// What a text has linked so far.
#[derive(Debug, Default)]
struct State {
    antecedents: std::collections::HashMap<EntityId, Antecedent>,
    /// Loose key of a name part → the antecedents with that part.
    by_part: std::collections::HashMap<u64, Vec<EntityId>>,
    mentions: Vec<Mention>,
    /// The end of the last mention.
    linked_until: usize,
}

impl State {
    /// The antecedents with a name part of loose key `hash`.
    fn with_part(&self, hash: u64) -> impl Iterator<Item = &Antecedent> {
        self.by_part
            .get(&hash)
            .into_iter()
            .flatten()
            .filter_map(|e| self.antecedents.get(e))
    }
}

// ---------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
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
