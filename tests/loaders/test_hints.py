"""Hints that fix: a link the wrong way round, a village given by name, an unknown id's closest ids."""

import openpyxl
import pytest
from conftest import snapshot
from lianjie.base.errors import DatasetError
from lianjie.loaders import load


def _book(path, nodes, links):
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


def _fails(store, path) -> DatasetError:
    before = snapshot(store)
    with pytest.raises(DatasetError) as info:
        load(store, [path])
    assert snapshot(store) == before
    return info.value


NODES = [
    ["编号", "类型", "名称", "所在村"],
    ["v1", "行政村", "平王村", None],
    ["v2", "行政村", "新大村", None],
    ["u1", "帮扶单位", "县供销社", None],
    ["c1", "合作社", "荔枝社", "v1"],
    ["CH-LIVE-01", "销售渠道", "县长直播", None],
]


def test_support_links_written_the_wrong_way_round_say_so(store, tmp_path):
    households = [[f"h{i}", "农户", f"户{i}", "v1"] for i in range(30)]
    links = [["来源", "目标", "联结类型"]] + [[f"h{i}", "u1", "结对帮扶"] for i in range(30)]
    error = _fails(store, _book(tmp_path / "pairs.xlsx", NODES + households, links))
    assert error.total == 30
    hint = "this link reads the other way: a PAIRS_WITH (结对帮扶) link goes from the AssistingUnit to the Household"
    assert all(hint in p.message for p in error.problems)
    (group,) = error.groups()
    assert (
        group.count == 30 and group.kind == "PAIRS_WITH links from a Household to a AssistingUnit (the other way round)"
    )


def test_a_link_whose_classes_fit_no_way_round_gets_no_such_hint(store, tmp_path):
    links = [["来源", "目标", "联结类型"], ["v1", "c1", "入社"]]
    error = _fails(store, _book(tmp_path / "member.xlsx", NODES, links))
    assert "cannot have a Village as its source" in error.problems[0].message
    assert "other way" not in error.problems[0].message


def test_a_village_given_by_name_offers_its_id(store, tmp_path):
    nodes = NODES + [["h1", "农户", "户一", "平王村"]]
    error = _fails(store, _book(tmp_path / "village.xlsx", nodes, [["来源", "目标", "联结类型"]]))
    (problem,) = error.problems
    assert problem.column == "D (所在村)"
    assert problem.message == (
        "no Village with id '平王村' in the dataset or the store; the Village named '平王村' has id 'v1': give its id"
    )


def test_an_organisation_given_by_name_in_a_link_offers_its_id(store, tmp_path):
    links = [["来源", "目标", "联结类型"], ["c1", "县长直播", "销售"]]
    error = _fails(store, _book(tmp_path / "named.xlsx", NODES, links))
    assert error.problems[0].message.endswith("; the Channel named '县长直播' has id 'CH-LIVE-01': give its id")


def test_an_unknown_id_offers_the_closest_ids(store, tmp_path):
    links = [["来源", "目标", "联结类型"], ["c1", "CH-LIVE-1", "销售"]]
    error = _fails(store, _book(tmp_path / "typo.xlsx", NODES, links))
    assert error.problems[0].message == (
        "no node with id 'CH-LIVE-1' in the dataset or the store; the closest ids are 'CH-LIVE-01'"
    )


def test_household_names_are_never_offered(store, tmp_path):
    nodes = NODES + [["h1", "农户", "张三", "v1"]]
    links = [["来源", "目标", "联结类型"], ["张三", "c1", "入社"]]
    error = _fails(store, _book(tmp_path / "person.xlsx", nodes, links))
    assert "named" not in error.problems[0].message and "h1" not in error.problems[0].message
