"""The household register: one row per person, exported from the poverty-monitoring system.

One Household per ``户编号`` (its id). The head (``与户主关系 = 户主``) gives the household's
name, ID number and phone, which the validator replaces by keyed pseudonyms; no other
member's name, number or personal detail is passed on. ``size`` is ``人数`` or the number of
member rows; the status comes from ``户类型`` (or ``脱贫状态``) through the ontology's
HouseholdType and ExitStatus codelists, and a household is ``monitored`` when its type is
监测户 or it has a ``监测对象类别``. The area columns become the villages, towns and
counties, with their 12-digit codes when given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ...base.errors import Problems
from ...ontology import Ontology
from ..readings import normalise_id
from ..tables import LINKS, NODES, RawTable
from .grid import Grid, raw_table, report_rows

#: ``与户主关系`` values that mark the head of the household.
HEAD_WORDS = frozenset({"户主", "本人", "户主本人", "本人(户主)", "本人（户主）"})
_YEAR = re.compile(r"(\d{4})(?:年|年度)?")
#: How many digits each level's area code has when given short, and the zeros that complete it.
_CODE_DIGITS = {"village": 12, "town": 9, "county": 6}


@dataclass
class RegisterRead:
    """What a register gives the rest of the load: its tables, and its members' ID numbers by household."""

    tables: list[RawTable]
    notices: list[str]
    #: Every member's ID number (as written) and the household id it belongs to, for ledgers
    #: that name a household by ID number. Kept in memory only, never stored.
    id_numbers: pa.Array
    id_households: pa.Array


def _related(onto: Ontology, codelist: str, target: str) -> dict[str, str]:
    """Each code of ``codelist`` to the code of ``target`` it is skos:related to."""
    targets = set(onto.codelists[target].codes)
    return {c.code: next((r for r in c.related if r in targets), None) for c in onto.codelists[codelist].concepts}


def _area_code(value: str | None, level: str) -> str | None | bool:
    """A 12-digit statistical area code from what a cell gives; False when it is not one."""
    if value is None:
        return None
    digits = value.strip()
    if not digits.isdigit():
        return False
    if len(digits) == _CODE_DIGITS[level] and len(digits) < 12:
        digits += "0" * (12 - len(digits))
    return digits if len(digits) == 12 else False


