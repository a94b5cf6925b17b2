"""Writing to the Neo4j store: a dataset as batches of ``UNWIND ... CREATE`` (``SET`` for changed nodes); a reset."""

from __future__ import annotations

import os
from collections.abc import Iterable

import pyarrow as pa
import pyarrow.compute as pc

from ..base.dataset import Dataset
from .keys import first_of_each, link_keys, row_identity
from .neo4j_lists import LOOKUP_PAGE, collected
from .schema import LINK_KEY, SHARED_LABEL, link_columns, node_columns
from .store import WriteSummary

#: Rows per write transaction (``LIANJIE_NEO4J_BATCH`` overrides it): 50,000 loaded 100k households
#: in 39-48 s here where 20,000 took 56-57 s (load average 4-7 on 2 cores).
BATCH = int(os.environ.get("LIANJIE_NEO4J_BATCH") or 50_000)


def _property_map(names: list[str], row: str = "r") -> str:
    """``{`a`: r.`a`, ...}``: properties named in a CREATE (a null one is not stored). ``SET n = r``
    after a CREATE plans an Eager, which holds every row of the batch before writing any."""
    return "{" + ", ".join(f"`{name}`: {row}.`{name}`" for name in names) + "}"


def _batches(rows: list, size: int = 0) -> list[list]:
    size = size or BATCH
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def _native(value: object) -> object:
    if hasattr(value, "to_native"):
        return value.to_native()
    if isinstance(value, list):
        return [_native(v) for v in value]
    return value


