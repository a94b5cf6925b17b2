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
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
from scipy import sparse

from ..base.errors import LianjieError
from ..graph.store import Store
from ..ontology.terms import Classes
from .engine import LinkGraph, reach_sets
from .traced import audit_graph, claim_rows, read_claimants, read_rosters, sorted_ids, traces

if TYPE_CHECKING:
    import pandas


def _channels(graph: LinkGraph, channel: str | None = None, store: Store | None = None) -> list[dict]:
    """Channels as dicts (``node``, ``id``, ``name``, ``kind``) sorted by id; only ``channel`` when given."""
    records = graph.records(Classes.Channel)
    if channel is not None:
        records = [r for r in records if r["id"] == channel]
        if not records:
            raise LianjieError(f"no channel with id {channel!r} in {store.describe() if store else 'the store'}")
    return records


def reach_matrix(
    store: Store,
    as_of: dt.date | None = None,
    link_types: Iterable[str] | None = None,
    graph: LinkGraph | None = None,
    mechanisms: Iterable[str] | None = None,
) -> tuple[pandas.DataFrame, pandas.DataFrame, sparse.csr_array]:
    """Channels, households and a sparse boolean matrix (households x channels) of who reaches whom.

    Channels are sorted by id; households come in store order with ``id`` and ``poor``.

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> store = toy_store()
    >>> channels, households, matrix = reach_matrix(store)
    >>> list(channels["id"]), list(households["id"])
    (['ch1', 'ch2'], ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])
    >>> matrix.toarray().astype(int).tolist()  # h5 is reached by nothing, h6 by ch2 alone
    [[1, 1], [1, 1], [1, 1], [1, 1], [0, 0], [0, 1]]
    """
    import pandas as pd

    graph = graph or audit_graph(store, as_of, link_types, mechanisms)
    channels = _channels(graph)
    rows, poor = graph.households()
    matrix = reach_sets(graph, np.array([c["node"] for c in channels], dtype=np.int64), rows)
    households = pd.DataFrame({"id": graph.nodes[Classes.Household].column("id").to_pandas(), "poor": poor})
    return pd.DataFrame(channels, columns=["id", "name", "kind"]), households, matrix


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
    >>> from lianjie.datasets.toy import toy_store
    >>> store = toy_store()
    >>> reach(store)[0]
    {'channel': 'ch1', 'name': '县长直播', 'kind': 'livestream', 'households': 4, 'poor_households': 3}
    >>> reach(store, channel="ch1", with_households=True)[0]["household_ids"]  # h3 and h4 through the c1-e1 cycle
    ['h1', 'h2', 'h3', 'h4']
    >>> import datetime as dt
    >>> reach(store, as_of=dt.date(2021, 1, 1))[1]["households"]  # h6's link to ch2 ended in 2020
    4
    >>> reach(store, mechanisms=["wage_employment"])[1]["households"]  # reach through employment alone
    1
    """
    graph = audit_graph(store, as_of, link_types, mechanisms)
    channels = _channels(graph, channel, store)
    rows, poor = graph.households()
    by_channel = reach_sets(graph, np.array([c["node"] for c in channels], dtype=np.int64), rows).tocsc()
    household_ids = graph.nodes[Classes.Household].column("id") if with_households else None
    out = []
    for j, c in enumerate(channels):
        reached = by_channel.indices[by_channel.indptr[j] : by_channel.indptr[j + 1]]
        item = {
            "channel": c["id"],
            "name": c["name"],
            "kind": c["kind"],
            "households": len(reached),
            "poor_households": int(poor[reached].sum()),
        }
        if with_households:
            item["household_ids"] = sorted(household_ids.take(pa.array(reached)).to_pylist())
        out.append(item)
    return out


def _channel_counts(graph: LinkGraph) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Household integers, their poor mask, and how many channels reach each."""
    rows, poor = graph.households()
    matrix = reach_sets(graph, graph.rows_of(Classes.Channel), rows)
    return rows, poor, np.diff(matrix.indptr)


def channels_per_household(
    store: Store,
    as_of: dt.date | None = None,
    link_types: Iterable[str] | None = None,
    graph: LinkGraph | None = None,
) -> pandas.DataFrame:
    """For every household: ``id``, ``poor`` and ``channels``, the number of channels that reach it.

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> store = toy_store()
    >>> channels_per_household(store).to_dict("records")[4:]
    [{'id': 'h5', 'poor': True, 'channels': 0}, {'id': 'h6', 'poor': True, 'channels': 1}]
    """
    import pandas as pd

    graph = graph or audit_graph(store, as_of, link_types)
    _, poor, counts = _channel_counts(graph)
    ids = graph.nodes[Classes.Household].column("id").to_pandas()
    return pd.DataFrame({"id": ids, "poor": poor, "channels": counts})


def _poor_with(graph: LinkGraph, channels: int) -> list[str]:
    """Ids of registered-poor households that exactly ``channels`` channels reach, sorted."""
    _, poor, counts = _channel_counts(graph)
    return sorted_ids(graph, poor & (counts == channels))


def uncovered(store: Store, as_of: dt.date | None = None) -> list[str]:
    """Registered-poor households that no channel reaches, sorted by id.

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> store = toy_store()
    >>> uncovered(store)  # registered poor, no channel reaches it
    ['h5']
    """
    return _poor_with(audit_graph(store, as_of), 0)


def fragile(store: Store, as_of: dt.date | None = None) -> list[str]:
    """Registered-poor households that exactly one channel reaches, sorted by id.

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> store = toy_store()
    >>> fragile(store)  # registered poor, reached by one channel only
    ['h6']
    """
    return _poor_with(audit_graph(store, as_of), 1)


def claims(
    store: Store,
    as_of: dt.date | None = None,
    link_types: Iterable[str] | None = None,
    graph: LinkGraph | None = None,
    mechanisms: Iterable[str] | None = None,
) -> list[dict]:
    """Claimed against traced households for every node that carries a claim.

    A claim is a number (``claimed_households``) or a roster: the households an organisation's
    CLAIMS links name (its 带贫名单), whose count is then ``claimed``. Traced is the number of
    distinct households with a market-linkage path ending at the claimant; ``traced_poor``
    counts the registered-poor ones among them, for claims (like most in the sources) that
    speak of poor households. A roster claim also gives ``claimed_not_traced``: the ids of
    the households on the roster with no market path to the organisation.

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> store = toy_store()
    >>> [(c["id"], c["claimed"], c["traced"], c["gap"]) for c in claims(store)]
    [('c1', 10, 4, 6), ('e1', 3, 4, -1)]
    """
    graph = graph or audit_graph(store, as_of, link_types, mechanisms, claims=True)
    rosters = read_rosters(store)
    claimants = read_claimants(store, graph, rosters)
    rows, poor = graph.households()
    traced, traced_poor, _, by_claimant = traces(graph, np.array([], np.int64), claimants, rows, poor, bool(rosters))
    return claim_rows(graph, claimants, traced, traced_poor, by_claimant, rosters)
