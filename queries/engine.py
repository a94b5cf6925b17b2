"""Reach for many targets at once, over integer ids read from the store's edge list.

Nodes become integers ``0..n-1``, one block per class, and links integer pairs. Reach
sets are sparse boolean matrices (nodes x targets): the graph is condensed into its
strongly connected components (a cycle's members all reach the same targets), the
components are ordered by their longest path to a sink, and each level's rows are
one sparse product of its links with the rows already known below it. Paths of any
length are followed, cycles terminate, and the work grows with the answer, not with
the number of targets times the number of links.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from ..base.arrow import positions
from ..graph.store import Store
from ..ontology.terms import Classes, Props


@dataclass
class LinkGraph:
    """Nodes as integers (one block per class) and links as integer pairs.

    ``nodes`` holds each class's rows as read from the store (``row``, ``id`` and any
    columns asked for); node ``starts[c] + row`` is that node's integer. ``link_table``
    holds the links' ``type`` and requested columns, parallel to ``src`` and ``dst``.
    """

    class_names: list[str]
    starts: np.ndarray
    nodes: dict[str, pa.Table]
    src: np.ndarray
    dst: np.ndarray
    link_table: pa.Table = field(default_factory=lambda: pa.Table.from_arrays([pa.nulls(0, pa.string())], ["type"]))
    #: Masks worked out once per graph (see :meth:`of_types` and :meth:`flagged`).
    _masks: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def size(self) -> int:
        return int(self.starts[-1])

    def rows_of(self, class_name: str) -> np.ndarray:
        """The integers of the nodes of one class, in the order of ``nodes[class_name]``."""
        i = self.class_names.index(class_name)
        return self.starts[i] + self.nodes[class_name].column("row").to_numpy()

    def of_class(self, class_name: str) -> np.ndarray:
        """The integers of the nodes of one class, ascending."""
        return np.sort(self.rows_of(class_name))

    @cached_property
    def classes(self) -> np.ndarray:
        """The class name of every integer (slots no node holds are named too; they have no links)."""
        return np.repeat(np.array(self.class_names, dtype=object), np.diff(self.starts))

    @cached_property
    def ids(self) -> np.ndarray:
        """The id of every integer (``None`` where no node is)."""
        out = np.full(self.size, None, dtype=object)
        for name in self.class_names:
            table = self.nodes[name]
            if table.num_rows:
                out[self.rows_of(name)] = table.column("id").to_numpy(zero_copy_only=False)
        return out

    @cached_property
    def _index(self) -> dict[str, int]:
        return {ident: i for i, ident in enumerate(self.ids) if ident is not None}

    def index_of(self, ids: Iterable[str]) -> np.ndarray:
        """Integers of the given ids; -1 for an id no node has."""
        index = self._index
        return np.array([index.get(i, -1) for i in ids], dtype=np.int64)

    def only(self, link_types: Iterable[str]) -> LinkGraph:
        """The same nodes with only the links of the given types."""
        keep = pc.is_in(self.link_table.column("type").cast(pa.string()), pa.array(sorted(link_types), pa.string()))
        keep = keep.to_numpy(zero_copy_only=False)
        return LinkGraph(
            self.class_names, self.starts, self.nodes, self.src[keep], self.dst[keep], self.link_table.filter(keep)
        )

    def records(self, class_name: str) -> list[dict]:
        """One class's nodes as dicts (``node``, the integer; ``id``; the columns read), sorted by id."""
        table = self.nodes[class_name].drop_columns(["row"]).append_column("node", pa.array(self.rows_of(class_name)))
        return sorted(table.to_pylist(), key=lambda r: r["id"])

    def in_class(self, nodes: np.ndarray, class_name: str) -> np.ndarray:
        """Mask: which of the integers ``nodes`` are nodes of the class."""
        i = self.class_names.index(class_name)
        return (nodes >= self.starts[i]) & (nodes < self.starts[i + 1])

    @cached_property
    def link_types(self) -> np.ndarray:
        """The type of every link, parallel to ``src`` and ``dst``."""
        return self.link_table.column("type").cast(pa.string()).to_numpy(zero_copy_only=False)

    def of_types(self, link_types: Iterable[str]) -> np.ndarray:
        """Mask over the links: those of the given types. Worked out once per set of types.

        Examples
        --------
        >>> from lianjie.datasets.toy import toy_store
        >>> graph = link_graph(toy_store())
        >>> int(graph.of_types(["SELLS_THROUGH"]).sum()), int(graph.of_types([]).sum())
        (2, 0)
        """
        key = ("types", frozenset(link_types))
        if key not in self._masks:
            self._masks[key] = _frozen(np.isin(self.link_types, sorted(key[1])))
        return self._masks[key]

    def column_of(self, class_name: str, column: str) -> pa.Array:
        """A column read for one class's nodes (parallel to :meth:`rows_of`), all null when it was not read."""
        table = self.nodes[class_name]
        if column in table.column_names:
            return table.column(column).combine_chunks()
        return pa.nulls(table.num_rows)

    def flagged(self, class_name: str, column: str, values: Sequence[str] | None = None) -> np.ndarray:
        """Mask over every integer: nodes of the class whose ``column`` is true, or one of ``values``.

        Blank is false. The column must have been read (``node_columns`` of :func:`link_graph`).
        Worked out once per question; the mask is read-only.

        Examples
        --------
        >>> from lianjie.datasets.toy import toy_store
        >>> store = toy_store()
        >>> graph = link_graph(store, node_columns={"Channel": ["kind"]})
        >>> graph.ids[graph.flagged("Channel", "kind", ["livestream"])].tolist()
        ['ch1']
        """
        key = ("flagged", class_name, column, None if values is None else tuple(values))
        if key in self._masks:
            return self._masks[key]
        out = np.zeros(self.size, dtype=bool)
        column_values = self.column_of(class_name, column)
        if len(column_values):
            if values is None:
                hit = column_values.cast(pa.bool_())
            else:
                hit = pc.is_in(column_values.cast(pa.string()), value_set=pa.array(list(values), pa.string()))
            out[self.rows_of(class_name)[pc.fill_null(hit, False).to_numpy(zero_copy_only=False)]] = True
        self._masks[key] = _frozen(out)
        return out

    def households(self) -> tuple[np.ndarray, np.ndarray]:
        """Integers of all households and a parallel registered-poor mask (``poor`` must have been read)."""
        rows = self.rows_of(Classes.Household)
        return rows, self.flagged(Classes.Household, Props.poor)[rows]

    @cached_property
    def adjacency(self) -> sparse.csr_array:
        """The links as a sparse boolean matrix (nodes x nodes)."""
        n = self.size
        return sparse.csr_array((np.ones(len(self.src), dtype=bool), (self.src, self.dst)), shape=(n, n))


