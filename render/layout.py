"""Left-to-right layered positions: places, households, organisations by their distance to market, channels.

Computed here rather than in the browser, so a page of thousands of nodes opens at once,
physics off. Each column is ordered by the mean position of its neighbours (a few
barycentre sweeps, which untangle most crossings); a tall column wraps into sub-columns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..ontology.terms import Classes

PLACE_COLUMNS = (Classes.County, Classes.Town, Classes.Village)
#: Column gap and row height in page pixels; sub-columns of a wrapped column.
GAP, ROW, SUB = 320.0, 34.0, 190.0
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
    first_place = int(support.any())
    first_hh = first_place + len(present_places)
    out = []
    for i, cls in enumerate(classes):
        if place[i]:
            col = first_place + present_places.index(cls)
        elif household[i]:
            col = first_hh
        elif channel[i]:
            col = first_hh + depth + 1
        elif organisations[i]:
            col = first_hh + 1 + (depth - to_channel[i] if to_channel[i] > 0 else 0)
        else:
            col = 0
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
    grid = _grid(nodes, col, rank, tallest)
    area_column = None
    if grid is not None:
        placed = [index[a] for a in grid.rows if a in index]
        area_column = int(col[placed[0]]) if placed else None
    for c in sorted(np.unique(col)):
        members = np.flatnonzero(col == c)
        order = members[np.argsort(rank[members], kind="stable")]
        if grid is not None and c == grid.column:
            for area, (block, ry) in grid.rows.items():
                for i in grid.members[area]:
                    x[i] = left + block * (grid.width + SUB) + CELL * STATUS_ORDER.index(nodes[i]["status"])
                    y[i] = ry
            left += grid.blocks * (grid.width + SUB) - SUB + GAP
            continue
        if c == area_column:  # each area level with its row of groups; areas without households below
            rest = [i for i in order if nodes[i]["id"] not in grid.rows]
            for i in order:
                if nodes[i]["id"] in grid.rows:
                    block, ry = grid.rows[nodes[i]["id"]]
                    x[i], y[i] = left + block * SUB, ry
            bottom = max(ry for _, ry in grid.rows.values())
            for k, i in enumerate(rest):
                x[i], y[i] = left, bottom + (k + 1) * ROW
            left += grid.blocks * SUB + GAP
            continue
        wraps = math.ceil(len(order) / tallest)
        rows = math.ceil(len(order) / wraps)
        for k, i in enumerate(order):
            sub, row = divmod(k, rows)
            x[i] = left + sub * SUB
            y[i] = (row - (rows - 1) / 2) * ROW * (2.2 if len(order) <= 80 else 1.0)
        left += (wraps - 1) * SUB + GAP
    return list(zip(x.round(1).tolist(), y.round(1).tolist()))


STATUS_ORDER = ("uncovered", "fragile", "covered", "not_poor")
#: Horizontal step between an area's status groups in the grid (a label of twelve characters is about 160 wide) and
#: vertical step between areas (the largest group is drawn 60 across, its label below it).
CELL, GRID_ROW = 170.0, 80.0


@dataclass
class _Grid:
    """Households grouped per area: one row per area (``rows``: area -> (block, y)), one cell per status."""

    column: int
    rows: dict[str, tuple[int, float]]
    members: dict[str, list[int]]
    blocks: int
    width: float = CELL * len(STATUS_ORDER)


def _grid(nodes: list[dict], col: np.ndarray, rank: np.ndarray, tallest: int) -> _Grid | None:
    groups = [i for i, node in enumerate(nodes) if node.get("group") and node.get("status") and node.get("area")]
    if not groups:
        return None
    members: dict[str, list[int]] = {}
    for i in groups:
        members.setdefault(nodes[i]["area"], []).append(i)
    order = sorted(members, key=lambda a: (float(np.mean(rank[members[a]])), a))
    blocks = math.ceil(len(order) / tallest)
    height = math.ceil(len(order) / blocks)
    rows = {}
    for k, area in enumerate(order):
        block, row = divmod(k, height)
        rows[area] = (block, (row - (height - 1) / 2) * GRID_ROW)
    return _Grid(int(col[groups[0]]), rows, members, blocks)
