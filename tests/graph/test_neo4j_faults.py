"""Faults a Neo4j user meets: one clear line each, and the CLI exits non-zero."""

import os
import socket

import pytest
from click.testing import CliRunner
from lianjie.cli import main
from lianjie.graph import open_store
from lianjie.graph.neo4j_store import check_version, split_credentials
from lianjie.graph.store import StoreError


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_server_down():
    uri = f"bolt://127.0.0.1:{_free_port()}"
    with pytest.raises(StoreError, match="cannot reach Neo4j at"):
        open_store(uri)
    result = CliRunner().invoke(main, ["info", "--store", uri])
    assert result.exit_code == 1 and "Error: cannot reach Neo4j" in result.output and "Traceback" not in result.output


def test_wrong_password(neo4j_uri, monkeypatch):
    uri = neo4j_uri
    monkeypatch.setenv("NEO4J_PASSWORD", "certainly-wrong")
    with pytest.raises(StoreError, match="refused the user name or password"):
        open_store(uri)


def test_credentials_in_the_uri(neo4j_uri, monkeypatch):
    uri = neo4j_uri
    password = os.environ.get("NEO4J_PASSWORD", "")
    monkeypatch.setenv("NEO4J_PASSWORD", "certainly-wrong")
    scheme, rest = uri.split("://", 1)
    with open_store(f"{scheme}://neo4j:{password}@{rest}") as store:
        assert "neo4j:" not in store.describe()  # the password is never echoed


def test_unknown_database(neo4j_uri):
    uri = neo4j_uri
    with pytest.raises(StoreError, match="no database named 'nosuchdb'"):
        open_store(uri, database="nosuchdb")
    result = CliRunner().invoke(main, ["reach", "--store", uri, "--database", "nosuchdb"])
    assert result.exit_code == 1 and "no database named 'nosuchdb'" in result.output


def test_versions_older_than_five_are_refused():
    check_version("5.26.30")
    check_version("2025.10.1")
    with pytest.raises(StoreError, match="Neo4j 4.4.12 is too old"):
        check_version("4.4.12")


def test_split_credentials():
    assert split_credentials("bolt://u:p%40ss@h:7687") == ("bolt://h:7687", "u", "p@ss")
    assert split_credentials("neo4j://h") == ("neo4j://h", None, None)
