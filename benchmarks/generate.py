"""Generate a synthetic county- or province-scale dataset in the lianjie format.

Shape (per 100,000 households): 400 villages, 1,000 cooperatives, 100 enterprises,
50 bases and 20 + households/50,000 channels. About 30% of households are registered
poor. Each household has on average about two links: a village (as the ``village``
shorthand, a LOCATED_IN support link) and 0-2 market links (supplying or joining a
cooperative, working for an enterprise, leasing land to a base); about 8% have none.
Cooperatives supply enterprises and sell through 1-2 channels; enterprises and bases
sell through channels. Every record is marked synthetic.

    python benchmarks/generate.py --households 100000 --out /tmp/bench-100k
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    start = time.perf_counter()
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
