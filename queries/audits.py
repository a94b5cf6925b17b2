"""The audit: uncovered and fragile registered-poor households, coverage, and every claim against its trace.

Worked out per strongly connected component of the market-link graph, each weighed by its
households, so that no row per household is made but the counts (see :func:`traces`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

import numpy as np

from ..graph.store import Store
from ..ontology.terms import Classes, Props
from .engine import LinkGraph
from .traced import audit_graph, claim_rows, read_claimants, read_rosters, sorted_ids, traces


def _monitored(graph: LinkGraph) -> np.ndarray:
    """A mask of monitored households (监测户), parallel to :meth:`LinkGraph.households`."""
    return graph.flagged(Classes.Household, Props.monitored)[graph.rows_of(Classes.Household)]


def audit(
    store: Store,
    as_of: dt.date | None = None,
    mechanisms: Iterable[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Uncovered and fragile registered-poor households, coverage, and every claim against its trace.

    ``progress`` is told, in words, what stage the work is at.

    Returns
    -------
    ``uncovered_poor`` and ``single_channel_poor`` (household ids), ``claims``
    (``id``, ``name``, ``type``, ``claimed``, ``traced``, ``traced_poor``, ``gap``, and for a
    claim made by a roster ``claimed_from`` = ``"roster"`` and ``claimed_not_traced``, the
    roster's households with no market path to the claimant; see :func:`claims`), the totals
    ``households``, ``poor_households``, ``covered_poor`` and ``coverage_rate``, and beside
    the poor the monitored households (监测户): ``monitored_households``, ``covered_monitored``
    and ``uncovered_monitored`` (ids).

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> store = toy_store()
    >>> result = audit(store)
    >>> result["poor_households"], result["covered_poor"], result["coverage_rate"]
    (5, 4, 0.8)
    >>> result["uncovered_poor"], result["single_channel_poor"]
    (['h5'], ['h6'])
    """
    say = progress or (lambda message: None)
    say(f"reading market links from {store.describe()}")
    graph = audit_graph(store, as_of, mechanisms=mechanisms, claims=True)
    rows, poor = graph.households()
    monitored = _monitored(graph)
    rosters = read_rosters(store)
    channels, claimants = graph.rows_of(Classes.Channel), read_claimants(store, graph, rosters)
    say(
        f"tracing {len(rows):,} households over {len(graph.src):,} links "
        f"to {len(channels):,} channels and {len(claimants):,} claimants"
    )
    traced, traced_poor, counts, by_claimant = traces(graph, channels, claimants, rows, poor, bool(rosters))
    n_poor = int(poor.sum())
    covered = int((poor & (counts > 0)).sum())
    return {
        "as_of": as_of.isoformat() if as_of else None,
        "mechanisms": sorted(mechanisms) if mechanisms is not None else None,
        "households": len(rows),
        "poor_households": n_poor,
        "covered_poor": covered,
        "coverage_rate": round(covered / n_poor, 4) if n_poor else None,
        "uncovered_poor": sorted_ids(graph, poor & (counts == 0)),
        "single_channel_poor": sorted_ids(graph, poor & (counts == 1)),
        "monitored_households": int(monitored.sum()),
        "covered_monitored": int((monitored & (counts > 0)).sum()),
        "uncovered_monitored": sorted_ids(graph, monitored & (counts == 0)),
        "claims": claim_rows(graph, claimants, traced, traced_poor, by_claimant, rosters),
    }
