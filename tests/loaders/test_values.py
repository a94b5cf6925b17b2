"""Values as people type them: each read to what a person means, or refused saying why."""

import datetime as dt

import openpyxl
import pandas as pd
import pytest
from lianjie.loaders import load
from lianjie.loaders.readings import excel_serial_date, normalise_id, read_date, read_number, read_year_month

D = dt.date


@pytest.mark.parametrize(
    "text, value, kind",
    [
        ("2019-06-30", D(2019, 6, 30), None),
        ("2019/6/30", D(2019, 6, 30), None),
        ("2019年6月30日", D(2019, 6, 30), None),
        ("２０１９－０６－３０", D(2019, 6, 30), None),  # full-width digits
        ("2019.5", D(2019, 5, 1), "year-month dates"),
        ("2020年3月", D(2020, 3, 1), "year-month dates"),
        ("2020-03", D(2020, 3, 1), "year-month dates"),
        ("202003", D(2020, 3, 1), "year-months written YYYYMM"),
        ("20200315", D(2020, 3, 15), "dates written YYYYMMDD"),
        ("2019-05-29 00:00:00", D(2019, 5, 29), "date-times"),
        ("2019-05-29T14:30:00", D(2019, 5, 29), "date-times"),
        # Excel counts days from 1899-12-30: 43614 days later is 2019-05-29 (43466 is 2019-01-01)
        ("43614", D(2019, 5, 29), "Excel date serials"),
        ("43466", D(2019, 1, 1), "Excel date serials"),
        ("2019", D(2019, 1, 1), "years alone"),
        ("29/5/2019", D(2019, 5, 29), "dates written day/month/year"),
        ("5/29/2019", D(2019, 5, 29), "dates written month/day/year"),
    ],
)
def test_dates_people_write(text, value, kind):
    r = read_date(text)
    assert (r.value, r.kind) == (value, kind)


def test_a_year_month_that_ends_a_period_is_read_to_its_last_day():
    assert read_date("2020年2月", end=True).value == D(2020, 2, 29)  # 2020 is a leap year
    assert read_date("2019.11", end=True).value == D(2019, 11, 30)
    assert read_date("2019", end=True).value == D(2019, 12, 31)
    assert read_year_month("202102", end=True).value == D(2021, 2, 28)


def test_a_year_month_a_spreadsheet_may_have_shortened_is_read_and_flagged():
    r = read_date("2019.1")
    assert r.value == D(2019, 1, 1)
    assert "2019.10" in r.kind


@pytest.mark.parametrize(
    "text, kind, why",
    [
        ("2020-02-30", "impossible dates", "February 2020 has 29 days"),
        ("2019-02-29", "impossible dates", "February 2019 has 28 days"),
        ("2020-13", "impossible dates", "there is no month 13"),
        ("5/6/2019", "day and month that could be either", "2019-05-06 or 2019-06-05"),
        ("去年", "not dates", "expected a date"),
    ],
)
def test_dates_refused_say_why(text, kind, why):
    r = read_date(text)
    assert r.value is None and r.kind == kind and why in r.note


def test_excel_serials():
    assert excel_serial_date(61) == D(1900, 3, 1)
    assert excel_serial_date(44927) == D(2023, 1, 1)
    assert excel_serial_date(60) is None  # Excel's 1900-02-29, a day that never was


@pytest.mark.parametrize(
    "text, value, kind",
    [
        ("1500000", 1500000, None),
        ("1,200", 1200, None),
        ("３０００", 3000, None),
        ("3000元", 3000, "numbers with a unit (元)"),
        ("¥3,000", 3000, "numbers with a unit (元)"),
        ("2000 斤", 2000, "numbers with a unit (斤)"),
        ("1.2万", 12000, "numbers in 万"),
        ("1.2万元", 12000, "numbers in 万"),
        ("3亿", 300_000_000, "numbers in 亿"),
        ("约50户", 50, "approximate numbers (约)"),
        ("100左右", 100, "approximate numbers (左右)"),
        ("50余户", 50, "at-least numbers (余)"),
        ("50多户", 50, "at-least numbers (多)"),
        ("50户以上", 50, "at-least numbers (以上)"),
        ("超过100户", 100, "at-least numbers (超过)"),
        ("1.5万余元", 15000, "at-least numbers (余)"),
    ],
)
def test_numbers_people_write(text, value, kind):
    r = read_number(text)
    assert (r.value, r.kind) == (value, kind)


