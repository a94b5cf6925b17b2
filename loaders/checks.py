"""The state and cell-level checks every rule of the validator shares: problems, typing, pseudonyms."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..base.dataset import NodeLookup
from ..base.errors import Problems
from ..ontology import Ontology, Property
from .arrays import map_distinct, typed_array, where
from .columns import Columns
from .hiding import protect_ids
from .privacy import Pseudonymiser
from .tables import RawTable
from .values import parse_column


class Checks:
    """What the node and link rules share: the ontology, the problems found so far, typing and pseudonyms."""

    def __init__(self, onto: Ontology, lookup: NodeLookup, pseudonymise: Pseudonymiser, cap: int = 50) -> None:
        self.onto = onto
        self.lookup = lookup
        self.pseudonymise = pseudonymise
        self.problems = Problems(cap=cap)
        self.notices: list[str] = []
        self._tables: list[RawTable] = []
        self._ends: dict[tuple[int, int], pa.Array] = {}

    # -- helpers -----------------------------------------------------------

    def _report(self, table: RawTable, rows: Sequence[int], col: int | None, message: Callable[[int], str]) -> None:
        column = table.column_of(col) if col is not None else None
        for n, r in enumerate(rows):
            if self.problems.full:
                self.problems.total += len(rows) - n
                return
            r = int(r)
            self.problems.add(table.file, table.line_of(r), column, message(r))

    def _pseudonyms(self, values: pa.Array) -> pa.Array:
        return map_distinct(values, self.pseudonymise.many, pa.string())

    def _protect_ids(self, values: pa.Array) -> pa.Array:
        """Ids that are themselves ID or mobile numbers never reach the store in the clear."""
        return protect_ids(values, self.pseudonymise)

    def _link_ends(self, t: int, col: int) -> pa.Array:
        """A link table's source or target column, ids protected; worked out once."""
        if (t, col) not in self._ends:
            self._ends[(t, col)] = self._protect_ids(self._tables[t].column(col))
        return self._ends[(t, col)]

    def _parse(self, raw: pa.Array, prop: Property) -> tuple[pa.Array, pa.Array | None, str]:
        """Type one column's cells; also the cells that do not parse, and what was expected."""
        if prop.kind == "string" and not prop.codelist and not prop.pattern:
            return raw, None, "text"
        encoded = pc.dictionary_encode(raw)
        distinct = pd.Series(encoded.dictionary.to_pylist(), dtype=object)
        values, bad, expected = parse_column(distinct, prop, self.onto)
        typed = typed_array(values, prop.kind).take(encoded.indices)
        return typed, pa.array(bad.to_numpy(dtype=bool)).take(encoded.indices), expected

    def _typed(
        self,
        table: RawTable,
        cols: Columns,
        rows: np.ndarray,
        prop_names: Iterable[str],
        hide: dict[str, pa.Array] | None = None,
    ) -> dict[str, pa.Array]:
        """Typed columns; personal ones are pseudonymised, or, given ``hide``, marked there for later."""
        out: dict[str, pa.Array] = {}
        for name in prop_names:
            if name not in cols.props:
                continue
            i, prop = cols.props[name]
            values, bad, expected = self._parse(table.column(i).take(rows), prop)
            if bad is not None:
                self._report(
                    table,
                    rows[where(bad)],
                    i,
                    lambda r, i=i, expected=expected: f"{table.cell(i, r)!r} is not {expected}",
                )
            if prop.personal and values.type == pa.string():
                if hide is None:
                    values = self._pseudonyms(values)
                else:
                    hide[name] = pc.is_valid(values)
            out[name] = values
        return out
