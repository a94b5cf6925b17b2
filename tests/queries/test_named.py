"""The named Cypher queries: the same answers on every store."""

import pytest
from lianjie.base.errors import LianjieError
from lianjie.loaders import load
from lianjie.queries import named_queries, run_named
from toy_graphs import LINK_HEADER, NODE_HEADER, TOY_LINKS, TOY_NODES


@pytest.fixture
def toy(store, dataset_dir):
    load(store, [dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER)])
    return store


def test_every_query_is_described_and_has_a_text_for_each_store():
    found = named_queries()
    assert {
        "households-by-village",
        "cooperative-members",
        "support-only-households",
        "links-by-mechanism",
        "channel-suppliers",
        "household-links",
    } <= set(found)
    for q in found.values():
        assert q.description, q.name
        assert q.text_for("embedded") and q.text_for("neo4j")


def test_households_by_village(toy):
    assert run_named(toy, "households-by-village") == [{"village": "v1", "name": "一村", "households": 1, "poor": 1}]


def test_cooperative_members(toy):
    assert run_named(toy, "cooperative-members") == [
        {"cooperative": "c1", "name": "合作社一", "members": 1, "poor_members": 1}
    ]


def test_support_only_households(toy):
    # h5 is paired by a cadre and has no market link of its own
    assert run_named(toy, "support-only-households") == [{"household": "h5", "poor": True}]


def test_links_by_mechanism(toy):
    rows = {r["mechanism"]: (r["links"], r["amount"]) for r in run_named(toy, "links-by-mechanism")}
    # market links: 2 order purchases (1000 + 2500), 1 wage (9000), 1 cash (300), 1 consignment (50),
    # and 5 without a mechanism (MEMBER_OF, 2 SELLS_THROUGH, 2 SUPPLIES between organisations)
    assert rows == {
        "order_purchase": (2, 3500.0),
        "wage_employment": (1, 9000.0),
        "cash_purchase": (1, 300.0),
        "consignment": (1, 50.0),
        "(none)": (5, 0.0),
    }


def test_channel_suppliers_per_dialect(toy, pseudonym):
    rows = run_named(toy, "channel-suppliers", {"channel": "ch2"})
    # a household's name is personal: stored, and so returned, as its keyed pseudonym
    assert rows == [
        {"source": "e1", "type": "Enterprise", "name": "企业一", "links": 1, "amount": 0.0},
        {"source": "h6", "type": "Household", "name": pseudonym("户6"), "links": 1, "amount": 50.0},
    ]


def test_household_links(toy):
    rows = run_named(toy, "household-links", {"household": "h1"})
    assert [(r["link"], r["target"], r["target_type"], r["amount"]) for r in rows] == [
        ("SUPPLIES", "c1", "Cooperative", 1000.0),
        ("SUPPLIES", "c1", "Cooperative", 2500.0),
    ]


def test_parameters_are_checked(toy):
    with pytest.raises(LianjieError, match="needs --param channel="):
        run_named(toy, "channel-suppliers")
    with pytest.raises(LianjieError, match="takes no parameter 'x'"):
        run_named(toy, "cooperative-members", {"x": 1})
    with pytest.raises(LianjieError, match="no query named 'nope'"):
        run_named(toy, "nope")
