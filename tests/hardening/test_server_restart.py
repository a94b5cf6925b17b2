"""The Neo4j server dies (SIGKILL, like a power cut) and comes back while a load is writing."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hardening_support import NEW_LINKS, NEW_NODES, OLD_LINKS, OLD_NODES, contents, paused, run
from lianjie.graph import open_store
from lianjie.loaders import load
from toy_graphs import LINK_HEADER, NODE_HEADER

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "neo4j-local"


def _local_server(uri: str) -> Path:
    """The run dir of the scripts/neo4j-local server behind ``uri``; the test needs to restart it."""
    run_dir = Path(os.environ.get("LIANJIE_NEO4J_RUN") or ROOT / ".neo4j-local")
    uri_file = run_dir / "neo4j.uri"
    known = uri_file.read_text().strip() if uri_file.exists() else ""
    if urlsplit(known).port != urlsplit(uri).port:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {uri} is not the server scripts/neo4j-local runs from {run_dir}")
        pytest.skip(f"{uri} is not the server scripts/neo4j-local runs from {run_dir}; cannot restart it")
    return run_dir


def _kill_and_restart(run_dir: Path, port: int) -> None:
    pid = int((run_dir / "neo4j.pid").read_text().strip())
    os.kill(pid, signal.SIGKILL)
    while True:
        try:
            os.kill(pid, 0)
            time.sleep(0.1)
        except ProcessLookupError:
            break
    env = {**os.environ, "LIANJIE_NEO4J_PORT": str(port), "LIANJIE_NEO4J_RUN": str(run_dir)}
    env.setdefault("LIANJIE_NEO4J_HEAP", "768m")
    started = subprocess.run([str(SCRIPT), "start"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=400)
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip().splitlines()[-1].endswith(f":{port}")


def test_a_load_survives_the_server_dying_and_coming_back(neo4j_reset, dataset_dir, tmp_path):
    uri = neo4j_reset()
    run_dir = _local_server(uri)
    old = dataset_dir(OLD_NODES, OLD_LINKS, NODE_HEADER, LINK_HEADER, name="old")
    new = dataset_dir(NEW_NODES, NEW_LINKS, NODE_HEADER, LINK_HEADER, name="new")
    with open_store(uri) as s:
        load(s, [old])
    before = contents(uri)
    reference = str(tmp_path / "reference.db")
    with open_store(reference) as s:
        load(s, [old])
        load(s, [new])
    after = contents(reference)

    marker = tmp_path / "marker"
    # two rows a batch: the load has written its first batch and has more to write
    proc = paused(
        ["load", str(new), "--store", uri], "write", marker, LIANJIE_TEST_PAUSE_RESUME="1", LIANJIE_NEO4J_BATCH="2"
    )
    _kill_and_restart(run_dir, urlsplit(uri).port)
    marker.unlink()  # the load goes on, against the new server process
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, out + err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines[-1].startswith("Error: the connection to Neo4j") and "nothing was changed" in lines[-1]
    assert "Traceback" not in err

    opened = run("info", "--store", uri, "--json")
    assert opened.returncode == 0, opened.stderr
    assert contents(uri) == before
    again = run("load", str(new), "--store", uri)
    assert again.returncode == 0, again.stderr
    assert contents(uri) == after
