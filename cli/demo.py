"""``lianjie demo``: the case dataset loaded, analysed and drawn in one go."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click
from rich.table import Table

from .options import open_from, store_option
from .output import console, print_audit, print_reach, progress


@click.command()
@store_option
@click.option(
    "--out",
    "out_dir",
    default="lianjie-demo",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Folder for the demo store, the network pages and the report.",
)
def demo(store, database, out_dir: Path) -> None:
    """Load the case dataset of the two source articles, print reach, audit and models, draw and report.

    The case dataset holds every organisation, channel and figure of the Lingshan and
    Baojing articles with its quote, plus a synthetic household roster (marked
    synthetic) where the articles list none: see datasets/case/README.md.
    """
    from ..loaders import load as load_dataset
    from ..queries import audit as audit_store
    from ..queries import reach as reach_table
    from ..queries import views
    from ..queries.models import models as find_models
    from ..queries.report import report as report_content
    from ..render import write_page, write_report

    location = store or str(out_dir / "store.db")
    case = resources.files("lianjie.datasets").joinpath("case")
    with resources.as_file(case) as case_path, open_from(location, database) as s, progress("loading") as say:
        report = load_dataset(s, [case_path], progress=say)
        w = report.summary
        click.echo(
            f"Loaded the Lingshan and Baojing case dataset ({report.nodes_read:,} nodes, {report.links_read:,} "
            f"links; {w.nodes_created:,} new nodes, {w.links_created:,} new links) into {s.describe()}\n"
        )
        reached = reach_table(s)
        print_reach(reached)
        click.echo()
        print_audit(audit_store(s))
        click.echo()
        table = Table(title="Models (模式) found by their pattern of links")
        for col in ("model", "instances", "households"):
            table.add_column(col, justify="left" if col == "model" else "right")
        for r in find_models(s):
            table.add_row(r["model"], str(r["instances"]), str(r["households"]))
        console().print(table)
        say("drawing the overview, the busiest channel and the report")
        vg = views.view_graph(s)
        overview = write_page(s.onto, views.overview(s, vg=vg), out_dir / "overview.html")
        busiest = max(reached, key=lambda r: (r["households"], r["channel"]))["channel"]
        channel = write_page(s.onto, views.channel_view(s, busiest, vg=vg), out_dir / f"channel-{busiest}.html")
        report = write_report(report_content(s), out_dir / "report.html")
        where = s.describe()
    click.echo(f"\nStore:    {where}")
    click.echo(f"Overview: {overview['path']} ({overview['nodes']:,} nodes, {overview['links']:,} links)")
    click.echo(f"Channel:  {channel['path']} (everything upstream of {busiest})")
    click.echo(f"Report:   {report['path']}   (pages work offline: open them in a browser)")
    click.echo(
        f"Next:     lianjie draw --household ID --store {where} --out h.html   |   "
        f"lianjie cypher 'MATCH (n) RETURN count(n)' --store {where}"
    )


COMMANDS = [demo]
