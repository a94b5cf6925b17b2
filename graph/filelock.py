"""One writer or many readers per embedded store, across processes: a lock file beside the store.

LadybugDB lets a reader open a database file while another process writes it, and a load
into an empty store renames a new file over it; so lianjie takes a lock of its own on
``<store>.lock`` before it opens the store: shared to read, exclusive to write. The lock
is the operating system's (``flock``): it goes when the process ends, however it ends, so
a killed command never leaves a lock that blocks the next one (the empty file stays).

A command that finds the store busy waits up to ``LIANJIE_LOCK_WAIT`` seconds (default
10), then stops with one line saying who holds it. Within one process, stores opened on
the same file share one lock, so a program may hold a store open for writing and still
read it through another handle.
"""

from __future__ import annotations

import fcntl
import os
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .store import StoreBusyError

#: Seconds to wait for a busy store when ``LIANJIE_LOCK_WAIT`` does not say.
DEFAULT_WAIT = 10.0


@dataclass
class _Held:
    fd: int
    exclusive: bool
    readers: int = 0
    writers: int = 0


_held: dict[str, _Held] = {}
_guard = threading.Lock()


def lock_path(store: Path) -> Path:
    """The lock file of a store: ``<store>.lock`` beside it."""
    return store.with_name(store.name + ".lock")


def _wait_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("LIANJIE_LOCK_WAIT", DEFAULT_WAIT)))
    except ValueError:
        return DEFAULT_WAIT


def _holder(path: Path) -> str:
    """What the writer holding the lock wrote into it (its pid and command), if anything."""
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError:
        return ""
    return f" ({text})" if text else ""


def _take(fd: int, exclusive: bool, path: Path, store: Path) -> None:
    mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
    deadline = time.monotonic() + _wait_seconds()
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                doing = "using" if exclusive else "writing to"
                raise StoreBusyError(
                    f"the store at {store} is busy: another lianjie command{_holder(path)} is {doing} it; "
                    f"try again when it has finished (waited {_wait_seconds():g} s; LIANJIE_LOCK_WAIT=SECONDS "
                    "waits longer)"
                ) from None
            time.sleep(0.05)


def acquire(store: Path, exclusive: bool) -> None:
    """Take the store's lock for this process: shared to read, exclusive to write (see the module)."""
    path = lock_path(store)
    key = str(path.resolve())
    with _guard:
        held = _held.get(key)
        if held is None:
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError:
                if exclusive:
                    raise
                return  # a read-only place: readers go without the lock
            try:
                _take(fd, exclusive, path, store)
            except BaseException:
                os.close(fd)
                raise
            held = _held[key] = _Held(fd, exclusive)
        elif exclusive and not held.exclusive:
            _take(held.fd, True, path, store)
            held.exclusive = True
        if exclusive:
            held.writers += 1
            os.ftruncate(held.fd, 0)
            os.pwrite(held.fd, f"pid {os.getpid()}: {' '.join(_command())}".encode(), 0)
        else:
            held.readers += 1


def _command() -> list[str]:
    args = [os.path.basename(sys.argv[0]) or "python", *sys.argv[1:3]] if sys.argv else ["python"]
    return ["lianjie" if a.endswith(("lianjie", "__main__.py")) else a for a in args]


def release(store: Path, exclusive: bool) -> None:
    """Give back what :func:`acquire` took; the lock goes when the last handle in the process closes."""
    key = str(lock_path(store).resolve())
    with _guard:
        held = _held.get(key)
        if held is None:
            return
        if exclusive:
            held.writers -= 1
        else:
            held.readers -= 1
        if held.writers <= 0 and held.exclusive:
            os.ftruncate(held.fd, 0)
            if held.readers > 0:
                fcntl.flock(held.fd, fcntl.LOCK_SH)
                held.exclusive = False
        if held.readers <= 0 and held.writers <= 0:
            fcntl.flock(held.fd, fcntl.LOCK_UN)
            os.close(held.fd)
            del _held[key]
