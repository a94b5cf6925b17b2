"""Reach for many targets at once, by bitset propagation over integer ids.

Every node gets a row of 64-bit words, one bit per target. A target's own bit is
set in its row; then each node ORs in the rows of the nodes its links point to,
until nothing changes. Only nodes whose successors changed are revisited, so the
work is bounded by (links x path length) and cycles terminate: the rows only
ever gain bits, and there are finitely many.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..graph.store import Store


@dataclass
class LinkGraph:
    """Nodes as integers 0..n-1 with their ids and classes, and links as integer pairs."""

    ids: np.ndarray
    classes: np.ndarray
    src: np.ndarray
    dst: np.ndarray
    links: pd.DataFrame

    @property
    def size(self) -> int:
        return len(self.ids)

    def index_of(self, ids: Iterable[str]) -> np.ndarray:
        return self._index.get_indexer(list(ids))

    def __post_init__(self) -> None:
        self._index = pd.Index(self.ids)

    def of_class(self, class_name: str) -> np.ndarray:
        return np.flatnonzero(self.classes == class_name)


def link_graph(
    store: Store,
    link_types: Iterable[str] | None = None,
    as_of: dt.date | None = None,
    link_columns: Sequence[str] = (),
    mechanisms: Iterable[str] | None = None,
) -> LinkGraph:
    """Read nodes and links (market links by default) from a store as integer arrays.

    With ``mechanisms``, a household's own links count only when their mechanism is one
    of those codes (e.g. only wage employment); links between organisations are kept.
    """
    onto = store.onto
    types = sorted(onto.market_link_types if link_types is None else link_types)
    ids, classes = [], []
    for cls in sorted(onto.classes):
        frame = store.nodes(cls, [])
        ids.append(frame["id"].to_numpy(dtype=object))
        classes.append(np.full(len(frame), cls, dtype=object))
    all_ids = np.concatenate(ids) if ids else np.array([], dtype=object)
    all_classes = np.concatenate(classes) if classes else np.array([], dtype=object)
    columns = list(link_columns)
    if mechanisms is not None and "mechanism" not in columns:
        columns.append("mechanism")
    links = store.links(types, columns, as_of=as_of)
    index = pd.Index(all_ids)
    src = index.get_indexer(links["source"]) if len(links) else np.array([], dtype=np.int64)
    dst = index.get_indexer(links["target"]) if len(links) else np.array([], dtype=np.int64)
    if mechanisms is not None and len(links):
        from_household = all_classes[src] == "Household"
        keep = ~from_household | links["mechanism"].isin(set(mechanisms)).to_numpy()
        links, src, dst = links[keep].reset_index(drop=True), src[keep], dst[keep]
    return LinkGraph(all_ids, all_classes, np.asarray(src, dtype=np.int64), np.asarray(dst, dtype=np.int64), links)


def reach_bits(graph: LinkGraph, targets: np.ndarray) -> np.ndarray:
    """Rows of bits: bit j of row v is set when a path of links leads from v to ``targets[j]``.

    A target's own bit is set in its row (the empty path); callers that ask about
    households never list households as targets.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> ids = np.array(["h", "c", "x"], dtype=object)
    >>> classes = np.array(["Household", "Cooperative", "Channel"], dtype=object)
    >>> g = LinkGraph(ids, classes, np.array([0, 1]), np.array([1, 2]), pd.DataFrame())
    >>> bool(reach_bits(g, np.array([2]))[0, 0] & 1)
    True
    """
    n, k = graph.size, len(targets)
    words = max(1, (k + 63) // 64)
    bits = np.zeros((n, words), dtype=np.uint64)
    if k == 0 or n == 0:
        return bits
    j = np.arange(k)
    np.bitwise_or.at(bits, (targets, j // 64), np.left_shift(np.uint64(1), (j % 64).astype(np.uint64)))
    if len(graph.src) == 0:
        return bits
    order = np.argsort(graph.src, kind="stable")
    src, dst = graph.src[order], graph.dst[order]
    changed = np.zeros(n, dtype=bool)
    changed[targets] = True
    while True:
        active = changed[dst]
        if not active.any():
            break
        s, d = src[active], dst[active]
        starts = np.flatnonzero(np.r_[True, s[1:] != s[:-1]])
        rows = s[starts]
        gathered = np.bitwise_or.reduceat(bits[d], starts, axis=0)
        updated = bits[rows] | gathered
        grew = (updated != bits[rows]).any(axis=1)
        changed = np.zeros(n, dtype=bool)
        changed[rows[grew]] = True
        bits[rows[grew]] = updated[grew]
    return bits


def bit_columns(bits: np.ndarray, k: int) -> np.ndarray:
    """Unpack rows of words into a boolean matrix (rows x k)."""
    as_bytes = bits.astype("<u8").view(np.uint8).reshape(bits.shape[0], -1)
    return np.unpackbits(as_bytes, axis=1, bitorder="little")[:, :k].astype(bool)


#: Targets propagated together; 1,024 bits are 16 words a node, so memory stays at
#: about 128 bytes per node and per link whatever the number of targets.
CHUNK = 1024


def reach_counts(graph: LinkGraph, targets: np.ndarray, row_sets: list[np.ndarray]) -> list[np.ndarray]:
    """For each set of rows (e.g. all households, poor households), how many of them reach each target.

    Targets are propagated in chunks of :data:`CHUNK`, so thousands of claimants need
    no more memory than a thousand.
    """
    out = [np.zeros(len(targets), dtype=np.int64) for _ in row_sets]
    for start in range(0, len(targets), CHUNK):
        chunk = targets[start : start + CHUNK]
        bits = reach_bits(graph, chunk)
        for counts, rows in zip(out, row_sets):
            counts[start : start + len(chunk)] = bit_columns(bits[rows], len(chunk)).sum(axis=0)
    return out
