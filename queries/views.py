"""Views of the graph to draw, as plain data: which nodes, which merged links, with what numbers.

Every view picks a set of nodes and links from :func:`~lianjie.queries.viewgraph.view_graph`
and hands them to :func:`~lianjie.queries.rollup.assemble`, which rolls households up per
area and audit status when they are many, merges parallel links and reads the properties
of the nodes drawn. A view is a dict with ``view``, ``title``, ``subject``, ``nodes``,
``links``, ``notes`` and the totals; :mod:`lianjie.render` draws it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np

from ..base.errors import LianjieError
from ..graph.store import Store
from ..ontology.terms import Classes, Links
from .orggroups import ORGANISATIONS
from .rollup import INDIVIDUAL, MAX_NODES, assemble
from .viewgraph import NOT_DRAWN, ViewGraph, view_graph

#: Classes the overview leaves to the other views: statistics, products, brands and named models.
OVERVIEW_SKIPS = (*NOT_DRAWN, Classes.Product, Classes.Brand, Classes.Model)
PLACES = (Classes.Village, Classes.Town, Classes.County)


def _read(store: Store, as_of: dt.date | None, mechanisms: Iterable[str] | None) -> ViewGraph:
    return view_graph(store, as_of, mechanisms)


def _node(vg: ViewGraph, ident: str, classes: Iterable[str] | None = None, what: str = "node") -> int:
    found = vg.find(ident)
    if found < 0 or (classes is not None and vg.graph.classes[found] not in set(classes)):
        raise LianjieError(f"no {what} with id {ident!r} in {vg.store.describe()}")
    return found


def _among(vg: ViewGraph, nodes: np.ndarray, links: np.ndarray | None = None) -> np.ndarray:
    """The links (of the ``links`` mask) with both ends in ``nodes``."""
    inside = np.zeros(vg.graph.size, dtype=bool)
    inside[nodes] = True
    mask = inside[vg.graph.src] & inside[vg.graph.dst]
    return mask if links is None else mask & links


def overview(
    store: Store,
    as_of: dt.date | None = None,
    mechanisms: Iterable[str] | None = None,
    max_nodes: int = MAX_NODES,
    suppress_below: int = 0,
    vg: ViewGraph | None = None,
    individual: int = INDIVIDUAL,
    organisations: int = ORGANISATIONS,
) -> dict:
    """The whole store, readable at any size: households rolled up per area and status when many.

    Channels and places are drawn one by one; organisations too, up to ``organisations`` of
    them, past which the most linked stay and the others become one node per class and area
    (see :mod:`lianjie.queries.orggroups`); statistics, products, brands and named models are
    left to the other views.

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> store = toy_store()
    >>> view = overview(store)
    >>> sorted(view)
    ['as_of', 'grouped_by', 'households', 'links', 'mechanisms', 'nodes', 'notes', 'statuses', 'subject', \
'suppress_below', 'title', 'view']
    """
    vg = vg or _read(store, as_of, mechanisms)
    skip = np.isin(vg.graph.classes, OVERVIEW_SKIPS)
    nodes = np.flatnonzero(vg.present & ~skip)
    links = _among(vg, nodes)
    return assemble(
        vg, "overview", "Overview 总览", None, nodes, links, max_nodes, suppress_below, individual, organisations
    )


def channel_view(
    store: Store,
    channel: str,
    as_of: dt.date | None = None,
    mechanisms: Iterable[str] | None = None,
    max_nodes: int = MAX_NODES,
    suppress_below: int = 0,
    vg: ViewGraph | None = None,
    organisations: int = ORGANISATIONS,
) -> dict:
    """Everything upstream of one channel: every node with a market path to it, and those paths' links."""
    vg = vg or _read(store, as_of, mechanisms)
    target = _node(vg, channel, [Classes.Channel], "channel")
    nodes = vg.upstream(np.array([target]))
    title = f"Upstream of channel 渠道上游: {channel}"
    return assemble(
        vg,
        "channel",
        title,
        channel,
        nodes,
        _among(vg, nodes, vg.market),
        max_nodes,
        suppress_below,
        organisations=organisations,
    )


def household_view(
    store: Store,
    household: str,
    as_of: dt.date | None = None,
    mechanisms: Iterable[str] | None = None,
    suppress_below: int = 0,
    vg: ViewGraph | None = None,
) -> dict:
    """One household's chains to every channel it reaches, or, when none does, where its links dead-end.

    Its own support links (its village, its pairing) are drawn too.
    """
    vg = vg or _read(store, as_of, mechanisms)
    start = _node(vg, household, [Classes.Household], "household")
    onward = vg.downstream(np.array([start]))
    useful = onward[vg.channels[onward] > 0]
    reached = len(useful) > 0
    nodes = useful if reached else onward
    nodes = np.union1d(nodes, [start])
    links = _among(vg, nodes, vg.market)
    own = (vg.graph.src == start) | (vg.graph.dst == start)
    support = own & ~vg.market
    nodes = np.union1d(nodes, np.concatenate([vg.graph.src[support], vg.graph.dst[support]]))
    links |= support
    title = f"Household 农户 {household}: " + (
        "chains to channels 到渠道的链" if reached else "no channel reaches it 无渠道覆盖"
    )
    view = assemble(vg, "household", title, household, nodes, links, MAX_NODES, suppress_below, len(nodes), len(nodes))
    if not reached:
        view["notes"].append("No market path from this household ends at a channel; its links dead-end where drawn.")
    return view


