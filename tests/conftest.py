"""Shared fixtures. ``store`` is parametrised over every backend, so each test proves both."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest
from lianjie.graph import open_store
from lianjie.graph.registry import STORES, store_kinds
from lianjie.loaders.privacy import Pseudonymiser
from lianjie.ontology import load_ontology

TEST_KEY = b"lianjie-test-key"


def backends() -> list[str]:
    """Every registered store: file stores always, server stores when their test variable names a server.

    CI must provide every server: the fixture then fails loudly instead of skipping.
    """
    found = []
    for kind in store_kinds():
        if kind.test_env is None or os.environ.get(kind.test_env) or os.environ.get("CI") == "true":
            found.append(kind.name)
    return found


@pytest.fixture(autouse=True)
def _private_key(monkeypatch, tmp_path_factory):
    """Every test pseudonymises under a known key and never touches the user's key file."""
    monkeypatch.setenv("LIANJIE_KEY", TEST_KEY.decode())
    monkeypatch.setenv("LIANJIE_KEY_FILE", str(tmp_path_factory.mktemp("key") / "key"))
    monkeypatch.delenv("LIANJIE_STORE", raising=False)


@pytest.fixture(scope="session")
def onto():
    return load_ontology()


@pytest.fixture
def pseudonym():
    return Pseudonymiser(TEST_KEY)


SEED_NAMES = ("000_7924fd5261999247.txt", "003_9411b0f8b1674f0a.txt")


@pytest.fixture(scope="session")
def articles() -> dict[str, str]:
    """The two source articles: whole from the shared seeds beside the repository (or ``LIANJIE_SEEDS``),
    else the passages of them the case dataset quotes, shipped in ``datasets/case/article_excerpts.json``.

    Every quote check holds against either, so the tests run on a plain clone.
    """
    folder = Path(os.environ.get("LIANJIE_SEEDS") or Path(__file__).resolve().parents[2] / "shared" / "seeds")
    if all((folder / name).exists() for name in SEED_NAMES):
        return {name: (folder / name).read_text(encoding="utf-8") for name in SEED_NAMES}
    from lianjie.datasets.excerpts import excerpt_text

    return excerpt_text()


def server_uri(env: str = "LIANJIE_TEST_NEO4J") -> str:
    """The test server the variable ``env`` names. Without one a test skips, except under CI, where
    every server must be provided and the test fails."""
    uri = os.environ.get(env)
    if not uri:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {env} is not set: .ci/run must start the server (e.g. scripts/neo4j-local start)")
        pytest.skip(f"no server for this test (set {env}, see README)")
    return uri


@pytest.fixture
def neo4j_uri() -> str:
    """The Neo4j test server (see :func:`server_uri`)."""
    return server_uri()


def fresh_location(backend: str, folder: Path) -> str:
    """Where a fresh, empty store of a registered backend lives: a file in ``folder``, or an emptied server."""
    kind = STORES.get(backend)
    if kind.test_env is None:
        return str(folder / "store.db")
    uri = server_uri(kind.test_env)
    with open_store(uri) as s:
        s.reset()
    return uri


@pytest.fixture(params=backends())
def store_location(request, tmp_path):
    """Where a fresh, empty store of each registered backend lives."""
    return fresh_location(request.param, tmp_path)


@pytest.fixture
def store(store_location):
    with open_store(store_location) as s:
        yield s


def write_csv(path: Path, header: list[str], rows: list[list[object]], encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
    return path


@pytest.fixture
def dataset_dir(tmp_path):
    """Write ``nodes.csv`` / ``links.csv`` into a fresh folder and return it."""

    def make(
        nodes: list[list[object]] | None = None,
        links: list[list[object]] | None = None,
        node_header: list[str] | None = None,
        link_header: list[str] | None = None,
        name: str = "ds",
        encoding: str = "utf-8",
    ) -> Path:
        folder = tmp_path / name
        folder.mkdir(exist_ok=True)
        if nodes is not None:
            write_csv(
                folder / "nodes.csv",
                node_header or ["id", "type", "name", "poor", "claimed_households"],
                nodes,
                encoding,
            )
        if links is not None:
            write_csv(
                folder / "links.csv",
                link_header or ["source", "target", "type", "mechanism", "amount", "start", "end"],
                links,
                encoding,
            )
        return folder

    return make


def snapshot(store) -> dict:
    """Everything a store holds, in a comparable form."""
    onto = store.onto
    nodes = {}
    for cls in onto.classes:
        cols = [p.name for p in onto.stored_node_properties(cls)] + ["extra"]
        frame = store.nodes(cls, cols)
        for rec in frame.to_dict("records"):
            nodes[rec["id"]] = (cls, tuple(sorted((k, str(v)) for k, v in rec.items())))
    link_cols = ["key"] + [p.name for p in onto.stored_link_properties]
    links = store.links(onto.link_types, link_cols)
    return {"nodes": nodes, "links": sorted(map(str, links.to_dict("records")))}
