"""Reading from the Neo4j store: nodes, links, counts and a user's Cypher, as plain values."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship

from . import neo4j_rows
from .convert import plain_value
from .neo4j_lists import collected, columns_of
from .readonly import refuse_escapes
from .schema import SHARED_LABEL
from .store import LINK_FRAME, ReadOnlyError, StoreError, link_period_filter


def _native(value: object) -> object:
    if isinstance(value, Node):
        labels = sorted(label for label in value.labels if label != SHARED_LABEL)
        return {"_labels": labels, **{k: _native(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"_type": value.type, **{k: _native(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return {"nodes": [_native(n) for n in value.nodes], "links": [_native(r) for r in value.relationships]}
    if hasattr(value, "to_native"):
        return value.to_native()
    if isinstance(value, list):
        return [_native(v) for v in value]
    if isinstance(value, dict):
        return {k: _native(v) for k, v in value.items()}
    return value


def _frame(rows: list[list], names: list[str]) -> pd.DataFrame:
    """Row lists as a frame; Neo4j's dates and times become Python's, as :func:`_native` makes them."""
    if not rows:
        return pd.DataFrame(columns=names)
    data = {}
    for name, values in zip(names, columns_of(rows, len(names))):
        if any(hasattr(v, "to_native") or isinstance(v, (list, dict)) for v in values):
            values = [_native(v) for v in values]
        data[name] = values
    return pd.DataFrame(data, columns=names)


class Neo4jReading:
    """The reading half of :class:`~lianjie.graph.neo4j_store.Neo4jStore`."""

    def nodes(self, class_name: str, columns: Iterable[str]) -> pd.DataFrame:
        """All nodes of a class, read as one list of rows (see :mod:`lianjie.graph.neo4j_lists`)."""
        names = ["id", *columns]
        if class_name not in self.onto.classes:
            raise StoreError(f"unknown class {class_name!r}")
        fields = ", ".join(f"n.`{c}`" for c in names)
        rows = collected(self._read, f"MATCH (n:{class_name}) RETURN collect([{fields}]) AS rows")
        return _frame(rows, names)

    def links(
        self,
        link_types: Iterable[str],
        columns: Iterable[str] = (),
        as_of: dt.date | None = None,
    ) -> pd.DataFrame:
        """Links of the given types, read one type at a time as one list of rows."""
        link_types, columns = sorted(link_types), list(columns)
        names = [*LINK_FRAME, *columns]
        where, params = link_period_filter(as_of)
        fields = ", ".join(["a.id", "b.id", *(f"e.`{c}`" for c in columns)])
        parts = []
        for link_type in link_types:
            query = (
                f"MATCH (a:{SHARED_LABEL})-[e:{link_type}]->(b:{SHARED_LABEL}) {where}"
                f"RETURN collect([{fields}]) AS rows"
            )
            rows = collected(self._read, query, params)
            if rows:
                frame = _frame(rows, ["source", "target", *columns])
                frame.insert(2, "type", link_type)
                parts.append(frame)
        if not parts:
            return pd.DataFrame(columns=names)
        return pd.concat(parts, ignore_index=True)[names]

    def node_rows(self, class_name: str, columns: Iterable[str] = ()) -> pa.Table:
        """Each node's row is its internal id (see :mod:`lianjie.graph.neo4j_rows`)."""
        if class_name not in self.onto.classes:
            raise StoreError(f"unknown class {class_name!r}")
        return neo4j_rows.node_rows(self._read, class_name, list(columns))

    def link_rows(
        self, link_types: Iterable[str], columns: Iterable[str] = (), as_of: dt.date | None = None
    ) -> pa.Table:
        """Ends as class and internal id, read one link type at a time as lists of integers."""
        link_types, columns = sorted(link_types), list(columns)
        classes = sorted(self.onto.classes)
        nodes = functools.cache(lambda: neo4j_rows.node_classes(self._read, classes))
        parts = [neo4j_rows.link_rows(self._read, nodes, t, columns, as_of) for t in link_types]
        if not parts:
            parts = [neo4j_rows.empty_links(columns)]
        table = pa.concat_tables(parts, promote_options="permissive")
        types = np.repeat(np.arange(len(link_types), dtype=np.int32), [t.num_rows for t in parts])
        out = {}
        for name in ("source_class", "source_row", "target_class", "target_row"):
            array = table.column(name).combine_chunks()
            if name.endswith("_class"):
                array = pa.DictionaryArray.from_arrays(array.cast(pa.int32()), pa.array(classes, pa.string()))
            out[name] = array
        out["type"] = pa.DictionaryArray.from_arrays(pa.array(types), pa.array(link_types, pa.string()))
        return pa.table({**out, **{c: table.column(c) for c in columns}})

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for cls in self.onto.classes:
            n = self._read(f"MATCH (n:{cls}) RETURN count(n) AS n")[0]["n"]
            if n:
                out[cls] = n
        for lt in self.onto.link_types:
            n = self._read(f"MATCH ()-[e:{lt}]->() RETURN count(e) AS n")[0]["n"]
            if n:
                out[lt] = n
        return out

    def cypher(self, query: str, params: dict | None = None, write: bool = False) -> list[dict]:
        """Run ``query``; with ``write`` in one auto-commit transaction, so it runs exactly once.

        (A managed transaction would run it again after a transient failure, and a user's
        ``CREATE`` twice.) Without ``write``, in a read-access transaction.
        """
        if write:
            self._require_writable()
            self._looked_up = (set(), {})  # what a load's lookup found may change
        else:
            refuse_escapes(query)
        try:
            with self._session(read=not write) as session:
                if write:
                    records = [dict(r.items()) for r in session.run(query, params or {})]
                else:
                    records = session.execute_read(lambda tx: [dict(r.items()) for r in tx.run(query, params or {})])
        except neo4j_errors.ClientError as exc:
            code = exc.code or ""
            if "AccessMode" in code or "ForbiddenOnReadOnlyDatabase" in code:
                raise ReadOnlyError(
                    "this query writes, and the store was opened read-only; add --write to change the store"
                ) from None
            raise StoreError(f"Cypher error: {(exc.message or code).splitlines()[0]}") from None
        return [{k: plain_value(_native(v)) for k, v in rec.items()} for rec in records]
