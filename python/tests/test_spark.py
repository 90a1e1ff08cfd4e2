"""The Spark jobs of examples/spark/jobs.py in local[2] mode: the same answers as the library's
own on the same inputs."""

import importlib.util
from pathlib import Path

import pytest

import namelink

pyspark = pytest.importorskip("pyspark")

JOBS = Path(__file__).resolve().parents[2] / "examples" / "spark" / "jobs.py"
spec = importlib.util.spec_from_file_location("namelink_spark_jobs", JOBS)
jobs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(jobs)


@pytest.fixture(scope="module")
def spark():
    s = jobs.spark_session(2, "namelink-test")
    yield s
    s.stop()


def test_screening_20k_customers_equals_the_library(spark, tmp_path):
    listed, rows = jobs.generate(2_000, 20_000)
    index = namelink.Index(namelink.Registry.from_records(listed))
    path = str(tmp_path / "list.idx")
    index.save(path)
    customers = spark.createDataFrame(rows, "customer_id string, name string").repartition(4)
    got = {
        r.customer_id: (r.entity_id, round(r.score, 9))
        for r in jobs.screen(spark, customers, path).collect()
    }
    names = [n for _, n in rows]
    want = {
        rows[pos][0]: (eid, round(score, 9))
        for pos, eid, _, score, _ in index.resolve_rows(names)
    }
    assert got == want
    assert len(got) > 10_000  # two thirds of the customers are listed people


def test_dedup_clusters_equal_a_union_find_on_the_same_pairs(spark):
    _, rows = jobs.generate(300, 1_500, seed=11)
    records = spark.createDataFrame(rows, "id string, name string")
    clusters, edges = jobs.dedup(spark, records)
    got = {r.id: r.cluster for r in clusters.collect()}
    # The same pairs computed in Python: shared keys, compare_pairs, union-find.
    keys = namelink.keys([n for _, n in rows])
    by_key = {}
    for (rid, _), ks in zip(rows, keys):
        for k in ks:
            by_key.setdefault(k, []).append(rid)
    cand = sorted({(a, b) for ids in by_key.values() for a in ids for b in ids if a < b})
    name = dict(rows)
    scores = namelink.compare_pairs([name[a] for a, _ in cand], [name[b] for _, b in cand])
    parent = {rid: rid for rid, _ in rows}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (a, b), s in zip(cand, scores):
        if s >= 0.7:
            ra, rb = find(a), find(b)
            parent[max(ra, rb)] = min(ra, rb)
    want = {rid: min((r for r, _ in rows if find(r) == find(rid))) for rid, _ in rows}
    assert got == want
    assert edges.count() == sum(1 for s in scores if s >= 0.7)
    assert len(set(got.values())) < len(rows)  # the listed people's spellings cluster
