"""Load and audit throughput at several scales, end to end from the command line.

    python benchmarks/run.py --households 100000 1000000 10000000 [--baseline] [--repeat N] [--neo4j URI]

For each scale it generates a dataset (benchmarks/generate.py) unless one is cached under
``--data``, then times, each as its own ``lianjie`` process (start-up included, as a user
sees it):

* ``lianjie load`` into a fresh embedded store, and again into the same store (the
  idempotent reload);
* ``lianjie audit`` (twice: a cold and a warm file cache) and ``lianjie reach``;
* with ``--baseline``: the embedded database's raw bulk COPY of the same rows (nodes, links
  and the village column's links) into an untyped schema, and plain variable-length Cypher
  for all-channel reach (stopped after ``--cypher-timeout`` seconds), for comparison;
* with ``--neo4j URI``: the same load and audit against that server (its data is replaced).

It prints wall time, throughput and peak memory (max RSS) of each step, and the targets
of the analytics issue beside them. Timings are wall-clock on a shared machine whose
speed drifts: a reference workload is timed before and after each scale, and with
``--repeat N`` every step (the raw copy too) runs N times and the best time of each is
judged, the usual way to see through such noise; the worst is printed beside it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate

#: Targets, in seconds, from the analytics issue (households -> audit end to end).
AUDIT_TARGET = {1_000_000: 2.0, 10_000_000: 30.0}
#: ``lianjie load`` may take at most this many times the raw bulk copy (households -> factor).
LOAD_FACTOR = {1_000_000: 3.0}


def _lianjie() -> list[str]:
    exe = shutil.which("lianjie")
    return [exe] if exe else [sys.executable, "-m", "lianjie.cli"]


def run_cli(label: str, args: list[str], rows: int | None = None) -> float:
    """Run one ``lianjie`` command, discard its output, print wall time, rows/s and max RSS."""
    start = time.perf_counter()
    proc = subprocess.Popen([*_lianjie(), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    error = proc.stderr.read().decode(errors="replace").strip()
    proc.stderr.close()
    if proc.returncode:
        raise SystemExit(f"{label} failed ({proc.returncode}): {error}")
    rate = f"  {rows / elapsed:>11,.0f} rows/s" if rows else " " * 19
    print(f"  {label:<40} {elapsed:8.2f} s{rate}  {usage.ru_maxrss / 1024:>8,.0f} MB", flush=True)
    return elapsed


def _timed(label: str, fn) -> float:
    start = time.perf_counter()
    fn()
    elapsed = time.perf_counter() - start
    print(f"  {label:<40} {elapsed:8.2f} s", flush=True)
    return elapsed


def calibrate() -> float:
    """Seconds for a fixed single-core workload: how fast this shared machine is right now.

    Timings taken while it is, say, 1.3 times its usual value ran on a machine 1.3 times
    slower; print it beside them, so their noise can be read.
    """
    import numpy as np

    start = time.perf_counter()
    total = 0
    for i in range(8_000_000):
        total += i & 7
    np.sort(np.random.default_rng(0).random(4_000_000))
    return time.perf_counter() - start


def dataset(households: int, data_dir: Path) -> tuple[Path, int]:
    """The cached dataset folder for a scale (generated on first use) and its number of rows."""
    folder = data_dir / f"h{households}"
    if not (folder / "links.csv").exists():
        start = time.perf_counter()
        nodes, links = generate(households)
        folder.mkdir(parents=True, exist_ok=True)
        nodes.to_csv(folder / "nodes.csv", index=False)
        links.to_csv(folder / "links.csv", index=False)
        print(f"  generated {households:,} households in {time.perf_counter() - start:.1f} s")
    rows = sum(sum(1 for _ in open(folder / name, "rb")) - 1 for name in ("nodes.csv", "links.csv"))
    return folder, rows


def bench_store(location: str, folder: Path, rows: int, households: int, repeat: int = 1) -> dict[str, float]:
    """Each step ``repeat`` times (a fresh store each time); the best time of each step, returned."""
    runs: dict[str, list[float]] = {}
    for attempt in range(repeat):
        where = location if "://" in location or repeat == 1 else f"{location}.{attempt}"
        store = ["--store", where]
        if "://" in where:
            run_cli("reset", ["reset", "--yes", *store])
        for step, label, args, size in (
            ("load", "lianjie load (fresh store)", ["load", str(folder)], rows),
            ("reload", "lianjie load (same data again)", ["load", str(folder)], rows),
            ("audit_cold", "lianjie audit", ["audit"], None),
            ("audit", "lianjie audit (again)", ["audit"], None),
            ("reach", "lianjie reach", ["reach"], None),
        ):
            runs.setdefault(step, []).append(run_cli(label, [*args, *store], size))
        if "://" not in where and repeat > 1:
            for leftover in Path(where).parent.glob(Path(where).name + "*"):
                leftover.unlink()
    times = {step: min(values) for step, values in runs.items()}
    if repeat > 1:
        for step, values in runs.items():
            print(f"  best of {repeat}: {step:<31} {min(values):8.2f} s   (worst {max(values):.2f} s)")
    target = AUDIT_TARGET.get(households)
    if target:
        verdict = "meets" if times["audit"] <= target else "misses"
        print(f"  -> audit {times['audit']:.2f} s {verdict} the {target:.0f} s target")
    return times


def bench_baseline(folder: Path, work: Path, cypher_timeout: float, repeat: int = 1) -> float:
    """The raw bulk copy (its best time, returned) and plain variable-length Cypher reach, in this process."""
    import ladybug

    nodes, links = folder / "nodes.csv", folder / "links.csv"
    copies = []
    for attempt in range(repeat):
        db = ladybug.Database(str(work / f"raw{attempt}.db"))
        conn = ladybug.Connection(db)
        conn.execute("CREATE NODE TABLE N(id STRING PRIMARY KEY, type STRING, name STRING)")
        conn.execute("CREATE REL TABLE L(FROM N TO N, type STRING)")

        def copy(conn=conn) -> None:
            conn.execute(f"COPY N FROM (LOAD FROM '{nodes}' (header=true) RETURN id, type, name)")
            conn.execute(f"COPY L FROM (LOAD FROM '{links}' (header=true) RETURN source, target, type)")
            # the village column is a link too (LOCATED_IN): lianjie stores those rows as well
            conn.execute(
                f"COPY L FROM (LOAD FROM '{nodes}' (header=true) WHERE village IS NOT NULL AND village <> '' "
                "RETURN id, village, 'LOCATED_IN')"
            )

        copies.append(_timed("baseline: raw bulk COPY", copy))
        if attempt < repeat - 1:
            conn.close()
            db.close()
    if repeat > 1:
        print(f"  best of {repeat}: {'raw bulk COPY':<31} {min(copies):8.2f} s   (worst {max(copies):.2f} s)")
    market = "['SUPPLIES','MEMBER_OF','EMPLOYED_BY','LEASES_LAND_TO','HOLDS_SHARES_IN','SELLS_THROUGH']"
    query = (
        f"MATCH (h:N)-[e:L*1..8 (r, n | WHERE list_contains({market}, r.type))]->(c:N) "
        "WHERE h.type = 'Household' AND c.type = 'Channel' RETURN c.id, count(DISTINCT h)"
    )
    conn.set_query_timeout(int(cypher_timeout * 1000))
    start = time.perf_counter()
    try:
        conn.execute(query).get_all()
        print(f"  {'baseline: plain Cypher reach':<40} {time.perf_counter() - start:8.2f} s", flush=True)
    except RuntimeError:
        print(f"  {'baseline: plain Cypher reach':<40} > {cypher_timeout:.0f} s (stopped)", flush=True)
    conn.close()
    db.close()
    return min(copies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, nargs="+", default=[100_000])
    parser.add_argument("--data", type=Path, default=Path(__file__).parent / "data")
    parser.add_argument("--neo4j", default=None, help="also benchmark this Neo4j URI (its data is replaced)")
    parser.add_argument("--baseline", action="store_true", help="also time the raw bulk copy and plain Cypher")
    parser.add_argument("--cypher-timeout", type=float, default=600.0, help="stop plain Cypher after this long")
    parser.add_argument("--repeat", type=int, default=1, help="run each step this many times; judge the best")
    args = parser.parse_args()
    for households in args.households:
        print(f"{households:,} households", flush=True)
        folder, rows = dataset(households, args.data)
        print(f"  dataset: {rows:,} rows in {folder}")
        work = Path(tempfile.mkdtemp(prefix="lianjie-bench-"))
        print(f"  machine: reference workload {calibrate():.2f} s (lower is faster)", flush=True)
        try:
            print("  embedded store" + " " * 34 + "wall     throughput       max RSS")
            times = bench_store(str(work / "store.db"), folder, rows, households, args.repeat)
            if args.baseline:
                copy_time = bench_baseline(folder, work, args.cypher_timeout, args.repeat)
                ratio = times["load"] / copy_time
                factor = LOAD_FACTOR.get(households)
                verdict = f": {'meets' if ratio <= factor else 'misses'} the {factor:.0f}x target" if factor else ""
                print(f"  -> load is {ratio:.1f}x the raw bulk copy{verdict}")
            if args.neo4j:
                print("  neo4j store")
                bench_store(args.neo4j, folder, rows, households, args.repeat)
        finally:
            print(f"  machine: reference workload {calibrate():.2f} s", flush=True)
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
