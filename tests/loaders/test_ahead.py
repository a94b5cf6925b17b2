"""Parts worked out one ahead in a thread (lianjie.loaders.ahead): order, errors, and leaving early."""

from __future__ import annotations

import threading

import pytest
from lianjie.loaders.ahead import ahead


def test_parts_come_in_order_and_at_most_one_waits_finished():
    made = []

    def parts():
        for i in range(6):
            made.append(i)
            yield i

    got = []
    for part in ahead(parts()):
        got.append(part)
        assert len(made) <= part + 3  # this one, one waiting, one being worked out
    assert got == list(range(6))


def test_an_error_of_the_parts_comes_out_where_the_next_part_would_have():
    def parts():
        yield 1
        raise ValueError("links.csv, line 9: bad")

    out = ahead(parts())
    assert next(out) == 1
    with pytest.raises(ValueError, match="line 9"):
        next(out)


def test_leaving_early_stops_the_work_and_runs_its_clean_up():
    cleaned, before = [], threading.active_count()

    def parts():
        try:
            yield from range(1000)
        finally:
            cleaned.append(threading.current_thread().name)

    out = ahead(parts())
    assert next(out) == 0
    out.close()  # as a write that fails does (see the embedded store's part writer)
    assert cleaned == ["lianjie-parts"]
    assert threading.active_count() == before
