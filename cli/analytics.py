"""The analytics commands: reach, audit, coverage, concentration, overlap, models, paths."""

from __future__ import annotations

import click
from rich.table import Table

from .options import as_of_option, json_option, mechanism_option, open_from, store_option, suppress_option
from .output import console, count, echo_json, fmt, print_audit, print_reach, progress


@click.command()
@store_option
@click.option("--channel", default=None, metavar="ID", help="Only this channel.")
@click.option("--households", "with_households", is_flag=True, help="List the ids of the households reached.")
@as_of_option
@mechanism_option
@suppress_option
@json_option
def reach(store, database, channel, with_households, as_of, mechanisms, suppress_below, as_json) -> None:
    """Households each sales channel reaches through market linkages."""
    from ..queries import reach as reach_table
    from ..queries.suppress import suppress

    with open_from(store, database, read_only=True) as s, progress("tracing reach"):
        rows = reach_table(s, channel=channel, as_of=as_of, with_households=with_households, mechanisms=mechanisms)
    rows = suppress(rows, ["households", "poor_households"], suppress_below)
    if as_json:
        echo_json(rows)
        return
    print_reach(rows, suppress_below)
    if with_households:
        for row in rows:
            click.echo(f"{row['channel']}: {' '.join(row['household_ids'])}")


@click.command()
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
    from ..queries import audit as audit_store
    from ..queries.suppress import suppress

    with open_from(store, database, read_only=True) as s, progress("auditing") as say:
        result = audit_store(s, as_of=as_of, mechanisms=mechanisms, progress=say)
    result["claims"] = suppress(result["claims"], ["traced", "traced_poor"], suppress_below, ["gap"])
    if as_json:
        echo_json(result)
        return
    print_audit(result, limit or None, suppress_below)


@click.command()
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
    from ..queries.coverage import coverage as coverage_by
    from ..queries.suppress import suppress

    with open_from(store, database, read_only=True) as s:
        rows = coverage_by(s, level, as_of=as_of)
    rows = suppress(rows, ["poor_households", "covered_poor"], suppress_below, ["coverage_rate"])
    if as_json:
        echo_json(rows)
        return
    table = Table(title=f"Coverage of registered-poor households by {level}")
    for col in (level, "name", "poor", "covered", "rate"):
        table.add_column(col, justify="left" if col in (level, "name") else "right")
    for r in rows:
        table.add_row(
            fmt(r["area"]) or "(unknown)",
            fmt(r["name"]),
            count(r["poor_households"], suppress_below),
            count(r["covered_poor"], suppress_below),
            "" if r["coverage_rate"] is None else f"{r['coverage_rate']:.1%}",
        )
    console().print(table)


@click.command()
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
    from ..queries.coverage import concentration as concentration_of
    from ..queries.suppress import suppress

    with open_from(store, database, read_only=True) as s:
        result = concentration_of(s, s.onto.resolve_class(of) or of, as_of=as_of)
    result["shares"] = suppress(result["shares"], ["poor_households"], suppress_below, ["share"])
    if as_json:
        echo_json(result)
        return
    click.echo(
        f"{result['nodes']} {result['of']} nodes; top share {fmt(result['top_share'])}, HHI {fmt(result['hhi'])}"
    )
    for item in result["shares"][:20]:
        share = "" if item["share"] is None else f"{item['share']:.1%}"
        click.echo(f"  {item['id']:<24} {count(item['poor_households'], suppress_below):>8}  {share}")


@click.command()
@store_option
@click.option("--all-households", is_flag=True, help="Count every household, not only registered-poor ones.")
@as_of_option
@suppress_option
@json_option
def overlap(store, database, all_households, as_of, suppress_below, as_json) -> None:
    """The channel overlap matrix: how many poor households each pair of channels both reach."""
    from ..queries.coverage import overlap as overlap_matrix
    from ..queries.results import overlap_result

    with open_from(store, database, read_only=True) as s:
        result = overlap_matrix(s, as_of=as_of, poor_only=not all_households)
    table_result = overlap_result(result).suppressed(suppress_below)
    result["matrix"] = [[row[c] for c in result["channels"]] for row in table_result.rows]
    if as_json:
        echo_json(result)
        return
    table = Table(title="Households reached by both channels")
    table.add_column("")
    for c in result["channels"]:
        table.add_column(c, justify="right")
    for c, row in zip(result["channels"], result["matrix"]):
        table.add_row(c, *(count(v, suppress_below) for v in row))
    console().print(table)


@click.command()
@store_option
@click.option("--instances", "with_instances", is_flag=True, help="Also list each instance's organisations by role.")
@click.option(
    "--define",
    "define",
    multiple=True,
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="A TOML file of models of one's own (see docs/models.md), found after the named ones; repeatable. "
    "Default: the files in $LIANJIE_MODELS.",
)
@suppress_option
@json_option
def models(store, database, with_instances, define, suppress_below, as_json) -> None:
    """Each named model (模式) of the sources, and any defined with --define, found by its pattern:
    instances and households reached."""
    from ..queries.model_file import read_models
    from ..queries.models import models as find_models
    from ..queries.suppress import suppress

    with open_from(store, database, read_only=True) as s:
        defined = read_models(define, s.onto)
        rows = find_models(s, with_instances=with_instances, defined=defined)
    rows = suppress(rows, ["households"], suppress_below)
    for r in rows:
        if "instance_list" in r:
            r["instance_list"] = suppress(r["instance_list"], ["households"], suppress_below)
    if as_json:
        echo_json(rows)
        return
    table = Table(title="Models (模式) found by their pattern of links")
    for col in ("model", "instances", "households", "incomplete"):
        table.add_column(col, justify="left" if col == "model" else "right")
    for r in rows:
        table.add_row(
            r["model"] + (" (defined)" if r.get("defined") else ""),
            str(r["instances"]),
            count(r["households"], suppress_below),
            str(r.get("incomplete", "")),
        )
    console().print(table)
    if with_instances:
        for r in rows:
            for inst in r.get("instance_list", []):
                click.echo(f"{r['model']}: {inst}")


@click.command()
@click.argument("household")
@store_option
@as_of_option
@click.option("--max-chains", default=20, show_default=True, help="At most this many chains per channel.")
@suppress_option
@json_option
def paths(household, store, database, as_of, max_chains, suppress_below, as_json) -> None:
    """The chains of market links that join HOUSEHOLD to every channel it reaches.

    With --suppress-below N (N > 1) the amounts and quantities of the household's own links
    are hidden: one family's money is as identifying as a count of one.
    """
    from ..queries import paths as household_paths
    from ..queries.results import hide_own_amounts

    with open_from(store, database, read_only=True) as s:
        result = household_paths(s, household, as_of=as_of, max_chains=max_chains)
    if suppress_below > 1:
        result = hide_own_amounts(result)
    if as_json:
        echo_json(result)
        return
    if not result:
        click.echo(f"{household}: no channel reaches this household")
        return
    for item in result:
        click.echo(
            f"{item['channel']} ({fmt(item['name'])}): {len(item['chains'])} chain(s)"
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


COMMANDS = [reach, audit, coverage, concentration, overlap, models, paths]
