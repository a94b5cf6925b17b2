"""Statements that reach outside the store, refused in read-only Cypher on every store.

A read-only store refuses writes to its own data by itself (the embedded file is opened
read-only, Neo4j runs the query with read access). Some statements escape that: on the
embedded database ``COPY ... TO`` and ``EXPORT DATABASE`` write files, ``INSTALL`` and
``LOAD EXTENSION`` fetch and run code, ``ATTACH`` and ``USE`` reach other databases,
``CHECKPOINT`` rewrites the file; ``LOAD CSV`` / ``LOAD FROM`` read files beside the
store. None of them is a question about the graph, so read-only Cypher refuses them
before the database sees them. Words inside strings, comments and backticks, and property
names (``n.copy``), do not count.
"""

from __future__ import annotations

import re

from .store import ReadOnlyError

#: Statement keywords refused without ``--write``.
ESCAPES = frozenset(
    {"ATTACH", "DETACH DATABASE", "USE", "COPY", "EXPORT", "IMPORT", "INSTALL", "UNINSTALL", "LOAD", "CHECKPOINT"}
)

_TOKENS = re.compile(
    r"""
    (?P<skip>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`|//[^\n]*|/\*.*?\*/)
    | (?P<word>(?<![.:$\w])[A-Za-z_]+(?:\s+DATABASE\b)?)
    """,
    re.VERBOSE | re.DOTALL | re.IGNORECASE,
)


def escaping_keyword(query: str) -> str | None:
    """The first keyword of ``query`` that reaches outside the store, or None.

    Examples
    --------
    >>> escaping_keyword("COPY (MATCH (n) RETURN n.id) TO '/tmp/x.csv'")
    'COPY'
    >>> escaping_keyword("MATCH (n) WHERE n.copy = 'LOAD' RETURN n // ATTACH")
    >>> escaping_keyword("match (n) return n; load extension json")
    'LOAD'
    """
    for match in _TOKENS.finditer(query):
        word = match.group("word")
        if word is None:
            continue
        word = " ".join(word.upper().split())
        if word in ESCAPES or word.split()[0] in ESCAPES - {"DETACH DATABASE"}:
            return word.split()[0] if word != "DETACH DATABASE" else word
    return None


def refuse_escapes(query: str) -> None:
    """Raise :class:`ReadOnlyError` if read-only ``query`` holds a statement of :data:`ESCAPES`."""
    word = escaping_keyword(query)
    if word is not None:
        raise ReadOnlyError(
            f"{word} reaches outside the store and is not run by read-only Cypher; add --write to allow it"
        )
