"""Cypher in the researcher's terms: Chinese labels, code labels, portable functions, columns as written."""

import pytest
from lianjie.base.errors import LianjieError
from lianjie.loaders import load
from lianjie.queries.researcher import rewrite, run_cypher
from toy_graphs import LINK_HEADER, NODE_HEADER, TOY_LINKS, TOY_NODES


@pytest.fixture
def toy(store, dataset_dir):
    load(store, [dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER)])
    return store


def test_chinese_labels_and_a_mechanism_by_its_chinese_label(toy):
    query = "MATCH (h:农户)-[r:供货]->(c:合作社) WHERE r.mechanism = '订单收购' RETURN h.id, count(r)"
    # h1 supplies c1 twice under order purchase (1000 and 2500 yuan)
    assert run_cypher(toy, query) == [{"h.id": "h1", "count(r)": 2}]


def test_written_as_stored_the_label_of_a_code_finds_nothing_raw(toy):
    query = "MATCH (h:Household)-[r:SUPPLIES]->(c) WHERE r.mechanism = '订单收购' RETURN h.id"
    assert run_cypher(toy, query, raw=True) == []
    assert run_cypher(toy, query) == [{"h.id": "h1"}, {"h.id": "h1"}]


def test_columns_are_named_as_written_and_order_by_still_works(toy):
    rows = run_cypher(toy, "MATCH (h:农户) RETURN count(h)")
    assert rows == [{"count(h)": 6}]
    rows = run_cypher(
        toy, "MATCH (h:农户)-[:供货|入社|务工]->(o) RETURN o.名称, count(h) ORDER BY count(h) DESC, o.名称"
    )
    # c1: h1 twice (two supply links) and h2; e1: h3 and h4; ch2: h6
    assert rows == [
        {"o.名称": "合作社一", "count(h)": 3},
        {"o.名称": "企业一", "count(h)": 2},
        {"o.名称": "超市", "count(h)": 1},
    ]


def test_type_label_and_labels_are_portable(toy):
    rows = run_cypher(toy, "MATCH (k:帮扶干部)-[r]->(h) RETURN type(r), label(r), labels(h), label(h)")
    assert rows == [
        {"type(r)": "PAIRS_WITH", "label(r)": "PAIRS_WITH", "labels(h)": ["Household"], "label(h)": "Household"}
    ]


def test_a_link_type_compared_by_its_chinese_label(toy):
    assert run_cypher(toy, "MATCH (a)-[r]->(b) WHERE type(r) = '务工' RETURN a.id") == [{"a.id": "h3"}]


def test_a_parameter_given_as_a_label(toy):
    rows = run_cypher(toy, "MATCH (a)-[r:供货]->(b) WHERE r.联结方式 = $m RETURN a.id, r.金额", {"m": "现金收购"})
    assert rows == [{"a.id": "h4", "r.金额": 300.0}]


def test_chinese_property_keys_in_a_map(toy):
    assert run_cypher(toy, "MATCH (c:合作社 {编号: 'c1'}) RETURN c.名称") == [{"c.名称": "合作社一"}]


def test_an_unknown_chinese_label_is_refused_naming_the_labels_there_are(toy):
    with pytest.raises(LianjieError, match="no class called '贫困家庭'.*Household \\(农户\\)"):
        run_cypher(toy, "MATCH (h:贫困家庭) RETURN h")


def test_village_read_as_a_property_says_how_to_read_it(toy):
    with pytest.raises(LianjieError, match="LOCATED_IN"):
        run_cypher(toy, "MATCH (h:农户) RETURN h.所在村")
    rows = run_cypher(toy, "MATCH (h:农户)-[:位于]->(v:行政村) RETURN h.id, v.id")
    assert rows == [{"h.id": "h5", "v.id": "v1"}]


def test_strings_that_are_not_compared_with_codes_are_left_alone(onto):
    text = "MATCH (h:农户) WHERE h.名称 = '订单收购' RETURN '供货' AS word"
    assert rewrite(text, onto, "neo4j").text == "MATCH (h:Household) WHERE h.name = '订单收购' RETURN '供货' AS word"


def test_comments_and_backticks_are_kept(onto):
    text = "// 农户\nMATCH (h:`农户`) RETURN h.`名称` AS `名`"
    assert rewrite(text, onto, "embedded").text == "// 农户\nMATCH (h:Household) RETURN h.name AS `名`"
