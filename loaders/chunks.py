"""A dataset folder's CSV tables read in bounded chunks, each a :class:`RawTable` that knows its lines.

The whole-file reader (:func:`lianjie.loaders.tables.read_csv`) holds a table in memory; a
national register does not fit. Here Arrow's streaming CSV reader hands over blocks of rows;
cells are trimmed and blanks made null as there, wholly blank rows are left out, and a row's
line is found (only when a message needs it) by one exact pass over the file.

A table Arrow cannot read this way (another encoding, quotes in the header, a malformed row)
raises :class:`NotStreamable`; the load then reads the dataset whole, as before.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from ..base.errors import LianjieError
from ..ontology import Ontology
from .tables import LINKS, NODES, RawTable, _clean, _sniff_kind, text_csv_options, trimmed_cells


class NotStreamable(LianjieError):
    """The dataset must be read whole (see the module).

    A :class:`~lianjie.base.errors.LianjieError`, so a store that meets it part way through a
    write leaves itself as it was and passes it on unchanged, for the load to read whole.
    """


def streamable_tables(paths: list[Path]) -> list[tuple[Path, str]] | None:
    """``(file, kind)`` of each table when every path is a dataset folder Arrow can stream; else None."""
    out = []
    for path in paths:
        if not path.is_dir():
            return None
        for kind in (NODES, LINKS):
            file = path / f"{kind}.csv"
            if file.exists():
                out.append((file, kind))
    return out or None


def _header(path: Path) -> tuple[list[str], int]:
    """The header's cells and how many bytes the BOM takes; :class:`NotStreamable` unless plain UTF-8."""
    with open(path, "rb") as fh:
        head = fh.read(1 << 16)
    skip = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
    end = head.find(b"\n", skip)
    line = head[skip : end if end >= 0 else len(head)]
    try:
        text = line.decode("utf-8").rstrip("\r")
    except UnicodeDecodeError:
        raise NotStreamable(f"{path}: not UTF-8") from None
    if '"' in text or end < 0 or not text.strip():
        raise NotStreamable(f"{path}: the header needs the exact parser")
    return [(_clean(h) or "") for h in text.split(",")], skip


class Lines:
    """The line each non-blank record of a CSV file starts on, read exactly once it is first asked for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._starts: np.ndarray | None = None

    def __call__(self, row: int) -> int:
        if self._starts is None:
            starts = []
            with open(self.path, encoding="utf-8-sig", newline="") as fh:
                reader = csv.reader(fh)
                next(reader, None)
                start = reader.line_num + 1
                for record in reader:
                    if any(cell.strip() for cell in record):
                        starts.append(start)
                    start = reader.line_num + 1
            self._starts = np.array(starts, np.int64)
        return int(self._starts[row])


def csv_chunks(
    path: Path, kind: str | None, onto: Ontology, rows: int, lines: Lines | None = None
) -> Iterator[tuple[int, RawTable]]:
    """The table in ``path`` as consecutive :class:`RawTable` chunks of about ``rows`` rows, each with
    the position of its first row in the file's rows (``lines`` finds their lines)."""
    headers, _ = _header(path)
    width = len(headers)
    table_kind = kind or _sniff_kind(headers, onto)
    lines = lines or Lines(path)
    try:
        reader = pacsv.open_csv(path, **text_csv_options(width))
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise NotStreamable(f"{path}: {exc}") from None
    done = 0
    pending: list[pa.Table] = []
    count = 0

    def chunk(table: pa.Table, first: int) -> RawTable:
        frame = trimmed_cells(table, width)
        return RawTable(
            file=str(path),
            kind=table_kind,
            headers=headers,
            rows=frame,
            line_of=lambda r, first=first: lines(first + r),
            column_of=lambda i: f"{i + 1} ({headers[i]})",
        )

    def take(table: pa.Table) -> Iterator[tuple[int, RawTable]]:
        nonlocal done
        part = chunk(table, done)
        yield done, part
        done += len(part)

    while True:
        try:
            batch = reader.read_next_batch()
        except StopIteration:
            break
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise NotStreamable(f"{path}: {exc}") from None
        pending.append(pa.Table.from_batches([batch]))
        count += batch.num_rows
        while count >= rows:
            table = pa.concat_tables(pending)
            yield from take(table.slice(0, rows))
            rest = table.slice(rows)
            pending, count = [rest], rest.num_rows
    if count or not done:
        yield from take(pa.concat_tables(pending)) if pending else iter([(0, _empty(path, table_kind, headers))])


def _empty(path: Path, kind: str, headers: list[str]) -> RawTable:
    frame = pa.table([pa.array([], pa.string()) for _ in headers], names=[str(i) for i in range(len(headers))])
    return RawTable(str(path), kind, headers, frame, lambda r: r + 2, lambda i: f"{i + 1} ({headers[i]})")
