"""Helpers the hardening suites share."""

from __future__ import annotations

import pytest
from conftest import server_uri


@pytest.fixture
def neo4j_reset():
    """A function that empties the test server (data and any load journal) and returns its URI."""
    from lianjie.graph import open_store

    def reset() -> str:
        uri = server_uri()
        with open_store(uri) as s:
            s.reset()
            s.cypher("MATCH (n:LianjieLoad|LianjieLoadStep) DELETE n", write=True)
        return uri

    return reset
