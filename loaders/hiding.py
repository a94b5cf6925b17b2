"""Direct personal identifiers in the cells of a dataset: found, then pseudonymised before anything is stored."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from .arrays import flat, strings
from .privacy import PendingPseudonyms, Pseudonymiser, looks_personal
from .readings import normalise_ids

#: A cheap, vectorised first sieve for ids that may be ID or mobile numbers (checked exactly after).
#: RE2's \p{Nd} is any decimal digit, as Python's \d is.
PERSONAL_SHAPE = r"^\s*(?:\p{Nd}{17}[\p{Nd}XxＸｘ]|(?:\+?86)?1[3-9]\p{Nd}{9})\s*$"
#: Values that may be damaged ID numbers: 18 characters, or an 18-digit number in scientific notation.
DAMAGED_SHAPE = r"^\s*(?:\p{Nd}{17}[\p{Nd}XxＸｘ]|\d(?:\.\d+)?[Ee]\+?1[5-7])\s*$"
#: Marks, per personal column of a node table, the cells to pseudonymise once links are checked.
HIDE = "_hide:"


def protect_ids(values: pa.Array, pseudonymise: Pseudonymiser) -> pa.Array:
    """Ids as stored: full-width forms folded (``ＣＨ02`` is ``CH02``), and ids that are themselves
    ID or mobile numbers (or shaped like ID numbers) never in the clear."""
    return hide_personal(normalise_ids(values), pseudonymise)


def hide_personal(values: pa.Array, pseudonymise: Pseudonymiser) -> pa.Array:
    """Cells that are ID or mobile numbers (or shaped like ID numbers) replaced by their pseudonyms."""
    shaped = pc.match_substring_regex(values, PERSONAL_SHAPE)
    if not pc.any(shaped).as_py():
        return values
    candidates = pc.unique(values.filter(shaped)).to_pylist()
    personal = [v for v in candidates if looks_personal(v)]
    if not personal:
        return values
    pseudonyms = strings(pseudonymise(v) for v in personal)
    return pc.coalesce(pseudonyms.take(pc.index_in(values, value_set=strings(personal))), values)


class Hiding:
    """The personal cells of a node table, pseudonymised in the background while links are checked.

    Cells are marked by ``_hide:`` columns; :meth:`apply` swaps them for their pseudonyms and
    drops the marks. Leaving the ``with`` block by an error stops the work.
    """

    def __init__(self, nodes: pa.Table, pseudonymise: Pseudonymiser) -> None:
        self.names = [c[len(HIDE) :] for c in nodes.column_names if c.startswith(HIDE)]
        self.pending: PendingPseudonyms | None = None
        if self.names:
            parts = [flat(nodes, n).filter(pc.fill_null(flat(nodes, HIDE + n), False)) for n in self.names]
            self.distinct = pc.unique(pa.concat_arrays(parts)).drop_null()
            self.pending = pseudonymise.start(self.distinct)

    def __enter__(self) -> Hiding:
        return self

    def __exit__(self, kind, error, trace) -> None:
        if error is not None and self.pending is not None:
            self.pending.cancel()

    def apply(self, nodes: pa.Table) -> pa.Table:
        if self.pending is None:
            return nodes
        pseudonyms = self.pending.result()
        for name in self.names:
            values = flat(nodes, name)
            mask = pc.and_(pc.fill_null(flat(nodes, HIDE + name), False), pc.is_valid(values))
            hashed = pseudonyms.take(pc.index_in(values, value_set=self.distinct))
            nodes = nodes.set_column(nodes.column_names.index(name), name, pc.if_else(mask, hashed, values))
        return nodes.drop_columns([HIDE + name for name in self.names])
