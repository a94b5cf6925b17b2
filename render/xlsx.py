"""The report's tables as an Excel workbook (openpyxl): one table per sheet, headers in Chinese and English.

Text that a spreadsheet would read as a formula (starting ``=``, ``+``, ``-``, ``@``, or a
tab or carriage return) is written with a leading apostrophe, so opening the workbook
never runs anything a dataset carried.
"""

from __future__ import annotations

from pathlib import Path

from ..base.cells import safe_cell
from ..queries.results import Result

#: Sheet names may hold at most 31 characters.
SHEET_NAME = 31


#: A cell value that cannot run as a formula (see :mod:`lianjie.base.cells`).
neutral = safe_cell


def write_xlsx(content: dict, path: str | Path) -> dict:
    """Write the headline and every section as its own sheet; returns ``{"path", "sheets"}``.

    A hidden count stays an empty cell (never a number), with ``<N`` noted on the sheet's last row.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    below = content.get("suppress_below", 0)
    book = Workbook(write_only=True)
    names = []
    for r in [content["headline"], *content["sections"]]:
        name = _sheet_name(r, names)
        names.append(name)
        sheet = book.create_sheet(name)
        header = []
        for c in r.columns:
            cell = WriteOnlyCell(sheet, value=neutral(c.header))
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        sheet.freeze_panes = "A2"
        keys = [c.key for c in r.columns]
        for row in r.rows:
            sheet.append([neutral(row.get(k)) for k in keys])
        if below > 1 and r.keys("count"):
            sheet.append([])
            sheet.append([f"Empty household counts are below {below} and hidden; 空白户数小于 {below}，已隐去。"])
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return {"path": str(path), "sheets": names}


def _sheet_name(r: Result, taken: list[str]) -> str:
    name = "".join(ch for ch in f"{r.name} {r.title_zh}" if ch not in "[]:*?/\\")[:SHEET_NAME]
    base, k = name, 2
    while name in taken:
        name = f"{base[: SHEET_NAME - 3]}~{k}"
        k += 1
    return name
