//! namelink for Python: the `namelink._namelink` extension module behind the `namelink`
//! package (see `namelink/__init__.py` for the Pythonic API built on it).
//!
//! Batch calls (`compare_pairs`, `keys`, `Index.resolve_many`) release the GIL and use every
//! core. Errors become one Python exception class per [`namelink::ErrorKind`], all
//! subclasses of `NamelinkError` (itself a `ValueError`).

use std::sync::Arc;

use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;

use namelink::index::Index;
use namelink::lang::{Lang, Tag};
use namelink::link::Linker as RustLinker;
use namelink::matcher::Matcher as RustMatcher;
use namelink::registry::{EntityKind, Registry as RustRegistry};
use namelink::resolve::{Match as RustMatch, Options};
use namelink::{Error, ErrorKind};

create_exception!(
    _namelink,
    NamelinkError,
    PyValueError,
    "Any namelink error."
);
create_exception!(
    _namelink,
    UnknownTagError,
    NamelinkError,
    "An unknown language tag."
);
create_exception!(
    _namelink,
    UnknownStandardError,
    NamelinkError,
    "An unknown standard for a pair of languages."
);
create_exception!(
    _namelink,
    NoConversionError,
    NamelinkError,
    "No conversion between two languages."
);
create_exception!(
    _namelink,
    OutOfRangeError,
    NamelinkError,
    "A setting outside its range."
);
create_exception!(
    _namelink,
    RegistryError,
    NamelinkError,
    "A registry that cannot be read (the message names the line)."
);
create_exception!(
    _namelink,
    IndexFileError,
    NamelinkError,
    "An index file that cannot be read or written."
);

/// The Python exception for a namelink error.
fn to_py(e: impl Into<Error>) -> PyErr {
    let e: Error = e.into();
    let message = e.to_string();
    match e.kind() {
        ErrorKind::UnknownTag => UnknownTagError::new_err(message),
        ErrorKind::UnknownStandard => UnknownStandardError::new_err(message),
        ErrorKind::NoConversion => NoConversionError::new_err(message),
        ErrorKind::OutOfRange => OutOfRangeError::new_err(message),
        ErrorKind::Registry => RegistryError::new_err(message),
        ErrorKind::IndexFile => IndexFileError::new_err(message),
        _ => NamelinkError::new_err(message),
    }
}

fn tag(s: &str) -> PyResult<Tag> {
    s.parse::<Tag>().map_err(to_py)
}

fn lang(s: &str) -> PyResult<Lang> {
    let t = tag(s)?;
    Ok(if t == Tag::AUTO { Lang::Auto } else { t.lang })
}

/// Runs `f` over `items` on `threads` threads (every core when `None`), in order, without
/// the GIL.
fn parallel<T: Sync, R: Send>(
    py: Python<'_>,
    items: &[T],
    threads: Option<usize>,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    py.detach(|| {
        let threads = threads
            .filter(|&n| n > 0)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        if threads <= 1 || items.len() < 256 {
            return items.iter().map(&f).collect();
        }
        let chunk = items.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let handles: Vec<_> = items
                .chunks(chunk)
                .map(|part| {
                    let f = &f;
                    scope.spawn(move || part.iter().map(f).collect::<Vec<R>>())
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| match h.join() {
                    Ok(v) => v,
                    Err(e) => std::panic::resume_unwind(e),
                })
                .collect()
        })
    })
}

/// Transliterates `text` from `source` to `target` (BCP 47 tags: az, az-Cyrl, tr, ru,
/// ru-Latn, en; `auto` as source detects), under `standard` when given.
#[pyfunction]
#[pyo3(signature = (text, source, target, standard=None))]
fn transliterate(
    text: &str,
    source: &str,
    target: &str,
    standard: Option<&str>,
) -> PyResult<String> {
    let (from, to) = (tag(source)?, tag(target)?);
    let t = match standard {
        Some(s) => namelink::translit::Transliterator::with_standard(from, to, s),
        None => namelink::translit::Transliterator::new(from, to),
    }
    .map_err(to_py)?;
    t.try_transliterate(text)
        .map(|c| c.into_owned())
        .map_err(to_py)
}