def area_view(
    store: Store,
    area: str,
    as_of: dt.date | None = None,
    mechanisms: Iterable[str] | None = None,
    max_nodes: int = MAX_NODES,
    suppress_below: int = 0,
    vg: ViewGraph | None = None,
    organisations: int = ORGANISATIONS,
) -> dict:
    """One village, town or county: what lies in it, what links into it, and where its households' chains go."""
    vg = vg or _read(store, as_of, mechanisms)
    place = _node(vg, area, PLACES, "village, town or county")
    g = vg.graph
    located = np.asarray(g.link_table.column("type").cast("string").to_numpy(zero_copy_only=False) == Links.LOCATED_IN)
    inside = np.zeros(g.size, dtype=bool)
    inside[place] = True
    while True:  # follow LOCATED_IN downward: households in villages in towns in the county
        step = located & inside[g.dst] & ~inside[g.src]
        if not step.any():
            break
        inside[g.src[step]] = True
    members = np.flatnonzero(inside)
    near = vg.neighbours(members, ~located)
    households = members[vg.is_class(members, Classes.Household)]
    onward = vg.downstream(households)
    chains = onward[vg.channels[onward] > 0]
    nodes = np.unique(np.concatenate([members, near, chains]))
    nodes = nodes[~np.isin(g.classes[nodes], NOT_DRAWN)]
    links = _among(vg, nodes)
    # only the area's own places: links to places outside it would pull the map in
    outside_place = np.isin(g.classes[nodes], PLACES) & ~inside[nodes]
    links &= ~np.isin(g.dst, nodes[outside_place]) | ~located
    title = f"Area 地区 {area}"
    return assemble(vg, "area", title, area, nodes, links, max_nodes, suppress_below, organisations=organisations)


def around_view(
    store: Store,
    node: str,
    depth: int = 1,
    as_of: dt.date | None = None,
    mechanisms: Iterable[str] | None = None,
    max_nodes: int = MAX_NODES,
    suppress_below: int = 0,
    vg: ViewGraph | None = None,
    organisations: int = ORGANISATIONS,
) -> dict:
    """The neighbourhood of any node: every node within ``depth`` links of it, either way, of any family."""
    if depth < 1:
        raise LianjieError("--depth must be 1 or more")
    vg = vg or _read(store, as_of, mechanisms)
    centre = _node(vg, node)
    nodes = np.array([centre])
    for _ in range(depth):
        nodes = np.union1d(nodes, vg.neighbours(nodes))
    title = f"Around 周边 {node} (depth {depth})"
    return assemble(
        vg, "around", title, node, nodes, _among(vg, nodes), max_nodes, suppress_below, organisations=organisations
    )


def model_view(
    store: Store,
    model: str,
    as_of: dt.date | None = None,
    mechanisms: Iterable[str] | None = None,
    max_nodes: int = MAX_NODES,
    suppress_below: int = 0,
    vg: ViewGraph | None = None,
    organisations: int = ORGANISATIONS,
) -> dict:
    """The instances of one named model (模式): their organisations, the households attached, the ties."""
    from .models import MODELS, model_instances

    names = [m.name for m in MODELS]
    if model not in names:
        raise LianjieError(f"no model named {model!r}; the models are: {', '.join(names)}")
    vg = vg or _read(store, as_of, mechanisms)
    found = model_instances(store, model)
    ids = sorted({i for row in found for i in [*row["roles"].values(), *row["households"]]})
    nodes = vg.graph.index_of(ids)
    nodes = nodes[nodes >= 0]
    kinds = vg.graph.link_table.column("type").cast("string").to_numpy(zero_copy_only=False)
    ties = vg.market | np.isin(kinds, [Links.LEADS, Links.SERVES])
    view = assemble(
        vg,
        "model",
        f"Model 模式 {model}",
        model,
        nodes,
        _among(vg, nodes, ties),
        max_nodes,
        suppress_below,
        organisations=organisations,
    )
    view["instances"] = len(found)
    if not found:
        view["notes"].append(
            "No instance of this model: no organisations tied as its pattern says with households attached."
        )
    return view


#: View names, for the command line.
VIEWS = ("overview", "channel", "household", "model", "area", "around")
