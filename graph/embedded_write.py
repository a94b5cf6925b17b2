"""Writing to the embedded store: ``COPY`` of new rows, updates of changed nodes, all or nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import ladybug
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..base.checkpoints import checkpoint
from ..base.dataset import Ids
from ..base.errors import LianjieError
from ..base.kinds import ARROW_TYPES
from .keys import already_in
from .schema import link_columns, node_columns
from .store import StoreError, WriteSummary

if TYPE_CHECKING:
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


def remove_database(path: Path) -> None:
    """Delete a closed database file and its write-ahead log, if there."""
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)


class EmbeddedWriting:
    """The writing half of :class:`~lianjie.graph.embedded.EmbeddedStore`."""

    def _scratch_path(self) -> Path:
        """Where a load into the empty store builds the new file (see :meth:`_write_fresh`)."""
        return self.path.with_name(f".{self.path.name}.loading")

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
        return self._write_with(lambda store, empty: store._write_all(dataset, empty=empty))

    def _write_with(self, fill: Callable[[EmbeddedWriting, bool], WriteSummary]) -> WriteSummary:
        """Run ``fill(store, empty)`` as one write: into a scratch file when the store is empty, else one transaction.

        A :class:`LianjieError` ``fill`` raises (a dataset found wrong part way) passes unchanged;
        any other failure becomes a :class:`StoreError`. Either way nothing was changed.
        """
        self._require_writable()
        if self._is_empty():
            return self._write_fresh(fill)
        self._run("BEGIN TRANSACTION")
        try:
            summary = fill(self, False)
            checkpoint("commit")
            self._run("COMMIT")
        except BaseException as exc:
            self._rollback()
            if not isinstance(exc, Exception) or isinstance(exc, LianjieError):
                raise
            raise StoreError(f"the store at {self.path} refused the write, nothing was changed: {exc}") from exc
        return summary

    def _write_fresh(self, fill: Callable[[EmbeddedWriting, bool], WriteSummary]) -> WriteSummary:
        """Fill a new database file beside the empty store, then rename it over the store.

        A ``COPY`` outside an explicit transaction writes its rows without logging each one
        to the write-ahead log, a third of the write at a million households. The rename is
        atomic, so until it happens the store is the empty file it was.
        """
        scratch = self._scratch_path()
        remove_database(scratch)
        fresh = type(self)(scratch, self.onto, lock=False)
        try:
            fresh.set_meta(**self.meta())
            summary = fill(fresh, True)
            checkpoint("commit")
        except BaseException as exc:
            fresh.close()
            remove_database(scratch)
            if not isinstance(exc, Exception) or isinstance(exc, LianjieError):
                raise
            raise StoreError(f"the store at {self.path} refused the write, nothing was changed: {exc}") from exc
        fresh.close()
        self._close_database()  # the lock stays held until the store is closed
        self.path.with_name(self.path.name + ".wal").unlink(missing_ok=True)  # the empty store's, if any
        scratch.replace(self.path)
        from .embedded import buffer_pool

        self._db = ladybug.Database(str(self.path), buffer_pool_size=buffer_pool())
        self._conn = ladybug.Connection(self._db)
        self._present = self._tables()
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
