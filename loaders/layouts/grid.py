"""A recognised sheet: its data rows below the header, read column by column as text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from ...base.errors import Problems
from ..tables import RawTable, column_letter
from .headers import Header
from .sheets import Sheet

#: A row whose first text is one of these is a total, not a record.
_TOTALS = re.compile(r"^(合计|总计|小计|共计|累计)")
#: A row holding one text that starts so is a note under the table.
_NOTES = re.compile(r"^(注|备注|说明|填表说明|填报说明|制表|审核|填表人|负责人)")
#: An ID number that went through a spreadsheet as a number: digits lost, shown in E notation.
_E_NOTATION = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")


def text(value: object) -> str | None:
    """One cell as text, None when blank: whole spreadsheet numbers without ``.0``, dates as ISO."""
    if value is None:
        return None
    if isinstance(value, str):
        t = value.strip()
        return t or None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    t = str(value).strip()
    return t or None


@dataclass
class Grid:
    """The data rows of a recognised sheet (0-based sheet rows in ``rows``), and what was skipped."""

    sheet: Sheet
    header: Header
    rows: np.ndarray
    skipped: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, sheet: Sheet, header: Header) -> Grid:
        keep, totals, notes = [], 0, 0
        rows = sheet.rows
        for r in range(header.data_start, len(rows)):
            row = rows[r]
            first = next((v for v in row if v is not None and v != ""), None)
            if first is None or (isinstance(first, str) and not first.strip() and not any(text(v) for v in row)):
                continue
            if isinstance(first, str):
                lead = first.strip()
                if _TOTALS.match(lead):
                    totals += 1
                    continue
                if _NOTES.match(lead) and sum(text(v) is not None for v in row) == 1:
                    notes += 1
                    continue
            keep.append(r)
        skipped = []
        if totals:
            skipped.append(f"{totals} total row{'s' if totals > 1 else ''} (合计)")
        if notes:
            skipped.append(f"{notes} note row{'s' if notes > 1 else ''} (注 / 说明)")
        return cls(sheet, header, np.array(keep, dtype=np.int64), skipped)

    @property
    def file(self) -> str:
        return self.sheet.label

    def __len__(self) -> int:
        return len(self.rows)

    def line(self, i: int) -> int:
        """The sheet line of data row ``i``."""
        return int(self.rows[i]) + 1

    def column_name(self, col: int) -> str:
        return f"{column_letter(col)} ({self.header.labels[col]})"

    def values(self, col: int) -> list:
        """The raw cell values of a column, one per data row."""
        rows = self.sheet.rows
        return [row[col] if col < len(row) else None for row in (rows[r] for r in self.rows)]

    def cell(self, i: int, col: int) -> str | None:
        """Data row ``i``'s cell in column ``col``, as text."""
        row = self.sheet.rows[self.rows[i]]
        return text(row[col]) if col < len(row) else None

    def texts_at(self, col: int | None, positions) -> list[str | None]:
        """The cells of a column at some data rows only, as text."""
        if col is None:
            return [None] * len(positions)
        rows, where = self.sheet.rows, self.rows[np.asarray(positions, dtype=np.int64)].tolist()
        return [text(row[col]) if col < len(row) else None for row in (rows[r] for r in where)]

    def texts(self, col: int | None) -> list[str | None]:
        if col is None:
            return [None] * len(self.rows)
        return [text(v) for v in self.values(col)]

    def strings(self, col: int | None) -> pa.Array:
        return pa.array(self.texts(col), pa.string())

    def numeric_ids(self, col: int, problems: Problems, what: str = "ID number", smallest: float = 0) -> np.ndarray:
        """Rows whose cell in an ID-number column was stored as a number; one problem names the column.

        Excel keeps 15 significant digits, so an 18-digit ID number typed into a number cell
        loses its last digits (``4.33125E+17``): it cannot be read back, only re-exported.
        With ``smallest``, only numbers at least that large count (household numbers of up to
        15 digits survive a number cell whole).
        """
        values = self.values(col)
        bad = np.fromiter(
            (
                (isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) >= smallest)
                or (isinstance(v, str) and _E_NOTATION.match(v.strip()) is not None)
                for v in values
            ),
            dtype=bool,
            count=len(values),
        )
        if bad.any():
            first = int(np.flatnonzero(bad)[0])
            n = int(bad.sum())
            stored = f"{what} is stored as a number" if n == 1 else f"{what}s are stored as numbers"
            problems.add(
                self.file,
                self.line(first),
                self.column_name(col),
                f"{n:,} {stored}, not text, so the spreadsheet "
                "kept only their first 15 digits (shown like 4.33125E+17) and the rest are lost; "
                "format the column as text (设置单元格格式 → 文本) where the file is exported or typed, and "
                "export or enter the numbers again",
            )
        return bad


def raw_table(
    grid: Grid,
    kind: str,
    columns: Sequence[tuple[str, pa.Array, int | None]],
    positions: np.ndarray,
) -> RawTable:
    """A table in lianjie's own form (tidy headers) whose cells came from ``grid``.

    ``columns`` holds ``(header, values, source column or None)``; ``positions`` the data
    row each output row came from, so problems name the sheet's line and column.
    """
    headers = [name for name, _, _ in columns]
    table = pa.table([values for _, values, _ in columns], names=[str(i) for i in range(len(columns))])
    sources = [src for _, _, src in columns]
    positions = np.asarray(positions, dtype=np.int64)

    def line_of(i: int) -> int:
        return grid.line(int(positions[i]))

    def column_of(i: int) -> str:
        src = sources[i]
        return grid.column_name(src) if src is not None else f"({headers[i]})"

    return RawTable(file=grid.file, kind=kind, headers=headers, rows=table, line_of=line_of, column_of=column_of)


def report_rows(
    problems: Problems, grid: Grid, rows: Sequence[int], col: int | None, message: Callable[[int], str]
) -> None:
    """One problem per data row ``i`` in ``rows`` (up to the cap, then counted)."""
    column = grid.column_name(col) if col is not None else None
    for n, i in enumerate(rows):
        if problems.full:
            problems.total += len(rows) - n
            return
        problems.add(grid.file, grid.line(int(i)), column, message(int(i)))
