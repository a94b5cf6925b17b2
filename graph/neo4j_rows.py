"""Reading nodes and links from Neo4j as integer rows, for analytics (:meth:`Store.link_rows`).

A node's row is its internal id (``id(n)``): an integer the server already has, so a link's
ends come as two lists of integers, never as id strings to decode and match. Internal ids are
not dense (every class shares one id space), so the engine numbers each class's rows anew
(:func:`lianjie.queries.engine.link_graph`). ``id()`` is deprecated in Neo4j 5 without a
replacement, but ``elementId()`` is a string, which is what this module avoids; a stored
dense property would have to be kept right by every load, reload, delete, rollback of the
load journal and the ``neo4j-admin`` export. An internal id can be reused after its node is
deleted, so rows name nodes only within one read, as they do on the embedded store.

Each query returns one record whose values are lists (see :mod:`.neo4j_lists`): one list of
integers per end, and per requested column the values that are not null with the ids of their
nodes or links (``collect`` drops nulls, so the two line up and the gaps are found by id). A
class or link type holding more than :func:`~.store.read_rows` rows is read in pages, each a
range of internal ids, so the server never collects more than about a page. Neo4j has no range
seek on internal ids: each page scans the class's label (or the type's links) and keeps its range,
about 0.1 s per million nodes, so pages far smaller than the default million cost a scan each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence

import numpy as np
import pyarrow as pa

from ..base.arrow import positions
from .store import link_period_filter, read_rows


def _pages(read: Callable[..., list], count: str, top: str, variable: str) -> Iterator[tuple[str, dict]]:
    """``WHERE`` conditions (and parameters) that split a read into pages of about :func:`read_rows` rows.

    ``count`` and ``top`` are queries returning ``n``: the number of rows and the largest internal
    id of ``variable``. One page, without a condition, when the rows fit.
    """
    size, n = read_rows(), read(count)[0]["n"]
    if n <= size:
        yield "", {}
        return
    top_id = read(top)[0]["n"]
    step = max(1, (top_id + 1) * size // n)
    for lo in range(0, top_id + 1, step):
        yield f"id({variable}) >= $lo AND id({variable}) < $hi", {"lo": lo, "hi": lo + step}


def _column(keys: np.ndarray, present: Sequence[int], values: list) -> pa.Array:
    """A column parallel to ``keys``: ``values`` where ``present`` (the keys of the non-null values, in order)."""
    if len(present) == len(keys):
        return _array(values)
    full = np.full(len(keys), None, dtype=object)
    if values:
        order = np.argsort(keys, kind="stable")
        full[order[positions(keys[order], np.asarray(present, dtype=np.int64))]] = values
    return _array(full.tolist())


def _array(values: list) -> pa.Array:
    """Values as an Arrow array; Neo4j's dates and times as Python's."""
    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # Arrow does not know the driver's own date and time types
        return pa.array([v.to_native() if hasattr(v, "to_native") else v for v in values])


def _with(key: str, columns: Sequence[str], variable: str, carry: str = "") -> tuple[str, str]:
    """A ``WITH`` passing on ``carry``, reading ``key`` (as ``k``) and each column once, and the ``collect``
    clauses of each column: its non-null values (``v0``, ``v1``, ...) and the keys they belong to (``at0``, ...)."""
    reads = "".join(f", {variable}.`{c}` AS c{i}" for i, c in enumerate(columns))
    collects = "".join(
        f", collect(CASE WHEN c{i} IS NOT NULL THEN k END) AS at{i}, collect(c{i}) AS v{i}" for i in range(len(columns))
    )
    return f"WITH {carry}{key} AS k{reads}", collects


def _table(parts: list[dict], names: list[str], key: str, columns: Sequence[str]) -> pa.Table:
    """The pages read (one record each) as one table: integer lists as int64, columns with their nulls."""
    arrays: dict[str, pa.Array] = {}
    keys = np.concatenate([np.asarray(p[key], dtype=np.int64) for p in parts] or [np.zeros(0, np.int64)])
    for name in names:
        if name == key:
            arrays[name] = pa.array(keys)
        else:
            arrays[name] = pa.array(np.concatenate([np.asarray(p[name], dtype=np.int64) for p in parts]))
    for i, c in enumerate(columns):
        present = [k for p in parts for k in p[f"at{i}"]]
        arrays[c] = _column(keys, present, [v for p in parts for v in p[f"v{i}"]])
    return pa.table(arrays)


def node_rows(read: Callable[..., list], class_name: str, columns: Sequence[str]) -> pa.Table:
    """``row`` (the internal id), ``id`` and ``columns`` of every node of a class."""
    columns = ["id", *columns]
    with_, collects = _with("id(n)", columns, "n")
    parts = [
        read(f"MATCH (n:{class_name}) {where} {with_} RETURN collect(k) AS row{collects}", params)[0]
        for where, params in _pages_of_nodes(read, class_name)
    ]
    return _table(parts, ["row"], "row", columns)


def _pages_of_nodes(read: Callable[..., list], class_name: str) -> Iterator[tuple[str, dict]]:
    count = f"MATCH (n:{class_name}) RETURN count(n) AS n"
    for where, params in _pages(read, count, f"MATCH (n:{class_name}) RETURN max(id(n)) AS n", "n"):
        yield (f"WHERE {where}" if where else ""), params


def node_classes(read: Callable[..., list], classes: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The internal id of every node of ``classes``, ascending, and each one's class (its number in ``classes``)."""
    ids, codes = [], []
    for code, class_name in enumerate(classes):
        for where, params in _pages_of_nodes(read, class_name):
            found = np.asarray(read(f"MATCH (n:{class_name}) {where} RETURN collect(id(n)) AS n", params)[0]["n"])
            ids.append(found.astype(np.int64))
            codes.append(np.full(len(found), code, np.int32))
    ids, codes = np.concatenate([np.zeros(0, np.int64), *ids]), np.concatenate([np.zeros(0, np.int32), *codes])
    order = np.argsort(ids, kind="stable")
    return ids[order], codes[order]


