"""Reading from the embedded store: nodes, links (by id or by internal row), counts and Cypher."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import ladybug
import numpy as np
import pyarrow as pa

from .convert import plain_value
from .dialects import dialect
from .keys import link_keys
from .readonly import refuse_escapes
from .schema import EXTRA, LINK_KEY
from .store import LINK_FRAME, ReadOnlyError, StoreError, link_period_filter, links_cypher, read_rows

if TYPE_CHECKING:
    import pandas as pd


def read_pages(store, match: str, node: str, returns: str) -> Iterator[pa.Table]:
    """``MATCH {match} RETURN {returns}`` a page at a time: the rows of :func:`read_rows` ``node`` nodes each.

    A page is a range of the node's offsets (its row in its table), so the pages together hold
    every row once, and no page holds more than its nodes' rows: a whole table read at once
    would cost its size twice over (the engine's result and the Arrow table made of it).
    """
    top = store._run(f"MATCH {match} RETURN max(offset(id({node})))").get_all()[0][0]
    if top is None:
        return
    size, where = read_rows(), f"WHERE offset(id({node})) >= $lo AND offset(id({node})) < $hi"
    for lo in range(0, top + 1, size):
        yield store._run(f"MATCH {match} {where} RETURN {returns}", {"lo": lo, "hi": lo + size}).get_as_arrow()


class EmbeddedReading:
    """The reading half of :class:`~lianjie.graph.embedded.EmbeddedStore`."""

    def nodes(self, class_name: str, columns: Iterable[str]) -> pd.DataFrame:
        import pandas as pd

        columns = list(columns)
        if class_name not in self.onto.classes:
            raise StoreError(f"unknown class {class_name!r}")
        if class_name not in self._present:
            return pd.DataFrame({name: pd.Series([], dtype=object) for name in ["id", *columns]})
        fields = ", ".join(["n.id AS id", *(f"n.`{c}` AS `{c}`" for c in columns)])
        return self._run(f"MATCH (n:{class_name}) RETURN {fields}").get_as_arrow().to_pandas()

    def links(
        self,
        link_types: Iterable[str],
        columns: Iterable[str] = (),
        as_of: dt.date | None = None,
    ) -> pd.DataFrame:
        import pandas as pd

        link_types, columns = sorted(t for t in link_types if t in self._present), list(columns)
        if not link_types:
            return pd.DataFrame(columns=[*LINK_FRAME, *columns])
        read = columns
        if LINK_KEY in columns:  # worked out from the values it stands for, as Neo4j stores it
            props = [p.name for p in self.onto.stored_link_properties]
            read = list(dict.fromkeys([*(c for c in columns if c != LINK_KEY), *props, EXTRA]))
        query, params = links_cypher(link_types, read, as_of, dialect(self.dialect))
        table = self._run(query, params).get_as_arrow()
        if LINK_KEY in columns:
            table = table.append_column(LINK_KEY, link_keys(table, props)).select([*LINK_FRAME, *columns])
        return table.to_pandas()

    def node_rows(self, class_name: str, columns: Iterable[str] = ()) -> pa.Table:
        columns = list(columns)
        if class_name not in self.onto.classes:
            raise StoreError(f"unknown class {class_name!r}")
        if class_name not in self._present:
            fields = [("row", pa.int64()), ("id", pa.string()), *((c, pa.null()) for c in columns)]
            return pa.schema(fields).empty_table()
        fields = ", ".join(["offset(id(n)) AS row", "n.id AS id", *(f"n.`{c}` AS `{c}`" for c in columns)])
        return self._run(f"MATCH (n:{class_name}) RETURN {fields}").get_as_arrow()

    def link_rows(
        self, link_types: Iterable[str], columns: Iterable[str] = (), as_of: dt.date | None = None
    ) -> pa.Table:
        """Each end is the database's internal id: its table (the class) and its offset there (the row).

        Read one pair of end classes at a time, so each end comes as a plain integer column.
        """
        link_types, columns = sorted(t for t in link_types if t in self._present), list(columns)
        classes = sorted(self.onto.classes)
        where, params = link_period_filter(as_of)
        extra = "".join(f", e.`{c}` AS `{c}`" for c in columns)
        parts = []
        for number, link_type in enumerate(link_types):
            declared = self.onto.link_types[link_type]
            for source in sorted(declared.domain & self._present):
                for target in sorted(declared.range & self._present):
                    query = (
                        f"MATCH (a:{source})-[e:{link_type}]->(b:{target}) {where}"
                        f"RETURN offset(id(a)) AS source_row, offset(id(b)) AS target_row{extra}"
                    )
                    result = self._run(query, params).get_as_arrow()
                    if result.num_rows:
                        codes = {"source_class": classes.index(source), "target_class": classes.index(target)}
                        codes["type"] = number
                        parts.append((codes, result))
        indices = {
            name: np.concatenate([np.full(t.num_rows, c[name], np.int32) for c, t in parts] or [[]]).astype(np.int32)
            for name in ("source_class", "target_class", "type")
        }
        names = {"source_class": classes, "target_class": classes, "type": link_types}
        out = {}
        for name in ("source_class", "source_row", "target_class", "target_row", "type"):
            if name in names:
                out[name] = pa.DictionaryArray.from_arrays(pa.array(indices[name]), pa.array(names[name], pa.string()))
            else:
                out[name] = pa.concat_arrays(
                    [t.column(name).combine_chunks() for _, t in parts] or [pa.array([], pa.int64())]
                )
        if not parts:
            fields = [(name, array.type) for name, array in out.items()]
            return pa.schema([*fields, *((c, pa.null()) for c in columns)]).empty_table()
        values = pa.concat_tables([t.select(columns) for _, t in parts], promote_options="permissive")
        return pa.Table.from_arrays([*out.values(), *values.combine_chunks().columns], names=[*out, *columns])

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for cls in self.onto.classes:
            if cls not in self._present:
                continue
            n = self._run(f"MATCH (n:{cls}) RETURN count(n)").get_all()[0][0]
            if n:
                out[cls] = n
        for lt in self.onto.link_types:
            if lt not in self._present:
                continue
            n = self._run(f"MATCH ()-[e:{lt}]->() RETURN count(e)").get_all()[0][0]
            if n:
                out[lt] = n
        return out

    def cypher(self, query: str, params: dict | None = None, write: bool = False) -> list[dict]:
        if write:
            self._require_writable()
            conn, db = self._conn, None
        elif self.read_only:
            refuse_escapes(query)
            conn, db = self._conn, None
        else:
            refuse_escapes(query)
            db = ladybug.Database(str(self.path), read_only=True)
            conn = ladybug.Connection(db)
        try:
            result = conn.execute(query, params or {})
            results = result if isinstance(result, list) else [result]
            last = results[-1]
            names = last.get_column_names()
            return [{n: plain_value(v) for n, v in zip(names, row)} for row in last.get_all()]
        except RuntimeError as exc:
            message = str(exc)
            if "read-only" in message or "read only" in message:
                raise ReadOnlyError(
                    "this query writes, and the store was opened read-only; add --write to change the store"
                ) from None
            raise StoreError(f"Cypher error: {message.splitlines()[0]}") from None
        finally:
            if db is not None:
                conn.close()
                db.close()
