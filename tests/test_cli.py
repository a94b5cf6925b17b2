"""The command line, through click's CliRunner, against real stores."""

import json
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from lianjie.cli import main
from lianjie.cli.docs import CLI_MD, cli_markdown, readme_with_table
from toy_graphs import LINK_HEADER, NODE_HEADER, TOY_LINKS, TOY_NODES

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def toy(runner, store_location, dataset_dir):
    folder = dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER)
    result = runner.invoke(main, ["load", str(folder), "--store", store_location])
    assert result.exit_code == 0, result.output
    return store_location


def _ok(result):
    assert result.exit_code == 0, result.output + str(result.exception)
    return result


def test_load_reports_what_it_did(runner, store_location, dataset_dir):
    folder = dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER)
    first = _ok(runner.invoke(main, ["load", str(folder), "--store", store_location]))
    assert "loaded 12 nodes (12 new, 0 updated) and 12 links (12 new, 0 already stored)" in first.output
    again = _ok(runner.invoke(main, ["load", str(folder), "--store", store_location]))
    assert "(0 new, 12 updated)" in again.output and "(0 new, 12 already stored)" in again.output


def test_bad_load_lists_problems_and_exits_non_zero_without_traceback(runner, toy, dataset_dir):
    folder = dataset_dir(
        [["x", "Spaceship", "?", None, None]],
        [["x", "h1", "LIKES", None, None, None, None]],
        NODE_HEADER,
        LINK_HEADER,
        name="bad",
    )
    result = runner.invoke(main, ["load", str(folder), "--store", toy])
    assert result.exit_code == 1
    assert "nodes.csv, line 2, column 2 (type): unknown node type 'Spaceship'" in result.output
    assert "Error: 3 problems in the dataset; nothing was loaded" in result.output
    assert "links.csv, line 2, column 3 (type): unknown link type 'LIKES'" in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
    counts = json.loads(_ok(runner.invoke(main, ["info", "--store", toy, "--json"])).output)["counts"]
    assert counts["Household"] == 6 and "x" not in counts


def test_reach_json(runner, toy):
    rows = json.loads(_ok(runner.invoke(main, ["reach", "--store", toy, "--json"])).output)
    assert [(r["channel"], r["households"], r["poor_households"]) for r in rows] == [("ch1", 4, 3), ("ch2", 5, 4)]
    one = json.loads(_ok(runner.invoke(main, ["reach", "--store", toy, "--channel", "ch2", "--json"])).output)
    assert [r["channel"] for r in one] == ["ch2"]


def test_reach_table(runner, toy):
    out = _ok(runner.invoke(main, ["reach", "--store", toy])).output
    assert re.search(r"ch1\s.*直播.*\s4\s.*\s3\s", out)


def test_reach_as_of(runner, toy):
    rows = json.loads(_ok(runner.invoke(main, ["reach", "--store", toy, "--as-of", "2021-01-01", "--json"])).output)
    assert {r["channel"]: r["households"] for r in rows} == {"ch1": 4, "ch2": 4}
    bad = runner.invoke(main, ["reach", "--store", toy, "--as-of", "last year"])
    assert bad.exit_code == 2 and "is not a date" in bad.output


def test_audit_json(runner, toy):
    result = json.loads(_ok(runner.invoke(main, ["audit", "--store", toy, "--json"])).output)
    assert result["uncovered_poor"] == ["h5"]
    assert result["single_channel_poor"] == ["h6"]
    assert {(c["id"], c["claimed"], c["traced"]) for c in result["claims"]} == {("c1", 10, 4), ("e1", 3, 4)}


def test_audit_text(runner, toy):
    out = _ok(runner.invoke(main, ["audit", "--store", toy])).output
    assert "uncovered (no channel): 1: h5" in out
    assert "fragile (one channel): 1: h6" in out


