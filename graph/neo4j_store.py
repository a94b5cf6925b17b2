"""The Neo4j store, through the official driver.

Every node carries its class label and the shared label ``Node`` (unique ``id``).
Writes are batched ``UNWIND ... MERGE`` statements in managed transactions, so a
retry is safe; a failed load is undone, leaving the database as it was. Read-only
Cypher runs in read-access transactions: Neo4j itself refuses the write.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import time
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit, urlunsplit

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from neo4j import READ_ACCESS, GraphDatabase
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship

from ..base.checkpoints import checkpoint
from ..base.dataset import Dataset
from ..ontology import Ontology
from . import neo4j_journal as journal
from .convert import plain_value
from .dialects import dialect
from .keys import link_keys
from .readonly import refuse_escapes
from .schema import LINK_KEY, SHARED_LABEL, link_columns, neo4j_constraints, node_columns
from .store import LINK_FRAME, ReadOnlyError, Store, StoreBusyError, StoreError, WriteSummary, links_cypher

#: The driver logs every server notification as a warning; asking for a link type that has
#: no links yet is routine here (Store.links asks for all market types), so keep them quiet.
logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)

#: Rows per write transaction (``LIANJIE_NEO4J_BATCH`` overrides it).
BATCH = int(os.environ.get("LIANJIE_NEO4J_BATCH") or 20_000)
MIN_MAJOR_VERSION = 5
#: The layout of lianjie's constraints and bookkeeping; opening a store made with another migrates it.
SCHEMA_VERSION = "3"
#: Bookkeeping lives in index names, ``lianjie_meta_<key>__<value>``: not nodes a user counts.
META_PREFIX = "lianjie_meta_"
META_LABEL = "LianjieMeta"


def split_credentials(uri: str) -> tuple[str, str | None, str | None]:
    """The URI without user info, and the user and password it carried (if any)."""
    parts = urlsplit(uri)
    if parts.username is None:
        return uri, None, None
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    clean = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return clean, unquote(parts.username), unquote(parts.password) if parts.password else None


def check_version(version: str) -> None:
    """Refuse servers older than Neo4j 5 in one clear line."""
    match = re.match(r"(\d+)\.", version)
    if match is None or int(match.group(1)) < MIN_MAJOR_VERSION:
        raise StoreError(f"Neo4j {version} is too old: lianjie needs Neo4j {MIN_MAJOR_VERSION} or later")


def _native(value: object) -> object:
    if isinstance(value, Node):
        labels = sorted(label for label in value.labels if label != SHARED_LABEL)
        return {"_labels": labels, **{k: _native(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"_type": value.type, **{k: _native(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return {"nodes": [_native(n) for n in value.nodes], "links": [_native(r) for r in value.relationships]}
    if hasattr(value, "to_native"):
        return value.to_native()
    if isinstance(value, list):
        return [_native(v) for v in value]
    if isinstance(value, dict):
        return {k: _native(v) for k, v in value.items()}
    return value


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


class _VanishedNode(Exception):
    """A link's end was deleted between validation and writing."""


