"""The linkage ledger (带贫台账) and the beneficiary roster (带贫名单).

A ledger row links one household to one organisation named in words, in a mode named in
words (``吸纳就业方式带贫``, ``入股分红``...): the ontology's LinkageMode codelist gives the
link type and mechanism. Market modes run household → organisation, support modes
organisation → household. Money (``1,200``, ``1.2万``, ``3000元``) and periods (``2021``,
``2021年3月``, ``202103``, ``2022/6/1``, Excel dates) are read with :mod:`lianjie.loaders.values`.

A roster row names one household an organisation claims to help: a CLAIMS link.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pyarrow as pa

from ...base.errors import Problems
from ...ontology import Ontology
from ..readings import normalise_id, read_date, read_number
from ..tables import LINKS, RawTable
from .grid import Grid, raw_table, text
from .resolve import Directory

_MONEY = ("amount", "purchase", "wage", "dividend", "rent")


def _mode_terms(onto: Ontology) -> dict[str, tuple[str, str | None]]:
    """Each linkage mode's link type and mechanism."""
    mechanisms = set(onto.codelists["Mechanism"].codes)
    out = {}
    for concept in onto.codelists["LinkageMode"].concepts:
        link_type = next(r for r in concept.related if r in onto.link_types)
        mechanism = next((r for r in concept.related if r in mechanisms), None)
        out[concept.code] = (link_type, mechanism)
    return out


@dataclass
class PendingLinks:
    """A ledger or roster read, waiting for the whole load to resolve its names and ID numbers."""

    grid: Grid
    kind: str  # "ledger" or "roster"
    roster_of: str | None = None
    notices: list[str] = field(default_factory=list)

    def finish(self, onto: Ontology, directory: Directory, problems: Problems) -> list[RawTable]:
        if self.kind == "roster":
            return [_roster(self.grid, self.roster_of, directory, problems)]
        return [_ledger(self.grid, onto, directory, problems)]


def _households(grid: Grid, directory: Directory, problems: Problems) -> tuple[list[str | None], int | None]:
    """The household each row names, by 户编号 or else a member's ID number; problems for the rest."""
    h = grid.header
    hh_col, id_col = h.column("household_id"), h.column("id_number")
    ids = grid.texts(hh_col)
    numbers = grid.texts(id_col)
    numeric = grid.numeric_ids(id_col, problems) if id_col is not None else np.zeros(len(grid), bool)
    if hh_col is not None:
        grid.numeric_ids(hh_col, problems, "household number", smallest=1e15)
    out: list[str | None] = []
    for i, (hid, number) in enumerate(zip(ids, numbers)):
        if hid is not None:
            out.append(normalise_id(hid))
            continue
        found = None
        if number is not None and not numeric[i]:
            found = directory.household_by_id_number(number)
            if found is None:
                problems.add(
                    grid.file,
                    grid.line(i),
                    grid.column_name(id_col),
                    "no household in this load's registers or in the store has this ID number; "
                    "check the number, or give the household number (户编号)",
                )
        elif number is None:
            where = hh_col if hh_col is not None else id_col
            problems.add(
                grid.file,
                grid.line(i),
                grid.column_name(where) if where is not None else None,
                "no household number (户编号) or ID number on this row",
            )
        out.append(found)
    return out, hh_col if hh_col is not None else id_col


_read_number = lru_cache(maxsize=65536)(read_number)
_read_date = lru_cache(maxsize=65536)(read_date)


def _number(cell: str, grid: Grid, i: int, col: int, problems: Problems) -> float | None:
    reading = _read_number(cell)
    if reading.value is None and reading.kind != "placeholders for blank":
        problems.add(
            grid.file, grid.line(i), grid.column_name(col), f"cannot read {cell!r} as an amount: {reading.note}"
        )
    return reading.value


def _show(x: float | None) -> str | None:
    if x is None:
        return None
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _period(cell: str, grid: Grid, i: int, col: int, problems: Problems) -> tuple[str | None, str | None]:
    """The start and end a year, year-month or date cell stands for."""
    start = _read_date(cell)
    if start.value is None:
        if start.kind != "placeholders for blank":
            problems.add(
                grid.file, grid.line(i), grid.column_name(col), f"cannot read {cell!r} as a year or date: {start.note}"
            )
        return None, None
    kind = start.kind or ""
    if kind.startswith("years") or "year-month" in kind:
        return start.value.isoformat(), _read_date(cell, end=True).value.isoformat()
    return start.value.isoformat(), None


