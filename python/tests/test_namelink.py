"""The Python API: the Rust README's examples, errors as exceptions, spans as str offsets."""

import json

import pytest

import namelink
from namelink import (
    Index,
    Linker,
    Matcher,
    Registry,
    compare,
    compare_pairs,
    keys,
    normalize,
    transliterate,
)

PEOPLE = [
    {"id": "babayev-sahil", "kind": "person", "names": ["Sahil Babayev"], "dob": "1980"},
    {"id": "babayev-sahib", "kind": "person", "names": ["Sahib Babayev"]},
    {"id": "aliyev-anar", "kind": "person", "names": ["Anar Əliyev"]},
]


def test_transliterate_and_normalize():
    assert transliterate("Sahil Babayev", "az", "ru") == "Сахил Бабаев"
    assert transliterate("Сахил Бабаев", "ru", "ru-Latn") == "Sakhil Babaev"
    assert transliterate("Сахил Бабаев", "ru", "ru-Latn", standard="wikipedia") == "Sakhil Babayev"
    assert transliterate("Sahil Babayev", "auto", "ru") == "Сахил Бабаев"
    assert normalize("S.Babayev  Аliyev", lang="az") == "s.babayev  aliyev"


def test_errors_are_exceptions_one_class_per_kind():
    with pytest.raises(namelink.UnknownTagError):
        transliterate("x", "xx", "ru")
    with pytest.raises(namelink.UnknownStandardError):
        transliterate("x", "ru", "ru-Latn", standard="nope")
    with pytest.raises(namelink.NoConversionError) as e:
        transliterate("Patricia Bradshaw", "auto", "az-Cyrl")
    assert "en" in str(e.value)
    with pytest.raises(namelink.OutOfRangeError):
        Matcher(threshold=1.5)
    with pytest.raises(namelink.RegistryError) as e:
        Registry.from_records([{"id": "a", "kind": "person", "names": []}])
    assert "line 1" in str(e.value)
    with pytest.raises(namelink.IndexFileError):
        Index.load(__file__)
    assert issubclass(namelink.RegistryError, namelink.NamelinkError)
    assert issubclass(namelink.NamelinkError, ValueError)


def test_compare():
    c = compare("Sakhil Babaev", "Sahil Babayev")
    assert c.is_match and c.score == 1.0
    assert c.explanation == "babaev~babayev: ye=e [1.00]; sakhil~sahil: kh=h [1.00]"
    assert ("sakhil", "sahil", 1.0, "same-key") in [(a.lower(), b.lower(), s, r) for a, b, s, r in c.pairs]
    assert not compare("Leyla Əliyeva", "Leyla Əliyev").is_match
    assert Matcher(threshold=0.6).compare("Sahil Babayev", "Sahib Babayev").is_match


def test_batch_calls_on_lists_pandas_and_pyarrow():
    import pandas as pd
    import pyarrow as pa

    a = ["Sahil Babayev", "Sahib Babayev", "Anar Əliyev"]
    b = ["Сахил Бабаев", "Sahil Babayev", "Анаром Алиевым"]
    scores = compare_pairs(a, b)
    assert scores == [compare(x, y).score for x, y in zip(a, b)]
    s = compare_pairs(pd.Series(a, index=[10, 11, 12]), pd.Series(b))
    assert list(s.index) == [10, 11, 12] and list(s) == scores
    arr = compare_pairs(pa.array(a), pa.array(b))
    assert arr.to_pylist() == scores
    with pytest.raises(ValueError):
        compare_pairs(a, b[:2])
    k = keys(a + ["Сахил Бабаев"])
    assert set(k[0]) & set(k[3])
    assert not set(k[0]) & set(k[2])
    assert list(keys(pd.Series(a))) == k[:3]


def test_registry_index_resolve_save_load(tmp_path):
    index = Index(Registry.from_records(PEOPLE))
    found = index.resolve("Сахил Бабаев")
    assert [m.id for m in found] == ["babayev-sahil"]
    assert found[0].attributes == {"dob": "1980"}
    assert found[0].kind == "person" and found[0].matched == "Sahil Babayev"
    assert index.resolve("Анаром Алиевым", top=1)[0].id == "aliyev-anar"
    assert index.resolve("Leyla Əliyeva") == []
    path = tmp_path / "people.idx"
    index.save(path)
    again = Index.load(path)
    names = ["Sakhil Babaev", "А. Алиев", "Derya Yanık"] * 200
    assert [[m.id for m in f] for f in again.resolve_many(names)] == [
        [m.id for m in index.resolve(n, top=1)] for n in names
    ]
    rows = again.resolve_rows(names[:3])
    assert [r[:2] for r in rows] == [(0, "babayev-sahil"), (1, "aliyev-anar")]
    reg = tmp_path / "people.jsonl"
    reg.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in PEOPLE), encoding="utf-8")
    assert len(Index(Registry.from_jsonl(reg))) == 3


def test_link_spans_are_python_string_offsets():
    index = Index(Registry.from_records(PEOPLE))
    text = "Azərbaycanın naziri Sahil Babayevlə görüşüb. S.Babayev çıxış edib."
    mentions = Linker(index).link(text)
    assert [text[m.start : m.end] for m in mentions] == ["Sahil Babayevlə", "S.Babayev"]
    assert all(m.text == text[m.start : m.end] for m in mentions)
    assert all(m.id == "babayev-sahil" for m in mentions)
    # Namesakes: one ambiguous mention with both candidates.
    twins = Index(
        Registry.from_records(
            [
                {"id": "a", "kind": "person", "names": ["Sahil Babayev"]},
                {"id": "b", "kind": "person", "names": ["Sahil Babayev"]},
            ]
        )
    )
    m = Linker(twins).link("Nazir Sahil Babayev gəldi.")
    assert len(m) == 1 and m[0].id is None
    assert [c[0] for c in m[0].candidates] == ["a", "b"]


def test_builtin_places_and_variants():
    index = Index(Registry.builtin())
    assert index.resolve("Анкара", top=1)[0].id == "city-tr-ankara"
    assert index.resolve("Анкара", kind="person") == []
    v = namelink.variants("Sahil Babayev")
    assert len(v) >= 8 and v[0].text == "Sahil Babayev"
    assert all(compare("Sahil Babayev", x.text).is_match for x in v)