class Neo4jStore(Store):
    """A Neo4j 5 server reached by ``bolt://`` or ``neo4j://``.

    Credentials come from the URI (``bolt://user:pass@host:7687``) or from
    ``NEO4J_USER`` (default ``neo4j``) and ``NEO4J_PASSWORD``.
    """

    kind = "neo4j"
    dialect = "neo4j"

    def __init__(self, uri: str, onto: Ontology, read_only: bool = False, database: str | None = None) -> None:
        super().__init__(onto)
        self.uri, user, password = split_credentials(uri)
        user = user or os.environ.get("NEO4J_USER", "neo4j")
        password = password if password is not None else os.environ.get("NEO4J_PASSWORD", "")
        self.database = database
        self.read_only = read_only
        self._meta: dict[str, str] | None = None
        try:
            self._driver = GraphDatabase.driver(self.uri, auth=(user, password))
        except (ValueError, neo4j_errors.ConfigurationError) as exc:
            raise StoreError(f"{self.uri} is not a usable Neo4j URI: {exc}") from None
        try:
            self._check_server()
            if not read_only:
                self._ensure_schema()
            self._settle_loads(writing=not read_only)
        except Exception:
            self._driver.close()
            raise

    def describe(self) -> str:
        return self.uri + (f" (database {self.database})" if self.database else "")

    def close(self) -> None:
        self._driver.close()

    # -- connection ----------------------------------------------------------

    def _session(self, read: bool = False):
        kwargs = {"database": self.database} if self.database else {}
        if read:
            kwargs["default_access_mode"] = READ_ACCESS
        return self._driver.session(**kwargs)

    def _check_server(self) -> None:
        try:
            with self._session(read=True) as session:
                record = session.run("CALL dbms.components() YIELD versions RETURN versions[0] AS v").single()
        except neo4j_errors.AuthError:
            raise StoreError(
                f"Neo4j at {self.uri} refused the user name or password; set NEO4J_USER and NEO4J_PASSWORD "
                "or put them in the URI"
            ) from None
        except neo4j_errors.ServiceUnavailable:
            raise StoreError(
                f"cannot reach Neo4j at {self.uri}: is the server running and the address right?"
            ) from None
        except neo4j_errors.ClientError as exc:
            if "DatabaseNotFound" in (exc.code or ""):
                raise StoreError(f"Neo4j at {self.uri} has no database named {self.database!r}") from None
            raise StoreError(f"Neo4j at {self.uri}: {exc.message}") from None
        check_version(record["v"])

    def _ensure_schema(self) -> None:
        """Migrate once per layout or ontology change, as the stored bookkeeping records: one
        ``SHOW INDEXES`` per open, and nothing more when the store is up to date."""
        names = self._index_names()
        meta = self._meta_from(names)
        if meta.get("schema") == SCHEMA_VERSION and meta.get("ontology") == self.onto.fingerprint:
            return
        with self._session() as session:
            for statement in [*neo4j_constraints(self.onto, SHARED_LABEL), journal.LOAD_CONSTRAINT]:
                session.run(statement).consume()
            for name in self.onto.link_types:  # indexes that earlier versions made; see neo4j_constraints
                if f"lianjie_{name.lower()}_key" in names:
                    session.run(f"DROP INDEX lianjie_{name.lower()}_key IF EXISTS").consume()
        self.set_meta(schema=SCHEMA_VERSION, ontology=self.onto.fingerprint)

    # -- bookkeeping ---------------------------------------------------------

    def _index_names(self) -> set[str]:
        with self._session(read=True) as session:
            return {r["name"] for r in session.run("SHOW INDEXES YIELD name RETURN name")}

    @staticmethod
    def _meta_from(names: set[str]) -> dict[str, str]:
        out = {}
        for name in names:
            if name.startswith(META_PREFIX) and "__" in name:
                key, value = name[len(META_PREFIX) :].split("__", 1)
                out[key] = value
        return out

    def meta(self) -> dict[str, str]:
        """lianjie's record of the store, read from the names of indexes on ``LianjieMeta``.

        Index names are schema, not data: no ``MATCH`` meets them and they survive a reset.
        """
        if self._meta is None:
            self._meta = self._meta_from(self._index_names())
        return dict(self._meta)

    def set_meta(self, **values: str | None) -> None:
        self._require_writable()
        current = self.meta()
        with self._session() as session:
            for key, value in values.items():
                if value is not None and not re.fullmatch(r"[A-Za-z0-9]+", value):
                    raise ValueError(f"bookkeeping values are letters and digits, not {value!r}")
                old = current.get(key)
                if old == value:
                    continue
                if old is not None:
                    session.run(f"DROP INDEX `{META_PREFIX}{key}__{old}` IF EXISTS").consume()
                if value is not None:
                    name = f"{META_PREFIX}{key}__{value}"
                    session.run(f"CREATE INDEX `{name}` IF NOT EXISTS FOR (n:{META_LABEL}) ON (n.`{name}`)").consume()
        self._meta = None

    # -- the load journal ------------------------------------------------------

    def _settle_loads(self, writing: bool) -> None:
        """Undo or finish the load a dead loader left; wait for a live one (see neo4j_journal)."""
        deadline = time.monotonic() + journal.wait_seconds()
        while True:
            loads = self._read(f"MATCH (l:{journal.LOAD_LABEL}) RETURN l.id AS id, l.state AS state, l.by AS by")
            live = None
            for record in loads:
                held, state = journal.probe(self._session, record["id"])
                if held:
                    live = record
                elif state is not None:  # read under the lock: the loader cannot have moved on
                    self._finish_dead_load(record["id"], state, record["by"])
            if live is None:
                return
            if time.monotonic() >= deadline:
                raise StoreBusyError(
                    f"the store at {self.describe()} is busy: a lianjie load ({live['by']}) is writing to it; "
                    f"try again when it has finished (waited {journal.wait_seconds():g} s; LIANJIE_LOCK_WAIT=SECONDS "
                    "waits longer)"
                )
            journal.pause(0.2)

    def _finish_dead_load(self, load_id: str, state: str | None, by: str | None) -> None:
        if state == "committed":
            self._drop_journal(load_id)
            self.notices.append(f"a load ({by}) ended before tidying up after itself; its data is complete")
            return
        undone = self._roll_back(load_id)
        self.notices.append(
            f"a load ({by}) stopped before it finished; the {undone} batches it had written were undone, "
            "so the store is as it was before that load"
        )

    def _roll_back(self, load_id: str) -> int:
        """Undo a load from its journal: its links, then the nodes it created, then updated nodes' values."""
        steps = self._read(
            f"MATCH (s:{journal.STEP_LABEL} {{load: $id}}) RETURN s ORDER BY s.seq DESC", {"id": load_id}
        )
        steps = [dict(r["s"].items()) for r in steps]
        with self._session() as session:

            def run(query: str, **params) -> None:
                session.execute_write(lambda tx: tx.run(query, params).consume())

            for step in steps:
                if step.get("link_type"):
                    rows = [
                        {"source": a, "target": b, "key": k}
                        for a, b, k in zip(step["sources"], step["targets"], step["keys"])
                    ]
                    run(
                        f"UNWIND $rows AS r MATCH (a:{SHARED_LABEL} {{id: r.source}})-[e:`{step['link_type']}`]->"
                        f"(b:{SHARED_LABEL} {{id: r.target}}) WHERE e.{LINK_KEY} = r.key DELETE e",
                        rows=rows,
                    )
            for step in steps:
                if step.get("created"):
                    run(f"UNWIND $ids AS i MATCH (n:{SHARED_LABEL} {{id: i}}) DETACH DELETE n", ids=step["created"])
                if step.get("previous"):
                    rows = [
                        {"id": r["id"], "props": journal.decode_props(r["props"])} for r in json.loads(step["previous"])
                    ]
                    run(f"UNWIND $rows AS r MATCH (n:{SHARED_LABEL} {{id: r.id}}) SET n = r.props", rows=rows)
        self._drop_journal(load_id)
        return len(steps)

    def _drop_journal(self, load_id: str) -> None:
        with self._session() as session:
            while session.execute_write(
                lambda tx: tx.run(
                    f"MATCH (s:{journal.STEP_LABEL} {{load: $id}}) WITH s LIMIT 100 DELETE s RETURN count(*) AS n",
                    {"id": load_id},
                ).single()["n"]
            ):
                pass
            session.run(f"MATCH (l:{journal.LOAD_LABEL} {{id: $id}}) DELETE l", {"id": load_id}).consume()

    def _read(self, query: str, params: dict | None = None) -> list:
        with self._session(read=True) as session:
            return session.execute_read(lambda tx: list(tx.run(query, params or {})))

    # -- writing -----------------------------------------------------------

    def _require_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyError(f"the store at {self.describe()} is open read-only")

    def lookup_nodes(self, ids: Iterable[str]) -> dict[str, str]:
        wanted = sorted(set(ids))
        found: dict[str, str] = {}
        query = (
            f"UNWIND $ids AS i MATCH (n:{SHARED_LABEL} {{id: i}}) "
            f"RETURN n.id AS id, [l IN labels(n) WHERE l <> '{SHARED_LABEL}'][0] AS cls"
        )
        for start in range(0, len(wanted), BATCH):
            for record in self._read(query, {"ids": wanted[start : start + BATCH]}):
                found[record["id"]] = record["cls"]
        return found

    def _stored_keys(self, link_type: str) -> set[str]:
        return {r["k"] for r in self._read(f"MATCH ()-[e:{link_type}]->() RETURN e.{LINK_KEY} AS k")}

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

    def _run_load(self, batches: list[tuple[str, list[dict], dict]]) -> None:
        """Run the batches under a journal (see :mod:`lianjie.graph.neo4j_journal`); all or nothing."""
        load_id = journal.new_load_id()
        with self._session() as session:
            try:
                session.run(
                    f"CREATE (l:{journal.LOAD_LABEL} {{slot: 'load', id: $id, state: 'writing', "
                    "started: datetime(), by: $by})",
                    {"id": load_id, "by": journal.who()},
                ).consume()
            except neo4j_errors.ConstraintError:
                self._settle_loads(writing=True)  # waits for the other load, or undoes a dead one
                return self._run_load(batches)
        lock_session = self._session()
        lock = lock_session.begin_transaction()
        lock.run(f"MATCH (l:{journal.LOAD_LABEL} {{id: $id}}) SET l.alive = true", {"id": load_id}).consume()

        def run_batch(tx, seq: int, query: str, rows: list[dict], step: dict) -> None:
            record = tx.run(query, {"rows": rows}).single()
            if record is not None and record["n"] != len(rows):
                raise _VanishedNode(f"{len(rows) - record['n']} links point at nodes no longer in the store")
            tx.run(
                f"CREATE (s:{journal.STEP_LABEL}) SET s = $step, s.load = $id, s.seq = $seq",
                {"step": step, "id": load_id, "seq": seq},
            ).consume()

        try:
            with self._session() as session:
                for seq, (query, rows, step) in enumerate(batches):
                    lock.run("RETURN 1").consume()  # the server still knows this load is alive
                    if step.get("updated"):
                        step = {**step, "previous": self._previous(step.pop("updated"))}
                    else:
                        step = {k: v for k, v in step.items() if k != "updated"}
                    session.execute_write(run_batch, seq, query, rows, step)
                    if seq == 0:
                        checkpoint("write")
            checkpoint("commit")
            lock.run(f"MATCH (s:{journal.STEP_LABEL} {{load: $id}}) DELETE s", {"id": load_id}).consume()
            lock.run(f"MATCH (l:{journal.LOAD_LABEL} {{id: $id}}) DELETE l", {"id": load_id}).consume()
            lock.commit()  # the load is complete exactly when its journal is gone
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, _VanishedNode) as exc:
            self._abandon(lock, lock_session)
            try:
                self._roll_back(load_id)
            except (neo4j_errors.Neo4jError, neo4j_errors.DriverError):
                raise StoreError(
                    f"the connection to Neo4j at {self.describe()} failed mid-load and the load could not be "
                    "undone yet; the next lianjie command that opens the store undoes it"
                ) from None
            if isinstance(exc, neo4j_errors.DriverError):
                raise StoreError(
                    f"the connection to Neo4j at {self.describe()} was lost during the load (did the server "
                    "restart?); what the load had written was undone, nothing was changed: run it again"
                ) from None
            reason = exc.message if isinstance(exc, neo4j_errors.Neo4jError) else str(exc)
            raise StoreError(f"Neo4j refused the write, nothing was changed: {reason}") from None
        except BaseException:
            self._abandon(lock, lock_session)
            raise
        lock_session.close()

    @staticmethod
    def _abandon(lock, lock_session) -> None:
        try:
            if not lock.closed():
                lock.rollback()
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError):
            pass
        try:
            lock_session.close()
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError):
            pass

    def _previous(self, ids: list[str]) -> str:
        """The stored properties of nodes about to be updated, as journal text."""
        query = f"UNWIND $ids AS i MATCH (n:{SHARED_LABEL} {{id: i}}) RETURN n.id AS id, properties(n) AS props"
        rows = [{"id": r["id"], "props": journal.encode_props(r["props"])} for r in self._read(query, {"ids": ids})]
        return json.dumps(rows, ensure_ascii=False)

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

    # -- reading -----------------------------------------------------------

    def nodes(self, class_name: str, columns: Iterable[str]) -> pd.DataFrame:
        columns = list(columns)
        if class_name not in self.onto.classes:
            raise StoreError(f"unknown class {class_name!r}")
        fields = ", ".join(["n.id AS id", *(f"n.`{c}` AS `{c}`" for c in columns)])
        records = self._read(f"MATCH (n:{class_name}) RETURN {fields}")
        return pd.DataFrame([[_native(v) for v in r.values()] for r in records], columns=["id", *columns])

    def links(
        self,
        link_types: Iterable[str],
        columns: Iterable[str] = (),
        as_of: dt.date | None = None,
    ) -> pd.DataFrame:
        link_types, columns = sorted(link_types), list(columns)
        names = [*LINK_FRAME, *columns]
        if not link_types:
            return pd.DataFrame(columns=names)
        query, params = links_cypher(link_types, columns, as_of, dialect(self.dialect))
        records = self._read(query, params)
        return pd.DataFrame([[_native(v) for v in r.values()] for r in records], columns=names)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for cls in self.onto.classes:
            n = self._read(f"MATCH (n:{cls}) RETURN count(n) AS n")[0]["n"]
            if n:
                out[cls] = n
        for lt in self.onto.link_types:
            n = self._read(f"MATCH ()-[e:{lt}]->() RETURN count(e) AS n")[0]["n"]
            if n:
                out[lt] = n
        return out

    def cypher(self, query: str, params: dict | None = None, write: bool = False) -> list[dict]:
        """Run ``query``; with ``write`` in one auto-commit transaction, so it runs exactly once.

        (A managed transaction would run it again after a transient failure, and a user's
        ``CREATE`` twice.) Without ``write``, in a read-access transaction.
        """
        if write:
            self._require_writable()
        else:
            refuse_escapes(query)
        try:
            with self._session(read=not write) as session:
                if write:
                    records = [dict(r.items()) for r in session.run(query, params or {})]
                else:
                    records = session.execute_read(lambda tx: [dict(r.items()) for r in tx.run(query, params or {})])
        except neo4j_errors.ClientError as exc:
            code = exc.code or ""
            if "AccessMode" in code or "ForbiddenOnReadOnlyDatabase" in code:
                raise ReadOnlyError(
                    "this query writes, and the store was opened read-only; add --write to change the store"
                ) from None
            raise StoreError(f"Cypher error: {(exc.message or code).splitlines()[0]}") from None
        return [{k: plain_value(_native(v)) for k, v in rec.items()} for rec in records]
