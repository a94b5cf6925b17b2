"""What this machine's Neo4j can take through Bolt with plain Cypher: the baselines lianjie's load is read against.

    python benchmarks/neo4j_baseline.py --neo4j URI [--households 100000] [--batch 20000]

Each variant writes two counties (benchmarks/generate.py, the second with every id prefixed
``X``): the first into a database without them, the second beside the first, so the second
rate is one "into a database that already holds data". Households get their village as a
``LOCATED_IN`` link, as ``lianjie load`` does, so the writes are the same as lianjie's. Every
node carries the label ``Baseline`` besides ``Node`` and its class, and is deleted afterwards;
lianjie's constraint on ``Node.id`` is in force, so every CREATE checks it, as lianjie's would.

Variants (no validation, no journal, no MERGE in any of them):

* ``match``: nodes by ``UNWIND $rows AS r CREATE (n:Node:Class) SET n = r``, then links by
  ``UNWIND $rows AS r MATCH (a:Node {id: r.s}) MATCH (b:Node {id: r.t}) CREATE (a)-[e:T]->(b) SET e = r.p``
  (the plan is checked to be two unique-index seeks per row);
* ``internal``: the node CREATE returns ``collect(id(n))``, links are written by
  ``MATCH (a) WHERE id(a) = r.s`` (a node-by-id seek), so no index is read for links;
* ``parallel``: ``match`` with two writer threads, each with its own session (node classes
  split between them, then link types).

Rates are input rows (node rows + link rows, as ``lianjie load`` counts them) per second.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from timing import load_average

LABEL = "Baseline"


def read_county(folder: Path) -> tuple[dict[str, list[dict]], dict[str, list[dict]], int]:
    """Nodes per class and links per type as plain rows (blanks left out), and the number of input rows."""
    nodes: dict[str, list[dict]] = {}
    links: dict[str, list[dict]] = {}
    rows = 0
    with open(folder / "nodes.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            rows += 1
            cls = r.pop("type")
            village = r.pop("village")
            nodes.setdefault(cls, []).append({k: v for k, v in r.items() if v})
            if village:
                links.setdefault("LOCATED_IN", []).append({"s": r["id"], "t": village, "p": {}})
    with open(folder / "links.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            rows += 1
            s, t, kind = r.pop("source"), r.pop("target"), r.pop("type")
            links.setdefault(kind, []).append({"s": s, "t": t, "p": {k: v for k, v in r.items() if v}})
    return nodes, links, rows


def _batches(rows: list, size: int):
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def write_nodes(session, cls: str, rows: list[dict], batch: int, want_ids: bool = False) -> dict[str, int]:
    query = f"UNWIND $rows AS r CREATE (n:Node:{LABEL}:{cls}) SET n = r"
    if want_ids:
        query += " RETURN collect([n.id, id(n)]) AS ids"
    out: dict[str, int] = {}
    for chunk in _batches(rows, batch):
        if want_ids:
            pairs = session.execute_write(lambda tx, c=chunk: tx.run(query, rows=c).single()["ids"])
            out.update(pairs)
        else:
            session.execute_write(lambda tx, c=chunk: tx.run(query, rows=c).consume())
    return out


def link_query(kind: str, by_internal: bool, props: list[str] = ("mechanism",)) -> str:
    """The link write; properties named in the CREATE (``SET e = r.p`` after a CREATE plans an Eager,
    which holds every row of the batch before writing any)."""
    if by_internal:
        ends = "MATCH (a) WHERE id(a) = r.s MATCH (b) WHERE id(b) = r.t "
    else:
        ends = "MATCH (a:Node {id: r.s}) MATCH (b:Node {id: r.t}) "
    values = ", ".join(f"{name}: r.p.{name}" for name in props)
    return f"UNWIND $rows AS r {ends}CREATE (a)-[e:{kind} {{{values}}}]->(b)"


def write_links(session, kind: str, rows: list[dict], batch: int, internal: dict[str, int] | None = None) -> None:
    query = link_query(kind, internal is not None, sorted({name for r in rows for name in r["p"]}))
    if internal is not None:
        rows = [{"s": internal[r["s"]], "t": internal[r["t"]], "p": r["p"]} for r in rows]
    for chunk in _batches(rows, batch):
        session.execute_write(lambda tx, c=chunk: tx.run(query, rows=c).consume())


def plan_operators(session, kind: str, by_internal: bool) -> list[str]:
    """The operators of the link query's plan (EXPLAIN: nothing is written)."""
    plan = session.run("EXPLAIN " + link_query(kind, by_internal), rows=[]).consume().plan
    names: list[str] = []

    def walk(node: dict) -> None:
        names.append(node["operatorType"].split("@")[0])
        for child in node.get("children", []):
            walk(child)

    walk(plan)
    return names


