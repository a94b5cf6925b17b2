"""``lianjie load``: validate a dataset whole, then write it."""

from __future__ import annotations

from pathlib import Path

import click

from .options import open_from, store_option
from .output import progress


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
def load(paths: tuple[Path, ...], store: str | None, database: str | None) -> None:
    """Validate the dataset at PATHS whole, then load it in one transaction.

    PATHS are folders with nodes.csv / links.csv, .xlsx workbooks with sheets
    nodes and links, .json files, or single .csv tables. Headers and type names
    may be Chinese. Nothing is written if any problem is found; loading the same
    data twice changes nothing.
    """
    from ..loaders import load as load_dataset

    with open_from(store, database) as s, progress("loading") as say:
        report = load_dataset(s, paths, progress=say)
        for notice in report.notices:
            click.echo(f"note: {notice}", err=True)
        w = report.summary
        click.echo(
            f"loaded {report.nodes_read} nodes ({w.nodes_created} new, {w.nodes_updated} updated) and "
            f"{report.links_read} links ({w.links_created} new, {w.links_unchanged} already stored) into {s.describe()}"
        )


COMMANDS = [load]
