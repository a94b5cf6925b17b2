"""Cypher at the command line: a query given as text, or one of the named queries."""

from __future__ import annotations

import click

from .options import json_option, open_from, param_option, parse_param, store_option
from .output import echo_json, print_rows


@click.command()
@click.argument("query")
@store_option
@param_option
@click.option("--write", is_flag=True, help="Allow the query to change the store.")
@click.option(
    "--raw",
    is_flag=True,
    help="Run the query exactly as written: no rewriting of Chinese labels, code labels, functions or columns.",
)
@json_option
def cypher(query, store, database, params, write, raw, as_json) -> None:
    """Run a Cypher QUERY. Read-only unless --write: the database itself refuses writes.

    Chinese class, link and property labels (MATCH (h:农户)-[:供货]->(c)), codes by their
    label (r.mechanism = '订单收购'), type(r) and labels(n) work on every store, and columns
    are named as written; see docs/cypher.md. --raw runs the query as it is.
    """
    from ..queries.researcher import run_cypher

    values = dict(parse_param(p) for p in params)
    with open_from(store, database, read_only=not write) as s:
        rows = run_cypher(s, query, values, write=write, raw=raw)
    print_rows(rows, as_json)


@click.command("queries")
@json_option
def list_queries(as_json) -> None:
    """List the named Cypher queries that `lianjie query NAME` runs, with their parameters."""
    from ..queries import named_queries

    found = named_queries()
    if as_json:
        echo_json([{"name": q.name, "description": q.description, "params": q.params} for q in found.values()])
        return
    for q in found.values():
        params = " ".join(f"--param {p}=..." for p in q.params)
        click.echo(f"{q.name}{' ' + params if params else ''}\n    {q.description}")
        for p, text in q.params.items():
            click.echo(f"    {p}: {text}")


@click.command("query")
@click.argument("name")
@store_option
@param_option
@json_option
def run_query(name, store, database, params, as_json) -> None:
    """Run the named query NAME (see `lianjie queries`), read-only."""
    from ..queries import run_named

    values = dict(parse_param(p) for p in params)
    with open_from(store, database, read_only=True) as s:
        rows = run_named(s, name, values)
    print_rows(rows, as_json)


COMMANDS = [cypher, list_queries, run_query]