def write_county(driver, nodes, links, batch: int, variant: str) -> tuple[float, float]:
    """Seconds to write one county's nodes, and then its links, with one variant."""
    start = time.perf_counter()
    if variant == "parallel":
        classes = sorted(nodes, key=lambda c: -len(nodes[c]))
        kinds = sorted(links, key=lambda k: -len(links[k]))

        def nodes_of(part: list[str]) -> None:
            with driver.session() as session:
                for cls in part:
                    write_nodes(session, cls, nodes[cls], batch)

        def links_of(part: list[str]) -> None:
            with driver.session() as session:
                for kind in part:
                    write_links(session, kind, links[kind], batch)

        with ThreadPoolExecutor(2) as pool:
            list(pool.map(nodes_of, [classes[0::2], classes[1::2]]))
            middle = time.perf_counter()
            list(pool.map(links_of, [kinds[0::2], kinds[1::2]]))
    else:
        internal: dict[str, int] | None = {} if variant == "internal" else None
        with driver.session() as session:
            for cls, rows in nodes.items():
                ids = write_nodes(session, cls, rows, batch, want_ids=internal is not None)
                if internal is not None:
                    internal.update(ids)
            middle = time.perf_counter()
            for kind, rows in links.items():
                write_links(session, kind, rows, batch, internal)
    end = time.perf_counter()
    return middle - start, end - middle


def clean(driver) -> None:
    with driver.session() as session:
        session.run(f"MATCH (n:{LABEL}) CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 10000 ROWS").consume()


def baselines(uri: str, first: Path, second: Path, batches=(20_000,), variants=None) -> dict:
    """Print and return ``{(variant, batch, county): rows/s}`` for the plain-Cypher writes."""
    from neo4j import GraphDatabase

    variants = variants or ("match", "internal", "parallel")
    auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
    counties = [("empty", *read_county(first)), ("non-empty", *read_county(second))]
    out = {}
    with GraphDatabase.driver(uri, auth=auth) as driver:
        with driver.session() as session:  # lianjie's own constraint (without it every MATCH is a label scan)
            session.run("CREATE CONSTRAINT lianjie_node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE").consume()
        clean(driver)
        with driver.session() as session:
            for by_internal in (False, True):
                ops = plan_operators(session, "SUPPLIES", by_internal)
                print(
                    f"  plan of the link write ({'internal id' if by_internal else 'id'}): {' > '.join(ops)}",
                    flush=True,
                )
        for variant in variants:
            for batch in batches:
                for name, nodes, links, rows in counties:
                    node_s, link_s = write_county(driver, nodes, links, batch, variant)
                    took = node_s + link_s
                    n_nodes, n_links = sum(map(len, nodes.values())), sum(map(len, links.values()))
                    writes = n_nodes + n_links
                    label = f"baseline {variant}, {batch:,}-row batches, into {name}"
                    print(
                        f"  {label:<52} {took:7.2f} s {rows / took:>9,.0f} rows/s "
                        f"({writes / took:,.0f} nodes+links/s: nodes {n_nodes / node_s:,.0f}/s, "
                        f"links {n_links / link_s:,.0f}/s); {load_average()}",
                        flush=True,
                    )
                    out[(variant, batch, name)] = rows / took
                clean(driver)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--neo4j", required=True, help="a Neo4j URI (lianjie's constraints in place)")
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--data", type=Path, default=Path(__file__).parent / "data")
    parser.add_argument("--batch", type=int, action="append", help="rows per transaction (repeatable)")
    parser.add_argument("--variant", action="append", choices=["match", "internal", "parallel"])
    args = parser.parse_args()
    from neo4j_bench import county

    first, _ = county(args.households, args.data)
    second, _ = county(args.households, args.data, "X")
    variants = tuple(args.variant or ["match", "internal", "parallel"])
    baselines(args.neo4j, first, second, tuple(args.batch or [20_000]), variants)


if __name__ == "__main__":
    sys.exit(main())
