"""What reach and the audit read and count: the market-link graph, and claims against traces.

:func:`audit_graph` reads the market-link graph with the node columns reach and the audit
need; :func:`read_claimants`, :func:`read_rosters`, :func:`traces` and :func:`claim_rows` set each
organisation's claim against the households traced to it (DOMAIN.md's claimed-vs-traced).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from scipy import sparse

from ..graph.store import Store
from ..ontology.terms import Classes, Props
from .engine import LinkGraph, link_graph, reach_components

_READ = {Classes.Household: [Props.poor], Classes.Channel: [Props.name, Props.kind]}


def audit_graph(
    store: Store,
    as_of: dt.date | None = None,
    link_types: Iterable[str] | None = None,
    mechanisms: Iterable[str] | None = None,
    claims: bool = False,
) -> LinkGraph:
    """The market-link graph with what reach and audits read of households, channels (and claimants)."""
    columns = dict(_READ)
    if "monitored" in store.onto.properties:
        columns[Classes.Household] = [*columns[Classes.Household], "monitored"]
    if claims:
        for cls in claimant_classes(store):
            columns[cls] = list(dict.fromkeys([*columns.get(cls, []), Props.name, Props.claimed_households]))
    return link_graph(store, link_types, as_of, mechanisms=mechanisms, node_columns=columns)


def claimant_classes(store: Store) -> list[str]:
    """The classes whose nodes may carry a claim (``claimed_households``), sorted."""
    prop = store.onto.properties.get(Props.claimed_households)
    return sorted(prop.on_nodes) if prop is not None else []


def sorted_ids(graph: LinkGraph, mask: np.ndarray) -> list[str]:
    """Ids of the households ``mask`` picks (parallel to :meth:`LinkGraph.households`), sorted.

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> graph = audit_graph(toy_store())
    >>> rows, poor = graph.households()
    >>> sorted_ids(graph, ~poor)
    ['h4']
    """
    ids = graph.nodes[Classes.Household].column("id").filter(pa.array(mask))
    return ids.take(pc.sort_indices(ids)).to_pylist()


def traces(
    graph: LinkGraph, channels: np.ndarray, claimants: list[dict], rows: np.ndarray, poor: np.ndarray, who: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray, sparse.csc_array | None]:
    """Households (and poor ones) reaching each claimant, channels reaching each household, and who reaches whom.

    Worked out per component of the graph (its nodes reach the same), each weighed by its
    households: no row per household is made unless ``who`` (rosters) asks for one.
    """
    k = len(channels)
    component, matrix = reach_components(graph, np.concatenate([channels, _nodes(claimants)]))
    at, n = component[rows], matrix.shape[0]
    row = np.repeat(np.arange(n, dtype=np.int64), np.diff(matrix.indptr))
    channel = matrix.indices < k
    counts = np.bincount(row[channel], minlength=n)[at]
    row, column = row[~channel], matrix.indices[~channel] - k
    traced, traced_poor = (
        np.bincount(column, weights=np.bincount(at[mask], minlength=n)[row], minlength=len(claimants)).astype(np.int64)
        for mask in (slice(None), poor)
    )
    by_claimant = matrix[at][:, k:].tocsc() if who else None
    return traced, traced_poor, counts, by_claimant


def _nodes(records: list[dict]) -> np.ndarray:
    return np.array([r["node"] for r in records], dtype=np.int64)


def read_rosters(store: Store) -> dict[str, list[str]]:
    """The households each organisation's roster (CLAIMS links) names, sorted, by organisation id."""
    if "CLAIMS" not in store.onto.link_types:
        return {}
    if store.integer_ends and not store.link_rows(["CLAIMS"]).num_rows:  # no need to read ids
        return {}
    frame = store.links(["CLAIMS"])
    out: dict[str, set[str]] = {}
    for source, target in zip(frame["source"], frame["target"]):
        out.setdefault(str(source), set()).add(str(target))
    return {org: sorted(households) for org, households in out.items()}


def read_claimants(store: Store, graph: LinkGraph, rosters: dict[str, list[str]] | None = None) -> list[dict]:
    """Nodes carrying a claim or a roster (``node``, ``id``, ``name``, ``claimed_households``, ``type``), by id."""
    rosters = rosters or {}
    out = []
    for cls in claimant_classes(store):
        out += [
            {**r, "type": cls}
            for r in graph.records(cls)
            if r[Props.claimed_households] is not None or r["id"] in rosters
        ]
    return sorted(out, key=lambda r: r["id"])


def claim_rows(
    graph: LinkGraph,
    claimants: list[dict],
    traced: np.ndarray,
    traced_poor: np.ndarray,
    by_claimant: sparse.csc_array | None,
    rosters: dict[str, list[str]] | None = None,
) -> list[dict]:
    """Claims against traces: households (and poor ones) reaching each claimant; by claimant, who, for rosters."""
    rosters = rosters or {}
    household_ids = graph.nodes[Classes.Household].column("id") if rosters else None
    out = []
    for j, c in enumerate(claimants):
        roster = rosters.get(c["id"])
        claimed = len(roster) if roster is not None else int(c[Props.claimed_households])
        row = {
            "id": c["id"],
            "name": c["name"],
            "type": c["type"],
            "claimed": claimed,
            "traced": int(traced[j]),
            "traced_poor": int(traced_poor[j]),
            "gap": claimed - int(traced[j]),
        }
        if roster is not None:
            reached = by_claimant.indices[by_claimant.indptr[j] : by_claimant.indptr[j + 1]]
            found = set(household_ids.take(pa.array(reached, pa.int64())).to_pylist())
            row["claimed_from"] = "roster"
            row["claimed_not_traced"] = [h for h in roster if h not in found]
            if c[Props.claimed_households] is not None:
                row["claimed_declared"] = int(c[Props.claimed_households])
        out.append(row)
    return out
