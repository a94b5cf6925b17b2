"""One output layer: a table of rows together with what each column holds.

Analytics that leave the team return a :class:`Result`: its rows, and for each column
whether it is a household count, and which rates, shares or gaps are computed from
which counts. Small-count suppression is then applied once, here, and text, JSON, CSV,
HTML and Excel are all renderings of the same suppressed result.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from ..base.cells import safe_cell
from .suppress import suppress

#: Column kinds: ``count`` (households; suppressed), ``derived`` (a rate, share or gap made
#: from counts; hidden with them), ``number`` (a count of something else, an amount), ``text``.
KINDS = ("text", "count", "derived", "number")


@dataclass(frozen=True)
class Column:
    """A column: its key in each row, its English and Chinese headers, and its kind (see :data:`KINDS`)."""

    key: str
    en: str
    zh: str
    kind: str = "text"

    @property
    def header(self) -> str:
        """The bilingual header, Chinese first: ``户数 households``."""
        return f"{self.zh} {self.en}"


@dataclass(frozen=True)
class Result:
    """Rows with described columns; ``suppressed_below`` says which suppression has been applied.

    Examples
    --------
    >>> r = Result("coverage", "Coverage", "覆盖率", [Column("area", "area", "地区"),
    ...     Column("poor", "poor households", "贫困户数", "count"), Column("rate", "rate", "覆盖率", "derived")],
    ...     [{"area": "v1", "poor": 3, "rate": 0.67}, {"area": "v2", "poor": 40, "rate": 0.5}])
    >>> r.suppressed(5).rows
    [{'area': 'v1', 'poor': None, 'rate': None}, {'area': 'v2', 'poor': 40, 'rate': 0.5}]
    >>> print(r.to_csv().splitlines()[0])
    地区 area,贫困户数 poor households,覆盖率 rate
    """

    name: str
    title_en: str
    title_zh: str
    columns: Sequence[Column]
    rows: list[dict] = field(default_factory=list)
    suppressed_below: int = 0
    note: str = ""

    @property
    def title(self) -> str:
        return f"{self.title_zh} {self.title_en}"

    def keys(self, kind: str | None = None) -> list[str]:
        return [c.key for c in self.columns if kind is None or c.kind == kind]

    def suppressed(self, below: int) -> Result:
        """A copy with household counts from 1 to ``below - 1`` hidden (``None``), and what derives from them."""
        if below <= 1:
            return self
        rows = suppress(self.rows, self.keys("count"), below, self.keys("derived"))
        return replace(self, rows=rows, suppressed_below=below)

    def cell(self, row: dict, key: str) -> str:
        """A value as text; a hidden count shows as ``<N``."""
        value = row.get(key)
        column = next(c for c in self.columns if c.key == key)
        if value is None:
            return f"<{self.suppressed_below}" if self.suppressed_below > 1 and column.kind == "count" else ""
        if isinstance(value, float):
            return f"{value:.2%}" if column.kind == "derived" and abs(value) <= 1 and "rate" in key else f"{value:,.4g}"
        if isinstance(value, (list, tuple, set)):
            return "; ".join(map(str, value))
        if isinstance(value, int) and not isinstance(value, bool) and column.kind != "text":
            return f"{value:,}"
        return str(value)

    def to_json(self) -> dict:
        return {"name": self.name, "suppressed_below": self.suppressed_below, "rows": self.rows}

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([safe_cell(c.header) for c in self.columns])
        for row in self.rows:
            writer.writerow(["" if row.get(c.key) is None else safe_cell(row.get(c.key)) for c in self.columns])
        return out.getvalue()


def result(
    name: str, title_en: str, title_zh: str, columns: Iterable[tuple], rows: list[dict], note: str = ""
) -> Result:
    """A :class:`Result` from ``(key, en, zh, kind)`` tuples."""
    return Result(name, title_en, title_zh, [Column(*c) for c in columns], rows, note=note)


def overlap_result(overlap: dict) -> Result:
    """The channel overlap matrix (from :func:`lianjie.queries.overlap`) as a table, one count column per channel."""
    ids = overlap["channels"]
    rows = [{"channel": c, **dict(zip(ids, row))} for c, row in zip(ids, overlap["matrix"])]
    columns = [Column("channel", "channel", "渠道"), *(Column(c, c, "", "count") for c in ids)]
    return Result("overlap", "Channel overlap", "渠道重叠", columns, rows)


#: Link details of a household's own links hidden under suppression.
OWN_DETAILS = ("amount", "quantity", "unit")


def hide_own_amounts(paths: list[dict]) -> list[dict]:
    """Copies of :func:`lianjie.queries.paths` results without the amounts and quantities of the household's own links.

    Examples
    --------
    >>> hop = {"from": "h1", "to": "c1", "links": [{"type": "SUPPLIES", "amount": 1200.0}]}
    >>> hide_own_amounts([{"channel": "ch1", "chains": [[hop]]}])[0]["chains"][0][0]["links"]
    [{'type': 'SUPPLIES'}]
    """
    out = []
    for item in paths:
        chains = []
        for chain in item["chains"]:
            first = {
                **chain[0],
                "links": [{k: v for k, v in link.items() if k not in OWN_DETAILS} for link in chain[0]["links"]],
            }
            chains.append([first, *chain[1:]])
        out.append({**item, "chains": chains})
    return out
