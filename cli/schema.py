"""``lianjie schema``: what the loader accepts, from the ontology."""

from __future__ import annotations

import click


@click.command()
def schema() -> None:
    """Print every node class, link type, column, alias and code the loader accepts (Markdown)."""
    from ..ontology import load_ontology
    from ..ontology.describe import describe_markdown

    click.echo(describe_markdown(load_ontology()), nl=False)


COMMANDS = [schema]
