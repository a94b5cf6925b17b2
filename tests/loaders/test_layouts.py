"""Registers, ledgers and rosters read as counties hold them (the answers: tests/county_tables.py)."""

from __future__ import annotations

import math

import county_tables as ct
import pytest
from conftest import TEST_KEY
from lianjie.loaders import DatasetError, load
from lianjie.loaders.privacy import Pseudonymiser


def _households(store) -> dict[str, dict]:
    columns = ["name", "id_number", "phone", "size", "status", "poor", "monitored", "household_type",
               "monitoring_category", "cause", "causes", "identified"]  # fmt: skip
    frame = store.nodes("Household", columns)
    return {r["id"]: r for r in frame.to_dict("records")}


def _links(store, link_type: str, columns=("mechanism", "amount", "quantity", "unit", "start_date", "end_date")):
    frame = store.links([link_type], list(columns))
    return sorted(frame.to_dict("records"), key=lambda r: (r["source"], r["target"]))


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value) in ("NaT", "<NA>")


def test_register_becomes_one_household_per_number(store, tmp_path, pseudonym):
    files = ct.county(tmp_path)
    report = load(store, [files["orgs"], files["register"]], Pseudonymiser(TEST_KEY))
    got = _households(store)
    assert sorted(got) == ["H01", "H02", "H03", "H04", "H05"]
    expected = {  # size, status, poor, monitored, household_type, category, causes
        "H01": (3, "poor", True, False, "general_poor", None, "illness;lack_skills"),
        "H02": (2, "lifted", True, False, "lifted", None, "education"),
        "H03": (1, "monitored", False, True, "monitored", "marginal", "disaster"),
        "H04": (2, "lifted", True, True, "lifted", "unstable_lifted", "lack_labour"),
        "H05": (4, "general", False, False, "general", None, None),
    }
    for hid, (size, status, poor, monitored, htype, category, causes) in expected.items():
        row = got[hid]
        assert (int(row["size"]), row["status"], bool(row["poor"]), bool(row["monitored"])) == (
            size,
            status,
            poor,
            monitored,
        )
        assert row["household_type"] == htype
        assert (None if _blank(row["monitoring_category"]) else row["monitoring_category"]) == category
        assert (None if _blank(row["causes"]) else row["causes"]) == causes
        h = ct.head(hid)
        assert row["name"] == pseudonym(h["name"])
        assert row["id_number"] == pseudonym(h["id_number"])
        assert row["phone"] == pseudonym(h["phone"])
    assert ct.head("H01")["identified"] == 201404 and str(got["H01"]["identified"])[:10] == "2014-04-01"
    assert got["H01"]["cause"] == "illness"
    # places, with their codes, and the chain village -> town -> county
    villages = store.nodes("Village", ["name", "code"]).set_index("id")
    assert villages.loc["433125100201", "name"] == "夯沙村"
    assert sorted(villages.index) == ["433125100201", "433125100202"]
    located = {(r["source"], r["target"]) for r in _links(store, "LOCATED_IN", ())}
    assert ("H05", "433125100202") in located
    assert ("433125100201", "433125100000") in located
    assert ("433125100000", "433125000000") in located
    assert any("skipped 1 total row" in n for n in report.notices)
    assert any("填表说明" in n and "ignored" in n for n in report.notices)


def test_ledger_links_by_name_mode_and_money(store, tmp_path):
    files = ct.county(tmp_path)
    load(store, [files["orgs"], files["register"], files["ledger"]])
    employed = _links(store, "EMPLOYED_BY")
    assert [(r["source"], r["target"], r["mechanism"], r["amount"]) for r in employed] == [
        ("H01", "c1", "wage_employment", 1200.0)
    ]
    assert (str(employed[0]["start_date"])[:10], str(employed[0]["end_date"])[:10]) == ("2021-01-01", "2021-12-31")
    supplies = [r for r in _links(store, "SUPPLIES") if r["source"].startswith("H")]
    assert [(r["source"], r["target"], r["mechanism"], r["amount"]) for r in supplies] == [
        ("H02", "c1", "guaranteed_price_purchase", 12000.0)
    ]
    assert (str(supplies[0]["start_date"])[:10], str(supplies[0]["end_date"])[:10]) == ("2021-03-01", "2021-03-31")
    member = _links(store, "MEMBER_OF")  # the ledger named H03 by its head's ID number only
    assert [(r["source"], r["target"]) for r in member] == [("H03", "k1")]
    assert str(member[0]["start_date"])[:10] == "2022-06-01" and _blank(member[0]["end_date"])
    land = _links(store, "LEASES_LAND_TO")
    assert [(r["source"], r["target"], r["mechanism"], r["amount"], r["quantity"], r["unit"]) for r in land] == [
        ("H04", "k1", "land_rent", 3000.0, 2.5, "亩")
    ]
    served = _links(store, "SERVES")  # support: from the organisation to the household
    assert [(r["source"], r["target"], r["mechanism"]) for r in served] == [("c1", "H05", "technical_service")]
    assert str(served[0]["start_date"])[:10] == "2021-05-01" and _blank(served[0]["amount"])


