"""The journal of a load into Neo4j, kept in the database so a dead loader's work can be undone.

A load into Neo4j commits in batches (one transaction for a county would outgrow a server's
transaction memory), so the database must itself know what a load has done so far:

* a load begins by creating one ``LianjieLoad`` node (a uniqueness constraint lets only one
  load run at a time) and holds a write lock on it in an open transaction for as long as it
  runs; the server drops that lock when the loader's connection goes, however it goes
  (``kill -9``, a closed laptop, a cut network, a server restart);
* every batch writes, in the same transaction, one ``LianjieLoadStep`` node recording what it
  did: the ids of the nodes it created, the previous properties of the nodes it updated
  (JSON), and the ends and keys of the links it created;
* at the end, in the transaction that holds the lock, the load removes its journal: the
  load is complete exactly when its journal is gone.

Any command that opens the store and finds a journal whose lock it can take knows the loader
is gone: an unfinished load is rolled back from its steps (links, then created nodes deleted,
updated nodes given their previous properties), a committed one just has its journal removed,
and the command says so in a ``note:``. A journal whose lock is held belongs to a live load:
the command waits for it up to ``LIANJIE_LOCK_WAIT`` seconds, then says the store is busy.

The journal nodes carry neither the ``Node`` label nor a class, so no lianjie query meets
them; a user's ``MATCH (n)`` sees them only while a load runs or after one died, until the
next command clears it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sys
import time
import uuid

from neo4j import exceptions as neo4j_errors

LOAD_LABEL = "LianjieLoad"
STEP_LABEL = "LianjieLoadStep"
#: The one-load-at-a-time constraint.
LOAD_CONSTRAINT = f"CREATE CONSTRAINT lianjie_load_slot IF NOT EXISTS FOR (l:{LOAD_LABEL}) REQUIRE l.slot IS UNIQUE"
#: Seconds a probe waits for a journal's lock before judging its load alive.
PROBE_SECONDS = 1.0


def new_load_id() -> str:
    return uuid.uuid4().hex


def who() -> str:
    """The loading process, for messages: host, pid and command."""
    command = " ".join(["lianjie", *sys.argv[1:2]]) if sys.argv else "python"
    return f"pid {os.getpid()} on {socket.gethostname()}: {command}"


def encode_props(props: dict) -> str:
    """A node's properties as JSON text, dates marked so they come back as dates."""

    def plain(value: object) -> object:
        if hasattr(value, "to_native"):
            value = value.to_native()
        if isinstance(value, dt.date):
            return {"$date": value.isoformat()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    return json.dumps({k: plain(v) for k, v in props.items()}, ensure_ascii=False)


def decode_props(text: str) -> dict:
    def typed(value: object) -> object:
        if isinstance(value, dict) and set(value) == {"$date"}:
            return dt.date.fromisoformat(value["$date"])
        if isinstance(value, list):
            return [typed(v) for v in value]
        return value

    return {k: typed(v) for k, v in json.loads(text).items()}


def wait_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("LIANJIE_LOCK_WAIT", 10)))
    except ValueError:
        return 10.0


def probe(session_factory, load_id: str) -> tuple[bool, str | None]:
    """Whether a live loader holds the journal's lock (try to take it for a moment), and, if
    not, the load's state read under the lock (None when the load has ended meanwhile)."""
    with session_factory() as session:
        tx = session.begin_transaction(timeout=PROBE_SECONDS)
        try:
            record = tx.run(
                f"MATCH (l:{LOAD_LABEL} {{id: $id}}) SET l.probed = timestamp() RETURN l.state AS state",
                {"id": load_id},
            ).single()
            tx.rollback()
            return False, None if record is None else record["state"]
        except (neo4j_errors.TransientError, neo4j_errors.ClientError) as exc:
            code = exc.code or ""
            if "Terminated" in code or "Timeout" in code or "Lock" in code or "Deadlock" in code:
                return True, None
            raise
        finally:
            if not tx.closed():
                tx.close()


def pause(seconds: float) -> None:
    time.sleep(seconds)
