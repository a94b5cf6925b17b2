"""128-bit keys of ids and rows, and a sorted set of them: membership questions at any scale.

A load in bounded chunks must still know, across chunks, which ids it has seen (and their
class) and which links it has written. Holding the ids themselves costs tens of bytes each
and a hash table rebuilt per question; a key is two 64-bit numbers worked out with numpy
over Arrow's buffers, and sorted arrays of keys answer a chunk's questions by ``searchsorted``.

An id of at most 15 bytes (most are) is its own key: its bytes and its length, exactly. A
longer id, and a row of several columns, get a keyed hash of 120 and 128 bits; two different
ones share a key with a chance below 2**-60 even among a hundred million, so a key stands
for its value.

Examples
--------
>>> import pyarrow as pa
>>> seen = KeySet()
>>> _ = seen.add(id_keys(pa.array(["h1", "c1"])), [1, 2])
>>> found, value = seen.find(id_keys(pa.array(["c1", "x", None])))
>>> found.tolist(), value.tolist()
([True, False, False], [2, 0, 0])
>>> same = row_keys([pa.array(["h1", "h1"]), pa.array([2.0, 2.0])])
>>> bool((same[0] == same[1]).all())
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

_NULL = np.array([0x6A09E667F3BCC909, 0xBB67AE8584CAA73B], np.uint64)
_HASH_KEYS = ("lianjie-key-one", "lianjie-key-two")


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every input bit moves every output bit."""
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint64(30))
        h = h * np.uint64(0xBF58476D1CE4E5B9)
        h = h ^ (h >> np.uint64(27))
        h = h * np.uint64(0x94D049BB133111EB)
        return h ^ (h >> np.uint64(31))


