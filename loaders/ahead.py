"""The parts of a load worked out one ahead, in a thread, while the store writes the last one.

The database's ``COPY`` runs in its own threads and lets Python go on meanwhile, so the next
chunk can be read and validated while the previous one is written. At most one part waits
finished (memory stays bounded by two chunks). The parts come out in order; an error the
parts raise comes out where the next part would have, and leaving early (an error while
writing, an interrupt) stops the work and lets the parts clean up (their ``finally`` runs).

Examples
--------
>>> list(ahead(iter(range(5))))
[0, 1, 2, 3, 4]
>>> def failing():
...     yield 1
...     raise ValueError("line 9: bad")
>>> parts = ahead(failing())
>>> next(parts)
1
>>> next(parts)
Traceback (most recent call last):
ValueError: line 9: bad
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Generator, Iterator
from typing import TypeVar

T = TypeVar("T")
_END = object()


def ahead(parts: Iterator[T]) -> Iterator[T]:
    """``parts``, each worked out in a thread while the caller handles the one before."""
    handed: queue.Queue = queue.Queue(maxsize=1)
    stop = threading.Event()

    def work() -> None:
        try:
            for part in parts:
                if not _put(handed, (part, None), stop):
                    break
            else:
                _put(handed, (_END, None), stop)
        except BaseException as exc:  # handed on, raised in the caller's thread
            _put(handed, (_END, exc), stop)
        finally:
            close = getattr(parts, "close", None)
            if close is not None:
                close()

    thread = threading.Thread(target=work, name="lianjie-parts", daemon=True)
    thread.start()
    return _take(handed, stop, thread)


def _put(handed: queue.Queue, item: tuple, stop: threading.Event) -> bool:
    """Hand an item over once there is room; False if the caller has stopped."""
    while not stop.is_set():
        try:
            handed.put(item, timeout=0.1)
            return True
        except queue.Full:
            continue
    return False


def _take(handed: queue.Queue, stop: threading.Event, thread: threading.Thread) -> Generator:
    try:
        while True:
            part, error = handed.get()
            if error is not None:
                raise error
            if part is _END:
                return
            yield part
            part = None
    finally:
        stop.set()
        thread.join()
