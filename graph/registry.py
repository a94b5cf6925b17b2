"""The stores lianjie can open, by URI scheme: the one place a backend is chosen.

A location with ``scheme://`` goes to the store registered for that scheme; anything
else is a filesystem path and goes to the store registered with no scheme (the embedded
LadybugDB file). Registering a store names its class lazily, so its driver loads only
when a location of its kind is opened.

Adding a store is one module with a :class:`~lianjie.graph.store.Store` subclass and one
:func:`register_store` call (see docs/extending.md).

Examples
--------
>>> [kind.name for kind in store_kinds()]
['embedded', 'neo4j']
>>> store_kind_for("bolt://127.0.0.1:7687").name, store_kind_for("data/lianjie.db").name
('neo4j', 'embedded')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..base.errors import StoreError
from ..base.plugins import Registry, load_target


@dataclass(frozen=True)
class StoreKind:
    """A registered store.

    Parameters
    ----------
    name : a short name ("embedded", "neo4j"); also the store's :attr:`~lianjie.graph.store.Store.kind`.
    target : the :class:`~lianjie.graph.store.Store` subclass, or ``"module:Class"`` text.
        It is called as ``target(location, onto, read_only=..., **options)``.
    schemes : the URI schemes it opens (``("bolt", "neo4j")``); empty for a filesystem path.
    options : the keyword options of :func:`lianjie.graph.open_store` it takes (``("database",)``).
    test_env : for a server store, the environment variable that names a server for the test
        suite; a file store (``None``) is tested in a temporary folder.
    """

    name: str
    target: Any
    schemes: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    test_env: str | None = None

    def load(self) -> type:
        return load_target(self.target)


STORES: Registry[StoreKind] = Registry("store")


def register_store(
    name: str,
    target: Any,
    *,
    schemes: Sequence[str] = (),
    options: Sequence[str] = (),
    test_env: str | None = None,
) -> None:
    """Make a store openable by :func:`lianjie.graph.open_store` (and tested by the store fixture)."""
    STORES.register(name, StoreKind(name, target, tuple(s.lower() for s in schemes), tuple(options), test_env))


def store_kinds() -> list[StoreKind]:
    """Every registered store, in registration order."""
    return [STORES.get(name) for name in STORES]


def scheme_of(location: str) -> str:
    """The URI scheme of a location, ``""`` for a filesystem path."""
    head, sep, _ = location.partition("://")
    return head.lower() if sep and head and "/" not in head and "\\" not in head else ""


def store_kind_for(location: str) -> StoreKind:
    """The registered store that opens ``location``."""
    scheme = scheme_of(location)
    for kind in store_kinds():
        if scheme in kind.schemes or (not scheme and not kind.schemes):
            return kind
    known = sorted({f"{s}://" for kind in store_kinds() for s in kind.schemes})
    raise StoreError(
        f"{location}: no store opens {scheme}:// locations; expected a file path or one of {', '.join(known)}"
    )


register_store("embedded", "lianjie.graph.embedded:EmbeddedStore")
register_store(
    "neo4j",
    "lianjie.graph.neo4j_store:Neo4jStore",
    schemes=("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"),
    options=("database",),
    test_env="LIANJIE_TEST_NEO4J",
)

__all__ = ["STORES", "StoreKind", "register_store", "scheme_of", "store_kind_for", "store_kinds"]
