"""namelink: find one person, place or organisation under every spelling it gets across
Azerbaijani, Turkish, Russian and English (``Sahil Babayev``, ``Сахил Бабаев``,
``Sakhil Babaev``, ``S.Babayev``, ``Sahil Babayevlə``).

The engine is the namelink Rust library; this package is its Python face. Batch calls
(:func:`compare_pairs`, :func:`keys`, :meth:`Index.resolve_many`) release the GIL and use
every core, and take lists, pandas Series, pyarrow arrays or polars Series, answering in
the same kind of container.

Errors are exceptions, one class per kind, all subclasses of :class:`NamelinkError` (a
``ValueError``): :class:`UnknownTagError`, :class:`UnknownStandardError`,
:class:`NoConversionError`, :class:`OutOfRangeError`, :class:`RegistryError`,
:class:`IndexFileError`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import _namelink
from ._namelink import (
    Comparison,
    IndexFileError,
    Matcher,
    Mention,
    NamelinkError,
    NoConversionError,
    OutOfRangeError,
    RegistryError,
    UnknownStandardError,
    UnknownTagError,
    compare,
    normalize,
    transliterate,
)

__all__ = [
    "Comparison",
    "Index",
    "IndexFileError",
    "Linker",
    "Match",
    "Matcher",
    "Mention",
    "NamelinkError",
    "NoConversionError",
    "OutOfRangeError",
    "Registry",
    "RegistryError",
    "UnknownStandardError",
    "UnknownTagError",
    "Variant",
    "compare",
    "compare_pairs",
    "keys",
    "normalize",
    "transliterate",
    "variants",
]

PathLike = Union[str, "os.PathLike[str]"]


def _as_list(values: Any) -> Tuple[List[str], Any]:
    """The strings of a list, tuple, pandas Series, pyarrow array or polars Series, and a
    function giving an answer list back in the same kind of container."""
    module = type(values).__module__.split(".")[0]
    if module == "pandas":
        import pandas as pd

        index = values.index
        return [str(v) for v in values.tolist()], lambda out, dtype=None: pd.Series(
            out, index=index, dtype=dtype
        )
    if module == "pyarrow":
        import pyarrow as pa

        if isinstance(values, pa.ChunkedArray):
            values = values.combine_chunks()
        return [str(v) for v in values.to_pylist()], lambda out, dtype=None: pa.array(out)
    if module == "polars":
        import polars as pl

        name = values.name
        return [str(v) for v in values.to_list()], lambda out, dtype=None: pl.Series(name, out)
    return [str(v) for v in values], lambda out, dtype=None: out


def compare_pairs(
    a: Any, b: Any, matcher: Optional[Matcher] = None, threads: Optional[int] = None
) -> Any:
    """The scores of ``a[i]`` against ``b[i]``, in [0, 1], on ``threads`` threads (every
    core by default; inside an engine that runs one task per core, such as Spark, pass 1).

    ``a`` and ``b`` are equally long lists, pandas Series, pyarrow arrays or polars Series;
    the answer is the same kind of container (a pandas answer keeps ``a``'s index).
    """
    la, back = _as_list(a)
    lb, _ = _as_list(b)
    m = matcher if matcher is not None else Matcher()
    return back(m.compare_pairs(la, lb, threads), "float64")


def keys(names: Any, threads: Optional[int] = None) -> Any:
    """The blocking keys of each name: two names that may match share at least one key, so
    an engine can join a table with itself (or another) on them and compare only those
    pairs. Same container in as out (lists of strings)."""
    ln, back = _as_list(names)
    return back(_namelink.keys(ln, threads))


@dataclass(frozen=True)
class Variant:
    """A spelling of a name: its text, its score against the name, and the conventions
    that give it (``ru press``, ``ru-Latn icao-9303``, ``ascii``...)."""

    text: str
    score: float
    sources: List[str]


def variants(name: str) -> List[Variant]:
    """The spellings of ``name`` that writers in az/tr/ru/en and the main romanization
    standards produce, the most widely produced first; each is a match of ``name``."""
    return [Variant(t, s, list(src)) for t, s, src in _namelink.variants(name)]


class Registry:
    """The entities names resolve to: ``{"id", "kind", "names", ...}`` records, every other
    field kept as an attribute and returned with each answer."""

    def __init__(self, inner: "_namelink.Registry") -> None:
        self._inner = inner

    @classmethod
    def from_jsonl(cls, path: PathLike) -> "Registry":
        """A registry file: JSON Lines (or CSV/TSV, by the ``.csv``/``.tsv`` extension)."""
        return cls(_namelink.Registry.load(os.fspath(path)))

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]]) -> "Registry":
        """A registry from dicts (``id``, ``kind``, ``names``, and any other fields as
        attributes). The first bad record raises :class:`RegistryError` naming it (records
        are numbered from 1, as lines)."""
        lines = [json.dumps(dict(r), ensure_ascii=False) for r in records]
        return cls(_namelink.Registry.from_jsonl_text("\n".join(lines)))

    @classmethod
    def builtin(cls) -> "Registry":
        """The built-in places: countries, capitals, large cities, az/tr regions."""
        return cls(_namelink.Registry.builtin())

    def __len__(self) -> int:
        return len(self._inner)


@dataclass(frozen=True)
class Match:
    """One resolved entity."""

    id: str
    kind: str
    name: str
    """The entity's canonical name."""
    matched: str
    """The registry name that matched (the canonical name or an alias)."""
    score: float
    explanation: str
    attributes: Dict[str, Any] = field(default_factory=dict)


def _match(m: "_namelink.Match") -> Match:
    return Match(
        m.id, m.kind, m.name, m.matched, m.score, m.explanation, json.loads(m.attributes_json)
    )


class Index:
    """A registry's names keyed for retrieval: resolves names to entities."""

    def __init__(self, registry: Registry, threshold: Optional[float] = None) -> None:
        self._inner = _namelink.Index(registry._inner, threshold)

    @classmethod
    def load(cls, path: PathLike) -> "Index":
        """An index saved by :meth:`save` or ``namelink index build``."""
        index = cls.__new__(cls)
        index._inner = _namelink.Index.load(os.fspath(path))
        return index

    @classmethod
    def load_shared(cls, path: PathLike) -> "Index":
        """:meth:`load`, once per process: later calls with the same file (same path, size
        and modification time) return the same index. For worker processes that answer many
        batches (a Spark executor's Python worker, a multiprocessing pool)."""
        p = os.fspath(path)
        st = os.stat(p)
        key = (os.path.abspath(p), st.st_size, st.st_mtime_ns)
        index = _SHARED.get(key)
        if index is None:
            index = cls.load(p)
            _SHARED[key] = index
        return index

    def save(self, path: PathLike) -> None:
        """Saves the index to ``path`` (atomically: a reader never sees half a file)."""
        self._inner.save(os.fspath(path))

    def __len__(self) -> int:
        return len(self._inner)

    def resolve(
        self,
        name: str,
        top: int = 5,
        threshold: Optional[float] = None,
        kind: Optional[str] = None,
    ) -> List[Match]:
        """The entities ``name`` names, best first: at most ``top``, each scoring at least
        ``threshold`` (the index's, 0.7 by default), of ``kind`` if given."""
        return [_match(m) for m in self._inner.resolve(name, top, threshold, kind)]

    def resolve_many(
        self,
        names: Any,
        top: int = 1,
        threshold: Optional[float] = None,
        kind: Optional[str] = None,
        threads: Optional[int] = None,
    ) -> List[List[Match]]:
        """:meth:`resolve` for every name (a list, pandas Series, pyarrow array or polars
        Series), in order, on ``threads`` threads (every core by default; inside an engine
        that runs one task per core, such as Spark, pass 1)."""
        ln, _ = _as_list(names)
        return [
            [_match(m) for m in found]
            for found in self._inner.resolve_many(ln, top, threshold, kind, threads)
        ]

    def resolve_rows(
        self,
        names: Any,
        threshold: Optional[float] = None,
        kind: Optional[str] = None,
        threads: Optional[int] = None,
    ) -> List[Tuple[int, str, str, float, str]]:
        """Each name's best entity as a row ``(position, id, name, score, explanation)``;
        names with no answer are left out. The fast path for dataframes."""
        ln, _ = _as_list(names)
        return self._inner.resolve_rows(ln, threshold, kind, threads)


_SHARED: Dict[Tuple[str, int, int], Index] = {}


class Linker:
    """Finds an index's entities in running text, through Russian case endings and
    Azerbaijani and Turkish suffixes."""

    def __init__(self, index: Index, threshold: Optional[float] = None) -> None:
        self._inner = _namelink.Linker(index._inner, threshold)

    def link(self, text: str, lang: str = "auto") -> List[Mention]:
        """The mentions in ``text``, in order. ``Mention.start`` and ``Mention.end`` are
        Python string offsets (``text[m.start:m.end] == m.text``), not bytes."""
        return self._inner.link(text, lang)
