"""The ``lianjie`` command line: thin click commands over the library API.

Each module named in :data:`COMMAND_MODULES` holds a few commands and lists them in its
``COMMANDS``; they are added to :func:`main` here. Adding a command is one new module
(or one function in a module that fits) and, for a new module, one entry in the list.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module

import click

from .. import __version__
from .group import LianjieGroup

#: The modules whose ``COMMANDS`` make up the command line, in the order they are added.
COMMAND_MODULES: list[str] = [
    "load",
    "analytics",
    "cypher",
    "store_admin",
    "schema",
    "draw",
    "report",
    "demo",
]


@click.group(cls=LianjieGroup)
@click.version_option(__version__, prog_name="lianjie")
def main() -> None:
    """lianjie (联结): benefit linkages of rural e-commerce and consumption
    poverty alleviation as a knowledge graph you can query, draw and audit.

    Start with `lianjie demo`.
    """


for _name in COMMAND_MODULES:
    for _command in import_module(f"{__name__}.{_name}").COMMANDS:
        main.add_command(_command)


def run() -> None:
    """The ``lianjie`` console script: :func:`main`, then a quick exit.

    By the time a command returns it has closed its store and its files; tearing the
    interpreter down would only free memory, a fifth of a second after a province-scale
    audit. So the output is flushed and the process ends at once.
    """
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # nobody left to read it, or closed
            code = code or 1
    os._exit(code)


__all__ = ["COMMAND_MODULES", "main", "run"]
