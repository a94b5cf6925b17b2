"""A dataset written to the embedded store in parts, as a chunked load hands them over; all or nothing.

The parts are written as one write (see ``_write_with``): into an empty store, straight into
the scratch file that replaces it at the end; into a store that holds something, in one
transaction. If the parts stop with an error (a problem found in a late chunk), nothing is
changed.

What is stored already is read once per class and link type, a page at a time
(:func:`~.embedded_read.read_pages`), and kept as 128-bit keys (:mod:`lianjie.base.hashset`):
the ids of each class, a key of each stored node's values and one of each stored link. A part's
nodes are then new (``COPY``), stored and unchanged (skipped), or stored and changed (updated);
its links new or stored (left).

New links are not copied part by part: a ``COPY`` into a link table that already holds links
costs several times one into an empty table, and grows with what is stored. They wait in
Parquet files, a folder per load (:mod:`lianjie.base.spool`), and each link table (each pair
of end classes) is filled by one ``COPY`` from its files once every part's nodes are in.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import ladybug
import pyarrow as pa
import pyarrow.parquet as pq

from ..base.checkpoints import checkpoint
from ..base.dataset import Dataset
from ..base.hashset import KeySet, id_keys, row_keys
from ..base.spool import make_spool, remove_orphans
from .embedded_read import read_pages
from .embedded_write import _arrow_table
from .schema import link_columns, node_columns
from .store import WriteSummary


def copy_rows() -> int:
    """The most links one ``COPY`` takes: 2,000,000 per GiB of the buffer pool (``LIANJIE_COPY_ROWS`` overrides).

    Measured: 10,000,000 links of one table copied in one go with a 4 GiB pool, 30,000,000 did
    not fit in it.
    """
    from .embedded import buffer_pool

    return int(os.environ.get("LIANJIE_COPY_ROWS") or 0) or max(1, buffer_pool() >> 30) * 2_000_000


def _literal(path: Path) -> str:
    """A file path as a Cypher string literal (``COPY`` takes no parameter for its files)."""
    return "'" + str(path).replace("\\", "\\\\").replace("'", "\\'") + "'"


class _LinkFiles:
    """New links of each link table (type and end classes), kept in Parquet files until the nodes are in."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.files: dict[tuple[str, str, str], list[Path]] = {}
        self.rows: dict[Path, int] = {}
        self.given: dict[tuple[str, str, str], set[str]] = {}

    def add(self, triple: tuple[str, str, str], table: pa.Table) -> None:
        if self.folder is None:
            remove_orphans()
            self.folder = make_spool()
        file = self.folder / f"{len(self.rows)}.parquet"
        pq.write_table(table, file, compression="snappy")
        self.files.setdefault(triple, []).append(file)
        self.rows[file] = table.num_rows
        given = self.given.setdefault(triple, set())
        given.update(name for name, column in zip(table.column_names, table.columns) if column.null_count < len(column))

    def batches(self, triple: tuple[str, str, str], most: int) -> Iterator[list[Path]]:
        """A link table's files in consecutive groups of at most ``most`` rows (a larger file alone)."""
        group: list[Path] = []
        count = 0
        for file in self.files[triple]:
            if group and count + self.rows[file] > most:
                yield group
                group, count = [], 0
            group.append(file)
            count += self.rows[file]
        if group:
            yield group

    def remove(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


class _PartWriter:
    def __init__(self, store, empty: bool) -> None:
        self.store, self.empty = store, empty
        self.onto = store.onto
        self.ids: dict[str, KeySet] = {}
        self.rows: dict[str, KeySet] = {}
        self.links: dict[str, KeySet] = {}
        self.created = self.updated = self.links_new = self.links_old = 0
        self.link_columns = [("source", "string"), ("target", "string"), *link_columns(self.onto)]
        self.waiting = _LinkFiles()

    def _copy(self, cls: str, table: pa.Table) -> None:
        """``COPY`` nodes: only the columns that hold a value (at least one besides the id).

        A column left out of a ``COPY`` is stored blank, and the database's work grows with
        the columns it is given.
        """
        given = [i for i, c in enumerate(table.columns) if i == 0 or c.null_count < len(c)]
        if len(given) == 1 and table.num_columns > 1:
            given.append(1)
        table = table.select(given)
        listed = ", ".join(f"`{name}`" for name in table.column_names)
        self._copy_query(f"COPY {cls}({listed}) FROM $t", table)

    def _copy_files(self, triple: tuple[str, str, str]) -> None:
        """``COPY`` a link table from its files, of the columns some file holds a value of.

        One ``COPY`` per :func:`copy_rows` rows: the database holds all of a ``COPY``'s links
        in its buffer pool (every column of the table, blank or not) before it writes them.
        """
        link_type, source_class, target_class = triple
        given = self.waiting.given[triple]
        names = [name for name, _ in self.link_columns[2:] if name in given] or [self.link_columns[2][0]]
        listed = ", ".join(f"`{name}`" for name in names)
        returns = ", ".join(f"`{name}`" for name in ["from", "to", *names])
        for batch in self.waiting.batches(triple, copy_rows()):
            files = ", ".join(_literal(file) for file in batch)
            self._copy_query(
                f"COPY {link_type}({listed}) FROM (LOAD FROM [{files}] RETURN {returns}) "
                f"(from='{source_class}', to='{target_class}')"
            )

    def _copy_query(self, query: str, table: pa.Table | None = None) -> None:
        """Run a ``COPY`` (from the Arrow table ``table``, or from files the query names); into the scratch
        file, on a connection of its own.

        A connection keeps every Arrow table it was handed as a parameter until it is closed,
        so a load of many parts on one connection would hold them all; outside a transaction
        each ``COPY`` can have its own. Inside one it cannot (a store that already holds data):
        there the parts' new rows stay held until the end, which a reload of the same data,
        having none, never feels.
        """
        params = {} if table is None else {"t": table}
        if not self.empty:
            self.store._run(query, params)
            return
        conn = ladybug.Connection(self.store._db)
        try:
            conn.execute(query, params)
        finally:
            conn.close()

    def _stored_nodes(self, cls: str, columns: list[tuple[str, str]]) -> tuple[KeySet, KeySet]:
        if cls not in self.ids:
            ids, rows = KeySet(), KeySet()
            if cls in self.store._present:
                fields = ", ".join(f"n.`{name}` AS `{name}`" for name, _ in columns)
                for stored in read_pages(self.store, f"(n:{cls})", "n", fields):
                    ids.add(id_keys(stored.column("id")))
                    rows.add(row_keys(stored.columns))
            self.ids[cls], self.rows[cls] = ids, rows
        return self.ids[cls], self.rows[cls]

    def nodes(self, cls: str, frame: pa.Table) -> None:
        columns = node_columns(self.onto, cls)
        table = _arrow_table(frame, columns)
        if self.empty:
            self._copy(cls, table)
            self.created += table.num_rows
            return
        ids, rows = self._stored_nodes(cls, columns)
        keys = id_keys(table.column("id"))
        old, _ = ids.find(keys)
        if (~old).any():
            new = table.filter(pa.array(~old))
            self._copy(cls, new)
            ids.add(keys[~old])
            self.created += new.num_rows
        if old.any():
            stored = table.filter(pa.array(old))
            same, _ = rows.find(row_keys(stored.columns))
            if not same.all():
                self.store._update_nodes(cls, stored.filter(pa.array(~same)), columns)
            self.updated += stored.num_rows

    def _stored_links(self, link_type: str) -> KeySet:
        if link_type not in self.links:
            keys = KeySet()
            if link_type in self.store._present:
                names = [n for n, _ in self.link_columns[2:]]
                fields = "".join(f", e.`{c}` AS `{c}`" for c in names)
                match, returns = f"(a)-[e:{link_type}]->(b)", f"a.id AS source, b.id AS target{fields}"
                for stored in read_pages(self.store, match, "a", returns):
                    if stored.num_rows:
                        keys.add(row_keys(_arrow_table(stored, self.link_columns).columns))
            self.links[link_type] = keys
        return self.links[link_type]

    def links_of(self, triple: tuple[str, str, str], frame: pa.Table) -> None:
        link_type, source_class, target_class = triple
        table = _arrow_table(frame, self.link_columns, renames={"source": "from", "target": "to"})
        if not self.empty:
            new = ~self._stored_links(link_type).find(row_keys(table.columns))[0]
            self.links_old += int((~new).sum())
            if not new.all():
                table = table.filter(pa.array(new))
        if table.num_rows:
            self.waiting.add(triple, table)
            self.links_new += table.num_rows

    def run(self, parts: Iterable[Dataset]) -> WriteSummary:
        """Write every part's nodes and keep its new links, then copy the links; a failure closes the parts,
        so their work stops and cleans up at once."""
        try:
            for part in parts:
                for cls, frame in part.nodes.items():
                    self.nodes(cls, frame)
                for triple, frame in part.links.items():
                    self.links_of(triple, frame)
            if self.waiting.files:
                checkpoint("write")
            for triple in self.waiting.files:
                self._copy_files(triple)
        finally:
            self.waiting.remove()
            close = getattr(parts, "close", None)
            if close is not None:
                close()
        return WriteSummary(self.created, self.updated, self.links_new, self.links_old)


class EmbeddedPartWriting:
    """Writing in parts, and the stored ids a chunked load needs; mixed into the embedded store."""

    #: Takes a dataset as parts (see :meth:`write_parts`).
    writes_parts = True

    def write_parts(self, parts: Iterable[Dataset]) -> WriteSummary:
        """Write every part as one write; a part's links may name nodes of a later part (links go in last).

        An error the parts raise (a :class:`~lianjie.base.errors.LianjieError`) leaves the
        store as it was and passes unchanged.
        """
        return self._write_with(lambda store, empty: _PartWriter(store, empty).run(parts))

    def stored_id_arrays(self) -> Iterator[tuple[str, pa.Array]]:
        """``(class, ids)`` of every class with nodes stored, a page of ids at a time (a class may come again)."""
        if not self.path.exists() or self._is_empty():
            return
        for cls in sorted(self.onto.classes):
            if cls in self._present:
                for page in read_pages(self, f"(n:{cls})", "n", "n.id AS id"):
                    if page.num_rows:
                        yield cls, page.column("id").combine_chunks()


__all__ = ["EmbeddedPartWriting"]
