"""The integer graph the engine reads names the same nodes and links as the store's own ids."""

import datetime as dt

import numpy as np
from lianjie.loaders import load
from lianjie.queries.engine import link_graph, reach_sets
from toy_graphs import LINK_HEADER, NODE_HEADER, TOY_LINKS, TOY_NODES


def _toy(store, dataset_dir):
    load(store, [dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER)])
    return link_graph(store, node_columns={"Household": ["poor"]})


def test_integer_ends_name_the_stored_links(store, dataset_dir):
    graph = _toy(store, dataset_dir)
    types = graph.link_table.column("type").cast("string").to_pylist()
    assert sorted(zip(graph.ids[graph.src], graph.ids[graph.dst], types)) == sorted(
        [(s, t, kind) for s, t, kind, *_ in TOY_LINKS if kind not in ("PAIRS_WITH", "LOCATED_IN")]
    )
    assert {graph.classes[i] for i in graph.of_class("Household")} == {"Household"}
    assert sorted(graph.ids[graph.of_class("Household")]) == ["h1", "h2", "h3", "h4", "h5", "h6"]


def test_reach_sets_of_the_toy_graph(store, dataset_dir):
    graph = _toy(store, dataset_dir)
    households = graph.index_of(["h1", "h2", "h3", "h4", "h5", "h6"])
    channels = graph.index_of(["ch1", "ch2"])
    matrix = reach_sets(graph, channels, households).toarray().tolist()
    # h1, h2 via c1 (and c1 <-> e1); h3, h4 via e1; h5 only paired; h6 supplies ch2 directly
    assert matrix == [[True, True]] * 4 + [[False, False], [False, True]]


def test_dates_and_mechanisms_narrow_the_links(store, dataset_dir):
    _toy(store, dataset_dir)
    later = link_graph(store, as_of=dt.date(2021, 1, 1))
    assert ("h6", "ch2") not in set(zip(later.ids[later.src], later.ids[later.dst]))
    wages = link_graph(store, mechanisms=["wage_employment"])
    from_households = {s for s in wages.ids[wages.src] if s.startswith("h")}
    assert from_households == {"h3"}
    assert len(np.flatnonzero(wages.classes[wages.src] != "Household")) == 4  # c1->ch1, c1->e1, e1->c1, e1->ch2


def test_links_to_nodes_stored_after_the_nodes_were_read_wait_for_the_next_read(store, dataset_dir, monkeypatch):
    """A load may commit between the read of the nodes and of the links (Neo4j serves both at once)."""
    _toy(store, dataset_dir)
    read_links = store.link_rows

    def load_then_read(*args, **kwargs):
        links, header = [["h7", "ch1", "SELLS_THROUGH"]], ["source", "target", "type"]
        later = dataset_dir([["h7", "Household", "户7", "true", None]], links, link_header=header, name="later")
        load(store, [later])
        return read_links(*args, **kwargs)

    monkeypatch.setattr(store, "link_rows", load_then_read)
    graph = link_graph(store)
    assert "h7" not in set(graph.ids[graph.src])
    assert len(graph.src) == 10  # the toy's market links, as read before
    monkeypatch.undo()
    again = link_graph(store)
    assert ("h7", "ch1") in set(zip(again.ids[again.src], again.ids[again.dst]))
