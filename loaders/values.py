"""Typed parsing of text columns, vectorised: each parser returns values, a mask of bad cells and what was expected."""

from __future__ import annotations

import re

import pandas as pd

from ..ontology import Ontology, Property, normalise_label

TRUE_WORDS = {"true", "1", "是", "yes", "y", "t", "√", "✓", "是的", "对"}
FALSE_WORDS = {"false", "0", "否", "no", "n", "f", "×", "✗", "不是"}
_BOOLEANS = {**{w: True for w in TRUE_WORDS}, **{w: False for w in FALSE_WORDS}}
_DATE_SEPARATORS = re.compile(r"[年月/.]")


def _numbers(values: pd.Series) -> pd.Series:
    text = values.astype("string").str.replace(",", "", regex=False).str.replace("，", "", regex=False)
    return pd.to_numeric(text.str.strip(), errors="coerce")


def parse_column(values: pd.Series, prop: Property, onto: Ontology) -> tuple[pd.Series, pd.Series, str]:
    """Parse one column of text cells (None for blank) as the ontology says it holds.

    Returns the parsed values (None/NA where blank), a boolean mask of cells that do
    not parse, and a phrase saying what was expected.
    """
    present = values.notna()
    if prop.codelist:
        codelist = onto.codelists[prop.codelist]
        mapping = {v: onto.resolve_code(prop.codelist, v) for v in values[present].unique()}
        out = values.map(mapping).astype(object)
        out = out.where(out.notna(), None)
        shown = ", ".join(f"{c.code} ({c.label_zh})" if c.code != c.label_zh else c.code for c in codelist.concepts)
        return out, present & out.isna(), f"one of the {codelist.label_en} codes: {shown}"
    kind = prop.kind
    if kind == "string":
        bad = pd.Series(False, index=values.index)
        if prop.pattern:
            matches = values[present].astype(str).str.fullmatch(prop.pattern)
            bad.loc[matches.index] = ~matches.astype(bool)
            return values, bad, f"text matching {prop.pattern}"
        return values, bad, "text"
    if kind == "integer":
        num = _numbers(values)
        bad = present & (num.isna() | (num.fillna(0) % 1 != 0))
        out = num.where(~bad).round().astype("Int64")
        return out, bad, "a whole number, e.g. 1435"
    if kind == "double":
        num = _numbers(values)
        return num.astype("Float64"), present & num.isna(), "a number, e.g. 1500000 or 12.5"
    if kind == "boolean":
        mapping = {v: _BOOLEANS.get(normalise_label(v)) for v in values[present].unique()}
        out = values.map(mapping).astype(object)
        out = out.where(out.notna(), None)
        return out, present & out.isna(), "true/false, 1/0 or 是/否"
    if kind == "date":
        text = values.astype("string").str.replace(_DATE_SEPARATORS, "-", regex=True).str.replace("日", "")
        parsed = pd.to_datetime(text.str.strip(), format="%Y-%m-%d", errors="coerce")
        return parsed, present & parsed.isna(), "a date such as 2019-06-30, 2019/6/30 or 2019年6月30日"
    raise ValueError(f"unknown value kind {kind!r} for {prop.name}")
