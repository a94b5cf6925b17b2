"""The database's raw bulk COPY of a generated dataset: the baseline a load is judged against.

    python benchmarks/rawcopy.py FOLDER DATABASE

Copies ``nodes.csv``, ``links.csv`` and the village column's links (LOCATED_IN) into an
untyped schema (one node table, one link table), with nothing checked or converted.
"""

from __future__ import annotations

import sys
from pathlib import Path


def raw_copy(folder: Path, database: Path):
    """Copy the dataset into a new database; returns the open connection and database."""
    import ladybug

    nodes, links = folder / "nodes.csv", folder / "links.csv"
    db = ladybug.Database(str(database))
    conn = ladybug.Connection(db)
    conn.execute("CREATE NODE TABLE N(id STRING PRIMARY KEY, type STRING, name STRING)")
    conn.execute("CREATE REL TABLE L(FROM N TO N, type STRING)")
    conn.execute(f"COPY N FROM (LOAD FROM '{nodes}' (header=true) RETURN id, type, name)")
    conn.execute(f"COPY L FROM (LOAD FROM '{links}' (header=true) RETURN source, target, type)")
    # the village column is a link too (LOCATED_IN): lianjie stores those rows as well
    conn.execute(
        f"COPY L FROM (LOAD FROM '{nodes}' (header=true) WHERE village IS NOT NULL AND village <> '' "
        "RETURN id, village, 'LOCATED_IN')"
    )
    return conn, db


if __name__ == "__main__":
    conn, db = raw_copy(Path(sys.argv[1]), Path(sys.argv[2]))
    conn.close()
    db.close()
