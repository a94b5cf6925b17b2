"""The embedded store: a LadybugDB database file, the zero-setup default.

This module opens the store: the file and its lock, the schema and lianjie's bookkeeping.
Writing is in :mod:`.embedded_write` (in parts, for a chunked load: :mod:`.embedded_parts`),
reading in :mod:`.embedded_read`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import ladybug

from ..ontology import Ontology
from . import filelock
from .embedded_parts import EmbeddedPartWriting
from .embedded_read import EmbeddedReading
from .embedded_write import EmbeddedWriting, remove_database
from .schema import EMBEDDED_TYPES, META_TABLE, embedded_ddl, link_columns, node_columns
from .store import ReadOnlyError, Store, StoreError

__all__ = ["SCHEMA_VERSION", "EmbeddedStore"]

def buffer_pool() -> int:
    """Bytes of memory the database may cache pages in: ``LIANJIE_BUFFER_POOL_MB``, else 4 GiB.

    The engine's own default is most of the machine's memory, which a national load would fill.
    """
    return int(os.environ.get("LIANJIE_BUFFER_POOL_MB") or 4096) << 20


#: The layout of lianjie's tables; a store made with another needs its schema checked on opening.
SCHEMA_VERSION = "2"


class EmbeddedStore(EmbeddedReading, EmbeddedPartWriting, EmbeddedWriting, Store):
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
                    remove_database(self._scratch_path())
                except OSError:
                    pass
                self.notices.append(
                    f"removed {self._scratch_path().name}, left by a load that stopped before it finished; "
                    "the store is as it was before that load"
                )
            try:
                self._db = ladybug.Database(str(self.path), read_only=read_only, buffer_pool_size=buffer_pool())
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
