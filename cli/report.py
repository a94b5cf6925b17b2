"""``lianjie report``: the audit as a document (HTML with charts; Excel and PDF on request)."""

from __future__ import annotations

from pathlib import Path

import click

from ..base.errors import LianjieError
from .options import as_of_option, json_option, mechanism_option, open_from, store_option, suppress_option
from .output import echo_json, progress


@click.command()
@store_option
@click.option("--out", "out", required=True, type=click.Path(path_type=Path), help="The report page to write (.html).")
@click.option("--xlsx", "xlsx", default=None, type=click.Path(path_type=Path), help="Also write the tables as Excel.")
@click.option("--pdf", "pdf", default=None, type=click.Path(path_type=Path), help="Also print the page to PDF.")
@as_of_option
@mechanism_option
@suppress_option
@json_option
def report(store, database, out, xlsx, pdf, as_of, mechanisms, suppress_below, as_json) -> None:
    """The audit as a report a county office can read: headline figures, coverage by area, uncovered and
    fragile households, claims against traces, reach, concentration, overlap, models, provenance.

    --xlsx writes the same tables, one per sheet, headers in Chinese and English; --pdf prints the
    page with headless Chromium where it is installed. --suppress-below N hides household counts
    from 1 to N-1 (and the rates made from them) in all three.
    """
    from ..queries.report import report as report_content
    from ..render import print_pdf, write_report, write_xlsx

    with open_from(store, database, read_only=True) as s, progress("auditing") as say:
        content = report_content(s, as_of=as_of, mechanisms=mechanisms, suppress_below=suppress_below, progress=say)
    written = {}
    try:
        written["html"] = write_report(content, out)["path"]
        if xlsx is not None:
            written["xlsx"] = write_xlsx(content, xlsx)["path"]
    except OSError as exc:
        raise LianjieError(f"cannot write {exc.filename}: {exc.strerror}") from None
    if pdf is not None:
        written["pdf"] = str(print_pdf(written["html"], pdf))
    if as_json:
        head = content["headline"].rows[0]
        echo_json({"path": written["html"], "written": written, "headline": head, "suppress_below": suppress_below})
        return
    for kind, path in written.items():
        click.echo(f"Wrote {kind.upper():<4} {path}")


COMMANDS = [report]
