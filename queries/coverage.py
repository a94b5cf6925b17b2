"""Coverage by area, concentration of reach, channel overlap and support-only households.

All follow DOMAIN.md's definitions of reach (market linkages only, any length) and
take the same ``as_of`` date filter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np

from ..base.errors import LianjieError
from ..graph.store import Store
from ..ontology.terms import Classes, Links, Props
from .engine import LinkGraph, link_graph, reach_counts, reach_sets
from .reach import reach_matrix

LEVELS = (Classes.Village, Classes.Town, Classes.County)


def areas_of(located: LinkGraph, rows: np.ndarray, level: str) -> np.ndarray:
    """The node integer of the area of ``level`` each of ``rows`` lies in (-1 when unknown).

    Follows LOCATED_IN upward (household -> village -> town -> county; a household may
    also sit directly in a town), one step for all rows at a time.
    """
    parent = np.full(located.size, -1, dtype=np.int64)
    parent[located.src] = located.dst
    i = located.class_names.index(level)
    lo, hi = located.starts[i], located.starts[i + 1]
    area = parent[rows]
    for _ in range(len(located.class_names)):  # a chain of places is never longer than the classes
        climbing = (area >= 0) & ((area < lo) | (area >= hi))
        if not climbing.any():
            break
        area[climbing] = parent[area[climbing]]
    area[(area < lo) | (area >= hi)] = -1
    return area


def coverage(store: Store, level: str = Classes.Village, as_of: dt.date | None = None) -> list[dict]:
    """Coverage rate of registered-poor households per village, town or county.

    ``covered_poor / poor_households`` for each area; households whose area is unknown
    at that level are counted under ``area: None``.

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> store = toy_store()
    >>> [(r["area"], r["poor_households"], r["covered_poor"], r["coverage_rate"]) for r in coverage(store, "Village")]
    [('v1', 2, 1, 0.5), (None, 3, 3, 1.0)]
    """
    level = {name.lower(): name for name in LEVELS}.get(str(level).lower())
    if level is None:
        raise LianjieError(f"coverage is by {', '.join(n.lower() for n in LEVELS)}")
    market = store.onto.market_link_types
    columns = {Classes.Household: [Props.poor], level: [Props.name]}
    graph = link_graph(store, [*market, Links.LOCATED_IN], as_of, node_columns=columns)
    rows, poor = graph.households()
    covered = np.diff(reach_sets(graph.only(market), graph.rows_of(Classes.Channel), rows[poor]).indptr) > 0
    area = areas_of(graph.only([Links.LOCATED_IN]), rows[poor], level)
    names = {r["node"]: (r["id"], r["name"]) for r in graph.records(level)}
    keys, inverse = np.unique(area, return_inverse=True)
    totals = np.bincount(inverse, minlength=len(keys))
    reached = np.bincount(inverse, weights=covered, minlength=len(keys)).astype(np.int64)
    out = []
    for key, n, c in zip(keys.tolist(), totals.tolist(), reached.tolist()):
        area_id, name = names.get(key, (None, None))
        out.append(
            {"area": area_id, "name": name, "poor_households": n, "covered_poor": c, "coverage_rate": round(c / n, 4)}
        )
    return sorted(out, key=lambda r: (r["area"] is None, r["area"] or ""))


def concentration(store: Store, of: str = Classes.Channel, as_of: dt.date | None = None) -> dict:
    """How concentrated the reach of registered-poor households is on a few channels or enterprises.

    Each node of class ``of`` gets a share: the poor households it reaches (for a channel)
    or traces (any other class: households with a market path ending at it), over the sum
    of those counts. Returns the ``top_share``, the Herfindahl-Hirschman index ``hhi``
    (sum of squared shares, 1/n for an even spread, 1 for a single node) and the shares.

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> store = toy_store()
    >>> result = concentration(store)
    >>> result["shares"][0], result["hhi"]  # (4/7)² + (3/7)² = 25/49
    ({'id': 'ch2', 'poor_households': 4, 'share': 0.5714}, 0.5102)
    """
    if of not in store.onto.classes:
        raise LianjieError(f"unknown class {of!r}")
    graph = link_graph(store, None, as_of, node_columns={Classes.Household: [Props.poor]})
    targets = graph.of_class(of)
    rows, poor = graph.households()
    (counts,) = reach_counts(graph, targets, [rows[poor]])
    total = counts.sum()
    shares = counts / total if total else np.zeros(len(targets))
    order = np.argsort(-shares, kind="stable")
    return {
        "of": of,
        "nodes": len(targets),
        "top_share": round(float(shares.max()), 4) if len(targets) else None,
        "hhi": round(float((shares**2).sum()), 4) if total else None,
        "shares": [
            {"id": graph.ids[targets[i]], "poor_households": int(counts[i]), "share": round(float(shares[i]), 4)}
            for i in order
        ],
    }


def overlap(store: Store, as_of: dt.date | None = None, poor_only: bool = True) -> dict:
    """The channel overlap matrix: how many (poor) households each pair of channels both reach.

    The diagonal holds each channel's own reach. Returns ``channels`` (ids, in order) and
    ``matrix`` (a list of rows).

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> store = toy_store()
    >>> overlap(store)["matrix"]  # poor households: ch1 reaches 3, ch2 reaches 4, both reach 3
    [[3, 3], [3, 4]]
    """
    channels, households, matrix = reach_matrix(store, as_of)
    if poor_only:
        matrix = matrix[households["poor"].to_numpy()]
    counts = (matrix.T.astype(np.int64) @ matrix.astype(np.int64)).toarray()
    return {"channels": list(channels["id"]), "poor_only": poor_only, "matrix": counts.tolist()}


def support_only(store: Store, as_of: dt.date | None = None, support_types: Iterable[str] | None = None) -> list[dict]:
    """Households that receive support (pairing, service, funds, training) but have no market link of their own.

    ``support_types`` defaults to the link types the ontology marks ``lj:supportOnly``.

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> store = toy_store()
    >>> support_only(store)
    [{'household': 'h5', 'poor': True, 'support': ['PAIRS_WITH']}]
    """
    onto = store.onto
    support = sorted(support_types or onto.support_link_types)
    market = sorted(onto.market_link_types)
    graph = link_graph(store, sorted({*support, *market}), as_of, node_columns={Classes.Household: [Props.poor]})
    rows, poor = graph.households()
    has_market = np.zeros(graph.size, dtype=bool)
    has_market[graph.src[graph.of_types(market)]] = True
    helped = graph.of_types(support)
    helped_by: dict[int, set[str]] = {}
    for node, link_type in zip(graph.dst[helped].tolist(), graph.link_types[helped].tolist()):
        helped_by.setdefault(node, set()).add(link_type)
    ids = graph.ids
    out = [
        {"household": ids[node], "poor": bool(is_poor), "support": sorted(helped_by[node])}
        for node, is_poor in zip(rows.tolist(), poor.tolist())
        if node in helped_by and not has_market[node]
    ]
    return sorted(out, key=lambda r: r["household"])
