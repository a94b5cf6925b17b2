"""Cells for spreadsheets: text that a spreadsheet would run as a formula is neutralised.

A CSV or Excel file written by lianjie is opened by people in Excel, WPS or LibreOffice,
which treat a cell starting ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return
before one) as a formula: a name like ``=HYPERLINK("http://…")`` in a ledger would run
when the report is opened. Every CSV and Excel writer meant for people passes its cells
through :func:`safe_cell`, which puts a single quote before such text (OWASP's advice);
numbers stay numbers, so a negative amount is still a number.

The one exception is ``lianjie export --format neo4j-admin``: those files are the input of
``neo4j-admin database import`` and must carry each value exactly as stored, or the import
would change the data.
"""

from __future__ import annotations

#: The characters that make a spreadsheet read a text cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """``value`` with a leading ``'`` if it is text a spreadsheet would read as a formula.

    Examples
    --------
    >>> safe_cell("=1+2")
    "'=1+2"
    >>> safe_cell("@SUM(A1)"), safe_cell("-x"), safe_cell("平王村")
    ("'@SUM(A1)", "'-x", '平王村')
    >>> safe_cell(-3.5), safe_cell(None)
    (-3.5, None)
    >>> safe_cell(["-1", "2"])
    "'-1; 2"
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    if isinstance(value, (list, tuple, set)):
        return safe_cell("; ".join(map(str, value)))
    return value


def safe_row(values: list[object]) -> list[object]:
    """:func:`safe_cell` of every value of a row.

    Examples
    --------
    >>> safe_row(["h1", "+86 138", 12])
    ['h1', "'+86 138", 12]
    """
    return [safe_cell(v) for v in values]
