"""Kill real ``lianjie load`` processes (SIGKILL) at every stage, into an empty store and into one
holding data, on both stores: the store then holds exactly the old or exactly the new content,
nothing blocks the next command, and the load succeeds when run again."""

from __future__ import annotations

import pytest
from conftest import backends, snapshot
from lianjie.graph import open_store
from lianjie.graph.convert import is_missing
from lianjie.loaders import load
from procs import kill, paused, run
from toy_graphs import LINK_HEADER, NODE_HEADER, TOY_LINKS, TOY_NODES

#: The first load: part of the toy graph.
OLD_NODES = TOY_NODES[:8]
OLD_LINKS = [link for link in TOY_LINKS if {link[0], link[1]} <= {n[0] for n in OLD_NODES}]
#: The killed load: the whole toy graph, with new names for the first three nodes (updates).
NEW_NODES = [[n[0], n[1], n[2] + "（新）", *n[3:]] if i < 3 else n for i, n in enumerate(TOY_NODES)]
NEW_LINKS = TOY_LINKS

STAGES = {
    "embedded": ["read", "validate", "write", "commit"],
    "neo4j": ["read", "validate", "write", "commit", "finish"],
}
CASES = [(b, stage, start) for b in backends() for stage in STAGES[b] for start in ("empty", "holding")]


def _plain(value: object) -> object:
    if is_missing(value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _contents(location: str) -> dict:
    """Every node and link with its values, in the same form from either store, and a count of all nodes."""
    with open_store(location, read_only=True) as s:
        everything = s.cypher("MATCH (n) RETURN count(n) AS n")[0]["n"]
        snap = snapshot(s)
        nodes = {}
        for cls in s.onto.classes:
            cols = [p.name for p in s.onto.stored_node_properties(cls)] + ["extra"]
            for rec in s.nodes(cls, cols).to_dict("records"):
                nodes[rec["id"]] = (cls, sorted((k, str(_plain(v))) for k, v in rec.items()))
        cols = ["key"] + [p.name for p in s.onto.stored_link_properties]
        links = sorted(
            str(sorted((k, _plain(v)) for k, v in r.items()))
            for r in s.links(s.onto.link_types, cols).to_dict("records")
        )
        assert len(snap["nodes"]) == len(nodes)
    return {"nodes": nodes, "links": links, "all nodes": everything}


@pytest.fixture
def location(request, tmp_path, neo4j_reset):
    backend = request.param
    if backend == "embedded":
        return str(tmp_path / "crash.db")
    return neo4j_reset()


@pytest.mark.parametrize(("location", "stage", "start"), CASES, indirect=["location"], ids=lambda v: str(v))
def test_a_load_killed_at_any_stage_leaves_the_old_or_the_new_content(
    location, stage, start, tmp_path, dataset_dir, request
):
    old = dataset_dir(OLD_NODES, OLD_LINKS, NODE_HEADER, LINK_HEADER, name="old")
    new = dataset_dir(NEW_NODES, NEW_LINKS, NODE_HEADER, LINK_HEADER, name="new")
    reference = str(tmp_path / "reference.db")  # the content a finished load gives, made on the embedded store
    for where in (reference, location) if start == "holding" else (reference,):
        with open_store(where) as s:
            load(s, [old])
    before = _contents(location) if start == "holding" else None
    with open_store(reference) as s:
        load(s, [new])
    after = _contents(reference)

    proc = paused(["load", str(new), "--store", location], stage, tmp_path / "marker")
    kill(proc)

    opened = run("info", "--store", location, "--json", LIANJIE_LOCK_WAIT="20")
    assert opened.returncode == 0, opened.stderr
    assert "Traceback" not in opened.stderr
    now = _contents(location) if start == "holding" or stage == "finish" else _contents_or_empty(location)
    expected = after if stage == "finish" else before
    if expected is None:  # the store was empty: it must still be
        assert now == {"nodes": {}, "links": [], "all nodes": 0}
    else:
        assert now == expected
    if location.startswith("bolt") and stage in ("write", "commit", "finish"):
        assert "note: a load" in opened.stderr  # the dead load was undone (or finished) and said so
    if not location.startswith("bolt"):
        leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".crash.db"))
        assert leftovers == []

    again = run("load", str(new), "--store", location)
    assert again.returncode == 0, again.stderr
    assert _contents(location) == after


def _contents_or_empty(location: str) -> dict:
    try:
        return _contents(location)
    except Exception as exc:  # a store never written may not exist at all: that is empty too
        if "no store at" in str(exc):
            return {"nodes": {}, "links": [], "all nodes": 0}
        raise
