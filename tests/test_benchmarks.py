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
