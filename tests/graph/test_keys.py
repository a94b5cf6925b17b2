"""A link's identity: exact comparison of whole rows, worked out here by plain Python tuples."""

import random

import numpy as np
import pyarrow as pa
import pytest
from lianjie.graph.keys import already_in, first_of_each, row_identity


def _random_table(rng: random.Random, rows: int, chunks: int = 1) -> pa.Table:
    """Columns of every stored kind, with blanks, few distinct values (so rows repeat) and several chunks."""
    columns = {
        "source": [rng.choice(["h1", "h2", "户3", None]) for _ in range(rows)],
        "amount": [rng.choice([1.0, 2.5, -0.5, None]) for _ in range(rows)],
        "count": [rng.choice([1, 2, None]) for _ in range(rows)],
        "flag": [rng.choice([True, False, None]) for _ in range(rows)],
        "blank": [None] * rows,
    }
    table = pa.table(
        columns,
        schema=pa.schema(
            [
                ("source", pa.string()),
                ("amount", pa.float64()),
                ("count", pa.int64()),
                ("flag", pa.bool_()),
                ("blank", pa.string()),
            ]
        ),
    )
    cuts = sorted(rng.sample(range(1, rows), chunks - 1)) if rows > chunks else []
    pieces = [table.slice(a, b - a) for a, b in zip([0, *cuts], [*cuts, rows])]
    return pa.concat_tables(pieces) if pieces else table


@pytest.mark.parametrize("seed", range(30))
def test_row_identity_is_equality_of_every_value(seed):
    rng = random.Random(seed)
    table = _random_table(rng, rng.randint(2, 200), chunks=rng.randint(1, 4))
    rows = [tuple(r.values()) for r in table.to_pylist()]
    codes = row_identity(table)
    for i in range(len(rows)):
        for j in range(len(rows)):
            assert (codes[i] == codes[j]) == (rows[i] == rows[j])
    seen: set = set()
    expected_first = []
    for row in rows:
        expected_first.append(row not in seen)
        seen.add(row)
    assert first_of_each(codes).tolist() == expected_first


def test_blank_is_not_zero_nor_empty_text():
    table = pa.table({"n": pa.array([0, None, 0], pa.int64()), "s": pa.array(["", None, None], pa.string())})
    codes = row_identity(table)
    assert len(set(codes.tolist())) == 3


def test_many_columns_with_many_values_do_not_overflow_into_false_matches():
    """Enough columns of a million distinct values each to exceed 64 bits if combined without renumbering."""
    n = 1_000_000
    base = np.arange(n)
    table = pa.table({f"c{i}": pa.array((base * (i + 1)) % n) for i in range(5)})
    codes = row_identity(table)
    assert len(np.unique(codes)) == n
    doubled = pa.concat_tables([table, table])
    codes = row_identity(doubled)
    assert (codes[:n] == codes[n:]).all() and len(np.unique(codes)) == n


@pytest.mark.parametrize("seed", range(10))
def test_already_in_finds_the_rows_stored_whatever_their_order(seed):
    rng = random.Random(seed)
    stored = _random_table(rng, rng.randint(1, 60))
    given = _random_table(rng, rng.randint(1, 60), chunks=2)
    stored_rows = {tuple(r.values()) for r in stored.to_pylist()}
    expected = [tuple(r.values()) in stored_rows for r in given.to_pylist()]
    shuffled = stored.select(list(reversed(stored.column_names)))
    assert already_in(given, shuffled).tolist() == expected
    assert already_in(given, stored.slice(0, 0)).tolist() == [False] * given.num_rows
