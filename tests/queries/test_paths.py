"""Path evidence for a household."""

import pytest
from lianjie.base.errors import LianjieError
from lianjie.loaders import load
from lianjie.queries import paths
from toy_graphs import LINK_HEADER, NODE_HEADER, TOY_LINKS, TOY_NODES


@pytest.fixture
def toy(store, dataset_dir):
    load(store, [dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER)])
    return store


def _route(chain):
    return [chain[0]["from"]] + [hop["to"] for hop in chain]


def test_chains_to_each_channel(toy):
    result = {item["channel"]: item for item in paths(toy, "h3")}
    assert set(result) == {"ch1", "ch2"}
    assert [_route(c) for c in result["ch1"]["chains"]] == [["h3", "e1", "c1", "ch1"]]
    assert [_route(c) for c in result["ch2"]["chains"]] == [["h3", "e1", "ch2"]]
    assert result["ch1"]["name"] == "直播"


def test_simple_paths_only_through_a_cycle(toy):
    result = {item["channel"]: item for item in paths(toy, "h1")}
    assert [_route(c) for c in result["ch1"]["chains"]] == [["h1", "c1", "ch1"]]
    assert [_route(c) for c in result["ch2"]["chains"]] == [["h1", "c1", "e1", "ch2"]]


def test_parallel_links_show_in_one_hop(toy):
    chain = next(i for i in paths(toy, "h1") if i["channel"] == "ch1")["chains"][0]
    first = chain[0]
    assert (first["from"], first["to"]) == ("h1", "c1")
    assert sorted(link["amount"] for link in first["links"]) == [1000.0, 2500.0]
    assert {link["mechanism"] for link in first["links"]} == {"order_purchase"}


def test_unreached_household_has_no_chains(toy):
    assert paths(toy, "h5") == []


def test_unknown_household(toy):
    with pytest.raises(LianjieError, match="no household with id 'zz'"):
        paths(toy, "zz")
    with pytest.raises(LianjieError, match="no household"):
        paths(toy, "c1")
