"""The benchmark script runs end to end on a small dataset and reports every step it promises."""

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"


def test_the_benchmark_script_times_every_step_and_the_baselines(tmp_path):
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--households", "500", "--baseline", "--repeat", "2", "--data", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for step in ("load", "reload", "audit_cold", "audit", "reach", "raw bulk COPY"):
        assert re.search(rf"best of 2: {re.escape(step)}\s+\d+\.\d+ s\s+\(worst \d+\.\d+ s\)", out), step
    assert out.count("lianjie load (fresh store)") == 2  # a fresh store each time
    assert "baseline: plain Cypher reach" in out
    assert re.search(r"-> load is \d+\.\dx the raw bulk copy\n", out)  # no target below 1M households
    assert len(re.findall(r"machine: reference workload \d+\.\d+ s", out)) == 2
    assert (tmp_path / "h500" / "nodes.csv").exists()


REGISTERS = SCRIPT.with_name("registers.py")


def test_the_register_benchmark_loads_a_generated_county_and_prints_its_rate(tmp_path):
    done = subprocess.run(
        [sys.executable, str(REGISTERS), "--persons", "600", "--ledger", "200", "--data", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert re.search(r"lianjie load orgs/ register ledger\s+\d+\.\d+ s\s+[\d,]+ rows/s\s+peak\s+[\d,]+ MB", out)
    assert re.search(r"lianjie audit\s+\d+\.\d+ s\s+peak\s+[\d,]+ MB", out)
    folder = tmp_path / "county-p600-l200"
    assert (folder / "register.xlsx").exists() and (folder / "ledger.xlsx").exists()


NEO4J_BENCH = SCRIPT.with_name("neo4j_bench.py")


def test_the_neo4j_audit_benchmark_prints_the_ratio_and_checks_the_answers(tmp_path, neo4j_uri):
    """``--audit-only`` times the audits of a Neo4j server that holds the county already."""
    generate = f"import sys; sys.path.insert(0, {str(SCRIPT.parent)!r}); from neo4j_bench import county; "
    generate += f"print(county(500, __import__('pathlib').Path({str(tmp_path)!r}))[0])"
    folder = subprocess.run([sys.executable, "-c", generate], capture_output=True, text=True, check=True).stdout.strip()
    lianjie = [sys.executable, "-m", "lianjie.cli"]
    subprocess.run([*lianjie, "reset", "--yes", "--store", neo4j_uri], capture_output=True, check=True)
    subprocess.run([*lianjie, "load", folder, "--store", neo4j_uri], capture_output=True, check=True)
    done = subprocess.run(
        [sys.executable, str(NEO4J_BENCH), "--neo4j", neo4j_uri, "--households", "500", "--data", str(tmp_path)]
        + ["--audit-only", "--repeat", "2"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for store in ("neo4j", "embedded"):
        assert out.count(f"{store}: lianjie audit") == 2
        assert re.search(rf"best of 2: audit {store}\s+\d+\.\d+ s\s+\(worst \d+\.\d+ s\)", out), store
    assert re.search(r"-> Neo4j audit is \d+\.\dx the embedded audit \(best of each; worst of each \d+\.\dx", out)
    assert re.search(r"-> same audit --json on both stores: yes \([\d,]+ bytes\)", out)


def test_the_benchmark_script_sets_the_neo4j_audit_beside_the_embedded_one(tmp_path, neo4j_uri):
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--households", "500", "--data", str(tmp_path), "--neo4j", neo4j_uri],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "  neo4j store\n" in done.stdout
    assert re.search(r"-> Neo4j audit is \d+\.\dx the embedded audit\n", done.stdout)  # no target below 1M
