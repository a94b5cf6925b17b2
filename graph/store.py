"""The abstract graph store every backend fills in.

Kept deliberately small (in the manner of rdflib's ``Store``): a backend states
what it can do through capability flags and implements a handful of bulk
operations; everything analytical lives in :mod:`lianjie.queries` as plain
functions over this interface.
"""

from __future__ import annotations

import datetime as dt
import os
from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pyarrow as pa

from ..base.dataset import Dataset, WriteSummary
from ..base.errors import ReadOnlyError, StoreBusyError, StoreError
from ..ontology import Ontology
from .dialects import Dialect

if TYPE_CHECKING:
    import pandas as pd


__all__ = [
    "LINK_FRAME",
    "ReadOnlyError",
    "Store",
    "StoreBusyError",
    "StoreError",
    "WriteSummary",
    "link_period_filter",
    "links_cypher",
    "read_rows",
]

#: Columns of every frame :meth:`Store.links` returns, before the requested link properties.
LINK_FRAME = ["source", "target", "type"]


def read_rows() -> int:
    """Rows read per page by bulk reads: ``LIANJIE_READ_ROWS``, else ``LIANJIE_CHUNK_ROWS``, else 1,000,000."""
    return int(os.environ.get("LIANJIE_READ_ROWS") or os.environ.get("LIANJIE_CHUNK_ROWS") or 1_000_000)


def link_period_filter(as_of: dt.date | None) -> tuple[str, dict]:
    """A ``WHERE`` clause (and its parameters) keeping links ``e`` valid on ``as_of``; open ends stay open."""
    if as_of is None:
        return "", {}
    return (
        "WHERE (e.start_date IS NULL OR e.start_date <= $d) AND (e.end_date IS NULL OR e.end_date >= $d) ",
        {"d": as_of},
    )


def links_cypher(
    link_types: list[str], columns: list[str], as_of: dt.date | None, dialect: Dialect
) -> tuple[str, dict]:
    """The Cypher and parameters that read links of the given types, in a store's dialect.

    The dialect's ``node_label`` narrows both ends (``":Node"`` on Neo4j, ``""`` embedded) and
    its ``type_function`` names a link's type (``type`` on Neo4j, ``label`` embedded).

    Examples
    --------
    >>> from lianjie.graph.dialects import dialect
    >>> text, params = links_cypher(["SUPPLIES"], ["amount"], None, dialect("neo4j"))
    >>> print(text.replace(" RETURN", "\\nRETURN"))
    MATCH (a:Node)-[e:SUPPLIES]->(b:Node)
    RETURN a.id AS source, b.id AS target, type(e) AS type, e.`amount` AS `amount`
    """
    node_label, type_function = dialect.node_label, dialect.type_function
    where, params = link_period_filter(as_of)
    extra = "".join(f", e.`{c}` AS `{c}`" for c in columns)
    query = (
        f"MATCH (a{node_label})-[e:{'|'.join(link_types)}]->(b{node_label}) {where}"
        f"RETURN a.id AS source, b.id AS target, {type_function}(e) AS type{extra}"
    )
    return query, params


