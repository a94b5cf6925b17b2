"""A link's identity: its type, its ends and every stored value.

Two links are the same link when all of these are equal, so a reload never doubles one.
The embedded store compares them exactly (:func:`row_identity`) and keeps no key column;
Neo4j stores a ``key`` property, the 128-bit BLAKE2b of their canonical text
(:func:`link_keys`), to ``MERGE`` on. Exports name a link by that key on either store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..base.arrow import first_of_each, hex_array, row_identity, value_codes
from ..base.dataset import EXTRA

_SEP = "\x1f"

__all__ = ["already_in", "first_of_each", "hex_array", "link_digests", "link_keys", "row_identity", "value_codes"]


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

    Examples
    --------
    >>> import pyarrow as pa
    >>> links = pa.table({"type": ["SUPPLIES"] * 3, "source": ["h1"] * 3, "target": ["c1"] * 3,
    ...                   "amount": [1000.0, 2500.0, 1000.0], "extra": [None] * 3})
    >>> keys = link_keys(links, ["amount"]).to_pylist()
    >>> keys[0] == keys[2], keys[0] == keys[1], len(keys[0])  # identical links share a key
    (True, False, 32)
    """
    return hex_array(link_digests(links, prop_names))


def already_in(given: pa.Table, stored: pa.Table) -> np.ndarray:
    """Which rows of ``given`` equal some row of ``stored`` (same columns, in any order).

    Examples
    --------
    >>> import pyarrow as pa
    >>> stored = pa.table({"source": ["h1", "h2"], "amount": [1.0, None]})
    >>> already_in(pa.table({"source": ["h2", "h1", "h1"], "amount": [None, 1.0, 2.0]}), stored).tolist()
    [True, True, False]
    """
    if not stored.num_rows or not given.num_rows:
        return np.zeros(given.num_rows, dtype=bool)
    stored = stored.select(given.column_names).cast(given.schema)
    codes = row_identity(pa.concat_tables([stored, given]))
    return np.isin(codes[stored.num_rows :], codes[: stored.num_rows])
