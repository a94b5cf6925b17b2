"""The ``lianjie`` command line: thin click commands over the library API."""

from __future__ import annotations

import datetime as dt
import json
import os
import select
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from . import __version__
from .graph import default_store, open_store
from .graph.store import Store
from .loaders.errors import DatasetError, LianjieError


# -- shared options --------------------------------------------------------------


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
    from .ontology import load_ontology

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


def _count(value: object, below: int) -> str:
    """A count for a text table; a hidden one shows as <N."""
    return f"<{below}" if value is None and below > 1 else _fmt(value)


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


def _open(store: str | None, database: str | None = None, read_only: bool = False) -> Store:
    return open_store(store or default_store(), read_only=read_only, database=database)


def _console() -> Console:
    return Console(file=sys.stdout, soft_wrap=False, width=None if sys.stdout.isatty() else 120)


@contextmanager
def _progress(message: str) -> Iterator[Callable[[str], None]]:
    """A spinner with the current stage on stderr; silent when stderr is not a terminal."""
    if not sys.stderr.isatty():
        yield lambda _message: None
        return
    with Console(stderr=True).status(message) as status:
        yield lambda text: status.update(text)


def _echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _fmt(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


class LianjieGroup(click.Group):
    """Turns every error a user can cause into one clear message and exit code 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DatasetError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            if exc.total > len(exc.problems):
                click.echo(f"... and {exc.total - len(exc.problems)} more", err=True)
            raise click.ClickException(exc.summary()) from None
        except LianjieError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError as exc:
            if not _stdout_closed():
                raise click.ClickException(f"{exc.strerror}: {exc.filename or 'output'}") from None
            _quiet_stdout()  # the reader went away (``lianjie … | head``): stop quietly, as other tools do
            raise click.exceptions.Exit(1) from None
        except OSError as exc:  # a path that cannot be read or written: the user's to fix
            raise click.ClickException(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")) from None


@click.group(cls=LianjieGroup)
@click.version_option(__version__, prog_name="lianjie")
def main() -> None:
    """lianjie (联结): benefit linkages of rural e-commerce and consumption
    poverty alleviation as a knowledge graph you can query, draw and audit.

    Start with `lianjie demo`.
    """


# -- commands ----------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
def load(paths: tuple[Path, ...], store: str | None, database: str | None) -> None:
    """Validate the dataset at PATHS whole, then load it in one transaction.

    PATHS are folders with nodes.csv / links.csv, .xlsx workbooks with sheets
    nodes and links, .json files, or single .csv tables. Headers and type names
    may be Chinese. Nothing is written if any problem is found; loading the same
    data twice changes nothing.
    """
    from .loaders import load as load_dataset

    with _open(store, database) as s, _progress("loading") as progress:
        report = load_dataset(s, paths, progress=progress)
        for notice in report.notices:
            click.echo(f"note: {notice}", err=True)
        w = report.summary
        click.echo(
            f"loaded {report.nodes_read} nodes ({w.nodes_created} new, {w.nodes_updated} updated) and "
            f"{report.links_read} links ({w.links_created} new, {w.links_unchanged} already stored) into {s.describe()}"
        )


@main.command()
@store_option
@click.option("--channel", default=None, metavar="ID", help="Only this channel.")
@click.option("--households", "with_households", is_flag=True, help="List the ids of the households reached.")
@as_of_option
@mechanism_option
@suppress_option
@json_option
def reach(store, database, channel, with_households, as_of, mechanisms, suppress_below, as_json) -> None:
    """Households each sales channel reaches through market linkages."""
    from .queries import reach as reach_table
    from .queries.suppress import suppress

    with _open(store, database, read_only=True) as s, _progress("tracing reach"):
        rows = reach_table(s, channel=channel, as_of=as_of, with_households=with_households, mechanisms=mechanisms)
    rows = suppress(rows, ["households", "poor_households"], suppress_below)
    if as_json:
        _echo_json(rows)
        return
    _print_reach(rows, suppress_below)
    if with_households:
        for row in rows:
            click.echo(f"{row['channel']}: {' '.join(row['household_ids'])}")


def _print_reach(rows: list[dict], below: int = 0) -> None:
    table = Table(title="Reach of each sales channel (market linkages)")
    for col in ("channel", "name", "kind", "households", "poor households"):
        table.add_column(col, justify="right" if "households" in col else "left")
    for r in rows:
        table.add_row(
            r["channel"],
            _fmt(r["name"]),
            _fmt(r["kind"]),
            _count(r["households"], below),
            _count(r["poor_households"], below),
        )
    _console().print(table)


@main.command()
@store_option
@as_of_option
@mechanism_option
@click.option(
    "--limit",
    default=20,
    show_default=True,
    type=click.IntRange(min=0),
    help="Household ids and claims shown in the text report (claims with the largest gap first); 0 shows all.",
)
@suppress_option
@json_option
def audit(store, database, as_of, mechanisms, limit, suppress_below, as_json) -> None:
    """Registered-poor households no channel reaches, or only one; claims against traces."""
    from .queries import audit as audit_store
    from .queries.suppress import suppress

    with _open(store, database, read_only=True) as s, _progress("auditing") as progress:
        result = audit_store(s, as_of=as_of, mechanisms=mechanisms, progress=progress)
    result["claims"] = suppress(result["claims"], ["traced", "traced_poor"], suppress_below, ["gap"])
    if as_json:
        _echo_json(result)
        return
    _print_audit(result, limit or None, suppress_below)


def _print_audit(result: dict, limit: int | None = 20, below: int = 0) -> None:
    rate = result["coverage_rate"]
    click.echo(
        f"households: {result['households']}, registered poor: {result['poor_households']}, "
        f"reached by a channel: {result['covered_poor']}" + (f" ({rate:.1%})" if rate is not None else "")
    )
    for key, label in (("uncovered_poor", "uncovered (no channel)"), ("single_channel_poor", "fragile (one channel)")):
        ids = result[key]
        shown = " ".join(ids[:limit]) + (f" … (+{len(ids) - limit})" if limit and len(ids) > limit else "")
        click.echo(f"{label}: {len(ids)}" + (f": {shown}" if ids else ""))
    claims = sorted(result["claims"], key=lambda c: (c["gap"] is None, -(c["gap"] or 0), c["id"]))
    if claims:
        title = "Claimed against traced households"
        if limit and len(claims) > limit:
            title += f" (the {limit} largest gaps of {len(claims)}; --limit 0 or --json for all)"
        table = Table(title=title)
        for col in ("id", "name", "type", "claimed", "traced", "of them poor", "gap"):
            table.add_column(col, justify="left" if col in ("id", "name", "type") else "right")
        for c in claims[:limit]:
            table.add_row(
                c["id"],
                _fmt(c["name"]),
                c["type"],
                str(c["claimed"]),
                _count(c["traced"], below),
                _count(c["traced_poor"], below),
                _count(c["gap"], below),
            )
        _console().print(table)


@main.command()
@store_option
@click.option(
    "--by",
    "level",
    type=click.Choice(["village", "town", "county"]),
    default="village",
    show_default=True,
    help="The administrative level to group by (households follow LOCATED_IN upward).",
)
@as_of_option
@suppress_option
@json_option
def coverage(store, database, level, as_of, suppress_below, as_json) -> None:
    """Coverage rate of registered-poor households by village, town or county."""
    from .queries.coverage import coverage as coverage_by
    from .queries.suppress import suppress

    with _open(store, database, read_only=True) as s:
        rows = coverage_by(s, level, as_of=as_of)
    rows = suppress(rows, ["poor_households", "covered_poor"], suppress_below, ["coverage_rate"])
    if as_json:
        _echo_json(rows)
        return
    table = Table(title=f"Coverage of registered-poor households by {level}")
    for col in (level, "name", "poor", "covered", "rate"):
        table.add_column(col, justify="left" if col in (level, "name") else "right")
    for r in rows:
        table.add_row(
            _fmt(r["area"]) or "(unknown)",
            _fmt(r["name"]),
            _count(r["poor_households"], suppress_below),
            _count(r["covered_poor"], suppress_below),
            "" if r["coverage_rate"] is None else f"{r['coverage_rate']:.1%}",
        )
    _console().print(table)


@main.command()
@store_option
@click.option(
    "--of",
    "of",
    default="Channel",
    show_default=True,
    metavar="CLASS",
    help="Whose share of reach: Channel, Enterprise, Cooperative, ...",
)
@as_of_option
@suppress_option
@json_option
def concentration(store, database, of, as_of, suppress_below, as_json) -> None:
    """How concentrated the reach of poor households is on a few channels or organisations (top share, HHI)."""
    from .queries.coverage import concentration as concentration_of
    from .queries.suppress import suppress

    with _open(store, database, read_only=True) as s:
        result = concentration_of(s, s.onto.resolve_class(of) or of, as_of=as_of)
    result["shares"] = suppress(result["shares"], ["poor_households"], suppress_below, ["share"])
    if as_json:
        _echo_json(result)
        return
    click.echo(
        f"{result['nodes']} {result['of']} nodes; top share {_fmt(result['top_share'])}, HHI {_fmt(result['hhi'])}"
    )
    for item in result["shares"][:20]:
        share = "" if item["share"] is None else f"{item['share']:.1%}"
        click.echo(f"  {item['id']:<24} {_count(item['poor_households'], suppress_below):>8}  {share}")


@main.command()
@store_option
@click.option("--all-households", is_flag=True, help="Count every household, not only registered-poor ones.")
@as_of_option
@json_option
def overlap(store, database, all_households, as_of, as_json) -> None:
    """The channel overlap matrix: how many poor households each pair of channels both reach."""
    from .queries.coverage import overlap as overlap_matrix

    with _open(store, database, read_only=True) as s:
        result = overlap_matrix(s, as_of=as_of, poor_only=not all_households)
    if as_json:
        _echo_json(result)
        return
    table = Table(title="Households reached by both channels")
    table.add_column("")
    for c in result["channels"]:
        table.add_column(c, justify="right")
    for c, row in zip(result["channels"], result["matrix"]):
        table.add_row(c, *map(str, row))
    _console().print(table)


@main.command()
@store_option
@click.option("--instances", "with_instances", is_flag=True, help="Also list each instance's organisations by role.")
@json_option
def models(store, database, with_instances, as_json) -> None:
    """Each named model (模式) of the sources, found by its pattern: instances and households reached."""
    from .queries.models import models as find_models

    with _open(store, database, read_only=True) as s:
        rows = find_models(s, with_instances=with_instances)
    if as_json:
        _echo_json(rows)
        return
    table = Table(title="Models (模式) found by their pattern of links")
    for col in ("model", "instances", "households", "incomplete"):
        table.add_column(col, justify="left" if col == "model" else "right")
    for r in rows:
        table.add_row(r["model"], str(r["instances"]), str(r["households"]), str(r.get("incomplete", "")))
    _console().print(table)
    if with_instances:
        for r in rows:
            for inst in r.get("instance_list", []):
                click.echo(f"{r['model']}: {inst}")


@main.command()
@click.argument("household")
@store_option
@as_of_option
@click.option("--max-chains", default=20, show_default=True, help="At most this many chains per channel.")
@json_option
def paths(household, store, database, as_of, max_chains, as_json) -> None:
    """The chains of market links that join HOUSEHOLD to every channel it reaches."""
    from .queries import paths as household_paths

    with _open(store, database, read_only=True) as s:
        result = household_paths(s, household, as_of=as_of, max_chains=max_chains)
    if as_json:
        _echo_json(result)
        return
    if not result:
        click.echo(f"{household}: no channel reaches this household")
        return
    for item in result:
        click.echo(
            f"{item['channel']} ({_fmt(item['name'])}): {len(item['chains'])} chain(s)"
            + (" (more not shown)" if item["truncated"] else "")
        )
        for chain in item["chains"]:
            parts = [chain[0]["from"]]
            for hop in chain:
                kinds = ", ".join(
                    link["type"]
                    + (f" {link['mechanism']}" if "mechanism" in link else "")
                    + (f" {link['amount']:,.0f}元" if "amount" in link else "")
                    for link in hop["links"]
                )
                parts.append(f"-[{kinds}]-> {hop['to']}")
            click.echo("  " + " ".join(parts))


def _parse_param(text: str) -> tuple[str, object]:
    if "=" not in text:
        raise click.BadParameter(f"{text!r} is not KEY=VALUE", param_hint="--param")
    key, raw = text.split("=", 1)
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    return key.strip(), value


@main.command()
@click.argument("query")
@store_option
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A query parameter ($KEY); VALUE is read as JSON when it parses, else as text.",
)
@click.option("--write", is_flag=True, help="Allow the query to change the store.")
@json_option
def cypher(query, store, database, params, write, as_json) -> None:
    """Run a Cypher QUERY. Read-only unless --write: the database itself refuses writes."""
    values = dict(_parse_param(p) for p in params)
    with _open(store, database, read_only=not write) as s:
        rows = s.cypher(query, values, write=write)
    _print_rows(rows, as_json)


def _print_rows(rows: list[dict], as_json: bool) -> None:
    if as_json:
        _echo_json(rows)
        return
    if not rows:
        click.echo("(no rows)")
        return
    table = Table()
    for col in rows[0]:
        table.add_column(col)
    for row in rows:
        table.add_row(
            *(
                json.dumps(v, ensure_ascii=False, default=str) if isinstance(v, (dict, list)) else _fmt(v)
                for v in row.values()
            )
        )
    _console().print(table)


@main.command()
@store_option
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def reset(store, database, yes) -> None:
    """Remove every node and link from a store."""
    location = store or default_store()
    if not yes:
        if not sys.stdin.isatty():
            raise click.ClickException(f"reset empties {location}; add --yes to confirm")
        click.confirm(f"Remove every node and link from {location}?", abort=True)
    with _open(location, database) as s:
        s.reset()
        click.echo(f"emptied {s.describe()}")


@main.command()
@store_option
@json_option
def info(store, database, as_json) -> None:
    """How many nodes of each class and links of each type a store holds."""
    with _open(store, database, read_only=True) as s:
        counts = s.counts()
        where = s.describe()
    if as_json:
        _echo_json({"store": where, "counts": counts})
        return
    click.echo(where)
    for name, n in counts.items():
        click.echo(f"  {name:<16} {n:>10,}")


@main.command("queries")
@json_option
def list_queries(as_json) -> None:
    """List the named Cypher queries that `lianjie query NAME` runs, with their parameters."""
    from .queries import named_queries

    found = named_queries()
    if as_json:
        _echo_json([{"name": q.name, "description": q.description, "params": q.params} for q in found.values()])
        return
    for q in found.values():
        params = " ".join(f"--param {p}=..." for p in q.params)
        click.echo(f"{q.name}{' ' + params if params else ''}\n    {q.description}")
        for p, text in q.params.items():
            click.echo(f"    {p}: {text}")


@main.command("query")
@click.argument("name")
@store_option
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A query parameter; VALUE is read as JSON when it parses, else as text.",
)
@json_option
def run_query(name, store, database, params, as_json) -> None:
    """Run the named query NAME (see `lianjie queries`), read-only."""
    from .queries import run_named

    values = dict(_parse_param(p) for p in params)
    with _open(store, database, read_only=True) as s:
        rows = run_named(s, name, values)
    _print_rows(rows, as_json)


@main.command()
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
    with _open(store, database, read_only=True) as s:
        if fmt == "neo4j-admin":
            from .graph.export import export_neo4j_admin

            result = export_neo4j_admin(s, out)
            click.echo(
                f"wrote {result['nodes']:,} nodes and {result['links']:,} links "
                f"in {len(result['files'])} files to {out}"
            )
            click.echo("import them into a stopped Neo4j server with:")
            click.echo(result["command"])
            return
        if fmt == "turtle":
            from .graph.rdf import to_rdf

            graph = to_rdf(s)
            out.parent.mkdir(parents=True, exist_ok=True)
            graph.serialize(destination=str(out), format="turtle")
            click.echo(f"wrote {len(graph):,} triples to {out}")
            return
        import networkx as nx

        from .queries.export import to_networkx

        g = to_networkx(s)
    for _, data in g.nodes(data=True):
        data.update({k: str(v) for k, v in data.items() if not isinstance(v, (str, int, float, bool))})
    for _, _, data in g.edges(data=True):
        data.update({k: str(v) for k, v in data.items() if not isinstance(v, (str, int, float, bool))})
    out.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(g, out)
    click.echo(f"wrote {g.number_of_nodes():,} nodes and {g.number_of_edges():,} links to {out}")


@main.command()
def schema() -> None:
    """Print every node class, link type, column, alias and code the loader accepts (Markdown)."""
    from .ontology import load_ontology
    from .ontology.describe import describe_markdown

    click.echo(describe_markdown(load_ontology()), nl=False)


@main.command()
@store_option
@click.option(
    "--out",
    "out_dir",
    default="lianjie-demo",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Folder for the demo store and the network page.",
)
def demo(store, database, out_dir: Path) -> None:
    """Load the case dataset of the two source articles, print reach, audit and models, draw the network.

    The case dataset holds every organisation, channel and figure of the Lingshan and
    Baojing articles with its quote, plus a synthetic household roster (marked
    synthetic) where the articles list none: see datasets/case/README.md.
    """
    from .loaders import load as load_dataset
    from .queries import audit as audit_store
    from .queries import reach as reach_table
    from .queries.models import models as find_models
    from .viz import render_network

    location = store or str(out_dir / "store.db")
    case = resources.files("lianjie.datasets").joinpath("case")
    with resources.as_file(case) as case_path, _open(location, database) as s, _progress("loading") as progress:
        report = load_dataset(s, [case_path], progress=progress)
        w = report.summary
        click.echo(
            f"Loaded the Lingshan and Baojing case dataset ({report.nodes_read:,} nodes, {report.links_read:,} "
            f"links; {w.nodes_created:,} new nodes, {w.links_created:,} new links) into {s.describe()}\n"
        )
        _print_reach(reach_table(s))
        click.echo()
        _print_audit(audit_store(s))
        click.echo()
        table = Table(title="Models (模式) found by their pattern of links")
        for col in ("model", "instances", "households"):
            table.add_column(col, justify="left" if col == "model" else "right")
        for r in find_models(s):
            table.add_row(r["model"], str(r["instances"]), str(r["households"]))
        _console().print(table)
        page = render_network(
            s, out_dir / "network.html", title="lianjie demo: the Lingshan and Baojing case", max_nodes=800
        )
        where = s.describe()
    click.echo(f"\nStore:   {where}")
    click.echo(
        f"Network: {page['path']} ({page['nodes']} nodes, {page['links']} links; open it in a browser, works offline)"
    )
    click.echo(
        f"Next:    lianjie paths HOUSEHOLD_ID --store {where}   |   "
        f"lianjie cypher 'MATCH (n) RETURN count(n)' --store {where}"
    )


def _stdout_closed() -> bool:
    """Whether standard output is a pipe whose reader has gone (the system reports an error on it)."""
    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        return any(events & select.POLLERR for _, events in poller.poll(0))
    except (AttributeError, OSError, ValueError):
        return False


def _quiet_stdout() -> None:
    """Point standard output at the null device, so nothing more is written to a closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def run() -> None:
    """The ``lianjie`` console script: :func:`main`, then a quick exit.

    By the time a command returns it has closed its store and its files; tearing the
    interpreter down would only free memory, a fifth of a second after a province-scale
    audit. So the output is flushed and the process ends at once.
    """
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # nobody left to read it, or closed
            code = code or 1
    os._exit(code)


if __name__ == "__main__":
    run()
