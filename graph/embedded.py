"""The embedded store: a LadybugDB database file, the zero-setup default."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import ladybug
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..base.checkpoints import checkpoint
from ..base.dataset import Ids
from ..base.kinds import ARROW_TYPES
from ..ontology import Ontology
from . import filelock
from .convert import plain_value
from .dialects import dialect
from .keys import already_in, link_keys
from .readonly import refuse_escapes
from .schema import EMBEDDED_TYPES, EXTRA, LINK_KEY, META_TABLE, embedded_ddl, link_columns, node_columns
from .store import LINK_FRAME, ReadOnlyError, Store, StoreError, WriteSummary, link_period_filter, links_cypher

if TYPE_CHECKING:
    import pandas as pd

    from ..base.dataset import Dataset


def _arrow_column(values: pa.ChunkedArray | pa.Array | None, kind: str, length: int) -> pa.Array:
    """One column of a :class:`Dataset` table as the database stores it (all null when absent)."""
    if values is None:
        return pa.nulls(length, ARROW_TYPES[kind])
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    return values if values.type == ARROW_TYPES[kind] else values.cast(ARROW_TYPES[kind])


def _arrow_table(table: pa.Table, columns: list[tuple[str, str]], renames: dict[str, str] | None = None) -> pa.Table:
    """The columns of a table's schema, in its order and types, for ``COPY`` or ``LOAD FROM``."""
    renames = renames or {}
    arrays = [
        _arrow_column(table.column(name) if name in table.column_names else None, kind, table.num_rows)
        for name, kind in columns
    ]
    return pa.table(arrays, names=[renames.get(name, name) for name, _ in columns])


def _names(columns: list[tuple[str, str]]) -> str:
    """The column list of a ``COPY``: a store made by an earlier version may hold columns no longer written."""
    return ", ".join(f"`{name}`" for name, _ in columns)


def _changed_rows(given: pa.Table, stored: pa.Table) -> pa.Array:
    """Which rows of ``given`` would change a stored node: a value given that differs from the stored one.

    ``stored`` holds ``id`` and the same columns for nodes already stored (in any order); blanks
    in ``given`` keep the stored value, so they never count as a change.
    """
    at = pc.index_in(given.column("id"), value_set=stored.column("id").combine_chunks())
    changed = pa.array(np.zeros(given.num_rows, dtype=bool))
    for name in given.column_names:
        if name == "id":
            continue
        new = given.column(name).combine_chunks()
        if new.null_count == len(new):
            continue
        have = stored.column(name).combine_chunks().take(at)
        if have.type != new.type:
            have = have.cast(new.type)
        differs = pc.and_kleene(pc.is_valid(new), pc.or_kleene(pc.is_null(have), pc.not_equal(new, have)))
        changed = pc.or_(changed, pc.fill_null(differs, False))
    return changed


def _table_dictionary(table_ids: pa.Array, names: dict[int, str]) -> pa.DictionaryArray:
    """Internal node-table ids as a dictionary array of class names."""
    ids = sorted(names)
    position = np.full(max(ids) + 1, -1, dtype=np.int32)
    position[ids] = np.arange(len(ids), dtype=np.int32)
    indices = position[table_ids.to_numpy(zero_copy_only=False)]
    return pa.DictionaryArray.from_arrays(pa.array(indices), pa.array([names[i] for i in ids]))


#: The layout of lianjie's tables; a store made with another needs its schema checked on opening.
SCHEMA_VERSION = "2"


def _remove_database(path: Path) -> None:
    """Delete a closed database file and its write-ahead log, if there."""
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)


