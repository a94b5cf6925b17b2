"""Domain rules the loader applies to valid data before it is stored."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from ..ontology import Ontology
from .arrays import stored_column, strings


def imply_poor(onto: Ontology, nodes: pa.Table, classes: pa.Array) -> pa.Table:
    """A household whose ``poor`` is blank is registered poor when its status is poor or lifted (脱贫户).

    ``poor`` holds only on households; other classes get null.
    """
    if "poor" not in onto.properties or "Household" not in onto.classes:
        return nodes
    households = pc.equal(classes, "Household")
    poor = stored_column(nodes, "poor", "boolean")
    implied = pc.is_in(stored_column(nodes, "status", "string"), value_set=strings(["poor", "lifted"]))
    poor = pc.if_else(households, pc.coalesce(poor, implied), pa.scalar(None, pa.bool_()))
    nodes = nodes.drop_columns(["poor"]) if "poor" in nodes.column_names else nodes
    return nodes.append_column("poor", poor)
