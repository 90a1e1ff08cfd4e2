//! Deciding between candidates: the best that do not overlap, rivals for one span, and the
//! mentions they become.

use super::forms::*;
use super::scan::*;
use super::*;

impl Linker<'_> {
    /// Keeps the best candidates that do not overlap covered words, longest first; a span two
    /// entities claim alike is one ambiguous mention with every rival, unless one of them is
    /// an antecedent.
    pub(super) fn accept(
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
