"""The store interface on every backend: read-only sessions, reset, counts, Cypher."""

import pytest
from conftest import snapshot
from lianjie.graph import open_store
from lianjie.graph.store import ReadOnlyError, StoreError
from lianjie.loaders import load
from toy_graphs import LINK_HEADER, NODE_HEADER, TOY_LINKS, TOY_NODES


@pytest.fixture
def toy(store, dataset_dir):
    load(store, [dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER)])
    return store


def test_counts(toy):
    counts = toy.counts()
    assert counts["Household"] == 6 and counts["Channel"] == 2
    assert counts["SUPPLIES"] == 6 and counts["PAIRS_WITH"] == 1


def test_cypher_reads_with_parameters(toy):
    rows = toy.cypher("MATCH (h:Household) WHERE h.poor = $poor RETURN h.id AS id ORDER BY id", {"poor": True})
    assert [r["id"] for r in rows] == ["h1", "h2", "h3", "h5", "h6"]


def test_cypher_write_is_refused_by_the_database(toy, store_location):
    before = snapshot(toy)
    with pytest.raises(ReadOnlyError, match="--write"):
        toy.cypher("MATCH (h:Household {id: 'h1'}) SET h.name = 'changed'")
    assert snapshot(toy) == before
    toy.close()
    with open_store(store_location, read_only=True) as ro:
        with pytest.raises(ReadOnlyError):
            ro.cypher("MATCH (h:Household {id: 'h1'}) DETACH DELETE h")
    with open_store(store_location) as rw:
        assert snapshot(rw) == before
        rw.cypher("MATCH (h:Household {id: 'h1'}) SET h.name = 'changed'", write=True)
        assert rw.cypher("MATCH (h:Household {id: 'h1'}) RETURN h.name AS n") == [{"n": "changed"}]


def test_cypher_errors_are_one_line(toy):
    with pytest.raises(StoreError, match="Cypher error"):
        toy.cypher("MATCH (n:Household RETURN n")


def test_nodes_and_links_come_back_as_plain_values(toy):
    rows = toy.cypher("MATCH (h:Household {id: 'h1'})-[e:SUPPLIES]->(c) RETURN h, e, c ORDER BY e.amount")
    assert rows[0]["h"]["_labels"] == ["Household"] and rows[0]["h"]["id"] == "h1"
    assert rows[0]["e"]["_type"] == "SUPPLIES" and rows[0]["e"]["amount"] == 1000.0
    assert rows[1]["e"]["amount"] == 2500.0


def test_reset_empties_the_store(toy):
    toy.reset()
    assert toy.counts() == {}


def test_read_only_open_of_a_missing_store(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "nothing.db", read_only=True)


def test_a_folder_is_not_a_store(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path)


def test_a_write_that_fails_midway_leaves_the_store_as_it_was(store, dataset_dir):
    """A node deleted between validation and writing makes the write fail; the new nodes go too."""
    from lianjie.loaders import read_dataset

    load(store, [dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER, name="base")])
    nodes = [["n1", "Household", "新户", "true", None], ["c1", "Cooperative", "改名合作社", None, 99]]
    links = [["n1", "c1", "SUPPLIES", None, 5, None, None], ["n1", "ch1", "SUPPLIES", None, 7, None, None]]
    dataset = read_dataset([dataset_dir(nodes, links, NODE_HEADER, LINK_HEADER, name="late")], store.onto, store)
    store.cypher("MATCH (c:Channel {id: 'ch1'}) DETACH DELETE c", write=True)
    before = snapshot(store)
    with pytest.raises(StoreError, match="nothing was changed"):
        store.write(dataset)
    assert snapshot(store) == before
    assert store.lookup_nodes(["n1"]) == {}


def test_a_store_from_an_older_ontology_opens_read_only_and_upgrades_when_written(tmp_path, dataset_dir, onto):
    """Tables a newer ontology adds read as empty until the store is next opened for writing."""
    from lianjie.ontology import load_ontology

    newer_path = tmp_path / "newer.ttl"
    newer_path.write_text(
        onto.turtle + "\nlj:Warehouse a owl:Class ; rdfs:subClassOf lj:Organisation ;\n"
        '    rdfs:label "Warehouse"@en , "仓库"@zh .\n',
        encoding="utf-8",
    )
    newer = load_ontology(newer_path)
    location = tmp_path / "old.db"
    with open_store(location) as store:
        load(store, [dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER)])
    with open_store(location, read_only=True, onto=newer) as store:
        assert store.nodes("Warehouse", ["name"]).empty
        assert store.counts()["Household"] == 6
    with open_store(location, onto=newer) as store:
        load(store, [dataset_dir([["w1", "仓库", "一号库", None, None]], None, NODE_HEADER, LINK_HEADER, name="w")])
        assert list(store.nodes("Warehouse", ["name"])["name"]) == ["一号库"]
