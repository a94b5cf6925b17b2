"""Find a sheet's header row and recognise which layout its headers belong to.

The header may sit anywhere in the first :data:`HEADER_SEARCH_ROWS` rows (exports put one or
two title rows above it: ``（自定义）监测对象信息``, ``导出时间：…``), and may span two rows
whose upper cells are merged across the columns below them (``致贫原因`` over ``致贫原因1``,
``致贫原因2``...). Each layout's headers are a codelist of the ontology (``RegisterColumn``,
``LedgerColumn``, ``RosterColumn``); a mapping file can name columns it does not know.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from ...ontology import Ontology, normalise_label
from .sheets import Sheet

#: How far down a sheet the header row is looked for.
HEADER_SEARCH_ROWS = 30
#: What a mapping may map a column to besides a layout's fields: leave it out, or keep it
#: as text in the ``extra`` property (how a register's health or income column is stored
#: when, and only when, a mapping file asks for it).
IGNORE = "ignore"
EXTRA = "extra"


@dataclass(frozen=True)
class Layout:
    """A shape of table lianjie reads as it is.

    ``key`` lists groups of fields; a sheet is this layout when its headers name at least one
    field of every group. ``required`` does the same for fields a load cannot do without
    (reported as problems once the layout is recognised). ``repeatable`` fields may be given
    in several columns (``致贫原因1``, ``致贫原因2``...).
    """

    name: str
    scheme: str
    title: str
    key: tuple[tuple[str, ...], ...]
    required: tuple[tuple[str, ...], ...]
    repeatable: frozenset[str] = frozenset()
    #: Recognised only when the user says whose roster it is (a bare list of households
    #: would otherwise be taken for one).
    on_request: bool = False


LAYOUTS: dict[str, Layout] = {
    "register": Layout(
        "register",
        "RegisterColumn",
        "household register (监测对象信息, one row per person)",
        key=(("household_id",), ("relation",)),
        required=(("household_id",), ("relation",)),
        repeatable=frozenset({"cause", "personal_detail", EXTRA}),
    ),
    "ledger": Layout(
        "ledger",
        "LedgerColumn",
        "linkage ledger (带贫台账, one row per household-organisation link)",
        key=(("organisation",), ("household_id", "id_number", "head_name")),
        required=(("organisation",), ("household_id", "id_number"), ("mode",)),
        repeatable=frozenset({"personal_detail", EXTRA}),
    ),
    "roster": Layout(
        "roster",
        "RosterColumn",
        "beneficiary roster (带贫名单, one row per household an organisation claims)",
        key=(("household_id", "id_number"),),
        required=(("household_id", "id_number"),),
        repeatable=frozenset({"personal_detail"}),
        on_request=True,
    ),
}

#: Why a column a layout recognises is nevertheless not stored.
NOT_STORED = {
    "member_name": "a member's name: never stored (the head's name becomes a pseudonym)",
    "person_id": "a member's number: members are not stored, households are",
    "natural_village": "natural villages are not modelled; the administrative village is",
    "personal_detail": "a personal detail of a member: not stored unless a mapping file maps it",
    "relation": "used to find the head of each household, not stored",
}


def fold(text: object) -> str:
    """A header as it is matched: full-width folded, case and all spaces ignored, ``*`` marks dropped."""
    return normalise_label(str(text)).replace(" ", "").strip("*:：")


@lru_cache(maxsize=16)
def _index(onto: Ontology, scheme: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for concept in onto.codelists[scheme].concepts:
        for label in (concept.code, concept.label_zh, concept.label_en, *concept.aliases):
            out.setdefault(fold(label), concept.code)
    return out


def field_of(onto: Ontology, layout: Layout, header: str, mapping: Mapping[str, str] | None = None) -> str | None:
    """The field of ``layout`` a header names (or ``ignore`` when a mapping says so), or None."""
    key = fold(header)
    if not key:
        return None
    if mapping:
        mapped = mapping.get(key)
        if mapped is not None:
            return mapped
    index = _index(onto, layout.scheme)
    found = index.get(key)
    if found is None:
        stem = re.sub(r"[(（]?\d+[)）]?$", "", key)
        if stem != key:
            found = index.get(stem)
            if found not in layout.repeatable:
                found = None
    return found


def cell_text(value: object) -> str:
    """A header cell as text (spreadsheet numbers without a trailing .0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return " ".join(str(value).split())


@dataclass
class Header:
    """A recognised header: the layout, the rows it spans, and what each column is."""

    layout: Layout
    first_row: int  # 0-based
    depth: int
    labels: list[str]
    fields: dict[int, str] = field(default_factory=dict)

    @property
    def data_start(self) -> int:
        """0-based index of the first row below the header."""
        return self.first_row + self.depth

    @property
    def line(self) -> int:
        """The sheet line of the header (its lower row for a two-row header)."""
        return self.first_row + self.depth

    def columns(self, name: str) -> list[int]:
        return [c for c, f in self.fields.items() if f == name]

    def column(self, name: str) -> int | None:
        cols = self.columns(name)
        return cols[0] if cols else None

    def missing(self) -> list[tuple[str, ...]]:
        """Groups of required fields of which no column is present."""
        have = set(self.fields.values())
        return [group for group in self.layout.required if not have & set(group)]


def _filled(row: list, merged: list, r: int, width: int) -> list[str]:
    """Row ``r``'s header texts, a merged cell's text repeated over every column it spans."""
    texts = [cell_text(row[c]) if c < len(row) else "" for c in range(width)]
    for (r0, c0), (r1, c1) in merged:
        if r0 <= r <= r1 and c0 < width:
            top = cell_text(row[c0]) if r == r0 and c0 < len(row) else texts[c0]
            for c in range(c0, min(c1 + 1, width)):
                texts[c] = texts[c] or top
    return texts


def _labels(sheet: Sheet, r: int, depth: int, width: int) -> list[list[str]]:
    """Candidate labels for every column of a header starting at row ``r``: lower, upper+lower, upper."""
    upper = _filled(sheet.rows[r], sheet.merged, r, width)
    if depth == 1:
        return [[u] for u in upper]
    lower = _filled(sheet.rows[r + 1], sheet.merged, r + 1, width)
    if not sheet.merged:  # no merge information (CSV): a blank upper cell continues the one to its left
        last = ""
        for c in range(width):
            if upper[c]:
                last = upper[c]
            elif lower[c]:
                upper[c] = last
    return [[lo, up + lo, up] if lo and up and lo != up else [lo or up] for up, lo in zip(upper, lower)]


def _match(onto: Ontology, layout: Layout, candidates: list[list[str]], mapping) -> tuple[dict[int, str], list[str]]:
    fields: dict[int, str] = {}
    labels: list[str] = []
    for c, options in enumerate(candidates):
        chosen = next((o for o in options if o), "")
        for option in options:
            f = field_of(onto, layout, option, mapping)
            if f is not None:
                chosen = option
                if f != IGNORE:
                    fields[c] = f
                break
        labels.append(chosen)
    return fields, labels


def find_header(
    sheet: Sheet,
    onto: Ontology,
    layouts: list[Layout] | None = None,
    mapping: Mapping[str, str] | None = None,
    header_row: int | None = None,
) -> Header | None:
    """The best header among the first rows of ``sheet`` for any of ``layouts``, or None.

    Each row (and each pair of rows) is scored by how many distinct fields of a layout its
    headers name; a layout counts only when its key fields are all there. Ties go to the
    single-row header higher up, unless the row below names two fields or more itself and
    the row above names one or more (a two-row header). ``header_row`` (1-based) fixes the row.
    """
    layouts = layouts or [lay for lay in LAYOUTS.values() if not lay.on_request]
    rows = sheet.rows
    width = max((len(r) for r in rows[:HEADER_SEARCH_ROWS]), default=0)
    starts = [header_row - 1] if header_row else range(min(HEADER_SEARCH_ROWS, len(rows)))
    best: tuple[tuple, Header] | None = None
    for r in starts:
        if r < 0 or r >= len(rows) or not any(cell_text(v) for v in rows[r]):
            continue
        for depth in (1, 2):
            if r + depth > len(rows):
                continue
            candidates = _labels(sheet, r, depth, width)
            for order, layout in enumerate(layouts):
                fields, labels = _match(onto, layout, candidates, mapping)
                have = set(fields.values())
                if not all(have & set(group) for group in layout.key):
                    continue
                # a second header row shows itself by headers of its own (致贫原因1, 致贫原因2...)
                two_rows = False
                if depth == 2:
                    hits = [
                        sum(field_of(onto, layout, cell_text(v), mapping) is not None for v in rows[k])
                        for k in (r, r + 1)
                    ]
                    two_rows = hits[0] >= 1 and hits[1] >= 2
                score = (len(have), two_rows, -depth, -r, -order)
                if best is None or score > best[0]:
                    best = (score, Header(layout, r, depth, labels, fields))
    return best[1] if best else None


def describe_headers(sheet: Sheet, rows: int = 3) -> str:
    """The first non-blank rows' texts, for a message about a sheet not recognised."""
    shown = []
    for row in sheet.rows[:HEADER_SEARCH_ROWS]:
        texts = [cell_text(v) for v in row if cell_text(v)]
        if texts:
            shown.append(", ".join(texts[:8]) + (", ..." if len(texts) > 8 else ""))
        if len(shown) == rows:
            break
    return " | ".join(shown) or "(no text)"
