"""Every kind of bad input: a clear problem with file, line and column, and the store untouched."""

import pytest
from conftest import snapshot
from lianjie.base.errors import DatasetError, LianjieError
from lianjie.loaders import load
from toy_graphs import LINK_HEADER, NODE_HEADER, TOY_LINKS, TOY_NODES


@pytest.fixture
def loaded(store, dataset_dir):
    """A store holding the toy graph, and its snapshot, to prove a failed load changes nothing."""
    load(store, [dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER, name="toy")])
    return store, snapshot(store)


def _fails(store, before, folder) -> list[str]:
    with pytest.raises(DatasetError) as info:
        load(store, [folder])
    assert snapshot(store) == before
    return [str(p) for p in info.value.problems]


NODES_OK = [["x1", "Household", "甲", "true", None], ["x2", "Cooperative", "乙社", None, 5]]


@pytest.mark.parametrize(
    "nodes, links, line, column, message",
    [
        # unknown node type, on the third line (header is line 1)
        (
            NODES_OK + [["x3", "Spaceship", "丙", None, None]],
            None,
            4,
            "column 2 (type)",
            "unknown node type 'Spaceship'",
        ),
        # a link to a node that exists nowhere
        (
            NODES_OK,
            [["x1", "nowhere", "SUPPLIES", None, None, None, None]],
            2,
            "column 2 (target)",
            "no node with id 'nowhere'",
        ),
        # a link whose source breaks the domain: a village cannot be a member of a cooperative
        (
            NODES_OK,
            [["v1", "x2", "MEMBER_OF", None, None, None, None]],
            2,
            "column 1 (source)",
            "a link of type MEMBER_OF cannot have a Village as its source",
        ),
        # a link whose target breaks the range: a household cannot employ
        (
            NODES_OK,
            [["x1", "h1", "EMPLOYED_BY", None, None, None, None]],
            2,
            "column 2 (target)",
            "a link of type EMPLOYED_BY cannot have a Household as its target",
        ),
        # an unknown link type
        (NODES_OK, [["x1", "x2", "LIKES", None, None, None, None]], 2, "column 3 (type)", "unknown link type 'LIKES'"),
        # a duplicate id in the same dataset
        (NODES_OK + [["x1", "Household", "又一个", "false", None]], None, 4, "column 1 (id)", "duplicate id 'x1'"),
        # a number that is not one
        (
            NODES_OK + [["x3", "Enterprise", "丙", None, "很多"]],
            None,
            4,
            "column 5 (claimed_households)",
            "'很多' is not a whole number",
        ),
        # a boolean that is not one
        (
            NODES_OK + [["x3", "Household", "丙", "maybe", None]],
            None,
            4,
            "column 4 (poor)",
            "'maybe' is not true/false",
        ),
        # a mechanism outside the codelist
        (
            NODES_OK,
            [["x1", "x2", "SUPPLIES", "barter", None, None, None]],
            2,
            "column 4 (mechanism)",
            "'barter' is not one of the mechanism codes",
        ),
        # a date that is not one
        (
            NODES_OK,
            [["x1", "x2", "SUPPLIES", None, None, "2020-02-30", None]],
            2,
            "column 6 (start)",
            "'2020-02-30' is not a date",
        ),
        # an amount that is not a number
        (
            NODES_OK,
            [["x1", "x2", "SUPPLIES", None, "一千", None, None]],
            2,
            "column 5 (amount)",
            "'一千' is not a number",
        ),
        # a property on a class it does not apply to
        (
            NODES_OK + [["x3", "Cooperative", "丙社", "true", None]],
            None,
            4,
            "column 4 (poor)",
            "poor does not apply to a Cooperative",
        ),
        # an id already stored as another class
        ([["c1", "Household", "冒名", "true", None]], None, 2, None, "id 'c1' is already a Cooperative in the store"),
    ],
)
def test_problem_is_located_and_nothing_is_written(loaded, dataset_dir, nodes, links, line, column, message):
    store, before = loaded
    problems = _fails(store, before, dataset_dir(nodes, links, NODE_HEADER, LINK_HEADER))
    file = "links.csv" if links is not None else "nodes.csv"
    matching = [p for p in problems if message in p]
    assert matching, problems
    where = f"{file}, line {line}" + (f", {column}" if column else ":")
    assert where in matching[0], matching[0]


def test_missing_required_column(loaded, dataset_dir):
    store, before = loaded
    folder = dataset_dir([["x", "甲"]], None, node_header=["类型", "名称"])
    problems = _fails(store, before, folder)
    assert any("line 1" in p and "no id column" in p and "编号" in p for p in problems)


def test_every_problem_is_listed_up_to_a_cap(loaded, dataset_dir):
    store, before = loaded
    nodes = [[f"bad{i}", "Nonsense", "x", None, None] for i in range(120)]
    with pytest.raises(DatasetError) as info:
        load(store, [dataset_dir(nodes, None, NODE_HEADER, LINK_HEADER)])
    assert info.value.total == 120
    assert len(info.value.problems) == 120  # every one is kept, for load --problems FILE.csv
    report = info.value.report()
    assert "and 70 more" in report  # the report lists the first 50 one by one
    assert "120 cells in " in report and "nodes.csv, column 2 (type): unknown node type" in report
    # the message carries the first problems and the count, not only the count
    assert str(info.value).startswith("120 problems in the dataset; nothing was loaded: ")
    assert "line 2, column 2 (type): unknown node type 'Nonsense'" in str(info.value)
    assert str(info.value).endswith("... and 115 more")
    assert snapshot(store) == before


def test_line_numbers_count_physical_lines_across_quoted_newlines(loaded, tmp_path):
    store, before = loaded
    folder = tmp_path / "ml"
    folder.mkdir()
    (folder / "nodes.csv").write_text(
        'id,type,name,note\nx1,Household,"甲\n跨行",多行备注\nx2,Nonsense,乙,\n', encoding="utf-8"
    )
    problems = _fails(store, before, folder)
    assert any("line 4" in p and "unknown node type 'Nonsense'" in p for p in problems), problems


def test_failed_link_load_leaves_nodes_out_too(loaded, dataset_dir):
    """Good nodes in a dataset with one bad link are not written either."""
    store, before = loaded
    folder = dataset_dir(
        [["new1", "Household", "新", "true", None]],
        [["new1", "ghost", "SUPPLIES", None, None, None, None]],
        NODE_HEADER,
        LINK_HEADER,
    )
    _fails(store, before, folder)
    assert store.lookup_nodes(["new1"]) == {}


def test_unreadable_files_are_clear_errors(store, tmp_path):
    with pytest.raises(LianjieError, match="no such file or folder"):
        load(store, [tmp_path / "missing"])
    (tmp_path / "data.txt").write_text("x", encoding="utf-8")
    with pytest.raises(LianjieError, match="unsupported file type .txt"):
        load(store, [tmp_path / "data.txt"])
    (tmp_path / "broken.json").write_text('{"nodes": [1,, 2]}', encoding="utf-8")
    with pytest.raises(LianjieError, match=r"broken.json, line 1, column \d+: invalid JSON"):
        load(store, [tmp_path / "broken.json"])
    (tmp_path / "wide.csv").write_text("id,type\nx,Household,extra\n", encoding="utf-8")
    with pytest.raises(LianjieError, match="wide.csv, line 2: 3 fields but the header names 2"):
        load(store, [tmp_path / "wide.csv"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(LianjieError, match="needs nodes.csv and/or links.csv"):
        load(store, [tmp_path / "empty"])
