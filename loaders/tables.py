"""Read the files of a dataset into raw string tables that remember where each cell came from.

A dataset is a folder holding ``nodes.csv`` and/or ``links.csv``, an ``.xlsx`` workbook
with sheets ``nodes`` and ``links``, a ``.json`` file ``{"nodes": [...], "links": [...]}``,
or a single CSV file whose header says whether it holds nodes or links.
Every cell is kept as text (or null when blank), in an Arrow table; typing is the validator's job.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ..base.errors import LianjieError
from ..ontology import Ontology, normalise_label
from .encoding import decode_text
from .guards import check_workbook

NODES, LINKS = "nodes", "links"
_SHEET_NAMES = {NODES: {"nodes", "节点", "主体"}, LINKS: {"links", "联结", "关系", "台账"}}


@dataclass
class RawTable:
    """One table of a dataset, every cell as text, with its source positions.

    ``rows`` holds one string column per header, in header order, null where a cell is blank;
    rows that are wholly blank are left out, and ``line_of`` maps a row's position to its line.
    """

    file: str
    kind: str
    headers: list[str]
    rows: pa.Table
    line_of: Callable[[int], int]
    column_of: Callable[[int], str]

    def __len__(self) -> int:
        return self.rows.num_rows

    def column(self, i: int) -> pa.Array:
        """The cells of column ``i`` as one string array."""
        column = self.rows.column(i)
        return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()

    def cell(self, i: int, row: int) -> str | None:
        """One cell's text, for messages."""
        return self.rows.column(i)[row].as_py()


def _clean(value: object) -> str | None:
    """One cell as text; blanks become None. Spreadsheet numbers keep their integral form."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    text = str(value).strip()
    return text or None


def _frame(headers: list[str], records: list[list[str | None]]) -> pa.Table:
    columns = [pa.array([rec[i] for rec in records], pa.string()) for i in range(len(headers))]
    return pa.table(columns, names=[str(i) for i in range(len(headers))])


def _sniff_kind(headers: list[str], onto: Ontology) -> str:
    roles = {onto.link_columns.get(normalise_label(h)) for h in headers}
    role_names = {p.role for p in roles if p is not None}
    return LINKS if {"link_source", "link_target"} <= role_names else NODES


def _csv_records(text: str, path: Path) -> tuple[list[str], list[list[str | None]], list[int]]:
    """Parse CSV text exactly with the csv module: header, records and the line each record starts on."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise LianjieError(f"{path}: the file is empty; expected a header line") from None
    except csv.Error as exc:
        raise LianjieError(f"{path}, line 1: cannot read the header: {exc}") from None
    headers = [(_clean(h) or "") for h in header]
    width = len(headers)
    records: list[list[str | None]] = []
    lines: list[int] = []
    start = reader.line_num + 1
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                start = reader.line_num + 1
                continue
            if len(row) > width and any(cell.strip() for cell in row[width:]):
                raise LianjieError(
                    f"{path}, line {start}: {len(row)} fields but the header names {width}; "
                    "quote cells that contain commas"
                )
            cells = [_clean(c) for c in row[:width]]
            cells += [None] * (width - len(cells))
            records.append(cells)
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise LianjieError(f"{path}, line {reader.line_num}: cannot read the CSV: {exc}") from None
    return headers, records, lines


