"""Load, reach and audit throughput at several scales, on the embedded store and optionally Neo4j.

    python benchmarks/run.py --households 100000 1000000 [--neo4j bolt://127.0.0.1:7687] [--baseline]

For each scale it generates a dataset (benchmarks/generate.py) unless one is cached under
``--data``, then times, in this process:

* ``load``: read + validate + write into a fresh store (``lianjie load``'s work), and again
  into the same store (the idempotent reload);
* ``reach`` and ``audit`` over the loaded store;
* with ``--baseline``: the embedded database's raw bulk COPY of the same rows into an
  untyped schema, and plain variable-length Cypher for all-channel reach, for comparison.

Timings are wall-clock on this machine; run twice and quote the spread.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from generate import generate

from lianjie.graph import open_store
from lianjie.loaders import read_dataset
from lianjie.queries import audit, reach


def _timed(label: str, fn, rows: int | None = None):
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    rate = f"  {rows / elapsed:>12,.0f} rows/s" if rows else ""
    print(f"  {label:<34} {elapsed:8.2f} s{rate}", flush=True)
    return result, elapsed


def dataset(households: int, data_dir: Path) -> Path:
    folder = data_dir / f"h{households}"
    if not (folder / "links.csv").exists():
        nodes, links = generate(households)
        folder.mkdir(parents=True, exist_ok=True)
        nodes.to_csv(folder / "nodes.csv", index=False)
        links.to_csv(folder / "links.csv", index=False)
    return folder


def bench_store(location: str, folder: Path) -> None:
    with open_store(location) as store:
        if store.kind != "embedded":
            store.reset()
        ds, _ = _timed("read + validate", lambda: read_dataset([folder], store.onto, store))
        rows = ds.node_count + ds.link_count
        _timed(f"write ({ds.node_count:,} nodes, {ds.link_count:,} links)", lambda: store.write(ds), rows)
        _timed("reload (read + validate + write)", lambda: store.write(read_dataset([folder], store.onto, store)), rows)
        reached, _ = _timed("reach (all channels)", lambda: reach(store))
        result, _ = _timed("audit", lambda: audit(store))
        print(
            f"  -> {len(reached)} channels; {result['poor_households']:,} poor households, "
            f"{len(result['uncovered_poor']):,} uncovered, {len(result['single_channel_poor']):,} fragile"
        )


def bench_baseline(folder: Path, work: Path) -> None:
    import ladybug

    db_path = work / "raw.db"
    db = ladybug.Database(str(db_path))
    conn = ladybug.Connection(db)
    conn.execute("CREATE NODE TABLE N(id STRING PRIMARY KEY, type STRING, name STRING)")
    conn.execute("CREATE REL TABLE L(FROM N TO N, type STRING)")

    def copy() -> None:
        conn.execute(f"COPY N FROM (LOAD FROM '{folder / 'nodes.csv'}' (header=true) RETURN id, type, name)")
        conn.execute(f"COPY L FROM (LOAD FROM '{folder / 'links.csv'}' (header=true) RETURN source, target, type)")

    _timed("baseline: raw bulk COPY", copy)
    market = "['SUPPLIES','MEMBER_OF','EMPLOYED_BY','LEASES_LAND_TO','HOLDS_SHARES_IN','SELLS_THROUGH']"
    query = (
        f"MATCH (h:N)-[e:L*1..8 (r, n | WHERE list_contains({market}, r.type))]->(c:N) "
        "WHERE h.type = 'Household' AND c.type = 'Channel' RETURN c.id, count(DISTINCT h)"
    )
    _timed("baseline: plain Cypher reach", lambda: conn.execute(query).get_all())
    conn.close()
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, nargs="+", default=[100_000])
    parser.add_argument("--data", type=Path, default=Path(__file__).parent / "data")
    parser.add_argument("--neo4j", default=None, help="also benchmark this Neo4j URI (its data is replaced)")
    parser.add_argument("--baseline", action="store_true", help="also time the raw bulk copy and plain Cypher")
    args = parser.parse_args()
    for households in args.households:
        folder, _ = _timed(f"generate {households:,} households", lambda h=households: dataset(h, args.data))
        work = Path(tempfile.mkdtemp(prefix="lianjie-bench-"))
        try:
            print(f"embedded store, {households:,} households")
            bench_store(str(work / "store.db"), folder)
            if args.baseline:
                bench_baseline(folder, work)
            if args.neo4j:
                print(f"neo4j store, {households:,} households")
                bench_store(args.neo4j, folder)
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