/// `text` normalized: case folded (Turkic-aware), Unicode composed, invisible characters
/// and homoglyphs cleaned.
#[pyfunction]
#[pyo3(signature = (text, lang="auto"))]
fn normalize(text: &str, lang: &str) -> PyResult<String> {
    Ok(namelink::normalize::normalize(text, self::lang(lang)?).text)
}

/// The outcome of comparing two names.
#[pyclass(frozen, get_all, module = "namelink")]
struct Comparison {
    /// Score in [0, 1].
    score: f64,
    /// Whether the score reaches the matcher's threshold.
    is_match: bool,
    /// Why, as text.
    explanation: String,
    /// Why, part by part: (part of a, part of b, score, reason).
    pairs: Vec<(String, String, f64, String)>,
}

#[pymethods]
impl Comparison {
    fn __repr__(&self) -> String {
        format!(
            "Comparison(score={:.4}, is_match={}, explanation={:?})",
            self.score,
            if self.is_match { "True" } else { "False" },
            self.explanation
        )
    }
}

fn comparison(c: namelink::matcher::Comparison) -> Comparison {
    Comparison {
        score: c.score,
        is_match: c.is_match,
        explanation: c.explanation.to_string(),
        pairs: c
            .explanation
            .pairs
            .iter()
            .map(|p| {
                (
                    p.a.clone(),
                    p.b.clone(),
                    p.score,
                    p.reason.as_str().to_string(),
                )
            })
            .collect(),
    }
}

/// Compares names; `threshold` (default 0.7) decides what is a match.
#[pyclass(frozen, module = "namelink")]
struct Matcher {
    inner: RustMatcher,
}

#[pymethods]
impl Matcher {
    #[new]
    #[pyo3(signature = (threshold=None))]
    fn new(threshold: Option<f64>) -> PyResult<Matcher> {
        let mut b = RustMatcher::builder();
        if let Some(t) = threshold {
            b.threshold(t).map_err(to_py)?;
        }
        Ok(Matcher { inner: b.build() })
    }

    /// The decision threshold.
    #[getter]
    fn threshold(&self) -> f64 {
        self.inner.threshold()
    }

    /// Compares two names.
    fn compare(&self, a: &str, b: &str) -> Comparison {
        comparison(self.inner.compare(a, b))
    }

    /// The scores of `a[i]` against `b[i]`, on `threads` threads (every core by default).
    #[pyo3(signature = (a, b, threads=None))]
    fn compare_pairs(
        &self,
        py: Python<'_>,
        a: Vec<String>,
        b: Vec<String>,
        threads: Option<usize>,
    ) -> PyResult<Vec<f64>> {
        compare_pairs_with(py, &self.inner, a, b, threads)
    }
}

fn compare_pairs_with(
    py: Python<'_>,
    m: &RustMatcher,
    a: Vec<String>,
    b: Vec<String>,
    threads: Option<usize>,
) -> PyResult<Vec<f64>> {
    if a.len() != b.len() {
        return Err(PyValueError::new_err(format!(
            "compare_pairs: {} names against {}: the lists must be as long",
            a.len(),
            b.len()
        )));
    }
    let pairs: Vec<(String, String)> = a.into_iter().zip(b).collect();
    Ok(parallel(py, &pairs, threads, |(x, y)| {
        m.compare(x, y).score
    }))
}

/// Compares two names with the default matcher.
#[pyfunction]
fn compare(a: &str, b: &str) -> Comparison {
    comparison(namelink::matcher::compare(a, b))
}

