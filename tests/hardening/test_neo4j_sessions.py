"""What lianjie sends Neo4j when it opens a store and runs a user's write."""

import pytest
from lianjie.graph import open_store
from lianjie.graph.neo4j_store import SCHEMA_VERSION
from neo4j import Session


@pytest.fixture
def sent(monkeypatch):
    """Every query text lianjie passes to a session or transaction, in order."""
    queries: list[str] = []
    run, execute_write = Session.run, Session.execute_write

    def spy_run(self, query, *args, **kwargs):
        queries.append(str(query))
        return run(self, query, *args, **kwargs)

    def spy_write(self, work, *args, **kwargs):
        queries.append("<managed write>")
        return execute_write(self, work, *args, **kwargs)

    monkeypatch.setattr(Session, "run", spy_run)
    monkeypatch.setattr(Session, "execute_write", spy_write)
    return queries


def test_an_up_to_date_store_opens_with_one_look_at_its_indexes_and_no_drop(neo4j_uri, sent):
    with open_store(neo4j_uri) as s:
        assert s.meta()["schema"] == SCHEMA_VERSION
    sent.clear()
    with open_store(neo4j_uri):
        pass
    assert sum("SHOW INDEXES" in q for q in sent) == 1
    assert not [q for q in sent if "DROP" in q or "CREATE CONSTRAINT" in q], sent


def test_a_store_of_an_earlier_layout_is_migrated_once(neo4j_uri, sent):
    with open_store(neo4j_uri) as s:
        s.set_meta(schema="1")
        s.cypher("CREATE INDEX lianjie_supplies_key IF NOT EXISTS FOR ()-[e:SUPPLIES]-() ON (e.key)", write=True)
    sent.clear()
    with open_store(neo4j_uri) as s:
        assert s.meta()["schema"] == SCHEMA_VERSION
        names = {r["name"] for r in s.cypher("SHOW INDEXES YIELD name RETURN name")}
    assert "lianjie_supplies_key" not in names
    assert sum(q.startswith("DROP INDEX lianjie_") and "meta" not in q for q in sent) == 1  # only the one there
    sent.clear()
    with open_store(neo4j_uri):
        pass
    assert not [q for q in sent if "DROP" in q]


def test_a_users_write_runs_once_in_an_auto_commit_transaction(neo4j_uri, sent):
    with open_store(neo4j_uri) as s:
        s.reset()
        sent.clear()
        s.cypher("CREATE (:Node:Household {id: 'once'})", write=True)
        assert "<managed write>" not in sent  # a managed transaction may run the work again
        assert s.cypher("MATCH (n:Household {id: 'once'}) RETURN count(n) AS n") == [{"n": 1}]
        s.reset()
