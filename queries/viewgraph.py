"""What every drawn view starts from: the integer graph, each household's audit status, each claim's trace.

Read once per view from the store's edge list (integers, as the audit reads it); names,
quotes and other properties are read later, only for the nodes a view draws.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from scipy import sparse

from ..graph.store import Store
from ..ontology.terms import Classes, Links
from .engine import LinkGraph, link_graph, reach_sets

#: Audit status of a household, in drawing order.
STATUSES = ("uncovered", "fragile", "covered", "not_poor")
UNCOVERED, FRAGILE, COVERED, NOT_POOR = range(4)

#: Link columns every view reads (numbers a merged edge carries); provenance is added on small stores.
NUMBERS = ("amount", "mechanism")
PROVENANCE = ("source_doc", "quote", "evidence")
#: Below this many links the views also read each link's provenance up front.
SMALL = 200_000

#: Classes a view leaves out unless asked (statistics from the sources, joined by DESCRIBES).
NOT_DRAWN = (Classes.Figure,)


@dataclass
class ViewGraph:
    """The whole store as integers, with what every view colours and counts.

    ``graph`` holds every link type (market and support); ``market`` is the mask of its
    market links (those counting for reach, after the mechanism filter). ``status`` is each
    node's audit status code (households only; -1 elsewhere), ``channels`` how many channels
    reach each node, ``by_channel`` the sparse matrix (nodes x channels) of who reaches which
    channel, and ``traced`` / ``traced_poor`` / ``claimed`` each claimant's households (-1 elsewhere).
    """

    store: Store
    graph: LinkGraph
    market: np.ndarray
    status: np.ndarray
    channels: np.ndarray
    traced: np.ndarray
    traced_poor: np.ndarray
    claimed: np.ndarray
    as_of: dt.date | None
    mechanisms: list[str] | None
    by_channel: sparse.csr_array | None = None
    channel_nodes: np.ndarray | None = None
    poor: np.ndarray | None = None  # registered-poor flag of each household, in ``households`` order

    @cached_property
    def market_graph(self) -> LinkGraph:
        g = self.graph
        keep = self.market
        return LinkGraph(g.class_names, g.starts, g.nodes, g.src[keep], g.dst[keep], g.link_table.filter(keep))

    @cached_property
    def successors(self) -> tuple[np.ndarray, np.ndarray]:
        """The market links sorted by source (``src``, ``dst``), to look up a node's successors by bisection."""
        g = self.market_graph
        order = np.argsort(g.src, kind="stable")
        return g.src[order], g.dst[order]

    @cached_property
    def class_index(self) -> np.ndarray:
        """The class number (index into ``graph.class_names``) of every integer."""
        return np.repeat(np.arange(len(self.graph.class_names)), np.diff(self.graph.starts))

    def class_code(self, name: str) -> int:
        return self.graph.class_names.index(name)

    def is_class(self, nodes: np.ndarray, name: str) -> np.ndarray:
        i = self.class_code(name)
        return (nodes >= self.graph.starts[i]) & (nodes < self.graph.starts[i + 1])

    @cached_property
    def present(self) -> np.ndarray:
        """Which integers hold a node (a class's rows may leave gaps)."""
        mask = np.zeros(self.graph.size, dtype=bool)
        for name in self.graph.class_names:
            mask[self.graph.rows_of(name)] = True
        return mask

    @cached_property
    def households(self) -> np.ndarray:
        return self.graph.rows_of(Classes.Household)

    def find(self, ident: str) -> int:
        """The integer of a node id, or -1."""
        return int(self.graph.index_of([ident])[0])

    def neighbours(self, nodes: np.ndarray, links: np.ndarray | None = None) -> np.ndarray:
        """Nodes joined to any of ``nodes`` by a link (of the ``links`` mask), either way."""
        g = self.graph
        mask = np.zeros(g.size, dtype=bool)
        mask[nodes] = True
        keep = links if links is not None else np.ones(len(g.src), dtype=bool)
        out = np.zeros(g.size, dtype=bool)
        out[g.dst[keep & mask[g.src]]] = True
        out[g.src[keep & mask[g.dst]]] = True
        return np.flatnonzero(out)

    def upstream(self, targets: np.ndarray) -> np.ndarray:
        """Every node with a market path to one of ``targets`` (the targets included)."""
        reached = reach_sets(self.market_graph, np.asarray(targets, dtype=np.int64))
        return np.flatnonzero(np.diff(reached.indptr) > 0)

    def downstream(self, sources: np.ndarray) -> np.ndarray:
        """Every node a market path from one of ``sources`` ends at (the sources included)."""
        g = self.market_graph
        adjacency = sparse.csr_array((np.ones(len(g.src), dtype=bool), (g.src, g.dst)), shape=(g.size, g.size))
        seen = np.zeros(g.size, dtype=bool)
        frontier = np.unique(np.asarray(sources, dtype=np.int64))
        while len(frontier):
            seen[frontier] = True
            step = np.zeros(g.size, dtype=bool)
            step[adjacency[frontier].indices] = True
            frontier = np.flatnonzero(step & ~seen)
        return np.flatnonzero(seen)


