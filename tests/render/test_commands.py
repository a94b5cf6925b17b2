"""``lianjie draw`` and ``lianjie report`` (and --suppress-below on overlap, models and paths) through click."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from lianjie.cli import main
from toy_graphs import LINK_HEADER, NODE_HEADER, TOY_LINKS, TOY_NODES


@pytest.fixture
def toy(store_location, dataset_dir):
    folder = dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER)
    result = CliRunner().invoke(main, ["load", str(folder), "--store", store_location])
    assert result.exit_code == 0, result.output
    return store_location


def _run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_draw_writes_each_view_and_reports_what_it_drew(toy, tmp_path):
    got = json.loads(_run("draw", "--store", toy, "--out", tmp_path / "o.html", "--json").output)
    assert (got["nodes"], got["links"], got["view"]) == (12, 11, "overview")
    got = json.loads(_run("draw", "--store", toy, "--out", tmp_path / "c.html", "--channel", "ch1", "--json").output)
    assert (got["nodes"], got["links"], got["subject"]) == (7, 7, "ch1")
    got = json.loads(_run("draw", "--store", toy, "--out", tmp_path / "a.html", "--around", "e1", "--json").output)
    assert got["nodes"] == 5
    text = _run("draw", "--store", toy, "--out", tmp_path / "h.html", "--household", "h5").output
    assert text.startswith(f"Wrote {tmp_path / 'h.html'}: 3 nodes, 2 links")
    assert (tmp_path / "h.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_draw_mistakes_get_one_line(toy, tmp_path):
    missing = _run("draw", "--store", toy, "--out", tmp_path / "x.html", "--channel", "nope")
    assert missing.exit_code == 1 and missing.output.strip().splitlines()[-1].startswith("Error: no channel with id")
    both = _run("draw", "--store", toy, "--out", tmp_path / "x.html", "--channel", "ch1", "--household", "h1")
    assert both.exit_code == 2 and "choose one view" in both.output and "Traceback" not in both.output
    assert not (tmp_path / "x.html").exists()


def test_report_workbook_matches_audit_json(toy, tmp_path):
    from openpyxl import load_workbook

    result = _run("report", "--store", toy, "--out", tmp_path / "r.html", "--xlsx", tmp_path / "r.xlsx")
    assert result.exit_code == 0, result.output
    assert f"Wrote HTML {tmp_path / 'r.html'}" in result.output and f"Wrote XLSX {tmp_path / 'r.xlsx'}" in result.output
    audit = json.loads(_run("audit", "--store", toy, "--json").output)
    book = load_workbook(tmp_path / "r.xlsx", read_only=True)
    sheet = {name.split(" ")[0]: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}
    assert [r[0] for r in sheet["uncovered"][1:]] == audit["uncovered_poor"]
    assert [r[0] for r in sheet["fragile"][1:]] == audit["single_channel_poor"]
    assert [(r[0], r[3], r[4], r[5], r[6]) for r in sheet["claims"][1:]] == [
        (c["id"], c["claimed"], c["traced"], c["traced_poor"], c["gap"]) for c in audit["claims"]
    ]


def test_report_pdf_without_chromium_says_so_in_one_line(toy, tmp_path, monkeypatch):
    monkeypatch.setenv("LIANJIE_CHROMIUM", str(tmp_path / "none"))
    result = _run("report", "--store", toy, "--out", tmp_path / "r.html", "--pdf", tmp_path / "r.pdf")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip().splitlines()[-1].startswith("Error: --pdf needs Chromium, and none was found")
    assert (tmp_path / "r.html").exists() and not (tmp_path / "r.pdf").exists()


def test_overlap_models_and_paths_honour_suppress_below(toy):
    overlap = json.loads(_run("overlap", "--store", toy, "--json", "--suppress-below", "4").output)
    assert overlap["matrix"] == [[None, None], [None, 4]]  # ch1 reaches 3 poor households, ch2 four, both three
    paths = json.loads(_run("paths", "h1", "--store", toy, "--json", "--suppress-below", "2").output)
    own = [link for item in paths for chain in item["chains"] for link in chain[0]["links"]]
    assert own and all("amount" not in link for link in own)
    shown = json.loads(_run("paths", "h1", "--store", toy, "--json").output)
    assert sorted(link["amount"] for link in shown[0]["chains"][0][0]["links"]) == [1000.0, 2500.0]


def test_models_honour_suppress_below(store_location, dataset_dir):
    nodes = [
        ["s1", "ServiceCenter", "中心", None, None],
        ["t1", "ServiceStation", "站点", None, None],
        ["h1", "Household", "户", "true", None],
    ]
    links = [["s1", "t1", "SERVES", None, None, None, None], ["h1", "t1", "SUPPLIES", None, 10, None, None]]
    folder = dataset_dir(nodes, links, NODE_HEADER, LINK_HEADER)
    assert _run("load", folder, "--store", store_location).exit_code == 0
    name = "电商公共服务中心+乡村电商服务站点+贫困户"
    shown = {m["model"]: m for m in json.loads(_run("models", "--store", store_location, "--json").output)}
    assert (shown[name]["instances"], shown[name]["households"]) == (1, 1)
    args = ("models", "--store", store_location, "--json", "--instances", "--suppress-below", "2")
    hidden = {m["model"]: m for m in json.loads(_run(*args).output)}
    assert (hidden[name]["instances"], hidden[name]["households"]) == (1, None)
    assert hidden[name]["instance_list"] == [{"S": "s1", "T": "t1", "households": None}]