def test_an_approximate_number_says_so():
    assert "approximate" in read_number("约50户").note


@pytest.mark.parametrize(
    "text, kind",
    [
        ("50-60户", "ranges"),
        ("50~60", "ranges"),
        ("30%", "percentages"),
        ("一千", "numbers in words"),
        ("很多", "not numbers"),
        ("3000元/斤", "not numbers"),
    ],
)
def test_numbers_refused_say_why(text, kind):
    r = read_number(text)
    assert r.value is None and r.kind == kind and r.note


def test_whole_numbers_refuse_fractions_but_not_multiplied_ones():
    assert read_number("12.5", whole=True).kind == "not whole numbers"
    assert read_number("1.2万", whole=True).value == 12000


@pytest.mark.parametrize("text", ["-", "—", "/", "无", "N/A"])
def test_placeholders_read_as_blank(text):
    assert read_number(text).value is None and read_number(text).kind == "placeholders for blank"
    assert read_date(text).kind == "placeholders for blank"


def test_full_width_ids_are_one_id():
    assert normalise_id("ＣＨ０２") == "CH02" == normalise_id(" CH02\u200b")


# -- a messy workbook, loaded ----------------------------------------------------------------------


def _workbook(path, nodes, links):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "nodes"
    for row in nodes:
        sheet.append(row)
    sheet = book.create_sheet("links")
    for row in links:
        sheet.append(row)
    book.save(path)
    return path


def _v(x):
    if x is None or pd.isna(x):
        return None
    return x if isinstance(x, float) else str(x)[:10]


def test_a_messy_workbook_loads_as_meant(store, tmp_path):
    nodes = [
        ["编号", "类型", "名称", "是否贫困户", "声称带动户数", "家庭人口"],
        ["h1", "农户", "户一", "是", None, "4人"],
        ["h2", "农户", "户二", "是", None, 3],
        ["c1", "合作社", "荔枝社", None, "约50户", None],
        ["e1", "企业", "茶业公司", None, "1.2万", None],
        ["ch1", "销售渠道", "直播", None, None, None],
    ]
    links = [
        ["来源", "目标", "联结类型", "金额", "开始", "结束"],
        ["h1", "c1", "供货", "3000元", "2019.5", "2020年3月"],
        ["h2", "c1", "供货", "1.2万", "202003", "2020-12-31 00:00:00"],
        ["c1", "ch1", "销售", None, 43614, "—"],
        ["e1", "ch1", "销售", "¥2,500", "2019年", None],
    ]
    book = _workbook(tmp_path / "county.xlsx", nodes, links)
    load(store, [book])
    frame = store.links(["SUPPLIES", "SELLS_THROUGH"], ["amount", "start_date", "end_date"])
    got = {
        (r["source"], r["target"]): (_v(r["amount"]), _v(r["start_date"]), _v(r["end_date"]))
        for r in frame.to_dict("records")
    }
    assert got == {
        ("h1", "c1"): (3000.0, "2019-05-01", "2020-03-31"),  # a period ending in March 2020 ends on its last day
        ("h2", "c1"): (12000.0, "2020-03-01", "2020-12-31"),
        ("c1", "ch1"): (None, "2019-05-29", None),
        ("e1", "ch1"): (2500.0, "2019-01-01", None),
    }
    claimed = {
        r["id"]: r["claimed_households"]
        for cls in ("Cooperative", "Enterprise")
        for r in store.nodes(cls, ["claimed_households"]).to_dict("records")
    }
    assert claimed == {"c1": 50, "e1": 12000}
    sizes = {r["id"]: r["size"] for r in store.nodes("Household", ["size"]).to_dict("records")}
    assert sizes == {"h1": 4, "h2": 3}
