"""A dataset written to the embedded store in parts, as a chunked load hands them over; all or nothing.

The parts are written as one write (see ``_write_with``): into an empty store, straight into
the scratch file that replaces it at the end; into a store that holds something, in one
transaction. If the parts stop with an error (a problem found in a late chunk), nothing is
changed.

What is stored already is read once per class and link type, a page at a time
(:func:`~.embedded_read.read_pages`), and kept as 128-bit keys (:mod:`lianjie.base.hashset`):
the ids of each class, a key of each stored node's values and one of each stored link. A part's
nodes are then new (``COPY``), stored and unchanged (skipped), or stored and changed (updated);
its links new (``COPY``) or stored (left).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import ladybug
import pyarrow as pa

from ..base.checkpoints import checkpoint
from ..base.dataset import Dataset
from ..base.hashset import KeySet, id_keys, row_keys
from .embedded_read import read_pages
from .embedded_write import _arrow_table
from .schema import link_columns, node_columns
from .store import WriteSummary


class _PartWriter:
    def __init__(self, store, empty: bool) -> None:
        self.store, self.empty = store, empty
        self.onto = store.onto
        self.ids: dict[str, KeySet] = {}
        self.rows: dict[str, KeySet] = {}
        self.links: dict[str, KeySet] = {}
        self.created = self.updated = self.links_new = self.links_old = 0
        self.link_columns = [("source", "string"), ("target", "string"), *link_columns(self.onto)]
        self.wrote_links = False

    def _copy(self, target: str, table: pa.Table, ends: str | None = None) -> None:
        """``COPY`` a node table (``ends`` None) or a link table (``ends`` the classes of its ends).

        Only columns that hold a value are handed over (at least one besides the id, or the
        ends ``from`` and ``to``): a column left out of a ``COPY`` is stored blank, and the
        database's work grows with the columns it is given. Most link properties are blank.
        """
        fixed = 1 if ends is None else 2
        given = [i for i, c in enumerate(table.columns) if i < fixed or c.null_count < len(c)]
        if len(given) == fixed and table.num_columns > fixed:
            given.append(fixed)
        table = table.select(given)
        listed = ", ".join(f"`{name}`" for name in table.column_names[0 if ends is None else 2 :])  # not from, to
        self._copy_query(f"COPY {target}({listed}) FROM $t{'' if ends is None else ' ' + ends}", table)

    def _copy_query(self, query: str, table: pa.Table) -> None:
        """Run a ``COPY`` from an Arrow table; into the scratch file, on a connection of its own.

        A connection keeps every Arrow table it was handed as a parameter until it is closed,
        so a load of many parts on one connection would hold them all; outside a transaction
        each ``COPY`` can have its own. Inside one it cannot (a store that already holds data):
        there the parts' new rows stay held until the end, which a reload of the same data,
        having none, never feels.
        """
        if not self.empty:
            self.store._run(query, {"t": table})
            return
        conn = ladybug.Connection(self.store._db)
        try:
            conn.execute(query, {"t": table})
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
            self._copy(link_type, table, f"(from='{source_class}', to='{target_class}')")
            self.links_new += table.num_rows

    def run(self, parts: Iterable[Dataset]) -> WriteSummary:
        """Write every part; a write that fails closes the parts, so their work stops and cleans up at once."""
        try:
            for part in parts:
                for cls, frame in part.nodes.items():
                    self.nodes(cls, frame)
                for triple, frame in part.links.items():
                    if not self.wrote_links:
                        self.wrote_links = True
                        checkpoint("write")
                    self.links_of(triple, frame)
        finally:
            close = getattr(parts, "close", None)
            if close is not None:
                close()
        return WriteSummary(self.created, self.updated, self.links_new, self.links_old)


class EmbeddedPartWriting:
    """Writing in parts, and the stored ids a chunked load needs; mixed into the embedded store."""

    #: Takes a dataset as parts (see :meth:`write_parts`).
    writes_parts = True

    def write_parts(self, parts: Iterable[Dataset]) -> WriteSummary:
        """Write every part as one write: all nodes of all parts come before any link that names them.

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
