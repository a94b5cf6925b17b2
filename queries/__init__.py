"""Analytics over a store, as plain functions returning plain data."""

from .audits import audit
from .coverage import concentration, coverage, overlap, support_only
from .export import to_networkx
from .named import named_queries, run_named
from .paths import paths
from .reach import channels_per_household, claims, fragile, reach, reach_matrix, uncovered

__all__ = [
    "audit",
    "channels_per_household",
    "claims",
    "concentration",
    "coverage",
    "fragile",
    "named_queries",
    "overlap",
    "paths",
    "reach",
    "reach_matrix",
    "run_named",
    "support_only",
    "to_networkx",
    "uncovered",
]
