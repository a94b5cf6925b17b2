"""A county office's path on the command line: inspect, load, audit (answers: tests/county_tables.py)."""

from __future__ import annotations

import json

import county_tables as ct
import pytest
from click.testing import CliRunner
from lianjie.cli import main


@pytest.fixture
def runner():
    return CliRunner()


def _ok(result):
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def county(runner, store_location, tmp_path):
    """The county's organisations, register and ledger loaded in one call, then the cooperative's roster."""
    files = ct.county(tmp_path / "county")
    loaded = _ok(
        runner.invoke(
            main,
            ["load", str(files["orgs"]), str(files["register"]), str(files["ledger"]), "--store", store_location],
        )
    )
    roster = _ok(
        runner.invoke(
            main, ["load", str(files["roster"]), "--roster-of", "夯沙村茶叶专业合作社", "--store", store_location]
        )
    )
    return store_location, files, loaded.output + roster.output


def test_audit_sets_the_roster_against_the_traces(runner, county):
    store, _, _ = county
    result = json.loads(_ok(runner.invoke(main, ["audit", "--store", store, "--json"])).output)
    # ch1 reaches H01-H04 (H05 only has a support link): every poor household is covered
    assert (result["households"], result["poor_households"], result["covered_poor"]) == (5, 3, 3)
    assert result["uncovered_poor"] == []
    # monitored beside the poor: H03 (边缘易致贫户) and H04 (脱贫不稳定户), both reached
    assert (result["monitored_households"], result["covered_monitored"], result["uncovered_monitored"]) == (2, 2, [])
    (k1,) = [c for c in result["claims"] if c["id"] == "k1"]
    assert (k1["claimed"], k1["traced"], k1["claimed_from"]) == (4, 2, "roster")
    assert k1["claimed_not_traced"] == ["H02", "H05"]
    assert k1["gap"] == 2
    text = _ok(runner.invoke(main, ["audit", "--store", store])).output
    assert "monitored (监测户): 2, reached by a channel: 2; not reached: 0" in text
    assert "k1: on the roster, no market path to it: H02 H05" in text


def test_no_personal_value_in_any_output(runner, county):
    store, files, load_output = county
    outputs = [load_output]
    for args in (["audit"], ["audit", "--json"], ["reach", "--json"], ["info"]):
        outputs.append(_ok(runner.invoke(main, [*args, "--store", store])).output)
    outputs.append(_ok(runner.invoke(main, ["inspect", *(str(p) for p in files.values()), "--json"])).output)
    outputs.append(_ok(runner.invoke(main, ["inspect", str(files["register"])])).output)
    everything = "\n".join(outputs)
    for value in ct.personal_values():
        assert value not in everything


def test_inspect_says_what_each_column_becomes(runner, tmp_path):
    files = ct.county(tmp_path)
    result = json.loads(
        _ok(runner.invoke(main, ["inspect", str(files["orgs"]), str(files["register"]), "--json"])).output
    )
    register = next(s for s in result["sheets"] if s["file"].endswith("[监测对象信息]"))
    assert (register["layout"], register["header_line"], register["rows"]) == ("register", 4, 12)
    fields = {column: name for column, name, _ in register["columns"]}
    assert fields["D (户编号)"] == "household_id"
    assert fields["L (致贫原因1)"] == fields["M (致贫原因2)"] == "cause"
    ignored = dict(register["ignored"])
    assert "not stored" in ignored["P (健康状况)"]
    assert fields["F (姓名)"] == "member_name"  # read on the head's row only, as a pseudonym
    notes = next(s for s in result["sheets"] if s["file"].endswith("[填表说明]"))
    assert notes["layout"] is None
    assert (result["problem_count"], result["nodes"]) == (
        0,
        5 + 3 + 2 + 1 + 1,
    )  # households, orgs, villages, town, county


def test_inspect_lists_the_problems_a_load_would_report_and_writes_nothing(runner, tmp_path, store_location):
    files = ct.county(tmp_path)
    rows = ct.ledger_rows()
    rows[0][1] = "林茵茶叶公司"
    bad = ct.ledger_xlsx(tmp_path / "bad.xlsx", rows)
    out = _ok(runner.invoke(main, ["inspect", str(files["orgs"]), str(files["register"]), str(bad)])).output
    assert "a load would report 1 problem(s) and write nothing:" in out
    assert "no organisation named '林茵茶叶公司'" in out and "林茵茶业（保靖）有限公司" in out


