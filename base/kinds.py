"""The ontology's value kinds, and every form each takes: one table for all of them.

A property of the ontology has one of five kinds (``string``, ``integer``, ``double``,
``boolean``, ``date``). Each row of :data:`KINDS` says how that kind is held in Arrow
(:class:`~lianjie.base.dataset.Dataset` tables), stored in LadybugDB, written in a
``neo4j-admin`` import header, typed in RDF (XSD) and described to a user whose cell
was refused. Adding a kind is one row here; every store, writer and the loader read it.

Examples
--------
>>> KINDS["date"].ladybug, KINDS["date"].neo4j_admin, KINDS["date"].xsd
('DATE', ':date', 'date')
>>> kind_of_xsd("decimal")
'double'
>>> sorted(KINDS) == sorted(VALUE_KINDS)
True
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa


@dataclass(frozen=True)
class ValueKind:
    """One value kind and its form in every target.

    Parameters
    ----------
    name : the kind, as the ontology's ``rdfs:range`` maps to it.
    arrow : the Arrow type of a column of this kind in a Dataset (and as read back).
    ladybug : the LadybugDB column type.
    neo4j_admin : the suffix of a ``neo4j-admin`` CSV header (``amount:double``); ``""`` for text.
    xsd : the XSD datatype's local name: the ontology's range, and the datatype of RDF literals
        (text is written as a plain literal).
    xsd_also : other XSD datatypes the ontology may give as range for this kind.
    expected : what a cell of this kind should look like, for a refused cell's message.
    """

    name: str
    arrow: pa.DataType
    ladybug: str
    neo4j_admin: str
    xsd: str
    xsd_also: tuple[str, ...] = ()
    expected: str = ""


KINDS: dict[str, ValueKind] = {
    k.name: k
    for k in (
        ValueKind("string", pa.string(), "STRING", "", "string", expected="text"),
        ValueKind(
            "integer", pa.int64(), "INT64", ":long", "integer", expected="a whole number, e.g. 1435, 1,435 or 50户"
        ),
        ValueKind(
            "double",
            pa.float64(),
            "DOUBLE",
            ":double",
            "double",
            xsd_also=("decimal",),
            expected="a number, e.g. 1500000, 12.5, 3000元 or 1.2万",
        ),
        ValueKind("boolean", pa.bool_(), "BOOLEAN", ":boolean", "boolean", expected="true/false, 1/0 or 是/否"),
        ValueKind(
            "date",
            pa.date32(),
            "DATE",
            ":date",
            "date",
            expected="a date such as 2019-06-30, 2019/6/30 or 2019年6月30日",
        ),
    )
}

#: The kinds' names, in table order.
VALUE_KINDS: tuple[str, ...] = tuple(KINDS)

#: How each of the ontology's value kinds is held in a :class:`~lianjie.base.dataset.Dataset` (and stored).
ARROW_TYPES: dict[str, pa.DataType] = {k.name: k.arrow for k in KINDS.values()}


def kind_of_xsd(local_name: str) -> str | None:
    """The value kind of an XSD datatype (by local name), ``None`` if no kind takes it."""
    for k in KINDS.values():
        if local_name == k.xsd or local_name in k.xsd_also:
            return k.name
    return None


__all__ = ["ARROW_TYPES", "KINDS", "VALUE_KINDS", "ValueKind", "kind_of_xsd"]
