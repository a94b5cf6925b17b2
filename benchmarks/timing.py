"""Timing and peak memory of benchmark steps: the one wrapper both benchmark scripts use.

Each step runs as its own process (start-up included, as a user sees it); its wall time
and its peak memory (the maximum resident set size the kernel reports for it) are printed
on one line and returned.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One timed run: wall seconds, peak memory in MB, CPU seconds."""

    seconds: float
    peak_mb: float
    cpu: float


def lianjie_command() -> list[str]:
    """The ``lianjie`` command beside this Python, else the module run by it."""
    path = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
    exe = shutil.which("lianjie", path=path)
    return [exe] if exe else [sys.executable, "-m", "lianjie.cli"]


def run_process(label: str, argv: list[str], rows: int | None = None, width: int = 40) -> Step:
    """Run ``argv``, discard its output, print wall time, rows/s and peak memory; fail loudly if it fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    error = proc.stderr.read().decode(errors="replace").strip()  # read first: a full pipe would block the child
    proc.stderr.close()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{label} failed ({proc.returncode}): {error}")
    step = Step(elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)
    rate = f"  {rows / elapsed:>11,.0f} rows/s" if rows else " " * 19
    print(
        f"  {label:<{width}} {elapsed:8.2f} s{rate}  peak {step.peak_mb:>8,.0f} MB  (cpu {step.cpu:.1f} s)", flush=True
    )
    return step


def run_cli(label: str, args: list[str], rows: int | None = None, width: int = 40) -> Step:
    """Run one ``lianjie`` command (see :func:`run_process`)."""
    return run_process(label, [*lianjie_command(), *args], rows, width)


def load_average() -> str:
    """The machine's load average over 1, 5 and 15 minutes, to print beside timings."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} ({os.cpu_count()} cores)"


def calibrate() -> float:
    """Seconds for a fixed single-core workload: how fast this shared machine is right now.

    Timings taken while it is, say, 1.3 times its usual value ran on a machine 1.3 times
    slower; print it beside them, so their noise can be read.
    """
    import numpy as np

    start = time.perf_counter()
    total = 0
    for i in range(8_000_000):
        total += i & 7
    np.sort(np.random.default_rng(0).random(4_000_000))
    return time.perf_counter() - start


def summary(label: str, times: list[float], width: int = 31) -> None:
    """Best and worst of repeats, on one line."""
    print(f"  best of {len(times)}: {label:<{width}} {min(times):8.2f} s   (worst {max(times):.2f} s)", flush=True)
