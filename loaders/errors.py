"""Kept for code that imports errors from here; they live in :mod:`lianjie.base.errors`."""

from __future__ import annotations

from ..base.errors import DEFAULT_CAP, DatasetError, LianjieError, Problem, Problems

__all__ = ["DEFAULT_CAP", "DatasetError", "LianjieError", "Problem", "Problems"]