def test_write_mapping_then_load_with_it(runner, tmp_path, store_location):
    """A ledger whose headers lianjie does not know: the guessed mapping, corrected, reads it."""
    from openpyxl import Workbook

    files = ct.county(tmp_path)
    book = Workbook()
    sheet = book.active
    sheet.append(["合作社", "农户代码", "方式", "钱"])
    sheet.append(["夯沙村茶叶专业合作社", "H04", "土地流转", "3,000"])
    odd = tmp_path / "odd.xlsx"
    book.save(odd)
    mapping = tmp_path / "mapping.toml"
    out = runner.invoke(main, ["inspect", str(odd), "--write-mapping", str(mapping)]).output
    assert "not recognised" in out
    text = mapping.read_text(encoding="utf-8")
    assert '"合作社" = "ignore"' in text and "layout = " in text
    text = text.replace('layout = "register"  # a guess: check', 'layout = "ledger"')
    for header, name in (("合作社", "organisation"), ("农户代码", "household_id"), ("方式", "mode"), ("钱", "amount")):
        text = text.replace(f'"{header}" = "ignore"', f'"{header}" = "{name}"')
    mapping.write_text(text, encoding="utf-8")
    _ok(runner.invoke(main, ["load", str(files["orgs"]), str(files["register"]), "--store", store_location]))
    _ok(runner.invoke(main, ["load", str(odd), "--mapping", str(mapping), "--store", store_location]))
    from lianjie.graph import open_store

    with open_store(store_location) as s:
        land = s.links(["LEASES_LAND_TO"], ["amount"]).to_dict("records")
    assert [(r["source"], r["target"], r["amount"]) for r in land] == [("H04", "k1", 3000.0)]


def test_a_bad_mapping_is_one_clear_line(runner, tmp_path):
    mapping = tmp_path / "m.toml"
    mapping.write_text('layout = "ledger"\n[columns]\n"甲" = "organization"\n', encoding="utf-8")
    result = runner.invoke(main, ["inspect", str(tmp_path), "--mapping", str(mapping)])
    assert result.exit_code == 1
    assert "'organization': expected one of" in result.output and "Traceback" not in result.output


def test_the_report_shows_what_the_audit_shows(county):
    from lianjie.graph import open_store
    from lianjie.queries import audit
    from lianjie.queries.report import report

    store, _, _ = county
    with open_store(store) as s:
        content = report(s)
        expected = audit(s)
    claims = next(section for section in content["sections"] if section.name == "claims")
    k1 = next(r for r in claims.rows if r["id"] == "k1")
    (audited,) = [c for c in expected["claims"] if c["id"] == "k1"]
    assert (k1["claimed"], k1["traced"], k1["not_traced"]) == (4, 2, len(audited["claimed_not_traced"])) == (4, 2, 2)
    headline = content["headline"].rows[0]
    assert (headline["monitored_households"], headline["covered_monitored"]) == (2, 2)


def test_a_personal_detail_is_stored_only_when_a_mapping_asks(runner, tmp_path, store_location):
    from lianjie.graph import open_store

    files = ct.county(tmp_path)
    mapping = tmp_path / "m.toml"
    mapping.write_text('layout = "register"\n[columns]\n"健康状况" = "extra"\n', encoding="utf-8")
    _ok(runner.invoke(main, ["load", str(files["register"]), "--store", store_location]))
    with open_store(store_location) as s:
        assert s.nodes("Household", ["extra"])["extra"].isna().all()  # not stored by default
    _ok(runner.invoke(main, ["load", str(files["register"]), "--mapping", str(mapping), "--store", store_location]))
    with open_store(store_location) as s:
        extra = dict(zip(*s.nodes("Household", ["extra"]).to_dict("list").values()))
    assert json.loads(extra["H01"]) == {"健康状况": ct.head("H01")["health"]}
