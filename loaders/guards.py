"""Refuse files that are not the tables they claim to be before a reader spends memory on them.

A workbook (``.xlsx``, ``.xlsm``) is a zip archive. Its members say how large they unpack;
a "zip bomb" is a small file that would unpack to gigabytes, which a spreadsheet reader would
try to hold in memory. Plain registers compress about ten to thirty times, so a member that
would unpack more than :data:`MAX_RATIO` times its packed size and past :data:`RATIO_FROM`
bytes, or a workbook past :data:`MAX_UNPACKED` bytes in all, is refused in one line. The
declared sizes are also what the reader gets: Python's zip reader stops at them.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from ..base.errors import LianjieError

#: Bytes a workbook may unpack to in all (``LIANJIE_MAX_UNPACKED`` overrides it).
MAX_UNPACKED = int(os.environ.get("LIANJIE_MAX_UNPACKED") or 8 << 30)
#: How many times its packed size a large member may unpack to.
MAX_RATIO = 200
#: Members smaller than this are never judged by their ratio.
RATIO_FROM = 64 << 20


def _size(n: int) -> str:
    return f"{n / (1 << 30):.1f} GB" if n >= 1 << 30 else f"{n / (1 << 20):.0f} MB"


def check_workbook(path: Path) -> None:
    """Raise :class:`LianjieError` if the workbook at ``path`` would unpack to an unreasonable size."""
    if path.suffix.lower() not in (".xlsx", ".xlsm") or not zipfile.is_zipfile(path):
        return  # not a zip: the reader says what is wrong with it
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED:
        raise LianjieError(
            f"{path}: the workbook would unpack to {_size(total)}, more than the {_size(MAX_UNPACKED)} lianjie reads "
            "(LIANJIE_MAX_UNPACKED); split it, or save it as CSV"
        )
    for m in members:
        if m.file_size > RATIO_FROM and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise LianjieError(
                f"{path}: {m.filename} would unpack to {_size(m.file_size)} from {_size(m.compress_size)} "
                f"({m.file_size // max(m.compress_size, 1):,} times): not a workbook a register makes; nothing was read"
            )


def check_text(data: bytes, path: str) -> None:
    """Raise :class:`LianjieError` for bytes that are not text (NUL bytes outside UTF-16)."""
    at = data.find(b"\x00")
    if at >= 0:
        raise LianjieError(
            f"{path}: not a text table (a NUL byte at byte {at:,}); expected CSV text in UTF-8, GB18030 or "
            "UTF-16 (save it from Excel as \"CSV UTF-8\")"
        )