def link_graph(
    store: Store,
    link_types: Iterable[str] | None = None,
    as_of: dt.date | None = None,
    link_columns: Sequence[str] = (),
    mechanisms: Iterable[str] | None = None,
    node_columns: Mapping[str, Sequence[str]] | None = None,
) -> LinkGraph:
    """Read nodes and links (market links by default) from a store as integer arrays.

    With ``mechanisms``, a household's own links count only when their mechanism is one
    of those codes (e.g. only wage employment); links between organisations are kept.
    ``node_columns`` asks for stored properties of some classes (``{"Household": ["poor"]}``).

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> store = toy_store()
    >>> graph = link_graph(store, node_columns={"Household": ["poor"]})  # market links
    >>> graph.size, len(graph.src), sorted(set(graph.link_types))
    (14, 11, ['EMPLOYED_BY', 'MEMBER_OF', 'SELLS_THROUGH', 'SUPPLIES'])
    >>> rows, poor = graph.households()
    >>> list(graph.ids[rows]), poor.tolist()
    (['h1', 'h2', 'h3', 'h4', 'h5', 'h6'], [True, True, True, False, True, True])
    >>> graph.only(["SELLS_THROUGH"]).ids[graph.only(["SELLS_THROUGH"]).dst].tolist()
    ['ch1', 'ch2']
    """
    onto = store.onto
    types = sorted(onto.market_link_types if link_types is None else link_types)
    node_columns = node_columns or {}
    class_names = sorted(onto.classes)
    nodes = {c: store.node_rows(c, node_columns.get(c, ())) for c in class_names}
    nodes, stored_rows = _dense(nodes)
    sizes = [int(pc.max(t.column("row")).as_py()) + 1 if t.num_rows else 0 for t in nodes.values()]
    starts = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    columns = list(link_columns)
    if mechanisms is not None and "mechanism" not in columns:
        columns.append("mechanism")
    graph = LinkGraph(class_names, starts, nodes, np.array([], np.int64), np.array([], np.int64))
    if store.integer_ends:
        table = store.link_rows(types, columns, as_of=as_of)
        src = _integers(graph, table.column("source_class"), table.column("source_row"), stored_rows)
        dst = _integers(graph, table.column("target_class"), table.column("target_row"), stored_rows)
        link_table = table.select(["type", *columns])
        seen = (src >= 0) & (dst >= 0)  # a link to a node stored after the nodes were read waits for the next read
        if not seen.all():
            src, dst, link_table = src[seen], dst[seen], link_table.filter(pa.array(seen))
    else:
        frame = store.links(types, columns, as_of=as_of)
        src = graph.index_of(frame["source"])
        dst = graph.index_of(frame["target"])
        link_table = pa.Table.from_pandas(frame[["type", *columns]], preserve_index=False)
    if mechanisms is not None and len(src):
        household = class_names.index(Classes.Household)
        from_household = (src >= starts[household]) & (src < starts[household + 1])
        allowed = pc.is_in(link_table.column("mechanism"), value_set=pa.array(sorted(set(mechanisms)), pa.string()))
        keep = ~from_household | pc.fill_null(allowed, False).to_numpy(zero_copy_only=False)
        src, dst, link_table = src[keep], dst[keep], link_table.filter(pa.array(keep))
    graph.src, graph.dst, graph.link_table = src.astype(np.int64), dst.astype(np.int64), link_table
    return graph


