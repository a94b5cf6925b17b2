"""What a load would make of some files, without writing: ``lianjie inspect``.

:func:`inspect` reads and checks the files exactly as a load does and says which layout
each sheet was read as, which header became which field and property, which columns are
ignored and why, and every problem a load would report. :func:`guess_mapping` writes a
mapping file (TOML) for a user to correct when a sheet is not recognised, or not fully.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from ...base.errors import DatasetError, LianjieError, Problems
from ...ontology import Ontology, normalise_label
from . import LAYOUTS, ColumnMapping, FilesRead, SheetRead, finish, read_files
from .headers import HEADER_SEARCH_ROWS, IGNORE, cell_text
from .sheets import read_sheets

if TYPE_CHECKING:
    from ...base.dataset import DatasetStore
    from ..privacy import Pseudonymiser


def _tidy_sheets(read: FilesRead, onto: Ontology) -> None:
    """Describe the tables in lianjie's own form too."""
    described = {s.file for s in read.sheets}
    for table in read.tables:
        if table.file in described or table.kind not in ("nodes", "links"):
            continue
        index = onto.node_columns if table.kind == "nodes" else onto.link_columns
        sheet = SheetRead(table.file, f"lianjie {table.kind}", 1, len(table))
        for i, header in enumerate(table.headers):
            prop = index.get(normalise_label(header))
            if prop is None:
                sheet.ignored.append((table.column_of(i), "not in the ontology: kept as text in extra"))
            else:
                what = "link" if table.kind == "links" else "node"
                sheet.columns.append((table.column_of(i), prop.column, f"the {what}'s {prop.column}"))
        read.sheets.append(sheet)


def inspect(
    paths: Iterable[str | Path],
    onto: Ontology,
    store: DatasetStore | None = None,
    roster_of: str | None = None,
    mapping: ColumnMapping | None = None,
    pseudonymise: Pseudonymiser | None = None,
    cap: int = 200,
) -> dict:
    """Read and check ``paths`` as a load would, and write nothing.

    Returns
    -------
    ``sheets``: one dict per sheet (``file``, ``layout``, ``header_line``, ``rows``,
    ``columns`` as [column, field, stored as], ``ignored`` as [column, why], ``note``);
    ``notices``; ``problems`` (the lines a load would print) and ``problem_count``;
    ``nodes`` and ``links``, what a load would write when there is no problem.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from lianjie.ontology import load_ontology
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.csv"
    >>> _ = p.write_text("户编号,姓名,与户主关系,户类型\\nH1,甲,户主,脱贫户\\n", "utf-8")
    >>> result = inspect([p], load_ontology())
    >>> result["sheets"][0]["layout"], result["problem_count"], result["nodes"]
    ('register', 0, 1)
    >>> result["sheets"][0]["columns"][0]
    ['A (户编号)', 'household_id', 'Household id']
    """
    from ..privacy import Pseudonymiser
    from ..validate import Validator

    problems = Problems(cap=cap)
    pseudonymise = pseudonymise or Pseudonymiser()
    try:
        read = read_files(paths, onto, problems, roster_of, mapping)
    except LianjieError as exc:
        return {"sheets": [], "notices": [], "problems": [str(exc)], "problem_count": 1, "nodes": 0, "links": 0}
    _tidy_sheets(read, onto)
    tables = finish(read, onto, store, pseudonymise, problems)
    lookup = store.lookup_nodes if store is not None else (lambda ids: {})
    found: list[str] = [str(p) for p in problems.items]
    total = problems.total
    nodes = links = 0
    notices = list(read.notices)
    try:
        dataset = Validator(onto, lookup, pseudonymise, cap=cap).run(tables)
        nodes, links = dataset.node_count, dataset.link_count
        notices += dataset.notices
    except DatasetError as exc:
        found += [str(p) for p in exc.problems]
        total += exc.total
    if total:
        nodes = links = 0
    return {
        "sheets": [json.loads(json.dumps(asdict(s), ensure_ascii=False)) for s in read.sheets],
        "notices": notices,
        "problems": found,
        "problem_count": total,
        "nodes": nodes,
        "links": links,
    }


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def guess_mapping(
    paths: Iterable[str | Path], onto: Ontology, roster_of: str | None = None, mapping: ColumnMapping | None = None
) -> str:
    """A mapping file (TOML text) with the layout, header row and field of every column guessed.

    Recognised columns carry their field; the others ``"ignore"``, with the fields a user may
    write instead listed in comments. A sheet no layout fits gets its fullest row of the first
    thirty as the header.
    """
    problems = Problems()
    read = read_files(paths, onto, problems, roster_of, mapping)
    lines = [
        "# A lianjie mapping file: how to read a table lianjie does not recognise by itself.",
        "# Use it with: lianjie load FILE --mapping THIS_FILE   (or lianjie inspect FILE --mapping THIS_FILE)",
        "#",
        "# layout      register (one row per person), ledger (one row per household-organisation link)",
        "#             or roster (one row per household an organisation claims; load with --roster-of ORG)",
        "# header_row  the line of the header (the lower line of a two-line header)",
        '# [columns]   each header, and the field it holds; "ignore" leaves a column out, and "extra"',
        "#             keeps it as text in the household's (or link's) extra property: personal details",
        "#             such as health or income are stored only when mapped so here.",
        "#",
    ]
    for name, layout in LAYOUTS.items():
        codes = ", ".join(c.code for c in onto.codelists[layout.scheme].concepts)
        lines.append(f"# fields of a {name}: {codes}")
    lines.append("")
    columns: dict[str, str] = {}
    layout_name = None
    header_row = None
    for _grid, header in read.grids:
        layout_name = layout_name or header.layout.name
        header_row = header_row or header.line
        for c, label in enumerate(header.labels):
            if label:
                columns.setdefault(label, header.fields.get(c, IGNORE))
    if not read.grids:
        for path in paths:
            for sheet in read_sheets(path):
                rows = sheet.rows[:HEADER_SEARCH_ROWS]
                if not rows:
                    continue
                fullest = max(range(len(rows)), key=lambda r: sum(bool(cell_text(v)) for v in rows[r]))
                header_row = header_row or fullest + 1
                for v in rows[fullest]:
                    if cell_text(v):
                        columns.setdefault(cell_text(v), IGNORE)
    lines.append(f"layout = {_toml_string(layout_name or 'register')}" + ("" if layout_name else "  # a guess: check"))
    if header_row:
        lines.append(f"header_row = {header_row}")
    lines += ["", "[columns]"]
    for label, name in columns.items():
        lines.append(f"{_toml_string(label)} = {_toml_string(name)}")
    return "\n".join(lines) + "\n"
