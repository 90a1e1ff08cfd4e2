//! Resolution: a query name → the registry entities it names, ranked.
//!
//! The [`Index`] retrieves candidate names; the matcher scores each against the query; each
//! entity keeps its best-scoring name; entities at or above the matcher's threshold come back
//! best first. [`Index::resolve_batch`] spreads many queries over threads.
//!
//! # Examples
//!
//! ```
//! use namelink::index::Index;
//! use namelink::registry::Registry;
//!
//! let registry = Registry::from_jsonl_str(r#"
//! {"id": "babayev-sahil", "kind": "person", "names": ["Sahil Babayev"]}
//! {"id": "babayev-sahib", "kind": "person", "names": ["Sahib Babayev"]}
//! {"id": "aliyev-anar", "kind": "person", "names": ["Anar Əliyev"]}
//! "#)?;
//! let index = Index::new(registry);
//! let found = index.resolve("Сахил Бабаев", 3);
//! assert_eq!(found[0].id, "babayev-sahil");
//! assert_eq!(found.len(), 1); // Sahib Babayev stays below the threshold
//! assert_eq!(index.resolve("Анаром Алиевым", 1)[0].id, "aliyev-anar");
//! assert!(index.resolve("Leyla Əliyeva", 1).is_empty());
//! # Ok::<(), namelink::registry::RegistryError>(())
//! ```

use crate::index::Index;
use crate::matcher::{Explanation, Prepared};
use crate::registry::{EntityId, EntityKind};

/// One resolved entity.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Match {
    /// The entity's index in the registry.
    pub entity: EntityId,
    /// The entity's id.
    pub id: String,
    /// Its canonical name.
    pub name: String,
    /// Its kind.
    pub kind: EntityKind,
    /// The name of the entity that matched best (the canonical name or an alias).
    pub matched: String,
    /// Score in [0, 1].
    pub score: f64,
    /// Why.
    pub explanation: Explanation,
    /// The entity's attributes from the registry (date of birth, programme, source…).
    pub attributes: serde_json::Map<String, serde_json::Value>,
}

/// How to resolve: how many answers, the least score, which kind of entity.
///
/// ```
/// use namelink::index::Index;
/// use namelink::registry::{EntityKind, Registry};
/// use namelink::resolve::Options;
///
/// let index = Index::new(Registry::builtin());
/// let places = Options::new().top(1).kind(EntityKind::Place);
/// assert_eq!(index.resolve_with("Анкара", &places)[0].id, "city-tr-ankara");
/// let people = Options::new().kind(EntityKind::Person);
/// assert!(index.resolve_with("Анкара", &people).is_empty());
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Options {
    /// At most this many entities (default 5).
    pub top: usize,
    /// The least score of an answer; `None`: the matcher's threshold.
    pub min_score: Option<f64>,
    /// Only entities of this kind; `None`: any.
    pub kind: Option<EntityKind>,
    /// Explain each answer (default `true`); `false` leaves [`Match::explanation`] empty,
    /// for screening where only the entity and score count (about half of a one-answer
    /// query's time, see the README's Speed section).
    pub explain: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            top: 5,
            min_score: None,
            kind: None,
            explain: true,
        }
    }
}

impl Options {
    /// The defaults: five answers at the matcher's threshold, of any kind.
    pub fn new() -> Options {
        Options::default()
    }

    /// At most `n` answers.
    pub fn top(mut self, n: usize) -> Options {
        self.top = n;
        self
    }

    /// Answers scoring at least `score` (rather than the matcher's threshold).
    pub fn min_score(mut self, score: f64) -> Options {
        self.min_score = Some(score);
        self
    }

    /// Only entities of `kind`.
    pub fn kind(mut self, kind: EntityKind) -> Options {
        self.kind = Some(kind);
        self
    }

    /// Whether to explain each answer ([`Match::explanation`]; default `true`).
    ///
    /// ```
    /// use namelink::index::Index;
    /// use namelink::registry::Registry;
    /// use namelink::resolve::Options;
    ///
    /// let index = Index::new(Registry::builtin());
    /// let fast = index.resolve_with("Анкара", &Options::new().top(1).explain(false));
    /// assert_eq!(fast[0].id, "city-tr-ankara");
    /// assert!(fast[0].explanation.pairs.is_empty());
    /// ```
    pub fn explain(mut self, yes: bool) -> Options {
        self.explain = yes;
        self
    }
}

impl Index {
    /// The entities `query` names, best first: at most `top_k`, all at or above the matcher's
    /// threshold.
    pub fn resolve(&self, query: &str, top_k: usize) -> Vec<Match> {
        self.resolve_scored(query, top_k, self.matcher().threshold())
    }

    /// As [`Index::resolve`], with every candidate scoring at least `min_score`.
    pub fn resolve_scored(&self, query: &str, top_k: usize, min_score: f64) -> Vec<Match> {
        self.resolve_with(query, &Options::new().top(top_k).min_score(min_score))
    }

