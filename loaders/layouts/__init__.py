"""Read the tables county offices hold, as they are: household registers, linkage ledgers, rosters.

A sheet is recognised by its header row (anywhere in its first 30 rows, one or two rows
deep) against the ontology's ``RegisterColumn``, ``LedgerColumn`` and ``RosterColumn``
codelists, in ``.xlsx``, ``.xls`` and CSV files. Each recognised sheet is turned into tables
in lianjie's own form (nodes and links), which the validator then checks with everything
else of the load, so a load of several files is written whole or not at all.

Reading happens in two steps: :func:`read_files` reads every file (registers are turned into
households at once), and :func:`finish` turns ledgers and rosters into links once the
organisations and households of the whole load are known.

Examples
--------
>>> import tempfile, pathlib
>>> from lianjie.ontology import load_ontology
>>> from lianjie.base.errors import Problems
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "register.csv").write_text(
...     "监测对象信息\\n户编号,人编号,姓名,与户主关系,户类型\\n"
...     "H1,P1,户主甲,户主,脱贫户\\nH1,P2,成员乙,之子,脱贫户\\n", "utf-8")
>>> read = read_files([folder / "register.csv"], load_ontology(), Problems())
>>> [(s.layout, s.header_line, s.rows) for s in read.sheets]
[('register', 2, 2)]
>>> read.tables[0].rows.column(0).to_pylist()  # one household
['H1']
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ...base.errors import LianjieError, Problems
from ...ontology import Ontology, normalise_label
from ..readers import read_path
from ..tables import RawTable
from .grid import Grid
from .headers import EXTRA, IGNORE, LAYOUTS, NOT_STORED, Header, describe_headers, find_header, fold
from .ledger import PendingLinks
from .register import read_register
from .registry import LAYOUT_READERS, LayoutRead, layout_names, register_layout, stored_as, unregister_layout
from .resolve import Directory
from .sheets import Sheet, read_sheets

if TYPE_CHECKING:
    from ...base.dataset import DatasetStore
    from ..privacy import Pseudonymiser

_TIDY_SHEETS = {"nodes", "节点", "主体", "links", "联结", "关系", "台账"}

#: What each field of the built-in layouts becomes, for ``lianjie inspect``.
_STORED_AS = {
    "register": {
        "household_id": "Household id",
        "member_name": "Household name, from the head's row only (a keyed pseudonym)",
        "head_name": "Household name (a keyed pseudonym)",
        "id_number": "Household id_number, from the head's row only (a keyed pseudonym)",
        "phone": "Household phone, from the head's row (a keyed pseudonym)",
        "size": "Household size (else the number of member rows)",
        "household_type": "Household household_type and status (and monitored for 监测户)",
        "monitoring_category": "Household monitoring_category; makes it monitored",
        "exit_status": "Household status when 户类型 is blank",
        "exit_year": "Household exit_year",
        "cause": "Household cause (the first) and causes (all)",
        "identified": "Household identified (a year-month as its first day)",
        "county": "a County node (name), LOCATED_IN chain",
        "town": "a Town node (name), LOCATED_IN its county",
        "village": "a Village node (name); the household is LOCATED_IN it",
        "village_code": "Village id and code (and its town's and county's codes)",
        "town_code": "Town id and code",
        "county_code": "County id and code",
    },
    "ledger": {
        "organisation": "the organisation end of the link, found by name",
        "household_id": "the household end of the link",
        "id_number": "the household end, found by a member's ID number (the number is not stored)",
        "head_name": "not used: names do not identify a household (give 户编号 or the ID number)",
        "mode": "link type and mechanism (LinkageMode codelist)",
        "amount": "link amount (yuan)",
        "purchase": "link amount (yuan), summed with the other money columns when 带动增收 is blank",
        "wage": "link amount (yuan), summed with the other money columns when 带动增收 is blank",
        "dividend": "link amount (yuan), summed with the other money columns when 带动增收 is blank",
        "rent": "link amount (yuan), summed with the other money columns when 带动增收 is blank",
        "land_area": "link quantity, unit 亩",
        "quantity": "link quantity",
        "unit": "link unit",
        "period": "link start and end (a year or month stands for its whole span)",
        "start": "link start",
        "end": "link end",
        "note": "link note",
    },
    "roster": {
        "household_id": "a CLAIMS link from the organisation to the household",
        "id_number": "a CLAIMS link, the household found by a member's ID number (not stored)",
        "head_name": "not used: names do not identify a household",
    },
}


@dataclass
class SheetRead:
    """What one sheet was read as: for ``lianjie inspect`` and the load's notices."""

    file: str
    layout: str | None
    header_line: int | None = None
    rows: int = 0
    columns: list[tuple[str, str, str]] = field(default_factory=list)  # column, field, stored as
    ignored: list[tuple[str, str]] = field(default_factory=list)  # column, why
    note: str = ""


