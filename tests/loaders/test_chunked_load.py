"""A dataset folder loaded in bounded chunks (``LIANJIE_CHUNK_ROWS``) into the embedded store: the same
store as a whole load, every problem named by file, line and column, and all or nothing even when
the problem is in the last chunk or the process is killed part way."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_support import NEW_LINKS, NEW_NODES, OLD_LINKS, OLD_NODES, contents, kill, paused, run
from lianjie.base.errors import DatasetError
from lianjie.graph import open_store
from lianjie.loaders import load
from toy_graphs import LINK_HEADER, NODE_HEADER

CASE = Path(__file__).resolve().parents[2] / "datasets" / "case"


def _load(store: Path, folder: Path, monkeypatch, rows: int | None):
    if rows:
        monkeypatch.setenv("LIANJIE_CHUNK_ROWS", str(rows))
    else:
        monkeypatch.delenv("LIANJIE_CHUNK_ROWS", raising=False)
    with open_store(store) as s:
        return load(s, [folder])


def test_a_chunked_load_and_reload_give_what_a_whole_load_gives(tmp_path, monkeypatch):
    whole, chunked = tmp_path / "whole.db", tmp_path / "chunked.db"
    first = [_load(whole, CASE, monkeypatch, None), _load(chunked, CASE, monkeypatch, 997)]
    again = [_load(whole, CASE, monkeypatch, None), _load(chunked, CASE, monkeypatch, 997)]
    assert first[0].summary == first[1].summary
    assert (first[1].nodes_read, first[1].links_read) == (first[0].nodes_read, first[0].links_read)
    assert again[1].summary.nodes_created == again[1].summary.links_created == 0
    assert again[0].summary == again[1].summary
    assert contents(str(whole)) == contents(str(chunked))


def _rows(n: int) -> tuple[list[list], list[list]]:
    """Households h0..h(n-1) in village v0, each supplying cooperative c0, which sells through channel k0."""
    nodes = [
        ["v0", "Village", "村零", "", ""],
        ["c0", "Cooperative", "社零", "", "30"],
        ["k0", "Channel", "直播", "", ""],
    ]
    nodes += [[f"h{i}", "Household", f"户{i}", "true" if i % 3 == 0 else "false", ""] for i in range(n)]
    links = [["c0", "k0", "SELLS_THROUGH", "", "", "", ""]]
    links += [[f"h{i}", "c0", "SUPPLIES", "order_purchase", str(100 + i), "", ""] for i in range(n)]
    return nodes, links


def test_a_problem_in_the_last_chunk_is_named_and_nothing_is_written(tmp_path, monkeypatch, dataset_dir):
    nodes, links = _rows(60)
    good = dataset_dir(nodes, links, NODE_HEADER, LINK_HEADER, name="good")
    bad_links = [*links, ["h59", "c0", "BUYS_FROM", "", "", "", ""]]  # an unknown type, on the last line
    bad = dataset_dir([*nodes, ["h60", "Household", "户60", "", ""]], bad_links, NODE_HEADER, LINK_HEADER, name="bad")
    for start in ("empty", "holding"):
        store = tmp_path / f"{start}.db"
        if start == "holding":
            _load(store, good, monkeypatch, 10)
            before = contents(str(store))
        with pytest.raises(DatasetError) as caught:
            _load(store, bad, monkeypatch, 10)  # 64 node rows, 62 link rows: 7 chunks each
        problem = caught.value.problems[0]
        assert (Path(problem.file).name, problem.line, problem.column) == ("links.csv", 63, "3 (type)")
        assert "BUYS_FROM" in problem.message
        if start == "holding":
            assert contents(str(store)) == before
        else:
            with open_store(store) as s:
                assert s.counts() == {}
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(f".{start}.db")] == []


def test_an_id_given_again_in_a_later_chunk_names_where_it_was_first_given(tmp_path, monkeypatch, dataset_dir):
    nodes, links = _rows(30)
    folder = dataset_dir([*nodes, ["h2", "Household", "户二又", "", ""]], links, NODE_HEADER, LINK_HEADER)
    with pytest.raises(DatasetError) as caught:
        _load(tmp_path / "g.db", folder, monkeypatch, 8)
    (problem,) = caught.value.problems
    assert (Path(problem.file).name, problem.line) == ("nodes.csv", 35)
    assert problem.message.endswith(f"first given at {folder / 'nodes.csv'}, line 7")
    with open_store(tmp_path / "g.db") as s:
        assert s.counts() == {}


def test_links_and_villages_may_name_nodes_of_any_chunk_and_a_repeated_link_is_stored_once(
    tmp_path, monkeypatch, dataset_dir
):
    nodes, links = _rows(20)
    header = [*NODE_HEADER, "village"]
    households = [[*n, "v9"] for n in nodes[3:]]  # v9 comes last: after every household naming it
    nodes = [[*n, ""] for n in nodes[:3]] + households + [["v9", "Village", "村九", "", "", ""]]
    links = [*links, links[5]]  # the same link again, in another chunk
    folder = dataset_dir(nodes, links, header, LINK_HEADER)
    whole = _load(tmp_path / "whole.db", folder, monkeypatch, None)
    chunked = _load(tmp_path / "chunked.db", folder, monkeypatch, 4)
    assert chunked.summary == whole.summary
    assert chunked.summary.links_created == 21 + 20  # the supplies and sells-through links, and LOCATED_IN
    assert contents(str(tmp_path / "whole.db")) == contents(str(tmp_path / "chunked.db"))


@pytest.mark.parametrize(
    ("stage", "start"), [("read", "holding"), ("validate", "empty"), ("write", "empty"), ("commit", "holding")]
)
def test_a_chunked_load_killed_at_any_stage_leaves_the_store_as_it_was(tmp_path, dataset_dir, stage, start):
    old = dataset_dir(OLD_NODES, OLD_LINKS, NODE_HEADER, LINK_HEADER, name="old")
    new = dataset_dir(NEW_NODES, NEW_LINKS, NODE_HEADER, LINK_HEADER, name="new")
    store = tmp_path / "crash.db"
    if start == "holding":
        assert run("load", str(old), "--store", str(store)).returncode == 0
        before = contents(str(store))
    proc = paused(["load", str(new), "--store", str(store)], stage, tmp_path / "marker", LIANJIE_CHUNK_ROWS="3")
    kill(proc)
    opened = run("info", "--store", str(store), "--json", LIANJIE_LOCK_WAIT="20")
    assert opened.returncode == 0, opened.stderr
    if start == "holding":
        assert contents(str(store)) == before
    else:
        assert not store.exists() or _empty(store)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".crash.db")) == []
    again = run("load", str(new), "--store", str(store), LIANJIE_CHUNK_ROWS="3")
    assert again.returncode == 0, again.stderr
    reference = tmp_path / "reference.db"
    for folder in (old, new) if start == "holding" else (new,):
        with open_store(reference) as s:
            load(s, [folder])
    assert contents(str(store)) == contents(str(reference))


def _empty(store: Path) -> bool:
    with open_store(store, read_only=True) as s:
        return s.counts() == {}


def test_a_folder_arrow_cannot_stream_is_read_whole_instead(tmp_path, monkeypatch, dataset_dir):
    nodes, links = _rows(12)
    gb = dataset_dir(nodes, links, NODE_HEADER, LINK_HEADER, name="gb", encoding="gb18030")  # not UTF-8
    utf8 = dataset_dir(nodes, links, NODE_HEADER, LINK_HEADER, name="utf8")
    chunked = _load(tmp_path / "gb.db", gb, monkeypatch, 5)
    assert chunked.summary == _load(tmp_path / "utf8.db", utf8, monkeypatch, None).summary
    assert contents(str(tmp_path / "gb.db")) == contents(str(tmp_path / "utf8.db"))


def test_links_wait_in_a_scratch_folder_any_path_can_name_and_removed_after_the_load(
    tmp_path, monkeypatch, dataset_dir
):
    import tempfile

    nodes, links = _rows(60)
    folder = dataset_dir(nodes, links, NODE_HEADER, LINK_HEADER, name="county")
    village = dataset_dir([["v9", "Village", "村九", "", ""]], [], NODE_HEADER, LINK_HEADER, name="village")
    scratch = tmp_path / "it's a \"quoted\" \\ folder"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    for start in ("empty", "holding"):
        store = tmp_path / f"{start}.db"
        if start == "holding":
            _load(store, village, monkeypatch, 10)
        result = _load(store, folder, monkeypatch, 10)
        assert result.summary.links_created == 61  # 60 households supplying c0, and c0 selling through k0
        with open_store(store) as s:
            rows = s.cypher("MATCH (h:Household)-[e:SUPPLIES]->(:Cooperative) RETURN h.id AS h, e.amount AS amount")
        assert sorted((r["h"], r["amount"]) for r in rows) == sorted((f"h{i}", 100.0 + i) for i in range(60))
        assert list(scratch.iterdir()) == []


def test_a_link_table_too_large_for_one_copy_is_copied_in_several(tmp_path, monkeypatch, dataset_dir):
    nodes, links = _rows(60)
    folder = dataset_dir(nodes, links, NODE_HEADER, LINK_HEADER)
    whole = _load(tmp_path / "whole.db", folder, monkeypatch, None)
    monkeypatch.setenv("LIANJIE_COPY_ROWS", "7")  # each file of about ten links a COPY of its own, into a filled table
    chunked = _load(tmp_path / "chunked.db", folder, monkeypatch, 10)
    assert chunked.summary == whole.summary
    assert chunked.summary.links_created == 61
    assert contents(str(tmp_path / "whole.db")) == contents(str(tmp_path / "chunked.db"))
