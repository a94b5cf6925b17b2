"""Running real ``lianjie`` processes for the crash and concurrency suites."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import TEST_KEY

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
