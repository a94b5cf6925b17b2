"""The named models on small hand-built graphs, each with instances and near-misses worked out by hand."""

import pytest
from lianjie.loaders import load
from lianjie.queries.models import MODELS, models

NODE_HEADER = ["id", "type", "poor", "kind"]
LINK_HEADER = ["source", "target", "type"]


#: A node's class, from the letters its id starts with.
CLASS_OF = {
    "p": "PartyBranch",
    "c": "Cooperative",
    "b": "Base",
    "e": "Enterprise",
    "h": "Household",
    "s": "ServiceCenter",
    "t": "ServiceStation",
    "k": "Cadre",
    "ch": "Channel",
}


def _graph(links: list[str], poor: set[str] = frozenset(), kinds: dict | None = None):
    """Nodes and links from "a TYPE b" lines; a node's class comes from its id, households are poor when listed."""
    kinds = kinds or {}
    rows, ids = [], {}
    for line in links:
        source, type_, target = line.split()
        rows.append([source, target, type_])
        ids.update(dict.fromkeys([source, target]))
    nodes = []
    for i in ids:
        cls = CLASS_OF[i.rstrip("0123456789")]
        nodes.append([i, cls, ("是" if i in poor else "否") if cls == "Household" else None, kinds.get(i)])
    return nodes, rows


def _answer(store, dataset_dir, name, links, poor=frozenset(), kinds=None):
    nodes, rows = _graph(links, poor, kinds)
    load(store, [dataset_dir(nodes, rows, NODE_HEADER, LINK_HEADER)])
    found = {m["model"]: m for m in models(store, with_instances=True)}
    return found[name]


def test_link_lines_read_as_source_target_type():
    assert _graph(["h1 SUPPLIES ch2"], {"h1"}) == (
        [["h1", "Household", "是", None], ["ch2", "Channel", None, None]],
        [["h1", "ch2", "SUPPLIES"]],
    )


def test_party_branch_cooperative_household_base(store, dataset_dir):
    links = [
        "p1 LEADS c1",
        "c1 SUPPLIES b1",
        "h1 MEMBER_OF c1",
        "h2 SUPPLIES b1",
        "h3 MEMBER_OF c1",
        "p2 LEADS c2",
        "h4 MEMBER_OF c2",  # no base
        "p3 LEADS c3",
        "c3 SUPPLIES b3",
        "k3 PAIRS_WITH h5",  # no household attached
        "c4 SUPPLIES b4",
        "h6 MEMBER_OF c4",
    ]  # no party branch
    got = _answer(store, dataset_dir, "党支部+合作社+农户+基地", links, poor={"h1"})
    assert got["instance_list"] == [{"P": "p1", "C": "c1", "B": "b1", "households": 3}]
    assert (got["instances"], got["households"], got["incomplete"]) == (1, 3, 1)


def test_party_branch_cooperative_enterprise_household(store, dataset_dir):
    links = [
        "p1 LEADS c1",
        "c1 SUPPLIES e1",
        "h1 MEMBER_OF c1",
        "h2 EMPLOYED_BY e1",
        "p2 LEADS c2",
        "h3 MEMBER_OF c2",
        "h4 EMPLOYED_BY e2",  # c2 and e2 not tied
        "p3 LEADS c3",
        "c3 SERVES e3",
        "h5 MEMBER_OF c3",
    ]  # tied by a support link only
    got = _answer(store, dataset_dir, "党支部+合作社+企业+农户", links)
    assert got["instance_list"] == [{"P": "p1", "C": "c1", "E": "e1", "households": 2}]
    assert (got["instances"], got["households"], got["incomplete"]) == (1, 2, 0)


def test_company_cooperative_household_base(store, dataset_dir):
    links = [
        "c1 SUPPLIES e1",
        "b1 SUPPLIES e1",
        "h1 MEMBER_OF c1",
        "h2 LEASES_LAND_TO b1",
        "h3 EMPLOYED_BY e1",
        "c2 SUPPLIES e2",
        "b2 SUPPLIES c2",
        "h4 SUPPLIES b2",  # the base tied to the coop instead
        "c3 SUPPLIES e3",
        "h5 SUPPLIES b3",
    ]  # b3 tied to neither
    got = _answer(store, dataset_dir, "公司+合作社+农户+基地", links)
    # h3 works for the company itself: households attach to the cooperative or the base
    assert got["instance_list"] == [
        {"E": "e1", "C": "c1", "B": "b1", "households": 2},
        {"E": "e2", "C": "c2", "B": "b2", "households": 1},
    ]
    assert (got["instances"], got["households"]) == (2, 3)


