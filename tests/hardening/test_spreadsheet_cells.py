"""No value becomes a formula in a CSV or Excel file lianjie writes for people."""

from __future__ import annotations

import csv

from click.testing import CliRunner
from lianjie.base.cells import safe_cell
from lianjie.cli import main
from openpyxl import load_workbook

FORMULAS = ['=HYPERLINK("http://example.invalid","x")', "+1+1", "-2+3", "@SUM(A1:A2)"]


def test_formula_text_is_neutralised_in_the_report_workbook_and_the_problems_csv(store_location, tmp_path):
    folder = tmp_path / "ds"
    folder.mkdir()
    rows = ["id,type,name,poor", "h1,Household,户1,true"]
    rows += [f'ch{i},Channel,"{f.replace(chr(34), chr(34) * 2)}",' for i, f in enumerate(FORMULAS)]
    (folder / "nodes.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    links = ["source,target,type"] + [f"h1,ch{i},SUPPLIES" for i in range(len(FORMULAS))]
    (folder / "links.csv").write_text("\n".join(links) + "\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["load", str(folder), "--store", store_location]).exit_code == 0
    book = tmp_path / "r.xlsx"
    result = runner.invoke(
        main, ["report", "--store", store_location, "--out", str(tmp_path / "r.html"), "--xlsx", str(book)]
    )
    assert result.exit_code == 0, result.output
    cells = [c.value for sheet in load_workbook(book).worksheets for row in sheet.iter_rows() for c in row]
    texts = [c for c in cells if isinstance(c, str)]
    assert not [t for t in texts if t.startswith(("=", "+", "-", "@"))]
    assert {f"'{f}" for f in FORMULAS} <= set(texts)  # the names are there, as text

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "nodes.csv").write_text("id,type\n=cmd|' /C calc'!A0,Spaceship\n", encoding="utf-8")
    problems = tmp_path / "problems.csv"
    result = runner.invoke(main, ["load", str(bad), "--store", store_location, "--problems", str(problems)])
    assert result.exit_code == 1
    with open(problems, encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh):
            assert not [c for c in row if c.startswith(("=", "+", "-", "@"))], row


def test_numbers_stay_numbers():
    assert safe_cell(-5) == -5 and safe_cell(2.5) == 2.5 and safe_cell("-5") == "'-5"
