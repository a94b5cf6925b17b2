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
from .arrays import flat, map_distinct, strings, typed_array, where
from .columns import Columns, extras_json
from .hiding import DAMAGED_SHAPE, hide_personal, protect_ids
from .hints import Hints
from .privacy import Pseudonymiser, damaged_id_number
from .tables import RawTable
from .values import read_column


def _short(expected: str) -> str:
    """``a date such as 2019-06-30, ...`` is ``a date``."""
    for cut in (" such as ", ", e.g. "):
        expected = expected.split(cut)[0]
    return expected


def table_text(reading, i: int) -> tuple[str, str, str | None]:
    """The text of distinct cell ``i`` of a read column, the value it was read as, and the note."""
    from .values import show_value

    return reading.texts[i], show_value(reading.values[i]), reading.notes[i]


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

    def _report(
        self,
        table: RawTable,
        rows: Sequence[int],
        col: int | None,
        message: Callable[[int], str],
        kind: str | Callable[[int], str | None] | None = None,
    ) -> None:
        """One problem per row; ``kind`` (or a function of the row giving it) groups them."""
        column = table.column_of(col) if col is not None else None
        for n, r in enumerate(rows):
            if self.problems.full:
                self.problems.total += len(rows) - n
                return
            r = int(r)
            k = kind(r) if callable(kind) else kind
            self.problems.add(table.file, table.line_of(r), column, message(r), k)

    def _pseudonyms(self, values: pa.Array) -> pa.Array:
        return map_distinct(values, self.pseudonymise.many, pa.string())

    def _protect_ids(self, values: pa.Array) -> pa.Array:
        """Ids that are themselves ID or mobile numbers never reach the store in the clear."""
        return protect_ids(values, self.pseudonymise)

    def _damaged_ids(self, values: pa.Array) -> dict[str, str]:
        """The values shaped like ID numbers that cannot be ones, with why (never quoting them)."""
        shaped = pc.match_substring_regex(values, DAMAGED_SHAPE)
        if not pc.any(shaped).as_py():
            return {}
        found = {v: damaged_id_number(v) for v in pc.unique(values.filter(shaped)).to_pylist()}
        return {v: why for v, why in found.items() if why}

    def _flag_damaged_ids(self, table: RawTable, col: int) -> None:
        """A problem for each id (or link end) shaped like an ID number that cannot be one."""
        values = table.column(col)
        damaged = self._damaged_ids(values)
        if damaged:
            rows = where(pc.is_in(values, value_set=strings(damaged)))
            self._report(
                table,
                rows,
                col,
                lambda r: f"{damaged[table.cell(col, r)]}; fix it in the source (it is never shown nor stored)",
                "damaged ID numbers",
            )

    def _extras(self, table: RawTable, cols: Columns, rows: np.ndarray) -> pa.Array:
        """Columns not in the ontology as JSON, their ID and phone numbers pseudonymised."""

        def protect(header: str, values: pa.Array) -> pa.Array:
            hidden = hide_personal(values, self.pseudonymise)
            if hidden is not values:
                n = pc.sum(pc.fill_null(pc.not_equal(hidden, values), False)).as_py()
                self.notices.append(
                    f"{table.file}: {n} cell{'s' if n != 1 else ''} of column {header} (not in the ontology) "
                    "hold ID or phone numbers: they are kept as pseudonyms"
                )
            return hidden

        return extras_json(table, cols.extras, rows, protect)

    def _hint(self, missing: str | None, classes=None) -> str:
        """What to offer for an id found nowhere (see :mod:`.hints`); '' before the nodes are known."""
        hints = getattr(self, "hints", None)
        return hints.for_missing(missing, classes) if hints is not None and missing else ""

    def _know_nodes(self, nodes: pa.Table) -> None:
        """Ready the hints for ids found nowhere: every node id, and the names of non-personal nodes."""
        ids = flat(nodes, "id")
        names: dict[str, list[tuple[str, str]]] = {}
        if "name" in nodes.column_names:
            personal = {c.name for c in self.onto.classes.values() if c.personal_name}
            classes, given = flat(nodes, "class"), flat(nodes, "name")
            keep = pc.and_(pc.is_valid(given), pc.invert(pc.is_in(classes, value_set=strings(sorted(personal)))))
            for i, c, n in zip(
                ids.filter(keep).to_pylist(), classes.filter(keep).to_pylist(), given.filter(keep).to_pylist()
            ):
                names.setdefault(n, []).append((i, c))
        self.hints = Hints(ids, names)

    def _link_ends(self, t: int, col: int) -> pa.Array:
        """A link table's source or target column, ids protected; worked out once."""
        if (t, col) not in self._ends:
            self._ends[(t, col)] = self._protect_ids(self._tables[t].column(col))
        return self._ends[(t, col)]

    def _parse(self, raw: pa.Array, prop: Property) -> tuple[pa.Array, pa.Array | None, str]:
        """Type one column's cells; also the cells that do not parse, and what was expected."""
        parsed = self._read(raw, prop)
        return (raw, None, "text") if parsed is None else parsed[:3]

    def _read(self, raw: pa.Array, prop: Property):
        """Typed cells, refused cells, what was expected, and per cell the index of its distinct text
        with the :class:`~lianjie.loaders.values.ColumnReading` of the distinct texts (None for plain text).
        """
        if prop.kind == "string" and not prop.codelist and not prop.pattern:
            return None
        encoded = pc.dictionary_encode(raw)
        distinct = pd.Series(encoded.dictionary.to_pylist(), dtype=object)
        reading = read_column(distinct, prop, self.onto)
        typed = typed_array(reading.values, prop.kind).take(encoded.indices)
        bad = pa.array(reading.bad.to_numpy(dtype=bool)).take(encoded.indices)
        return typed, bad, reading.expected, encoded.indices, reading

    def _readings(self, table: RawTable, col: int, indices: pa.Array, reading) -> None:
        """Say, once per kind, which cells of a column were read from a form other than the plain one."""
        read = reading.kinds.notna() & ~reading.bad
        if not read.any():
            return
        codes = indices.drop_null().to_numpy(zero_copy_only=False).astype(np.int64)
        counts = np.bincount(codes, minlength=len(read))
        by_kind: dict[str, list[int]] = {}
        for i in np.flatnonzero(read.to_numpy(dtype=bool)):
            by_kind.setdefault(reading.kinds[i], []).append(int(i))
        for kind, distinct in by_kind.items():
            n = int(counts[distinct].sum())
            if not n:
                continue
            first = max(distinct, key=lambda i: counts[i])
            text, value, note = table_text(reading, first)
            self.notices.append(
                f"{table.file}, column {table.column_of(col)}: {n} cell{'s' if n != 1 else ''} of {kind}, "
                f"e.g. {text!r} read as {value}{' (' + note + ')' if note else ''}"
            )

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
            parsed = self._read(table.column(i).take(rows), prop)
            if parsed is None:
                values, bad = table.column(i).take(rows), None
            else:
                values, bad, expected, indices, reading = parsed
                self._readings(table, i, indices, reading)
                bad_at = where(bad)
                codes = pc.fill_null(indices, 0).to_numpy(zero_copy_only=False)[bad_at]
                code_of = dict(zip(rows[bad_at].tolist(), codes.tolist()))
                kinds, notes = reading.kinds, reading.notes
                self._report(
                    table,
                    rows[bad_at],
                    i,
                    lambda r, i=i, expected=expected, c=code_of, notes=notes: (
                        f"{table.cell(i, r)!r} is not {_short(expected)}: {notes[c[r]]}"
                        if notes[c[r]]
                        else f"{table.cell(i, r)!r} is not {expected}"
                    ),
                    lambda r, c=code_of, kinds=kinds: kinds[c[r]],
                )
            if prop.personal and values.type == pa.string():
                damaged = self._damaged_ids(values)
                if damaged:
                    n = pc.sum(pc.is_in(values, value_set=strings(damaged))).as_py()
                    kinds = sorted({why.split(";")[0].split(":")[0] for why in damaged.values()})
                    self.notices.append(
                        f"{table.file}, column {table.column_of(i)}: {n} cell{'s' if n != 1 else ''} "
                        f"{'are' if n != 1 else 'is'} {' or '.join(kinds)}: kept as pseudonyms all the same; "
                        "check the source (a spreadsheet that rounded 18 digits to 15 leaves them ending in 000)"
                    )
                if hide is None:
                    values = self._pseudonyms(values)
                else:
                    hide[name] = pc.is_valid(values)
            out[name] = values
        return out
