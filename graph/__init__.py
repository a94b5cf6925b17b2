"""Graph stores: the abstract interface and its backends, chosen by ``--store`` through :mod:`.registry`."""

from __future__ import annotations

import os
from pathlib import Path

from ..ontology import Ontology, load_ontology
from .registry import register_store, store_kind_for
from .store import ReadOnlyError, Store, StoreError, WriteSummary

#: Where commands put the store when neither --store nor LIANJIE_STORE says.
DEFAULT_STORE = "lianjie.db"


def default_store() -> str:
    return os.environ.get("LIANJIE_STORE") or DEFAULT_STORE


def open_store(
    location: str | Path | None = None,
    *,
    read_only: bool = False,
    onto: Ontology | None = None,
    database: str | None = None,
) -> Store:
    """Open a store: a filesystem path is the embedded database, a bolt:// or neo4j:// URI a Neo4j server.

    The store is the one registered for the location's scheme (:mod:`lianjie.graph.registry`);
    ``database`` goes to stores that take it (Neo4j) and is ignored by the others.

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
    kind = store_kind_for(location)
    given = {"database": database}
    options = {name: given[name] for name in kind.options if given.get(name) is not None}
    return kind.load()(location, onto, read_only=read_only, **options)


__all__ = [
    "DEFAULT_STORE",
    "ReadOnlyError",
    "Store",
    "StoreError",
    "WriteSummary",
    "default_store",
    "open_store",
    "register_store",
]
