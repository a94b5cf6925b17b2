"""Nodes and links as integer rows (``Store.node_rows``, ``Store.link_rows``) on every backend.

The expected values are read off ``TOY_NODES`` and ``TOY_LINKS`` by hand.
"""

import datetime as dt

import pytest
from lianjie.loaders import load
from toy_graphs import LINK_HEADER, NODE_HEADER, TOY_LINKS, TOY_NODES

MARKET = ["EMPLOYED_BY", "MEMBER_OF", "SELLS_THROUGH", "SUPPLIES"]
#: The toy's market links: source, target, type, mechanism (h1 supplies c1 twice, at two amounts).
MARKET_LINKS = [
    ("c1", "ch1", "SELLS_THROUGH", None),
    ("c1", "e1", "SUPPLIES", None),
    ("e1", "c1", "SUPPLIES", None),
    ("e1", "ch2", "SELLS_THROUGH", None),
    ("h1", "c1", "SUPPLIES", "order_purchase"),
    ("h1", "c1", "SUPPLIES", "order_purchase"),
    ("h2", "c1", "MEMBER_OF", None),
    ("h3", "e1", "EMPLOYED_BY", "wage_employment"),
    ("h4", "e1", "SUPPLIES", "cash_purchase"),
    ("h6", "ch2", "SUPPLIES", "consignment"),
]


@pytest.fixture
def toy(store, dataset_dir):
    load(store, [dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER)])
    return store


def _ids_by_row(store) -> dict[tuple[str, int], str]:
    out = {}
    for cls in store.onto.classes:
        table = store.node_rows(cls)
        out.update({(cls, row): ident for row, ident in zip(table["row"].to_pylist(), table["id"].to_pylist())})
    return out


def _links(store, types=MARKET, as_of=None) -> list[tuple]:
    """``link_rows`` with each end named by the id ``node_rows`` gives its (class, row)."""
    ids = _ids_by_row(store)
    table = store.link_rows(types, ["mechanism"], as_of=as_of)
    columns = [table[name].to_pylist() for name in ("source_class", "source_row", "target_class", "target_row")]
    ends = [(ids[(sc, sr)], ids[(tc, tr)]) for sc, sr, tc, tr in zip(*columns)]
    kinds, mechanisms = table["type"].to_pylist(), table["mechanism"].to_pylist()
    return sorted((s, t, kind, m) for (s, t), kind, m in zip(ends, kinds, mechanisms))


def test_node_rows_name_each_node_once_with_its_values(toy):
    households = toy.node_rows("Household", ["poor"])
    assert households.column_names == ["row", "id", "poor"]
    rows = households["row"].to_pylist()
    assert len(set(rows)) == 6 and min(rows) >= 0
    assert sorted(zip(households["id"].to_pylist(), households["poor"].to_pylist())) == [
        ("h1", True),
        ("h2", True),
        ("h3", True),
        ("h4", False),
        ("h5", True),
        ("h6", True),
    ]
    organisations = {
        cls: sorted(zip(*(t[c].to_pylist() for c in ("id", "name", "claimed_households"))))
        for cls in ("Cooperative", "Channel")
        for t in [toy.node_rows(cls, ["name", "claimed_households"])]
    }
    assert organisations == {
        "Cooperative": [("c1", "合作社一", 10)],
        "Channel": [("ch1", "直播", None), ("ch2", "超市", None)],
    }
    assert toy.node_rows("Town", ["name"]).num_rows == 0


def test_link_rows_name_their_ends_by_the_node_rows(toy):
    assert _links(toy) == sorted(MARKET_LINKS)
    assert toy.link_rows(MARKET)["type"].to_pylist().count("SUPPLIES") == 6


def test_link_rows_on_a_date_leave_out_the_links_not_valid_then(toy):
    assert _links(toy, as_of=dt.date(2021, 1, 1)) == sorted(link for link in MARKET_LINKS if link[0] != "h6")


def test_link_rows_of_types_without_links(toy):
    assert toy.link_rows(["HOLDS_SHARES_IN"]).num_rows == 0
    assert toy.link_rows([]).num_rows == 0


def test_rows_read_in_pages_are_the_same(toy, monkeypatch):
    whole = (_links(toy), sorted(toy.node_rows("Household", ["poor"]).to_pylist(), key=lambda r: r["id"]))
    monkeypatch.setenv("LIANJIE_READ_ROWS", "2")
    assert (_links(toy), sorted(toy.node_rows("Household", ["poor"]).to_pylist(), key=lambda r: r["id"])) == whole
