"""Helpers the hardening suites share."""

from __future__ import annotations

import os

import pytest


def _server_uri() -> str:
    """The test server; CI must provide one (the test fails there instead of skipping)."""
    uri = os.environ.get("LIANJIE_TEST_NEO4J")
    if not uri:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but LIANJIE_TEST_NEO4J is not set")
        pytest.skip("no Neo4j server (set LIANJIE_TEST_NEO4J, see README)")
    return uri


@pytest.fixture
def neo4j_uri() -> str:
    return _server_uri()


@pytest.fixture
def neo4j_reset():
    """A function that empties the test server (data and any load journal) and returns its URI."""
    from lianjie.graph import open_store

    def reset() -> str:
        uri = _server_uri()
        with open_store(uri) as s:
            s.reset()
            s.cypher("MATCH (n:LianjieLoad|LianjieLoadStep) DELETE n", write=True)
        return uri

    return reset
