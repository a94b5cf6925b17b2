"""Analytics over a store, as plain functions returning plain data."""

from .paths import paths
from .reach import audit, channels_per_household, claims, fragile, reach, reach_matrix, uncovered

__all__ = ["audit", "channels_per_household", "claims", "fragile", "paths", "reach", "reach_matrix", "uncovered"]
