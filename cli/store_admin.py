"""Looking after a store: how much it holds, emptying it, exporting it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..graph import default_store
from .options import json_option, open_from, store_option
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


@click.command()
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["neo4j-admin", "turtle", "graphml"]),
    default="neo4j-admin",
    show_default=True,
    help="neo4j-admin: import CSVs (OUT is a folder); turtle: linked data in the "
    "ontology's terms; graphml: for networkx, Gephi, yEd (OUT is a file).",
)
@click.argument("out", type=click.Path(path_type=Path))
def export(store, database, fmt, out) -> None:
    """Export the store to OUT: CSVs for neo4j-admin, RDF Turtle, or GraphML.

    neo4j-admin is the bulk path into a new Neo4j database: stop the server, run
    the printed command, start it again, then open it once with any lianjie command
    to create the constraints.
    """
    with open_from(store, database, read_only=True) as s:
        if fmt == "neo4j-admin":
            from ..graph.export import export_neo4j_admin

            result = export_neo4j_admin(s, out)
            click.echo(
                f"wrote {result['nodes']:,} nodes and {result['links']:,} links "
                f"in {len(result['files'])} files to {out}"
            )
            click.echo("import them into a stopped Neo4j server with:")
            click.echo(result["command"])
            return
        if fmt == "turtle":
            from ..graph.rdf import to_rdf

            graph = to_rdf(s)
            out.parent.mkdir(parents=True, exist_ok=True)
            graph.serialize(destination=str(out), format="turtle")
            click.echo(f"wrote {len(graph):,} triples to {out}")
            return
        import networkx as nx

        from ..queries.export import to_networkx

        g = to_networkx(s)
    for _, data in g.nodes(data=True):
        data.update({k: str(v) for k, v in data.items() if not isinstance(v, (str, int, float, bool))})
    for _, _, data in g.edges(data=True):
        data.update({k: str(v) for k, v in data.items() if not isinstance(v, (str, int, float, bool))})
    out.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(g, out)
    click.echo(f"wrote {g.number_of_nodes():,} nodes and {g.number_of_edges():,} links to {out}")


COMMANDS = [reset, info, export]
