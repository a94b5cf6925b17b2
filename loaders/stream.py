"""A dataset validated and written in bounded chunks: the load of a national register.

The validator (:class:`~lianjie.loaders.validate.Validator`) checks one chunk at a time, as
it checks a whole dataset; what a chunk cannot see of the others is kept as 128-bit keys
(:mod:`lianjie.base.hashset`), a few dozen bytes per node:

1. a first pass over the node tables records each id's key, class and first row, and
   reports an id given again in a later chunk (naming where it was first given);
2. each chunk is validated with a lookup that answers from those keys, so a link or a
   ``village`` column may name a node of any chunk, or one stored before;
3. the validated chunks go to the store as :class:`~lianjie.base.dataset.Dataset` parts: the
   node chunks first (with the links of their ``village`` columns), then the links; a link
   given in two chunks is written once.

The store takes the parts as one write (see ``write_parts``), its links after every part's
nodes, so a link may name a node of a later chunk: a problem in any chunk, an
interrupt or a killed process leaves it as it was. Every problem is still reported with its
file, line and column, up to the usual cap.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..base.checkpoints import checkpoint
from ..base.dataset import Dataset, Ids
from ..base.errors import DatasetError, Problem, Problems
from ..base.hashset import KeySet, id_keys, row_keys
from ..ontology import Ontology
from .arrays import map_distinct, where
from .chunks import Lines, csv_chunks
from .columns import Columns
from .hiding import protect_ids
from .privacy import Pseudonymiser
from .tables import NODES, RawTable

#: Rows per chunk: about a gigabyte of working memory each.
CHUNK_ROWS = 2_000_000
_POSITION = 40  # a key's value: class code above this bit, the node's position below


class ChunkedLoad:
    """Validates the tables of a dataset chunk by chunk and yields the store-ready parts."""

    def __init__(
        self,
        tables: list[tuple[Path, str]],
        onto: Ontology,
        pseudonymise: Pseudonymiser,
        stored_ids: Callable[[], Iterator[tuple[str, pa.Array]]] | None = None,
        rows: int = CHUNK_ROWS,
        cap: int = 50,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        self.tables, self.onto, self.pseudonymise, self.rows, self.cap = tables, onto, pseudonymise, rows, cap
        self.say = progress or (lambda message: None)
        self.classes = sorted(onto.classes)
        self.codes = {name: i + 1 for i, name in enumerate(self.classes)}
        self.nodes = KeySet()  # id key -> class code and first position among the node rows
        self.lines = {path: Lines(path) for path, _ in tables}
        self.starts: list[tuple[int, Path]] = []  # the position of each node file's first row
        self.stored = KeySet()
        for cls, ids in stored_ids() if stored_ids else ():
            self.stored.add(id_keys(ids), np.full(len(ids), self.codes.get(cls, 0)))
        self.problems = Problems(cap=cap)
        self.notices: list[str] = []
        self.nodes_read = self.links_read = 0
        self.kept: list[tuple[int, RawTable]] | None = None  # see :meth:`index_nodes`

    def _chunks(self, kind: str) -> Iterator[tuple[int, RawTable]]:
        """Each chunk of the tables of a kind, with the position of its first row among all their rows."""
        position = 0
        for path, table_kind in self.tables:
            if table_kind == kind:
                if kind == NODES and len(self.starts) < len([t for t in self.tables if t[1] == NODES]):
                    self.starts.append((position, path))
                for first, raw in csv_chunks(path, table_kind, self.onto, self.rows, self.lines[path]):
                    yield position + first, raw
                    last = first + len(raw)
                position += last

    # -- the first pass: every node id, its class and where it was first given ------------

    def index_nodes(self) -> None:
        count, chunks, only = 0, 0, None
        for position, raw in self._chunks(NODES):
            count, chunks = count + len(raw), chunks + 1
            only = (position, raw) if chunks == 1 else None
            cols = Columns(raw, self.onto.node_columns, Problems())
            i_id, i_type = cols.index_of_role("node_id"), cols.index_of_role("node_type")
            if i_id is not None and i_type is not None and len(raw):
                ids = protect_ids(raw.column(i_id), self.pseudonymise)
                classes = map_distinct(raw.column(i_type), lambda names: [self._code(n) for n in names], pa.int64())
                rows = where(pc.and_(pc.is_valid(ids), pc.is_valid(classes)))
                keys = id_keys(ids.take(rows))
                found, first = self.nodes.find(keys)
                for r, f in zip(rows[found], first[found]):
                    self._repeat(raw, int(r), ids[int(r)].as_py(), int(f) & ((1 << _POSITION) - 1))
                values = (classes.take(rows).to_numpy(zero_copy_only=False) << _POSITION) + position + rows
                self.nodes.add(keys, values)
        self.say(f"indexed {count:,} node rows")
        self.kept = [only] if only else None  # the node rows are one chunk: kept, not read again

    def _code(self, name: str) -> int | None:
        cls = self.onto.resolve_class(name)
        return self.codes.get(cls) if cls else None

    def _where(self, position: int) -> tuple[Path, int]:
        """The file and line of a node row, by its position."""
        i = bisect.bisect_right([s for s, _ in self.starts], position) - 1
        start, path = self.starts[i]
        return path, self.lines[path](position - start)

    def _repeat(self, raw: RawTable, row: int, node_id: str, first: int) -> None:
        if self.problems.full:
            self.problems.total += 1
            return
        earlier, line = self._where(first)
        self.problems.add(
            raw.file,
            raw.line_of(row),
            raw.column_of(0),
            f"duplicate id {node_id!r}; first given at {earlier}, line {line}",
        )

    # -- the second pass: each chunk validated, its parts handed on -------------------------

    def _lookup(self, own: tuple[int, int]) -> Callable[[Ids], pa.Table]:
        """Classes of the ids a chunk names: the dataset's (but not of the chunk's own nodes), else the store's."""

        def lookup(ids: Ids) -> pa.Table:
            keys = id_keys(ids.array)
            found, value = self.nodes.find(keys)
            first = value & ((1 << _POSITION) - 1)
            mine = found & (first >= own[0]) & (first < own[1])
            code = np.where(found & ~mine, value >> _POSITION, 0)
            in_store, stored_code = self.stored.find(keys) if len(self.stored) else (found & False, code * 0)
            code = np.where(code == 0, np.where(in_store, stored_code, 0), code)
            names = pa.array([None, *self.classes], pa.string())
            rows = np.flatnonzero(code)
            return pa.table({"id": ids.array.take(pa.array(rows)), "class": names.take(pa.array(code[rows]))})

        return lookup

    def _validate(self, raw: RawTable, own: tuple[int, int]) -> Dataset | None:
        from .validate import Validator

        # :meth:`_unique` drops identical links, of this chunk and the others
        validator = Validator(self.onto, self._lookup(own), self.pseudonymise, cap=self.cap, distinct_links=False)
        try:
            dataset = validator.run([raw])
        except DatasetError as exc:
            self._keep(exc.problems, exc.total)
            return None
        for notice in dataset.notices:
            if notice not in self.notices:
                self.notices.append(notice)
        return dataset

    def _keep(self, problems: list[Problem], total: int) -> None:
        """A chunk's problems; one about a whole table (its header, say) is kept once, not once per chunk."""
        for problem in problems:
            if problem.line in (None, 1) and problem in self.problems.items:
                total -= 1
            elif len(self.problems.items) < self.problems.keep:
                self.problems.items.append(problem)
        self.problems.total += total

    def parts(self) -> Iterator[Dataset]:
        """The validated parts, nodes first; raises :class:`DatasetError` (after the last chunk) on any problem."""
        self.index_nodes()
        checkpoint("read")
        links = KeySet()
        for position, raw in self.kept or self._chunks(NODES):
            dataset = self._validate(raw, (position, position + len(raw)))
            if dataset is None or self.problems:
                continue
            if not self.nodes_read:
                checkpoint("validate")  # the first chunk validated, nothing written
            self.nodes_read += dataset.node_count
            yield Dataset(nodes=dataset.nodes, links=self._unique(links, dataset.links).links)
            self.say(f"validated and wrote {self.nodes_read:,} nodes")
        self.kept = raw = dataset = None
        for _, raw in self._chunks("links"):
            dataset = self._validate(raw, (0, 0))
            if dataset is None or self.problems:
                continue
            yield self._unique(links, dataset.links)
            self.say(f"validated and wrote {self.links_read:,} links")
        del links
        self.problems.raise_if_any()

    def _unique(self, seen: KeySet, links: dict[tuple[str, str, str], pa.Table]) -> Dataset:
        """Links not given in an earlier chunk (a dataset's identical links are one link)."""
        out = {}
        for (link_type, source, target), table in links.items():
            kind = pa.repeat(pa.scalar(link_type), table.num_rows)
            new = seen.add(row_keys([kind, *table.columns]))
            self.links_read += int(new.sum())
            out[(link_type, source, target)] = table if new.all() else table.filter(pa.array(new))
        return Dataset(links=out)


#: A dataset folder at least this large (its CSV bytes) is loaded in chunks by a store that takes parts.
STREAM_BYTES = 64 << 20


def chunked_tables(store: object, paths: list[Path], roster_of: str | None, mapping: object) -> tuple[list, int] | None:
    """The tables and rows per chunk when this load goes in chunks; None when it reads the dataset whole.

    It goes in chunks when the store takes parts, every path is a dataset folder, and its
    tables are large (``LIANJIE_CHUNK_ROWS`` in the environment sets the chunk size and
    chunks any size, as the tests do).
    """
    import os

    from .chunks import streamable_tables

    if not getattr(store, "writes_parts", False) or roster_of or mapping:
        return None
    tables = streamable_tables(paths)
    if tables is None:
        return None
    if os.environ.get("LIANJIE_CHUNK_ROWS"):
        return tables, int(os.environ["LIANJIE_CHUNK_ROWS"])
    if sum(path.stat().st_size for path, _ in tables) >= STREAM_BYTES:
        return tables, CHUNK_ROWS
    return None