def _frozen(mask: np.ndarray) -> np.ndarray:
    """The mask made read-only, so a caller cannot change what the graph hands to others."""
    mask.flags.writeable = False
    return mask


def _dense(nodes: dict[str, pa.Table]) -> tuple[dict[str, pa.Table], dict[str, np.ndarray]]:
    """Each class's rows numbered ``0..n-1`` in their stored order, where the store's are not already.

    Returns the tables (``row`` renumbered) and, per renumbered class, the stored rows sorted:
    the stored row at position ``i`` is now row ``i``. (Neo4j's rows are internal ids, which
    every class shares; the embedded store's are offsets in the class's own table.)
    """
    out, stored = dict(nodes), {}
    for name, table in nodes.items():
        rows = table.column("row").to_numpy()
        if not len(rows) or int(rows.max()) + 1 == len(rows):
            continue
        stored[name] = np.sort(rows)
        rank = positions(stored[name], rows)
        out[name] = table.set_column(table.column_names.index("row"), "row", pa.array(rank, pa.int64()))
    return out, stored


def _integers(
    graph: LinkGraph, classes: pa.ChunkedArray, rows: pa.ChunkedArray, stored: Mapping[str, np.ndarray]
) -> np.ndarray:
    """Node integers from (class, row) columns, the class dictionary-encoded; see :func:`_dense` for ``stored``.

    -1 for a row ``stored`` does not hold: a node stored after the nodes were read (Neo4j serves
    a load and a read at once).
    """
    classes = classes.combine_chunks()
    start = dict(zip(graph.class_names, graph.starts.tolist()))
    names = classes.dictionary.to_pylist()
    size = dict(zip(graph.class_names, np.diff(graph.starts).tolist()))
    start_of = np.array([start.get(n, -1) for n in names], dtype=np.int64)
    size_of = np.array([size.get(n, 0) for n in names], dtype=np.int64)
    codes = classes.indices.to_numpy(zero_copy_only=False)
    rows = rows.to_numpy().astype(np.int64, copy=True)
    for code, name in enumerate(names):
        if name in stored:
            at = codes == code
            rows[at] = positions(stored[name], rows[at])
    return np.where((rows >= 0) & (rows < size_of[codes]), start_of[codes] + rows, -1)


