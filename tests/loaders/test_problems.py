"""All the problems of a county's workbook: grouped by kind with examples, every one in --problems FILE.csv."""

import csv
import os

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import snapshot
from lianjie.base.errors import DatasetError
from lianjie.cli import main
from lianjie.loaders import load

NODE_HEADER = ["编号", "类型", "名称", "是否贫困户", "家庭人口"]
LINK_HEADER = ["来源", "目标", "联结类型", "金额", "开始", "结束"]


def county_workbook(path, households=200):
    """A county's workbook as people fill it in: 200 households, each supplying the cooperative.

    Every household's 开始 is a year-month (read), 金额 carries 元 (read); every tenth household's
    开始 is a month that does not exist (2019.13: refused), every 25th has a range as its amount
    (refused), and the last two rows name households nobody listed (refused).
    """
    book = openpyxl.Workbook()
    nodes = book.active
    nodes.title = "nodes"
    nodes.append(NODE_HEADER)
    nodes.append(["c1", "合作社", "荔枝社", None, None])
    nodes.append(["ch1", "销售渠道", "直播", None, None])
    links = book.create_sheet("links")
    links.append(LINK_HEADER)
    links.append(["c1", "ch1", "销售", None, None, None])
    for i in range(households):
        nodes.append([f"h{i}", "农户", f"户{i}", "是", f"{2 + i % 4}人"])
        start = "2019.13" if i % 10 == 0 else f"2019.{1 + i % 9}"
        amount = "500-800" if i % 25 == 0 else f"{1000 + i}元"
        links.append([f"h{i}", "c1", "供货", amount, start, "2020年12月"])
    links.append(["h999", "c1", "供货", None, None, None])
    links.append(["h998", "c1", "供货", None, None, None])
    book.save(path)
    return path


def test_the_problems_of_a_county_workbook_come_grouped_by_kind(store, tmp_path):
    book = county_workbook(tmp_path / "county.xlsx")
    before = snapshot(store)
    with pytest.raises(DatasetError) as info:
        load(store, [book])
    assert snapshot(store) == before
    error = info.value
    # 20 impossible months (households 0, 10, ..., 190), 8 ranges (0, 25, ..., 175), 2 unknown households
    assert error.total == 30 and len(error.problems) == 30
    groups = {(g.column, g.kind): g.count for g in error.groups()}
    assert groups == {
        ("E (开始)", "impossible dates"): 20,
        ("D (金额)", "ranges"): 8,
        ("A (来源)", "ids found nowhere"): 2,
    }
    report = error.report()
    assert f"20 cells in {book} [links], column E (开始): impossible dates (e.g. line 3: " in report
    assert "'2019.13' is not a date: there is no month 13" in report
    assert "'500-800' is not a number: a range; give one number" in report
    # the message itself carries the first problems and the count
    assert str(error).startswith("30 problems in the dataset; nothing was loaded: ")
    assert str(error).count(f"{book} [links], line ") == 5 and str(error).endswith("... and 25 more")


def test_what_was_read_is_said_once_per_column_and_kind(store, tmp_path):
    book = county_workbook(tmp_path / "county.xlsx", households=9)  # households 1 to 8 only: h0 is the bad one
    wb = openpyxl.load_workbook(book)
    wb["links"].delete_rows(3)  # h0's link: 2019.13 and a range
    wb["links"].delete_rows(wb["links"].max_row - 1, 2)  # the two unknown households
    wb.save(book)
    notices = load(store, [book]).notices
    said = [n for n in notices if "cell" in n]
    # households 1 to 8 start in 2019.2 to 2019.9: the example is the first of the most common text
    assert (
        f"{book} [links], column E (开始): 8 cells of year-month dates, "
        "e.g. '2019.2' read as 2019-02-01 (the first day of the month)" in said
    )
    assert any("column F (结束): 8 cells of year-month dates, e.g. '2020年12月' read as 2020-12-31" in n for n in said)
    assert any("column D (金额): 8 cells of numbers with a unit (元)" in n for n in said)
    assert any("column E (家庭人口): 9 cells of numbers with a unit (人)" in n for n in said)


def test_load_problems_writes_every_problem_to_a_csv(tmp_path, store_location):
    runner = CliRunner()
    book = county_workbook(tmp_path / "county.xlsx")
    out = tmp_path / "problems.csv"
    result = runner.invoke(main, ["load", str(book), "--store", store_location, "--problems", str(out)])
    assert result.exit_code == 1
    assert "Error: 30 problems in the dataset; nothing was loaded" in result.output
    assert "By kind:" in result.output and "20 cells in " in result.output
    assert f"wrote 30 problems to {out}" in result.output
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 30
    assert sorted(int(r["line"]) for r in rows if r["kind"] == "impossible dates") == [3 + 10 * k for k in range(20)]
    assert {r["column"] for r in rows} == {"E (开始)", "D (金额)", "A (来源)"}


def test_problem_cells_a_spreadsheet_would_run_are_neutralised(tmp_path, store_location, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = "=HYPERLINK(1)"
    os.mkdir(folder)
    with open(os.path.join(folder, "nodes.csv"), "w", encoding="utf-8") as fh:
        fh.write("编号,类型\nh1,外星人\n")
    result = CliRunner().invoke(main, ["load", folder, "--store", store_location, "--problems", "p.csv"])
    assert result.exit_code == 1
    with open("p.csv", encoding="utf-8-sig", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["file"] == "'" + os.path.join(folder, "nodes.csv")
    assert row["problem"].startswith("unknown node type '外星人'")


def test_load_problems_writes_an_empty_file_when_all_is_well(tmp_path, store_location, dataset_dir):
    folder = dataset_dir([["h1", "Household", "甲", "true", None]], None)
    out = tmp_path / "none.csv"
    result = CliRunner().invoke(main, ["load", str(folder), "--store", store_location, "--problems", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8-sig").splitlines() == ["file,line,column,kind,problem"]
