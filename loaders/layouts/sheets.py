"""Read every sheet of a workbook (``.xlsx``, ``.xls``) or a CSV file as a grid of cell values.

Workbooks are read with python-calamine (Rust bindings to calamine): it reads both the
Office Open XML ``.xlsx`` and the old binary ``.xls`` the monitoring system still exports,
about ten times faster than openpyxl on a million-row register, and gives a formula's cached
value (what Excel last showed), never its text. Cells keep their spreadsheet type: an ID
number Excel stored as a number stays a ``float``, so the layouts can refuse it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from ...base.errors import LianjieError
from ..encoding import decode_text
from ..guards import check_workbook

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")


@dataclass
class Sheet:
    """One sheet's cells, row by row from the sheet's first row (line 1), blanks as ``""`` or None.

    ``label`` names it in messages: the file, and the sheet in brackets for a workbook.
    ``merged`` lists merged ranges as ``((first_row, first_col), (last_row, last_col))``, 0-based.
    """

    path: str
    name: str | None
    rows: list[list] = field(repr=False)
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.path} [{self.name}]" if self.name is not None else self.path


def read_workbook(path: Path) -> list[Sheet]:
    """Every visible sheet of an ``.xlsx`` / ``.xls`` workbook, in order."""
    from python_calamine import CalamineWorkbook

    check_workbook(path)
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own kinds for damaged or password-protected files
        raise LianjieError(f"{path}: cannot open the workbook: {exc}") from None
    sheets = []
    try:
        for meta in book.sheets_metadata:
            if str(meta.visible).lower().endswith("hidden") or not str(meta.typ).endswith("WorkSheet"):
                continue  # hidden sheets and chart sheets
            sheet = book.get_sheet_by_name(meta.name)
            try:
                rows = sheet.to_python(skip_empty_area=False)
            except Exception as exc:
                raise LianjieError(f"{path} [{meta.name}]: cannot read the sheet: {exc}") from None
            merged = list(sheet.merged_cell_ranges or [])
            sheets.append(Sheet(str(path), meta.name, rows, merged))
    finally:
        book.close()
    return sheets


def read_csv_grid(path: Path) -> Sheet:
    """A CSV file (UTF-8, UTF-8 with BOM, UTF-16 with BOM or GB18030) as one sheet of text cells."""
    text, _encoding = decode_text(path.read_bytes(), str(path))
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise LianjieError(f"{path}: cannot read the CSV: {exc}") from None
    return Sheet(str(path), None, rows)


def read_sheets(path: str | Path) -> list[Sheet]:
    """The sheets of one file: a workbook's visible sheets, or a CSV file as one sheet."""
    p = Path(path)
    if p.suffix.lower() in WORKBOOK_SUFFIXES:
        return read_workbook(p)
    if p.suffix.lower() == ".csv":
        return [read_csv_grid(p)]
    raise LianjieError(f"{p}: not a workbook (.xlsx, .xls) or CSV file")
