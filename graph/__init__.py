"""Graph stores: the abstract interface and its backends, chosen by ``--store``."""

from __future__ import annotations

import os
from pathlib import Path

from ..ontology import Ontology, load_ontology
from .store import ReadOnlyError, Store, StoreError, WriteSummary

#: Where commands put the store when neither --store nor LIANJIE_STORE says.
DEFAULT_STORE = "lianjie.db"
NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


def default_store() -> str:
    return os.environ.get("LIANJIE_STORE") or DEFAULT_STORE


def is_neo4j_uri(location: str) -> bool:
    return location.lower().startswith(NEO4J_SCHEMES)


def open_store(
    location: str | Path | None = None,
    *,
    read_only: bool = False,
    onto: Ontology | None = None,
    database: str | None = None,
) -> Store:
    """Open a store: a filesystem path is the embedded database, a bolt:// or neo4j:// URI a Neo4j server.

    Examples
    --------
    >>> import tempfile, os
    >>> from lianjie.graph import open_store
    >>> with open_store(os.path.join(tempfile.mkdtemp(), "demo.db")) as store:
    ...     store.counts()
    {}
    """
    onto = onto or load_ontology()
    location = str(location) if location is not None else default_store()
    if is_neo4j_uri(location):
        from .neo4j_store import Neo4jStore

        return Neo4jStore(location, onto, read_only=read_only, database=database)
    from .embedded import EmbeddedStore

    return EmbeddedStore(location, onto, read_only=read_only)


__all__ = ["DEFAULT_STORE", "ReadOnlyError", "Store", "StoreError", "WriteSummary", "default_store", "open_store"]
