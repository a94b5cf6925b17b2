"""Reading from the Neo4j store: nodes, links, counts and a user's Cypher, as plain values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship

from .convert import plain_value
from .dialects import dialect
from .readonly import refuse_escapes
from .schema import SHARED_LABEL
from .store import LINK_FRAME, ReadOnlyError, StoreError, links_cypher


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


class Neo4jReading:
    """The reading half of :class:`~lianjie.graph.neo4j_store.Neo4jStore`."""

    def nodes(self, class_name: str, columns: Iterable[str]) -> pd.DataFrame:
        columns = list(columns)
        if class_name not in self.onto.classes:
            raise StoreError(f"unknown class {class_name!r}")
        fields = ", ".join(["n.id AS id", *(f"n.`{c}` AS `{c}`" for c in columns)])
        records = self._read(f"MATCH (n:{class_name}) RETURN {fields}")
        return pd.DataFrame([[_native(v) for v in r.values()] for r in records], columns=["id", *columns])

    def links(
        self,
        link_types: Iterable[str],
        columns: Iterable[str] = (),
        as_of: dt.date | None = None,
    ) -> pd.DataFrame:
        link_types, columns = sorted(link_types), list(columns)
        names = [*LINK_FRAME, *columns]
        if not link_types:
            return pd.DataFrame(columns=names)
        query, params = links_cypher(link_types, columns, as_of, dialect(self.dialect))
        records = self._read(query, params)
        return pd.DataFrame([[_native(v) for v in r.values()] for r in records], columns=names)

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