def link_rows(
    read: Callable[..., list],
    nodes: Callable[[], tuple[np.ndarray, np.ndarray]],
    link_type: str,
    columns: Sequence[str],
    as_of: dt.date | None,
) -> pa.Table:
    """``source_class``, ``source_row``, ``target_class``, ``target_row`` (+ ``columns``) of one link type.

    ``nodes`` gives what :func:`node_classes` returns (asked only when there are links): a class is
    found by its end's internal id, so the server only sends integers. Links with an end that is
    not a node of those classes (none of lianjie's, or one created after ``nodes`` was read) are
    left out.
    """
    period, params = link_period_filter(as_of)
    with_, collects = _with("id(e)", columns, "e", carry="a, b, ") if columns else ("", "")
    returns = ("collect(k) AS link, " if columns else "") + "collect(id(a)) AS source_row, collect(id(b)) AS target_row"
    count = f"MATCH ()-[e:{link_type}]->() RETURN count(e) AS n"
    parts = []
    for where, page in _pages(read, count, f"MATCH ()-[e:{link_type}]->() RETURN max(id(e)) AS n", "e"):
        condition = " AND ".join(c for c in (period.removeprefix("WHERE ").strip(), where) if c)
        where = f"WHERE {condition}" if condition else ""
        query = f"MATCH (a)-[e:{link_type}]->(b) {where} {with_} RETURN {returns}{collects}"
        parts.append(read(query, {**params, **page})[0])
    key = "link" if columns else "source_row"
    names = ["source_row", "target_row", *(["link"] if columns else [])]
    table = _table(parts, names, key, columns)
    ids, codes = nodes() if table.num_rows else (np.zeros(0, np.int64), np.zeros(0, np.int32))
    arrays, known = {}, np.ones(table.num_rows, bool)
    for end in ("source", "target"):
        at = positions(ids, table.column(f"{end}_row").to_numpy())
        known &= at >= 0
        found = np.where(at >= 0, codes[np.maximum(at, 0)], -1) if len(codes) else at
        arrays[f"{end}_class"] = pa.array(found.astype(np.int64))
        arrays[f"{end}_row"] = table.column(f"{end}_row")
    out = pa.table({**arrays, **{c: table.column(c) for c in columns}})
    return out.select(["source_class", "source_row", "target_class", "target_row", *columns]).filter(pa.array(known))


def empty_links(columns: Sequence[str]) -> pa.Table:
    """What :func:`link_rows` gives for no link types at all."""
    ends = [(name, pa.int64()) for name in ("source_class", "source_row", "target_class", "target_row")]
    return pa.schema([*ends, *((c, pa.null()) for c in columns)]).empty_table()