def view_graph(
    store: Store,
    as_of: dt.date | None = None,
    mechanisms: Iterable[str] | None = None,
    provenance: bool | None = None,
    link_columns: Iterable[str] = (),
    node_columns_all: Iterable[str] = (),
) -> ViewGraph:
    """Read the store's links as integers and work out every household's status and every claim's trace.

    With ``mechanisms``, a household's own market links count only with one of those
    mechanism codes, as in the audit; its support links (its village, its pairing) stay.
    ``provenance`` reads each link's source document and quote too (default: on stores
    with fewer than 200,000 links); ``link_columns`` names more link properties to read, and
    ``node_columns_all`` more node properties of every class.

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> store = toy_store()
    >>> vg = view_graph(store)
    >>> [vg.graph.ids[h] for h in vg.households[vg.status[vg.households] == UNCOVERED]]
    ['h5']
    """
    onto = store.onto
    claimant_classes = sorted(onto.properties["claimed_households"].on_nodes)
    if provenance is None:
        counts = store.counts()
        provenance = sum(counts.get(t, 0) for t in onto.link_types) < SMALL
    columns = list(dict.fromkeys([*NUMBERS, *(PROVENANCE if provenance else ()), *link_columns]))
    node_columns = {
        Classes.Household: ["poor", "monitored"] if "monitored" in onto.properties else ["poor"],
        Classes.Channel: ["name", "kind"],
    }
    for c in claimant_classes:  # a channel may claim households too: keep its kind
        node_columns[c] = list(dict.fromkeys([*node_columns.get(c, []), "name", "claimed_households"]))
    extra = list(node_columns_all)
    if extra:
        node_columns = {c: list(dict.fromkeys([*node_columns.get(c, []), *extra])) for c in onto.classes}
    types = [t for t in onto.link_types if t != Links.DESCRIBES]
    graph = link_graph(store, types, as_of, link_columns=columns, node_columns=node_columns)
    kinds = graph.link_table.column("type").cast(pa.string())
    market = pc.is_in(kinds, value_set=pa.array(sorted(onto.market_link_types))).to_numpy(zero_copy_only=False)
    if mechanisms is not None:
        household = graph.class_names.index(Classes.Household)
        lo, hi = graph.starts[household], graph.starts[household + 1]
        own = (graph.src >= lo) & (graph.src < hi)
        allowed = pc.is_in(graph.link_table.column("mechanism"), value_set=pa.array(sorted(set(mechanisms))))
        market &= ~own | pc.fill_null(allowed, False).to_numpy(zero_copy_only=False)
        mechanisms = sorted(set(mechanisms))
    none = np.empty(0, dtype=np.int64)
    vg = ViewGraph(store, graph, market, none, none, none, none, none, as_of, mechanisms)

    channels = graph.rows_of(Classes.Channel)
    claimants, claimed = [], []
    for cls in claimant_classes:
        table = graph.nodes[cls]
        values = table.column("claimed_households").to_numpy(zero_copy_only=False)
        has = np.array([v is not None and v == v for v in values], dtype=bool)
        claimants.append(graph.rows_of(cls)[has])
        claimed.append(np.asarray(values[has], dtype=np.int64))
    claimants_all = np.concatenate([np.empty(0, np.int64), *claimants])
    claimed_all = np.concatenate([np.empty(0, np.int64), *claimed])
    targets = np.concatenate([channels, claimants_all]).astype(np.int64)
    everyone = reach_sets(vg.market_graph, targets)
    by_target = everyone[:, : len(channels)]
    vg.by_channel = by_target
    vg.channel_nodes = channels
    vg.channels = np.diff(by_target.indptr).astype(np.int64)

    households, poor = graph.households()
    status = np.full(graph.size, -1, dtype=np.int8)
    n = vg.channels[households]
    status[households] = np.select([~poor, n == 0, n == 1], [NOT_POOR, UNCOVERED, FRAGILE], COVERED)
    vg.status = status

    traced = np.full(graph.size, -1, dtype=np.int64)
    traced_poor = np.full(graph.size, -1, dtype=np.int64)
    claimed_at = np.full(graph.size, -1, dtype=np.int64)
    if len(claimants_all):
        of_households = everyone[households][:, len(channels) :]
        traced[claimants_all] = np.bincount(of_households.indices, minlength=len(claimants_all))
        traced_poor[claimants_all] = np.bincount(of_households[poor].indices, minlength=len(claimants_all))
        claimed_at[claimants_all] = claimed_all
    vg.traced, vg.traced_poor, vg.claimed = traced, traced_poor, claimed_at
    vg.poor = poor
    return vg
