"""Export formats, by name: the one place ``lianjie export --format`` is chosen from.

A writer is ``write(store, out: Path) -> list[str]``: it writes the whole store to ``out``
(a folder or a file, as registered) and returns the lines to tell the user. Adding a format
is one module with such a function and one :func:`register_writer` call.

Examples
--------
>>> writer_names()
['neo4j-admin', 'turtle', 'graphml']
>>> writer_info("graphml")["output"]
'file'
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..base.plugins import Registry
from .store import Store

Writer = Callable[[Store, Path], list[str]]

WRITERS: Registry[Writer] = Registry("export format")


def register_writer(name: str, write: Writer | str, *, help: str, output: str = "file") -> None:
    """Make ``lianjie export --format NAME`` write with ``write`` (or ``"module:function"``).

    ``help`` says in a few words what the format is for; ``output`` is ``"file"`` or ``"folder"``.
    """
    if output not in ("file", "folder"):
        raise ValueError(f"output must be 'file' or 'folder', not {output!r}")
    WRITERS.register(name, write, help=help, output=output)


def writer(name: str) -> Writer:
    return WRITERS.get(name)


def writer_names() -> list[str]:
    return WRITERS.names()


def writer_info(name: str) -> dict[str, Any]:
    return WRITERS.info(name)


register_writer(
    "neo4j-admin",
    "lianjie.graph.export:write_neo4j_admin",
    help="import CSVs for a new Neo4j database",
    output="folder",
)
register_writer("turtle", "lianjie.graph.rdf:write_turtle", help="linked data in the ontology's terms")
register_writer("graphml", "lianjie.graph.graphml:write_graphml", help="for networkx, Gephi, yEd")

__all__ = ["WRITERS", "Writer", "register_writer", "writer", "writer_info", "writer_names"]
