"""From a chosen set of nodes and links to the plain data a page draws.

Households are drawn one by one when few; otherwise they are rolled up per area
(village, else town, else county, else none: the finest that fits) and audit status,
each group sized by its count. Organisations of a class too many to draw keep their
most-linked members and roll the rest into one node. Parallel links between two drawn
nodes merge into one, carrying how many links of which types and their total amount.
Properties (names, quotes, sources) are read only for the nodes drawn one by one.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..ontology.terms import Classes, Links
from .coverage import areas_of
from .orggroups import ORGANISATIONS, OrgGroups, group_organisations
from .viewgraph import FRAGILE, NOT_POOR, STATUSES, UNCOVERED, ViewGraph

#: Default and hard limit of drawn nodes.
MAX_NODES = 3000
HARD_LIMIT = 5000
#: Merged links drawn at most, per drawn node allowed (the heaviest are kept).
LINKS_PER_NODE = 2
#: Households drawn one by one up to this many.
INDIVIDUAL = 300
#: Chains listed per household (one per channel at most this many).
CHAINS = 3
LEVELS = (Classes.Village, Classes.Town, Classes.County)
STATUS_ZH = {"uncovered": "无渠道覆盖", "fragile": "仅一个渠道", "covered": "两个以上渠道", "not_poor": "非建档立卡户"}


def areas(vg: ViewGraph, rows: np.ndarray, level: str) -> np.ndarray:
    """The integer of the area of ``level`` each of ``rows`` lies in, following LOCATED_IN upward (-1: none)."""
    return areas_of(vg.graph.only([Links.LOCATED_IN]), rows, level)


def _hidden(value: int | None, below: int) -> int | None:
    return None if value is not None and 0 < value < below else value


def _plain(value: object) -> object:
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, np.generic):
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _properties(vg: ViewGraph, nodes: np.ndarray) -> dict[int, dict]:
    """Stored properties of the given nodes, read per class (by id where the class is large)."""
    store, g, onto = vg.store, vg.graph, vg.store.onto
    out: dict[int, dict] = {}
    classes = g.classes[nodes]
    for cls in sorted(set(classes)):
        mine = nodes[classes == cls]
        columns = [p.name for p in onto.stored_node_properties(cls) if not p.personal]
        ids = [g.ids[i] for i in mine]
        if len(ids) * 20 < g.nodes[cls].num_rows:
            fields = ", ".join(["n.id AS id", *(f"n.`{c}` AS `{c}`" for c in columns)])
            rows = store.cypher(f"MATCH (n:{cls}) WHERE n.id IN $ids RETURN {fields}", {"ids": ids})
        else:
            rows = store.nodes(cls, columns).to_dict("records")
        index = dict(zip(ids, mine.tolist()))
        for row in rows:
            node = index.get(row["id"])
            if node is not None:
                out[node] = {k: _plain(v) for k, v in row.items() if k != "id" and _plain(v) is not None}
    return out


def _chains(vg: ViewGraph, start: int, limit: int = CHAINS, max_steps: int = 20_000) -> list[list[str]]:
    """Up to ``limit`` simple market chains from ``start`` to each channel it reaches, as lists of ids."""
    g = vg.market_graph
    useful = vg.channels > 0
    channel = vg.is_class(np.arange(g.size), Classes.Channel)
    src, dst = vg.successors
    found: dict[int, list[list[int]]] = defaultdict(list)
    stack, steps = [[start]], 0
    while stack and steps < max_steps:
        steps += 1
        trail = stack.pop()
        node = trail[-1]
        lo, hi = np.searchsorted(src, [node, node + 1])
        for nxt in sorted(set(dst[lo:hi].tolist()), reverse=True):
            if nxt in trail or not useful[nxt]:
                continue
            path = [*trail, nxt]
            if channel[nxt] and len(found[nxt]) < limit:
                found[nxt].append(path)
            stack.append(path)
    chains = [p for c in sorted(found, key=lambda c: g.ids[c]) for p in sorted(found[c], key=len)]
    return [[g.ids[i] for i in p] for p in chains]


def _groups(
    vg: ViewGraph, households: np.ndarray, places: np.ndarray, budget: int
) -> tuple[str | None, np.ndarray, np.ndarray]:
    """The finest area level whose (area, status) groups, with the places drawn beside them, fit ``budget``.

    Returns the level (``None``: status alone), each household's area and its group key.
    """
    status = vg.status[households].astype(np.int64)
    classes = vg.graph.classes[places]
    for k, level in enumerate([*LEVELS, None]):
        area = areas(vg, households, level) if level else np.full(len(households), -1, dtype=np.int64)
        key = (area + 1) * len(STATUSES) + status
        shown = int(np.isin(classes, LEVELS[k:]).sum())
        if level is None or int((np.bincount(key) > 0).sum()) + shown <= budget:
            if level is not None and (area < 0).all():
                continue  # the store places no household at this level
            return level, area, key
    raise AssertionError("unreachable")


def assemble(
    vg: ViewGraph,
    view: str,
    title: str,
    subject: str | None,
    nodes: np.ndarray,
    links: np.ndarray,
    max_nodes: int = MAX_NODES,
    suppress_below: int = 0,
    individual: int = INDIVIDUAL,
    organisations: int = ORGANISATIONS,
) -> dict:
    """Roll up, merge and describe the chosen nodes and links (see the module's description)."""
    g = vg.graph
    max_nodes = max(10, min(int(max_nodes), HARD_LIMIT))
    nodes = np.unique(np.asarray(nodes, dtype=np.int64))
    notes: list[str] = []
    is_household = vg.is_class(nodes, Classes.Household)
    households, others = nodes[is_household], nodes[~is_household]
    drawn = np.full(g.size, -1, dtype=np.int64)
    out: list[dict] = []

    place = np.isin(g.classes[others], LEVELS)
    places, orgs = others[place], others[~place]

    # Households: one by one when few, else per area and status (places finer than the areas drop out).
    level, group_of = None, None
    if len(households) <= individual and len(nodes) <= max_nodes:
        household_nodes = len(households)
    else:
        level, area, key = _groups(vg, households, places, max_nodes // 2)
        places = places[np.isin(g.classes[places], LEVELS[LEVELS.index(level) :] if level else ())]
        group_of = (key, area)
        household_nodes = len(np.unique(key))
        notes.append(
            f"{len(households):,} households are drawn as groups per "
            + (f"{level.lower()} and " if level else "")
            + "audit status, each sized by its count."
        )

    # Organisations too many to read: the most linked stay, the rest are grouped per class and area.
    org_groups = group_organisations(vg, orgs, links, organisations)
    if org_groups.groups:
        notes.append(org_groups.note())
    orgs = org_groups.singles
    # Still too many to draw: keep the most linked, roll the others of each class into one node.
    rolled: dict[str, np.ndarray] = {}
    budget = max_nodes - household_nodes - len(places) - len(org_groups.groups)
    if len(orgs) > budget:
        budget -= len(set(g.classes[orgs]))
        degree = np.bincount(np.concatenate([g.src[links], g.dst[links]]), minlength=g.size)
        keep = orgs[np.argsort(-degree[orgs], kind="stable")[: max(budget, 0)]]
        for cls in sorted(set(g.classes[orgs])):
            rest = np.setdiff1d(orgs[g.classes[orgs] == cls], keep)
            if len(rest):
                rolled[cls] = rest
        orgs = keep
        notes.append(
            "Only the most linked organisations are drawn one by one; the others of each class are one node: "
            + ", ".join(f"{len(v):,} {k}" for k, v in rolled.items())
        )
    singles = np.concatenate([places, orgs] if group_of is not None else [households, places, orgs])

    props = _properties(vg, singles)
    for node in singles.tolist():
        cls = g.classes[node]
        p = props.get(node, {})
        name = p.get("name") if cls != Classes.Household else None
        item = {"id": g.ids[node], "class": cls, "label": str(name or g.ids[node]), "count": 1, "properties": p}
        if vg.status[node] >= 0:
            item["status"] = STATUSES[vg.status[node]]
            item["channels"] = int(vg.channels[node])
            if view == "household" or len(households) <= individual:
                item["chains"] = _chains(vg, node) if vg.channels[node] else []
        elif vg.channels[node] >= 0 and cls != Classes.Channel:
            item["channels"] = int(vg.channels[node])
        if vg.claimed[node] >= 0:
            traced = _hidden(int(vg.traced[node]), suppress_below)
            item["claimed"] = int(vg.claimed[node])
            item["traced"] = traced
            item["gap"] = None if traced is None else int(vg.claimed[node]) - traced
        drawn[node] = len(out)
        out.append(item)

    if group_of is not None:
        key, area = group_of
        keys, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
        names = {}
        if level is not None:
            table = g.nodes[level]
            names = dict(zip(g.rows_of(level).tolist(), table.column("id").to_pylist()))
            named = _properties(vg, np.unique(area[area >= 0]))
            names = {k: (v, named.get(k, {}).get("name") or v) for k, v in names.items()}
        first = len(out)
        for k, n in zip(keys.tolist(), counts.tolist()):
            a, s = k // len(STATUSES) - 1, STATUSES[k % len(STATUSES)]
            area_id, area_name = (
                names.get(a, (None, "—")) if a >= 0 else (None, "all areas" if level is None else "no area")
            )
            count = _hidden(n, suppress_below)
            shown = f"<{suppress_below}" if count is None else f"{n:,}"
            out.append(
                {
                    "id": f"group:{area_id or '-'}:{s}",
                    "class": Classes.Household,
                    "label": f"{area_name if level else STATUS_ZH[s]} · {shown}",
                    "group": True,
                    "count": count,
                    "status": s,
                    "area": area_id,
                    "area_name": area_name if a >= 0 else None,
                    "level": level,
                    "properties": {"households": count, "status": f"{s} {STATUS_ZH[s]}"},
                }
            )
        drawn[households] = first + inverse
    _org_group_nodes(vg, org_groups, drawn, out)
    for cls, rest in rolled.items():
        drawn[rest] = len(out)
        count = len(rest)
        out.append(
            {
                "id": f"group:{cls}:others",
                "class": cls,
                "label": f"{count:,} other {cls}",
                "group": True,
                "count": count,
                "properties": {"nodes": count},
            }
        )

    merged = _merge(vg, links, drawn, out)
    limit = LINKS_PER_NODE * max_nodes
    if len(merged) > limit:  # a page this dense is unreadable and slow to draw: keep the heaviest links
        order = sorted(range(len(merged)), key=lambda i: (-merged[i]["count"], i))[:limit]
        notes.append(
            f"The {limit:,} heaviest of {len(merged):,} merged links are drawn (by how many links each merges)."
        )
        merged = [merged[i] for i in sorted(order)]
    total = len(households)
    return {
        "view": view,
        "title": title,
        "subject": subject,
        "as_of": vg.as_of.isoformat() if vg.as_of else None,
        "mechanisms": vg.mechanisms,
        "suppress_below": suppress_below,
        "households": _hidden(total, suppress_below),
        "statuses": {
            s: _hidden(int((vg.status[households] == i).sum()), suppress_below) for i, s in enumerate(STATUSES)
        },
        "grouped_by": ("status" if level is None else level) if group_of is not None else None,
        "nodes": out,
        "links": merged,
        "notes": notes,
    }


def _org_group_nodes(vg: ViewGraph, found: OrgGroups, drawn: np.ndarray, out: list[dict]) -> None:
    """One node per group of organisations (see :mod:`lianjie.queries.orggroups`), appended to ``out``."""
    g, onto = vg.graph, vg.store.onto
    places = np.array(sorted({a for _, a in found.groups if a >= 0}), dtype=np.int64)
    named = _properties(vg, places) if len(places) else {}
    for (cls, a), members in found.groups.items():
        area_id = g.ids[a] if a >= 0 else None
        area_name = (named.get(a, {}).get("name") or area_id) if a >= 0 else None
        count = len(members)
        where = area_name or ("no area" if found.level else onto.classes[cls].label_zh)
        drawn[members] = len(out)
        out.append(
            {
                "id": f"group:{cls}:{area_id or '-'}",
                "class": cls,
                "label": f"{where} · {count:,}",
                "group": True,
                "count": count,
                "area": area_id,
                "area_name": area_name,
                "level": found.level,
                "properties": {"nodes": count, "class": cls, "area": area_name or where},
            }
        )


def _merge(vg: ViewGraph, links: np.ndarray, drawn: np.ndarray, nodes: list[dict]) -> list[dict]:
    """One link per pair of drawn nodes and direction: counts per type, total amount, mechanisms, provenance."""
    g, onto = vg.graph, vg.store.onto
    keep = links & (drawn[g.src] >= 0) & (drawn[g.dst] >= 0) & (drawn[g.src] != drawn[g.dst])
    index = np.flatnonzero(keep)
    if not len(index):
        return []
    a, b = drawn[g.src[index]], drawn[g.dst[index]]
    table = g.link_table.take(pa.array(index))
    kinds = pc.dictionary_encode(table.column("type")).combine_chunks()
    kind_names = kinds.dictionary.cast(pa.string()).to_pylist()
    codes = kinds.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    # one sort: links grouped by (pair, type); pairs are then runs of consecutive groups
    key = (a * len(nodes) + b) * len(kind_names) + codes
    groups, inverse, type_counts = np.unique(key, return_inverse=True, return_counts=True)
    pair, group_pair = np.unique(groups // len(kind_names), return_inverse=True)
    inverse = group_pair[inverse]
    amount = None
    if "amount" in table.column_names:
        amount = pc.fill_null(table.column("amount").cast(pa.float64()), np.nan).to_numpy(zero_copy_only=False)
    counts = np.bincount(inverse, minlength=len(pair))
    totals = np.bincount(inverse, weights=np.nan_to_num(amount), minlength=len(pair)) if amount is not None else None
    has_amount = np.bincount(inverse, weights=~np.isnan(amount), minlength=len(pair)) if amount is not None else None
    types: list[dict[str, int]] = [dict() for _ in pair]
    for p, k, n in zip(group_pair.tolist(), (groups % len(kind_names)).tolist(), type_counts.tolist()):
        types[p][kind_names[k]] = n
    detail: list[dict] = [{"mechanisms": set(), "provenance": []} for _ in pair]
    small = len(index) <= 200_000
    columns = [c for c in ("mechanism", "source_doc", "quote", "evidence") if c in table.column_names]
    if small and columns:
        rows = table.select(columns).to_pylist()
        for i, row in zip(inverse.tolist(), rows):
            d = detail[i]
            if row.get("mechanism"):
                d["mechanisms"].add(row["mechanism"])
            if row.get("quote") and len(d["provenance"]) < 3:
                d["provenance"].append({k: row.get(k) for k in ("source_doc", "quote", "evidence") if row.get(k)})
    out = []
    for i, p in enumerate(pair.tolist()):
        family = "market" if any(onto.link_types[t].is_market for t in types[i]) else "support"
        item = {
            "source": nodes[p // len(nodes)]["id"],
            "target": nodes[p % len(nodes)]["id"],
            "family": family,
            "types": types[i],
            "count": int(counts[i]),
        }
        if totals is not None and has_amount[i]:
            item["amount"] = round(float(totals[i]), 2)
        if detail[i]["mechanisms"]:
            item["mechanisms"] = sorted(detail[i]["mechanisms"])
        if detail[i]["provenance"]:
            item["provenance"] = detail[i]["provenance"]
        out.append(item)
    return out


__all__ = ["FRAGILE", "NOT_POOR", "UNCOVERED", "MAX_NODES", "assemble", "areas"]