def text_csv_options(width: int) -> dict:
    """pyarrow CSV options reading ``width`` columns past the header row as text, empty cells as ""."""
    names = [f"c{i}" for i in range(width)]
    return {
        "read_options": pacsv.ReadOptions(column_names=names, skip_rows=1, block_size=1 << 24),
        "parse_options": pacsv.ParseOptions(newlines_in_values=True),
        "convert_options": pacsv.ConvertOptions(
            column_types={n: pa.string() for n in names},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    }


def _fast_csv(data: bytes, width: int) -> pa.Table | None:
    """All cells as trimmed text (None when blank) with pyarrow, or None when the file needs the exact parser."""
    try:
        table = pacsv.read_csv(io.BytesIO(data), **text_csv_options(width))
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    return trimmed_cells(table, width)


def trimmed_cells(table: pa.Table, width: int) -> pa.Table:
    """The first ``width`` columns trimmed, blanks null, wholly blank rows left out; columns named "0", "1", ..."""
    columns, blank = [], None
    for i in range(width):
        col = pc.utf8_trim_whitespace(table.column(i))
        empty = pc.equal(col, "")
        columns.append(pc.if_else(empty, pa.scalar(None, pa.string()), col))
        blank = empty if blank is None else pc.and_(blank, empty)
    frame = pa.table(columns, names=[str(i) for i in range(width)]).combine_chunks()
    if blank is not None and frame.num_rows and pc.any(blank).as_py():
        frame = frame.filter(pc.invert(blank))
    return frame


def read_csv(path: Path, kind: str | None, onto: Ontology) -> RawTable:
    raw = path.read_bytes()
    text, encoding = decode_text(raw, str(path))
    first_line = text[: text.find("\n")] if "\n" in text else text
    headers, records, lines = _csv_records(first_line + "\n", path)
    frame = None
    if '"' not in first_line:
        data = raw[3:] if encoding == "utf-8-sig" else raw if encoding == "utf-8" else text.encode("utf-8")
        frame = _fast_csv(data, len(headers))
    exact: dict[str, list[int]] = {}

    def line_of(row: int) -> int:
        if "lines" not in exact:
            exact["lines"] = _csv_records(text, path)[2]
        return exact["lines"][row]

    if frame is None:
        headers, records, lines = _csv_records(text, path)
        frame = _frame(headers, records)
        exact["lines"] = lines
    table_kind = kind or _sniff_kind(headers, onto)
    return RawTable(
        file=str(path),
        kind=table_kind,
        headers=headers,
        rows=frame,
        line_of=line_of,
        column_of=lambda i: f"{i + 1} ({headers[i]})",
    )


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column: 0 is A, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def read_xlsx(path: Path, onto: Ontology) -> list[RawTable]:
    from openpyxl import load_workbook

    check_workbook(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise LianjieError(f"{path}: cannot open the workbook: {exc}") from None
    tables = []
    try:
        by_name = {normalise_label(name): name for name in book.sheetnames}
        for kind, names in _SHEET_NAMES.items():
            sheet_name = next((by_name[n] for n in names if n in by_name), None)
            if sheet_name is None:
                continue
            rows = book[sheet_name].iter_rows(values_only=True)
            header = next(rows, None)
            if header is None:
                continue
            headers = [(_clean(h) or "") for h in header]
            while headers and not headers[-1]:
                headers.pop()
            records, lines = [], []
            for line, row in enumerate(rows, start=2):
                cells = [_clean(v) for v in row[: len(headers)]]
                if not any(c is not None for c in cells):
                    continue
                cells += [None] * (len(headers) - len(cells))
                records.append(cells)
                lines.append(line)
            label = f"{path} [{sheet_name}]"
            tables.append(
                RawTable(
                    file=label,
                    kind=kind,
                    headers=headers,
                    rows=_frame(headers, records),
                    line_of=lines.__getitem__,
                    column_of=lambda i, h=headers: f"{column_letter(i)} ({h[i]})",
                )
            )
    finally:
        book.close()
    if not tables:
        raise LianjieError(f"{path}: no sheet named 'nodes' or 'links' (节点 / 联结)")
    return tables


def _json_record_lines(text: str) -> dict[str, list[int]]:
    """Line of each record under the top-level keys, for error messages."""
    decoder = json.JSONDecoder()
    out: dict[str, list[int]] = {}
    pos, line, last = 0, 1, 0

    def line_at(i: int) -> int:
        nonlocal line, last
        line += text.count("\n", last, i)
        last = i
        return line

    def skip(i: int) -> int:
        while i < len(text) and text[i] in " \t\r\n":
            i += 1
        return i

    pos = skip(pos)
    if pos >= len(text) or text[pos] != "{":
        return out
    pos = skip(pos + 1)
    while pos < len(text) and text[pos] != "}":
        key, pos = decoder.raw_decode(text, pos)
        pos = skip(pos)
        pos = skip(pos + 1)  # the colon
        if text[pos] == "[":
            lines = out.setdefault(str(key), [])
            pos = skip(pos + 1)
            while text[pos] != "]":
                lines.append(line_at(pos))
                _, pos = decoder.raw_decode(text, pos)
                pos = skip(pos)
                if text[pos] == ",":
                    pos = skip(pos + 1)
            pos += 1
        else:
            _, pos = decoder.raw_decode(text, pos)
        pos = skip(pos)
        if pos < len(text) and text[pos] == ",":
            pos = skip(pos + 1)
    return out


class _NotANumber(ValueError):
    """JSON text held NaN or Infinity, which JSON does not allow and no table cell means."""


def _refuse_constant(name: str) -> None:
    raise _NotANumber(name)


def _position_of(text: str, word: str) -> tuple[int, int]:
    """Line and column (from 1) of the first ``word`` outside a JSON string."""
    for match in re.finditer(r'"(?:[^"\\]|\\.)*"|' + re.escape(word), text):
        if match.group(0) == word:
            before = text[: match.start()]
            return before.count("\n") + 1, match.start() - (before.rfind("\n") + 1) + 1
    return 1, 1


def read_json(path: Path) -> list[RawTable]:
    text, _encoding = decode_text(path.read_bytes(), str(path))
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise LianjieError(f"{path}, line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}") from None
    except _NotANumber as exc:
        line, column = _position_of(text, exc.args[0])
        raise LianjieError(
            f"{path}, line {line}, column {column}: {exc.args[0]} is not a value; leave the field out or write null"
        ) from None
    except RecursionError:
        raise LianjieError(
            f"{path}: the JSON is nested too deeply; expected {{\"nodes\": [...], \"links\": [...]}} "
            "holding flat objects"
        ) from None
    if not isinstance(data, dict):
        raise LianjieError(f'{path}, line 1: expected an object {{"nodes": [...], "links": [...]}}')
    record_lines = _json_record_lines(text)
    tables = []
    for kind, names in _SHEET_NAMES.items():
        key = next((k for k in data if normalise_label(k) in names), None)
        if key is None:
            continue
        records = data[key]
        lines = record_lines.get(key, [])
        if not isinstance(records, list):
            raise LianjieError(f'{path}: "{key}" must be a list of objects')
        headers: list[str] = []
        seen: set[str] = set()
        for i, rec in enumerate(records):
            if not isinstance(rec, dict):
                line = lines[i] if i < len(lines) else "?"
                raise LianjieError(f"{path}, line {line}: {key}[{i}] must be an object with named fields")
            for k in rec:
                if k not in seen:
                    seen.add(k)
                    headers.append(k)
        rows = [[_clean(rec.get(h)) for h in headers] for rec in records]
        tables.append(
            RawTable(
                file=str(path),
                kind=kind,
                headers=headers,
                rows=_frame(headers, rows),
                line_of=(lambda i, ls=lines, k=key: ls[i] if i < len(ls) else i + 1),
                column_of=lambda i, h=headers: f'"{h[i]}"',
            )
        )
    if not tables:
        raise LianjieError(f'{path}: expected keys "nodes" and/or "links"')
    return tables