    /// The entities `query` names, best first, as `options` say.
    pub fn resolve_with(&self, query: &str, options: &Options) -> Vec<Match> {
        let matcher = self.matcher();
        let (top_k, kind) = (options.top, options.kind);
        let min_score = options.min_score.unwrap_or(matcher.threshold());
        let of_kind = |found: &mut Vec<(EntityId, u32, f64)>| {
            if let Some(k) = kind {
                found.retain(|f| self.store().kind(f.0) == k);
            }
        };
        // The query as written first; read as an English name too (`Bradshaw` as Брэдшо)
        // only when that finds no match: a second guess at its letters.
        let mut q = matcher.prepare_as_indexed(query);
        let mut scores = Scores::default();
        self.search(&q, min_score, &mut scores);
        of_kind(&mut scores.found);
        if !scores.found.iter().any(|f| f.2 >= matcher.threshold()) {
            let read = matcher.prepare(query);
            if read
                .key()
                .parts
                .iter()
                .any(|p| p.reading_keys().next().is_some())
            {
                let mut more = Scores::default();
                self.search(&read, min_score, &mut more);
                of_kind(&mut more.found);
                scores.found.extend(more.found);
                q = read;
            }
        }
        let mut best = scores.found;
        // The best name of each entity, then the best entities.
        best.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.2.total_cmp(&a.2)).then(a.1.cmp(&b.1)));
        best.dedup_by_key(|b| b.0);
        best.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        best.truncate(top_k);
        let mut explained: Vec<(String, Explanation)> = Vec::new();
        best.into_iter()
            .filter_map(|(entity, n, score)| {
                let store = self.store();
                let named = self.name(n)?;
                let matched = self.name_text(named).to_string();
                // The index keeps only keys; the explanation re-keys the matched name as the index
                // keyed it (once for many entities of one name): as written, and with its
                // readings only when they made the score (reading names is the dearer step).
                let explanation = match explained.iter().find(|x| x.0 == matched) {
                    _ if !options.explain => Explanation::default(),
                    Some(x) => x.1.clone(),
                    None => {
                        let mut c =
                            matcher.compare_prepared(&q, &matcher.prepare_as_indexed(&matched));
                        if c.score + 1e-9 < score {
                            // (The readings the index keeps for these keys: no need to
                            // read the name again.)
                            let mut parts = crate::key::name_key(&matched).parts;
                            if parts.len() == self.part_views(named).count() {
                                for (p, v) in parts.iter_mut().zip(self.part_views(named)) {
                                    p.readings = v.readings.to_vec();
                                }
                                let read = Prepared::from_parts(matched.clone(), parts);
                                c = matcher.compare_prepared(&q, &read);
                            } else {
                                c = matcher.compare_prepared(&q, &matcher.prepare(&matched));
                            }
                        }
                        let why = c.explanation;
                        explained.push((matched.clone(), why.clone()));
                        why
                    }
                };
                Some(Match {
                    entity,
                    id: store.id(entity).to_string(),
                    name: store.name(entity, 0).to_string(),
                    kind: store.kind(entity),
                    matched,
                    score,
                    explanation,
                    attributes: store.attributes(entity),
                })
            })
            .collect()
    }

    /// Scores the names most worth it for `q` into `scores`: those sharing two parts with
    /// it first; when one of them is a match, the search ends there (unless the caller
    /// asked for scores below the threshold).
    fn search(&self, q: &Prepared, min_score: f64, scores: &mut Scores) {
        let threshold = self.matcher().threshold();
        let paired = self.pair_candidates(q);
        self.score_names(q, &paired, min_score, scores);
        let found = scores.found.iter().any(|f| f.2 >= threshold);
        if !found || min_score < threshold {
            let more = self.candidates(q);
            self.score_names(q, &more, min_score, scores);
        }
    }

    /// Scores indexed names against `q`, each keyed form once, keeping those at or above
    /// `min_score`.
    fn score_names(&self, q: &Prepared, names: &[u32], min_score: f64, scores: &mut Scores) {
        for &n in names {
            let Some(named) = self.name(n) else {
                continue;
            };
            let signature = self.name_signature(named);
            let score = match scores.by_signature.iter().find(|s| s.0 == signature) {
                Some(&(_, score)) => score,
                None => {
                    let score = self.score_candidate(q, named);
                    scores.by_signature.push((signature, score));
                    score
                }
            };
            let score = self.score_for_entity(q, named, score);
            if score >= min_score {
                scores.found.push((named.entity, n, score));
            }
        }
    }

    /// Resolves many queries on all available cores; the answers are in query order and the
    /// same as sequential [`Index::resolve`] calls.
    pub fn resolve_batch<S: AsRef<str> + Sync>(
        &self,
        queries: &[S],
        top_k: usize,
    ) -> Vec<Vec<Match>> {
        self.resolve_batch_scored(queries, top_k, self.matcher().threshold())
    }

    /// As [`Index::resolve_batch`], with every answer scoring at least `min_score`.
    pub fn resolve_batch_scored<S: AsRef<str> + Sync>(
        &self,
        queries: &[S],
        top_k: usize,
        min_score: f64,
    ) -> Vec<Vec<Match>> {
        self.resolve_batch_with(queries, &Options::new().top(top_k).min_score(min_score))
    }

    /// As [`Index::resolve_with`] for each query, on all available cores; the answers are in
    /// query order.
    pub fn resolve_batch_with<S: AsRef<str> + Sync>(
        &self,
        queries: &[S],
        options: &Options,
    ) -> Vec<Vec<Match>> {
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1);
        if threads <= 1 || queries.len() < 64 {
            return queries
                .iter()
                .map(|q| self.resolve_with(q.as_ref(), options))
                .collect();
        }
        let chunk = queries.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let handles: Vec<_> = queries
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|q| self.resolve_with(q.as_ref(), options))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            // A worker that panicked is a bug: re-raise it rather than return a partial answer.
            handles
                .into_iter()
                .flat_map(|h| match h.join() {
                    Ok(v) => v,
                    Err(e) => std::panic::resume_unwind(e),
                })
                .collect()
        })
    }
}

/// What one query has scored: each keyed form's score, and the names that cleared the bar.
#[derive(Default)]
struct Scores {
    by_signature: Vec<(u64, f64)>,
    found: Vec<(EntityId, u32, f64)>,
}
