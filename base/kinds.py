"""The ontology's value kinds and how each is held in Arrow.

Every kind a property may have (``string``, ``integer``, ``double``, ``boolean``, ``date``)
is a key of :data:`ARROW_TYPES`; the stores and the loader take their Arrow types from here.
"""

from __future__ import annotations

import pyarrow as pa

#: How each of the ontology's value kinds is held in a :class:`~lianjie.base.dataset.Dataset` (and stored).
ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "integer": pa.int64(),
    "double": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
}

__all__ = ["ARROW_TYPES"]