def test_ledger_alone_finds_organisations_and_households_already_stored(store, tmp_path):
    files = ct.county(tmp_path)
    load(store, [files["orgs"], files["register"]])
    load(store, [files["ledger"]])
    assert [(r["source"], r["target"]) for r in _links(store, "MEMBER_OF")] == [("H03", "k1")]
    assert len(_links(store, "EMPLOYED_BY")) == 1


def test_bad_ledger_is_refused_whole_with_every_problem(store, tmp_path):
    files = ct.county(tmp_path)
    load(store, [files["orgs"], files["register"]])
    before = store.counts()
    rows = ct.ledger_rows()
    rows[0][1] = "林茵茶叶公司"  # not the stored name
    rows[1][6] = "一万二"  # an amount in words
    rows[3][8] = "2021年13月"  # no such month
    rows[4][5] = "送温暖"  # not a linkage mode
    bad = ct.ledger_xlsx(tmp_path / "bad.xlsx", rows)
    with pytest.raises(DatasetError) as caught:
        load(store, [bad])
    lines = [str(p) for p in caught.value.problems]
    sheet = f"{bad} [台账]"
    assert any(
        line.startswith(f"{sheet}, line 3, column B (经营主体带贫名称): no organisation named '林茵茶叶公司'")
        and "林茵茶业（保靖）有限公司" in line
        for line in lines
    ), lines
    assert any(line.startswith(f"{sheet}, line 4, column G (带动增收（元）): cannot read '一万二'") for line in lines)
    assert any(line.startswith(f"{sheet}, line 6, column I (年度): cannot read '2021年13月'") for line in lines)
    assert any(
        line.startswith(f"{sheet}, line 7, column F (带动方式): unknown linkage mode '送温暖'") for line in lines
    )
    assert caught.value.total == 4
    assert store.counts() == before


def test_roster_claims_households(store, tmp_path):
    files = ct.county(tmp_path)
    load(store, [files["orgs"], files["register"], files["ledger"]])
    load(store, [files["roster"]], roster_of="夯沙村茶叶专业合作社")
    claims = _links(store, "CLAIMS", ())
    assert [(r["source"], r["target"]) for r in claims] == [("k1", h) for h in ("H02", "H03", "H04", "H05")]


def test_roster_without_its_organisation_is_refused(store, tmp_path):
    files = ct.county(tmp_path)
    load(store, [files["orgs"], files["register"]])
    with pytest.raises(DatasetError) as caught:
        load(store, [files["roster"]])
    assert "--roster-of" in str(caught.value.problems[0])


@pytest.mark.parametrize("form", ["xls", "csv"])
def test_register_in_old_excel_and_csv(store, tmp_path, form):
    path = ct.register_xls(tmp_path / "r.xls") if form == "xls" else ct.register_csv(tmp_path / "r.csv")
    load(store, [path])
    got = _households(store)
    assert {h: (int(r["size"]), r["status"]) for h, r in got.items()} == {
        "H01": (3, "poor"),
        "H02": (2, "lifted"),
        "H03": (1, "monitored"),
        "H04": (2, "lifted"),
        "H05": (4, "general"),
    }


def test_id_numbers_stored_as_numbers_are_refused(store, tmp_path):
    path = ct.register_xlsx(tmp_path / "r.xlsx", numeric_ids=True)
    with pytest.raises(DatasetError) as caught:
        load(store, [path])
    (problem,) = caught.value.problems
    text = str(problem)
    assert text.startswith(f"{path} [监测对象信息], line 5, column G (证件号码): 12 ID numbers are stored as numbers")
    assert "format the column as text" in text
    assert store.counts() == {}


