"""namelink on Apache Spark: screening customers against a list, and deduplicating a table.

Both jobs are plain PySpark; namelink runs inside ``mapInPandas`` on each executor. The
same code runs in local mode on one machine and on a cluster (``spark-submit`` with the
``namelink`` wheel installed on every node).

    python examples/spark/jobs.py generate --entities 100000 --customers 1000000 --out /tmp/nl
    python examples/spark/jobs.py screen --data /tmp/nl --cores 2
    python examples/spark/jobs.py dedup --data /tmp/nl --rows 200000 --cores 2

Screening: the list's index is built once on the driver, saved, shipped to every executor
with ``SparkContext.addFile`` and loaded once per executor Python process
(``namelink.Index.load_shared``); ``mapInPandas`` hands each batch of customers to
``Index.resolve_rows`` (all the worker's cores, no GIL). Output: customer id, entity id,
score, explanation.

Deduplication: ``namelink.keys`` gives each record its blocking keys; the records are
joined on them (a key shared by more than ``max_block`` records is dropped: too common to
say anything, and quadratic); ``compare_pairs`` scores each candidate pair; pairs at or
above the threshold are edges, and connected components by iterative label propagation
(each record takes the smallest id among its neighbours' labels until nothing changes;
GraphFrames would do the same but does not install from PyPI).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path
from typing import Iterator, List, Tuple

import namelink

ROOT = Path(__file__).resolve().parents[2]
NAMES_TSV = ROOT / "data" / "names" / "names-dataset.tsv"


def name_parts() -> List[Tuple[List[str], List[str]]]:
    """Per country of names-dataset (AZ, TR, RU, US, as the benches use them): its given
    names and its surnames."""
    by_country = {}
    for line in NAMES_TSV.read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        if line.startswith("#") or len(f) != 4:
            continue
        given, surnames = by_country.setdefault(f[0], ([], []))
        (given if f[1] == "given" else surnames).append(f[3])
    return list(by_country.values())


def other_script(name: str) -> str:
    """The name as a writer of the other script would spell it (Latin -> Russian press,
    Cyrillic -> ICAO romanization)."""
    try:
        if any("\u0400" <= c <= "\u04ff" for c in name):
            return namelink.transliterate(name, "ru", "ru-Latn")
        return namelink.transliterate(name, "auto", "ru")
    except namelink.NamelinkError:
        return name


def generate(entities: int, customers: int, seed: int = 7) -> Tuple[list, list]:
    """A list of ``entities`` people (distinct names) and ``customers`` records: a third
    are listed people spelled in the other script, a third listed people as written, the
    rest random names (mostly not listed)."""
    rng = random.Random(seed)
    countries = name_parts()

    def person() -> str:
        given, surnames = rng.choice(countries)
        return f"{rng.choice(given)} {rng.choice(surnames)}"

    seen, listed = set(), []
    while len(listed) < entities:
        n = person()
        if n not in seen:
            seen.add(n)
            listed.append({"id": f"e{len(listed)}", "kind": "person", "names": [n]})
    rows = []
    for i in range(customers):
        r = i % 3
        if r == 0:
            name = other_script(rng.choice(listed)["names"][0])
        elif r == 1:
            name = rng.choice(listed)["names"][0]
        else:
            name = person()
        rows.append((f"c{i}", name))
    return listed, rows


def spark_session(cores: int, app: str = "namelink"):
    from pyspark.sql import SparkSession

    # Executors' Python workers run this interpreter (the one with namelink installed),
    # unless the environment says otherwise (on a cluster it usually does).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return (
        SparkSession.builder.master(f"local[{cores}]")
        .appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", os.environ.get("NAMELINK_SPARK_MEMORY", "4g"))
        .config("spark.sql.shuffle.partitions", str(max(2, cores * 2)))
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )


def screen(spark, customers, index_path: str, threshold=None):
    """``customers`` (a DataFrame with ``customer_id`` and ``name``) resolved against the
    saved index at ``index_path``: one row per customer with an answer."""
    import pandas as pd

    spark.sparkContext.addFile(index_path)
    file_name = os.path.basename(index_path)

    def resolve(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        from pyspark import SparkFiles

        index = namelink.Index.load_shared(SparkFiles.get(file_name))
        for batch in batches:
            # One thread: Spark already runs one task per core.
            rows = index.resolve_rows(batch["name"].tolist(), threshold, threads=1)
            positions = [r[0] for r in rows]
            yield pd.DataFrame(
                {
                    "customer_id": batch["customer_id"].iloc[positions].to_numpy(),
                    "entity_id": [r[1] for r in rows],
                    "score": [r[3] for r in rows],
                    "explanation": [r[4] for r in rows],
                }
            )

    schema = "customer_id string, entity_id string, score double, explanation string"
    return customers.mapInPandas(resolve, schema=schema)


def dedup(spark, records, threshold: float = 0.7, max_block: int = 1000, max_rounds: int = 30):
    """Clusters of ``records`` (``id``, ``name``) naming one person: (id, cluster), the
    cluster being the smallest id in it. Returns (clusters, edges)."""
    import pandas as pd
    from pyspark.sql import functions as F

    def with_keys(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for b in batches:
            yield pd.DataFrame({"id": b["id"], "key": namelink.keys(b["name"].tolist(), threads=1)})

    keyed = (
        records.mapInPandas(with_keys, schema="id string, key array<string>")
        .select("id", F.explode("key").alias("key"))
        .distinct()
    )
    common = keyed.groupBy("key").count().where(F.col("count") > max_block).select("key")
    keyed = keyed.join(common, "key", "left_anti")
    pairs = (
        keyed.alias("x")
        .join(keyed.alias("y"), (F.col("x.key") == F.col("y.key")) & (F.col("x.id") < F.col("y.id")))
        .select(F.col("x.id").alias("a"), F.col("y.id").alias("b"))
        .distinct()
    )
    named = records.select(F.col("id"), F.col("name"))
    pairs = (
        pairs.join(named.withColumnRenamed("id", "a").withColumnRenamed("name", "a_name"), "a")
        .join(named.withColumnRenamed("id", "b").withColumnRenamed("name", "b_name"), "b")
    )

    def score(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for b in batches:
            s = namelink.compare_pairs(b["a_name"].tolist(), b["b_name"].tolist(), threads=1)
            yield pd.DataFrame({"a": b["a"], "b": b["b"], "score": s})

    edges = (
        pairs.mapInPandas(score, schema="a string, b string, score double")
        .where(F.col("score") >= threshold)
        .cache()
    )
    # Connected components: every record starts as its own label; each round it takes the
    # smallest label among itself and its neighbours, until no label changes.
    both = edges.select("a", "b").union(edges.select(F.col("b").alias("a"), F.col("a").alias("b")))
    labels = records.select("id", F.col("id").alias("label")).localCheckpoint()
    for _ in range(max_rounds):
        offered = both.join(labels, both.a == labels.id).select(
            F.col("b").alias("id"), F.col("label").alias("offer")
        )
        # (Checkpointed each round: the plan would otherwise grow with every round.)
        new = (
            labels.join(offered, "id", "left")
            .groupBy("id")
            .agg(F.least(F.first("label"), F.min("offer")).alias("label"))
            .localCheckpoint()
        )
        changed = new.join(labels.withColumnRenamed("label", "old"), "id").where(
            F.col("label") != F.col("old")
        ).count()
        labels = new
        if changed == 0:
            break
    return labels.withColumnRenamed("label", "cluster"), edges


def main(argv: List[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="job", required=True)
    g = sub.add_parser("generate", help="write entities.jsonl and customers.tsv")
    g.add_argument("--entities", type=int, default=100_000)
    g.add_argument("--customers", type=int, default=1_000_000)
    g.add_argument("--out", required=True)
    s = sub.add_parser("screen", help="resolve customers.tsv against entities.jsonl")
    s.add_argument("--data", required=True)
    s.add_argument("--cores", type=int, default=2)
    d = sub.add_parser("dedup", help="cluster the first ROWS customers")
    d.add_argument("--data", required=True)
    d.add_argument("--rows", type=int, default=100_000)
    d.add_argument("--cores", type=int, default=2)
    args = ap.parse_args(argv)

    if args.job == "generate":
        import json

        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        listed, rows = generate(args.entities, args.customers)
        with open(out / "entities.jsonl", "w", encoding="utf-8") as f:
            for e in listed:
                f.write(json.dumps(e, ensure_ascii=False) + "\n")
        with open(out / "customers.tsv", "w", encoding="utf-8") as f:
            f.write("customer_id\tname\n")
            for cid, name in rows:
                f.write(f"{cid}\t{name}\n")
        print(f"{len(listed)} entities, {len(rows)} customers in {out}")
        return 0

    data = Path(args.data)
    spark = spark_session(args.cores)
    customers = spark.read.csv(str(data / "customers.tsv"), sep="\t", header=True)
    if args.job == "screen":
        started = time.perf_counter()
        index = namelink.Index(namelink.Registry.from_jsonl(data / "entities.jsonl"))
        index_path = str(data / "entities.idx")
        index.save(index_path)
        built = time.perf_counter() - started
        n = customers.count()
        started = time.perf_counter()
        found = screen(spark, customers, index_path)
        out = data / f"screened-{args.cores}"
        found.write.mode("overwrite").parquet(str(out))
        secs = time.perf_counter() - started
        hits = spark.read.parquet(str(out)).count()
        print(
            f"screen: {n} customers against {len(index)} entities on {args.cores} core(s): "
            f"index built and saved in {built:.1f} s ({os.path.getsize(index_path) / 2**20:.1f} MiB); "
            f"{hits} matched in {secs:.1f} s: {n / secs:,.0f} customers/s, "
            f"{n / secs / args.cores:,.0f} per core"
        )
    else:
        records = customers.limit(args.rows).select(
            customers.customer_id.alias("id"), customers.name
        ).cache()
        n = records.count()
        started = time.perf_counter()
        clusters, edges = dedup(spark, records)
        k = clusters.select("cluster").distinct().count()
        m = edges.count()
        secs = time.perf_counter() - started
        print(
            f"dedup: {n} records on {args.cores} core(s): {m} matching pairs, {k} clusters "
            f"in {secs:.1f} s ({n / secs:,.0f} records/s)"
        )
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
