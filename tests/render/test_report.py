"""The audit report: the same numbers as the audit, in HTML (opened in Chromium), Excel and PDF."""

from __future__ import annotations

import pytest
from browser import fetched
from lianjie.loaders import load
from lianjie.queries import audit, reach
from lianjie.queries.report import report
from lianjie.render import print_pdf, write_report, write_xlsx
from lianjie.render.pdf import ChromiumMissing
from lianjie.render.xlsx import neutral
from toy_graphs import LINK_HEADER, NODE_HEADER, TOY_LINKS, TOY_NODES


@pytest.fixture
def toy(store, dataset_dir):
    load(store, [dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER)])
    return store


def _section(content: dict, name: str):
    return next(s for s in content["sections"] if s.name == name)


def test_report_holds_the_audit(toy):
    content = report(toy)
    expected = audit(toy)
    head = content["headline"].rows[0]
    # five poor households (h1, h2, h3, h5, h6); h5 uncovered, h6 fragile
    assert (head["households"], head["poor_households"], head["covered_poor"]) == (6, 5, 4)
    assert (head["uncovered_poor"], head["fragile_poor"], head["coverage_rate"]) == (1, 1, 0.8)
    assert [r["household"] for r in _section(content, "uncovered").rows] == expected["uncovered_poor"] == ["h5"]
    fragile = _section(content, "fragile").rows
    assert [(r["household"], r["channel"]) for r in fragile] == [("h6", "ch2")]
    uncovered = _section(content, "uncovered").rows[0]
    assert (uncovered["village"], uncovered["links"]) == ("v1", "LOCATED_IN → v1; PAIRS_WITH ← k1")
    claims = [
        {k: r[k] for k in ("id", "claimed", "traced", "traced_poor", "gap")} for r in _section(content, "claims").rows
    ]
    assert claims == [{k: c[k] for k in ("id", "claimed", "traced", "traced_poor", "gap")} for c in expected["claims"]]
    assert [(r["channel"], r["households"], r["poor_households"]) for r in _section(content, "reach").rows] == [
        (r["channel"], r["households"], r["poor_households"]) for r in reach(toy)
    ]
    overlap = {r["channel"]: r for r in _section(content, "overlap").rows}
    assert (overlap["ch1"]["ch1"], overlap["ch1"]["ch2"], overlap["ch2"]["ch2"]) == (3, 3, 4)


def test_suppression_reaches_every_count_rate_and_chart(toy, tmp_path):
    content = report(toy, suppress_below=4)
    head = content["headline"].rows[0]
    assert (head["households"], head["poor_households"], head["uncovered_poor"], head["coverage_rate"]) == (
        6,
        5,
        None,
        None,
    )
    claims = {r["id"]: r for r in _section(content, "claims").rows}
    assert (claims["c1"]["traced"], claims["c1"]["traced_poor"], claims["c1"]["gap"]) == (4, None, None)
    reach_rows = {r["channel"]: r for r in _section(content, "reach").rows}
    assert reach_rows["ch1"]["households"] == 4 and reach_rows["ch1"]["poor_households"] is None
    page = write_report(content, tmp_path / "r.html")
    html = open(page["path"], encoding="utf-8").read()
    assert "&lt;4" in html and "小于 4 的户数已隐去" in html
    # ch1 reaches three poor households: hidden in the reach table, its chart and the overlap heatmap alike
    reach_section = html.split('id="reach"')[1].split("<section")[0]
    assert ">3<" not in reach_section and "poor 3" not in reach_section
    assert "ch1 ∩ ch1: &lt;4" in html


def test_workbook_holds_the_same_rows_as_audit_json(toy, tmp_path):
    from openpyxl import load_workbook

    content = report(toy)
    out = write_xlsx(content, tmp_path / "r.xlsx")
    book = load_workbook(out["path"], read_only=True)
    sheets = {name.split(" ")[0]: [list(r) for r in book[name].iter_rows(values_only=True)] for name in book.sheetnames}
    expected = audit(toy)
    assert sheets["uncovered"][0][:2] == ["农户 household", "行政村 village"]
    assert [r[0] for r in sheets["uncovered"][1:]] == expected["uncovered_poor"]
    assert [r[0] for r in sheets["fragile"][1:]] == expected["single_channel_poor"]
    header = sheets["claims"][0]
    got = [dict(zip(header, r)) for r in sheets["claims"][1:]]
    assert [
        (g["组织 organisation"], g["声称带动户数 claimed households"], g["追溯户数 traced households"]) for g in got
    ] == [(c["id"], c["claimed"], c["traced"]) for c in expected["claims"]]


def test_cells_that_would_be_formulas_are_neutralised():
    assert neutral("=1+1") == "'=1+1" and neutral("+86 123") == "'+86 123" and neutral("@SUM(A1)") == "'@SUM(A1)"
    assert neutral("-x") == "'-x" and neutral("\t=1") == "'\t=1" and neutral(-5) == -5 and neutral("合作社") == "合作社"


def test_report_page_draws_offline_with_charts(toy, browser, tmp_path):
    page = write_report(report(toy), tmp_path / "r.html")
    browser.get_log("browser")
    browser.get((tmp_path / "r.html").resolve().as_uri())
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    assert fetched(browser) == []
    charts = browser.execute_script("return document.querySelectorAll('svg').length")
    assert charts >= 3  # claims, reach, overlap (the toy names no county or town with households)
    assert browser.execute_script("return document.querySelector('#claims svg rect') !== null")
    assert page["sections"] == len(report(toy)["sections"])


def test_pdf_is_printed_by_chromium(toy, tmp_path, browser):
    page = write_report(report(toy), tmp_path / "r.html")
    pdf = print_pdf(page["path"], tmp_path / "r.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_pdf_says_plainly_when_chromium_is_missing(tmp_path, monkeypatch):
    monkeypatch.setenv("LIANJIE_CHROMIUM", str(tmp_path / "no-such-browser"))
    (tmp_path / "r.html").write_text("<p>x</p>", encoding="utf-8")
    with pytest.raises(ChromiumMissing, match="--pdf needs Chromium, and none was found"):
        print_pdf(tmp_path / "r.html", tmp_path / "r.pdf")


def test_reach_names_each_channel_kind_from_the_store(store, dataset_dir, tmp_path):
    """Channels may also claim households; their kind (the ontology's ``kind``, a ChannelKind code) still shows."""
    kinds = {"ch1": "livestream", "ch2": "supermarket"}
    rows = [[*r, kinds.get(r[0])] for r in TOY_NODES]
    load(store, [dataset_dir(rows, TOY_LINKS, [*NODE_HEADER, "kind"], LINK_HEADER)])
    content = report(store)
    assert [(r["channel"], r["kind"]) for r in _section(content, "reach").rows] == [
        ("ch1", "livestream"),
        ("ch2", "supermarket"),
    ]
    html = open(write_report(content, tmp_path / "r.html")["path"], encoding="utf-8").read()
    reach_section = html.split('id="reach"')[1].split("<section")[0]
    assert "livestream" in reach_section and "supermarket" in reach_section
