"""How commands print: rich tables on a console, JSON, counts hidden for publication, progress."""

from __future__ import annotations

import heapq
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click
from rich.console import Console
from rich.table import Table


def console() -> Console:
    return Console(file=sys.stdout, soft_wrap=False, width=None if sys.stdout.isatty() else 120)


@contextmanager
def progress(message: str) -> Iterator[Callable[[str], None]]:
    """A spinner with the current stage on stderr; silent when stderr is not a terminal."""
    if not sys.stderr.isatty():
        yield lambda _message: None
        return
    with Console(stderr=True).status(message) as status:
        yield lambda text: status.update(text)


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def fmt(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def count(value: object, below: int) -> str:
    """A count for a text table; a hidden one shows as <N."""
    return f"<{below}" if value is None and below > 1 else fmt(value)


def print_reach(rows: list[dict], below: int = 0) -> None:
    table = Table(title="Reach of each sales channel (market linkages)")
    for col in ("channel", "name", "kind", "households", "poor households"):
        table.add_column(col, justify="right" if "households" in col else "left")
    for r in rows:
        table.add_row(
            r["channel"],
            fmt(r["name"]),
            fmt(r["kind"]),
            count(r["households"], below),
            count(r["poor_households"], below),
        )
    console().print(table)


def print_audit(result: dict, limit: int | None = 20, below: int = 0) -> None:
    rate = result["coverage_rate"]
    click.echo(
        f"households: {result['households']}, registered poor: {result['poor_households']}, "
        f"reached by a channel: {result['covered_poor']}" + (f" ({rate:.1%})" if rate is not None else "")
    )
    for key, label in (("uncovered_poor", "uncovered (no channel)"), ("single_channel_poor", "fragile (one channel)")):
        ids = result[key]
        shown = " ".join(ids[:limit]) + (f" … (+{len(ids) - limit})" if limit and len(ids) > limit else "")
        click.echo(f"{label}: {len(ids)}" + (f": {shown}" if ids else ""))
    if result.get("monitored_households"):
        ids = result["uncovered_monitored"]
        shown = " ".join(ids[:limit]) + (f" … (+{len(ids) - limit})" if limit and len(ids) > limit else "")
        click.echo(
            f"monitored (监测户): {result['monitored_households']}, reached by a channel: "
            f"{result['covered_monitored']}; not reached: {len(ids)}" + (f": {shown}" if ids else "")
        )
    order = lambda c: (c["gap"] is None, -(c["gap"] or 0), c["id"])  # noqa: E731
    claims = heapq.nsmallest(limit, result["claims"], key=order) if limit else sorted(result["claims"], key=order)
    if claims:
        title = "Claimed against traced households"
        if limit and len(result["claims"]) > limit:
            title += f" (the {limit} largest gaps of {len(result['claims'])}; --limit 0 or --json for all)"
        table = Table(title=title)
        rosters = any("claimed_not_traced" in c for c in claims)
        columns = ["id", "name", "type", "claimed", "traced", "of them poor", "gap"]
        columns += ["on the roster, not traced"] if rosters else []
        for col in columns:
            table.add_column(col, justify="left" if col in ("id", "name", "type") else "right")
        for c in claims[:limit]:
            cells = [
                c["id"],
                fmt(c["name"]),
                c["type"],
                str(c["claimed"]) + (" (roster)" if "claimed_not_traced" in c else ""),
                count(c["traced"], below),
                count(c["traced_poor"], below),
                count(c["gap"], below),
            ]
            if rosters:
                missing = c.get("claimed_not_traced")
                cells.append(count(len(missing), below) if missing is not None else "")
            table.add_row(*cells)
        console().print(table)
        for c in claims[:limit]:
            missing = c.get("claimed_not_traced")
            if missing:
                shown = " ".join(missing[:limit]) + (
                    f" … (+{len(missing) - limit})" if limit and len(missing) > limit else ""
                )
                click.echo(f"{c['id']}: on the roster, no market path to it: {shown}")


def print_rows(rows: list[dict], as_json: bool) -> None:
    if as_json:
        echo_json(rows)
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
                json.dumps(v, ensure_ascii=False, default=str) if isinstance(v, (dict, list)) else fmt(v)
                for v in row.values()
            )
        )
    console().print(table)