def read_register(grid: Grid, onto: Ontology, problems: Problems) -> RegisterRead:
    """Households, places and their links from one register sheet."""
    h = grid.header
    file = grid.file
    n = len(grid)
    col = h.column
    hh_col = col("household_id")
    hh = [normalise_id(t) if t is not None else None for t in grid.texts(hh_col)]
    missing = [i for i, v in enumerate(hh) if v is None]
    report_rows(problems, grid, missing, hh_col, lambda i: "no household number (户编号) on this member's row")
    grid.numeric_ids(hh_col, problems, "household number", smallest=1e15)
    id_col = col("id_number")
    if id_col is not None:
        grid.numeric_ids(id_col, problems)
    relation = grid.texts(col("relation"))
    is_head = np.fromiter((r is not None and r.replace(" ", "") in HEAD_WORDS for r in relation), bool, count=n)

    valid = np.array([v is not None for v in hh], dtype=bool)
    positions = np.flatnonzero(valid)
    encoded = pc.dictionary_encode(pa.array([hh[i] for i in positions], pa.string()))
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    households = len(encoded.dictionary)
    members = np.bincount(codes, minlength=households)
    # the head's row of each household, else its first row; households in order of first appearance
    order = np.lexsort((np.arange(len(codes)), ~is_head[positions], codes))
    _, first_in_order = np.unique(codes[order], return_index=True)
    chosen_by_code = positions[order[first_in_order]]
    first_seen = np.unique(codes, return_index=True)[1]
    sequence = np.argsort(first_seen, kind="stable")
    chosen = chosen_by_code[sequence]
    member_count = members[sequence]
    headless = int((~is_head[chosen]).sum())
    heads_per_household = np.bincount(codes[is_head[positions]], minlength=households)
    notices = []
    if headless:
        notices.append(
            f"{file}: {headless:,} household{'s have' if headless > 1 else ' has'} no member marked 户主 in "
            "与户主关系; the first member's row gives the head's name and numbers"
        )
    doubled = int((heads_per_household > 1).sum())
    if doubled:
        notices.append(f"{file}: {doubled:,} households have more than one 户主; the first one is used")
    if grid.skipped:
        notices.append(f"{file}: skipped {', '.join(grid.skipped)}")

    def at(field: str) -> tuple[list[str | None], int | None]:
        c = col(field)
        if c is None:
            return [None] * len(chosen), None
        return grid.texts_at(c, chosen), c

    name, name_col = at("member_name")
    if name_col is None:
        name, name_col = at("head_name")
    id_number, id_number_col = at("id_number")
    phone, phone_col = at("phone")
    size, size_col = at("size")
    size = [s if s is not None else str(int(m)) for s, m in zip(size, member_count)]

    htype, htype_col = at("household_type")
    category, category_col = at("monitoring_category")
    exit_status, exit_col = at("exit_status")
    type_code = {v: onto.resolve_code("HouseholdType", v) for v in set(htype) if v is not None}
    category_code = {v: onto.resolve_code("MonitoringCategory", v) for v in set(category) if v is not None}
    exit_code = {v: onto.resolve_code("ExitStatus", v) for v in set(exit_status) if v is not None}
    type_status = _related(onto, "HouseholdType", "HouseholdStatus")
    category_status = _related(onto, "MonitoringCategory", "HouseholdStatus")
    exit_to_status = _related(onto, "ExitStatus", "HouseholdStatus")
    status, monitored, type_out, category_out = [], [], [], []
    for t, c, e in zip(htype, category, exit_status):
        tc, cc, ec = type_code.get(t), category_code.get(c), exit_code.get(e)
        s = type_status.get(tc) if tc else None
        if cc and (s is None or s == "monitored") and category_status.get(cc) == "lifted":
            s = "lifted"  # 脱贫不稳定户: a lifted household under monitoring
        if s is None and ec:
            s = exit_to_status.get(ec)
        if s is None and cc:
            s = "monitored"
        status.append(s)
        monitored.append("true" if tc == "monitored" or c is not None else ("false" if t or e else None))
        type_out.append(tc or t)  # an unknown word goes on, and the validator names it with its column
        category_out.append(cc or c)

    exit_year, exit_year_col = at("exit_year")
    exit_year = [m.group(1) if y and (m := _YEAR.fullmatch(y)) else y for y in exit_year]
    identified, identified_col = at("identified")

    cause_cols = h.columns("cause")
    causes_per_household: list[list[str]] = [[] for _ in chosen]
    for c in cause_cols:
        cells = grid.texts_at(c, chosen)
        resolved = {v: onto.resolve_code("PovertyCause", v) for v in set(cells) if v is not None}
        bad = [k for k, v in enumerate(cells) if v is not None and resolved[v] is None]
        if bad:
            choices = ", ".join(f"{x.label_zh}" for x in onto.codelists["PovertyCause"].concepts)
            report_rows(
                problems,
                grid,
                chosen[bad],
                c,
                lambda i, c=c, choices=choices: (
                    f"unknown cause of poverty {grid.cell(i, c)!r}; expected one of {choices}"
                ),
            )
        for k, v in enumerate(cells):
            code = resolved.get(v) if v is not None else None
            if code and code not in causes_per_household[k]:
                causes_per_household[k].append(code)
    cause = [cs[0] if cs else None for cs in causes_per_household]
    causes = [";".join(cs) if cs else None for cs in causes_per_household]

    village_ids, place_tables = _places(grid, chosen, problems)
    ids = encoded.dictionary.take(pa.array(sequence))
    s = pa.string()
    columns = [
        ("id", ids, hh_col),
        ("type", pa.repeat(pa.scalar("Household", s), len(chosen)), None),
        ("name", pa.array(name, s), name_col),
        ("id_number", pa.array(id_number, s), id_number_col),
        ("phone", pa.array(phone, s), phone_col),
        ("size", pa.array(size, s), size_col),
        ("status", pa.array(status, s), htype_col if htype_col is not None else exit_col),
        ("household_type", pa.array(type_out, s), htype_col),
        ("monitoring_category", pa.array(category_out, s), category_col),
        ("monitored", pa.array(monitored, s), category_col if category_col is not None else htype_col),
        ("cause", pa.array(cause, s), cause_cols[0] if cause_cols else None),
        ("causes", pa.array(causes, s), cause_cols[0] if cause_cols else None),
        ("identified", pa.array(identified, s), identified_col),
        ("exit_year", pa.array(exit_year, s), exit_year_col),
        ("village", pa.array(village_ids, s), col("village")),
    ]
    columns = [c for c in columns if c[2] is not None or c[0] in ("id", "type", "size", "status", "monitored")]
    for c in h.columns("extra"):  # mapped explicitly: kept as text in the household's extra property
        columns.append((h.labels[c], pa.array(grid.texts_at(c, chosen), s), c))
    tables = [raw_table(grid, NODES, columns, chosen), *place_tables]
    if id_col is not None:
        all_ids = pa.array([normalise_id(t) if t else None for t in grid.texts(id_col)], pa.string())
        id_households = pa.array(hh, pa.string())
    else:
        all_ids = id_households = pa.array([], pa.string())
    return RegisterRead(tables, notices, all_ids, id_households)


