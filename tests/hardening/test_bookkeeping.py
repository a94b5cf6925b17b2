"""lianjie's own bookkeeping stays out of users' sight, and keys are never made or mixed up silently."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lianjie.cli import main
from lianjie.graph import open_store
from lianjie.loaders import load
from lianjie.loaders.privacy import Pseudonymiser, key_fingerprint
from toy_graphs import LINK_HEADER, NODE_HEADER, TOY_LINKS, TOY_NODES

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(first17: str) -> str:
    """A resident ID number with its check digit (GB 11643), worked out here, not by lianjie."""
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def _rows(runner, args):
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture
def toy(store_location, dataset_dir):
    with open_store(store_location) as s:
        load(s, [dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER)])
    return store_location


def test_user_queries_count_exactly_the_nodes_loaded(toy):
    runner = CliRunner()
    count = _rows(runner, ["cypher", "MATCH (n) RETURN count(n) AS n", "--store", toy, "--json"])
    assert count == [{"n": len(TOY_NODES)}]
    links = _rows(runner, ["cypher", "MATCH ()-[e]->() RETURN count(e) AS n", "--store", toy, "--json"])
    assert links == [{"n": len(TOY_LINKS)}]
    # every node has a name in the toy graph; the bookkeeping record had none
    nameless = _rows(runner, ["cypher", "MATCH (n) WHERE n.name IS NULL RETURN n", "--store", toy, "--json"])
    assert nameless == []
    with open_store(toy, read_only=True) as s:
        meta = s.meta()
    assert meta["key"] == key_fingerprint(b"lianjie-test-key")  # the key conftest sets
    assert meta["ontology"]


def test_a_store_made_before_keeps_working_and_loses_its_visible_record(tmp_path, dataset_dir):
    """An earlier version kept a LianjieMeta row; opening for writing moves it out of sight."""
    import ladybug

    path = tmp_path / "old.db"
    with open_store(path) as s:
        load(s, [dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER)])
    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    conn.execute("COMMENT ON TABLE LianjieMeta IS ''")
    conn.execute("CREATE (m:LianjieMeta {key: 'ontology', value: 'old'})")
    conn.close()
    db.close()
    with open_store(path, read_only=True) as s:
        assert s.cypher("MATCH (n) RETURN count(n) AS n") == [{"n": len(TOY_NODES) + 1}]
    with open_store(path) as s:
        assert s.cypher("MATCH (n) RETURN count(n) AS n") == [{"n": len(TOY_NODES)}]
        assert s.meta()["schema"]


def test_reset_forgets_the_key(toy):
    with open_store(toy) as s:
        s.reset()
        assert "key" not in s.meta()


def test_a_read_command_never_makes_a_key(toy, monkeypatch, tmp_path):
    key_file = tmp_path / "nowhere" / "key"
    monkeypatch.delenv("LIANJIE_KEY")
    monkeypatch.setenv("LIANJIE_KEY_FILE", str(key_file))
    result = CliRunner().invoke(main, ["paths", id_number("11010519491231002"), "--store", toy])
    assert result.exit_code == 1
    line = result.output.strip()
    assert line.startswith("Error: no pseudonymisation key") and "\n" not in line
    assert "LIANJIE_KEY" in line and "LIANJIE_KEY_FILE" in line and str(key_file) in line
    assert not key_file.exists() and not key_file.parent.exists()
    # a plain id needs no key at all
    ok = CliRunner().invoke(main, ["paths", "h1", "--store", toy])
    assert ok.exit_code == 0 and "ch1" in ok.output


def test_a_different_key_is_refused_with_one_clear_line(toy, dataset_dir, monkeypatch):
    monkeypatch.setenv("LIANJIE_KEY", "some-other-key")
    person = id_number("45072119800101123")
    folder = dataset_dir([[person, "Household", "某户", "true", None]], None, NODE_HEADER, name="more")
    runner = CliRunner()
    before = _rows(runner, ["info", "--store", toy, "--json"])
    result = runner.invoke(main, ["load", str(folder), "--store", toy])
    assert result.exit_code == 1
    line = result.output.strip()
    assert "\n" not in line and "not the one the store at" in line and "LIANJIE_KEY" in line
    assert _rows(runner, ["info", "--store", toy, "--json"]) == before
    paths = runner.invoke(main, ["paths", person, "--store", toy])
    assert paths.exit_code == 1 and "not the one the store at" in paths.output
    # the same key as the store's is accepted, and an empty store takes any key
    monkeypatch.setenv("LIANJIE_KEY", "lianjie-test-key")
    assert runner.invoke(main, ["load", str(folder), "--store", toy]).exit_code == 0
    with open_store(toy) as s:
        s.reset()
        load(s, [folder], Pseudonymiser(b"a-new-key"))
        assert s.meta()["key"] == key_fingerprint(b"a-new-key")


def test_the_key_file_is_made_by_a_load_only(tmp_path, dataset_dir, monkeypatch):
    key_file = tmp_path / "conf" / "key"
    monkeypatch.delenv("LIANJIE_KEY")
    monkeypatch.setenv("LIANJIE_KEY_FILE", str(key_file))
    folder = dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER)
    result = CliRunner().invoke(main, ["load", str(folder), "--store", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    assert key_file.exists() and (key_file.stat().st_mode & 0o777) == 0o600
    with open_store(tmp_path / "s.db", read_only=True) as s:
        assert s.meta()["key"] == key_fingerprint(Path(key_file).read_text().strip().encode())
