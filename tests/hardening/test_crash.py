"""Kill real ``lianjie load`` processes (SIGKILL) at every stage, into an empty store and into one
holding data, on both stores: the store then holds exactly the old or exactly the new content,
nothing blocks the next command, and the load succeeds when run again."""

from __future__ import annotations

import pytest
from conftest import backends
from hardening_support import NEW_LINKS, NEW_NODES, OLD_LINKS, OLD_NODES, contents, kill, paused, run
from lianjie.graph import open_store
from lianjie.loaders import load
from toy_graphs import LINK_HEADER, NODE_HEADER

STAGES = ["read", "validate", "write", "commit"]
CASES = [(b, stage, start) for b in backends() for stage in STAGES for start in ("empty", "holding")]


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
    before = contents(location) if start == "holding" else None
    with open_store(reference) as s:
        load(s, [new])
    after = contents(reference)

    proc = paused(["load", str(new), "--store", location], stage, tmp_path / "marker")
    kill(proc)

    opened = run("info", "--store", location, "--json", LIANJIE_LOCK_WAIT="20")
    assert opened.returncode == 0, opened.stderr
    assert "Traceback" not in opened.stderr
    if start == "holding":
        assert contents(location) == before
    else:  # the store was empty: it must still be
        assert _contents_or_empty(location) == {"nodes": {}, "links": [], "all nodes": 0}
    if location.startswith("bolt") and stage in ("write", "commit"):
        assert "note: a load" in opened.stderr and "were undone" in opened.stderr  # the dead load was rolled back
    if not location.startswith("bolt"):
        leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".crash.db"))
        assert leftovers == []

    again = run("load", str(new), "--store", location)
    assert again.returncode == 0, again.stderr
    assert contents(location) == after


def _contents_or_empty(location: str) -> dict:
    try:
        return contents(location)
    except Exception as exc:  # a store never written may not exist at all: that is empty too
        if "no store at" in str(exc):
            return {"nodes": {}, "links": [], "all nodes": 0}
        raise
