"""Left-to-right layered positions: places, households, organisations by their distance to market, channels.

Computed here rather than in the browser, so a page of thousands of nodes opens at once,
physics off. Each column is ordered by the mean position of its neighbours (a few
barycentre sweeps, which untangle most crossings); a tall column wraps into sub-columns.
"""

from __future__ import annotations

import math

import numpy as np

from ..ontology.terms import Classes

PLACE_COLUMNS = (Classes.County, Classes.Town, Classes.Village)
#: Column gap and row height in page pixels; sub-columns of a wrapped column.
GAP, ROW, SUB = 320.0, 34.0, 150.0
#: Longest chain of organisations laid out one column each; longer chains share the last.
DEPTH = 6


def columns(view: dict) -> list[int]:
    """The column of every node of a view, in node order (0 is leftmost)."""
    nodes, links = view["nodes"], view["links"]
    index = {n["id"]: i for i, n in enumerate(nodes)}
    classes = [n["class"] for n in nodes]
    market = [(index[e["source"]], index[e["target"]]) for e in links if e["family"] == "market"]
    channel = np.array([c == Classes.Channel for c in classes])
    household = np.array([c == Classes.Household for c in classes])
    place = np.array([c in PLACE_COLUMNS for c in classes])
    in_market = np.zeros(len(nodes), dtype=bool)
    for a, b in market:
        in_market[a] = in_market[b] = True
    # longest market path (in links) to a channel, capped, so that chains read left to right
    to_channel = np.where(channel, 0, -1)
    for _ in range(DEPTH):
        changed = False
        for a, b in market:
            if to_channel[b] >= 0 and to_channel[a] < min(to_channel[b] + 1, DEPTH) and not channel[a]:
                to_channel[a] = min(to_channel[b] + 1, DEPTH)
                changed = True
        if not changed:
            break
    organisations = ~channel & ~household & ~place & in_market
    depth = int(to_channel[organisations].max()) if organisations.any() else 0
    present_places = [c for c in PLACE_COLUMNS if c in classes]
    support = ~channel & ~household & ~place & ~in_market
    first_hh = len(present_places) + int(support.any())
    out = []
    for i, cls in enumerate(classes):
        if place[i]:
            col = present_places.index(cls)
        elif household[i]:
            col = first_hh
        elif channel[i]:
            col = first_hh + depth + 1
        elif organisations[i]:
            col = first_hh + 1 + (depth - to_channel[i] if to_channel[i] > 0 else 0)
        else:
            col = first_hh - 1
        out.append(int(col))
    return out


def positions(view: dict) -> list[tuple[float, float]]:
    """``(x, y)`` of every node, in node order."""
    nodes, links = view["nodes"], view["links"]
    n = len(nodes)
    if not n:
        return []
    col = np.array(columns(view))
    index = {node["id"]: i for i, node in enumerate(nodes)}
    pairs = np.array([(index[e["source"]], index[e["target"]]) for e in links], dtype=np.int64).reshape(-1, 2)
    both = np.concatenate([pairs, pairs[:, ::-1]]) if len(pairs) else pairs
    # start from a stable order: largest groups and busiest nodes first
    weight = np.array([float(node.get("count") or 1) for node in nodes])
    degree = np.bincount(both[:, 0], minlength=n) if len(both) else np.zeros(n)
    rank = np.zeros(n)
    for c in np.unique(col):
        members = np.flatnonzero(col == c)
        order = members[np.lexsort((np.array([nodes[i]["id"] for i in members]), -degree[members], -weight[members]))]
        rank[order] = np.arange(len(order)) - (len(order) - 1) / 2
    for sweep in range(4):
        cols = sorted(np.unique(col), reverse=sweep % 2 == 0)
        for c in cols:
            members = np.flatnonzero(col == c)
            if len(both):
                sums = np.bincount(both[:, 0], weights=rank[both[:, 1]] * (col[both[:, 1]] != c), minlength=n)
                counts = np.bincount(both[:, 0], weights=(col[both[:, 1]] != c).astype(float), minlength=n)
                centre = np.where(counts[members] > 0, sums[members] / np.maximum(counts[members], 1), rank[members])
            else:
                centre = rank[members]
            order = members[np.argsort(centre, kind="stable")]
            rank[order] = np.arange(len(order)) - (len(order) - 1) / 2
    x, y = np.zeros(n), np.zeros(n)
    left = 0.0
    tallest = max(12, int(math.sqrt(n) * 2.2))
    for c in sorted(np.unique(col)):
        members = np.flatnonzero(col == c)
        order = members[np.argsort(rank[members], kind="stable")]
        wraps = math.ceil(len(order) / tallest)
        rows = math.ceil(len(order) / wraps)
        for k, i in enumerate(order):
            sub, row = divmod(k, rows)
            x[i] = left + sub * SUB
            y[i] = (row - (rows - 1) / 2) * ROW * (1.6 if wraps == 1 and len(order) < 40 else 1.0)
        left += (wraps - 1) * SUB + GAP
    return list(zip(x.round(1).tolist(), y.round(1).tolist()))
