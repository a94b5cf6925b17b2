"""Database schema derived from the ontology: embedded DDL and Neo4j constraints."""

from __future__ import annotations

from ..base.dataset import EXTRA
from ..base.kinds import KINDS
from ..ontology import Ontology, Property

#: A link's identity as a property: stored by Neo4j, worked out on reading from the embedded store.
LINK_KEY = "key"

#: Where an ontology value kind lands in the embedded database (from :data:`lianjie.base.kinds.KINDS`).
EMBEDDED_TYPES = {k.name: k.ladybug for k in KINDS.values()}
META_TABLE = "LianjieMeta"
#: The label every Neo4j node carries besides its class, for the one id constraint and lookups by id.
SHARED_LABEL = "Node"


def node_columns(onto: Ontology, class_name: str) -> list[tuple[str, str]]:
    """``(column, value kind)`` of a class's node table, in table order."""
    props: list[Property] = onto.stored_node_properties(class_name)
    return [("id", "string")] + [(p.name, p.kind) for p in props] + [(EXTRA, "string")]


def link_columns(onto: Ontology) -> list[tuple[str, str]]:
    """``(column, value kind)`` of every link table, in table order (after the two ends).

    Neo4j links also hold :data:`LINK_KEY`; the embedded store compares links whole instead
    (see :mod:`lianjie.graph.keys`).
    """
    return [(p.name, p.kind) for p in onto.stored_link_properties] + [(EXTRA, "string")]


def embedded_ddl(onto: Ontology) -> list[str]:
    """CREATE statements for LadybugDB: a node table per class, a rel table per link type."""
    statements = [f"CREATE NODE TABLE IF NOT EXISTS {META_TABLE}(key STRING PRIMARY KEY, value STRING)"]
    for cls in sorted(onto.classes):
        cols = ", ".join(
            f"`{name}` {EMBEDDED_TYPES[kind]}" + (" PRIMARY KEY" if name == "id" else "")
            for name, kind in node_columns(onto, cls)
        )
        statements.append(f"CREATE NODE TABLE IF NOT EXISTS {cls}({cols})")
    props = ", ".join(f"`{name}` {EMBEDDED_TYPES[kind]}" for name, kind in link_columns(onto))
    for name, lt in sorted(onto.link_types.items()):
        pairs = ", ".join(f"FROM {s} TO {d}" for s in sorted(lt.domain) for d in sorted(lt.range))
        statements.append(f"CREATE REL TABLE IF NOT EXISTS {name}({pairs}, {props})")
    return statements


def neo4j_constraints(onto: Ontology, shared_label: str = "Node") -> list[str]:
    """Uniqueness constraints (each backed by an index) for Neo4j: one per class, one on the shared label.

    Links get no index on ``key``: with one, the planner answers ``MERGE (a)-[e {key}]->(b)``
    by scanning that index for every row instead of expanding between the two bound ends.
    """
    out = [
        f"CREATE CONSTRAINT lianjie_{shared_label.lower()}_id IF NOT EXISTS "
        f"FOR (n:{shared_label}) REQUIRE n.id IS UNIQUE"
    ]
    for cls in sorted(onto.classes):
        out.append(f"CREATE CONSTRAINT lianjie_{cls.lower()}_id IF NOT EXISTS FOR (n:{cls}) REQUIRE n.id IS UNIQUE")
    return out
