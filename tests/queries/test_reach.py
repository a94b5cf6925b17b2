"""Reach, uncovered, fragile and claims on hand-built graphs, on every backend."""

import datetime as dt

import pytest
from lianjie.base.errors import LianjieError
from lianjie.loaders import load
from lianjie.queries import audit, claims, fragile, reach, uncovered
from toy_graphs import LINK_HEADER, NODE_HEADER, TOY_LINKS, TOY_NODES


@pytest.fixture
def toy(store, dataset_dir):
    load(store, [dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER)])
    return store


def test_reach_counts_every_household_on_any_market_path(toy):
    rows = {r["channel"]: r for r in reach(toy, with_households=True)}
    # ch1: h1 (via c1), h2 (member of c1), h3 and h4 (via e1 -> c1, the cycle) ; poor: h1 h2 h3
    assert rows["ch1"]["household_ids"] == ["h1", "h2", "h3", "h4"]
    assert (rows["ch1"]["households"], rows["ch1"]["poor_households"]) == (4, 3)
    # ch2: also h6 directly ; poor: h1 h2 h3 h6
    assert rows["ch2"]["household_ids"] == ["h1", "h2", "h3", "h4", "h6"]
    assert (rows["ch2"]["households"], rows["ch2"]["poor_households"]) == (5, 4)


def test_support_links_do_not_count_for_reach(toy):
    # h5 is paired by a cadre and located in a village, but sells nowhere
    for row in reach(toy, with_households=True):
        assert "h5" not in row["household_ids"]


def test_uncovered_and_fragile(toy):
    assert uncovered(toy) == ["h5"]
    assert fragile(toy) == ["h6"]


def test_reach_as_of_a_date_uses_link_periods(toy):
    during = dt.date(2020, 3, 1)
    after = dt.date(2021, 1, 1)
    assert fragile(toy, as_of=during) == ["h6"]
    assert uncovered(toy, as_of=after) == ["h5", "h6"]
    assert fragile(toy, as_of=after) == []
    ch2 = reach(toy, channel="ch2", as_of=after)[0]
    assert ch2["households"] == 4


def test_claims_against_traced(toy):
    got = {c["id"]: (c["claimed"], c["traced"], c["gap"]) for c in claims(toy)}
    # c1 is reached by h1, h2 directly and h3, h4 through e1 -> c1; e1 by all four through c1 -> e1 or directly
    assert got == {"c1": (10, 4, 6), "e1": (3, 4, -1)}


def test_audit_collects_everything(toy):
    result = audit(toy)
    assert result["uncovered_poor"] == ["h5"]
    assert result["single_channel_poor"] == ["h6"]
    assert result["poor_households"] == 5
    assert result["covered_poor"] == 4
    assert result["coverage_rate"] == 0.8
    assert {c["id"] for c in result["claims"]} == {"c1", "e1"}


def test_unknown_channel_is_a_clear_error(toy):
    with pytest.raises(LianjieError, match="no channel with id 'nope'"):
        reach(toy, channel="nope")


def test_paths_of_any_length(store, dataset_dir):
    # a chain of 45 enterprises, longer than a variable-length Cypher default bound of 30
    n = 45
    nodes = [["h", "Household", "户", "true", None], ["ch", "Channel", "渠道", None, None]]
    nodes += [[f"e{i}", "Enterprise", f"企业{i}", None, None] for i in range(n)]
    links = [["h", "e0", "SUPPLIES", None, None, None, None]]
    links += [[f"e{i}", f"e{i + 1}", "SUPPLIES", None, None, None, None] for i in range(n - 1)]
    links += [[f"e{n - 1}", "ch", "SELLS_THROUGH", None, None, None, None]]
    load(store, [dataset_dir(nodes, links, NODE_HEADER, LINK_HEADER)])
    assert reach(store, with_households=True)[0]["household_ids"] == ["h"]
    assert uncovered(store) == []


def test_reach_through_chosen_mechanisms_only(toy):
    # households' own links: h1 order_purchase (x2), h2 MEMBER_OF (none), h3 wage_employment,
    # h4 cash_purchase, h6 consignment; organisation links are always kept
    wage = {r["channel"]: r["household_ids"] for r in reach(toy, with_households=True, mechanisms=["wage_employment"])}
    assert wage == {"ch1": ["h3"], "ch2": ["h3"]}
    mixed = reach(toy, with_households=True, mechanisms=["order_purchase", "consignment"])
    assert {r["channel"]: r["household_ids"] for r in mixed} == {"ch1": ["h1"], "ch2": ["h1", "h6"]}
    result = audit(toy, mechanisms=["wage_employment"])
    # poor h1 h2 h5 h6 lose their channels; h3 keeps two
    assert result["uncovered_poor"] == ["h1", "h2", "h5", "h6"] and result["single_channel_poor"] == []
