"""CSV (three encodings), Excel and JSON, Chinese or English headers: the same graph."""

import json

import openpyxl
import pytest
from conftest import snapshot
from lianjie.graph import open_store
from lianjie.loaders import load

ZH_NODES = (
    ["编号", "类型", "名称", "是否贫困户", "所在村", "声称带动户数"],
    [
        ["v1", "行政村", "平王村", None, None, None],
        ["h1", "贫困户", "张三", "是", "v1", None],
        ["h2", "农户", "李四", "否", "v1", None],
        ["c1", "合作社", "荔枝专业合作社", None, "v1", 30],
        ["ch1", "销售渠道", "县长直播带货", None, None, None],
    ],
)
ZH_LINKS = (
    ["来源", "目标", "联结类型", "联结方式", "金额", "数量", "单位", "开始", "结束", "出处", "原文"],
    [
        ["h1", "c1", "订单收购", None, 1200, 300, "斤", "2020/3/1", "2020年6月30日", "ledger.xlsx", "订单"],
        ["h2", "c1", "入社", None, None, None, None, None, None, None, None],
        ["c1", "ch1", "销售", None, None, None, None, None, None, None, None],
    ],
)
EN_NODES = (["id", "type", "name", "poor", "village", "claimed_households"], ZH_NODES[1])
EN_LINKS = (
    ["source", "target", "type", "mechanism", "amount", "quantity", "unit", "start", "end", "source_doc", "quote"],
    [
        ["h1", "c1", "SUPPLIES", "order_purchase", 1200, 300, "斤", "2020-03-01", "2020-06-30", "ledger.xlsx", "订单"],
        ["h2", "c1", "MEMBER_OF", None, None, None, None, None, None, None, None],
        ["c1", "ch1", "SELLS_THROUGH", None, None, None, None, None, None, None, None],
    ],
)


def _csv_folder(tmp_path, name, nodes, links, encoding):
    from conftest import write_csv

    folder = tmp_path / name
    write_csv(folder / "nodes.csv", nodes[0], nodes[1], encoding)
    write_csv(folder / "links.csv", links[0], links[1], encoding)
    return folder


def _xlsx(tmp_path, nodes, links):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "nodes"
    sheet.append(nodes[0])
    for row in nodes[1]:
        sheet.append(row)
    links_sheet = book.create_sheet("links")
    links_sheet.append(links[0])
    for row in links[1]:
        links_sheet.append(row)
    path = tmp_path / "data.xlsx"
    book.save(path)
    return path


def _json(tmp_path, nodes, links):
    data = {
        "nodes": [{k: v for k, v in zip(nodes[0], row) if v is not None} for row in nodes[1]],
        "links": [{k: v for k, v in zip(links[0], row) if v is not None} for row in links[1]],
    }
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def _loaded_snapshot(tmp_path, name, source):
    with open_store(tmp_path / f"{name}.db") as s:
        load(s, [source])
        return snapshot(s)


def test_all_formats_give_the_same_graph(tmp_path):
    reference = _loaded_snapshot(tmp_path, "ref", _csv_folder(tmp_path, "en", EN_NODES, EN_LINKS, "utf-8"))
    sources = {
        "zh-utf8": _csv_folder(tmp_path, "zh8", ZH_NODES, ZH_LINKS, "utf-8"),
        "zh-bom": _csv_folder(tmp_path, "zhbom", ZH_NODES, ZH_LINKS, "utf-8-sig"),
        "zh-gb18030": _csv_folder(tmp_path, "zhgb", ZH_NODES, ZH_LINKS, "gb18030"),
        "xlsx": _xlsx(tmp_path, ZH_NODES, ZH_LINKS),
        "json": _json(tmp_path, ZH_NODES, ZH_LINKS),
    }
    for name, source in sources.items():
        assert _loaded_snapshot(tmp_path, name, source) == reference, name
    # and the reference holds what the tables say
    assert len(reference["nodes"]) == 5
    assert len(reference["links"]) == 3 + 3  # three ledger links, three LOCATED_IN from the village column


def test_values_are_typed(store, tmp_path):
    load(store, [_csv_folder(tmp_path, "zh", ZH_NODES, ZH_LINKS, "gb18030")])
    link = store.links(["SUPPLIES"], ["mechanism", "amount", "quantity", "unit", "start_date", "end_date"]).iloc[0]
    assert link["mechanism"] == "order_purchase"  # implied by the type cell 订单收购
    assert link["amount"] == 1200.0 and link["quantity"] == 300.0 and link["unit"] == "斤"
    assert str(link["start_date"])[:10] == "2020-03-01" and str(link["end_date"])[:10] == "2020-06-30"
    coop = store.nodes("Cooperative", ["claimed_households"]).iloc[0]
    assert coop["claimed_households"] == 30
    poor = dict(store.nodes("Household", ["poor"]).itertuples(index=False))
    assert poor == {"h1": True, "h2": False}
    located = store.links(["LOCATED_IN"])
    assert sorted(zip(located["source"], located["target"])) == [("c1", "v1"), ("h1", "v1"), ("h2", "v1")]


def test_excel_problems_name_sheet_row_and_column_letter(store, tmp_path):
    nodes = (ZH_NODES[0], ZH_NODES[1] + [["x", "外星人", "?", None, None, None]])
    path = _xlsx(tmp_path, nodes, ZH_LINKS)
    from lianjie.base.errors import DatasetError

    with pytest.raises(DatasetError) as info:
        load(store, [path])
    text = str(info.value.problems[0])
    assert "data.xlsx [nodes], line 7, column B (类型)" in text and "unknown node type '外星人'" in text


def test_json_problems_name_the_line_of_the_record(store, tmp_path):
    nodes = (ZH_NODES[0], ZH_NODES[1] + [["x", "外星人", "?", None, None, None]])
    path = _json(tmp_path, nodes, ZH_LINKS)
    from lianjie.base.errors import DatasetError

    with pytest.raises(DatasetError) as info:
        load(store, [path])
    problem = info.value.problems[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1].strip() == "{"  # the record opens on the reported line
    assert '"编号": "x"' in lines[problem.line]
    assert problem.column == '"类型"'


def test_single_csv_files_are_told_apart_by_their_headers(store, tmp_path):
    from conftest import write_csv

    nodes = write_csv(tmp_path / "households.csv", EN_NODES[0], EN_NODES[1])
    links = write_csv(tmp_path / "ledger.csv", EN_LINKS[0], EN_LINKS[1])
    report = load(store, [nodes, links])
    assert (report.nodes_read, report.links_read) == (5, 6)


def test_unknown_columns_are_kept_as_extra(store, tmp_path):
    from conftest import write_csv

    path = write_csv(
        tmp_path / "n.csv",
        ["id", "type", "name", "村民小组", "landline_ext"],
        [["h1", "Household", "甲", "三组", None]],
    )
    report = load(store, [path])
    assert any("村民小组" in n for n in report.notices)
    extra = store.nodes("Household", ["extra"]).iloc[0]["extra"]
    assert json.loads(extra) == {"村民小组": "三组"}
