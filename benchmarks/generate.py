"""Generate a synthetic county- or province-scale dataset in the lianjie format.

Shape (per 100,000 households): 400 villages, 1,000 cooperatives, 100 enterprises,
50 bases and 20 + households/50,000 channels. About 30% of households are registered
poor. Each household has on average about two links: a village (as the ``village``
shorthand, a LOCATED_IN support link) and 0-2 market links (supplying or joining a
cooperative, working for an enterprise, leasing land to a base); about 8% have none.
Cooperatives supply enterprises and sell through 1-2 channels; enterprises and bases
sell through channels. Every record is marked synthetic.

    python benchmarks/generate.py --households 100000 --out /tmp/bench-100k

:func:`generate` builds the whole dataset in memory (fine up to a few million households);
:func:`write_dataset` writes the same shape to CSV a million households at a time, so 30
million households are written in about a gigabyte of memory.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv


def generate(households: int, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    n_villages = max(1, households // 250)
    n_coops = max(1, households // 100)
    n_ents = max(1, households // 1000)
    n_bases = max(1, households // 2000)
    n_channels = 20 + households // 50_000

    def ids(prefix: str, n: int) -> np.ndarray:
        return np.char.add(prefix, np.arange(n).astype(str)).astype(object)

    h, v, c, e, b, ch = (
        ids(p, n)
        for p, n in (
            ("H", households),
            ("V", n_villages),
            ("C", n_coops),
            ("E", n_ents),
            ("B", n_bases),
            ("CH", n_channels),
        )
    )
    poor = rng.random(households) < 0.3
    nodes = pd.concat(
        [
            pd.DataFrame({"id": v, "type": "Village", "name": v}),
            pd.DataFrame(
                {
                    "id": h,
                    "type": "Household",
                    "name": h,
                    "poor": np.where(poor, "true", "false"),
                    "village": v[rng.integers(0, n_villages, households)],
                }
            ),
            pd.DataFrame(
                {
                    "id": c,
                    "type": "Cooperative",
                    "name": c,
                    "claimed_households": rng.integers(50, 200, n_coops).astype(str),
                }
            ),
            pd.DataFrame(
                {
                    "id": e,
                    "type": "Enterprise",
                    "name": e,
                    "claimed_households": rng.integers(500, 3000, n_ents).astype(str),
                }
            ),
            pd.DataFrame({"id": b, "type": "Base", "name": b}),
            pd.DataFrame({"id": ch, "type": "Channel", "name": ch, "kind": "online_platform"}),
        ],
        ignore_index=True,
    )
    nodes["synthetic"] = "true"

    kind = rng.choice(4, size=households, p=[0.55, 0.2, 0.17, 0.08])  # supplies, member, employed, nothing
    second = rng.random(households) < 0.25
    parts = [
        pd.DataFrame(
            {
                "source": h[kind == 0],
                "target": c[rng.integers(0, n_coops, (kind == 0).sum())],
                "type": "SUPPLIES",
                "mechanism": "order_purchase",
                "amount": rng.integers(500, 20000, (kind == 0).sum()).astype(str),
            }
        ),
        pd.DataFrame(
            {"source": h[kind == 1], "target": c[rng.integers(0, n_coops, (kind == 1).sum())], "type": "MEMBER_OF"}
        ),
        pd.DataFrame(
            {
                "source": h[kind == 2],
                "target": e[rng.integers(0, n_ents, (kind == 2).sum())],
                "type": "EMPLOYED_BY",
                "mechanism": "wage_employment",
            }
        ),
        pd.DataFrame(
            {
                "source": h[second & (kind < 3)],
                "target": b[rng.integers(0, n_bases, (second & (kind < 3)).sum())],
                "type": "LEASES_LAND_TO",
                "mechanism": "land_rent",
            }
        ),
        pd.DataFrame({"source": c, "target": e[rng.integers(0, n_ents, n_coops)], "type": "SUPPLIES"}),
        pd.DataFrame({"source": c, "target": ch[rng.integers(0, n_channels, n_coops)], "type": "SELLS_THROUGH"}),
        pd.DataFrame(
            {
                "source": np.concatenate([e, e, b]),
                "target": ch[rng.integers(0, n_channels, 2 * n_ents + n_bases)],
                "type": "SELLS_THROUGH",
            }
        ),
    ]
    links = pd.concat(parts, ignore_index=True)
    # a few cooperatives sell nowhere: their members are reached only through other links
    links = links[~((links["type"] == "SELLS_THROUGH") & links["source"].isin(c[: n_coops // 20]))]
    links["synthetic"] = "true"
    return nodes, links


NODE_COLUMNS = ["id", "type", "name", "poor", "village", "claimed_households", "kind", "synthetic"]
LINK_COLUMNS = ["source", "target", "type", "mechanism", "amount", "synthetic"]


def _ids(prefix: str, start: int, stop: int) -> pa.Array:
    return pc.binary_join_element_wise(prefix, pc.cast(pa.array(np.arange(start, stop)), pa.string()), "")


def _table(columns: dict[str, object], names: list[str], n: int) -> pa.Table:
    def column(name: str) -> pa.Array:
        value = columns.get(name)
        if value is None:
            return pa.nulls(n, pa.string())
        if isinstance(value, str):
            return pa.array(np.full(n, value, dtype=object), pa.string())
        if isinstance(value, pa.Array):
            return value.cast(pa.string())
        return pa.array(value).cast(pa.string())

    return pa.table([column(name) for name in names], names=names)


def write_dataset(households: int, out: Path, seed: int = 7, chunk: int = 1_000_000) -> tuple[int, int]:
    """Write ``nodes.csv`` and ``links.csv`` of the shape :func:`generate` makes, ``chunk`` households at a time.

    Returns the number of node rows and link rows written (the village column's links not counted).
    """
    n_villages = max(1, households // 250)
    n_coops = max(1, households // 100)
    n_ents = max(1, households // 1000)
    n_bases = max(1, households // 2000)
    n_channels = 20 + households // 50_000
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    options = pacsv.WriteOptions(quoting_style="none", include_header=False)
    node_rows = link_rows = 0

    def pick(prefix: str, n: int, size: int, r: np.random.Generator) -> pa.Array:
        return _ids(prefix, 0, n).take(pa.array(r.integers(0, n, size)))

    def writer(name: str, columns: list[str]) -> pacsv.CSVWriter:
        sink = open(out / name, "wb")  # closed with the writer's stream
        sink.write((",".join(columns) + "\n").encode())
        return pacsv.CSVWriter(sink, pa.schema([(n, pa.string()) for n in columns]), write_options=options)

    with writer("nodes.csv", NODE_COLUMNS) as nodes, writer("links.csv", LINK_COLUMNS) as links:
        v = _ids("V", 0, n_villages)
        village = {"id": v, "type": "Village", "name": v, "synthetic": "true"}
        nodes.write_table(_table(village, NODE_COLUMNS, n_villages))
        for start in range(0, households, chunk):
            stop = min(start + chunk, households)
            n = stop - start
            r = np.random.default_rng([seed, start])
            h = _ids("H", start, stop)
            poor = np.where(r.random(n) < 0.3, "true", "false")
            table = {"id": h, "type": "Household", "name": h, "poor": poor, "village": pick("V", n_villages, n, r)}
            nodes.write_table(_table({**table, "synthetic": "true"}, NODE_COLUMNS, n))
            node_rows += n
            kind = r.choice(4, size=n, p=[0.55, 0.2, 0.17, 0.08])  # supplies, member, employed, nothing
            second = (r.random(n) < 0.25) & (kind < 3)
            for mask, prefix, count, extra in (
                (kind == 0, "C", n_coops, {"type": "SUPPLIES", "mechanism": "order_purchase"}),
                (kind == 1, "C", n_coops, {"type": "MEMBER_OF"}),
                (kind == 2, "E", n_ents, {"type": "EMPLOYED_BY", "mechanism": "wage_employment"}),
                (second, "B", n_bases, {"type": "LEASES_LAND_TO", "mechanism": "land_rent"}),
            ):
                size = int(mask.sum())
                part = {"source": h.filter(pa.array(mask)), "target": pick(prefix, count, size, r), **extra}
                if extra["type"] == "SUPPLIES":
                    part["amount"] = r.integers(500, 20000, size)
                links.write_table(_table({**part, "synthetic": "true"}, LINK_COLUMNS, size))
                link_rows += size
        c, e, b, ch = _ids("C", 0, n_coops), _ids("E", 0, n_ents), _ids("B", 0, n_bases), _ids("CH", 0, n_channels)
        for ids, extra in (
            (c, {"type": "Cooperative", "claimed_households": rng.integers(50, 200, n_coops)}),
            (e, {"type": "Enterprise", "claimed_households": rng.integers(500, 3000, n_ents)}),
            (b, {"type": "Base"}),
            (ch, {"type": "Channel", "kind": "online_platform"}),
        ):
            nodes.write_table(_table({"id": ids, "name": ids, **extra, "synthetic": "true"}, NODE_COLUMNS, len(ids)))
        node_rows += n_villages + n_coops + n_ents + n_bases + n_channels
        # a few cooperatives sell nowhere: their members are reached only through other links
        selling = pa.concat_arrays([c.slice(n_coops // 20), e, e, b])
        for source, target, kind in (
            (c, pick("E", n_ents, n_coops, rng), "SUPPLIES"),
            (selling, pick("CH", n_channels, len(selling), rng), "SELLS_THROUGH"),
        ):
            links.write_table(
                _table(
                    {"source": source, "target": target, "type": kind, "synthetic": "true"}, LINK_COLUMNS, len(source)
                )
            )
            link_rows += len(source)
    return node_rows, link_rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--chunk", type=int, default=0, help="write this many households at a time (bounded memory)")
    args = parser.parse_args()
    start = time.perf_counter()
    if args.chunk:
        n, m = write_dataset(args.households, args.out, args.seed, args.chunk)
        took = time.perf_counter() - start
        print(f"{args.out}: {n:,} nodes, {m:,} links (+{args.households:,} LOCATED_IN) in {took:.1f} s")
        return
    nodes, links = generate(args.households, args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    nodes.to_csv(args.out / "nodes.csv", index=False)
    links.to_csv(args.out / "links.csv", index=False)
    located = nodes["village"].notna().sum()
    print(
        f"{args.out}: {len(nodes):,} nodes, {len(links):,} links (+{located:,} LOCATED_IN from the village column) "
        f"in {time.perf_counter() - start:.1f} s"
    )


if __name__ == "__main__":
    main()
