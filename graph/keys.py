"""A link's identity: its type, its ends and every stored value.

Two links are the same link when all of these are equal, so a reload never doubles one.
The embedded store compares them exactly (:func:`row_identity`) and keeps no key column;
Neo4j stores a ``key`` property, the 128-bit BLAKE2b of their canonical text
(:func:`link_keys`), to ``MERGE`` on. Exports name a link by that key on either store.
"""

from __future__ import annotations

import binascii
import hashlib
from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .schema import EXTRA

_SEP = "\x1f"


def hex_array(digests: np.ndarray, prefix: str = "") -> pa.Array:
    """Each row of a ``(n, width)`` array of bytes as ``prefix`` + lowercase hex, an Arrow string array."""
    n, width = digests.shape
    text = np.frombuffer(binascii.hexlify(np.ascontiguousarray(digests).tobytes()), np.uint8).reshape(n, 2 * width)
    if prefix:
        head = np.frombuffer(prefix.encode("ascii"), np.uint8)
        text = np.hstack([np.broadcast_to(head, (n, len(head))), text])
    offsets = np.arange(n + 1, dtype=np.int32) * text.shape[1]
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(np.ascontiguousarray(text)))


def _number_text(value: float) -> str:
    text = str(float(value))
    return text[:-2] if text.endswith(".0") else text


def _canonical(values: pa.Array) -> pa.Array:
    """The values of one column as text, the same whichever file format they came from.

    The text is that of earlier versions (Python's ``str`` of a float without a trailing
    ``.0``, ``True``/``False``, ISO dates), so stored keys keep matching.
    """
    kind = values.type
    if pa.types.is_null(kind):
        text = pa.nulls(len(values), pa.string())
    elif pa.types.is_date(kind):
        text = values.cast(pa.string())
    elif pa.types.is_timestamp(kind):
        text = pc.strftime(values, "%Y-%m-%d")
    elif pa.types.is_floating(kind) or pa.types.is_integer(kind):
        encoded = pc.dictionary_encode(values)
        numbers = [_number_text(v) for v in encoded.dictionary.to_pylist()]
        text = pa.array(numbers, pa.string()).take(encoded.indices)
    elif pa.types.is_boolean(kind):
        text = pc.if_else(values, "True", "False")
    else:
        text = values.cast(pa.string())
    return pc.fill_null(text, "")


def link_digests(links: pa.Table, prop_names: Sequence[str], batch: int = 1 << 20) -> np.ndarray:
    """The 128-bit BLAKE2b of each link's canonical text, as an ``(n, 16)`` array of bytes.

    ``links`` holds ``type``, ``source``, ``target``, the properties and ``extra``. Links
    are taken a million at a time, so the joined text stays within Arrow's 2 GiB per array.
    """
    names = ["type", "source", "target", *prop_names, EXTRA]
    blake2b = hashlib.blake2b
    digests = []
    for start in range(0, links.num_rows, batch):
        part = links.slice(start, batch)
        texts = [_canonical(part.column(n).combine_chunks()) for n in names]
        joined = pc.binary_join_element_wise(*texts, _SEP).cast(pa.binary())
        digests += [blake2b(b, digest_size=16).digest() for b in joined.to_pylist()]
    return np.frombuffer(b"".join(digests), np.uint8).reshape(-1, 16)


def link_keys(links: pa.Table, prop_names: Sequence[str]) -> pa.Array:
    """Each link's key: the hex of :func:`link_digests`. Identical links share a key.

    The canonical text is the values joined by U+001F, blanks as empty text.
    """
    return hex_array(link_digests(links, prop_names))


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


def already_in(given: pa.Table, stored: pa.Table) -> np.ndarray:
    """Which rows of ``given`` equal some row of ``stored`` (same columns, in any order)."""
    if not stored.num_rows or not given.num_rows:
        return np.zeros(given.num_rows, dtype=bool)
    stored = stored.select(given.column_names).cast(given.schema)
    codes = row_identity(pa.concat_tables([stored, given]))
    return np.isin(codes[stored.num_rows :], codes[: stored.num_rows])
