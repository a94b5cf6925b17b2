"""The report's tables as an Excel workbook: one table per sheet, headers in Chinese and English.

Written with xlsxwriter row by row (its constant-memory mode): openpyxl's writer builds an
XML element per cell, about 9 s for the 40,000 rows of a million-household report here.
Text that a spreadsheet would read as a formula (starting ``=``, ``+``, ``-``, ``@``, or a
tab or carriage return) is written with a leading apostrophe and always as text, so opening
the workbook never runs anything a dataset carried.
"""

from __future__ import annotations

import math
from pathlib import Path

from ..base.cells import safe_cell
from ..queries.results import Result

#: Sheet names may hold at most 31 characters.
SHEET_NAME = 31
#: Never turn text into formulas, numbers or links.
OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}


#: A cell value that cannot run as a formula (see :mod:`lianjie.base.cells`).
neutral = safe_cell


def _write(sheet, row: int, values: list, fmt=None) -> None:
    for col, value in enumerate(values):
        value = neutral(value)
        if value is None or (isinstance(value, float) and not math.isfinite(value)):
            continue
        if isinstance(value, bool):
            sheet.write_boolean(row, col, value, fmt)
        elif isinstance(value, int | float):
            sheet.write_number(row, col, value, fmt)
        else:
            sheet.write_string(row, col, str(value), fmt)


def write_xlsx(content: dict, path: str | Path) -> dict:
    """Write the headline and every section as its own sheet; returns ``{"path", "sheets"}``.

    A hidden count stays an empty cell (never a number), with ``<N`` noted on the sheet's last row.
    """
    import xlsxwriter

    below = content.get("suppress_below", 0)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    names = []
    with xlsxwriter.Workbook(str(path), OPTIONS) as book:
        bold = book.add_format({"bold": True})
        for r in [content["headline"], *content["sections"]]:
            name = _sheet_name(r, names)
            names.append(name)
            sheet = book.add_worksheet(name)
            sheet.freeze_panes(1, 0)
            _write(sheet, 0, [c.header for c in r.columns], bold)
            keys = [c.key for c in r.columns]
            for i, row in enumerate(r.rows, start=1):
                _write(sheet, i, [row.get(k) for k in keys])
            if below > 1 and r.keys("count"):
                note = f"Empty household counts are below {below} and hidden; 空白户数小于 {below}，已隐去。"
                _write(sheet, len(r.rows) + 2, [note])
    return {"path": str(path), "sheets": names}


def _sheet_name(r: Result, taken: list[str]) -> str:
    name = "".join(ch for ch in f"{r.name} {r.title_zh}" if ch not in "[]:*?/\\")[:SHEET_NAME]
    base, k = name, 2
    while name.lower() in {t.lower() for t in taken}:  # Excel compares sheet names case-blind
        name = f"{base[: SHEET_NAME - 3]}~{k}"
        k += 1
    return name
