"""Neo4j load and audit beside the embedded store and beside plain Cypher, end to end.

    python benchmarks/neo4j_bench.py --neo4j URI --households 100000 [--repeat N] [--data DIR]

The server's data is replaced. For one scale it generates a dataset (benchmarks/generate.py)
and a second one with every id prefixed ``X`` (another county: same shape, no shared id),
then times, each ``lianjie`` step as its own process (start-up included):

* ``lianjie load`` into an empty Neo4j database, then the second county into that non-empty
  database, then the first again (the idempotent reload), with rows/s;
* ``lianjie audit`` on Neo4j and on an embedded store holding the first county, and the ratio;
* the plain-Cypher baselines (benchmarks/neo4j_baseline.py): the same nodes and links sent as
  ``UNWIND $rows CREATE ...`` in 20,000-row transactions from this process, both counties,
  with links matched by id, by internal id, and from two writers at once (no validation, no
  journal, no merging);
* ``lianjie export --format neo4j-admin`` from the embedded store: the bulk path's first half
  (``neo4j-admin database import`` needs the server stopped; time it with the command printed).

Each step prints wall time, rows/s and peak memory; with ``--repeat N`` the best and worst of
N; the machine's load average is printed before and after.

    python benchmarks/neo4j_bench.py --neo4j URI --households 1000000 --audit-only [--embedded DB] [--repeat N]

With ``--audit-only`` nothing is loaded into Neo4j: the server must already hold the first
county (at a million households, by the bulk path of docs/stores.md: ``lianjie export --format
neo4j-admin`` from an embedded store, then ``neo4j-admin database import full``). It times
``lianjie audit`` on Neo4j and on the embedded store (``--embedded``, else one loaded here),
taking turns, prints best and worst of each and the Neo4j-to-embedded ratio, and checks once,
untimed, that ``lianjie audit --json`` answers the same on both, byte for byte.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from neo4j_baseline import baselines
from timing import calibrate, lianjie_command, load_average, run_cli, summary


def county(households: int, data: Path, prefix: str = "") -> tuple[Path, int]:
    """A generated dataset folder (ids prefixed with ``prefix``) and its number of rows."""
    from generate import generate

    folder = data / f"{prefix}h{households}"
    if not (folder / "links.csv").exists():
        nodes, links = generate(households)
        for frame, names in ((nodes, ("id", "village")), (links, ("source", "target"))):
            for name in names:
                frame[name] = frame[name].where(frame[name].isna(), prefix + frame[name].astype(str))
        folder.mkdir(parents=True, exist_ok=True)
        nodes.to_csv(folder / "nodes.csv", index=False)
        links.to_csv(folder / "links.csv", index=False)
    rows = sum(sum(1 for _ in open(folder / name, "rb")) - 1 for name in ("nodes.csv", "links.csv"))
    return folder, rows


def audits_only(neo4j: str, embedded: Path, repeat: int) -> None:
    """``lianjie audit`` on Neo4j and on the embedded store, ``repeat`` times each in turn; their ratio."""
    runs: dict[str, list[float]] = {"neo4j": [], "embedded": []}
    for _ in range(repeat):
        for name, location in (("neo4j", neo4j), ("embedded", str(embedded))):
            runs[name].append(run_cli(f"{name}: lianjie audit", ["audit", "--store", location]).seconds)
    for name, times in runs.items():
        summary(f"audit {name}", times)
    best, worst = (f(runs["neo4j"]) / f(runs["embedded"]) for f in (min, max))
    print(f"  -> Neo4j audit is {best:.1f}x the embedded audit (best of each; worst of each {worst:.1f}x; target 5x)")
    command = [*lianjie_command(), "audit", "--json", "--store"]
    answers = [subprocess.run([*command, at], capture_output=True, check=True).stdout for at in (neo4j, str(embedded))]
    same = "yes" if answers[0] == answers[1] else "NO"
    print(f"  -> same audit --json on both stores: {same} ({len(answers[0]):,} bytes)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--neo4j", required=True, help="a Neo4j URI whose data is replaced")
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--data", type=Path, default=Path(__file__).parent / "data")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--baseline", action="append", choices=["match", "internal", "parallel"], help="plain-Cypher variants to time"
    )
    parser.add_argument("--audit-only", action="store_true", help="time only the audits; Neo4j holds the data already")
    parser.add_argument("--embedded", type=Path, help="with --audit-only: an embedded store holding the same data")
    args = parser.parse_args()
    store = ["--store", args.neo4j]
    first, rows = county(args.households, args.data)
    if args.audit_only:
        print(f"{args.households:,} households: audits only; {load_average()}", flush=True)
        print(f"  machine: reference workload {calibrate():.2f} s (lower is faster)", flush=True)
        work = Path(tempfile.mkdtemp(prefix="lianjie-neo4j-bench-"))
        try:
            embedded = args.embedded
            if embedded is None:
                embedded = work / "store.db"
                run_cli("embedded: lianjie load", ["load", str(first), "--store", str(embedded)], rows)
            audits_only(args.neo4j, embedded, args.repeat)
        finally:
            print(f"  machine: reference workload {calibrate():.2f} s; {load_average()}", flush=True)
            shutil.rmtree(work, ignore_errors=True)
        return
    second, rows2 = county(args.households, args.data, "X")
    print(f"{args.households:,} households: {rows:,} rows per county; {load_average()}", flush=True)
    print(f"  machine: reference workload {calibrate():.2f} s (lower is faster)", flush=True)
    work = Path(tempfile.mkdtemp(prefix="lianjie-neo4j-bench-"))
    runs: dict[str, list[float]] = {}
    try:
        embedded = ["--store", str(work / "store.db")]
        run_cli("embedded: lianjie load", ["load", str(first), *embedded], rows)
        for _ in range(args.repeat):
            run_cli("reset", ["reset", "--yes", *store])
            for step, folder, size in (("load into empty", first, rows), ("load into non-empty", second, rows2)):
                runs.setdefault(step, []).append(run_cli(f"neo4j: {step}", ["load", str(folder), *store], size).seconds)
            runs.setdefault("reload", []).append(run_cli("neo4j: reload", ["load", str(first), *store], rows).seconds)
            run_cli("reset", ["reset", "--yes", *store])
            run_cli("neo4j: load (for the audit)", ["load", str(first), *store], rows)
            runs.setdefault("audit neo4j", []).append(run_cli("neo4j: lianjie audit", ["audit", *store]).seconds)
            runs.setdefault("audit embedded", []).append(
                run_cli("embedded: lianjie audit", ["audit", *embedded]).seconds
            )
            run_cli("reset", ["reset", "--yes", *store])
            for key, rate in baselines(args.neo4j, first, second, variants=args.baseline).items():
                runs.setdefault(f"plain Cypher {key[0]} into {key[2]}", []).append(rows / rate)
        exported = run_cli(
            "embedded: export --format neo4j-admin", ["export", "--format", "neo4j-admin", str(work / "x"), *embedded]
        )
        if args.repeat > 1:
            for step, values in runs.items():
                summary(step, values)
        ratio = min(runs["audit neo4j"]) / min(runs["audit embedded"])
        print(f"  -> Neo4j audit is {ratio:.1f}x the embedded audit (target: at most 5x at 1M households)")
        for step in ("load into empty", "load into non-empty", "reload"):
            size = rows2 if step == "load into non-empty" else rows
            print(f"  -> {step}: {size / min(runs[step]):,.0f} rows/s (best)")
        print(
            f"  -> neo4j-admin export {exported.seconds:.1f} s; then import with the command it printed, server stopped"
        )
    finally:
        print(f"  machine: reference workload {calibrate():.2f} s; {load_average()}", flush=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
