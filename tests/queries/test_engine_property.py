"""The reach engine agrees with plain variable-length Cypher on random graphs with cycles."""

import networkx as nx
import numpy as np
import pyarrow as pa
from conftest import write_csv
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lianjie.loaders import load
from lianjie.queries import claims, reach, to_networkx
from lianjie.queries.engine import LinkGraph, reach_sets

MARKET = ["SUPPLIES", "MEMBER_OF", "EMPLOYED_BY", "SELLS_THROUGH"]


@st.composite
def random_graphs(draw):
    n_h = draw(st.integers(1, 5))
    n_p = draw(st.integers(1, 4))
    n_c = draw(st.integers(1, 3))
    households = [f"h{i}" for i in range(n_h)]
    producers = [(f"p{i}", draw(st.sampled_from(["Cooperative", "Enterprise"]))) for i in range(n_p)]
    channels = [f"c{i}" for i in range(n_c)]
    links = set()
    for h in households:
        for p, cls in producers:
            if draw(st.booleans()):
                kind = draw(
                    st.sampled_from(["SUPPLIES", "EMPLOYED_BY"] + (["MEMBER_OF"] if cls == "Cooperative" else []))
                )
                links.add((h, p, kind))
        for c in channels:
            if draw(st.integers(0, 4)) == 0:
                links.add((h, c, "SELLS_THROUGH"))
    for p, _ in producers:
        for q, _ in producers:
            if p != q and draw(st.integers(0, 2)) == 0:
                links.add((p, q, "SUPPLIES"))  # producer cycles allowed
        for c in channels:
            if draw(st.integers(0, 2)) == 0:
                links.add((p, c, "SELLS_THROUGH"))
    for c in channels:
        for d in channels:
            if c != d and draw(st.integers(0, 3)) == 0:
                links.add((c, d, "SELLS_THROUGH"))
    for h in households:
        if draw(st.integers(0, 3)) == 0:
            links.add((h, draw(st.sampled_from(channels)), "SUPPLIES"))
    nodes = [[h, "Household", h, draw(st.sampled_from(["true", "false"])), None] for h in households]
    nodes += [[p, cls, p, None, draw(st.integers(0, 9))] for p, cls in producers]
    nodes += [[c, "Channel", c, None, None] for c in channels]
    return nodes, sorted(links)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(graph=random_graphs())
def test_engine_equals_cypher_and_networkx(store, tmp_path_factory, graph):
    nodes, links = graph
    folder = tmp_path_factory.mktemp("g")
    write_csv(folder / "nodes.csv", ["id", "type", "name", "poor", "claimed_households"], nodes)
    write_csv(folder / "links.csv", ["source", "target", "type"], [list(x) for x in links])
    store.reset()
    load(store, [folder])
    engine = {(r["channel"], h) for r in reach(store, with_households=True) for h in r["household_ids"]}

    depth = len(nodes)  # a simple path never needs more hops than there are nodes
    rows = store.cypher(
        f"MATCH (h:Household)-[:{'|'.join(MARKET)}*1..{depth}]->(c:Channel) RETURN DISTINCT c.id AS c, h.id AS h"
    )
    assert engine == {(r["c"], r["h"]) for r in rows}

    g = to_networkx(store, link_types=MARKET)
    expected = {
        (c, h)
        for c in g
        if g.nodes[c]["type"] == "Channel"
        for h in nx.ancestors(g, c)
        if g.nodes[h]["type"] == "Household"
    }
    assert engine == expected

    # Traced, for each claimant: the distinct (poor) households with a market path ending at it.
    households = {n[0] for n in nodes if n[1] == "Household"}
    poor = {n[0] for n in nodes if n[1] == "Household" and n[3] == "true"}
    expected_claims = {
        (n[0], len(nx.ancestors(g, n[0]) & households), len(nx.ancestors(g, n[0]) & poor))
        for n in nodes
        if n[4] is not None
    }
    assert {(c["id"], c["traced"], c["traced_poor"]) for c in claims(store)} == expected_claims


@st.composite
def random_digraphs(draw):
    n = draw(st.integers(1, 40))
    edges = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n))
    targets = draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=n, unique=True))
    rows = draw(st.lists(st.integers(0, n - 1), max_size=n))
    return n, edges, targets, rows


@settings(max_examples=300, deadline=None)
@given(case=random_digraphs())
def test_reach_sets_equal_networkx_descendants(case):
    """Long chains, self-loops, parallel links and nested cycles: entry (i, j) iff a path leads there."""
    n, edges, targets, rows = case
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    nodes = {"Node": pa.table({"row": list(range(n)), "id": [f"n{i}" for i in range(n)]})}
    src = np.array([a for a, _ in edges], dtype=np.int64)
    dst = np.array([b for _, b in edges], dtype=np.int64)
    graph = LinkGraph(["Node"], np.array([0, n]), nodes, src, dst)
    matrix = reach_sets(graph, np.array(targets), np.array(rows, dtype=np.int64)).toarray()
    expected = [[t == r or t in nx.descendants(g, r) for t in targets] for r in rows]
    assert matrix.reshape(len(rows), len(targets)).tolist() == expected
