"""The embedded store: a LadybugDB database file, the zero-setup default."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import ladybug
import numpy as np
import pandas as pd
import pyarrow as pa

from ..loaders.validate import LINK_KEY, Dataset
from ..ontology import Ontology
from .convert import plain_value
from .schema import EMBEDDED_TYPES, META_TABLE, embedded_ddl, link_columns, node_columns
from .store import LINK_FRAME, ReadOnlyError, Store, StoreError, WriteSummary, link_period_filter, links_cypher

_ARROW_TYPES = {
    "string": pa.string(),
    "integer": pa.int64(),
    "double": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
}


def _arrow_column(values: pd.Series, kind: str) -> pa.Array:
    if kind == "date":
        stamps = pd.to_datetime(values, errors="coerce")
        return pa.array([None if pd.isna(v) else v.date() for v in stamps], type=pa.date32())
    if kind in ("integer", "double"):
        return pa.array(
            values.astype("Float64" if kind == "double" else "Int64"), type=_ARROW_TYPES[kind], from_pandas=True
        )
    objects = values.astype(object)
    return pa.array(objects.where(objects.notna(), None).tolist(), type=_ARROW_TYPES[kind])


def _arrow_table(
    frame: pd.DataFrame, columns: list[tuple[str, str]], renames: dict[str, str] | None = None
) -> pa.Table:
    renames = renames or {}
    arrays, names = [], []
    for name, kind in columns:
        values = frame[name] if name in frame else pd.Series([None] * len(frame), dtype=object)
        arrays.append(_arrow_column(values.reset_index(drop=True), kind))
        names.append(renames.get(name, name))
    return pa.table(arrays, names=names)


def _table_dictionary(table_ids: pa.Array, names: dict[int, str]) -> pa.DictionaryArray:
    """Internal node-table ids as a dictionary array of class names."""
    ids = sorted(names)
    position = np.full(max(ids) + 1, -1, dtype=np.int32)
    position[ids] = np.arange(len(ids), dtype=np.int32)
    indices = position[table_ids.to_numpy(zero_copy_only=False)]
    return pa.DictionaryArray.from_arrays(pa.array(indices), pa.array([names[i] for i in ids]))


class EmbeddedStore(Store):
    """A LadybugDB file: one node table per class, one rel table per link type.

    Parameters
    ----------
    path : the database file; created with its schema on first write.
    onto : the ontology that shapes the schema.
    read_only : open the file read-only, so the engine itself refuses writes.
    """

    kind = "embedded"
    integer_ends = True

    def __init__(self, path: str | Path, onto: Ontology, read_only: bool = False) -> None:
        super().__init__(onto)
        self.path = Path(path)
        self.read_only = read_only
        if self.path.is_dir():
            raise StoreError(
                f"{self.path} is a folder; give the path of a database file, e.g. {self.path / 'lianjie.db'}"
            )
        if read_only and not self.path.exists():
            raise StoreError(
                f"no store at {self.path}; load a dataset into it first (lianjie load PATH --store {self.path})"
            )
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = ladybug.Database(str(self.path), read_only=read_only)
        except RuntimeError as exc:
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from None
        self._conn = ladybug.Connection(self._db)
        if not read_only:
            self._ensure_schema()
        #: Tables present; a store made by an older ontology, opened read-only, may lack some.
        self._present = self._tables()
        self._table_ids: dict[int, str] | None = None

    def describe(self) -> str:
        return str(self.path)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._db.close()
            self._conn = None

    # -- schema ------------------------------------------------------------

    def _run(self, query: str, params: dict | None = None):
        return self._conn.execute(query, params or {})

    def _tables(self) -> set[str]:
        return set(self._run("CALL show_tables() RETURN name").get_as_df()["name"])

    def _ensure_schema(self) -> None:
        """Create missing tables and add columns the ontology gained since the store was made."""
        for statement in embedded_ddl(self.onto):
            self._run(statement)
        wanted = {cls: node_columns(self.onto, cls) for cls in self.onto.classes}
        wanted.update({lt: link_columns(self.onto) for lt in self.onto.link_types})
        for table, columns in wanted.items():
            have = set(self._run(f"CALL table_info('{table}') RETURN name").get_as_df()["name"])
            for name, kind in columns:
                if name not in have:
                    self._run(f"ALTER TABLE {table} ADD `{name}` {EMBEDDED_TYPES[kind]}")
        self._run(
            f"MERGE (m:{META_TABLE} {{key: 'ontology'}}) SET m.value = $v",
            {"v": self.onto.fingerprint},
        )

    # -- writing -----------------------------------------------------------

    def _require_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyError(f"the store at {self.path} is open read-only")

    def lookup_nodes(self, ids: Iterable[str]) -> dict[str, str]:
        wanted = set(ids)
        if not wanted or not self.path.exists():
            return {}
        found: dict[str, str] = {}
        for cls in self.onto.classes:
            if cls not in self._present:
                continue
            stored = self._run(f"MATCH (n:{cls}) RETURN n.id AS id").get_as_arrow().column("id").to_pylist()
            for ident in wanted.intersection(stored):
                found[ident] = cls
        return found

    def _stored_keys(self, link_type: str) -> set[str]:
        result = self._run(f"MATCH ()-[e:{link_type}]->() RETURN e.{LINK_KEY} AS k").get_as_arrow()
        return set(result.column("k").to_pylist())

    def write(self, dataset: Dataset) -> WriteSummary:
        self._require_writable()
        existing = self.lookup_nodes(i for f in dataset.nodes.values() for i in f["id"])
        created = updated = links_new = links_old = 0
        self._run("BEGIN TRANSACTION")
        try:
            for cls, frame in dataset.nodes.items():
                columns = node_columns(self.onto, cls)
                is_old = frame["id"].isin(list(existing))
                new, old = frame[~is_old], frame[is_old]
                if len(new):
                    self._run(f"COPY {cls} FROM $t", {"t": _arrow_table(new, columns)})
                    created += len(new)
                if len(old):
                    sets = ", ".join(f"n.`{p}` = coalesce(`{p}`, n.`{p}`)" for p, _ in columns if p != "id")
                    self._run(
                        f"LOAD FROM $t MATCH (n:{cls} {{id: `id`}}) SET {sets}", {"t": _arrow_table(old, columns)}
                    )
                    updated += len(old)
            keys_by_type: dict[str, set[str]] = {}
            for (link_type, source_class, target_class), frame in dataset.links.items():
                if link_type not in keys_by_type:
                    keys_by_type[link_type] = self._stored_keys(link_type)
                stored = keys_by_type[link_type]
                fresh = frame[~frame[LINK_KEY].isin(stored)] if stored else frame
                links_old += len(frame) - len(fresh)
                if len(fresh):
                    columns = [("source", "string"), ("target", "string"), *link_columns(self.onto)]
                    table = _arrow_table(fresh, columns, renames={"source": "from", "target": "to"})
                    self._run(
                        f"COPY {link_type} FROM $t (from='{source_class}', to='{target_class}')",
                        {"t": table},
                    )
                    links_new += len(fresh)
            self._run("COMMIT")
        except Exception as exc:
            self._rollback()
            raise StoreError(f"the store at {self.path} refused the write, nothing was changed: {exc}") from exc
        return WriteSummary(created, updated, links_new, links_old)

    def _rollback(self) -> None:
        """Roll back the open transaction; the engine may already have done so on error."""
        try:
            self._run("ROLLBACK")
        except RuntimeError:
            pass

    def reset(self) -> None:
        self._require_writable()
        self._run("BEGIN TRANSACTION")
        try:
            for cls in self.onto.classes:
                if cls in self._present:
                    self._run(f"MATCH (n:{cls}) DETACH DELETE n")
            self._run("COMMIT")
        except Exception:
            self._rollback()
            raise

    # -- reading -----------------------------------------------------------

    def nodes(self, class_name: str, columns: Iterable[str]) -> pd.DataFrame:
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
        link_types, columns = sorted(t for t in link_types if t in self._present), list(columns)
        if not link_types:
            return pd.DataFrame(columns=[*LINK_FRAME, *columns])
        query, params = links_cypher(link_types, columns, as_of, node_label="", type_function="label")
        return self._run(query, params).get_as_arrow().to_pandas()

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
        """Each end is the database's internal id: its table (the class) and its offset there (the row)."""
        link_types, columns = sorted(t for t in link_types if t in self._present), list(columns)
        tables = self._table_names()
        ends = {"source": "a", "target": "b"}
        if not link_types:
            empty = pa.dictionary(pa.int32(), pa.string())
            fields = [(f"{e}_{part}", kind) for e in ends for part, kind in (("class", empty), ("row", pa.int64()))]
            return pa.schema([*fields, ("type", empty), *((c, pa.null()) for c in columns)]).empty_table()
        where, params = link_period_filter(as_of)
        extra = "".join(f", e.`{c}` AS `{c}`" for c in columns)
        parts = []
        for link_type in link_types:
            query = f"MATCH (a)-[e:{link_type}]->(b) {where}RETURN id(a) AS a, id(b) AS b{extra}"
            result = self._run(query, params).get_as_arrow()
            if not result.num_rows:
                continue
            out = {}
            for end, name in ends.items():
                internal = result.column(name).combine_chunks()
                out[f"{end}_class"] = _table_dictionary(internal.field("table"), tables)
                out[f"{end}_row"] = internal.field("offset")
            out["type"] = pa.DictionaryArray.from_arrays(
                pa.array(np.zeros(result.num_rows, dtype=np.int32)), pa.array([link_type])
            )
            parts.append(pa.table({**out, **{c: result.column(c) for c in columns}}))
        if not parts:
            return self.link_rows([], columns)
        return pa.concat_tables(parts, promote_options="permissive").unify_dictionaries().combine_chunks()

    def _table_names(self) -> dict[int, str]:
        if self._table_ids is None:
            frame = self._run("CALL show_tables() RETURN id, name").get_as_arrow()
            self._table_ids = dict(zip(frame.column("id").to_pylist(), frame.column("name").to_pylist()))
        return self._table_ids

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
            conn, db = self._conn, None
        else:
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
