"""ID numbers as spreadsheets leave them: damaged ones flagged, never stored or shown as typed."""

import json

import openpyxl
import pytest
from conftest import snapshot
from lianjie.base.errors import DatasetError
from lianjie.loaders import load
from lianjie.loaders.privacy import Pseudonymiser, damaged_id_number

# Check digits worked out by hand with the GB 11643 weights: 43012419900307007 → X, 43312519850101123 → 7.
VALID = "43012419900307007X"
VALID_2 = "433125198501011237"
# What a spreadsheet leaves of an 18-digit number kept as a number: 15 significant digits, then zeros.
ROUNDED = "433125198501011000"


def _book(path, nodes, links=None):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "nodes"
    for row in nodes:
        sheet.append(row)
    if links:
        sheet = book.create_sheet("links")
        for row in links:
            sheet.append(row)
    book.save(path)
    return path


def _everything(store) -> str:
    return json.dumps(snapshot(store), ensure_ascii=False, default=str)


def test_full_width_and_lower_case_x_give_the_plain_pseudonym(pseudonym):
    assert pseudonym("４３０１２４１９９００３０７００７ｘ") == pseudonym("43012419900307007x") == pseudonym(VALID)
    helpers = Pseudonymiser(pseudonym._key, helper_from=1)
    import pyarrow as pa

    assert helpers.start(pa.array(["４３０１２４１９９００３０７００７ｘ"])).result().to_pylist() == [pseudonym(VALID)]


def test_ids_that_are_id_numbers_in_any_form_are_one_household(store, tmp_path, pseudonym):
    nodes = [
        ["编号", "类型", "名称", "是否贫困户"],
        ["４３０１２４１９９００３０７００７ｘ", "农户", "甲", "是"],
        ["c1", "合作社", "社", None],
    ]
    links = [["来源", "目标", "联结类型"], ["43012419900307007x", "c1", "入社"]]
    load(store, [_book(tmp_path / "ids.xlsx", nodes, links)])
    households = store.nodes("Household", [])["id"].tolist()
    assert households == [pseudonym(VALID)]
    assert store.links(["MEMBER_OF"])["source"].tolist() == [pseudonym(VALID)]
    assert "43012419900307007" not in _everything(store)


def test_a_rounded_id_number_as_an_id_is_a_problem_never_shown(store, tmp_path):
    nodes = [["编号", "类型", "名称"], [ROUNDED, "农户", "甲"], ["4.33125E+17", "农户", "乙"]]
    before = snapshot(store)
    with pytest.raises(DatasetError) as info:
        load(store, [_book(tmp_path / "rounded.xlsx", nodes)])
    assert snapshot(store) == before
    text = info.value.report() + str(info.value)
    assert "433125198501" not in text and "4.33125" not in text
    problems = {p.line: p.message for p in info.value.problems}
    assert "check digit" in problems[2] and "ends in 000" in problems[2]
    assert "scientific notation" in problems[3]
    assert {g.kind for g in info.value.groups()} == {"damaged ID numbers"}


def test_a_damaged_id_number_in_its_own_column_is_noted_and_pseudonymised(store, tmp_path, pseudonym):
    nodes = [["编号", "类型", "名称", "身份证号"], ["h1", "农户", "甲", ROUNDED], ["h2", "农户", "乙", VALID_2]]
    report = load(store, [_book(tmp_path / "column.xlsx", nodes)])
    assert any(
        "column D (身份证号): 1 cell is an 18-character ID number whose check digit" in n for n in report.notices
    )
    stored = dict(store.nodes("Household", ["id_number"]).itertuples(index=False))
    assert stored == {"h1": pseudonym(ROUNDED), "h2": pseudonym(VALID_2)}
    assert ROUNDED not in _everything(store) and VALID_2 not in _everything(store)


def test_id_and_phone_numbers_in_columns_outside_the_ontology_are_kept_as_pseudonyms(store, tmp_path, pseudonym):
    nodes = [
        ["编号", "类型", "名称", "户主证件", "联系方式", "备用"],
        ["h1", "农户", "甲", VALID_2, "13812345678", "荔枝"],
    ]
    report = load(store, [_book(tmp_path / "extra.xlsx", nodes)])
    extra = json.loads(store.nodes("Household", ["extra"])["extra"][0])
    assert extra == {"户主证件": pseudonym(VALID_2), "联系方式": pseudonym("13812345678"), "备用": "荔枝"}
    assert sum("hold ID or phone numbers" in n for n in report.notices) == 2


def test_no_problem_message_shows_an_id_or_phone_number(store, tmp_path):
    nodes = [["编号", "类型", "名称", "是否贫困户"], ["h1", "农户", "甲", VALID_2], ["h2", "农户", "乙", "13812345678"]]
    with pytest.raises(DatasetError) as info:
        load(store, [_book(tmp_path / "leak.xlsx", nodes)])
    text = info.value.report()
    assert VALID_2 not in text and "13812345678" not in text
    assert "'[an ID number]' is not true/false" in text and "'[a phone number]' is not true/false" in text


def test_damaged_id_number_says_why_without_the_number():
    assert damaged_id_number(VALID) is None and damaged_id_number(VALID_2) is None
    assert "ends in 000" in damaged_id_number(ROUNDED) and "433125" not in damaged_id_number(ROUNDED)
    assert damaged_id_number("h1") is None and damaged_id_number("2019") is None