def test_audit_text_shows_the_largest_claim_gaps_first(runner, toy):
    # c1 claims 10 and traces 4 (gap 6); e1 claims 3 and traces 4 (gap -1)
    out = _ok(runner.invoke(main, ["audit", "--store", toy, "--limit", "1"])).output
    assert "the 1 largest gaps of 2" in out
    assert "c1" in out and "e1" not in out
    everything = _ok(runner.invoke(main, ["audit", "--store", toy, "--limit", "0"])).output
    assert everything.index("c1") < everything.index("e1")


def test_paths(runner, toy):
    out = _ok(runner.invoke(main, ["paths", "h3", "--store", toy])).output
    assert "ch1 (直播): 1 chain(s)" in out
    assert "h3 -[EMPLOYED_BY wage_employment 9,000元]-> e1 -[SUPPLIES]-> c1 -[SELLS_THROUGH]-> ch1" in out
    data = json.loads(_ok(runner.invoke(main, ["paths", "h3", "--store", toy, "--json"])).output)
    assert [d["channel"] for d in data] == ["ch1", "ch2"]
    missing = runner.invoke(main, ["paths", "nobody", "--store", toy])
    assert missing.exit_code == 1 and "no household with id 'nobody'" in missing.output


def test_cypher_read_only_unless_write(runner, toy):
    rows = json.loads(
        _ok(
            runner.invoke(
                main,
                [
                    "cypher",
                    "MATCH (c:Cooperative) WHERE c.id = $id RETURN c.name AS name",
                    "--store",
                    toy,
                    "--param",
                    "id=c1",
                    "--json",
                ],
            )
        ).output
    )
    assert rows == [{"name": "合作社一"}]
    refused = runner.invoke(main, ["cypher", "MATCH (h:Household {id: 'h1'}) DETACH DELETE h", "--store", toy])
    assert refused.exit_code == 1 and "--write" in refused.output and "Traceback" not in refused.output
    still = json.loads(
        _ok(
            runner.invoke(main, ["cypher", "MATCH (h:Household) RETURN count(h) AS n", "--store", toy, "--json"])
        ).output
    )
    assert still == [{"n": 6}]
    _ok(runner.invoke(main, ["cypher", "MATCH (h:Household {id: 'h1'}) DETACH DELETE h", "--store", toy, "--write"]))
    after = json.loads(
        _ok(
            runner.invoke(main, ["cypher", "MATCH (h:Household) RETURN count(h) AS n", "--store", toy, "--json"])
        ).output
    )
    assert after == [{"n": 5}]


def test_cypher_parameters_are_json_when_they_parse(runner, toy):
    rows = json.loads(
        _ok(
            runner.invoke(
                main,
                [
                    "cypher",
                    "MATCH (c:Cooperative) WHERE c.claimed_households = $n RETURN c.id AS id",
                    "--store",
                    toy,
                    "--param",
                    "n=10",
                    "--json",
                ],
            )
        ).output
    )
    assert rows == [{"id": "c1"}]
    bad = runner.invoke(main, ["cypher", "RETURN 1", "--store", toy, "--param", "oops"])
    assert bad.exit_code == 2 and "KEY=VALUE" in bad.output


def test_reset(runner, toy):
    refused = runner.invoke(main, ["reset", "--store", toy], input="")
    assert refused.exit_code != 0
    _ok(runner.invoke(main, ["reset", "--store", toy, "--yes"]))
    counts = json.loads(_ok(runner.invoke(main, ["info", "--store", toy, "--json"])).output)["counts"]
    assert counts == {}


def test_store_from_environment(runner, toy, monkeypatch):
    monkeypatch.setenv("LIANJIE_STORE", toy)
    rows = json.loads(_ok(runner.invoke(main, ["reach", "--json"])).output)
    assert len(rows) == 2


