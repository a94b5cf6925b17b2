"""Writing to the Neo4j store: a dataset as batches of ``UNWIND ... MERGE``, and a reset."""

from __future__ import annotations

import os
from collections.abc import Iterable

import pyarrow as pa
import pyarrow.compute as pc

from ..base.dataset import Dataset
from .keys import link_keys
from .neo4j_lists import LOOKUP_PAGE, collected
from .schema import LINK_KEY, SHARED_LABEL, link_columns, node_columns
from .store import WriteSummary

#: Rows per write transaction (``LIANJIE_NEO4J_BATCH`` overrides it).
BATCH = int(os.environ.get("LIANJIE_NEO4J_BATCH") or 20_000)


def _rows(table: pa.Table, columns: list[str], ident: list[str]) -> list[dict]:
    """Rows as ``{ident..., "props": {...}}`` with missing values left out, so blanks keep stored values.

    Arrow gives plain Python values (``datetime.date`` for dates), which the driver sends as they are.
    """
    present = [name for name in columns if name in table.column_names]
    out = []
    for rec in table.select(ident + present).to_pylist():
        row = {name: rec[name] for name in ident}
        row["props"] = {name: rec[name] for name in present if rec[name] is not None}
        out.append(row)
    return out


class Neo4jWriting:
    """The writing half of :class:`~lianjie.graph.neo4j_store.Neo4jStore`."""

    def lookup_nodes(self, ids: Iterable[str]) -> dict[str, str]:
        """Pages of ids sent, each answered as one list (see :mod:`lianjie.graph.neo4j_lists`);
        an empty store answers at once."""
        if not self._read(f"MATCH (n:{SHARED_LABEL}) RETURN count(n) > 0 AS any")[0]["any"]:
            return {}
        wanted = sorted(set(ids))
        found: dict[str, str] = {}
        query = (
            f"UNWIND $ids AS i MATCH (n:{SHARED_LABEL} {{id: i}}) "
            f"RETURN collect([n.id, [l IN labels(n) WHERE l <> '{SHARED_LABEL}'][0]]) AS rows"
        )
        for start in range(0, len(wanted), LOOKUP_PAGE):
            found.update(collected(self._read, query, {"ids": wanted[start : start + LOOKUP_PAGE]}))
        return found

    def _stored_keys(self, link_type: str) -> set[str]:
        records = self._read(f"MATCH ()-[e:{link_type}]->() RETURN collect(e.{LINK_KEY}) AS keys")
        return set(records[0]["keys"]) if records else set()

    def write(self, dataset: Dataset) -> WriteSummary:
        """Write in batches, each with its journal step; a failure or a dead loader is undone.

        One transaction for a whole county would outgrow a server's transaction memory, so
        each batch commits on its own, together with a step of the load's journal in the
        database (see :mod:`lianjie.graph.neo4j_journal`). If a batch fails, or the server
        goes away mid-load, the load is rolled back from its journal here; if this process
        dies, the next command that opens the store rolls it back. Only one load runs at a time.
        """
        self._require_writable()
        existing = self.lookup_nodes(i for f in dataset.nodes.values() for i in f.column("id").to_pylist())
        stored_ids = pa.array(list(existing), pa.string())
        batches: list[tuple[str, list[dict], dict]] = []
        created = updated = 0
        for cls, frame in dataset.nodes.items():
            props = [name for name, _ in node_columns(self.onto, cls) if name != "id"]
            rows = _rows(frame, props, ["id"])
            is_old = pc.is_in(frame.column("id"), value_set=stored_ids).to_pylist()
            created += is_old.count(False)
            updated += is_old.count(True)
            query = f"UNWIND $rows AS r MERGE (n:{SHARED_LABEL} {{id: r.id}}) SET n:{cls} SET n += r.props"
            for i in range(0, len(rows), BATCH):
                chunk, old = rows[i : i + BATCH], is_old[i : i + BATCH]
                step = {
                    "created": [r["id"] for r, o in zip(chunk, old) if not o],
                    "updated": [r["id"] for r, o in zip(chunk, old) if o],
                }
                batches.append((query, chunk, step))
        stored_keys: dict[str, set[str]] = {}
        links_new = links_old = 0
        for (link_type, _source_class, _target_class), frame in dataset.links.items():
            if link_type not in stored_keys:
                stored_keys[link_type] = self._stored_keys(link_type)
            stored = stored_keys[link_type]
            typed = frame.append_column("type", pa.repeat(pa.scalar(link_type), frame.num_rows))
            frame = frame.append_column(LINK_KEY, link_keys(typed, [p.name for p in self.onto.stored_link_properties]))
            fresh = frame
            if stored:
                fresh = frame.filter(pc.invert(pc.is_in(frame.column(LINK_KEY), value_set=pa.array(list(stored)))))
            links_old += frame.num_rows - fresh.num_rows
            links_new += fresh.num_rows
            props = [name for name, _ in link_columns(self.onto)]
            rows = _rows(fresh, props, ["source", "target", LINK_KEY])
            query = (
                f"UNWIND $rows AS r MATCH (a:{SHARED_LABEL} {{id: r.source}}) "
                f"MATCH (b:{SHARED_LABEL} {{id: r.target}}) "
                f"MERGE (a)-[e:{link_type} {{{LINK_KEY}: r.{LINK_KEY}}}]->(b) ON CREATE SET e += r.props "
                "RETURN count(e) AS n"
            )
            for i in range(0, len(rows), BATCH):
                chunk = rows[i : i + BATCH]
                step = {
                    "link_type": link_type,
                    "sources": [r["source"] for r in chunk],
                    "targets": [r["target"] for r in chunk],
                    "keys": [r[LINK_KEY] for r in chunk],
                }
                batches.append((query, chunk, step))
        self._run_load(batches)
        return WriteSummary(created, updated, links_new, links_old)

    def reset(self) -> None:
        """Delete links, then nodes, in batches: a village or channel may have a million links,
        so batching by node alone could put them all in one transaction."""
        self._require_writable()
        statements = (
            f"MATCH (:{SHARED_LABEL})-[e]->() WITH e LIMIT {BATCH} DELETE e RETURN count(*) AS n",
            f"MATCH (n:{SHARED_LABEL}) WITH n LIMIT {BATCH} DETACH DELETE n RETURN count(*) AS n",
        )
        with self._session() as session:
            for statement in statements:
                while session.execute_write(lambda tx, q=statement: tx.run(q).single()["n"]):
                    pass
        self.set_meta(key=None)  # an empty store takes any key
