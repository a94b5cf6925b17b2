"""Valid rows cut into the store-ready tables of a :class:`~lianjie.base.dataset.Dataset`."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from ..base.arrow import first_of_each, row_identity
from ..base.dataset import EXTRA, link_schema, node_schema
from ..ontology import Ontology
from .arrays import groups, pick, shape


def node_batches(onto: Ontology, nodes: pa.Table, classes: pa.Array) -> dict[str, pa.Table]:
    """Node rows grouped by class, each shaped as that class's stored table."""
    by_class = groups(classes)
    out: dict[str, pa.Table] = {}
    for cls in sorted(by_class):
        schema = node_schema(onto, cls)
        wanted_columns = [n for n, _ in schema if n in nodes.column_names]
        out[cls] = shape(pick(nodes.select(wanted_columns), by_class[cls]), schema)
    return out


def link_batches(
    onto: Ontology, frames: list[pa.Table], distinct: bool = True
) -> dict[tuple[str, str, str], pa.Table]:
    """Links grouped by (type, source class, target class), identical ones dropped (the first kept).

    With ``distinct`` false identical links are kept: the caller drops them (a load in chunks
    drops them across all chunks at once).
    """
    columns = [("source", "string"), ("target", "string"), ("type", "string")]
    columns += [("source_class", "string"), ("target_class", "string")]
    columns += [(p.name, p.kind) for p in onto.stored_link_properties] + [(EXTRA, "string")]
    links = pa.concat_tables([shape(f, columns) for f in frames])
    schema = [name for name, _ in link_schema(onto)]
    if distinct:
        first = first_of_each(row_identity(links.select(["type", *schema])))
    else:
        first = np.ones(links.num_rows, bool)
    ends = links.select(["type", "source_class", "target_class"])
    triple = row_identity(ends)
    names = ends.take(np.flatnonzero(first_of_each(triple))).to_pylist()
    out: dict[tuple[str, str, str], pa.Table] = {}
    stored = links.select(schema)
    for code, name in sorted(enumerate(names), key=lambda item: tuple(item[1].values())):
        rows = np.flatnonzero((triple == code) & first)  # never empty: a triple's first row is kept
        if rows[-1] - rows[0] + 1 == len(rows):
            rows = slice(rows[0], rows[-1] + 1)
        out[(name["type"], name["source_class"], name["target_class"])] = pick(stored, rows).combine_chunks()
    return out
