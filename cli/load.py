"""``lianjie load``: validate a dataset whole, then write it."""

from __future__ import annotations

import csv
from pathlib import Path

import click

from ..base.errors import DatasetError
from .options import json_option, open_from, store_option
from .output import console, echo_json, progress


def layout_options(f):
    """``--roster-of`` and ``--mapping``: how to read tables lianjie cannot read by their headers alone."""
    f = click.option(
        "--mapping",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help="A mapping file (TOML) naming the layout and the field of each header, for tables not "
        "recognised by themselves; `lianjie inspect FILE --write-mapping M` writes one to edit.",
    )(f)
    return click.option(
        "--roster-of",
        "roster_of",
        default=None,
        metavar="ORG",
        help="The organisation (id or name) whose roster of claimed households (带贫名单) the files are.",
    )(f)


def write_problems(problems: list, path: Path) -> None:
    """Every problem as a CSV row (UTF-8 with BOM, so Excel reads the Chinese); cells that a
    spreadsheet would run as a formula are quoted with ``'`` (:func:`~lianjie.base.cells.safe_cell`)."""
    from ..base.cells import safe_cell

    def cell(value) -> str:
        return safe_cell("" if value is None else str(value))

    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["file", "line", "column", "kind", "problem"])
        for p in problems:
            out.writerow(
                [cell(p.file), p.line if p.line is not None else "", cell(p.column), cell(p.group), cell(p.message)]
            )


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@layout_options
@click.option(
    "--problems",
    "problems_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write every problem found to this CSV file (file, line, column, kind, problem); empty when none.",
)
def load(
    paths: tuple[Path, ...],
    store: str | None,
    database: str | None,
    roster_of: str | None,
    mapping: Path | None,
    problems_file: Path | None,
) -> None:
    """Validate the dataset at PATHS whole, then load it in one transaction.

    PATHS are household registers (监测对象信息), linkage ledgers (带贫台账) and, with
    --roster-of, rosters (带贫名单), as .xlsx, .xls or .csv files, recognised by their
    headers; or lianjie's own form: folders with nodes.csv / links.csv, .xlsx workbooks
    with sheets nodes and links, .json files, or single .csv tables. All PATHS are checked
    together: nothing is written if any problem is found; loading the same data twice
    changes nothing. `lianjie inspect PATHS` shows what would be read, without writing.
    """
    from ..loaders import load as load_dataset

    with open_from(store, database) as s, progress("loading") as say:
        try:
            report = load_dataset(s, paths, progress=say, roster_of=roster_of, mapping=mapping)
        except DatasetError as exc:
            if problems_file is not None:
                write_problems(exc.problems, problems_file)
                exc.written_to = problems_file
                kept = len(exc.problems)
                click.echo(
                    f"wrote {kept:,} problem{'s' if kept != 1 else ''} to {problems_file}"
                    + (f" (the first {kept:,} of {exc.total:,})" if exc.total > kept else ""),
                    err=True,
                )
            raise
        if problems_file is not None:
            write_problems([], problems_file)
        for notice in report.notices:
            click.echo(f"note: {notice}", err=True)
        w = report.summary
        click.echo(
            f"loaded {report.nodes_read} nodes ({w.nodes_created} new, {w.nodes_updated} updated) and "
            f"{report.links_read} links ({w.links_created} new, {w.links_unchanged} already stored) into {s.describe()}"
        )


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--store",
    "store",
    default=None,
    metavar="PATH|URI",
    help="Also look organisations and households up in this store, as a load into it would.",
)
@click.option("--database", default=None, envvar="LIANJIE_DATABASE", help="Neo4j only: the database to use.")
@layout_options
@click.option(
    "--write-mapping",
    "write_mapping",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the guessed mapping (TOML) to this file, for you to correct and pass to --mapping.",
)
@json_option
def inspect(
    paths: tuple[Path, ...],
    store: str | None,
    database: str | None,
    roster_of: str | None,
    mapping: Path | None,
    write_mapping: Path | None,
    as_json: bool,
) -> None:
    """Show what a load of PATHS would read, and the problems it would report; write nothing.

    For each sheet: the layout it was read as, the line of its header, which header became
    which field and property, and which columns are ignored and why.
    """
    from contextlib import nullcontext

    from ..loaders.layouts import read_mapping
    from ..loaders.layouts.inspect import guess_mapping
    from ..loaders.layouts.inspect import inspect as inspect_files
    from ..ontology import load_ontology

    onto = load_ontology()
    column_mapping = read_mapping(mapping, onto) if mapping else None
    opened = open_from(store, database, read_only=True) if store else nullcontext(None)
    with opened as s:
        result = inspect_files(paths, s.onto if s is not None else onto, s, roster_of, column_mapping)
    if write_mapping is not None:
        write_mapping.write_text(guess_mapping(paths, onto, roster_of, column_mapping), encoding="utf-8")
        result["mapping_written"] = str(write_mapping)
    if as_json:
        echo_json(result)
        return
    _print_inspection(result)


def _print_inspection(result: dict) -> None:
    from rich.table import Table

    from ..loaders.layouts import LAYOUTS

    for sheet in result["sheets"]:
        layout = sheet["layout"]
        if layout is None:
            click.echo(f"{sheet['file']}: {sheet['note']}")
            continue
        title = LAYOUTS[layout].title if layout in LAYOUTS else f"{layout} (lianjie's own form)"
        where = f", header on line {sheet['header_line']}" if sheet["header_line"] else ""
        click.echo(f"{sheet['file']}: read as a {title}{where}, {sheet['rows']:,} rows")
        if sheet["columns"]:
            table = Table(show_edge=False)
            for col in ("column", "field", "becomes"):
                table.add_column(col)
            for column, name, stored in sheet["columns"]:
                table.add_row(column, name, stored)
            console().print(table)
        for column, why in sheet["ignored"]:
            click.echo(f"  ignored {column}: {why}")
        if sheet["note"]:
            click.echo(f"  {sheet['note']}")
    for notice in result["notices"]:
        click.echo(f"note: {notice}")
    if result["problem_count"]:
        click.echo(f"a load would report {result['problem_count']} problem(s) and write nothing:")
        for line in result["problems"]:
            click.echo(f"  {line}")
        if result["problem_count"] > len(result["problems"]):
            click.echo(f"  ... and {result['problem_count'] - len(result['problems'])} more")
    else:
        click.echo(f"no problems: a load would write {result['nodes']:,} nodes and {result['links']:,} links")
    if result.get("mapping_written"):
        click.echo(f"wrote the guessed mapping to {result['mapping_written']}; edit it and pass it with --mapping")


COMMANDS = [load, inspect]
