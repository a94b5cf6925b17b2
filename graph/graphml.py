"""Hand a store, or part of it, to networkx for custom analysis; write it as GraphML."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .store import Store

if TYPE_CHECKING:
    import networkx as nx


def to_networkx(
    store: Store,
    link_types: Iterable[str] | None = None,
    as_of: dt.date | None = None,
    node_ids: Iterable[str] | None = None,
) -> nx.MultiDiGraph:
    """The store as a ``networkx.MultiDiGraph``: parallel links stay separate edges.

    Nodes carry ``type`` (their class) and their stored properties; edges carry ``type``
    and the link properties. ``link_types`` defaults to every type; ``node_ids``
    keeps only those nodes (e.g. the households a channel reaches, and the chain between).

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> store = toy_store()
    >>> import networkx as nx
    >>> g = to_networkx(store, link_types=store.onto.market_link_types)
    >>> g.number_of_nodes(), g.number_of_edges()
    (14, 11)
    >>> nx.has_path(g, "h3", "ch1")
    True
    """
    import networkx as nx

    onto = store.onto
    keep = set(node_ids) if node_ids is not None else None
    graph = nx.MultiDiGraph()
    for cls in sorted(onto.classes):
        columns = [p.name for p in onto.stored_node_properties(cls)]
        frame = store.nodes(cls, columns)
        for rec in frame.to_dict("records"):
            if keep is not None and rec["id"] not in keep:
                continue
            attrs = {k: v for k, v in rec.items() if k != "id" and v is not None and v == v}
            graph.add_node(rec["id"], type=cls, **attrs)
    columns = ["key", *(p.name for p in onto.stored_link_properties)]
    links = store.links(sorted(link_types) if link_types is not None else onto.link_types, columns, as_of=as_of)
    for rec in links.to_dict("records"):
        if rec["source"] not in graph or rec["target"] not in graph:
            continue
        attrs = {k: v for k, v in rec.items() if k not in ("source", "target") and v is not None and v == v}
        graph.add_edge(rec["source"], rec["target"], key=attrs.pop("key"), **attrs)
    return graph


def write_graphml(store: Store, out: Path) -> list[str]:
    """The ``graphml`` export format: :func:`to_networkx` written to the file ``out``.

    GraphML holds text, numbers and booleans; dates and other values are written as text.
    """
    import networkx as nx

    g = to_networkx(store)
    for _, data in g.nodes(data=True):
        data.update({k: str(v) for k, v in data.items() if not isinstance(v, (str, int, float, bool))})
    for _, _, data in g.edges(data=True):
        data.update({k: str(v) for k, v in data.items() if not isinstance(v, (str, int, float, bool))})
    out.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(g, out)
    return [f"wrote {g.number_of_nodes():,} nodes and {g.number_of_edges():,} links to {out}"]