/// The scores of `a[i]` against `b[i]` (default matcher), on `threads` threads (every
/// core by default).
#[pyfunction]
#[pyo3(signature = (a, b, threads=None))]
fn compare_pairs(
    py: Python<'_>,
    a: Vec<String>,
    b: Vec<String>,
    threads: Option<usize>,
) -> PyResult<Vec<f64>> {
    compare_pairs_with(py, &RustMatcher::new(), a, b, threads)
}

/// The blocking keys of each name: two names that may match share at least one.
#[pyfunction]
#[pyo3(signature = (names, threads=None))]
fn keys(py: Python<'_>, names: Vec<String>, threads: Option<usize>) -> Vec<Vec<String>> {
    parallel(py, &names, threads, |n| namelink::index::blocking_keys(n))
}

/// The spellings of a name to search for elsewhere: (spelling, score, sources).
#[pyfunction]
fn variants(name: &str) -> Vec<(String, f64, Vec<String>)> {
    namelink::variants::variants(name)
        .into_iter()
        .map(|v| (v.text, v.score, v.sources))
        .collect()
}

/// Entities to resolve names to.
#[pyclass(module = "namelink")]
struct Registry {
    inner: Option<RustRegistry>,
}

#[pymethods]
impl Registry {
    /// A registry read from JSON Lines text.
    #[staticmethod]
    fn from_jsonl_text(text: &str) -> PyResult<Registry> {
        Ok(Registry {
            inner: Some(RustRegistry::from_jsonl_str(text).map_err(to_py)?),
        })
    }

    /// A registry file (JSON Lines, or CSV/TSV by its extension).
    #[staticmethod]
    fn load(path: std::path::PathBuf) -> PyResult<Registry> {
        Ok(Registry {
            inner: Some(RustRegistry::load(&path).map_err(to_py)?),
        })
    }

    /// The built-in places (countries, capitals, large cities, az/tr regions).
    #[staticmethod]
    fn builtin() -> Registry {
        Registry {
            inner: Some(RustRegistry::builtin()),
        }
    }

    fn __len__(&self) -> usize {
        self.inner.as_ref().map_or(0, |r| r.len())
    }
}

/// One resolved entity.
#[pyclass(frozen, get_all, module = "namelink")]
struct Match {
    /// The entity's id.
    id: String,
    /// person, organization, place or other.
    kind: String,
    /// Its canonical name.
    name: String,
    /// The registry name that matched.
    matched: String,
    /// Score in [0, 1].
    score: f64,
    /// Why, as text.
    explanation: String,
    /// Its attributes from the registry, as JSON text (the Python API gives a dict).
    attributes_json: String,
}

#[pymethods]
impl Match {
    fn __repr__(&self) -> String {
        format!(
            "Match(id={:?}, name={:?}, score={:.4})",
            self.id, self.name, self.score
        )
    }
}

fn to_match(m: RustMatch) -> Match {
    Match {
        id: m.id,
        kind: m.kind.as_str().to_string(),
        name: m.name,
        matched: m.matched,
        score: m.score,
        explanation: m.explanation.to_string(),
        attributes_json: serde_json::Value::Object(m.attributes).to_string(),
    }
}

fn options(top: usize, threshold: Option<f64>, kind: Option<&str>) -> PyResult<Options> {
    if top == 0 {
        return Err(PyValueError::new_err("top must be at least 1"));
    }
    let mut o = Options::new().top(top);
    if let Some(t) = threshold {
        if !(0.0..=1.0).contains(&t) {
            return Err(OutOfRangeError::new_err(format!(
                "threshold must be in [0, 1], got {t}"
            )));
        }
        o = o.min_score(t);
    }
    if let Some(k) = kind {
        o = o.kind(EntityKind::parse(k).ok_or_else(|| {
            PyValueError::new_err(format!(
                "kind {k:?}: expected person, organization, place or other"
            ))
        })?);
    }
    Ok(o)
}

/// A registry's names, keyed for retrieval; resolves names to entities.
#[pyclass(frozen, name = "Index", module = "namelink")]
struct IndexPy {
    inner: Arc<Index>,
}

