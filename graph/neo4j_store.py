"""The Neo4j store, through the official driver.

Every node carries its class label and the shared label ``Node`` (unique ``id``).
Writes are batched ``UNWIND ... MERGE`` statements in managed transactions, so a
retry is safe; a failed load is undone, leaving the database as it was. Read-only
Cypher runs in read-access transactions: Neo4j itself refuses the write.

This module opens the store: the connection, the server checks, lianjie's bookkeeping and
migrations. Writing is in :mod:`.neo4j_write`, the load journal in :mod:`.neo4j_journal`,
reading in :mod:`.neo4j_read`.
"""

from __future__ import annotations

import logging
import os
import re
from urllib.parse import unquote, urlsplit, urlunsplit

from neo4j import READ_ACCESS, GraphDatabase
from neo4j import exceptions as neo4j_errors

from ..ontology import Ontology
from . import neo4j_journal as journal
from .neo4j_journal import LoadJournal
from .neo4j_read import Neo4jReading
from .neo4j_write import BATCH, Neo4jWriting
from .schema import SHARED_LABEL, neo4j_constraints
from .store import ReadOnlyError, Store, StoreError

__all__ = ["BATCH", "SCHEMA_VERSION", "Neo4jStore", "check_version", "split_credentials"]

#: The driver logs every server notification as a warning; asking for a link type that has
#: no links yet is routine here (Store.links asks for all market types), so keep them quiet.
logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)

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


class Neo4jStore(Neo4jReading, Neo4jWriting, LoadJournal, Store):
    """A Neo4j 5 server reached by ``bolt://`` or ``neo4j://``.

    Credentials come from the URI (``bolt://user:pass@host:7687``) or from
    ``NEO4J_USER`` (default ``neo4j``) and ``NEO4J_PASSWORD``.
    """

    kind = "neo4j"
    dialect = "neo4j"
    integer_ends = True

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

    def _read(self, query: str, params: dict | None = None) -> list:
        with self._session(read=True) as session:
            return session.execute_read(lambda tx: list(tx.run(query, params or {})))

    def _require_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyError(f"the store at {self.describe()} is open read-only")
