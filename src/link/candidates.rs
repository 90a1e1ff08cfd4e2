//! Finding candidates in a run of words: names of several words, initials, single words
//! and earlier mentions (antecedents), each scored by the matcher.

use super::forms::*;
use super::scan::*;
use super::*;

impl Linker<'_> {
    pub(super) fn link_run(
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
}

/// A mention under consideration: run words `first..first + choice.len()`, each read as the
/// analysis in `choice`.
#[derive(Debug)]
pub(super) struct Candidate {
    pub(super) first: usize,
    pub(super) choice: Vec<usize>,
    pub(super) name: u32,
    pub(super) entity: EntityId,
    pub(super) score: f64,
    pub(super) how: LinkedBy,
}

/// An entity named in full earlier in the text: its latest full mention.
#[derive(Debug)]
pub(super) struct Antecedent {
    pub(super) entity: EntityId,
    pub(super) name: u32,
    pub(super) score: f64,
    pub(super) start: usize,
}

/// What a text has linked so far.
#[derive(Debug, Default)]
pub(super) struct State {
    pub(super) antecedents: std::collections::HashMap<EntityId, Antecedent>,
    /// Loose key of a name part → the antecedents with that part.
    pub(super) by_part: std::collections::HashMap<u64, Vec<EntityId>>,
    pub(super) mentions: Vec<Mention>,
    /// The end of the last mention.
    pub(super) linked_until: usize,
}

impl State {
    /// The antecedents with a name part of loose key `hash`.
    pub(super) fn with_part(&self, hash: u64) -> impl Iterator<Item = &Antecedent> {
        self.by_part
            .get(&hash)
            .into_iter()
            .flatten()
            .filter_map(|e| self.antecedents.get(e))
    }
}