#[pymethods]
impl IndexPy {
    /// Builds the index of `registry` (which is consumed: the index keeps its entities).
    #[new]
    #[pyo3(signature = (registry, threshold=None))]
    fn new(py: Python<'_>, registry: &mut Registry, threshold: Option<f64>) -> PyResult<IndexPy> {
        let r = registry
            .inner
            .take()
            .ok_or_else(|| PyValueError::new_err("this Registry was already indexed"))?;
        let mut b = RustMatcher::builder();
        if let Some(t) = threshold {
            b.threshold(t).map_err(to_py)?;
        }
        let matcher = b.build();
        let index = py.detach(|| Index::builder().matcher(matcher).build(r));
        Ok(IndexPy {
            inner: Arc::new(index),
        })
    }

    /// An index saved by `save` (or `namelink index build`).
    #[staticmethod]
    fn load(py: Python<'_>, path: std::path::PathBuf) -> PyResult<IndexPy> {
        let index = py.detach(|| Index::load_file(&path)).map_err(to_py)?;
        Ok(IndexPy {
            inner: Arc::new(index),
        })
    }

    /// Saves the index to `path`, atomically.
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        py.detach(|| self.inner.save_file(&path))
            .map_err(|e| match e {
                namelink::index::IndexFileError::Io(io) => PyOSError::new_err(io.to_string()),
                other => to_py(other),
            })
    }

    /// How many entities.
    fn __len__(&self) -> usize {
        self.inner.entity_count()
    }

    /// The entities `name` names, best first.
    #[pyo3(signature = (name, top=5, threshold=None, kind=None))]
    fn resolve(
        &self,
        py: Python<'_>,
        name: &str,
        top: usize,
        threshold: Option<f64>,
        kind: Option<&str>,
    ) -> PyResult<Vec<Match>> {
        let o = options(top, threshold, kind)?;
        let found = py.detach(|| self.inner.resolve_with(name, &o));
        Ok(found.into_iter().map(to_match).collect())
    }

    /// `resolve` for each name, on `threads` threads (every core by default), in order.
    #[pyo3(signature = (names, top=1, threshold=None, kind=None, threads=None))]
    fn resolve_many(
        &self,
        py: Python<'_>,
        names: Vec<String>,
        top: usize,
        threshold: Option<f64>,
        kind: Option<&str>,
        threads: Option<usize>,
    ) -> PyResult<Vec<Vec<Match>>> {
        let o = options(top, threshold, kind)?;
        let found = parallel(py, &names, threads, |n| self.inner.resolve_with(n, &o));
        Ok(found
            .into_iter()
            .map(|v| v.into_iter().map(to_match).collect())
            .collect())
    }

    /// The rows of `resolve_many` for a table: (row, id, name, score, explanation) for each
    /// name's best entity; names with none are left out. For dataframes.
    #[pyo3(signature = (names, threshold=None, kind=None, threads=None))]
    fn resolve_rows(
        &self,
        py: Python<'_>,
        names: Vec<String>,
        threshold: Option<f64>,
        kind: Option<&str>,
        threads: Option<usize>,
    ) -> PyResult<Vec<Row>> {
        let o = options(1, threshold, kind)?;
        let found = parallel(py, &names, threads, |n| self.inner.resolve_with(n, &o));
        Ok(found
            .into_iter()
            .enumerate()
            .filter_map(|(i, v)| {
                v.into_iter()
                    .next()
                    .map(|m| (i, m.id, m.name, m.score, m.explanation.to_string()))
            })
            .collect())
    }
}

/// A row of `resolve_rows`: (row, id, name, score, explanation).
type Row = (usize, String, String, f64, String);

