"""Models of one's own, defined in a TOML file: found, listed and counted beside the named ones."""

import json

import openpyxl
import pytest
from click.testing import CliRunner
from lianjie.base.errors import LianjieError
from lianjie.cli import main
from lianjie.loaders import load
from lianjie.ontology import load_ontology
from lianjie.queries.model_file import parse_models, read_models
from lianjie.queries.models import MODELS, models

MODELS_TOML = """
[[model]]
name = "公司+合作社+农户"
roles = { E = "企业", C = "合作社" }
ties = [["E", "C"]]
attach = ["C", "E"]

[[model]]
name = "党支部领办合作社+贫困户"
roles = { P = "党支部", C = "合作社" }
ties = [{ from = "P", to = "C", links = ["领办"], market = false }]
attach = ["C"]
poor_only = true
"""


@pytest.fixture
def county(store, tmp_path):
    """A county of company + cooperative + farmer with no base, written as a workbook.

    e1 buys from c1 (members h1, h2, h3; h1 and h2 registered poor) and directly from h4;
    e2 buys from c2, which has no members (an instance that breaks); branch p1 leads c1.
    """
    book = openpyxl.Workbook()
    nodes = book.active
    nodes.title = "nodes"
    for row in [
        ["编号", "类型", "名称", "是否贫困户"],
        ["e1", "龙头企业", "茶业公司", None],
        ["e2", "公司", "果业公司", None],
        ["c1", "专业合作社", "茶叶社", None],
        ["c2", "合作社", "果社", None],
        ["p1", "村党支部", "一村党支部", None],
        ["h1", "贫困户", "户一", "是"],
        ["h2", "农户", "户二", "是"],
        ["h3", "农户", "户三", "否"],
        ["h4", "农户", "户四", "否"],
    ]:
        nodes.append(row)
    links = book.create_sheet("links")
    for row in [
        ["来源", "目标", "联结类型"],
        ["c1", "e1", "订单收购"],
        ["c2", "e2", "供货"],
        ["h1", "c1", "入社"],
        ["h2", "c1", "入社"],
        ["h3", "c1", "入社"],
        ["h4", "e1", "供货"],
        ["p1", "c1", "领办"],
    ]:
        links.append(row)
    book.save(tmp_path / "county.xlsx")
    load(store, [tmp_path / "county.xlsx"])
    (tmp_path / "models.toml").write_text(MODELS_TOML, encoding="utf-8")
    return store, tmp_path / "models.toml"


def test_defined_models_are_found_after_the_named_ones(county):
    store, path = county
    found = models(store, with_instances=True, defined=read_models([path], store.onto))
    assert [m["model"] for m in found[: len(MODELS)]] == [m.name for m in MODELS]
    mine = {m["model"]: m for m in found if m["defined"]}
    company = mine["公司+合作社+农户"]
    # (e1, c1) reaches h1, h2, h3 through c1 and h4 through e1; (e2, c2) has no household
    assert (company["instances"], company["households"], company["incomplete"]) == (1, 4, 1)
    assert company["instance_list"] == [{"E": "e1", "C": "c1", "households": 4}]
    branch = mine["党支部领办合作社+贫困户"]
    assert (branch["instances"], branch["households"], branch["incomplete"]) == (1, 2, 0)  # h1 and h2 are poor


def test_the_command_lists_and_counts_them_from_a_file_or_the_environment(county, store_location, monkeypatch):
    _, path = county
    runner = CliRunner()
    result = runner.invoke(main, ["models", "--store", store_location, "--define", str(path)])
    assert result.exit_code == 0, result.output
    assert "公司+合作社+农户 (defined)" in result.output
    monkeypatch.setenv("LIANJIE_MODELS", str(path))
    rows = json.loads(runner.invoke(main, ["models", "--store", store_location, "--json"]).output)
    assert [(r["model"], r["households"]) for r in rows if r["defined"]] == [
        ("公司+合作社+农户", 4),
        ("党支部领办合作社+贫困户", 2),
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        ("[[model]]\nroles = {E = '企业'}", "a model needs a name"),
        ("[[model]]\nname = 'x'\nroles = {E = '飞船'}\nties = []\nattach = ['E']", "no class called '飞船'"),
        (
            "[[model]]\nname = 'x'\nroles = {E = '企业', C = '合作社'}\nties = [['E', 'Z']]\nattach = ['C']",
            "names the role 'Z'",
        ),
        (
            "[[model]]\nname = 'x'\nroles = {E = '企业', C = '合作社', B = '基地'}\n"
            "ties = [['E', 'C']]\nattach = ['C']",
            "leave role B unjoined",
        ),
        (
            "[[model]]\nname = 'x'\nroles = {E = '企业', C = '合作社'}\nties = [{from='E', to='C', links=['喜欢']}]\n"
            "attach = ['C']",
            "no link type called '喜欢'",
        ),
        ("name = 'x'", "no [[model]] tables"),
        ("[[model]\nname", "not valid TOML"),
    ],
)
def test_a_mistake_in_the_file_is_one_clear_line(text, message):
    with pytest.raises(LianjieError, match=message.replace("[", r"\[")) as info:
        parse_models(text, load_ontology(), "my.toml")
    assert str(info.value).startswith("my.toml")


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(LianjieError, match="no such models file"):
        read_models([tmp_path / "nope.toml"], load_ontology())