class EmbeddedStore(Store):
    """A LadybugDB file: one node table per class, one rel table per link type.

    Parameters
    ----------
    path : the database file; created with its schema on first write.
    onto : the ontology that shapes the schema.
    read_only : open the file read-only, so the engine itself refuses writes.
    """

    kind = "embedded"
    dialect = "embedded"
    integer_ends = True

    def __init__(self, path: str | Path, onto: Ontology, read_only: bool = False, *, lock: bool = True) -> None:
        super().__init__(onto)
        self.path = Path(path)
        self.read_only = read_only
        self._conn = None
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
        self._lock = lock
        if lock:
            filelock.acquire(self.path, exclusive=not read_only)
        try:
            if lock and self._scratch_path().exists():  # no writer runs while we hold the lock
                try:
                    _remove_database(self._scratch_path())
                except OSError:
                    pass
                self.notices.append(
                    f"removed {self._scratch_path().name}, left by a load that stopped before it finished; "
                    "the store is as it was before that load"
                )
            try:
                self._db = ladybug.Database(str(self.path), read_only=read_only)
            except RuntimeError as exc:
                raise StoreError(f"cannot open the store at {self.path}: {exc}") from None
            self._conn = ladybug.Connection(self._db)
            if not read_only:
                self._ensure_schema()
            #: Tables present; a store made by an older ontology, opened read-only, may lack some.
            self._present = self._tables()
        except BaseException:
            self.close()
            raise
        self._table_ids: dict[int, str] | None = None

    def describe(self) -> str:
        return str(self.path)

    def close(self) -> None:
        self._close_database()
        if self._lock:
            self._lock = False
            filelock.release(self.path, exclusive=not self.read_only)

    def _close_database(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._db.close()
            self._conn = None

    def _scratch_path(self) -> Path:
        """Where a load into the empty store builds the new file (see :meth:`_write_fresh`)."""
        return self.path.with_name(f".{self.path.name}.loading")

    # -- schema ------------------------------------------------------------

    def _run(self, query: str, params: dict | None = None):
        return self._conn.execute(query, params or {})

    def _tables(self) -> set[str]:
        return set(self._run("CALL show_tables() RETURN name").get_as_arrow().column("name").to_pylist())

    def _ensure_schema(self) -> None:
        """Create missing tables and add columns the ontology gained since the store was made.

        Skipped when the bookkeeping says the store was made by this layout and ontology.
        """
        tables = self._tables()
        meta = self.meta() if META_TABLE in tables else {}
        if meta.get("schema") == SCHEMA_VERSION and meta.get("ontology") == self.onto.fingerprint:
            return
        for statement in embedded_ddl(self.onto):
            self._run(statement)
        wanted = {cls: node_columns(self.onto, cls) for cls in self.onto.classes}
        wanted.update({lt: link_columns(self.onto) for lt in self.onto.link_types})
        for table, columns in wanted.items():
            have = set(self._run(f"CALL table_info('{table}') RETURN name").get_as_arrow().column("name").to_pylist())
            for name, kind in columns:
                if name not in have:
                    self._run(f"ALTER TABLE {table} ADD `{name}` {EMBEDDED_TYPES[kind]}")
        self._run(f"MATCH (m:{META_TABLE}) DELETE m")  # earlier versions kept a row users could count
        self._present = self._tables()
        self.set_meta(schema=SCHEMA_VERSION, ontology=self.onto.fingerprint)

    # -- bookkeeping ---------------------------------------------------------

    def meta(self) -> dict[str, str]:
        """lianjie's own record of the store (layout, ontology and key fingerprints).

        It is the comment of the empty table ``LianjieMeta``, so no query a user writes
        meets it: ``MATCH (n) RETURN count(n)`` counts exactly the nodes loaded.
        """
        rows = self._run(f"CALL show_tables() WHERE name = '{META_TABLE}' RETURN comment").get_all()
        text = rows[0][0] if rows else ""
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            data = {}
        if not data and rows:  # a store made before the record moved into the comment
            legacy = self._run(f"MATCH (m:{META_TABLE}) RETURN m.key, m.value").get_all()
            data = {k: v for k, v in legacy if k == "ontology"}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def set_meta(self, **values: str | None) -> None:
        """Record values in :meth:`meta`; ``None`` removes one. Part of the open transaction, if any."""
        self._require_writable()
        data = {**self.meta(), **values}
        text = json.dumps({k: v for k, v in sorted(data.items()) if v is not None}, separators=(",", ":"))
        if "'" in text or "\\" in text:
            raise ValueError(f"bookkeeping values are plain words, not {text!r}")
        self._run(f"COMMENT ON TABLE {META_TABLE} IS '{text}'")

    # -- writing -----------------------------------------------------------

    def _require_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyError(f"the store at {self.path} is open read-only")

    def _stored_ids(self, cls: str) -> pa.Array:
        """The ids of one class's stored nodes."""
        if cls not in self._present:
            return pa.array([], pa.string())
        return self._run(f"MATCH (n:{cls}) RETURN n.id AS id").get_as_arrow().column("id").combine_chunks()

    def lookup_nodes(self, ids: Iterable[str]) -> dict[str, str]:
        """``{id: class}`` for those of ``ids`` already stored; ``ids`` is not read when the store is empty."""
        if not self.path.exists():
            return {}
        stored = {cls: have for cls in self.onto.classes for have in [self._stored_ids(cls)] if len(have)}
        if not stored:
            return {}
        wanted = ids.array if isinstance(ids, Ids) else pc.unique(pa.array(list(ids), pa.string()))
        found: dict[str, str] = {}
        for cls, have in stored.items():
            found.update(dict.fromkeys(wanted.filter(pc.is_in(wanted, value_set=have)).to_pylist(), cls))
        return found

    def _stored_links(self, link_type: str, columns: list[str]) -> pa.Table | None:
        """Every stored link of a type: its ends' ids and ``columns``; None when there is none."""
        if link_type not in self._present:
            return None
        fields = "".join(f", e.`{c}` AS `{c}`" for c in columns)
        result = self._run(f"MATCH (a)-[e:{link_type}]->(b) RETURN a.id AS source, b.id AS target{fields}")
        table = result.get_as_arrow()
        return table if table.num_rows else None

    def _update_nodes(self, cls: str, given: pa.Table, columns: list[tuple[str, str]]) -> None:
        """Give stored nodes the values ``given`` holds, leaving blanks as stored; unchanged nodes are skipped."""
        names = [name for name, _ in columns if name != "id" and given.column(name).null_count < given.num_rows]
        if not names:
            return
        fields = ", ".join(["n.id AS id", *(f"n.`{p}` AS `{p}`" for p in names)])
        stored = self._run(f"MATCH (n:{cls}) RETURN {fields}").get_as_arrow()
        changed = given.filter(_changed_rows(given.select(["id", *names]), stored))
        if changed.num_rows:
            sets = ", ".join(f"n.`{p}` = coalesce(`{p}`, n.`{p}`)" for p in names)
            self._run(f"LOAD FROM $t MATCH (n:{cls} {{id: `id`}}) SET {sets}", {"t": changed.select(["id", *names])})

    def _is_empty(self) -> bool:
        """No node stored (so no link either); a count per table, cheap at any size."""
        for cls in self.onto.classes:
            if cls in self._present and self._run(f"MATCH (n:{cls}) RETURN count(n)").get_all()[0][0]:
                return False
        return True

    def write(self, dataset: Dataset) -> WriteSummary:
        """``COPY`` new nodes and links, update stored nodes whose given values changed; all or nothing.

        A node already stored counts as updated whether or not its values changed; only those
        that changed are written. A link whose key is stored already is left as it is. Into a
        store that holds something, the write is one transaction; into an empty store, see
        :meth:`_write_fresh`. Either way a failure, an interrupt or a killed process leaves
        the store as it was.
        """
        self._require_writable()
        if self._is_empty():
            return self._write_fresh(dataset)
        self._run("BEGIN TRANSACTION")
        try:
            summary = self._write_all(dataset)
            checkpoint("commit")
            self._run("COMMIT")
        except BaseException as exc:
            self._rollback()
            if not isinstance(exc, Exception):
                raise
            raise StoreError(f"the store at {self.path} refused the write, nothing was changed: {exc}") from exc
        return summary

    def _write_fresh(self, dataset: Dataset) -> WriteSummary:
        """Fill a new database file beside the empty store, then rename it over the store.

        A ``COPY`` outside an explicit transaction writes its rows without logging each one
        to the write-ahead log, a third of the write at a million households. The rename is
        atomic, so until it happens the store is the empty file it was.
        """
        scratch = self._scratch_path()
        _remove_database(scratch)
        fresh = EmbeddedStore(scratch, self.onto, lock=False)
        try:
            fresh.set_meta(**self.meta())
            summary = fresh._write_all(dataset, empty=True)
            checkpoint("commit")
        except BaseException as exc:
            fresh.close()
            _remove_database(scratch)
            if not isinstance(exc, Exception):
                raise
            raise StoreError(f"the store at {self.path} refused the write, nothing was changed: {exc}") from exc
        fresh.close()
        self._close_database()  # the lock stays held until the store is closed
        self.path.with_name(self.path.name + ".wal").unlink(missing_ok=True)  # the empty store's, if any
        scratch.replace(self.path)
        self._db = ladybug.Database(str(self.path))
        self._conn = ladybug.Connection(self._db)
        self._present, self._table_ids = self._tables(), None
        return summary

    def _write_all(self, dataset: Dataset, empty: bool = False) -> WriteSummary:
        created = updated = links_new = links_old = 0
        for cls, frame in dataset.nodes.items():
            columns = node_columns(self.onto, cls)
            table = _arrow_table(frame, columns)
            stored = pa.array([], pa.string()) if empty else self._stored_ids(cls)
            is_old = pc.is_in(table.column("id"), value_set=stored) if len(stored) else None
            new = table.filter(pc.invert(is_old)) if is_old is not None else table
            if new.num_rows:
                self._run(f"COPY {cls}({_names(columns)}) FROM $t", {"t": new})
                created += new.num_rows
            if is_old is not None and (old := table.filter(is_old)).num_rows:
                self._update_nodes(cls, old, columns)
                updated += old.num_rows
        checkpoint("write")
        columns = [("source", "string"), ("target", "string"), *link_columns(self.onto)]
        stored_by_type: dict[str, pa.Table | None] = {}
        for (link_type, source_class, target_class), frame in dataset.links.items():
            table = _arrow_table(frame, columns, renames={"source": "from", "target": "to"})
            if not empty:
                if link_type not in stored_by_type:
                    stored_by_type[link_type] = self._stored_links(link_type, [n for n, _ in columns[2:]])
                stored = stored_by_type[link_type]
                if stored is not None:
                    given = table.rename_columns([n for n, _ in columns])
                    table = table.filter(pa.array(~already_in(given, stored)))
            links_old += frame.num_rows - table.num_rows
            if table.num_rows:
                self._run(
                    f"COPY {link_type}({_names(columns[2:])}) FROM $t (from='{source_class}', to='{target_class}')",
                    {"t": table},
                )
                links_new += table.num_rows
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
            self.set_meta(key=None)  # an empty store takes any key
            self._run("COMMIT")
        except Exception:
            self._rollback()
            raise

    # -- reading -----------------------------------------------------------

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