def reach_sets(graph: LinkGraph, targets: np.ndarray, rows: np.ndarray | None = None) -> sparse.csr_array:
    """A sparse boolean matrix (rows x targets): entry (i, j) is stored when ``rows[i]`` reaches ``targets[j]``.

    A path of zero links counts: a target reaches itself. ``rows`` defaults to every node.

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> store = toy_store()
    >>> graph = link_graph(store)
    >>> channels = graph.of_class("Channel")
    >>> sets = reach_sets(graph, channels)
    >>> rows, _ = graph.households()
    >>> sets[rows].toarray().astype(int).tolist()
    [[1, 1], [1, 1], [1, 1], [1, 1], [0, 0], [0, 1]]
    """
    rows = np.arange(graph.size) if rows is None else np.asarray(rows, dtype=np.int64)
    if len(targets) == 0 or graph.size == 0:
        return sparse.csr_array((len(rows), len(targets)), dtype=bool)
    component, matrix = reach_components(graph, targets)
    return matrix[component[rows]]


def reach_components(graph: LinkGraph, targets: np.ndarray) -> tuple[np.ndarray, sparse.csr_array]:
    """Reach per strongly connected component: each node's component, and components x targets.

    Every node of a component reaches the same targets, so this is :func:`reach_sets` before
    its rows are copied out per node; counting over many nodes (how many households reach each
    target) can weigh each component by its nodes instead.

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> graph = link_graph(toy_store())
    >>> component, matrix = reach_components(graph, graph.of_class("Channel"))
    >>> rows, _ = graph.households()
    >>> np.diff(matrix[component[rows]].indptr).tolist()  # channels reaching each household
    [2, 2, 2, 2, 0, 1]
    """
    n, k = graph.size, len(targets)
    if n == 0 or k == 0:
        return np.arange(n), sparse.csr_array((n, k), dtype=bool)
    n_comp, comp = connected_components(graph.adjacency, directed=True, connection="strong")
    # Links between components (links inside one add nothing), grouped by the component they leave.
    cs, cd = comp[graph.src], comp[graph.dst]
    between = cs != cd
    links = sparse.csr_array((np.ones(int(between.sum()), bool), (cs[between], cd[between])), shape=(n_comp, n_comp))
    level = _levels(links)
    # Components renumbered by level: each level's rows are contiguous and link only to lower numbers.
    order = np.argsort(level.astype(np.int16) if level.max() < 2**15 else level, kind="stable")  # a radix sort
    rank = np.empty(n_comp, dtype=np.int64)
    rank[order] = np.arange(n_comp)
    moved = links[order]
    condensed = sparse.csr_array((moved.data, rank[moved.indices], moved.indptr), shape=(n_comp, n_comp))
    own = sparse.csr_array((np.ones(k, dtype=bool), (rank[comp[targets]], np.arange(k))), shape=(n_comp, k))
    bounds = np.searchsorted(level[order], np.arange(level.max() + 2))
    blocks: list[sparse.csr_array] = []
    below = sparse.csr_array((0, k), dtype=bool)  # the rows of every level so far
    for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        if lo == hi:
            continue
        block = own[lo:hi]
        if lo:
            links = condensed[lo:hi]
            reached = sparse.csr_array((links.data, links.indices, links.indptr), shape=(hi - lo, lo)) @ below
            block = block + reached if block.nnz else reached
        blocks.append(block)
        if hi < n_comp:
            below = sparse.vstack(blocks, format="csr")
    return rank[comp], sparse.vstack(blocks, format="csr")


def _levels(links: sparse.csr_array) -> np.ndarray:
    """Each node's longest path (in links) to a node with no outgoing link, in an acyclic graph.

    Iterates once per level, so the work is (depth x links); levels are few in practice.
    """
    level = np.zeros(links.shape[0], dtype=np.int64)
    heads = np.flatnonzero(np.diff(links.indptr))  # the nodes with links, each one's links together
    if not len(heads):
        return level
    starts, ends = links.indptr[heads], links.indices
    while True:
        longest = np.maximum.reduceat(level[ends] + 1, starts)
        grown = longest > level[heads]
        if not grown.any():
            return level
        level[heads[grown]] = longest[grown]


def reach_counts(graph: LinkGraph, targets: np.ndarray, row_sets: list[np.ndarray]) -> list[np.ndarray]:
    """For each set of rows (e.g. all households, poor households), how many of them reach each target."""
    matrix = reach_sets(graph, targets)
    return [np.bincount(matrix[rows].indices, minlength=len(targets)).astype(np.int64) for rows in row_sets]
