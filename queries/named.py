"""The library of named Cypher queries shipped as ``queries/*.cypher``.

A query file starts with comment lines: ``// description: ...`` and one
``// param NAME: what it is`` per parameter. ``NAME.cypher`` runs on every store;
where the dialects truly differ, ``NAME.embedded.cypher`` and ``NAME.neo4j.cypher``
carry one variant each (one for every dialect of :mod:`lianjie.graph.dialects`).
``{{market}}`` stands for the ontology's market link types (``SUPPLIES|MEMBER_OF|...``) and
``{{support}}`` for the support types that count for support-only (``lj:supportOnly``), so
no query restates them. Values always travel as
parameters, never in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources

from ..base.errors import LianjieError
from ..graph.dialects import dialect_names
from ..graph.store import Store

_HEADER = re.compile(r"^//\s*(description|param)\s*([A-Za-z_][A-Za-z0-9_]*)?\s*:\s*(.*)$")


@dataclass
class NamedQuery:
    name: str
    description: str = ""
    params: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    def text_for(self, dialect: str) -> str:
        return self.texts.get(dialect) or self.texts[""]


def _parse(text: str, query: NamedQuery) -> None:
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if match is None:
            continue
        kind, name, value = match.groups()
        if kind == "description":
            query.description = value.strip()
        elif name:
            query.params[name] = value.strip()


def named_queries() -> dict[str, NamedQuery]:
    """Every named query, by name.

    Examples
    --------
    >>> "support-only-households" in named_queries()
    True
    >>> named_queries()["channel-suppliers"].params
    {'channel': "the channel's id"}
    """
    found: dict[str, NamedQuery] = {}
    for entry in sorted(resources.files("lianjie.queries").iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".cypher"):
            continue
        stem = entry.name[: -len(".cypher")]
        name, _, dialect = stem.partition(".")
        if dialect and dialect not in dialect_names():
            raise LianjieError(
                f"queries/{entry.name}: unknown dialect {dialect!r}; expected one of {', '.join(dialect_names())}"
            )
        query = found.setdefault(name, NamedQuery(name))
        text = entry.read_text(encoding="utf-8")
        query.texts[dialect] = text
        _parse(text, query)
    for query in found.values():
        if "" not in query.texts and set(query.texts) != set(dialect_names()):
            missing = set(dialect_names()) - set(query.texts)
            raise LianjieError(f"query {query.name} has no variant for {', '.join(sorted(missing))}")
    return found


def run_named(store: Store, name: str, params: dict | None = None) -> list[dict]:
    """Run a named query on a store (read-only) with its parameters.

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> store = toy_store()
    >>> run_named(store, "cooperative-members")
    [{'cooperative': 'c1', 'name': '合作社一', 'members': 1, 'poor_members': 1}]
    >>> run_named(store, "support-only-households")
    [{'household': 'h5', 'poor': True}]
    """
    params = dict(params or {})
    queries = named_queries()
    if name not in queries:
        raise LianjieError(f"no query named {name!r}; lianjie queries lists them: {', '.join(sorted(queries))}")
    query = queries[name]
    missing = [p for p in query.params if p not in params]
    if missing:
        raise LianjieError(f"query {name} needs --param {missing[0]}=... ({query.params[missing[0]]})")
    unknown = [p for p in params if p not in query.params]
    if unknown:
        raise LianjieError(
            f"query {name} takes no parameter {unknown[0]!r}; it takes: {', '.join(query.params) or 'none'}"
        )
    market = "|".join(sorted(store.onto.market_link_types))
    support = "|".join(sorted(store.onto.support_link_types))
    text = query.text_for(store.dialect).replace("{{market}}", market).replace("{{support}}", support)
    return store.cypher(text, params)
