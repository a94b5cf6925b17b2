"""Print an HTML page to PDF with headless Chromium, where it is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..base.errors import LianjieError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class ChromiumMissing(LianjieError):
    """No headless Chromium to print with."""


def find_chromium() -> str | None:
    """The Chromium to use: ``$LIANJIE_CHROMIUM``, else the first of the usual names on the PATH."""
    given = os.environ.get("LIANJIE_CHROMIUM")
    if given:
        return given if Path(given).exists() else None
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def chromium_command(browser: str, profile: str) -> list[str]:
    """Flags for a quiet, offline headless run."""
    return [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        f"--user-data-dir={profile}",
    ]


def print_pdf(html_path: str | Path, pdf_path: str | Path, timeout: float = 180) -> Path:
    """Print ``html_path`` to ``pdf_path``; raises :class:`ChromiumMissing` with what to install when there is none."""
    browser = find_chromium()
    if browser is None:
        raise ChromiumMissing(
            "--pdf needs Chromium, and none was found (install it, e.g. apt-get install chromium, "
            "or set LIANJIE_CHROMIUM to its path); the HTML report was written"
        )
    pdf_path = Path(pdf_path).resolve()
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lianjie-chromium-") as profile:
        cmd = [
            *chromium_command(browser, profile),
            "--no-pdf-header-footer",
            "--virtual-time-budget=10000",
            f"--print-to-pdf={pdf_path}",
            Path(html_path).resolve().as_uri(),
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if not pdf_path.exists() or pdf_path.stat().st_size == 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise LianjieError(f"Chromium could not print {html_path} to PDF: {last}")
    return pdf_path
