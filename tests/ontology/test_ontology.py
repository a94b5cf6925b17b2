"""The ontology is complete, consistent with DOMAIN.md, and the one source of the schema."""

import pickle

import pytest
from lianjie.graph.schema import embedded_ddl, neo4j_constraints
from lianjie.ontology import Ontology, Schema, load_ontology, reader
from lianjie.ontology.generate import TERMS_PATH, render_terms
from lianjie.ontology.terms import LJ, Classes, Links
from rdflib import Graph

DOMAIN_CLASSES = {
    "Household": "农户",
    "PartyBranch": "党支部",
    "Cooperative": "合作社",
    "Enterprise": "企业",
    "Base": "基地",
    "ServiceCenter": "电商公共服务中心",
    "ServiceStation": "电商服务站点",
    "AssistingUnit": "帮扶单位",
    "Cadre": "帮扶干部",
    "Channel": "销售渠道",
    "Village": "行政村",
    "Town": "乡镇",
    "County": "县",
    "Product": "农产品",
    "Fund": "基金",
    "Association": "协会",
    "Person": "个人",
    "Brand": "品牌",
    "Model": "模式",
    "Figure": "数字",
}
MARKET = {
    "SUPPLIES": "供货",
    "MEMBER_OF": "入社",
    "EMPLOYED_BY": "务工",
    "LEASES_LAND_TO": "土地流转",
    "HOLDS_SHARES_IN": "入股",
    "SELLS_THROUGH": "销售",
}
SUPPORT = {
    "LEADS": "领办",
    "PAIRS_WITH": "结对帮扶",
    "TRAINS": "培训",
    "SERVES": "服务",
    "DONATES_TO": "捐赠",
    "FUNDS": "资助",
    "LOCATED_IN": "位于",
    "PRODUCES": "生产",
    "JOINS": "加入",
    "DESCRIBES": "描述",
    "APPLIES": "采用",
    "CLAIMS": "声称带动",
}


def test_it_parses_as_turtle():
    from importlib import resources

    text = resources.files("lianjie.ontology").joinpath("lianjie.ttl").read_text(encoding="utf-8")
    assert len(Graph().parse(data=text, format="turtle")) > 500


def test_classes_and_links_of_the_domain(onto):
    assert {n: c.label_zh for n, c in onto.classes.items()} == DOMAIN_CLASSES
    assert {n: t.label_zh for n, t in onto.link_types.items() if t.family == "market"} == MARKET
    assert {n: t.label_zh for n, t in onto.link_types.items() if t.family == "support"} == SUPPORT


@pytest.mark.parametrize(
    "alias, cls",
    [
        ("建档立卡户", "Household"),
        ("户", "Household"),
        ("农民专业合作社", "Cooperative"),
        ("龙头企业", "Enterprise"),
        ("溯源基地", "Base"),
        ("服务站", "ServiceStation"),
        ("后盾单位", "AssistingUnit"),
        ("第一书记", "Cadre"),
        ("渠道", "Channel"),
        ("村", "Village"),
        ("街道", "Town"),
        ("县区", "County"),
        ("扶贫基金", "Fund"),
        ("电商协会", "Association"),
        ("网红", "Person"),
        ("household", "Household"),
        ("ServiceCenter", "ServiceCenter"),
    ],
)
def test_class_aliases(onto, alias, cls):
    assert onto.resolve_class(alias) == cls


@pytest.mark.parametrize(
    "alias, link, mechanism",
    [
        ("订单收购", "SUPPLIES", "order_purchase"),
        ("保底收购", "SUPPLIES", "guaranteed_price_purchase"),
        ("代销", "SUPPLIES", "consignment"),
        ("就业", "EMPLOYED_BY", "wage_employment"),
        ("流转", "LEASES_LAND_TO", "land_rent"),
        ("入股分红", "HOLDS_SHARES_IN", "equity_dividend"),
        ("结对帮扶", "PAIRS_WITH", "pairing"),
        ("sells through", "SELLS_THROUGH", None),
    ],
)
def test_link_aliases_and_implied_mechanisms(onto, alias, link, mechanism):
    assert onto.resolve_link_type(alias) == link
    assert onto.implied_mechanism(alias) == mechanism


def test_codelists_of_the_domain(onto):
    assert len(onto.codelists["Mechanism"].concepts) == 13
    assert len(onto.codelists["PovertyCause"].concepts) == 13
    assert set(onto.codelists["HouseholdStatus"].codes) == {"poor", "lifted", "monitored", "general"}
    assert onto.resolve_code("ChannelKind", "供销e家") == "online_platform"
    assert onto.resolve_code("PovertyCause", "因病") == "illness"


def test_every_link_type_has_a_domain_and_range_of_concrete_classes(onto):
    for lt in onto.link_types.values():
        assert lt.domain and lt.range, lt.name
        assert lt.domain <= set(onto.classes) and lt.range <= set(onto.classes)
    assert onto.link_types["SELLS_THROUGH"].range == {"Channel"}
    assert onto.link_types["MEMBER_OF"].range == {"Cooperative"}


def test_chinese_headers_of_the_data_format(onto):
    nodes = {h: onto.node_columns[h].column for h in ["编号", "类型", "名称", "是否贫困户", "所在村", "声称带动户数"]}
    assert nodes == {
        "编号": "id",
        "类型": "type",
        "名称": "name",
        "是否贫困户": "poor",
        "所在村": "village",
        "声称带动户数": "claimed_households",
    }
    links = {
        h: onto.link_columns[h].column
        for h in ["来源", "目标", "联结类型", "联结方式", "金额", "数量", "单位", "开始", "结束", "出处", "原文"]
    }
    assert list(links.values()) == [
        "source",
        "target",
        "type",
        "mechanism",
        "amount",
        "quantity",
        "unit",
        "start",
        "end",
        "source_doc",
        "quote",
    ]


