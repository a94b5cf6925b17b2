"""``lianjie draw``: one self-contained network page of a chosen view of the store."""

from __future__ import annotations

from pathlib import Path

import click

from ..base.errors import LianjieError
from .options import as_of_option, json_option, mechanism_option, open_from, store_option, suppress_option
from .output import echo_json, progress

VIEW_OPTIONS = ("channel", "household", "model", "area", "around")


@click.command()
@store_option
@click.option("--out", "out", required=True, type=click.Path(path_type=Path), help="The page to write (.html).")
@click.option("--channel", default=None, metavar="ID", help="Everything upstream of this channel.")
@click.option("--household", default=None, metavar="ID", help="This household's chains to channels, or its dead ends.")
@click.option("--model", default=None, metavar="NAME", help="The instances of this named model (模式).")
@click.option("--area", default=None, metavar="ID", help="This village, town or county and what links into it.")
@click.option("--around", default=None, metavar="ID", help="The neighbourhood of any node.")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(min=1), help="With --around: links away.")
@click.option(
    "--max-nodes",
    default=3000,
    show_default=True,
    type=click.IntRange(10, 5000),
    help="Draw at most this many nodes (households and organisations are rolled up to fit).",
)
@click.option(
    "--organisations",
    default=300,
    show_default=True,
    type=click.IntRange(min=0),
    help="Organisations drawn one by one at most; past this the most linked stay and the others are "
    "grouped per class and area (village, town or county).",
)
@as_of_option
@mechanism_option
@suppress_option
@json_option
def draw(
    store,
    database,
    out,
    channel,
    household,
    model,
    area,
    around,
    depth,
    max_nodes,
    organisations,
    as_of,
    mechanisms,
    suppress_below,
    as_json,
) -> None:
    """Draw the store as one page that works offline: the overview, or one channel, household, model, area or node.

    The overview rolls households up per village (or town, county) and audit status when they
    are many; open the page in any browser, search by id or name, filter, click for details.
    """
    from ..queries import views
    from ..render import write_page

    chosen = {k: v for k, v in zip(VIEW_OPTIONS, (channel, household, model, area, around)) if v is not None}
    if len(chosen) > 1:
        raise click.UsageError("choose one view: " + ", ".join(f"--{k}" for k in chosen) + " were given together")
    if depth != 1 and around is None:
        raise click.UsageError("--depth goes with --around")
    common = {"as_of": as_of, "mechanisms": mechanisms, "suppress_below": suppress_below}
    grouped = {**common, "max_nodes": max_nodes, "organisations": organisations}
    with open_from(store, database, read_only=True) as s, progress("reading the store") as say:
        say(f"reading links from {s.describe()}")
        if channel is not None:
            view = views.channel_view(s, channel, **grouped)
        elif household is not None:
            view = views.household_view(s, household, **common)
        elif model is not None:
            view = views.model_view(s, model, **grouped)
        elif area is not None:
            view = views.area_view(s, area, **grouped)
        elif around is not None:
            view = views.around_view(s, around, depth=depth, **grouped)
        else:
            view = views.overview(s, **grouped)
        say("writing the page")
        try:
            info = write_page(s.onto, view, out)
        except OSError as exc:
            raise LianjieError(f"cannot write {out}: {exc.strerror}") from None
    if as_json:
        echo_json(
            {
                **info,
                "view": view["view"],
                "subject": view["subject"],
                "households": view["households"],
                "grouped_by": view["grouped_by"],
                "notes": view["notes"],
            }
        )
        return
    click.echo(f"Wrote {info['path']}: {info['nodes']:,} nodes, {info['links']:,} links ({info['bytes'] / 1e6:.1f} MB)")
    for note in view["notes"]:
        click.echo(f"  {note}")


COMMANDS = [draw]
