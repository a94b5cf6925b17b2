"""Turn database values into plain Python data (dicts, lists, ISO dates) for JSON and tables."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal

_INTERNAL = {"_ID", "_SRC", "_DST"}


def is_missing(value: object) -> bool:
    """None, pandas' NA and NaT, and float NaN: every way a table says 'no value'."""
    if value is None or (isinstance(value, float) and value != value):
        return True
    pd = sys.modules.get("pandas")  # a value can only be pandas' NA or NaT once pandas is loaded
    return pd is not None and (value is pd.NA or value is pd.NaT)


def plain_value(value: object) -> object:
    """Nodes become ``{"_labels": [...], **props}``, links ``{"_type": ..., **props}``, paths lists."""
    if isinstance(value, dict):
        if "_NODES" in value and "_RELS" in value:
            return {
                "nodes": [plain_value(n) for n in value["_NODES"]],
                "links": [plain_value(r) for r in value["_RELS"]],
            }
        out: dict[str, object] = {}
        label = value.get("_LABEL")
        if label is not None:
            out["_type" if "_SRC" in value else "_labels"] = label if "_SRC" in value else [label]
        for k, v in value.items():
            if k in _INTERNAL or k == "_LABEL" or v is None:
                continue
            out[k] = plain_value(v)
        return out
    if isinstance(value, (list, tuple)):
        return [plain_value(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
