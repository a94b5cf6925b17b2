"""Looking after a store: how much it holds, emptying it, exporting it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..graph import default_store
from ..graph.writers import writer, writer_info, writer_names
from .options import RegistryChoice, json_option, open_from, store_option
from .output import echo_json


@click.command()
@store_option
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def reset(store, database, yes) -> None:
    """Remove every node and link from a store."""
    location = store or default_store()
    if not yes:
        if not sys.stdin.isatty():
            raise click.ClickException(f"reset empties {location}; add --yes to confirm")
        click.confirm(f"Remove every node and link from {location}?", abort=True)
    with open_from(location, database) as s:
        s.reset()
        click.echo(f"emptied {s.describe()}")


@click.command()
@store_option
@json_option
def info(store, database, as_json) -> None:
    """How many nodes of each class and links of each type a store holds."""
    with open_from(store, database, read_only=True) as s:
        counts = s.counts()
        where = s.describe()
    if as_json:
        echo_json({"store": where, "counts": counts})
        return
    click.echo(where)
    for name, n in counts.items():
        click.echo(f"  {name:<16} {n:>10,}")


def _formats_help() -> str:
    return "; ".join(f"{n}: {writer_info(n)['help']} (OUT is a {writer_info(n)['output']})" for n in writer_names())


@click.command()
@store_option
@click.option(
    "--format",
    "fmt",
    type=RegistryChoice(writer_names),
    default="neo4j-admin",
    show_default=True,
    help=_formats_help() + ".",
)
@click.argument("out", type=click.Path(path_type=Path))
def export(store, database, fmt, out) -> None:
    """Export the store to OUT: CSVs for neo4j-admin, RDF Turtle, or GraphML.

    neo4j-admin is the bulk path into a new Neo4j database: stop the server, run
    the printed command, start it again, then open it once with any lianjie command
    to create the constraints. The formats are those of lianjie.graph.writers.
    """
    with open_from(store, database, read_only=True) as s:
        lines = writer(fmt)(s, out)
    for line in lines:
        click.echo(line)


COMMANDS = [reset, info, export]
