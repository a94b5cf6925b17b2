"""Hand a store, or part of it, to networkx for custom analysis (see :mod:`lianjie.graph.graphml`)."""

from __future__ import annotations

from ..graph.graphml import to_networkx

__all__ = ["to_networkx"]
