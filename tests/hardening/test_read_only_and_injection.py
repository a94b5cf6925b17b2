"""Read-only Cypher refuses every way to write, and Cypher in user values changes nothing; both stores."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hardening_support import contents
from lianjie.cli import main
from lianjie.graph import open_store
from lianjie.loaders import load
from toy_graphs import LINK_HEADER, NODE_HEADER, TOY_LINKS, TOY_NODES

BOTH = [
    "CREATE (n:Household {id: 'x'})",
    "MERGE (n:Household {id: 'x'})",
    "MATCH (n:Household) SET n.name = 'x'",
    "MATCH (n:Household) REMOVE n.name",
    "MATCH (n) DETACH DELETE n",
    "MATCH ()-[e]->() DELETE e",
    "MATCH (n:Household) WITH n LIMIT 1 CREATE (n)-[:SUPPLIES]->(:Channel {id: 'y'})",
]
EMBEDDED = [
    "COPY Household FROM '{dir}/rows.csv'",
    "COPY (MATCH (n) RETURN n.id) TO '{dir}/escaped.csv'",
    "EXPORT DATABASE '{dir}/exported'",
    "IMPORT DATABASE '{dir}/exported'",
    "LOAD FROM '{dir}/rows.csv' RETURN *",
    "CREATE NODE TABLE Sneaky(id STRING PRIMARY KEY)",
    "DROP TABLE Household",
    "ALTER TABLE Household ADD sneaky STRING",
    "ATTACH '{dir}/other.db' AS other (dbtype lbug)",
    "INSTALL json",
    "LOAD EXTENSION json",
    "CHECKPOINT",
    "MATCH (n) RETURN count(n); CREATE (:Household {id: 'x'})",
    "CALL create_fts_index('Household', 'names', ['name'])",
    "COMMENT ON TABLE Household IS 'x'",
]
NEO4J = [
    "CALL db.createLabel('Sneaky')",
    "CALL db.createProperty('sneaky')",
    "LOAD CSV FROM 'file:///rows.csv' AS r CREATE (:Household {id: r[0]})",
    "CREATE INDEX sneaky FOR (n:Household) ON (n.sneaky)",
    "DROP CONSTRAINT lianjie_node_id",
    "CREATE DATABASE sneaky",
    "CALL { CREATE (:Household {id: 'x'}) } IN TRANSACTIONS",
    "USE system CREATE USER sneaky SET PASSWORD 'sneaky-pass'",
    "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')",
]


@pytest.fixture
def toy(store_location, dataset_dir):
    with open_store(store_location) as s:
        load(s, [dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER)])
    return store_location


def _one_line_error(result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.output
    return errors[0]


def test_read_only_cypher_refuses_every_way_to_write(toy, tmp_path):
    (tmp_path / "rows.csv").write_text("id\nz1\n", encoding="utf-8")
    statements = BOTH + (NEO4J if toy.startswith("bolt") else [q.replace("{dir}", str(tmp_path)) for q in EMBEDDED])
    before = contents(toy)
    runner = CliRunner()
    for query in statements:
        line = _one_line_error(runner.invoke(main, ["cypher", query, "--store", toy]))
        assert (
            "read-only" in line or "reaches outside the store" in line or "--write" in line or "Cypher error" in line
        ), (
            query,
            line,
        )
    assert contents(toy) == before
    assert not (tmp_path / "escaped.csv").exists() and not (tmp_path / "exported").exists()
    assert not (tmp_path / "other.db").exists()
    with open_store(toy, read_only=True) as s:
        if toy.startswith("bolt"):
            names = {r["name"] for r in s.cypher("SHOW INDEXES YIELD name RETURN name")}
            assert "sneaky" not in names and "lianjie_node_id" in names
        else:
            tables = {r["name"] for r in s.cypher("CALL show_tables() RETURN name")}
            assert "Sneaky" not in tables


def test_cypher_in_every_user_value_changes_nothing(toy, tmp_path, dataset_dir):
    runner = CliRunner()
    evil = "x'}) MATCH (n) DETACH DELETE n //"
    evil_backtick = "x`]-() DETACH DELETE n //"
    before = contents(toy)
    commands = [
        ["reach", "--channel", evil, "--json"],
        ["reach", "--channel", evil_backtick],
        ["paths", evil],
        ["paths", "h1' OR 1=1 //"],
        ["audit", "--mechanism", evil],
        ["cypher", "MATCH (n {id: $id}) RETURN n.id AS id", "--param", f"id={evil}"],
        ["cypher", "RETURN $x AS x", "--param", 'x="}) DETACH DELETE n //'],
        ["query", "../../../etc/passwd"],
        ["query", "x; MATCH (n) DETACH DELETE n"],
        ["query", "households-by-village", "--param", f"village={evil}"],
        ["draw", "--around", evil, "--out", str(tmp_path / "a.html")],
        ["coverage", "--by", evil],
        ["concentration", "--of", evil],
    ]
    for args in commands:
        result = runner.invoke(main, [*args, "--store", toy])
        assert "Traceback" not in result.output and not (
            result.exception and not isinstance(result.exception, SystemExit)
        ), (args, result.output, result.exception)
        assert result.exit_code in (0, 1, 2), (args, result.output)
    assert contents(toy) == before

    # and in a dataset: ids, names, link types and headers full of Cypher load as plain values or are refused
    nodes = [
        [evil, "Household", evil_backtick, "true", None],
        ["c) DETACH DELETE c //", "Channel", "'; MATCH (n) DETACH DELETE n; '", None, None],
    ]
    links = [[evil, "c) DETACH DELETE c //", "SELLS_THROUGH", None, None, None, None]]
    folder = dataset_dir(nodes, links, NODE_HEADER + [], LINK_HEADER, name="evil")
    (folder / "nodes.csv").write_text(
        (folder / "nodes.csv").read_text(encoding="utf-8").replace("claimed_households", "n}) DETACH DELETE n //", 1),
        encoding="utf-8",
    )
    loaded = runner.invoke(main, ["load", str(folder), "--store", toy])
    assert loaded.exit_code == 0, loaded.output
    bad_type = dataset_dir(None, [["h1", "c1", "SUPPLIES]->() DETACH DELETE n //", None, None, None, None]], name="bad")
    refused = _one_line_error(runner.invoke(main, ["load", str(bad_type), "--store", toy]))
    assert "problem" in refused
    after = contents(toy)
    assert {k: v for k, v in after["nodes"].items() if k not in (evil, "c) DETACH DELETE c //")} == before["nodes"]
    assert after["all nodes"] == before["all nodes"] + 2
    with open_store(toy, read_only=True) as s:
        assert s.cypher("MATCH (n:Channel {id: $id}) RETURN n.name AS name", {"id": "c) DETACH DELETE c //"}) == [
            {"name": "'; MATCH (n) DETACH DELETE n; '"}
        ]
