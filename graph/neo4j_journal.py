"""The journal of a load into Neo4j, kept in the database so a dead loader's work can be undone.

A load into Neo4j commits in batches (one transaction for a county would outgrow a server's
transaction memory), so the database must itself know what a load has done so far:

* a load begins by creating one ``LianjieLoad`` node (a uniqueness constraint lets only one
  load run at a time) and holds a write lock on it in an open transaction for as long as it
  runs; the server drops that lock when the loader's connection goes, however it goes
  (``kill -9``, a closed laptop, a cut network, a server restart);
* every batch writes, in the same transaction, one ``LianjieLoadStep`` node recording what it
  did: the ids of the nodes it created, the previous properties of the nodes it updated
  (JSON), and the ends and keys of the links it created between nodes stored before the load
  (a link touching a node the load created goes when that node is deleted);
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

from ..base.checkpoints import checkpoint
from .neo4j_lists import collected
from .schema import LINK_KEY, SHARED_LABEL
from .store import StoreBusyError, StoreError

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


class _VanishedNode(Exception):
    """A link's end was deleted between validation and writing."""


class LoadJournal:
    """The journalled load of :class:`~lianjie.graph.neo4j_store.Neo4jStore`: running a load's
    batches under a journal, and settling the journal a dead loader left."""

    def _settle_loads(self, writing: bool) -> None:
        """Undo or finish the load a dead loader left; wait for a live one (see neo4j_journal)."""
        deadline = time.monotonic() + wait_seconds()
        while True:
            loads = self._read(f"MATCH (l:{LOAD_LABEL}) RETURN l.id AS id, l.state AS state, l.by AS by")
            live = None
            for record in loads:
                held, state = probe(self._session, record["id"])
                if held:
                    live = record
                elif state is not None:  # read under the lock: the loader cannot have moved on
                    self._finish_dead_load(record["id"], state, record["by"])
            if live is None:
                return
            if time.monotonic() >= deadline:
                raise StoreBusyError(
                    f"the store at {self.describe()} is busy: a lianjie load ({live['by']}) is writing to it; "
                    f"try again when it has finished (waited {wait_seconds():g} s; LIANJIE_LOCK_WAIT=SECONDS "
                    "waits longer)"
                )
            pause(0.2)

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
        steps = self._read(f"MATCH (s:{STEP_LABEL} {{load: $id}}) RETURN s ORDER BY s.seq DESC", {"id": load_id})
        steps = [dict(r["s"].items()) for r in steps]
        with self._session() as session:

            def run(query: str, **params) -> None:
                session.execute_write(lambda tx: tx.run(query, params).consume())

            for step in steps:
                if step.get("keys"):  # links between nodes stored before; the others go with their new ends
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
                    rows = [{"id": r["id"], "props": decode_props(r["props"])} for r in json.loads(step["previous"])]
                    run(f"UNWIND $rows AS r MATCH (n:{SHARED_LABEL} {{id: r.id}}) SET n = r.props", rows=rows)
        self._drop_journal(load_id)
        return len(steps)

    def _drop_journal(self, load_id: str) -> None:
        with self._session() as session:
            while session.execute_write(
                lambda tx: tx.run(
                    f"MATCH (s:{STEP_LABEL} {{load: $id}}) WITH s LIMIT 100 DELETE s RETURN count(*) AS n",
                    {"id": load_id},
                ).single()["n"]
            ):
                pass
            session.run(f"MATCH (l:{LOAD_LABEL} {{id: $id}}) DELETE l", {"id": load_id}).consume()

    def _run_load(self, batches: list[tuple[str, list[dict], dict]]) -> None:
        """Run the batches under a journal (see :mod:`lianjie.graph.neo4j_journal`); all or nothing."""
        load_id = new_load_id()
        with self._session() as session:
            try:
                session.run(
                    f"CREATE (l:{LOAD_LABEL} {{slot: 'load', id: $id, state: 'writing', "
                    "started: datetime(), by: $by})",
                    {"id": load_id, "by": who()},
                ).consume()
            except neo4j_errors.ConstraintError:
                self._settle_loads(writing=True)  # waits for the other load, or undoes a dead one
                return self._run_load(batches)
        lock_session = self._session()
        lock = lock_session.begin_transaction()
        lock.run(f"MATCH (l:{LOAD_LABEL} {{id: $id}}) SET l.alive = true", {"id": load_id}).consume()

        def run_batch(tx, seq: int, query: str, rows: list[dict], step: dict) -> None:
            record = tx.run(query, {"rows": rows}).single()
            if record is not None and record["n"] != len(rows):
                raise _VanishedNode(f"{len(rows) - record['n']} links point at nodes no longer in the store")
            tx.run(
                f"CREATE (s:{STEP_LABEL}) SET s = $step, s.load = $id, s.seq = $seq",
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
            lock.run(f"MATCH (s:{STEP_LABEL} {{load: $id}}) DELETE s", {"id": load_id}).consume()
            lock.run(f"MATCH (l:{LOAD_LABEL} {{id: $id}}) DELETE l", {"id": load_id}).consume()
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
        query = f"UNWIND $ids AS i MATCH (n:{SHARED_LABEL} {{id: i}}) RETURN collect([n.id, properties(n)]) AS rows"
        rows = [{"id": i, "props": encode_props(props)} for i, props in collected(self._read, query, {"ids": ids})]
        return json.dumps(rows, ensure_ascii=False)
