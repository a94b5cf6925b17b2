"""Small Arrow helpers that know nothing of the ontology: hex text, row identity."""

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
