"""compare_pairs and keys over DuckDB relations and Polars frames, as python/README.md shows."""

import duckdb
import polars as pl

import namelink


def test_polars_frame():
    df = pl.DataFrame(
        {"a": ["Sahil Babayev", "Sahib Babayev"], "b": ["Сахил Бабаев", "Sahil Babayev"]}
    )
    out = df.with_columns(
        score=namelink.compare_pairs(df["a"], df["b"]),
        keys=namelink.keys(df["a"]),
    )
    assert out["score"].to_list() == [1.0, namelink.compare("Sahib Babayev", "Sahil Babayev").score]
    assert out["keys"].dtype == pl.List(pl.String)


def arrow_table(relation):
    """A DuckDB relation as a pyarrow Table (``.arrow()`` gives a reader in newer DuckDB)."""
    t = relation.arrow()
    return t.read_all() if hasattr(t, "read_all") else t


def test_duckdb_relation():
    con = duckdb.connect()
    con.execute("CREATE TABLE people(id INTEGER, name VARCHAR)")
    con.execute(
        "INSERT INTO people VALUES (1, 'Sahil Babayev'), (2, 'Сахил Бабаев'), (3, 'Derya Yanık')"
    )
    # Keys as a column (through Arrow), a self-join on them, then compare_pairs.
    import pyarrow as pa

    people = arrow_table(con.table("people"))
    keyed = people.append_column("keys", namelink.keys(people["name"]))
    con.register("keyed", keyed)
    pairs = con.sql(
        """
        WITH k AS (SELECT id, name, unnest(keys) AS key FROM keyed)
        SELECT DISTINCT x.id AS a_id, x.name AS a, y.id AS b_id, y.name AS b
        FROM k x JOIN k y ON x.key = y.key AND x.id < y.id
        ORDER BY a_id, b_id
        """
    )
    pairs = arrow_table(pairs)
    scores = namelink.compare_pairs(pairs["a"], pairs["b"])
    assert isinstance(scores, pa.Array)
    assert pairs["a_id"].to_pylist() == [1] and pairs["b_id"].to_pylist() == [2]
    assert scores.to_pylist() == [1.0]
