"""What the hardening suites share: real ``lianjie`` processes, two datasets, a store's whole content."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import TEST_KEY, snapshot
from lianjie.graph import open_store
from lianjie.graph.convert import is_missing
from toy_graphs import TOY_LINKS, TOY_NODES

LIANJIE = [sys.executable, "-m", "lianjie.cli"]


def env(**extra: str) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if not k.startswith("LIANJIE_TEST_PAUSE")}
    out["LIANJIE_KEY"] = TEST_KEY.decode()
    out.pop("LIANJIE_STORE", None)
    out.update(extra)
    return out


def run(*args: str, timeout: float = 300, **extra: str) -> subprocess.CompletedProcess:
    """Run ``lianjie ARGS`` to the end; its output as text."""
    return subprocess.run([*LIANJIE, *args], env=env(**extra), capture_output=True, text=True, timeout=timeout)


def start(*args: str, **extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*LIANJIE, *args], env=env(**extra), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def paused(args: list[str], stage: str, marker: Path, timeout: float = 240, **extra: str) -> subprocess.Popen:
    """Start ``lianjie ARGS`` and return once it sits at checkpoint ``stage`` (see lianjie.base.checkpoints)."""
    marker.unlink(missing_ok=True)
    proc = start(*args, LIANJIE_TEST_PAUSE_AT=stage, LIANJIE_TEST_PAUSE_FILE=str(marker), **extra)
    deadline = time.monotonic() + timeout
    while not marker.exists():
        if proc.poll() is not None:
            out, err = proc.communicate()
            raise AssertionError(f"lianjie {' '.join(args)} ended (exit {proc.returncode}) before {stage}: {out}{err}")
        if time.monotonic() > deadline:
            kill(proc)
            raise AssertionError(f"lianjie {' '.join(args)} did not reach {stage} in {timeout} s")
        time.sleep(0.05)
    return proc


def kill(proc: subprocess.Popen) -> None:
    """SIGKILL: no handler, no finally, no atexit runs."""
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()


#: The first load: part of the toy graph.
OLD_NODES = TOY_NODES[:8]
OLD_LINKS = [link for link in TOY_LINKS if {link[0], link[1]} <= {n[0] for n in OLD_NODES}]
#: The killed load: the whole toy graph, with new names for the first three nodes (updates).
NEW_NODES = [[n[0], n[1], n[2] + "（新）", *n[3:]] if i < 3 else n for i, n in enumerate(TOY_NODES)]
NEW_LINKS = TOY_LINKS


def _plain(value: object) -> object:
    if is_missing(value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def contents(location: str) -> dict:
    """Every node and link with its values, in the same form from either store, and a count of all nodes."""
    with open_store(location, read_only=True) as s:
        everything = s.cypher("MATCH (n) RETURN count(n) AS n")[0]["n"]
        snap = snapshot(s)
        nodes = {}
        for cls in s.onto.classes:
            cols = [p.name for p in s.onto.stored_node_properties(cls)] + ["extra"]
            for rec in s.nodes(cls, cols).to_dict("records"):
                nodes[rec["id"]] = (cls, sorted((k, str(_plain(v))) for k, v in rec.items()))
        cols = ["key"] + [p.name for p in s.onto.stored_link_properties]
        links = sorted(
            str(sorted((k, _plain(v)) for k, v in r.items()))
            for r in s.links(s.onto.link_types, cols).to_dict("records")
        )
        assert len(snap["nodes"]) == len(nodes)
    return {"nodes": nodes, "links": links, "all nodes": everything}