class Store(ABC):
    """A property-graph store shaped by the ontology.

    Every node has a class (its table or label) and a unique ``id``; every link has a
    type and the ontology's link properties, and is identified by them and its ends (see
    :mod:`lianjie.graph.keys`); ``links(..., ["key"])`` names it by its key on every store.

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> store = toy_store()
    >>> store.kind, store.dialect
    ('embedded', 'embedded')
    >>> store.nodes("Channel", ["name", "kind"]).to_dict("records")
    [{'id': 'ch1', 'name': '县长直播', 'kind': 'livestream'}, {'id': 'ch2', 'name': '超市', 'kind': 'supermarket'}]
    >>> sorted(store.links(["SELLS_THROUGH"])[["source", "target"]].values.tolist())
    [['c1', 'ch1'], ['e1', 'ch2']]
    >>> store.cypher("MATCH (c:Channel) WHERE c.kind = $kind RETURN c.id AS id", {"kind": "livestream"})
    [{'id': 'ch1'}]
    >>> store.lookup_nodes(["h1", "nobody"])
    {'h1': 'Household'}
    """

    #: A short name for messages ("embedded", "neo4j"), as registered in :mod:`lianjie.graph.registry`.
    kind: str = "abstract"
    #: The name of its Cypher dialect (:mod:`lianjie.graph.dialects`).
    dialect: str = "abstract"
    #: :meth:`link_rows` names each link's ends by class and row, so analytics need not
    #: match id strings (the embedded store reads them from its own node offsets).
    integer_ends: bool = False

    def __init__(self, onto: Ontology) -> None:
        self.onto = onto
        #: What opening the store did that a user should hear of (a dead load undone, say).
        self.notices: list[str] = []

    # -- lifecycle ---------------------------------------------------------

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abstractmethod
    def describe(self) -> str:
        """Where the store is, for messages."""

    # -- bookkeeping -----------------------------------------------------------

    def meta(self) -> dict[str, str]:
        """lianjie's own record of the store: layout version, ontology and key fingerprints.

        Kept where no user query meets it (see each store); plain words as values.
        """
        raise NotImplementedError

    def set_meta(self, **values: str | None) -> None:
        """Record values in :meth:`meta`; ``None`` removes one."""
        raise NotImplementedError

    # -- writing -----------------------------------------------------------

    @abstractmethod
    def lookup_nodes(self, ids: Iterable[str]) -> dict[str, str]:
        """``{id: class}`` for those of ``ids`` already stored."""

    @abstractmethod
    def write(self, dataset: Dataset) -> WriteSummary:
        """Write a validated dataset atomically: upsert nodes, add links not stored yet."""

    @abstractmethod
    def reset(self) -> None:
        """Remove every node and link (the schema stays)."""

    # -- reading -----------------------------------------------------------

    @abstractmethod
    def nodes(self, class_name: str, columns: Iterable[str]) -> pd.DataFrame:
        """All nodes of one class with ``id`` and the given stored properties."""

    @abstractmethod
    def links(
        self,
        link_types: Iterable[str],
        columns: Iterable[str] = (),
        as_of: dt.date | None = None,
    ) -> pd.DataFrame:
        """Links of the given types as ``source``, ``target``, ``type`` (+ columns).

        With ``as_of``, only links valid on that date: a missing start or end
        leaves that side open.
        """

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Number of nodes per class and links per type (non-zero only)."""

    @abstractmethod
    def cypher(self, query: str, params: dict | None = None, write: bool = False) -> list[dict]:
        """Run Cypher and return rows as plain dicts (nodes and links as dicts too)."""

    def node_rows(self, class_name: str, columns: Iterable[str] = ()) -> pa.Table:
        """Nodes of one class as ``row``, ``id`` and the given columns.

        ``row`` is a non-negative integer unique within the class; on a store with
        :attr:`integer_ends` it is the one :meth:`link_rows` uses for the link's ends. Rows
        need not be dense (Neo4j's are its internal ids); they name nodes within one read only.
        """
        frame = self.nodes(class_name, columns)
        table = pa.Table.from_pandas(frame, preserve_index=False)
        return table.add_column(0, "row", pa.array(range(len(frame)), type=pa.int64()))

    def link_rows(
        self, link_types: Iterable[str], columns: Iterable[str] = (), as_of: dt.date | None = None
    ) -> pa.Table:
        """Links as ``source_class``, ``source_row``, ``target_class``, ``target_row``, ``type`` (+ columns).

        Only stores with :attr:`integer_ends` implement it; the others are read with :meth:`links`.
        """
        raise NotImplementedError(f"the {self.kind} store reads links by id; use links()")

    def node_classes(self) -> dict[str, str]:
        """``{id: class}`` for every node."""
        out: dict[str, str] = {}
        for cls in self.onto.classes:
            frame = self.nodes(cls, [])
            out.update(dict.fromkeys(frame["id"], cls))
        return out
