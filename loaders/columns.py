"""How a table's headers map onto the ontology's properties; the columns it does not name."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

import numpy as np
import pyarrow as pa

from ..base.errors import Problems
from ..ontology import Property, normalise_label
from .tables import RawTable


class Columns:
    """How a table's headers map onto the ontology's properties."""

    def __init__(self, table: RawTable, index: dict[str, Property], problems: Problems) -> None:
        self.props: dict[str, tuple[int, Property]] = {}
        self.extras: dict[str, int] = {}
        for i, header in enumerate(table.headers):
            if not header:
                if table.rows.column(i).null_count < len(table):
                    problems.add(table.file, 1, table.column_of(i), "column has values but no header")
                continue
            prop = index.get(normalise_label(header))
            if prop is None:
                self.extras[header] = i
            elif prop.name in self.props:
                first = self.props[prop.name][0]
                problems.add(
                    table.file,
                    1,
                    table.column_of(i),
                    f"names the same field ({prop.column}) as column {table.column_of(first)}",
                )
            else:
                self.props[prop.name] = (i, prop)

    def index_of_role(self, role: str) -> int | None:
        return next((i for i, p in self.props.values() if p.role == role), None)


def expected_headers(prop: Property) -> str:
    return ", ".join(dict.fromkeys([prop.column, prop.label_zh, *prop.aliases[:3]]))


def extras_json(
    table: RawTable,
    extras: dict[str, int],
    rows: np.ndarray,
    protect: Callable[[str, pa.Array], pa.Array] | None = None,
) -> pa.Array:
    """Columns not in the ontology, one JSON object per row (null when the row gives none).

    ``protect`` is given each column's header and cells and returns the cells to keep.
    """
    if not extras:
        return pa.nulls(len(rows), pa.string())
    names = list(extras)
    taken = {h: table.rows.column(i).take(rows) for h, i in extras.items()}
    if protect is not None:
        taken = {h: protect(h, v.combine_chunks() if isinstance(v, pa.ChunkedArray) else v) for h, v in taken.items()}
    cells = [v.to_pylist() for v in taken.values()]
    out = []
    for rec in zip(*cells):
        kept = {k: v for k, v in zip(names, rec) if v is not None}
        out.append(json.dumps(kept, ensure_ascii=False, sort_keys=True) if kept else None)
    return pa.array(out, pa.string())


def listed(names: Iterable[str], most: int = 12) -> str:
    """Names for a message: the first ``most`` and how many more.

    >>> listed(["a", "b", "c"], most=2)
    'a, b and 1 more'
    """
    names = list(names)
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most:,} more" if len(names) > most else "")
