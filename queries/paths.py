"""Path evidence: the chains of market links that join a household to each channel."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import numpy as np
import pyarrow as pa
from scipy.sparse.csgraph import breadth_first_order

from ..base.errors import LianjieError
from ..graph.store import Store
from ..loaders.privacy import Pseudonymiser, check_key, damaged_id_number, key_source, looks_personal
from ..loaders.readings import normalise_id
from ..ontology.terms import Classes
from .engine import link_graph, reach_sets

_LINK_DETAIL = ("mechanism", "amount", "quantity", "unit", "source_doc")


def _not_found_by_pseudonym(pseudonym: str, damaged: str | None, store: Store) -> str:
    """Why a household given by its ID or phone number was not found, never repeating the number."""
    why = (
        f"the number given is {damaged}, so no household was loaded under it"
        if damaged
        else (
            "no household was loaded under that number with this key: it was loaded under another id "
            "(户编号), or the store was loaded with another key"
        )
    )
    return (
        f"no household with id {pseudonym!r} in {store.describe()}: the id given is an ID or phone number, "
        f"so lianjie looked for its pseudonym {pseudonym!r} (made with {key_source()}); {why}"
    )


def paths(
    store: Store,
    household: str,
    as_of: dt.date | None = None,
    max_chains: int = 20,
    max_steps: int = 200_000,
) -> list[dict]:
    """Every channel a household reaches, with the chains that join them.

    A chain is a list of hops ``{"from", "to", "links": [...]}``; parallel links
    between the same two nodes (two deliveries) are listed together in one hop.
    Only simple paths (no node twice) are listed, at most ``max_chains`` per channel;
    ``truncated`` says when more exist, or when the search stopped after
    ``max_steps`` extensions (dense graphs have very many simple paths).

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> store = toy_store()
    >>> found = paths(store, "h1")
    >>> [(item["channel"], len(item["chains"])) for item in found]
    [('ch1', 1), ('ch2', 1)]
    >>> [hop["to"] for hop in found[1]["chains"][0]]
    ['c1', 'e1', 'ch2']
    >>> [link["amount"] for link in found[0]["chains"][0][0]["links"]]  # two deliveries, one hop
    [1000.0, 2500.0]
    """
    household_given = household = normalise_id(household)
    looked_for = None
    if looks_personal(household):
        pseudonymise = Pseudonymiser(create_key=False)  # a read never makes a key: it would be the wrong one
        check_key(store, pseudonymise)
        looked_for = household = pseudonymise(household)
    graph = link_graph(store, None, as_of, _LINK_DETAIL)
    start = graph.index_of([household])[0]
    if start < 0 or graph.classes[start] != Classes.Household:
        if looked_for is None:
            raise LianjieError(f"no household with id {household!r} in {store.describe()}")
        raise LianjieError(_not_found_by_pseudonym(looked_for, damaged_id_number(household_given), store))
    channels = graph.of_class(Classes.Channel)
    useful = np.diff(reach_sets(graph, channels).indptr) > 0
    channel_bit = {int(c): j for j, c in enumerate(channels)}

    # Only links on some path from this household to a channel can be in a chain.
    onward = np.zeros(graph.size, dtype=bool)
    onward[breadth_first_order(graph.adjacency, start, return_predecessors=False)] = True
    keep = onward[graph.src] & useful[graph.dst]
    hops: dict[tuple[int, int], list[dict]] = defaultdict(list)
    succ: dict[int, list[int]] = defaultdict(list)
    records = graph.link_table.filter(pa.array(keep)).to_pylist()
    for s, d, rec in zip(graph.src[keep].tolist(), graph.dst[keep].tolist(), records):
        if (s, d) not in hops:
            succ[s].append(d)
        detail = {"type": rec["type"]}
        for key in _LINK_DETAIL:
            value = rec.get(key)
            if value is not None and value == value:
                detail[key] = value
        hops[(s, d)].append(detail)

    found: dict[int, list[list[int]]] = defaultdict(list)
    truncated: set[int] = set()
    stack = [(start, [start])]
    steps = 0
    while stack:
        steps += 1
        if steps > max_steps:
            truncated.update(channel_bit)
            break
        node, trail = stack.pop()
        for nxt in sorted(succ.get(node, ()), reverse=True):
            if nxt in trail:
                continue
            path = trail + [nxt]
            if nxt in channel_bit:
                if len(found[nxt]) < max_chains:
                    found[nxt].append(path)
                else:
                    truncated.add(nxt)
            stack.append((nxt, path))

    out = []
    for c in sorted(found, key=lambda c: graph.ids[c]):
        chains = []
        for path in sorted(found[c], key=lambda p: (len(p), [graph.ids[i] for i in p])):
            chains.append(
                [
                    {
                        "from": graph.ids[a],
                        "from_type": graph.classes[a],
                        "to": graph.ids[b],
                        "to_type": graph.classes[b],
                        "links": hops[(a, b)],
                    }
                    for a, b in zip(path, path[1:])
                ]
            )
        out.append({"channel": graph.ids[c], "chains": chains, "truncated": c in truncated})
    names = store.nodes(Classes.Channel, ["name"]).set_index("id")["name"].to_dict()
    for item in out:
        item["name"] = names.get(item["channel"])
    return out
