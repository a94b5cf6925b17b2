"""Arrow helpers of the loader: masks, distinct-value mapping, shaping to the stored types, one id index."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..base.kinds import ARROW_TYPES


def where(mask: pa.Array | pa.ChunkedArray | np.ndarray) -> np.ndarray:
    """Positions where a boolean mask is true (null counts as false)."""
    if isinstance(mask, np.ndarray):
        return np.flatnonzero(mask)
    return np.flatnonzero(pc.fill_null(mask, False).to_numpy(zero_copy_only=False))


def strings(values: Iterable[str | None]) -> pa.Array:
    return pa.array(list(values), pa.string())


def map_distinct(values: pa.Array, fn: Callable[[list], Sequence | pa.Array], type: pa.DataType) -> pa.Array:
    """``fn`` applied to each distinct non-null value once, spread back over the cells; null stays null."""
    encoded = pc.dictionary_encode(values)
    mapped = fn(encoded.dictionary.to_pylist())
    if not isinstance(mapped, pa.Array):
        mapped = pa.array(mapped, type)
    return mapped.take(encoded.indices)


def flat(table: pa.Table, name: str) -> pa.Array:
    column = table.column(name)
    return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()


def stored_column(table: pa.Table, name: str, kind: str) -> pa.Array:
    """A column as its stored type, all null when the table lacks it."""
    if name not in table.column_names:
        return pa.nulls(table.num_rows, ARROW_TYPES[kind])
    values = flat(table, name)
    return values if values.type == ARROW_TYPES[kind] else values.cast(ARROW_TYPES[kind])


def shape(table: pa.Table, columns: list[tuple[str, str]]) -> pa.Table:
    return pa.table([stored_column(table, n, k) for n, k in columns], names=[n for n, _ in columns])


def typed_array(values: pd.Series, kind: str) -> pa.Array:
    """What :func:`parse_column` returned, as an Arrow array of the stored type."""
    if kind == "date":
        return pa.array(values, from_pandas=True).cast(pa.date32())
    return pa.array(values.astype(object).tolist(), ARROW_TYPES[kind], from_pandas=True)


def first_rows(codes: np.ndarray) -> np.ndarray:
    """The position where each distinct code first appears, in order of appearance."""
    return np.sort(np.unique(codes, return_index=True)[1])


def groups(by: pa.Array) -> dict[str, slice | np.ndarray]:
    """The rows holding each text of ``by`` (no nulls): a slice when they are contiguous."""
    encoded = pc.dictionary_encode(by)
    labels = encoded.dictionary.to_pylist()
    if len(labels) == 1:
        return {labels[0]: slice(0, len(by))}
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    out: dict[str, slice | np.ndarray] = {}
    for code, label in enumerate(labels):
        rows = np.flatnonzero(codes == code)
        out[label] = slice(rows[0], rows[-1] + 1) if rows[-1] - rows[0] + 1 == len(rows) else rows
    return out


def pick(table: pa.Table, rows: slice | np.ndarray) -> pa.Table:
    if isinstance(rows, slice):
        return table.slice(rows.start, rows.stop - rows.start)
    return table.take(rows)


class IdIndex:
    """Every id a dataset names (node ids, then link ends and shorthand targets), encoded in one pass.

    Each distinct id gets a code; duplicates, the class of every link end and the ids to look
    up in the store then follow by integer arithmetic instead of a hash table per question.
    """

    def __init__(self, pieces: list[pa.Array]) -> None:
        encoded = pc.dictionary_encode(pa.concat_arrays(pieces) if pieces else pa.array([], pa.string()))
        self.ids: pa.Array = encoded.dictionary
        codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False)
        bounds = np.cumsum([0, *(len(p) for p in pieces)])
        #: The code of each id of each piece, -1 for a null.
        self.codes = [codes[a:b] for a, b in zip(bounds[:-1], bounds[1:])]

    @staticmethod
    def spread(by_code: pa.Array, codes: np.ndarray) -> pa.Array:
        """A value per entry, from a value per code (null for a null id)."""
        return by_code.take(pa.array(codes, mask=codes < 0))
