"""Commands that meet on one store at once: each waits, or stops with one clear line; nothing is lost."""

from __future__ import annotations

import json

import pytest
from conftest import backends
from hardening_support import NEW_LINKS, NEW_NODES, contents, paused, run, start
from lianjie.graph import open_store
from lianjie.loaders import load
from toy_graphs import LINK_HEADER, NODE_HEADER

#: A second dataset that touches none of the first's nodes.
OTHER_NODES = [["x1", "Household", "户X", "true", None], ["xc", "Channel", "集市", None, None]]
OTHER_LINKS = [["x1", "xc", "SUPPLIES", None, 5, None, None]]


@pytest.fixture(params=backends())
def location(request, tmp_path, neo4j_reset):
    return str(tmp_path / "shared.db") if request.param == "embedded" else neo4j_reset()


def _busy(result) -> str:
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert lines[0].startswith("Error: the store at ") and "is busy" in lines[0] and "LIANJIE_LOCK_WAIT" in lines[0]
    return lines[0]


def _datasets(dataset_dir):
    new = dataset_dir(NEW_NODES, NEW_LINKS, NODE_HEADER, LINK_HEADER, name="new")
    other = dataset_dir(OTHER_NODES, OTHER_LINKS, NODE_HEADER, LINK_HEADER, name="other")
    return new, other


def _expected(tmp_path, *folders) -> dict:
    reference = str(tmp_path / "reference.db")
    with open_store(reference) as s:
        for folder in folders:
            load(s, [folder])
    return contents(reference)


def test_two_loads_at_once_one_waits_or_is_told_the_store_is_busy(location, dataset_dir, tmp_path):
    new, other = _datasets(dataset_dir)
    marker = tmp_path / "marker"
    first = paused(["load", str(new), "--store", location], "write", marker, LIANJIE_TEST_PAUSE_RESUME="1")
    line = _busy(run("load", str(other), "--store", location, LIANJIE_LOCK_WAIT="1"))
    assert "load" in line  # it names what holds the store
    waiting = start("load", str(other), "--store", location, LIANJIE_LOCK_WAIT="120")
    marker.unlink()
    assert first.wait(timeout=120) == 0, first.communicate()
    out, err = waiting.communicate(timeout=180)
    assert waiting.returncode == 0, out + err
    assert contents(location) == _expected(tmp_path, new, other)


def test_a_load_while_an_audit_runs(location, dataset_dir, tmp_path):
    new, other = _datasets(dataset_dir)
    assert run("load", str(new), "--store", location).returncode == 0
    marker = tmp_path / "marker"
    audit = paused(["audit", "--store", location, "--json"], "open", marker, LIANJIE_TEST_PAUSE_RESUME="1")
    if location.startswith("bolt"):
        # Neo4j serves a reader and a writer at once: the load goes ahead, the audit reads committed data
        assert run("load", str(other), "--store", location).returncode == 0
    else:
        _busy(run("load", str(other), "--store", location, LIANJIE_LOCK_WAIT="1"))
    marker.unlink()
    out, err = audit.communicate(timeout=120)
    assert audit.returncode == 0, err
    assert json.loads(out)["households"] >= 6
    assert run("load", str(other), "--store", location).returncode == 0
    assert contents(location) == _expected(tmp_path, new, other)


def test_reads_and_writes_during_a_load_wait_or_are_told_the_store_is_busy(location, dataset_dir, tmp_path):
    new, _ = _datasets(dataset_dir)
    marker = tmp_path / "marker"
    loading = paused(["load", str(new), "--store", location], "write", marker, LIANJIE_TEST_PAUSE_RESUME="1")
    write = ["cypher", "CREATE (:Household {id: 'typed-in', name: '手录'})", "--write", "--store", location]
    if location.startswith("bolt"):
        write[1] = "CREATE (:Node:Household {id: 'typed-in', name: '手录'})"
    _busy(run(*write, LIANJIE_LOCK_WAIT="1"))
    _busy(run("info", "--store", location, LIANJIE_LOCK_WAIT="1"))
    waiting = start(*write, LIANJIE_LOCK_WAIT="120")
    marker.unlink()
    assert loading.wait(timeout=120) == 0
    out, err = waiting.communicate(timeout=180)
    assert waiting.returncode == 0, out + err
    with open_store(location, read_only=True) as s:
        assert s.cypher("MATCH (n:Household) RETURN count(n) AS n") == [{"n": 7}]  # six loaded, one typed in
    expected = _expected(tmp_path, new)
    now = contents(location)
    assert now["links"] == expected["links"]
    assert {k: v for k, v in now["nodes"].items() if k != "typed-in"} == expected["nodes"]