def test_no_personal_value_reaches_the_store_files(tmp_path):
    from lianjie.graph import open_store

    files = ct.county(tmp_path / "in")
    folder = tmp_path / "store"
    folder.mkdir()
    with open_store(folder / "s.db") as store:
        load(store, [files["orgs"], files["register"], files["ledger"]])
        load(store, [files["roster"]], roster_of="k1")
    blobs = b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())
    assert blobs  # the store wrote something
    for value in ct.personal_values():
        assert value.encode("utf-8") not in blobs, value
    assert "林茵茶业".encode() in blobs  # an organisation's name is kept: the search can find text


def test_a_sheet_that_is_no_layout_is_explained(store, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["甲", "乙", "丙"])
    book.active.append([1, 2, 3])
    path = tmp_path / "odd.xlsx"
    book.save(path)
    with pytest.raises(DatasetError) as caught:
        load(store, [path])
    message = str(caught.value.problems[0])
    assert message.startswith(f"{path}: no sheet is a household register")
    assert "甲, 乙, 丙" in message and "--write-mapping" in message


def test_tidy_tables_still_load(store, tmp_path):
    folder = ct.organisations(tmp_path / "orgs")
    report = load(store, [folder])
    assert report.summary.nodes_created == 3


def test_long_household_numbers_stored_as_numbers_are_refused(store, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["户编号", "与户主关系", "户类型"])
    sheet.append([4331251002010001234, "户主", "脱贫户"])  # 19 digits: the cell keeps 15
    sheet.append([43312510020100, "户主", "脱贫户"])  # 14 digits survive whole
    path = tmp_path / "r.xlsx"
    book.save(path)
    with pytest.raises(DatasetError) as caught:
        load(store, [path])
    (problem,) = caught.value.problems
    assert str(problem).startswith(
        f"{path} [Sheet], line 2, column A (户编号): 1 household number is stored as a number"
    )


def test_a_layout_plugs_in_by_registration_alone(store, tmp_path):
    """A list of households (户编号, 户主姓名) read as Household nodes by a layout registered here."""
    import pyarrow as pa
    from lianjie.loaders.layouts import register_layout, unregister_layout
    from lianjie.loaders.layouts.grid import raw_table
    from lianjie.loaders.layouts.headers import Layout
    from lianjie.loaders.layouts.registry import LayoutRead

    def read(grid, onto, problems, roster_of):
        ids = grid.strings(grid.header.column("household_id"))
        columns = [("id", ids, grid.header.column("household_id")), ("type", pa.array(["农户"] * len(ids)), None)]
        return LayoutRead(tables=[raw_table(grid, "nodes", columns, list(range(len(grid))))])

    path = ct.write_csv(tmp_path / "list.csv", ["户编号", "户主姓名"], [["T1", "某甲"], ["T2", "某乙"]])
    register_layout(Layout("household_list", "RosterColumn", "household list", key=(("household_id",), ("head_name",)),
                           required=()), read)  # fmt: skip
    try:
        load(store, [path])
    finally:
        unregister_layout("household_list")
    assert sorted(_households(store)) == ["T1", "T2"]


def test_a_roster_beside_tidy_csv_tables(store, tmp_path):
    folder = ct.organisations(tmp_path / "orgs")
    load(store, [ct.register_csv(tmp_path / "r.csv")])
    roster = ct.write_csv(tmp_path / "roster.csv", ["户编号", "户主姓名"], [["H01", "某"], ["H02", "某"]])
    load(store, [folder / "nodes.csv", roster], roster_of="k1")
    assert [(r["source"], r["target"]) for r in _links(store, "CLAIMS", ())] == [("k1", "H01"), ("k1", "H02")]


def test_ledger_as_gb18030_csv(store, tmp_path):
    files = ct.county(tmp_path)
    rows = [["保靖县带贫台账"] + [None] * 8, ct.LEDGER_HEADER, *ct.ledger_rows()]
    ledger = ct.write_csv(tmp_path / "ledger.csv", rows[0], rows[1:], encoding="gb18030")
    load(store, [files["orgs"], files["register"], ledger])
    assert [(r["source"], r["target"], r["amount"]) for r in _links(store, "EMPLOYED_BY")] == [("H01", "c1", 1200.0)]
    assert [(r["source"], r["target"]) for r in _links(store, "MEMBER_OF")] == [("H03", "k1")]
    served = _links(store, "SERVES")  # the Excel date became ISO text in the CSV
    assert [(r["source"], r["target"], str(r["start_date"])[:10]) for r in served] == [("c1", "H05", "2021-05-01")]
