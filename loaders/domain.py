"""Domain rules the loader applies to valid data before it is stored."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from ..ontology import Ontology
from ..ontology.terms import Classes, Props
from .arrays import stored_column, strings


def imply_poor(onto: Ontology, nodes: pa.Table, classes: pa.Array) -> pa.Table:
    """A household whose ``poor`` is blank is registered poor when its status implies it.

    The statuses that do are marked ``lj:impliesPoor`` in the ontology (贫困户 and 脱贫户).

    ``poor`` holds only on households; other classes get null.
    """
    if Props.poor not in onto.properties or Classes.Household not in onto.classes:
        return nodes
    households = pc.equal(classes, Classes.Household)
    poor = stored_column(nodes, Props.poor, "boolean")
    implied = pc.is_in(stored_column(nodes, Props.status, "string"), value_set=strings(onto.poor_statuses))
    poor = pc.if_else(households, pc.coalesce(poor, implied), pa.scalar(None, pa.bool_()))
    nodes = nodes.drop_columns([Props.poor]) if Props.poor in nodes.column_names else nodes
    return nodes.append_column(Props.poor, poor)
