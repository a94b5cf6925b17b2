"""Loading twice gives the same graph; identical links once, differing links all kept."""

from conftest import snapshot
from lianjie.loaders import load
from toy_graphs import LINK_HEADER, NODE_HEADER, TOY_LINKS, TOY_NODES


def test_loading_twice_changes_nothing(store, dataset_dir):
    folder = dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER)
    first = load(store, [folder])
    once = snapshot(store)
    second = load(store, [folder])
    assert snapshot(store) == once
    assert second.summary.nodes_created == 0 and second.summary.links_created == 0
    assert second.summary.links_unchanged == first.summary.links_created == len(TOY_LINKS)


def test_identical_links_are_stored_once_and_parallel_links_kept(store, dataset_dir):
    nodes = [["h", "Household", "户", "true", None], ["c", "Cooperative", "社", None, None]]
    links = [
        ["h", "c", "SUPPLIES", "order_purchase", 100, "2020-01-01", None],
        ["h", "c", "SUPPLIES", "order_purchase", 100, "2020-01-01", None],  # the same delivery twice
        ["h", "c", "SUPPLIES", "order_purchase", 250, "2020-01-01", None],  # another delivery
        ["h", "c", "SUPPLIES", "order_purchase", 100, "2020-02-01", None],  # same amount, later
    ]
    load(store, [dataset_dir(nodes, links, NODE_HEADER, LINK_HEADER)])
    stored = store.links(["SUPPLIES"], ["amount"])
    assert sorted(stored["amount"]) == [100.0, 100.0, 250.0]


def test_a_reload_updates_given_values_and_keeps_blank_ones(store, dataset_dir):
    load(store, [dataset_dir([["c", "Cooperative", "旧名", None, 10]], None, NODE_HEADER, LINK_HEADER, name="a")])
    load(store, [dataset_dir([["c", "Cooperative", "新名", None, None]], None, NODE_HEADER, LINK_HEADER, name="b")])
    row = store.nodes("Cooperative", ["name", "claimed_households"]).iloc[0]
    assert row["name"] == "新名"
    assert row["claimed_households"] == 10


def test_links_may_point_at_nodes_loaded_earlier(store, dataset_dir):
    load(store, [dataset_dir(TOY_NODES, [], NODE_HEADER, LINK_HEADER, name="nodes")])
    load(store, [dataset_dir(None, TOY_LINKS, NODE_HEADER, LINK_HEADER, name="links")])
    assert len(store.links(store.onto.link_types)) == len(TOY_LINKS)
