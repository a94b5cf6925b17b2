"""The bulk path: stable link keys and pseudonyms, reloads that skip unchanged nodes, undone failures."""

import hashlib
import hmac
import unicodedata

import pyarrow as pa
import pytest
from conftest import TEST_KEY, snapshot
from lianjie.base.errors import DatasetError
from lianjie.graph import open_store
from lianjie.graph.embedded import EmbeddedStore
from lianjie.graph.embedded_write import _changed_rows
from lianjie.graph.store import StoreError
from lianjie.loaders import load, read_dataset
from lianjie.loaders.privacy import Pseudonymiser
from toy_graphs import LINK_HEADER, NODE_HEADER


def test_a_link_key_is_the_blake2b_of_its_canonical_text(store, dataset_dir):
    """Spelled out by hand, so a change of format (which would orphan every stored key) fails here."""
    nodes = [["h", "Household", "户", "true", None], ["c", "Cooperative", "社", None, None]]
    links = [["h", "c", "SUPPLIES", "order_purchase", "1,500", "2020/1/1", None]]
    load(store, [dataset_dir(nodes, links, NODE_HEADER, LINK_HEADER)])
    # type, source, target, then amount, end_date, evidence, mechanism, note, quantity, quote, rate,
    # source_doc, start_date, synthetic, unit, unit_amount, extra: blanks are empty text
    text = "\x1f".join(["SUPPLIES", "h", "c", "1500", "", "", "order_purchase", "", "", "", "", "", "2020-01-01"])
    text += "\x1f" * 4
    expected = hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
    assert list(store.links(["SUPPLIES"], ["key"])["key"]) == [expected]


def test_many_pseudonyms_at_once_are_the_keyed_hashes_one_at_a_time():
    pseudonymise = Pseudonymiser(TEST_KEY)
    values = [" 11010519491231002x", "张小明", "13912345678"]
    by_hand = [
        "pid-" + hmac.new(TEST_KEY, v.strip().upper().encode("utf-8"), hashlib.sha256).hexdigest()[:20] for v in values
    ]
    assert pseudonymise.many(values).to_pylist() == by_hand
    assert [pseudonymise(v) for v in values] == by_hand
    assert pseudonymise.many([]).to_pylist() == []


def test_changed_rows_compares_given_values_only():
    stored = pa.table(
        {"id": ["d", "c", "b", "a"], "name": ["w", None, "y", "x"], "n": [4, 5, 3, 1]}  # any order
    )
    given = pa.table(
        {
            "id": ["a", "b", "c", "d"],
            "name": ["x", None, "z", "w"],  # b blank keeps "y"; c gives a name where none was stored
            "n": [1, 2, None, 4],  # b: 3 becomes 2
        }
    )
    assert _changed_rows(given, stored).to_pylist() == [False, True, True, False]


def test_a_reload_rewrites_only_the_nodes_that_changed(tmp_path, dataset_dir):
    first = [
        ["c1", "Cooperative", "合作社一", None, 10],
        ["c2", "Cooperative", "合作社二", None, 5],
        ["h1", "Household", "户1", "true", None],
    ]
    again = [
        ["c1", "Cooperative", "合作社一", None, 12],  # changed
        ["c2", "Cooperative", "合作社二", None, None],  # blank keeps 5: unchanged
        ["h1", "Household", "户1", "true", None],  # unchanged
        ["h2", "Household", "户2", "false", None],  # new
    ]
    with open_store(tmp_path / "s.db") as store:
        load(store, [dataset_dir(first, None, NODE_HEADER, LINK_HEADER, name="a")])
        updates = []
        run = store._run

        def spy(query, params=None):
            if query.startswith("LOAD FROM"):
                updates.append((query.split(":")[1].split()[0], params["t"].column("id").to_pylist()))
            return run(query, params)

        store._run = spy
        report = load(store, [dataset_dir(again, None, NODE_HEADER, LINK_HEADER, name="b")])
        assert updates == [("Cooperative", ["c1"])]
        assert (report.summary.nodes_created, report.summary.nodes_updated) == (1, 3)
        claimed = dict(store.nodes("Cooperative", ["claimed_households"]).itertuples(index=False))
        assert claimed == {"c1": 12, "c2": 5}
        updates.clear()
        report = load(store, [dataset_dir(again, None, NODE_HEADER, LINK_HEADER, name="b")])
        assert updates == []
        assert (report.summary.nodes_created, report.summary.nodes_updated) == (0, 4)


def test_a_failed_write_into_an_empty_store_leaves_it_empty(tmp_path, dataset_dir):
    """Into an empty store the rows go to a new file beside it; a failure removes that file."""
    nodes = [["h1", "Household", "户1", "true", None]]
    with open_store(tmp_path / "a.db") as a:
        load(a, [dataset_dir([["c1", "Cooperative", "社", None, None]], None, NODE_HEADER, LINK_HEADER, name="a")])
        links = [["h1", "c1", "SUPPLIES", None, 5, None, None]]  # c1 is only in store a
        dataset = read_dataset([dataset_dir(nodes, links, NODE_HEADER, LINK_HEADER, name="b")], a.onto, a)
    with open_store(tmp_path / "b.db") as b:
        with pytest.raises(StoreError, match="nothing was changed"):
            b.write(dataset)
        assert b.counts() == {}
    left = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("a.db", "b.db", ".")))
    assert left == ["a.db", "a.db.lock", "b.db", "b.db.lock"]  # the lock files are empty and block nothing