class Neo4jWriting:
    """The writing half of :class:`~lianjie.graph.neo4j_store.Neo4jStore`."""

    def lookup_nodes(self, ids: Iterable[str]) -> dict[str, str]:
        """Pages of ids sent, each answered as one list (see :mod:`lianjie.graph.neo4j_lists`);
        an empty store answers at once."""
        if not self._read(f"MATCH (n:{SHARED_LABEL}) RETURN count(n) > 0 AS any")[0]["any"]:
            self._looked_up = (set(ids), {})
            return {}
        wanted = sorted(set(ids))
        found: dict[str, str] = {}
        query = (
            f"UNWIND $ids AS i MATCH (n:{SHARED_LABEL} {{id: i}}) "
            f"RETURN collect([n.id, [l IN labels(n) WHERE l <> '{SHARED_LABEL}'][0]]) AS rows"
        )
        for start in range(0, len(wanted), LOOKUP_PAGE):
            found.update(collected(self._read, query, {"ids": wanted[start : start + LOOKUP_PAGE]}))
        self._looked_up = (set(wanted), found)
        return found

    def _existing(self, dataset: Dataset) -> dict[str, str]:
        """The dataset's stored nodes: from the loader's lookup just made (validation asks for every
        id a dataset names), else asked again."""
        ids = [i for f in dataset.nodes.values() for i in f.column("id").to_pylist()]
        asked, found = getattr(self, "_looked_up", (set(), {}))
        self._looked_up = (set(), {})
        if asked and asked.issuperset(ids):
            return {i: found[i] for i in ids if i in found}
        return self.lookup_nodes(ids)

    def _stored_keys(self, link_type: str) -> set[str]:
        records = self._read(f"MATCH ()-[e:{link_type}]->() RETURN collect(e.{LINK_KEY}) AS keys")
        return set(records[0]["keys"]) if records else set()

    def _changed(self, cls: str, rows: list[dict]) -> list[dict]:
        """Those of ``rows`` (stored nodes) whose given values or class differ from the stored ones."""
        stored: dict[str, tuple[dict, list]] = {}
        query = (
            f"UNWIND $ids AS i MATCH (n:{SHARED_LABEL} {{id: i}}) "
            "RETURN collect([n.id, properties(n), labels(n)]) AS rows"
        )
        for page in _batches([r["id"] for r in rows], LOOKUP_PAGE):
            stored.update((i, (props, labels)) for i, props, labels in collected(self._read, query, {"ids": page}))
        out = []
        for row in rows:
            props, labels = stored.get(row["id"], ({}, []))
            if cls not in labels or any(_native(props.get(k)) != v for k, v in row["props"].items()):
                out.append(row)
        return out

    def write(self, dataset: Dataset) -> WriteSummary:
        """Write in batches, each with its journal step; a failure or a dead loader is undone.

        One transaction for a whole county would outgrow a server's transaction memory, so
        each batch commits on its own, together with a step of the load's journal in the
        database (see :mod:`lianjie.graph.neo4j_journal`). If a batch fails, or the server
        goes away mid-load, the load is rolled back from its journal here; if this process
        dies, the next command that opens the store rolls it back. Only one load runs at a time.

        What the id lookup says is new is written by ``CREATE`` (no ``MERGE``, which reads
        before it writes); stored nodes are written only when a value or their class changed,
        and links only when not stored, so an idempotent reload writes nothing. A link that
        touches a node this load creates needs no journal entry: undoing the node removes it.
        """
        self._require_writable()
        existing = self._existing(dataset)
        stored_ids = pa.array(list(existing), pa.string())
        batches: list[tuple[str, list[dict], dict]] = []
        created = updated = 0
        for cls, frame in dataset.nodes.items():
            props = [name for name, _ in node_columns(self.onto, cls) if name != "id" and name in frame.column_names]
            is_old = pc.is_in(frame.column("id"), value_set=stored_ids)
            fresh = frame.filter(pc.invert(is_old)).select(["id", *props])
            created += fresh.num_rows
            query = f"UNWIND $rows AS r CREATE (n:{SHARED_LABEL}:{cls} {_property_map(['id', *props])})"
            for chunk in _batches(fresh.to_pylist()):
                batches.append((query, chunk, {"created": [r["id"] for r in chunk]}))
            old = frame.filter(is_old).select(["id", *props])
            updated += old.num_rows
            if old.num_rows:
                rows = [
                    {"id": rec["id"], "props": {k: v for k, v in rec.items() if k != "id" and v is not None}}
                    for rec in old.to_pylist()
                ]
                query = f"UNWIND $rows AS r MATCH (n:{SHARED_LABEL} {{id: r.id}}) SET n:{cls} SET n += r.props"
                for chunk in _batches(self._changed(cls, rows)):
                    batches.append((query, chunk, {"updated": [r["id"] for r in chunk]}))
        stored_keys: dict[str, pa.Array] = {}
        links_new = links_old = 0
        names = [name for name, _ in link_columns(self.onto)]
        for (link_type, _source_class, _target_class), frame in dataset.links.items():
            typed = frame.append_column("type", pa.repeat(pa.scalar(link_type), frame.num_rows))
            frame = frame.append_column(LINK_KEY, link_keys(typed, [p.name for p in self.onto.stored_link_properties]))
            frame = frame.filter(first_of_each(row_identity(frame.select([LINK_KEY]))))
            both_old = pc.and_(
                pc.is_in(frame.column("source"), value_set=stored_ids),
                pc.is_in(frame.column("target"), value_set=stored_ids),
            )
            if pc.any(both_old).as_py():  # only a link between stored nodes can be stored already
                if link_type not in stored_keys:
                    stored_keys[link_type] = pa.array(list(self._stored_keys(link_type)), pa.string())
                known = pc.and_(both_old, pc.is_in(frame.column(LINK_KEY), value_set=stored_keys[link_type]))
                frame, both_old = frame.filter(pc.invert(known)), both_old.filter(pc.invert(known))
                links_old += pc.sum(known.cast(pa.int64())).as_py() or 0
            links_new += frame.num_rows
            props = [name for name in names if name in frame.column_names]
            query = (
                f"UNWIND $rows AS r MATCH (a:{SHARED_LABEL} {{id: r.source}}) "
                f"MATCH (b:{SHARED_LABEL} {{id: r.target}}) "
                f"CREATE (a)-[e:{link_type} {_property_map([LINK_KEY, *props])}]->(b) RETURN count(e) AS n"
            )
            rows = frame.select(["source", "target", LINK_KEY, *props]).to_pylist()
            journalled = both_old.to_pylist()
            for start in range(0, len(rows), BATCH):
                chunk = rows[start : start + BATCH]
                kept = [r for r, j in zip(chunk, journalled[start : start + BATCH]) if j]
                step = {"link_type": link_type}
                if kept:
                    step.update(
                        sources=[r["source"] for r in kept],
                        targets=[r["target"] for r in kept],
                        keys=[r[LINK_KEY] for r in kept],
                    )
                batches.append((query, chunk, step))
        if batches:
            self._run_load(batches)
        return WriteSummary(created, updated, links_new, links_old)

    def reset(self) -> None:
        """Delete links, then nodes, in batches: a village or channel may have a million links,
        so batching by node alone could put them all in one transaction."""
        self._require_writable()
        self._looked_up = (set(), {})
        statements = (
            f"MATCH (:{SHARED_LABEL})-[e]->() WITH e LIMIT {BATCH} DELETE e RETURN count(*) AS n",
            f"MATCH (n:{SHARED_LABEL}) WITH n LIMIT {BATCH} DETACH DELETE n RETURN count(*) AS n",
        )
        with self._session() as session:
            for statement in statements:
                while session.execute_write(lambda tx, q=statement: tx.run(q).single()["n"]):
                    pass
        self.set_meta(key=None)  # an empty store takes any key