def _ledger(grid: Grid, onto: Ontology, directory: Directory, problems: Problems) -> RawTable:
    h = grid.header
    n = len(grid)
    org_col, mode_col = h.column("organisation"), h.column("mode")
    households, hh_col = _households(grid, directory, problems)

    orgs = grid.texts(org_col)
    org_ids: list[str | None] = []
    answers: dict[str, tuple[str | None, str]] = {}
    for i, name in enumerate(orgs):
        if name is None:
            problems.add(grid.file, grid.line(i), grid.column_name(org_col), "no organisation named on this row")
            org_ids.append(None)
            continue
        if name not in answers:
            answers[name] = directory.organisation(name)
        found, message = answers[name]
        if found is None:
            problems.add(grid.file, grid.line(i), grid.column_name(org_col), message)
        org_ids.append(found)

    terms = _mode_terms(onto)
    modes = grid.texts(mode_col)
    resolved = {m: onto.resolve_code("LinkageMode", m) for m in set(modes) if m is not None}
    choices = "、".join(c.label_zh for c in onto.codelists["LinkageMode"].concepts)
    link_type: list[str | None] = []
    mechanism: list[str | None] = []
    for i, m in enumerate(modes):
        code = resolved.get(m) if m is not None else None
        if code is None and mode_col is not None:
            what = f"unknown linkage mode {m!r}" if m is not None else "no linkage mode (带动方式) on this row"
            problems.add(grid.file, grid.line(i), grid.column_name(mode_col), f"{what}; expected one of {choices}")
        lt, mech = terms[code] if code else (None, None)
        link_type.append(lt)
        mechanism.append(mech)

    money_cols = {f: h.column(f) for f in _MONEY if h.column(f) is not None}
    money = {f: grid.texts(c) for f, c in money_cols.items()}
    amount: list[str | None] = []
    for i in range(n):
        total, given = 0.0, False
        for f, c in money_cols.items():
            cell = money[f][i]
            if cell is None:
                continue
            value = _number(cell, grid, i, c, problems)
            if value is None:
                continue
            if f == "amount":  # the income gain, when given, is the link's amount
                total, given = value, True
                break
            total, given = total + value, True
        amount.append(_show(total) if given else None)

    quantity_col, unit_col, land_col = h.column("quantity"), h.column("unit"), h.column("land_area")
    quantity: list[str | None] = [None] * n
    unit = grid.texts(unit_col)
    for col, is_land in ((land_col, True), (quantity_col, False)):
        if col is None:
            continue
        for i, cell in enumerate(grid.texts(col)):
            if cell is None:
                continue
            value = _number(cell, grid, i, col, problems)
            if value is not None:
                quantity[i] = _show(value)
                if is_land and unit[i] is None:
                    unit[i] = "亩"

    start: list[str | None] = [None] * n
    end: list[str | None] = [None] * n
    period_col = h.column("period")
    if period_col is not None:
        for i, cell in enumerate(grid.texts(period_col)):
            if cell is not None:
                start[i], end[i] = _period(cell, grid, i, period_col, problems)
    for name, target, is_end in (("start", start, False), ("end", end, True)):
        c = h.column(name)
        if c is None:
            continue
        for i, cell in enumerate(grid.texts(c)):
            if cell is None:
                continue
            reading = _read_date(cell, end=is_end)
            if reading.value is None:
                if reading.kind != "placeholders for blank":
                    problems.add(
                        grid.file, grid.line(i), grid.column_name(c), f"cannot read {cell!r} as a date: {reading.note}"
                    )
                continue
            target[i] = reading.value.isoformat()

    market = onto.market_link_types
    keep = [i for i in range(n) if households[i] and org_ids[i] and link_type[i]]
    source = [households[i] if link_type[i] in market else org_ids[i] for i in keep]
    target = [org_ids[i] if link_type[i] in market else households[i] for i in keep]
    pick = lambda values: pa.array([values[i] for i in keep], pa.string())  # noqa: E731
    s = pa.string()
    money_src = next(iter(money_cols.values()), None)
    columns = [
        ("source", pa.array(source, s), hh_col),
        ("target", pa.array(target, s), org_col),
        ("type", pick(link_type), mode_col),
        ("mechanism", pick(mechanism), mode_col),
        ("amount", pick(amount), money_src),
        ("quantity", pick(quantity), land_col if land_col is not None else quantity_col),
        ("unit", pick(unit), unit_col),
        ("start", pick(start), period_col if period_col is not None else h.column("start")),
        ("end", pick(end), period_col if period_col is not None else h.column("end")),
        ("note", pick(grid.texts(h.column("note"))), h.column("note")),
    ]
    for c in h.columns("extra"):  # mapped explicitly: kept as text in the link's extra property
        columns.append((h.labels[c], pick(grid.texts(c)), c))
    return raw_table(grid, LINKS, columns, np.array(keep, dtype=np.int64))


def _roster(grid: Grid, roster_of: str | None, directory: Directory, problems: Problems) -> RawTable:
    households, hh_col = _households(grid, directory, problems)
    org = None
    if roster_of is None:
        problems.add(
            grid.file,
            None,
            None,
            "this sheet is a roster of households (带贫名单); say whose with --roster-of ORGANISATION",
        )
    else:
        org, message = directory.organisation(roster_of)
        if org is None:
            problems.add(grid.file, None, None, f"--roster-of: {message}")
    keep = [i for i, h in enumerate(households) if h is not None] if org else []
    s = pa.string()
    columns = [
        ("source", pa.repeat(pa.scalar(org, s), len(keep)), None),
        ("target", pa.array([households[i] for i in keep], s), hh_col),
        ("type", pa.repeat(pa.scalar("CLAIMS", s), len(keep)), None),
    ]
    return raw_table(grid, LINKS, columns, np.array(keep, dtype=np.int64))


__all__ = ["PendingLinks", "text"]