def test_an_interrupted_load_into_an_empty_store_leaves_it_empty(tmp_path, dataset_dir, monkeypatch):
    """Ctrl-C (or a kill) before the new file is renamed over the store leaves the empty store."""
    folder = dataset_dir([["h1", "Household", "户1", "true", None]], None, NODE_HEADER, LINK_HEADER)
    with open_store(tmp_path / "s.db") as store:
        dataset = read_dataset([folder], store.onto, store)

        def interrupted(self, dataset, empty=False):
            raise KeyboardInterrupt

        monkeypatch.setattr(EmbeddedStore, "_write_all", interrupted)
        with pytest.raises(KeyboardInterrupt):
            store.write(dataset)
        monkeypatch.undo()
        assert store.counts() == {}
    assert [p.name for p in tmp_path.iterdir() if p.suffix in (".db", ".loading")] == ["s.db"]
    with open_store(tmp_path / "s.db") as store:
        assert store.write(dataset).nodes_created == 1
        assert store.counts() == {"Household": 1}


def test_a_link_given_twice_in_different_ways_is_stored_once(store, dataset_dir):
    """The same LOCATED_IN from the village column and from the links table is one link."""
    nodes = [["v1", "Village", "一村", None], ["h1", "Household", "户1", "v1"]]
    links = [["h1", "v1", "LOCATED_IN", None, None, None, None]]
    report = load(store, [dataset_dir(nodes, links, ["id", "type", "name", "village"], LINK_HEADER)])
    assert report.summary.links_created == 1
    assert len(store.links(["LOCATED_IN"])) == 1


def test_a_duplicate_id_beside_a_village_column_is_reported(store, dataset_dir):
    nodes = [
        ["v1", "Village", "一村", None],
        ["h1", "Household", "户1", "v1"],
        ["h2", "Household", "户2", "v1"],
        ["h1", "Household", "又一户", "v1"],
    ]
    before = snapshot(store)
    with pytest.raises(DatasetError) as info:
        load(store, [dataset_dir(nodes, None, ["id", "type", "name", "village"])])
    problems = [str(p) for p in info.value.problems]
    assert len(problems) == 1
    assert "nodes.csv, line 5, column 1 (id): duplicate id 'h1'; first given at" in problems[0]
    assert problems[0].endswith("nodes.csv, line 3")
    assert snapshot(store) == before


def test_a_village_problem_names_its_own_line_after_rows_left_out(store, dataset_dir):
    """Rows dropped earlier (here one without an id) do not shift the line a village problem names."""
    nodes = [[None, "Household", "无号", None], ["v1", "Village", "一村", None], ["h1", "Household", "户1", "h9"]]
    with pytest.raises(DatasetError) as info:
        load(store, [dataset_dir(nodes, None, ["id", "type", "name", "village"])])
    problems = [str(p) for p in info.value.problems]
    assert any("line 2, column 1 (id): missing id" in p for p in problems), problems
    assert any(
        "line 4, column 4 (village): no Village with id 'h9' in the dataset or the store" in p for p in problems
    ), problems


UNUSUAL = [" 11010519491231002x", "张小明", "straße", "\x1cabc\x1f", "ǆemal", "  ", "Ⅻ", "e\u0301"]


def test_helper_processes_give_the_pseudonyms_worked_out_here():
    """Whitespace, case and Unicode (NFKC) handled as Python does, whichever process does the work."""
    pseudonymise = Pseudonymiser(TEST_KEY, helper_from=1)
    values = pa.array(UNUSUAL + [f"户{i}" for i in range(1001)])  # an odd count: the helpers' shares differ
    by_hand = [
        "pid-"
        + hmac.new(
            TEST_KEY, unicodedata.normalize("NFKC", v).strip().upper().encode("utf-8"), hashlib.sha256
        ).hexdigest()[:20]
        for v in values.to_pylist()
    ]
    assert pseudonymise.start(values).result().to_pylist() == by_hand
    assert pseudonymise.start(values.slice(3, 5)).result().to_pylist() == by_hand[3:8]


def test_a_failing_helper_leaves_its_share_to_the_loader(monkeypatch):
    import lianjie.loaders.privacy as privacy

    monkeypatch.setattr(privacy, "_HELPER", "import sys; sys.exit(3)")
    values = pa.array(UNUSUAL)
    assert Pseudonymiser(TEST_KEY, helper_from=1).start(values).result() == Pseudonymiser(TEST_KEY).many(UNUSUAL)


def test_cancelling_stops_the_helpers(monkeypatch):
    import lianjie.loaders.privacy as privacy

    monkeypatch.setattr(privacy, "_HELPER", "import time; time.sleep(600)")
    pending = Pseudonymiser(TEST_KEY, helper_from=1).start(pa.array(UNUSUAL))
    processes = [helper.process for helper in pending._helpers]
    assert len(processes) == 2 and all(p.poll() is None for p in processes)
    pending.cancel()
    assert all(p.poll() is not None for p in processes)


def test_a_store_made_with_stored_link_keys_reloads_without_doubling(tmp_path, dataset_dir):
    """Earlier versions kept a ``key`` column on every embedded link table; such a store still takes loads."""
    nodes = [["h1", "Household", "户1", "true", None], ["c1", "Cooperative", "社", None, None]]
    links = [["h1", "c1", "SUPPLIES", "order_purchase", 10, None, None]]
    with open_store(tmp_path / "s.db") as store:
        load(store, [dataset_dir(nodes, None, NODE_HEADER, LINK_HEADER, name="nodes")])
        for link_type in store.onto.link_types:
            store._run(f"ALTER TABLE {link_type} ADD key STRING")
        folder = dataset_dir(nodes, links, NODE_HEADER, LINK_HEADER, name="links")
        assert load(store, [folder]).summary.links_created == 1
        assert load(store, [folder]).summary.links_created == 0
        assert store.counts() == {"Household": 1, "Cooperative": 1, "SUPPLIES": 1}
