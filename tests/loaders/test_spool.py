"""A chunked load's scratch folder of ``village`` links: named by its process, removed by the next load
once that process is gone (killed outright, it could not remove it itself), kept while it runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hardening_support import kill, paused, run
from lianjie.base.spool import make_spool, remove_orphans
from toy_graphs import LINK_HEADER, NODE_HEADER, TOY_LINKS, TOY_NODES

_MAKE = (
    "import sys, time; from lianjie.base.spool import make_spool; "
    "print(make_spool(sys.argv[1]), flush=True); time.sleep(600)"
)


def test_the_folder_of_a_killed_process_is_removed_and_that_of_a_running_one_kept(tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", _MAKE, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    dead = Path(proc.stdout.readline().strip())
    assert dead.name.startswith(f"lianjie-links-{proc.pid}-") and dead.parent == tmp_path
    (dead / "0.parquet").write_bytes(b"pid-0123")
    proc.kill()
    proc.wait()
    live = make_spool(tmp_path)  # this process's: it runs
    (tmp_path / "lianjie-links-unnamed").mkdir()  # not named by a process: not ours to judge
    assert remove_orphans(tmp_path) == [dead]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, "lianjie-links-unnamed"])


def test_a_load_removes_the_folder_of_a_load_killed_while_writing(tmp_path, dataset_dir):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    nodes = [[*n, "v1" if n[1] == "Household" else None] for n in TOY_NODES]  # village links: spooled
    folder = dataset_dir(nodes, TOY_LINKS, [*NODE_HEADER, "village"], LINK_HEADER)
    store = tmp_path / "g.db"
    settings = {"LIANJIE_CHUNK_ROWS": "3", "TMPDIR": str(scratch)}
    proc = paused(["load", str(folder), "--store", str(store)], "write", tmp_path / "marker", **settings)
    kill(proc)
    (left,) = scratch.iterdir()
    assert left.name.startswith(f"lianjie-links-{proc.pid}-")
    live = make_spool(scratch)
    again = run("load", str(folder), "--store", str(store), **settings)
    assert again.returncode == 0, again.stderr
    assert list(scratch.iterdir()) == [live]  # the killed load's gone, the running one's kept, its own removed