@dataclass
class FilesRead:
    """Everything the files of a load gave, before ledgers and rosters are resolved."""

    tables: list[RawTable] = field(default_factory=list)
    registers: list = field(default_factory=list)  # each layout's ``members``, for the Directory
    pending: list[PendingLinks] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    sheets: list[SheetRead] = field(default_factory=list)
    grids: list[tuple[Grid, Header]] = field(default_factory=list)


@dataclass(frozen=True)
class ColumnMapping:
    """A mapping file: the layout to read a sheet as, its header row, and a field for each header."""

    layout: str | None = None
    header_row: int | None = None
    columns: Mapping[str, str] = field(default_factory=dict)


def read_mapping(path: str | Path, onto: Ontology | None = None) -> ColumnMapping:
    """Read a mapping file (TOML): ``layout``, ``header_row`` and a ``[columns]`` table of header = field.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "mapping.toml"
    >>> _ = p.write_text('layout = "ledger"\\n[columns]\\n"合作社" = "organisation"\\n', "utf-8")
    >>> read_mapping(p).columns
    {'合作社': 'organisation'}
    """
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LianjieError(f"{p}: no such mapping file") from None
    except tomllib.TOMLDecodeError as exc:
        raise LianjieError(f"{p}: not a valid TOML mapping: {exc}") from None
    layout = data.get("layout")
    if layout is not None and layout not in LAYOUTS:
        raise LianjieError(f"{p}: layout {layout!r} is not one of {', '.join(LAYOUTS)}")
    header_row = data.get("header_row")
    if header_row is not None and (not isinstance(header_row, int) or header_row < 1):
        raise LianjieError(f"{p}: header_row must be a line number (1 or more)")
    columns = data.get("columns", {})
    if not isinstance(columns, dict):
        raise LianjieError(f"{p}: [columns] must be a table of header = field")
    if onto is None:
        from ...ontology import load_ontology

        onto = load_ontology()
    allowed = {IGNORE, EXTRA}
    for lay in LAYOUTS.values() if layout is None else [LAYOUTS[layout]]:
        allowed |= set(onto.codelists[lay.scheme].codes)
    out = {}
    for header, name in columns.items():
        if name not in allowed:
            raise LianjieError(f"{p}: [columns] {header!r} = {name!r}: expected one of {', '.join(sorted(allowed))}")
        out[fold(header)] = name
    return ColumnMapping(layout, header_row, out)


def _tidy_workbook(sheets: list[Sheet], onto: Ontology) -> bool:
    """Whether a workbook is in lianjie's own form: a sheet named nodes or links (节点, 联结...) headed so."""
    return any(normalise_label(s.name or "") in _TIDY_SHEETS and _tidy_csv(s, onto) for s in sheets)


def _tidy_csv(sheet: Sheet, onto: Ontology) -> bool:
    """Whether a sheet's first line is a header of lianjie's own nodes or links form."""
    if not sheet.rows:
        return True
    roles = {getattr(onto.node_columns.get(normalise_label(str(h))), "role", None) for h in sheet.rows[0]}
    roles |= {getattr(onto.link_columns.get(normalise_label(str(h))), "role", None) for h in sheet.rows[0]}
    return {"node_id", "node_type"} <= roles or {"link_source", "link_target"} <= roles


def _describe(grid: Grid, onto: Ontology) -> SheetRead:
    h = grid.header
    read = SheetRead(grid.file, h.layout.name, h.line, len(grid))
    stored = stored_as(h.layout.name)
    for c, label in enumerate(h.labels):
        name = grid.column_name(c)
        f = h.fields.get(c)
        if f == EXTRA:
            read.columns.append((name, f, "kept as text in the extra property (mapped explicitly)"))
            continue
        if f is None:
            if label:
                read.ignored.append((name, "not a column of a " + h.layout.title.split(" (")[0]))
        elif f in NOT_STORED and f not in stored:
            read.ignored.append((name, NOT_STORED[f]))
        else:
            read.columns.append((name, f, stored.get(f, f)))
    if grid.skipped:
        read.note = "skipped " + ", ".join(grid.skipped)
    return read


