"""Reading a column of cells as the ontology says it holds: values, refused cells, and how.

The plain form of every value kind is read vectorised over the column; the cells it refuses
go one by one through the cell readers of :mod:`lianjie.loaders.readings`, which this module
also offers under its own name.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..base.kinds import KINDS
from ..ontology import Ontology, Property, normalise_label
from .readings import (
    BLANK_WORDS,
    EXCEL_SERIALS,
    UNITS,
    Reading,
    excel_serial_date,
    normalise_id,
    normalise_ids,
    read_date,
    read_number,
    read_year_month,
    show_number,
)

__all__ = [
    "BLANK_WORDS",
    "EXCEL_SERIALS",
    "FALSE_WORDS",
    "TRUE_WORDS",
    "UNITS",
    "ColumnReading",
    "Reading",
    "excel_serial_date",
    "normalise_id",
    "normalise_ids",
    "parse_column",
    "read_column",
    "read_date",
    "read_number",
    "read_year_month",
    "show_value",
]

TRUE_WORDS = {"true", "1", "是", "yes", "y", "t", "√", "✓", "是的", "对"}
FALSE_WORDS = {"false", "0", "否", "no", "n", "f", "×", "✗", "不是"}
_BOOLEANS = {**{w: True for w in TRUE_WORDS}, **{w: False for w in FALSE_WORDS}}
_DATE_SEPARATORS = re.compile(r"[年月/.]")


def _numbers(values: pd.Series) -> pd.Series:
    text = values.astype("string").str.replace(",", "", regex=False).str.replace("，", "", regex=False)
    return pd.to_numeric(text.str.strip(), errors="coerce")


@dataclass
class ColumnReading:
    """One column read: values, refused cells, what was expected, and how each cell was read.

    ``kinds`` holds, per cell, the kind of form the text was in when it was not plain (read
    or refused; None when plain or blank), and ``notes`` what was done or why not.
    """

    values: pd.Series
    bad: pd.Series
    expected: str
    kinds: pd.Series
    notes: pd.Series
    texts: pd.Series | None = None

    def __post_init__(self) -> None:
        self.kinds = self.kinds.astype(object).where(self.kinds.notna(), None)
        self.notes = self.notes.astype(object).where(self.notes.notna(), None)


def _lenient(values: pd.Series, bad: pd.Series, read) -> tuple[list, pd.Series, pd.Series]:
    """Run ``read`` on the cells the strict pass refused; their values, kinds and notes."""
    kinds = pd.Series(None, index=values.index, dtype=object)
    notes = pd.Series(None, index=values.index, dtype=object)
    out = []
    for i in values.index[bad.to_numpy(dtype=bool)]:
        r = read(values[i])
        out.append((i, r.value))
        kinds[i], notes[i] = r.kind, r.note
    return out, kinds, notes


def read_column(values: pd.Series, prop: Property, onto: Ontology) -> ColumnReading:
    """Read one column of text cells (None for blank) as the ontology says it holds.

    The plain forms are read vectorised; the cells they refuse go through the lenient
    readers (:func:`read_date`, :func:`read_number`) one by one, so a column pays only
    for the cells written otherwise.
    """
    reading = _read_column(values, prop, onto)
    reading.texts = values
    return reading


def _read_column(values: pd.Series, prop: Property, onto: Ontology) -> ColumnReading:
    present = values.notna()
    none = pd.Series(None, index=values.index, dtype=object)
    if prop.codelist:
        codelist = onto.codelists[prop.codelist]
        mapping = {v: onto.resolve_code(prop.codelist, v) for v in values[present].unique()}
        out = values.map(mapping).astype(object)
        out = out.where(out.notna(), None)
        shown = ", ".join(f"{c.code} ({c.label_zh})" if c.code != c.label_zh else c.code for c in codelist.concepts)
        return ColumnReading(out, present & out.isna(), f"one of the {codelist.label_en} codes: {shown}", none, none)
    kind = prop.kind
    if kind == "string":
        bad = pd.Series(False, index=values.index)
        if prop.pattern:
            matches = values[present].astype(str).str.fullmatch(prop.pattern)
            bad.loc[matches.index] = ~matches.astype(bool)
            return ColumnReading(values, bad, f"text matching {prop.pattern}", none, none)
        return ColumnReading(values, bad, KINDS["string"].expected, none, none)
    if kind in ("integer", "double"):
        whole = kind == "integer"
        num = _numbers(values)
        strict_bad = present & (num.isna() | ((num.fillna(0) % 1 != 0) if whole else False))
        lenient, kinds, notes = _lenient(values, strict_bad, lambda v: read_number(v, whole=whole))
        bad = strict_bad.copy()
        num = num.astype("Float64")
        for i, v in lenient:
            if v is not None:
                num[i] = v
                bad[i] = False
            elif kinds[i] == "placeholders for blank":
                num[i] = pd.NA
                bad[i] = False
        if whole:
            out = num.where(~bad).round().astype("Int64")
            return ColumnReading(out, bad, KINDS["integer"].expected, kinds, notes)
        return ColumnReading(num.where(~bad), bad, KINDS["double"].expected, kinds, notes)
    if kind == "boolean":
        mapping = {v: _BOOLEANS.get(normalise_label(v)) for v in values[present].unique()}
        out = values.map(mapping).astype(object)
        out = out.where(out.notna(), None)
        return ColumnReading(out, present & out.isna(), KINDS["boolean"].expected, none, none)
    if kind == "date":
        text = values.astype("string").str.replace(_DATE_SEPARATORS, "-", regex=True).str.replace("日", "")
        parsed = pd.to_datetime(text.str.strip(), format="%Y-%m-%d", errors="coerce")
        strict_bad = present & parsed.isna()
        end = prop.name.startswith("end")
        lenient, kinds, notes = _lenient(values, strict_bad, lambda v: read_date(v, end=end))
        bad = strict_bad.copy()
        for i, v in lenient:
            if v is not None:
                parsed[i] = pd.Timestamp(v)
                bad[i] = False
            elif kinds[i] == "placeholders for blank":
                bad[i] = False
        return ColumnReading(parsed, bad, KINDS["date"].expected, kinds, notes)
    raise ValueError(f"unknown value kind {kind!r} for {prop.name}")


def parse_column(values: pd.Series, prop: Property, onto: Ontology) -> tuple[pd.Series, pd.Series, str]:
    """Parse one column: the values (None/NA where blank), a mask of refused cells, what was expected.

    The short form of :func:`read_column`, without how each cell was read.
    """
    r = read_column(values, prop, onto)
    return r.values, r.bad, r.expected


def show_value(value: Any) -> str:
    """A read value as a message shows it: dates as ISO text, whole numbers without a decimal point."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "blank"
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) or hasattr(value, "is_integer"):
        return show_number(float(value))
    return str(value)
