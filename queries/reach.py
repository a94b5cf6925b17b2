"""Reach, uncovered, fragile and claimed-vs-traced, exactly as DOMAIN.md defines them.

* A channel C **reaches** household H when a directed path H -> ... -> C exists whose
  every link is a market linkage (valid on the date, when one is given).
* **Uncovered**: a registered-poor household no channel reaches.
* **Fragile**: a registered-poor household exactly one channel reaches.
* **Traced** (for an organisation with a claim): distinct households with a
  market-linkage path ending at it.

Each function takes a store and returns plain data (lists and dicts).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..graph.store import Store
from ..loaders.errors import LianjieError
from ..ontology.terms import Classes
from .engine import LinkGraph, bit_columns, link_graph, reach_bits, reach_counts


def _households(store: Store, graph: LinkGraph) -> tuple[np.ndarray, np.ndarray]:
    """Integer rows of all households and a parallel registered-poor mask."""
    frame = store.nodes(Classes.Household, ["poor"])
    rows = graph.index_of(frame["id"])
    poor = frame["poor"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    return rows, poor


def _channels(store: Store, channel: str | None) -> pd.DataFrame:
    frame = store.nodes(Classes.Channel, ["name", "kind"])
    if channel is not None:
        frame = frame[frame["id"] == channel]
        if frame.empty:
            raise LianjieError(f"no channel with id {channel!r} in {store.describe()}")
    return frame.sort_values("id").reset_index(drop=True)


def reach_matrix(
    store: Store,
    as_of: dt.date | None = None,
    link_types: Iterable[str] | None = None,
    graph: LinkGraph | None = None,
    mechanisms: Iterable[str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray]:
    """Channels, households and a boolean matrix (households x channels) of who reaches whom."""
    graph = graph or link_graph(store, link_types, as_of, mechanisms=mechanisms)
    channels = _channels(store, None)
    rows, poor = _households(store, graph)
    targets = graph.index_of(channels["id"])
    bits = reach_bits(graph, targets)
    matrix = bit_columns(bits[rows], len(targets))
    households = pd.DataFrame({"id": graph.ids[rows], "poor": poor})
    return channels, households, matrix


def reach(
    store: Store,
    channel: str | None = None,
    as_of: dt.date | None = None,
    link_types: Iterable[str] | None = None,
    with_households: bool = False,
    mechanisms: Iterable[str] | None = None,
) -> list[dict]:
    """Households each sales channel reaches through market linkages.

    Parameters
    ----------
    store : the store to read.
    channel : only this channel's id.
    as_of : count only links valid on this date.
    link_types : link types that count (default: the market family).
    with_households : also list the ids of the households reached.
    mechanisms : count a household's own links only with these mechanism codes
        (e.g. ``["wage_employment"]``: reach through employment alone).

    Returns
    -------
    One dict per channel, sorted by id: ``channel``, ``name``, ``kind``,
    ``households`` and ``poor_households`` (counts), and ``household_ids`` when asked.

    Examples
    --------
    >>> reach(store)  # doctest: +SKIP
    [{'channel': 'ch1', 'name': '县长直播带货', 'kind': 'livestream', 'households': 2, 'poor_households': 1}]
    """
    channels, households, matrix = reach_matrix(store, as_of, link_types, mechanisms=mechanisms)
    out = []
    poor = households["poor"].to_numpy()
    for j, row in channels.iterrows():
        if channel is not None and row["id"] != channel:
            continue
        reached = matrix[:, j]
        item = {
            "channel": row["id"],
            "name": row["name"],
            "kind": row["kind"],
            "households": int(reached.sum()),
            "poor_households": int((reached & poor).sum()),
        }
        if with_households:
            item["household_ids"] = sorted(households["id"][reached])
        out.append(item)
    if channel is not None and not out:
        raise LianjieError(f"no channel with id {channel!r} in {store.describe()}")
    return out


def channels_per_household(
    store: Store,
    as_of: dt.date | None = None,
    link_types: Iterable[str] | None = None,
    graph: LinkGraph | None = None,
) -> pd.DataFrame:
    """For every household: ``id``, ``poor`` and ``channels``, the number of channels that reach it."""
    _, households, matrix = reach_matrix(store, as_of, link_types, graph)
    households["channels"] = matrix.sum(axis=1)
    return households


def uncovered(store: Store, as_of: dt.date | None = None) -> list[str]:
    """Registered-poor households that no channel reaches, sorted by id."""
    h = channels_per_household(store, as_of)
    return sorted(h["id"][h["poor"] & (h["channels"] == 0)])


def fragile(store: Store, as_of: dt.date | None = None) -> list[str]:
    """Registered-poor households that exactly one channel reaches, sorted by id."""
    h = channels_per_household(store, as_of)
    return sorted(h["id"][h["poor"] & (h["channels"] == 1)])


def claims(
    store: Store,
    as_of: dt.date | None = None,
    link_types: Iterable[str] | None = None,
    graph: LinkGraph | None = None,
) -> list[dict]:
    """Claimed against traced households for every node that carries a claim.

    Traced is the number of distinct households with a market-linkage path ending
    at the claimant; ``traced_poor`` counts the registered-poor ones among them, for
    claims (like most in the sources) that speak of poor households.
    """
    onto = store.onto
    claimants = []
    prop = onto.properties.get("claimed_households")
    if prop is None:
        return []
    for cls in sorted(prop.on_nodes):
        frame = store.nodes(cls, ["name", "claimed_households"])
        frame = frame[frame["claimed_households"].notna()]
        if len(frame):
            frame = frame.assign(type=cls)
            claimants.append(frame)
    if not claimants:
        return []
    table = pd.concat(claimants).sort_values("id").reset_index(drop=True)
    graph = graph or link_graph(store, link_types, as_of)
    rows, poor = _households(store, graph)
    traced, traced_poor = reach_counts(graph, graph.index_of(table["id"]), [rows, rows[poor]])
    out = []
    for j, row in table.iterrows():
        claimed = int(row["claimed_households"])
        out.append(
            {
                "id": row["id"],
                "name": row["name"],
                "type": row["type"],
                "claimed": claimed,
                "traced": int(traced[j]),
                "traced_poor": int(traced_poor[j]),
                "gap": claimed - int(traced[j]),
            }
        )
    return out


def audit(store: Store, as_of: dt.date | None = None, mechanisms: Iterable[str] | None = None) -> dict:
    """Uncovered and fragile registered-poor households, coverage, and every claim against its trace.

    Returns
    -------
    ``uncovered_poor`` and ``single_channel_poor`` (household ids), ``claims``
    (``id``, ``name``, ``type``, ``claimed``, ``traced``, ``traced_poor``, ``gap``), and the totals
    ``households``, ``poor_households``, ``covered_poor`` and ``coverage_rate``.
    """
    graph = link_graph(store, None, as_of, mechanisms=mechanisms)
    h = channels_per_household(store, graph=graph)
    poor = h["poor"]
    n_poor = int(poor.sum())
    covered = int((poor & (h["channels"] > 0)).sum())
    return {
        "as_of": as_of.isoformat() if as_of else None,
        "mechanisms": sorted(mechanisms) if mechanisms is not None else None,
        "households": len(h),
        "poor_households": n_poor,
        "covered_poor": covered,
        "coverage_rate": round(covered / n_poor, 4) if n_poor else None,
        "uncovered_poor": sorted(h["id"][poor & (h["channels"] == 0)]),
        "single_channel_poor": sorted(h["id"][poor & (h["channels"] == 1)]),
        "claims": claims(store, graph=graph),
    }
