"""The ground floor: errors, the :class:`Dataset` write contract and the value kinds.

Nothing here imports any other part of lianjie, so every other part may import it.
"""

from __future__ import annotations

from .errors import DatasetError, LianjieError, Problem, Problems, ReadOnlyError, StoreError

__all__ = ["DatasetError", "LianjieError", "Problem", "Problems", "ReadOnlyError", "StoreError"]
