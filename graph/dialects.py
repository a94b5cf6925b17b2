"""The Cypher dialects of the stores: the few words in which their Cypher differs.

Each store names its dialect (:attr:`lianjie.graph.store.Store.dialect`); queries that read
links for either store build their text from the :class:`Dialect`, and the named queries
(``queries/NAME.DIALECT.cypher``) accept a variant for every registered dialect.

Examples
--------
>>> dialect("neo4j").type_function, dialect("embedded").type_function
('type', 'label')
>>> sorted(dialect_names())
['embedded', 'neo4j']
"""

from __future__ import annotations

from dataclasses import dataclass

from ..base.plugins import Registry
from .schema import SHARED_LABEL


@dataclass(frozen=True)
class Dialect:
    """How one store's Cypher names things.

    Parameters
    ----------
    name : the dialect's name, as in ``NAME.<dialect>.cypher``.
    node_label : the label pattern that narrows any node of the graph (``":Node"``, or ``""``
        where every node table is the graph).
    type_function : the function giving a link's type (``type`` in Neo4j, ``label`` in LadybugDB).
    """

    name: str
    node_label: str = ""
    type_function: str = "type"


DIALECTS: Registry[Dialect] = Registry("Cypher dialect")


def register_dialect(d: Dialect) -> None:
    """Make a dialect known by its name."""
    DIALECTS.register(d.name, d)


def dialect(name: str) -> Dialect:
    return DIALECTS.get(name)


def dialect_names() -> list[str]:
    return DIALECTS.names()


register_dialect(Dialect("embedded", node_label="", type_function="label"))
register_dialect(Dialect("neo4j", node_label=f":{SHARED_LABEL}", type_function="type"))

__all__ = ["DIALECTS", "Dialect", "dialect", "dialect_names", "register_dialect"]
