"""Organisations too many to read one by one: the most linked stay, the rest become one node per class and area.

An organisation's area is where it is located (LOCATED_IN, followed upward), else the area
most of the households linked to it live in. The finest level (village, town, county)
whose (class, area) groups fit the budget is used; when none fits, one node per class.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..ontology.terms import Classes, Links
from .coverage import areas_of
from .viewgraph import ViewGraph

#: Organisations (channels aside) drawn one by one at most; past this the rest are grouped.
ORGANISATIONS = 300
#: Of a grouped view, this share of the budget stays one by one: the most linked organisations.
SINGLE_SHARE = 10
LEVELS = (Classes.Village, Classes.Town, Classes.County)


@dataclass
class OrgGroups:
    """``singles`` stay one by one (channels and the ``kept`` most linked); ``groups`` maps (class,
    area integer or -1) to member integers."""

    singles: np.ndarray
    level: str | None = None
    kept: int = 0  # organisations among ``singles`` (the rest are channels)
    groups: dict[tuple[str, int], np.ndarray] = field(default_factory=dict)
    by_class: dict[str, int] = field(default_factory=dict)

    def note(self) -> str:
        grouped = sum(self.by_class.values())
        alone = self.kept
        per = f"class and {self.level.lower()}" if self.level else "class"
        where = " (where each is located, else where most of its households live)" if self.level else ""
        counts = ", ".join(f"{n:,} {cls}" for cls, n in sorted(self.by_class.items()))
        return (
            f"{alone + grouped:,} organisations are too many to read one by one: the "
            f"{alone:,} most linked are drawn, the other {grouped:,} as one node per {per}{where}, "
            f"{len(self.groups):,} nodes in all ({counts}). Open an area or channel view for their members."
        )


def _household_area(vg: ViewGraph, orgs: np.ndarray, links: np.ndarray, located, level: str) -> np.ndarray:
    """Per organisation: the area at ``level`` of most of the households linked to it directly (-1: none)."""
    g = vg.graph
    mine = np.zeros(g.size, dtype=bool)
    mine[orgs] = True
    household = vg.is_class(np.arange(g.size), Classes.Household)
    pick = links & ((household[g.src] & mine[g.dst]) | (mine[g.src] & household[g.dst]))
    org_end = np.where(mine[g.src[pick]], g.src[pick], g.dst[pick])
    hh_end = np.where(mine[g.src[pick]], g.dst[pick], g.src[pick])
    area = areas_of(located, hh_end, level)
    org_end, area = org_end[area >= 0], area[area >= 0]
    out = np.full(g.size, -1, dtype=np.int64)
    if len(org_end):
        pairs, counts = np.unique(np.stack([org_end, area], axis=1), axis=0, return_counts=True)
        order = np.lexsort((pairs[:, 1], -counts, pairs[:, 0]))  # per organisation: most households, then lowest
        first = np.unique(pairs[order, 0], return_index=True)[1]
        best = pairs[order][first]
        out[best[:, 0]] = best[:, 1]
    return out[orgs]


def group_organisations(vg: ViewGraph, orgs: np.ndarray, links: np.ndarray, limit: int = ORGANISATIONS) -> OrgGroups:
    """Keep ``orgs`` one by one when at most ``limit``; else group all but the most linked per class and area.

    Channels are not grouped here (they are what the views lead to).

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> from lianjie.queries.viewgraph import view_graph
    >>> vg = view_graph(toy_store())
    >>> orgs = vg.graph.index_of(["c1", "e1", "k1"])
    >>> every = np.ones(len(vg.graph.src), dtype=bool)
    >>> len(group_organisations(vg, orgs, every, limit=3).groups)  # three fit: none grouped
    0
    >>> found = group_organisations(vg, orgs, every, limit=2)  # three groups do not fit in two: per class
    >>> found.level, sorted(c for c, a in found.groups)
    (None, ['Cadre', 'Cooperative', 'Enterprise'])
    """
    g = vg.graph
    orgs = np.asarray(orgs, dtype=np.int64)
    channel = vg.is_class(orgs, Classes.Channel)
    if int((~channel).sum()) <= limit:
        return OrgGroups(orgs)
    candidates = orgs[~channel]
    degree = np.bincount(np.concatenate([g.src[links], g.dst[links]]), minlength=g.size)
    order = candidates[np.lexsort((candidates, -degree[candidates]))]
    keep = limit // SINGLE_SHARE
    singles, rest = np.sort(np.concatenate([orgs[channel], order[:keep]])), order[keep:]
    budget = max(limit - keep, 1)
    located = g.only([Links.LOCATED_IN])
    classes = g.classes[rest]
    chosen, area = None, np.full(len(rest), -1, dtype=np.int64)
    for level in LEVELS:
        found = areas_of(located, rest, level)
        if (found < 0).any():
            found = np.where(found < 0, _household_area(vg, rest, links, located, level), found)
        if (found < 0).all():
            continue
        if len(set(zip(classes.tolist(), found.tolist()))) <= budget:
            chosen, area = level, found
            break
    out = OrgGroups(singles, chosen, kept=min(keep, len(order)))
    for cls, a in sorted(set(zip(classes.tolist(), area.tolist()))):
        out.groups[(cls, a)] = np.sort(rest[(classes == cls) & (area == a)])
    for cls in classes.tolist():
        out.by_class[cls] = out.by_class.get(cls, 0) + 1
    return out
