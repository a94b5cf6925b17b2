"""The write contract between the loaders and the stores.

A loader hands a store a validated :class:`Dataset`; a store that can take one is a
:class:`DatasetStore`. Both sides import this module and neither imports the other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import pyarrow as pa

#: The structural column every stored table has besides the ontology's properties:
#: columns a dataset gave that the ontology does not name, as one JSON object per row.
EXTRA = "extra"

#: ``{id: class}`` for those of the given ids already stored.
NodeLookup = Callable[[Iterable[str]], dict[str, str]]


class Ids:
    """Distinct ids for a :data:`NodeLookup`: iterating gives them as ``str``, made only when asked.

    A store that works in Arrow may read :attr:`array` instead, and one that finds itself
    empty need not read them at all.

    Examples
    --------
    >>> import pyarrow as pa
    >>> ids = Ids(pa.array(["h1", "c1"]))
    >>> len(ids), list(ids)
    (2, ['h1', 'c1'])
    """

    def __init__(self, array: pa.Array) -> None:
        self.array = array

    def __iter__(self) -> Iterator[str]:
        return iter(self.array.to_pylist())

    def __len__(self) -> int:
        return len(self.array)


@dataclass
class Dataset:
    """A validated dataset: node tables by class, link tables by (type, source class, target class).

    Every table is a ``pyarrow.Table`` typed as stored (:data:`lianjie.base.kinds.ARROW_TYPES`),
    null where a cell was blank. A node table holds ``id``, the class's stored properties (in
    ``Ontology.stored_node_properties`` order) and ``extra``; a link table holds ``source``,
    ``target``, every stored link property and ``extra``. No two links of a dataset are
    identical (see :mod:`lianjie.graph.keys`).

    Examples
    --------
    >>> Dataset().node_count, Dataset().link_count
    (0, 0)
    """

    nodes: dict[str, pa.Table] = field(default_factory=dict)
    links: dict[tuple[str, str, str], pa.Table] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)

    @property
    def node_count(self) -> int:
        return sum(t.num_rows for t in self.nodes.values())

    @property
    def link_count(self) -> int:
        return sum(t.num_rows for t in self.links.values())


@dataclass(frozen=True)
class WriteSummary:
    """What a :meth:`DatasetStore.write` changed."""

    nodes_created: int
    nodes_updated: int
    links_created: int
    links_unchanged: int


@runtime_checkable
class DatasetStore(Protocol):
    """What a loader needs of a store: its ontology, look ids up, write a whole dataset at once."""

    #: The :class:`~lianjie.ontology.Ontology` the store is shaped by.
    onto: Any

    def describe(self) -> str:
        """Where the store is, for messages."""
        ...

    def lookup_nodes(self, ids: Iterable[str]) -> dict[str, str]:
        """``{id: class}`` for those of ``ids`` already stored (``ids`` may be :class:`Ids`)."""
        ...

    def write(self, dataset: Dataset) -> WriteSummary:
        """Upsert the nodes, add the links not stored yet; a failed write leaves the store as it was."""
        ...

    def counts(self) -> dict[str, int]:
        """Nodes per class and links per type (non-zero only)."""
        ...

    def meta(self) -> dict[str, str]:
        """lianjie's bookkeeping record of the store (the key's fingerprint among it)."""
        ...

    def set_meta(self, **values: str | None) -> None:
        """Record values in :meth:`meta`; ``None`` removes one."""
        ...


class _PropertyLike(Protocol):
    name: str
    kind: str


class SchemaSource(Protocol):
    """The part of the ontology the Dataset's table shapes are read from."""

    def stored_node_properties(self, class_name: str) -> Sequence[_PropertyLike]: ...

    @property
    def stored_link_properties(self) -> Sequence[_PropertyLike]: ...


def node_schema(onto: SchemaSource, class_name: str) -> list[tuple[str, str]]:
    """``(column, value kind)`` of a :class:`Dataset` node table of this class."""
    props = onto.stored_node_properties(class_name)
    return [("id", "string")] + [(p.name, p.kind) for p in props] + [(EXTRA, "string")]


def link_schema(onto: SchemaSource) -> list[tuple[str, str]]:
    """``(column, value kind)`` of every :class:`Dataset` link table."""
    props = [(p.name, p.kind) for p in onto.stored_link_properties]
    return [("source", "string"), ("target", "string"), *props, (EXTRA, "string")]


__all__ = [
    "EXTRA",
    "Dataset",
    "DatasetStore",
    "Ids",
    "NodeLookup",
    "SchemaSource",
    "WriteSummary",
    "link_schema",
    "node_schema",
]