/// One mention in a text. `start` and `end` are Python string offsets (code points).
#[pyclass(frozen, get_all, module = "namelink")]
struct Mention {
    start: usize,
    end: usize,
    text: String,
    /// The entity's id; None when the mention is ambiguous (see `candidates`).
    id: Option<String>,
    name: String,
    kind: String,
    score: f64,
    explanation: String,
    /// For an ambiguous mention, every entity it may name: (id, name, score).
    candidates: Vec<(String, String, f64)>,
}

#[pymethods]
impl Mention {
    fn __repr__(&self) -> String {
        format!(
            "Mention(start={}, end={}, text={:?}, id={:?}, score={:.4})",
            self.start, self.end, self.text, self.id, self.score
        )
    }
}

/// Finds an index's entities in running text.
#[pyclass(frozen, module = "namelink")]
struct Linker {
    inner: RustLinker<'static>,
}

#[pymethods]
impl Linker {
    #[new]
    #[pyo3(signature = (index, threshold=None))]
    fn new(py: Python<'_>, index: &IndexPy, threshold: Option<f64>) -> PyResult<Linker> {
        let shared = Arc::clone(&index.inner);
        let mut inner = py.detach(|| RustLinker::shared(shared));
        if let Some(t) = threshold {
            inner = inner.with_threshold(t).map_err(to_py)?;
        }
        Ok(Linker { inner })
    }

    /// The mentions in `text`, in order; spans are Python string offsets.
    #[pyo3(signature = (text, lang="auto"))]
    fn link(&self, py: Python<'_>, text: &str, lang: &str) -> PyResult<Vec<Mention>> {
        let l = self::lang(lang)?;
        let found: Vec<_> = py.detach(|| self.inner.link(text, l).collect());
        // Byte offsets to code-point offsets, in one pass over the text.
        let mut bounds: Vec<usize> = found
            .iter()
            .flat_map(|m| [m.span.start, m.span.end])
            .collect();
        bounds.sort_unstable();
        bounds.dedup();
        let mut at = std::collections::HashMap::with_capacity(bounds.len());
        let mut next = bounds.iter().peekable();
        let ends = text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')));
        for (chars, (byte, _)) in ends.enumerate() {
            while let Some(&&b) = next.peek() {
                if b > byte {
                    break;
                }
                at.insert(b, chars);
                next.next();
            }
        }
        Ok(found
            .into_iter()
            .map(|m| Mention {
                start: at.get(&m.span.start).copied().unwrap_or(0),
                end: at.get(&m.span.end).copied().unwrap_or(0),
                id: (!m.is_ambiguous()).then(|| m.id.clone()),
                candidates: m
                    .candidates
                    .iter()
                    .map(|r| (r.id.clone(), r.name.clone(), r.score))
                    .collect(),
                text: m.text,
                name: m.name,
                kind: m.kind.as_str().to_string(),
                score: m.score,
                explanation: m.explanation.to_string(),
            })
            .collect())
    }
}

#[pymodule]
fn _namelink(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(transliterate, m)?)?;
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add_function(wrap_pyfunction!(compare, m)?)?;
    m.add_function(wrap_pyfunction!(compare_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(keys, m)?)?;
    m.add_function(wrap_pyfunction!(variants, m)?)?;
    m.add_class::<Comparison>()?;
    m.add_class::<Matcher>()?;
    m.add_class::<Registry>()?;
    m.add_class::<Match>()?;
    m.add_class::<IndexPy>()?;
    m.add_class::<Mention>()?;
    m.add_class::<Linker>()?;
    m.add("NamelinkError", py.get_type::<NamelinkError>())?;
    m.add("UnknownTagError", py.get_type::<UnknownTagError>())?;
    m.add(
        "UnknownStandardError",
        py.get_type::<UnknownStandardError>(),
    )?;
    m.add("NoConversionError", py.get_type::<NoConversionError>())?;
    m.add("OutOfRangeError", py.get_type::<OutOfRangeError>())?;
    m.add("RegistryError", py.get_type::<RegistryError>())?;
    m.add("IndexFileError", py.get_type::<IndexFileError>())?;
    Ok(())
}
