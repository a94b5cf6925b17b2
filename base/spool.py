"""The scratch folder a chunked load keeps its new links in until its nodes are written, named by its process.

A load removes its folder when it ends, however it ends, except when the process is killed
outright (SIGKILL, a power cut). The folder's name carries the process id, so the next load
removes the folders of loads whose process is gone; a folder whose process still runs (another
load at work) is left alone. The files hold pseudonymised ids only.

Examples
--------
>>> import os, tempfile
>>> with tempfile.TemporaryDirectory() as where:
...     folder = make_spool(where)
...     folder.name.startswith(f"lianjie-links-{os.getpid()}-"), remove_orphans(where)
(True, [])
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

PREFIX = "lianjie-links-"
_NAMED = re.compile(re.escape(PREFIX) + r"(\d+)-")


def make_spool(where: str | Path | None = None) -> Path:
    """A new scratch folder under ``where`` (the temporary folder by default), named by this process."""
    return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=where))


def running(pid: int) -> bool:
    """Whether a process with this id exists (one of another user counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def remove_orphans(where: str | Path | None = None) -> list[Path]:
    """Remove the scratch folders under ``where`` whose load's process is gone; the folders removed."""
    removed = []
    try:
        entries = list(os.scandir(where or tempfile.gettempdir()))
    except OSError:
        return removed
    for entry in entries:
        named = _NAMED.match(entry.name)
        if named and entry.is_dir(follow_symlinks=False) and not running(int(named.group(1))):
            shutil.rmtree(entry.path, ignore_errors=True)
            if not os.path.exists(entry.path):
                removed.append(Path(entry.path))
    return removed
