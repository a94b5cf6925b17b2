"""Coverage by area, concentration of reach, channel overlap and support-only households.

All follow DOMAIN.md's definitions of reach (market linkages only, any length) and
take the same ``as_of`` date filter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..graph.store import Store
from ..loaders.errors import LianjieError
from ..ontology.terms import Classes, Links
from .engine import LinkGraph, link_graph, reach_counts
from .reach import reach_matrix

LEVELS = (Classes.Village, Classes.Town, Classes.County)


def _areas(store: Store, households: pd.Series, level: str) -> pd.Series:
    """The area of ``level`` each household lies in, following LOCATED_IN upward.

    Household -> village -> town -> county; a household may also sit directly in a town.
    """
    located = store.links([Links.LOCATED_IN])
    up = dict(zip(located["source"], located["target"]))
    classes = store.node_classes()
    out = []
    for ident in households:
        area, seen = up.get(ident), set()
        while area is not None and classes.get(area) != level and area not in seen:
            seen.add(area)
            area = up.get(area)
        out.append(area if area is not None and classes.get(area) == level else None)
    return pd.Series(out, index=households.index, dtype=object)


def coverage(store: Store, level: str = Classes.Village, as_of: dt.date | None = None) -> list[dict]:
    """Coverage rate of registered-poor households per village, town or county.

    ``covered_poor / poor_households`` for each area; households whose area is unknown
    at that level are counted under ``area: None``.

    Examples
    --------
    >>> coverage(store, "Village")  # doctest: +SKIP
    [{'area': 'v1', 'name': '一村', 'poor_households': 3, 'covered_poor': 2, 'coverage_rate': 0.6667}]
    """
    level = {name.lower(): name for name in LEVELS}.get(str(level).lower())
    if level is None:
        raise LianjieError(f"coverage is by {', '.join(n.lower() for n in LEVELS)}")
    _, households, matrix = reach_matrix(store, as_of)
    households["covered"] = matrix.any(axis=1)
    households["area"] = _areas(store, households["id"], level)
    poor = households[households["poor"]]
    names = store.nodes(level, ["name"]).set_index("id")["name"].to_dict()
    out = []
    known = poor["area"].notna()
    groups = [*poor[known].groupby("area", sort=True), (None, poor[~known])]
    for key, group in groups:
        n, covered = len(group), int(group["covered"].sum())
        if not n:
            continue
        out.append(
            {
                "area": key,
                "name": names.get(key),
                "poor_households": n,
                "covered_poor": covered,
                "coverage_rate": round(covered / n, 4),
            }
        )
    return out


def concentration(store: Store, of: str = Classes.Channel, as_of: dt.date | None = None) -> dict:
    """How concentrated the reach of registered-poor households is on a few channels or enterprises.

    Each node of class ``of`` gets a share: the poor households it reaches (for a channel)
    or traces (any other class: households with a market path ending at it), over the sum
    of those counts. Returns the ``top_share``, the Herfindahl-Hirschman index ``hhi``
    (sum of squared shares, 1/n for an even spread, 1 for a single node) and the shares.
    """
    if of not in store.onto.classes:
        raise LianjieError(f"unknown class {of!r}")
    graph = link_graph(store, None, as_of)
    targets = graph.of_class(of)
    poor_rows = _poor_rows(store, graph)
    (counts,) = reach_counts(graph, targets, [poor_rows])
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


def _poor_rows(store: Store, graph: LinkGraph) -> np.ndarray:
    frame = store.nodes(Classes.Household, ["poor"])
    poor = frame["poor"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    return graph.index_of(frame["id"][poor])


def overlap(store: Store, as_of: dt.date | None = None, poor_only: bool = True) -> dict:
    """The channel overlap matrix: how many (poor) households each pair of channels both reach.

    The diagonal holds each channel's own reach. Returns ``channels`` (ids, in order) and
    ``matrix`` (a list of rows).
    """
    channels, households, matrix = reach_matrix(store, as_of)
    if poor_only:
        matrix = matrix[households["poor"].to_numpy()]
    counts = matrix.astype(np.int64).T @ matrix.astype(np.int64)
    return {"channels": list(channels["id"]), "poor_only": poor_only, "matrix": counts.tolist()}


def support_only(store: Store, as_of: dt.date | None = None, support_types: Iterable[str] | None = None) -> list[dict]:
    """Households that receive support (pairing, service, funds, training) but have no market link of their own."""
    onto = store.onto
    support = sorted(support_types or (Links.PAIRS_WITH, Links.SERVES, Links.FUNDS, Links.TRAINS))
    helped = store.links(support, as_of=as_of)
    market = store.links(onto.market_link_types, as_of=as_of)
    households = store.nodes(Classes.Household, ["poor"])
    has_market = set(market["source"])
    helped_by: dict[str, set[str]] = {}
    for target, link_type in helped[["target", "type"]].itertuples(index=False):
        helped_by.setdefault(target, set()).add(link_type)
    out = []
    for ident, poor in households[["id", "poor"]].itertuples(index=False):
        if ident in helped_by and ident not in has_market:
            out.append(
                {
                    "household": ident,
                    "poor": bool(poor) if poor is not None else False,
                    "support": sorted(helped_by[ident]),
                }
            )
    return sorted(out, key=lambda r: r["household"])
