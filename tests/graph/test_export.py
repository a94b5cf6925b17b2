"""The bulk path: export for neo4j-admin, import it with the provisioned Neo4j's own neo4j-admin, same answers."""

import os
import socket
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from lianjie.cli import main
from lianjie.graph import open_store
from lianjie.loaders import load
from lianjie.queries import audit, reach
from toy_graphs import LINK_HEADER, NODE_HEADER, TOY_LINKS, TOY_NODES

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "neo4j-local"


def test_export_files_have_neo4j_admin_headers(tmp_path, dataset_dir):
    with open_store(tmp_path / "s.db") as store:
        load(store, [dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER)])
    result = CliRunner().invoke(
        main, ["export", "--store", str(tmp_path / "s.db"), "--format", "neo4j-admin", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    assert "wrote 12 nodes and 12 links" in result.output
    households = (tmp_path / "out" / "nodes_Household.csv").read_text(encoding="utf-8").splitlines()
    assert households[0].startswith("id:ID,:LABEL,name,")
    assert "poor:boolean" in households[0]
    assert households[1].split(",")[1] == "Node;Household"
    supplies = (tmp_path / "out" / "links_SUPPLIES.csv").read_text(encoding="utf-8").splitlines()
    assert supplies[0].startswith(":START_ID,:END_ID,:TYPE,key,")
    assert "amount:double" in supplies[0] and "start_date:date" in supplies[0]
    assert len(supplies) == 1 + 6


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_neo4j_admin_import_gives_the_same_answers(tmp_path, dataset_dir):
    if not os.environ.get("LIANJIE_TEST_NEO4J"):
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but no Neo4j was provisioned")
        pytest.skip("needs the provisioned Neo4j (scripts/neo4j-local)")
    with open_store(tmp_path / "s.db") as store:
        load(store, [dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER)])
        expected = (reach(store), audit(store))
    with open_store(tmp_path / "s.db", read_only=True) as store:
        from lianjie.graph.export import export_neo4j_admin

        files = export_neo4j_admin(store, tmp_path / "out")["files"]
    env = {**os.environ, "LIANJIE_NEO4J_RUN": str(tmp_path / "neo4j"), "LIANJIE_NEO4J_PORT": str(_free_port())}
    args = [
        str(SCRIPT),
        "admin",
        "database",
        "import",
        "full",
        "neo4j",
        "--overwrite-destination",
        f"--report-file={tmp_path / 'import.report'}",
    ]
    args += [f"--{'nodes' if Path(f).name.startswith('nodes_') else 'relationships'}={f}" for f in files]
    imported = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    started = subprocess.run([str(SCRIPT), "start"], env=env, capture_output=True, text=True, timeout=300)
    try:
        assert started.returncode == 0, started.stderr
        uri = started.stdout.strip().splitlines()[-1]
        with open_store(uri) as store:
            assert (reach(store), audit(store)) == expected
            assert store.counts()["SUPPLIES"] == 6
    finally:
        subprocess.run([str(SCRIPT), "stop"], env=env, capture_output=True, timeout=120)


def test_turtle_and_graphml_exports(tmp_path, dataset_dir):
    import networkx as nx
    from rdflib import Graph, Namespace, URIRef

    with open_store(tmp_path / "s.db") as store:
        load(store, [dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER)])
    runner = CliRunner()
    result = runner.invoke(
        main, ["export", "--store", str(tmp_path / "s.db"), "--format", "turtle", str(tmp_path / "g.ttl")]
    )
    assert result.exit_code == 0, result.output
    g = Graph().parse(tmp_path / "g.ttl")
    lj = Namespace("https://w3id.org/lianjie/ontology#")
    data = Namespace("https://w3id.org/lianjie/data/")
    assert (data.h1, lj.SUPPLIES, data.c1) in g
    assert (data.c1, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), lj.Cooperative) in g
    amounts = sorted(float(o) for s in g.subjects(lj.source, data.h1) for o in g.objects(s, lj.amount))
    assert amounts == [1000.0, 2500.0]  # parallel deliveries keep their own link resources
    result = runner.invoke(
        main, ["export", "--store", str(tmp_path / "s.db"), "--format", "graphml", str(tmp_path / "g.graphml")]
    )
    assert result.exit_code == 0, result.output
    h = nx.read_graphml(tmp_path / "g.graphml")
    assert h.number_of_nodes() == 12 and h.number_of_edges() == 12
    assert nx.has_path(h, "h3", "ch1")
