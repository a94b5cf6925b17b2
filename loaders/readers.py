"""Where a file of lianjie's own form is read: the reader registered for its suffix.

:func:`read_path` reads a path with the **reader** registered for its suffix (a folder's
"suffix" is :data:`FOLDER`) and returns its tables as :class:`~lianjie.loaders.tables.RawTable`
(every cell as text, with its file, line and column), which the validator then checks whole.

A reader knows a file format. Tables people hold in other shapes (household registers,
linkage ledgers, rosters) are recognised by their headers in :mod:`lianjie.loaders.layouts`,
which hands files of lianjie's own form, and of any suffix it does not know, to :func:`read_path`.
Adding a format is one function and one registration:

>>> from lianjie.loaders.readers import register_reader, reader_suffixes, READERS
>>> register_reader([".toy"], lambda path, onto: [])
>>> ".toy" in reader_suffixes()
True
>>> READERS.unregister(".toy")
>>> reader_suffixes()
['/', '.csv', '.xlsx', '.xlsm', '.json']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..base.errors import LianjieError
from ..base.plugins import Registry
from ..ontology import Ontology
from .tables import LINKS, NODES, RawTable, read_csv, read_json, read_xlsx

#: The suffix a folder is registered under.
FOLDER = "/"

Read = Callable[[Path, Ontology], list[RawTable]]


READERS: Registry[Read] = Registry("file kind")


def register_reader(suffixes: Iterable[str], read: Read | str) -> None:
    """Read files ending in any of ``suffixes`` (``".csv"``; :data:`FOLDER` for a folder) with ``read``."""
    for suffix in suffixes:
        READERS.register(suffix.lower(), read)


def reader_suffixes() -> list[str]:
    return READERS.names()


def read_path(path: str | Path, onto: Ontology) -> list[RawTable]:
    """All tables of one dataset path, read by the reader registered for its suffix."""
    p = Path(path)
    if not p.exists():
        raise LianjieError(f"{p}: no such file or folder")
    suffix = FOLDER if p.is_dir() else p.suffix.lower()
    if suffix not in READERS:
        kinds = ", ".join(s for s in READERS if s != FOLDER)
        raise LianjieError(f"{p}: unsupported file type {suffix or '(none)'}; expected a folder or one of {kinds}")
    return READERS.get(suffix)(p, onto)


def read_folder(path: Path, onto: Ontology) -> list[RawTable]:
    """A folder holding ``nodes.csv`` and/or ``links.csv``."""
    tables = [read_csv(path / f"{kind}.csv", kind, onto) for kind in (NODES, LINKS) if (path / f"{kind}.csv").exists()]
    if not tables:
        raise LianjieError(f"{path}: a dataset folder needs nodes.csv and/or links.csv")
    return tables


def read_csv_file(path: Path, onto: Ontology) -> list[RawTable]:
    """One CSV table whose header says whether it holds nodes or links."""
    return [read_csv(path, None, onto)]


def read_json_file(path: Path, onto: Ontology) -> list[RawTable]:
    return read_json(path)


register_reader([FOLDER], read_folder)
register_reader([".csv"], read_csv_file)
register_reader([".xlsx", ".xlsm"], read_xlsx)
register_reader([".json"], read_json_file)

__all__ = [
    "FOLDER",
    "READERS",
    "read_path",
    "reader_suffixes",
    "register_reader",
]
