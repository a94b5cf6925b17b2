"""Export a store as the CSV files ``neo4j-admin database import full`` takes: the bulk path into Neo4j."""

from __future__ import annotations

import csv
import shlex
from pathlib import Path

import pandas as pd

from ..base.kinds import KINDS
from .convert import is_missing
from .schema import LINK_KEY, SHARED_LABEL, link_columns, node_columns
from .store import Store

#: neo4j-admin header type for each ontology value kind (from :data:`lianjie.base.kinds.KINDS`).
ADMIN_TYPES = {k.name: k.neo4j_admin for k in KINDS.values()}


def _cell(value: object, kind: str) -> str:
    if is_missing(value):
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "integer":
        return str(int(value))
    if kind == "date":
        return pd.Timestamp(value).date().isoformat()
    return str(value)


def export_neo4j_admin(store: Store, out_dir: str | Path, database: str = "neo4j") -> dict:
    """Write ``nodes_<Class>.csv`` and ``links_<TYPE>.csv`` with neo4j-admin headers into ``out_dir``.

    Node files carry ``id:ID`` (also stored as the ``id`` property) and ``:LABEL``
    (the class and the shared label); link files ``:START_ID``, ``:END_ID`` and
    ``:TYPE``. Returns the files written and the import command to run.

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> store = toy_store()
    >>> import tempfile
    >>> result = export_neo4j_admin(store, tempfile.mkdtemp())
    >>> result["nodes"], result["links"], result["command"].split()[:4]
    (14, 15, ['neo4j-admin', 'database', 'import', 'full'])
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    onto = store.onto
    node_files, link_files = [], []
    counts = {"nodes": 0, "links": 0}
    for cls in sorted(onto.classes):
        columns = node_columns(onto, cls)[1:]
        frame = store.nodes(cls, [name for name, _ in columns])
        if frame.empty:
            continue
        path = out / f"nodes_{cls}.csv"
        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["id:ID", ":LABEL", *(f"{name}{ADMIN_TYPES[kind]}" for name, kind in columns)])
            for rec in frame.itertuples(index=False, name=None):
                writer.writerow(
                    [rec[0], f"{SHARED_LABEL};{cls}", *(_cell(v, k) for v, (_, k) in zip(rec[1:], columns))]
                )
        node_files.append(path)
        counts["nodes"] += len(frame)
    columns = [(LINK_KEY, "string"), *link_columns(onto)]
    for link_type in sorted(onto.link_types):
        frame = store.links([link_type], [name for name, _ in columns])
        if frame.empty:
            continue
        path = out / f"links_{link_type}.csv"
        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(
                [":START_ID", ":END_ID", ":TYPE", *(f"{name}{ADMIN_TYPES[kind]}" for name, kind in columns)]
            )
            for rec in frame.itertuples(index=False, name=None):
                writer.writerow([rec[0], rec[1], rec[2], *(_cell(v, k) for v, (_, k) in zip(rec[3:], columns))])
        link_files.append(path)
        counts["links"] += len(frame)
    args = ["neo4j-admin", "database", "import", "full", database, "--overwrite-destination"]
    args += [f"--nodes={p}" for p in node_files] + [f"--relationships={p}" for p in link_files]
    return {
        "nodes": counts["nodes"],
        "links": counts["links"],
        "files": [str(p) for p in node_files + link_files],
        "command": " ".join(shlex.quote(a) for a in args),
        "key_property": LINK_KEY,
    }


def write_neo4j_admin(store: Store, out: Path) -> list[str]:
    """The ``neo4j-admin`` export format: the CSVs in folder ``out``, and the import command to run."""
    result = export_neo4j_admin(store, out)
    return [
        f"wrote {result['nodes']:,} nodes and {result['links']:,} links in {len(result['files'])} files to {out}",
        "import them into a stopped Neo4j server with:",
        result["command"],
    ]
