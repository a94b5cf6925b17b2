"""A toy store small enough to check by hand: the store every docstring example runs on.

Six households, a cooperative, an enterprise, two channels, a party branch, a base, a cadre
and a village::

    h1 -SUPPLIES x2-> c1 -SELLS_THROUGH-> ch1 (livestream)
    h2 -MEMBER_OF-> c1          c1 -SUPPLIES-> e1 -SUPPLIES-> c1 (a cycle)
    h3 -EMPLOYED_BY-> e1 -SELLS_THROUGH-> ch2 (supermarket)
    h4 (not poor) -SUPPLIES-> e1
    h6 -SUPPLIES-> ch2, in the first half of 2020 only
    h5 is only paired by the cadre k1 (support, no market link)
    p1 -LEADS-> c1 ; b1 -SUPPLIES-> c1 ; h1, h5 are LOCATED_IN v1

So ch1 reaches h1, h2, h3, h4 (through the cycle) and ch2 the same four and h6 while its
link lasts; h5 is registered poor and uncovered.

Examples
--------
>>> store = toy_store()
>>> store.counts()["Household"], store.counts()["SUPPLIES"]
(6, 7)
>>> store.close()
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

NODES = [
    # id, type, name, poor, claimed households, kind
    ["h1", "Household", None, "true", None, None],
    ["h2", "Household", None, "true", None, None],
    ["h3", "Household", None, "true", None, None],
    ["h4", "Household", None, "false", None, None],
    ["h5", "Household", None, "true", None, None],
    ["h6", "Household", None, "true", None, None],
    ["c1", "Cooperative", "合作社一", None, 10, None],
    ["e1", "Enterprise", "企业一", None, 3, None],
    ["ch1", "Channel", "县长直播", None, None, "livestream"],
    ["ch2", "Channel", "超市", None, None, "supermarket"],
    ["p1", "PartyBranch", "村党支部", None, None, None],
    ["b1", "Base", "茶叶基地", None, None, None],
    ["k1", "Cadre", "第一书记", None, None, None],
    ["v1", "Village", "一村", None, None, None],
]
LINKS = [
    # source, target, type, mechanism, amount, start, end
    ["h1", "c1", "SUPPLIES", "order_purchase", 1000, None, None],
    ["h1", "c1", "SUPPLIES", "order_purchase", 2500, None, None],
    ["h2", "c1", "MEMBER_OF", None, None, None, None],
    ["h3", "e1", "EMPLOYED_BY", "wage_employment", 9000, None, None],
    ["h4", "e1", "SUPPLIES", "cash_purchase", 300, None, None],
    ["h6", "ch2", "SUPPLIES", "consignment", 50, "2020-01-01", "2020-06-30"],
    ["c1", "ch1", "SELLS_THROUGH", None, None, None, None],
    ["c1", "e1", "SUPPLIES", None, None, None, None],
    ["e1", "c1", "SUPPLIES", None, None, None, None],
    ["e1", "ch2", "SELLS_THROUGH", None, None, None, None],
    ["b1", "c1", "SUPPLIES", None, None, None, None],
    ["p1", "c1", "LEADS", None, None, None, None],
    ["k1", "h5", "PAIRS_WITH", "pairing", None, None, None],
    ["h1", "v1", "LOCATED_IN", None, None, None, None],
    ["h5", "v1", "LOCATED_IN", None, None, None, None],
]
NODE_HEADER = ["id", "type", "name", "poor", "claimed_households", "kind"]
LINK_HEADER = ["source", "target", "type", "mechanism", "amount", "start", "end"]
#: The key the toy store's pseudonyms are made with (it holds no personal data; the key is public).
TOY_KEY = b"lianjie-toy-key"


def write_toy_dataset(folder: str | Path) -> Path:
    """``nodes.csv`` and ``links.csv`` of the toy graph in ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, header, rows in (("nodes.csv", NODE_HEADER, NODES), ("links.csv", LINK_HEADER, LINKS)):
        with open(folder / name, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows(["" if v is None else v for v in row] for row in rows)
    return folder


def toy_store(path: str | Path | None = None):
    """The toy graph loaded into a new embedded store (in a temporary folder unless ``path`` is given).

    The caller closes it (or uses it in a ``with`` block).
    """
    from ..graph import open_store
    from ..loaders import load
    from ..loaders.privacy import Pseudonymiser

    folder = Path(tempfile.mkdtemp(prefix="lianjie-toy-"))
    store = open_store(path or folder / "toy.db")
    load(store, [write_toy_dataset(folder / "data")], Pseudonymiser(TOY_KEY))
    return store


__all__ = ["LINKS", "NODES", "TOY_KEY", "toy_store", "write_toy_dataset"]