def _read_sheet(
    sheet: Sheet,
    onto: Ontology,
    out: FilesRead,
    problems: Problems,
    roster_of: str | None,
    mapping: ColumnMapping | None,
    alone: bool,
) -> bool:
    """Read one sheet if it is a layout lianjie knows; whether it was."""
    columns = mapping.columns if mapping else None
    header_row = mapping.header_row if mapping else None
    if mapping and mapping.layout:
        layouts = [LAYOUTS[mapping.layout]]
    elif roster_of is not None:
        layouts = [LAYOUTS["roster"]]
    else:
        layouts = None
    header = find_header(sheet, onto, layouts, columns, header_row)
    if header is None and layouts is None:
        roster = find_header(sheet, onto, [LAYOUTS["roster"]], columns, header_row)
        if roster is not None:
            problems.add(
                sheet.label,
                roster.line,
                None,
                "this sheet lists households only, like a roster (带贫名单); say whose with --roster-of ORGANISATION",
            )
            out.sheets.append(SheetRead(sheet.label, "roster", roster.line, note="needs --roster-of"))
            return True
    if header is None:
        out.sheets.append(SheetRead(sheet.label, None, note="not recognised: " + describe_headers(sheet)))
        return False
    grid = Grid.of(sheet, header)
    out.grids.append((grid, header))
    for group in header.missing():
        concepts = [c for c in onto.codelists[header.layout.scheme].concepts if c.code in group]
        expected = ", ".join(dict.fromkeys(x for c in concepts for x in (c.label_zh, *c.aliases[:2])))
        problems.add(
            sheet.label,
            header.line,
            None,
            f"read as a {header.layout.title}, but no {' or '.join(group)} column; "
            f"expected a header such as {expected}",
        )
    out.sheets.append(_describe(grid, onto))
    if header.missing():
        return True
    got = LAYOUT_READERS.get(header.layout.name)(grid, onto, problems, roster_of)
    out.tables += got.tables
    out.notices += got.notices
    if got.members is not None:
        out.registers.append(got.members)
    if got.pending is not None:
        out.pending.append(got.pending)
    return True


def _read_register(grid: Grid, onto: Ontology, problems: Problems, roster_of: str | None) -> LayoutRead:
    reg = read_register(grid, onto, problems)
    return LayoutRead(reg.tables, reg.notices, members=reg)


def _read_links(grid: Grid, onto: Ontology, problems: Problems, roster_of: str | None) -> LayoutRead:
    notices = [f"{grid.file}: skipped {', '.join(grid.skipped)}"] if grid.skipped else []
    return LayoutRead(notices=notices, pending=PendingLinks(grid, grid.header.layout.name, roster_of))


def read_files(
    paths: Iterable[str | Path],
    onto: Ontology,
    problems: Problems,
    roster_of: str | None = None,
    mapping: ColumnMapping | None = None,
) -> FilesRead:
    """Read every path: lianjie's own form as before, registers, ledgers and rosters by their headers.

    Problems are added to ``problems``; a file lianjie cannot read at all raises :class:`LianjieError`.
    """
    out = FilesRead()
    for path in paths:
        p = Path(path)
        suffix = p.suffix.lower()
        if not p.exists():
            raise LianjieError(f"{p}: no such file or folder")
        if p.is_dir() or suffix == ".json" or suffix not in (".csv", ".xlsx", ".xlsm", ".xls"):
            out.tables += read_path(p, onto)
            continue
        sheets = read_sheets(p)
        if suffix != ".xls":
            if (suffix != ".csv" and _tidy_workbook(sheets, onto)) or (suffix == ".csv" and _tidy_csv(sheets[0], onto)):
                out.tables += read_path(p, onto)
                continue
        found = [_read_sheet(s, onto, out, problems, roster_of, mapping, len(sheets) == 1) for s in sheets]
        if not any(found):
            shown = "; ".join(f"[{s.name}] {describe_headers(s)}" if s.name else describe_headers(s) for s in sheets)
            problems.add(
                str(p),
                None,
                None,
                "no sheet is a household register (户编号, 与户主关系, ...), a linkage ledger "
                "(经营主体带贫名称, 户编号, 带动方式, ...) or lianjie's own nodes/links; the first rows read: "
                f"{shown}; map the columns with `lianjie inspect {p} --write-mapping mapping.toml`",
            )
        else:
            for s, ok in zip(sheets, found):
                if not ok and any(any(str(v).strip() for v in row) for row in s.rows):
                    out.notices.append(f"{s.label}: not a table lianjie reads (notes?); ignored")
    return out


def finish(
    read: FilesRead,
    onto: Ontology,
    store: DatasetStore | None,
    pseudonymise: Pseudonymiser,
    problems: Problems,
) -> list[RawTable]:
    """Every table of the load in lianjie's own form: ledgers and rosters resolved against the load and the store."""
    tables = list(read.tables)
    if read.pending:
        directory = Directory(onto, read.tables, read.registers, store, pseudonymise)
        for pending in read.pending:
            tables += pending.finish(onto, directory, problems)
    return tables


register_layout(LAYOUTS["register"], _read_register, _STORED_AS["register"])
register_layout(LAYOUTS["ledger"], _read_links, _STORED_AS["ledger"])
register_layout(LAYOUTS["roster"], _read_links, _STORED_AS["roster"])

__all__ = [
    "LayoutRead",
    "layout_names",
    "register_layout",
    "unregister_layout",
    "LAYOUTS",
    "FilesRead",
    "ColumnMapping",
    "SheetRead",
    "finish",
    "read_files",
    "read_mapping",
]
