"""The Neo4j store, through the official driver.

Every node carries its class label and the shared label ``Node`` (unique ``id``).
Writes are batched ``UNWIND ... MERGE`` statements in managed transactions, so a
retry is safe; a failed load is undone, leaving the database as it was. Read-only
Cypher runs in read-access transactions: Neo4j itself refuses the write.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit, urlunsplit

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from neo4j import READ_ACCESS, GraphDatabase
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship

from ..base.dataset import Dataset
from ..ontology import Ontology
from .convert import plain_value
from .keys import link_keys
from .schema import LINK_KEY, SHARED_LABEL, link_columns, neo4j_constraints, node_columns
from .store import LINK_FRAME, ReadOnlyError, Store, StoreError, WriteSummary, links_cypher

#: The driver logs every server notification as a warning; asking for a link type that has
#: no links yet is routine here (Store.links asks for all market types), so keep them quiet.
logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)

BATCH = 20_000
MIN_MAJOR_VERSION = 5


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

    def __init__(self, uri: str, onto: Ontology, read_only: bool = False, database: str | None = None) -> None:
        super().__init__(onto)
        self.uri, user, password = split_credentials(uri)
        user = user or os.environ.get("NEO4J_USER", "neo4j")
        password = password if password is not None else os.environ.get("NEO4J_PASSWORD", "")
        self.database = database
        self.read_only = read_only
        try:
            self._driver = GraphDatabase.driver(self.uri, auth=(user, password))
        except (ValueError, neo4j_errors.ConfigurationError) as exc:
            raise StoreError(f"{self.uri} is not a usable Neo4j URI: {exc}") from None
        try:
            self._check_server()
            if not read_only:
                self._ensure_schema()
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
        with self._session() as session:
            for statement in neo4j_constraints(self.onto, SHARED_LABEL):
                session.run(statement).consume()
            for name in self.onto.link_types:  # indexes that earlier versions made; see neo4j_constraints
                session.run(f"DROP INDEX lianjie_{name.lower()}_key IF EXISTS").consume()

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
        """Write in batches of managed transactions; on any failure, undo this load.

        One transaction for a whole county would outgrow a server's transaction memory,
        so each batch commits on its own (MERGE makes every batch safe to retry). If a
        batch fails, the links and nodes this load created are deleted and the nodes it
        updated get their previous properties back, so the database is as it was.
        A load assumes no other loader writes the same nodes at the same time.
        """
        self._require_writable()
        existing = self.lookup_nodes(i for f in dataset.nodes.values() for i in f.column("id").to_pylist())
        stored_ids = pa.array(list(existing), pa.string())
        batches: list[tuple[str, list[dict]]] = []
        created_ids: list[str] = []
        updated_ids: list[str] = []
        for cls, frame in dataset.nodes.items():
            props = [name for name, _ in node_columns(self.onto, cls) if name != "id"]
            rows = _rows(frame, props, ["id"])
            is_old = pc.is_in(frame.column("id"), value_set=stored_ids)
            created_ids += frame.column("id").filter(pc.invert(is_old)).to_pylist()
            updated_ids += frame.column("id").filter(is_old).to_pylist()
            query = f"UNWIND $rows AS r MERGE (n:{SHARED_LABEL} {{id: r.id}}) SET n:{cls} SET n += r.props"
            batches += [(query, rows[i : i + BATCH]) for i in range(0, len(rows), BATCH)]
        new_links: dict[str, list[dict]] = {}
        stored_keys: dict[str, set[str]] = {}
        links_old = 0
        for (link_type, _source_class, _target_class), frame in dataset.links.items():
            if link_type not in stored_keys:
                new_links[link_type] = []
                stored_keys[link_type] = self._stored_keys(link_type)
            stored = stored_keys[link_type]
            typed = frame.append_column("type", pa.repeat(pa.scalar(link_type), frame.num_rows))
            frame = frame.append_column(LINK_KEY, link_keys(typed, [p.name for p in self.onto.stored_link_properties]))
            fresh = frame
            if stored:
                fresh = frame.filter(pc.invert(pc.is_in(frame.column(LINK_KEY), value_set=pa.array(list(stored)))))
            links_old += frame.num_rows - fresh.num_rows
            new_links[link_type] += fresh.select(["source", "target", LINK_KEY]).to_pylist()
            props = [name for name, _ in link_columns(self.onto)]
            rows = _rows(fresh, props, ["source", "target", LINK_KEY])
            query = (
                f"UNWIND $rows AS r MATCH (a:{SHARED_LABEL} {{id: r.source}}) "
                f"MATCH (b:{SHARED_LABEL} {{id: r.target}}) "
                f"MERGE (a)-[e:{link_type} {{{LINK_KEY}: r.{LINK_KEY}}}]->(b) ON CREATE SET e += r.props "
                "RETURN count(e) AS n"
            )
            batches += [(query, rows[i : i + BATCH]) for i in range(0, len(rows), BATCH)]

        def run_batch(tx, query: str, rows: list[dict]) -> None:
            record = tx.run(query, {"rows": rows}).single()
            if record is not None and record["n"] != len(rows):
                raise _VanishedNode(f"{len(rows) - record['n']} links point at nodes no longer in the store")

        previous = self._properties(updated_ids)
        try:
            with self._session() as session:
                for query, rows in batches:
                    session.execute_write(run_batch, query, rows)
        except (neo4j_errors.Neo4jError, _VanishedNode) as exc:
            self._undo(new_links, created_ids, previous)
            reason = exc.message if isinstance(exc, neo4j_errors.Neo4jError) else str(exc)
            raise StoreError(f"Neo4j refused the write, nothing was changed: {reason}") from None
        links_new = sum(len(k) for k in new_links.values())
        return WriteSummary(len(created_ids), len(updated_ids), links_new, links_old)

    def _properties(self, ids: list[str]) -> list[dict]:
        out: list[dict] = []
        query = f"UNWIND $ids AS i MATCH (n:{SHARED_LABEL} {{id: i}}) RETURN n.id AS id, properties(n) AS props"
        for start in range(0, len(ids), BATCH):
            out += [
                {"id": r["id"], "props": r["props"]} for r in self._read(query, {"ids": ids[start : start + BATCH]})
            ]
        return out

    def _undo(self, new_links: dict[str, list[dict]], created_ids: list[str], previous: list[dict]) -> None:
        with self._session() as session:
            for link_type, links in new_links.items():
                query = (
                    f"UNWIND $rows AS r MATCH (a:{SHARED_LABEL} {{id: r.source}})-[e:{link_type}]->"
                    f"(b:{SHARED_LABEL} {{id: r.target}}) WHERE e.{LINK_KEY} = r.{LINK_KEY} DELETE e"
                )
                for start in range(0, len(links), BATCH):
                    chunk = links[start : start + BATCH]
                    session.execute_write(lambda tx, q=query, c=chunk: tx.run(q, {"rows": c}).consume())
            query = f"UNWIND $ids AS i MATCH (n:{SHARED_LABEL} {{id: i}}) DETACH DELETE n"
            for start in range(0, len(created_ids), BATCH):
                chunk = created_ids[start : start + BATCH]
                session.execute_write(lambda tx, c=chunk: tx.run(query, {"ids": c}).consume())
            query = f"UNWIND $rows AS r MATCH (n:{SHARED_LABEL} {{id: r.id}}) SET n = r.props"
            for start in range(0, len(previous), BATCH):
                chunk = previous[start : start + BATCH]
                session.execute_write(lambda tx, c=chunk: tx.run(query, {"rows": c}).consume())

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
        query, params = links_cypher(link_types, columns, as_of, node_label=f":{SHARED_LABEL}", type_function="type")
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
        if write:
            self._require_writable()
        try:
            with self._session(read=not write) as session:
                run = session.execute_write if write else session.execute_read
                records = run(lambda tx: [dict(r.items()) for r in tx.run(query, params or {})])
        except neo4j_errors.ClientError as exc:
            code = exc.code or ""
            if "AccessMode" in code or "ForbiddenOnReadOnlyDatabase" in code:
                raise ReadOnlyError(
                    "this query writes, and the store was opened read-only; add --write to change the store"
                ) from None
            raise StoreError(f"Cypher error: {(exc.message or code).splitlines()[0]}") from None
        return [{k: plain_value(_native(v)) for k, v in rec.items()} for rec in records]