def _places(grid: Grid, chosen: np.ndarray, problems: Problems) -> tuple[list[str | None], list[RawTable]]:
    """The village id of each chosen row, and the tables of villages, towns, counties and their links."""
    col = grid.header.column

    def cells(field: str) -> list[str | None]:
        c = col(field)
        if c is None:
            return [None] * len(chosen)
        return grid.texts_at(c, chosen)

    county, town, village = cells("county"), cells("town"), cells("village")
    codes = {level: cells(f"{level}_code") for level in ("village", "town", "county")}
    if not any(any(v is not None for v in x) for x in (county, town, village, *codes.values())):
        return [None] * len(chosen), []
    places: dict[str, tuple[str, str | None, str | None, int, int | None]] = {}  # id -> class, name, code, row, col
    links: dict[tuple[str, str], int] = {}
    village_ids: list[str | None] = []
    for k in range(len(chosen)):
        got = {}
        for level in ("village", "town", "county"):
            code = _area_code(codes[level][k], level)
            if code is False:
                c = col(f"{level}_code")
                problems.add(
                    grid.file,
                    grid.line(int(chosen[k])),
                    grid.column_name(c),
                    f"{codes[level][k]!r} is not an area code; expected the 12-digit statistical area code "
                    "(统计用区划代码)",
                )
                code = None
            got[level] = code
        vcode, tcode, ccode = got["village"], got["town"], got["county"]
        if vcode:
            tcode = tcode or vcode[:9] + "000"
            ccode = ccode or vcode[:6] + "000000"
        elif tcode:
            ccode = ccode or tcode[:6] + "000000"
        c_name, t_name, v_name = county[k], town[k], village[k]
        c_id = ccode or c_name
        t_id = tcode or ("/".join(x for x in (c_name, t_name) if x) if t_name else None)
        v_id = vcode or ("/".join(x for x in (c_name, t_name, v_name) if x) if v_name else None)
        row = int(chosen[k])
        for pid, cls, name, code, field in (
            (c_id, "County", c_name, ccode, "county"),
            (t_id, "Town", t_name, tcode, "town"),
            (v_id, "Village", v_name, vcode, "village"),
        ):
            if pid is not None and pid not in places:
                places[pid] = (cls, name, code, row, col(field) if name else col(f"{field}_code"))
        if v_id and t_id:
            links.setdefault((v_id, t_id), row)
        if t_id and c_id:
            links.setdefault((t_id, c_id), row)
        village_ids.append(v_id)
    s = pa.string()
    items = list(places.items())
    positions = np.array([row for _, (_, _, _, row, _) in items], dtype=np.int64)
    place_columns = [
        ("id", pa.array([pid for pid, _ in items], s), col("village_code") or col("village")),
        ("type", pa.array([p[0] for _, p in items], s), None),
        ("name", pa.array([p[1] for _, p in items], s), col("village")),
        ("code", pa.array([p[2] for _, p in items], s), col("village_code")),
    ]
    link_items = list(links.items())
    link_positions = np.array([row for _, row in link_items], dtype=np.int64)
    link_columns = [
        ("source", pa.array([a for (a, _), _ in link_items], s), col("village") or col("town")),
        ("target", pa.array([b for (_, b), _ in link_items], s), col("town") or col("county")),
        ("type", pa.repeat(pa.scalar("LOCATED_IN", s), len(link_items)), None),
    ]
    tables = [raw_table(grid, NODES, place_columns, positions)]
    if link_items:
        tables.append(raw_table(grid, LINKS, link_columns, link_positions))
    return village_ids, tables