def test_read_commands_on_a_missing_store(runner, tmp_path):
    result = runner.invoke(main, ["audit", "--store", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no store at" in result.output and "Traceback" not in result.output


def test_demo(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _ok(runner.invoke(main, ["demo"]))
    assert "Reach of each sales channel" in result.output
    assert "Claimed against traced households" in result.output
    assert (tmp_path / "lianjie-demo" / "store.db").exists()
    out = tmp_path / "lianjie-demo"
    page = (out / "overview.html").read_text(encoding="utf-8")
    assert "vis-network" in page and "cdn.jsdelivr" not in page
    channels = sorted(p.name for p in out.glob("channel-*.html"))
    assert channels == ["channel-LS-CH-ONLINE.html"]  # the channel reaching the most households
    assert "Coverage by town" in (out / "report.html").read_text(encoding="utf-8")
    for name in ("overview.html", channels[0], "report.html"):
        assert f"lianjie-demo/{name}" in result.output
    again = _ok(runner.invoke(main, ["demo"]))  # idempotent: nothing new the second time
    assert "0 new nodes, 0 new links" in again.output


def _commands(group, prefix=""):
    for name, cmd in group.commands.items():
        yield prefix + name, cmd


def test_every_command_is_documented():
    readme = README.read_text(encoding="utf-8")
    reference = CLI_MD.read_text(encoding="utf-8")
    for name, cmd in _commands(main):
        assert cmd.help and len(cmd.help.strip()) > 20, f"{name} has no help text"
        assert f"`lianjie {name}" in readme, f"README does not mention `lianjie {name}`"
        assert f"## lianjie {name}\n" in reference, f"docs/cli.md does not document `lianjie {name}`"
        for param in cmd.params:
            if param.param_type_name == "option":
                assert param.help, f"{name} {param.opts} has no help"
                assert f"`{max(param.opts, key=len)}`" in reference, f"docs/cli.md lacks {name} {param.opts}"


def test_the_command_reference_is_current():
    assert CLI_MD.read_text(encoding="utf-8") == cli_markdown(), "docs/cli.md is stale: python -m lianjie.cli.docs"
    readme = README.read_text(encoding="utf-8")
    assert readme == readme_with_table(readme), "README's command table is stale: python -m lianjie.cli.docs"


def test_a_new_command_or_option_makes_the_reference_stale():
    """The two tests above have teeth: what the commands say is what the reference must say."""

    @click.command("tally")
    @click.option("--every", is_flag=True, help="Count every node.")
    def tally(every):
        """How many nodes a store holds, in one line."""

    readme = README.read_text(encoding="utf-8")
    main.add_command(tally)
    try:
        assert "## lianjie tally" in cli_markdown() and "`--every`" in cli_markdown()
        assert CLI_MD.read_text(encoding="utf-8") != cli_markdown()
        assert readme_with_table(readme) != readme
    finally:
        main.commands.pop("tally")
    assert readme_with_table(readme) == readme


def test_coverage_concentration_overlap(runner, toy):
    rows = json.loads(_ok(runner.invoke(main, ["coverage", "--store", toy, "--json"])).output)
    # h5 is the only household with a village (v1), and no channel reaches it
    assert {r["area"]: (r["poor_households"], r["covered_poor"]) for r in rows} == {"v1": (1, 0), None: (4, 4)}
    conc = json.loads(_ok(runner.invoke(main, ["concentration", "--store", toy, "--of", "渠道", "--json"])).output)
    assert conc["of"] == "Channel" and conc["hhi"] == round(25 / 49, 4)
    text = _ok(runner.invoke(main, ["overlap", "--store", toy])).output
    assert re.search(r"ch1\s.*\s3\s.*\s3", text)


def test_small_counts_can_be_suppressed_for_publication(runner, toy):
    rows = json.loads(_ok(runner.invoke(main, ["reach", "--store", toy, "--suppress-below", "4", "--json"])).output)
    # ch1 reaches 4 households, 3 of them poor; ch2 reaches 5, 4 of them poor
    assert [(r["channel"], r["households"], r["poor_households"]) for r in rows] == [("ch1", 4, None), ("ch2", 5, 4)]
    assert re.search(
        r"ch1\s.*\s4\s.*<4", _ok(runner.invoke(main, ["reach", "--store", toy, "--suppress-below", "4"])).output
    )
    areas = json.loads(_ok(runner.invoke(main, ["coverage", "--store", toy, "--suppress-below", "2", "--json"])).output)
    # v1 has one poor household, none covered: the one is hidden, the zero and the rest stay
    assert {r["area"]: (r["poor_households"], r["covered_poor"], r["coverage_rate"]) for r in areas} == {
        "v1": (None, 0, None),
        None: (4, 4, 1.0),
    }
    claims = json.loads(_ok(runner.invoke(main, ["audit", "--store", toy, "--suppress-below", "4", "--json"])).output)
    # c1 and e1 both trace 4 households, 3 of them poor: traced stays, traced_poor and the gap go
    assert {(c["id"], c["traced"], c["traced_poor"], c["gap"]) for c in claims["claims"]} == {
        ("c1", 4, None, None),
        ("e1", 4, None, None),
    }


def test_models_json(runner, toy):
    rows = json.loads(_ok(runner.invoke(main, ["models", "--store", toy, "--json"])).output)
    assert len(rows) == 7 and rows[0]["model"] == "党支部+合作社+农户+基地"
    # the toy graph has no party branch, service centre or base: no model is present
    assert all(r["instances"] == 0 and r["households"] == 0 for r in rows)


def test_an_unwritable_place_is_one_clear_line(runner, toy, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(main, ["export", "--store", toy, "--format", "graphml", str(blocker / "sub" / "g.graphml")])
    assert result.exit_code == 1 and result.output.startswith("Error: ") and "Traceback" not in result.output


def test_reach_and_audit_by_mechanism(runner, toy):
    rows = json.loads(_ok(runner.invoke(main, ["reach", "--store", toy, "--mechanism", "务工", "--json"])).output)
    assert {r["channel"]: r["households"] for r in rows} == {"ch1": 1, "ch2": 1}
    args = ["audit", "--store", toy, "--mechanism", "wage_employment", "--json"]
    result = json.loads(_ok(runner.invoke(main, args)).output)
    assert result["mechanisms"] == ["wage_employment"] and "h6" in result["uncovered_poor"]
    bad = runner.invoke(main, ["reach", "--store", toy, "--mechanism", "barter"])
    assert bad.exit_code == 2 and "'barter' is not a mechanism" in bad.output


def _console(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """The ``lianjie`` console script in its own process, as a shell runs it."""
    return subprocess.run([sys.executable, "-m", "lianjie.cli", *args], capture_output=True, **kwargs)


def test_the_console_script_writes_all_its_output_before_it_exits(runner, toy):
    """It ends the process without tearing the interpreter down: nothing buffered may be lost."""
    expected = _ok(runner.invoke(main, ["audit", "--store", toy, "--json"])).output
    done = _console("audit", "--store", toy, "--json")
    assert (done.returncode, done.stderr) == (0, b"")
    assert json.loads(done.stdout) == json.loads(expected)
    schema = _console("schema")
    assert schema.stdout.decode("utf-8") == _ok(runner.invoke(main, ["schema"])).output


def test_the_console_script_exits_non_zero_with_one_line_on_a_user_mistake(tmp_path):
    done = _console("audit", "--store", str(tmp_path / "none.db"))
    assert done.returncode == 1 and done.stdout == b""
    assert done.stderr.decode("utf-8").startswith("Error: no store at")
    assert _console("--version").returncode == 0


def test_output_into_a_closed_pipe_ends_quietly(tmp_path):
    """``lianjie schema | head -1``: once the reader has gone, no error message and no traceback."""
    process = subprocess.Popen(
        [sys.executable, "-m", "lianjie.cli", "schema"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    process.stdout.close()  # before the command writes anything
    error = process.stderr.read()
    process.wait()
    assert error == b""
    assert process.returncode == 1
