"""The network page: styled from the ontology, self-contained, and drawn by a real headless Chromium."""

import os
import shutil
import subprocess

import pytest
from lianjie.loaders import load
from lianjie.viz import render_network
from toy_graphs import LINK_HEADER, NODE_HEADER, TOY_LINKS, TOY_NODES


@pytest.fixture
def page(store, dataset_dir, tmp_path):
    load(store, [dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER)])
    info = render_network(store, tmp_path / "net.html", title="toy")
    return info


def test_page_holds_every_node_and_link_styled_from_the_ontology(page, onto):
    html = open(page["path"], encoding="utf-8").read()
    assert (page["nodes"], page["links"]) == (12, 12)
    assert onto.classes["Household"].color in html and onto.classes["Channel"].color in html
    assert '"dashes": true' in html  # support links
    assert "合作社 Cooperative" in html  # the legend, from the ontology's labels


def test_page_needs_no_network(page):
    html = open(page["path"], encoding="utf-8").read()
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html
    assert '<script src="http' not in html


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def test_chromium_draws_the_network(page, tmp_path):
    browser = _chromium()
    if browser is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but no Chromium: .ci/run must install it (apt-get install chromium)")
        pytest.skip("no Chromium on this machine (apt-get install chromium)")
    profile = tmp_path / "profile"
    cmd = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=8000",
        "--dump-dom",
        f"file://{page['path']}",
    ]
    dom = subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout
    # vis-network builds its canvas inside the container only when its script ran
    assert 'class="vis-network"' in dom
    assert "<canvas" in dom
    assert 'id="lianjie-legend"' in dom
