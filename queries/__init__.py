"""Analytics over a store, as plain functions returning plain data."""

from .named import named_queries, run_named
from .paths import paths
from .reach import audit, channels_per_household, claims, fragile, reach, reach_matrix, uncovered

__all__ = ["named_queries", "run_named", "audit", "channels_per_household", "claims", "fragile", "paths", "reach", "reach_matrix", "uncovered"]
