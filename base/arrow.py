"""Small Arrow and numpy helpers that know nothing of the ontology: hex text, row identity, positions."""

from __future__ import annotations

import binascii

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


def hex_array(digests: np.ndarray, prefix: str = "") -> pa.Array:
    """Each row of a ``(n, width)`` array of bytes as ``prefix`` + lowercase hex, an Arrow string array."""
    n, width = digests.shape
    text = np.frombuffer(binascii.hexlify(np.ascontiguousarray(digests).tobytes()), np.uint8).reshape(n, 2 * width)
    if prefix:
        head = np.frombuffer(prefix.encode("ascii"), np.uint8)
        text = np.hstack([np.broadcast_to(head, (n, len(head))), text])
    offsets = np.arange(n + 1, dtype=np.int32) * text.shape[1]
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(np.ascontiguousarray(text)))


def value_codes(column: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, int]:
    """A number per value, 0 for blank and from 1 in order of first appearance; and how many numbers."""
    encoded = pc.dictionary_encode(column)
    chunks = encoded.chunks if isinstance(encoded, pa.ChunkedArray) else [encoded]
    if not chunks:
        return np.zeros(0, np.int64), 1
    parts = [pc.fill_null(c.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64) + 1 for c in chunks]
    return np.concatenate(parts), len(chunks[0].dictionary) + 1


def row_identity(table: pa.Table) -> np.ndarray:
    """A number per row, equal for two rows exactly when every column holds the same value.

    Blank equals blank. Numbers run from 0 in order of first appearance, so a row is the
    first of its kind exactly when its number exceeds every number before it.
    """
    import pandas as pd

    codes, bound = np.zeros(table.num_rows, np.int64), 1
    for column in table.columns:
        if column.null_count == len(column):
            continue
        values, width = value_codes(column)
        if bound * width >= 1 << 62:  # renumber densely before the product could overflow
            codes, uniques = pd.factorize(codes)
            bound = len(uniques)
        codes, bound = codes * width + values, bound * width
    return pd.factorize(codes)[0].astype(np.int64)


def first_of_each(codes: np.ndarray) -> np.ndarray:
    """Which rows are the first with their :func:`row_identity` number."""
    if not len(codes):
        return np.zeros(0, dtype=bool)
    return np.concatenate([[True], codes[1:] > np.maximum.accumulate(codes)[:-1]])


def positions(keys: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Where each of ``values`` is in ``keys`` (sorted, distinct, non-negative integers); -1 where it is not.

    Keys that fill most of ``0..max`` (internal node ids, say) are looked up in a table of that
    size; sparser ones by binary search.

    Examples
    --------
    >>> positions(np.array([2, 5, 9]), np.array([9, 2, 4, 5, 12, -1])).tolist()
    [2, 0, -1, 1, -1, -1]
    >>> positions(np.array([10**12]), np.array([10**12, 3])).tolist()
    [0, -1]
    """
    keys, values = np.asarray(keys, dtype=np.int64), np.asarray(values, dtype=np.int64)
    if not len(keys) or not len(values):
        return np.full(len(values), -1, dtype=np.int64)
    top = int(keys[-1]) + 1
    if top <= 4 * len(keys) + 1024:
        table = np.full(top, -1, dtype=np.int64)
        table[keys] = np.arange(len(keys))
        inside = (values >= 0) & (values < top)
        out = np.full(len(values), -1, dtype=np.int64)
        out[inside] = table[values[inside]]
        return out
    at = np.minimum(np.searchsorted(keys, values), len(keys) - 1)
    return np.where(keys[at] == values, at, -1)
