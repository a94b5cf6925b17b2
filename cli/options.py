"""Option decorators and parsers shared by the commands; opening the store they name."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import click

from ..base.checkpoints import checkpoint
from ..graph import default_store, open_store
from ..graph.store import Store


class RegistryChoice(click.Choice):
    """A choice among the names of a registry, read when the command runs, so plug-ins registered later count."""

    def __init__(self, names: Callable[[], list[str]]) -> None:
        self._names = names
        super().__init__(names())

    @property
    def choices(self) -> list[str]:  # type: ignore[override]
        return self._names()

    @choices.setter
    def choices(self, value) -> None:
        pass


def store_option(f: Callable) -> Callable:
    f = click.option(
        "--database",
        default=None,
        envvar="LIANJIE_DATABASE",
        help="Neo4j only: the database to use (default: the server's default database).",
    )(f)
    return click.option(
        "--store",
        "store",
        default=None,
        metavar="PATH|URI",
        help="An embedded database file, or a bolt:// / neo4j:// URI. Default: $LIANJIE_STORE, else ./lianjie.db.",
    )(f)


def param_option(f: Callable) -> Callable:
    """``--param KEY=VALUE`` (repeatable), the parameters of a Cypher query; read with :func:`parse_param`."""
    return click.option(
        "--param",
        "params",
        multiple=True,
        metavar="KEY=VALUE",
        help="A query parameter ($KEY); VALUE is read as JSON when it parses, else as text.",
    )(f)


def json_option(f: Callable) -> Callable:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(f)


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2020-06-30") from None


def _parse_mechanisms(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[str] | None:
    if not values:
        return None
    from ..ontology import load_ontology

    onto, codes = load_ontology(), []
    for value in values:
        code = onto.resolve_code("Mechanism", value)
        if code is None:
            choices = ", ".join(onto.codelists["Mechanism"].codes)
            raise click.BadParameter(f"{value!r} is not a mechanism; expected one of {choices} (or 中文 labels)")
        codes.append(code)
    return codes


def suppress_option(f: Callable) -> Callable:
    return click.option(
        "--suppress-below",
        "suppress_below",
        default=0,
        envvar="LIANJIE_SUPPRESS_BELOW",
        show_default=True,
        type=click.IntRange(min=0),
        metavar="N",
        help="Hide household counts from 1 to N-1 (and rates or gaps made from them) for publication.",
    )(f)


def mechanism_option(f: Callable) -> Callable:
    return click.option(
        "--mechanism",
        "mechanisms",
        multiple=True,
        callback=_parse_mechanisms,
        metavar="CODE",
        help="Count a household's own links only with this mechanism (repeatable), e.g. wage_employment or 务工.",
    )(f)


def as_of_option(f: Callable) -> Callable:
    return click.option(
        "--as-of",
        callback=_parse_date,
        metavar="YYYY-MM-DD",
        help="Count only links valid on this date (from their start and end).",
    )(f)


def open_from(store: str | None, database: str | None = None, read_only: bool = False) -> Store:
    """Open the store; what opening it did that the user should hear of (a dead load undone) is a ``note:``."""
    opened = open_store(store or default_store(), read_only=read_only, database=database)
    for notice in opened.notices:
        click.echo(f"note: {notice}", err=True)
    checkpoint("open")
    return opened


def parse_param(text: str) -> tuple[str, object]:
    if "=" not in text:
        raise click.BadParameter(f"{text!r} is not KEY=VALUE", param_hint="--param")
    key, raw = text.split("=", 1)
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    return key.strip(), value