def test_personal_identifiers_are_flagged(onto):
    assert {p.name for p in onto.properties.values() if p.personal} == {"id_number", "phone", "bank_account"}
    assert onto.classes["Household"].personal_name


def test_generated_terms_are_current():
    assert TERMS_PATH.read_text(encoding="utf-8") == render_terms(load_ontology()), (
        "terms.py is stale: run python -m lianjie.ontology.generate"
    )


def test_misspelt_terms_fail_loudly():
    assert str(LJ.Household).endswith("#Household")
    with pytest.raises(AttributeError):
        LJ.Houshold  # noqa: B018
    with pytest.raises(AttributeError):
        Classes.Houshold  # noqa: B018
    assert Links.SUPPLIES == "SUPPLIES"


def test_schema_is_derived_from_the_ontology(onto):
    ddl = "\n".join(embedded_ddl(onto))
    for cls in onto.classes:
        assert f"CREATE NODE TABLE IF NOT EXISTS {cls}(" in ddl
    for lt in onto.link_types.values():
        assert f"CREATE REL TABLE IF NOT EXISTS {lt.name}(" in ddl
    assert "FROM Household TO Channel" in ddl  # SUPPLIES and SELLS_THROUGH allow it
    constraints = "\n".join(neo4j_constraints(onto))
    assert all(f"FOR (n:{cls}) REQUIRE n.id IS UNIQUE" in constraints for cls in onto.classes)


def test_an_edited_ontology_changes_the_schema(tmp_path):
    from importlib import resources

    text = resources.files("lianjie.ontology").joinpath("lianjie.ttl").read_text(encoding="utf-8")
    text += (
        '\nlj:income a owl:DatatypeProperty ; rdfs:label "income"@en , "年收入"@zh ;\n'
        "    schema:domainIncludes lj:Household ; rdfs:range xsd:double .\n"
    )
    path = tmp_path / "edited.ttl"
    path.write_text(text, encoding="utf-8")
    edited = load_ontology(path)
    assert edited.node_columns["年收入"].name == "income"
    assert "`income` DOUBLE" in "\n".join(embedded_ddl(edited))
    assert edited.fingerprint != load_ontology().fingerprint


def test_schema_doc_is_current(onto):
    from pathlib import Path

    from lianjie.ontology.describe import describe_markdown

    doc = Path(__file__).resolve().parents[2] / "docs" / "schema.md"
    assert doc.read_text(encoding="utf-8") == describe_markdown(onto), (
        "docs/schema.md is stale: lianjie schema > docs/schema.md"
    )


def test_a_snapshot_gives_the_schema_the_turtle_gives(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    turtle = load_ontology().turtle
    read = reader._from_snapshot(turtle, "lianjie.ttl")  # no snapshot yet: read, and one kept
    assert reader.snapshot_path(turtle).exists()
    again = reader._from_snapshot(turtle, "lianjie.ttl")
    assert again.schema == read.schema == Ontology(turtle).schema
    assert again.fingerprint == read.fingerprint


def test_a_changed_ontology_is_never_answered_by_an_old_snapshot(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    turtle = load_ontology().turtle
    reader._from_snapshot(turtle, "lianjie.ttl")
    grown = turtle + '\nlj:Warehouse a owl:Class ; rdfs:subClassOf lj:Organisation ; rdfs:label "warehouse"@en .\n'
    assert reader.snapshot_path(grown) != reader.snapshot_path(turtle)
    assert "Warehouse" in reader._from_snapshot(grown, "grown.ttl").classes


def test_a_damaged_or_unwritable_snapshot_folder_only_costs_time(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    turtle = load_ontology().turtle
    path = reader.snapshot_path(turtle)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a snapshot")
    assert reader._from_snapshot(turtle, "lianjie.ttl").schema == Ontology(turtle).schema
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    (tmp_path / "file").write_text("a file where the cache folder would be")
    assert reader._from_snapshot(turtle, "lianjie.ttl").schema == Ontology(turtle).schema


def test_a_snapshot_others_could_have_written_is_not_read(tmp_path, monkeypatch):
    """Unpickling runs code: a snapshot in a folder other users may write to is ignored."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    turtle = load_ontology().turtle
    reader._from_snapshot(turtle, "lianjie.ttl")
    path = reader.snapshot_path(turtle)
    path.write_bytes(pickle.dumps(Schema(iri="planted", version="0")))
    assert reader._from_snapshot(turtle, "lianjie.ttl").schema.iri == "planted"  # the user's own folder
    path.parent.chmod(0o777)
    assert reader._from_snapshot(turtle, "lianjie.ttl").schema == Ontology(turtle).schema


def test_no_home_folder_only_costs_time(monkeypatch):
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def nowhere():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(reader.Path, "home", staticmethod(nowhere))
    turtle = load_ontology().turtle
    assert reader._from_snapshot(turtle, "lianjie.ttl").schema == Ontology(turtle).schema


def test_the_snapshot_is_renewed_when_the_reading_code_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    turtle = load_ontology().turtle
    before = reader.snapshot_path(turtle)
    monkeypatch.setattr("lianjie.__version__", "9.9.9")
    assert reader.snapshot_path(turtle) != before