def test_centre_station_poor_household(store, dataset_dir):
    links = [
        "s1 SERVES t1",
        "h1 SUPPLIES t1",
        "h2 SUPPLIES t1",
        "s1 SERVES t2",
        "h3 SUPPLIES t2",  # only a household outside the register
        "h4 SUPPLIES t3",
    ]  # no centre
    got = _answer(store, dataset_dir, "电商公共服务中心+乡村电商服务站点+贫困户", links, poor={"h1", "h4"})
    assert got["instance_list"] == [{"S": "s1", "T": "t1", "households": 1}]
    assert (got["instances"], got["households"], got["incomplete"]) == (1, 1, 1)


def test_centre_cooperative_poor_household(store, dataset_dir):
    links = [
        "s1 SERVES c1",
        "h1 MEMBER_OF c1",
        "t1 SERVES c2",
        "h2 MEMBER_OF c2",  # served by a station, not a centre
        "c3 SUPPLIES s1",
        "h3 MEMBER_OF c3",
    ]  # tied to the centre by a market link
    got = _answer(store, dataset_dir, "电商公共服务中心+农村专业合作社+贫困户", links, poor={"h1", "h2", "h3"})
    assert [i["C"] for i in got["instance_list"]] == ["c1", "c3"]
    assert (got["instances"], got["households"]) == (2, 2)


def test_centre_enterprise_poor_household(store, dataset_dir):
    links = [
        "s1 SERVES e1",
        "h1 SUPPLIES e1",
        "h2 EMPLOYED_BY e1",
        "s1 SERVES e2",
        "e2 PAIRS_WITH h3",  # paired, not attached by a market link
        "h4 SUPPLIES e3",
    ]  # no centre
    got = _answer(store, dataset_dir, "电商公共服务中心+电商企业+贫困户", links, poor={"h1", "h2", "h3", "h4"})
    assert got["instance_list"] == [{"S": "s1", "E": "e1", "households": 2}]
    assert (got["instances"], got["households"], got["incomplete"]) == (1, 2, 1)


def test_ecommerce_enterprise_traceability_base_poor_household(store, dataset_dir):
    links = [
        "e1 SELLS_THROUGH ch1",
        "b1 SUPPLIES e1",
        "h1 LEASES_LAND_TO b1",
        "e2 SELLS_THROUGH ch2",
        "b2 SUPPLIES e2",
        "h2 SUPPLIES b2",  # sells only in a supermarket
        "s1 SERVES e3",
        "b3 SUPPLIES e3",
        "h3 SUPPLIES b3",
    ]  # e-commerce: a centre serves it
    got = _answer(
        store,
        dataset_dir,
        "电商企业+溯源基地(专业合作社)+贫困户",
        links,
        poor={"h1", "h2", "h3"},
        kinds={"ch1": "电商平台", "ch2": "超市专柜"},
    )
    assert [(i["E"], i["B"]) for i in got["instance_list"]] == [("e1", "b1"), ("e3", "b3")]
    assert (got["instances"], got["households"]) == (2, 2)


def test_every_model_is_reported_even_on_an_empty_store(store):
    got = models(store)
    assert [m["model"] for m in got] == [m.name for m in MODELS]
    assert len(got) == 7
    assert all(m["instances"] == 0 and m["households"] == 0 for m in got)


@pytest.mark.parametrize("name", [m.name for m in MODELS])
def test_households_are_distinct_across_instances(store, dataset_dir, name):
    # two party-branch coops sharing one base and one household: one household, two instances
    links = ["p1 LEADS c1", "p2 LEADS c2", "c1 SUPPLIES b", "c2 SUPPLIES b", "h SUPPLIES b"]
    got = _answer(store, dataset_dir, name, links, poor={"h"})
    expected = (2, 1) if name == "党支部+合作社+农户+基地" else (0, 0)
    assert (got["instances"], got["households"]) == expected