def _flat(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(values, pa.ChunkedArray):
        return values.combine_chunks() if values.num_chunks != 1 else values.chunk(0)
    return values


def _hashed(values: pa.Array) -> np.ndarray:
    """Two keyed 64-bit hashes of each text (pandas' SipHash)."""
    import pandas as pd

    objects = values.to_numpy(zero_copy_only=False)
    out = np.empty((len(values), 2), np.uint64)
    for k, key in enumerate(_HASH_KEYS):
        out[:, k] = pd.util.hash_array(objects, hash_key=key.ljust(16)[:16], categorize=False)
    return out


def id_keys(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """An ``(n, 2)`` uint64 key of each text value: the value itself when it fits in 15 bytes."""
    values = _flat(values)
    if not pa.types.is_large_string(values.type):
        values = values.cast(pa.large_string())
    n = len(values)
    offsets = np.frombuffer(values.buffers()[1], np.int64, n + 1, values.offset * 8)
    lengths = np.diff(offsets)
    short = lengths <= 15
    cells = np.zeros(n * 16, np.uint8)
    if short.all() and n:
        first = int(offsets[0])
        total = int(offsets[-1]) - first
        data = np.frombuffer(values.buffers()[2] or b"", np.uint8, total, first)
        # byte i of the data is byte (i - start of its value) of its value's cell
        target = np.arange(total, dtype=np.int64) + np.repeat(
            np.arange(n, dtype=np.int64) * 16 - (offsets[:-1] - first), lengths
        )
        cells[target] = data
        cells[15::16] = lengths
    elif n:
        rows = np.flatnonzero(short)
        if len(rows):
            first = int(offsets[0])
            data = np.frombuffer(values.buffers()[2] or b"", np.uint8, int(offsets[-1]) - first, first)
            starts, sizes = offsets[rows] - first, lengths[rows]
            shift = np.repeat(rows * 16 - starts, sizes)
            source = np.repeat(starts - np.cumsum(sizes) + sizes, sizes) + np.arange(int(sizes.sum()))
            cells[source + shift] = data[source]
            cells[rows * 16 + 15] = sizes
    keys = cells.view(np.uint64).reshape(n, 2)
    long = np.flatnonzero(~short)
    if len(long):
        hashed = _hashed(values.take(pa.array(long)))
        hashed[:, 1] |= np.uint64(0xFF) << np.uint64(56)  # a length byte no exact key has
        keys[long] = hashed
    if values.null_count:
        keys[pc.is_null(values).to_numpy(zero_copy_only=False)] = _NULL
    return keys


def column_keys(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """An ``(n, 2)`` key of each value of a column of any stored type (null has its own)."""
    values = _flat(values)
    kind = values.type
    if pa.types.is_dictionary(kind):
        return column_keys(values.dictionary)[values.indices.to_numpy(zero_copy_only=False)]
    if pa.types.is_null(kind) or values.null_count == len(values):
        return np.broadcast_to(_NULL, (len(values), 2)).copy()
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        if pc.max(pc.binary_length(values)).as_py() <= 15:  # each value its own key: no hashing to spare
            return id_keys(values)
        encoded = pc.dictionary_encode(values)
        if len(encoded.dictionary) * 4 < len(values):  # few distinct values: key each once
            keys = id_keys(encoded.dictionary)[pc.fill_null(encoded.indices, 0).to_numpy(zero_copy_only=False)]
        else:
            keys = id_keys(values)
    else:
        if pa.types.is_boolean(kind):
            bits = pc.cast(values, pa.int64())
        elif pa.types.is_date(kind):
            bits = pc.cast(pc.cast(values, pa.date32()), pa.int32()).cast(pa.int64())
        elif pa.types.is_timestamp(kind):
            bits = pc.cast(pc.cast(values, pa.date32()), pa.int32()).cast(pa.int64())
        elif pa.types.is_floating(kind):
            bits = pc.cast(values, pa.float64())
        else:
            bits = pc.cast(values, pa.float64())  # integers compare with the doubles they equal
        numbers = pc.fill_null(bits, 0).to_numpy(zero_copy_only=False)
        words = numbers.astype(np.float64).view(np.uint64) if numbers.dtype.kind == "f" else numbers.view(np.uint64)
        keys = np.stack([_mix(words ^ np.uint64(0x5851F42D4C957F2D)), _mix(words + np.uint64(0x14057B7EF767814F))], 1)
    if values.null_count:
        keys[pc.is_null(values).to_numpy(zero_copy_only=False)] = _NULL
    return keys


def row_keys(columns: Iterable[pa.Array | pa.ChunkedArray]) -> np.ndarray:
    """A key per row of the given columns: equal exactly when every column holds the same value.

    The key is folded from the key of each non-blank cell and its column's place, so a column
    blank throughout (most link properties) costs nothing.
    """
    columns = [_flat(c) for c in columns]
    n = len(columns[0]) if columns else 0
    first, second = np.zeros(n, np.uint64), np.zeros(n, np.uint64)
    with np.errstate(over="ignore"):
        for i, values in enumerate(columns):
            if values.null_count == len(values):
                continue
            part = column_keys(values)
            salt = np.uint64(0x9E3779B97F4A7C15 * (i + 1) % (1 << 64))
            mixed_first = _mix(first * np.uint64(31) + part[:, 0] + salt)
            mixed_second = _mix(second ^ part[:, 1] ^ salt)
            if values.null_count:
                given = pc.is_valid(values).to_numpy(zero_copy_only=False)
                mixed_first, mixed_second = np.where(given, mixed_first, first), np.where(given, mixed_second, second)
            first, second = mixed_first, mixed_second
    return np.stack([first, second], 1)


class KeySet:
    """A growing set of keys, each with an integer value (a class code, a position).

    Kept as a few sorted runs, merged as they grow (a merge of two sorted runs is linear),
    so adding a chunk and asking about one both cost about the chunk's size times a log.
    The runs are sorted by a mix of both halves of a key: the first half alone is the first
    8 bytes of a short id, which ids such as ``HH-2019-000001`` all share.
    """

    def __init__(self) -> None:
        self._runs: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # (mixed first half, second, value)

    def __len__(self) -> int:
        return sum(len(r[0]) for r in self._runs)

    @staticmethod
    def _halves(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The key as (a mix of both halves, the second half): one-to-one, so still the key exactly."""
        second = np.ascontiguousarray(keys[:, 1])
        with np.errstate(over="ignore"):
            return keys[:, 0] ^ _mix(second ^ np.uint64(0x2545F4914F6CDD1D)), second

    def find(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Which keys are in the set, and the value of each (0 where absent)."""
        found = np.zeros(len(keys), bool)
        values = np.zeros(len(keys), np.int64)
        if not len(keys) or not self._runs:
            return found, values
        first_wanted, second_wanted = self._halves(keys)
        order = np.argsort(first_wanted)  # sorted needles: each search starts where the last ended
        wanted, second_wanted = first_wanted[order], second_wanted[order]
        hit = np.zeros(len(keys), bool)
        value = np.zeros(len(keys), np.int64)
        for first, second, run_values in self._runs:
            at = np.searchsorted(first, wanted)
            step = 0
            while True:  # almost always one step: two keys rarely share a mixed first half
                where = np.minimum(at + step, len(first) - 1)
                same = (at + step < len(first)) & (first[where] == wanted)
                if not same.any():
                    break
                match = same & ~hit & (second[where] == second_wanted)
                hit |= match
                value[match] = run_values[where[match]]
                step += 1
        found[order], values[order] = hit, value
        return found, values

    def add(self, keys: np.ndarray, values: Sequence[int] | np.ndarray | None = None) -> np.ndarray:
        """Add the keys not in the set yet (the first of repeats); which of ``keys`` were new."""
        values = np.zeros(len(keys), np.int64) if values is None else np.asarray(values, np.int64)
        found, _ = self.find(keys)
        first, second = self._halves(keys)
        order = np.argsort(first, kind="stable")  # the first given of repeats stays first
        repeat = np.zeros(len(keys), bool)
        if len(keys) > 1:
            a, b = first[order], second[order]
            same_first = a[1:] == a[:-1]
            if (same_first & (b[1:] != b[:-1])).any():  # other keys may sit between repeats: sort by both
                order = np.lexsort((second, first))
                a, b = first[order], second[order]
                same_first = a[1:] == a[:-1]
            repeat[order[1:][same_first & (b[1:] == b[:-1])]] = True
        new = ~found & ~repeat
        pick = order[new[order]]
        if len(pick):
            self._runs.append((first[pick], second[pick], values[pick]))
            while len(self._runs) > 1 and len(self._runs[-1][0]) * 2 >= len(self._runs[-2][0]):
                b, a = self._runs.pop(), self._runs.pop()
                order = np.argsort(np.concatenate([a[0], b[0]]), kind="stable")  # merges the two sorted runs
                self._runs.append(tuple(np.concatenate([x, y])[order] for x, y in zip(a, b)))
        return new
