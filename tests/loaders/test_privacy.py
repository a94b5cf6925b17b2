"""Direct personal identifiers never reach the store in the clear."""

import hashlib
from pathlib import Path

import pytest
from conftest import TEST_KEY, write_csv
from lianjie.graph import open_store
from lianjie.loaders import load
from lianjie.loaders.privacy import Pseudonymiser, is_id_number
from lianjie.ontology import load_ontology
from lianjie.queries import paths

ID_NUMBER = "11010519491231002X"  # the check digit of this published sample number is valid
PHONE = "13912345678"
BANK = "6222020200112233445"
NAME = "张小明"


def _dataset(tmp_path):
    nodes = write_csv(
        tmp_path / "n.csv",
        ["编号", "类型", "名称", "是否贫困户", "身份证号", "联系电话", "银行卡号"],
        [
            [ID_NUMBER, "农户", NAME, "是", ID_NUMBER, PHONE, BANK],
            ["ch", "销售渠道", "县长直播", None, None, None, None],
        ],
    )
    links = write_csv(tmp_path / "l.csv", ["来源", "目标", "联结类型"], [[ID_NUMBER, "ch", "销售"]])
    return [nodes, links]


def test_check_digit():
    assert is_id_number(ID_NUMBER)
    assert not is_id_number("110105194912310021")


#: In the loader's own process, and in helper processes (which a big dataset gets).
HELPER_FROM = pytest.mark.parametrize("helper_from", [200_000, 1], ids=["in-process", "helpers"])


@HELPER_FROM
def test_identifiers_are_replaced_by_keyed_hashes(store, tmp_path, pseudonym, helper_from):
    load(store, _dataset(tmp_path), Pseudonymiser(TEST_KEY, helper_from=helper_from))
    row = store.nodes("Household", ["name", "id_number", "phone", "bank_account"]).iloc[0]
    assert row["id"] == pseudonym(ID_NUMBER)
    assert row["id_number"] == pseudonym(ID_NUMBER)
    assert row["phone"] == pseudonym(PHONE)
    assert row["bank_account"] == pseudonym(BANK)
    assert row["name"] == pseudonym(NAME)
    # the link followed the pseudonymised id
    link = store.links(["SELLS_THROUGH"]).iloc[0]
    assert link["source"] == pseudonym(ID_NUMBER)
    # a plain (unkeyed) hash is not what is stored
    assert row["id_number"] != hashlib.sha256(ID_NUMBER.encode()).hexdigest()[:20]


def _secrets_found(store) -> list[str]:
    """Which of the dataset's identifiers a store holds in the clear: in its files, or anywhere a server returns."""
    if store.kind == "embedded":
        location = store.describe()
        store.close()
        data = b"".join(p.read_bytes() for p in Path(location).parent.glob(Path(location).name + "*"))
        return [s for s in (ID_NUMBER, PHONE, BANK, NAME) if s.encode("utf-8") in data]
    rows = store.cypher("MATCH (n) RETURN n") + store.cypher("MATCH ()-[e]->() RETURN e")
    text = str(rows)
    return [s for s in (ID_NUMBER, PHONE, BANK, NAME) if s in text]


@HELPER_FROM
def test_no_identifier_is_anywhere_in_the_database_files(store, tmp_path, helper_from):
    load(store, _dataset(tmp_path), Pseudonymiser(TEST_KEY, helper_from=helper_from))
    assert _secrets_found(store) == []


def test_the_search_for_identifiers_finds_one_in_the_clear(store, tmp_path):
    """The check above has teeth on every store: a name written in the clear is found."""
    load(store, _dataset(tmp_path))
    store.cypher("MATCH (n:Channel) SET n.name = $name", {"name": NAME}, write=True)
    assert _secrets_found(store) == [NAME]


def test_paths_accept_the_raw_id_number(store, tmp_path):
    load(store, _dataset(tmp_path))
    result = paths(store, ID_NUMBER)
    assert [item["channel"] for item in result] == ["ch"]


def test_a_different_key_gives_different_pseudonyms():
    assert Pseudonymiser(b"a")(ID_NUMBER) != Pseudonymiser(b"b")(ID_NUMBER)
    assert Pseudonymiser(b"a")(ID_NUMBER) == Pseudonymiser(b"a")(ID_NUMBER)


def test_a_personal_value_carried_onto_a_village_link_is_pseudonymised_too(tmp_path, onto, pseudonym):
    """An ontology may let a personal property sit on links; the village column's links carry it hashed."""
    grown = tmp_path / "grown.ttl"
    grown.write_text(
        onto.turtle + "\nlj:contact a owl:DatatypeProperty ;\n"
        '    rdfs:label "contact"@en , "联系人"@zh ;\n'
        "    schema:domainIncludes lj:Household , lj:Link ; rdfs:range xsd:string ; lj:personal true .\n",
        encoding="utf-8",
    )
    nodes = write_csv(
        tmp_path / "n.csv",
        ["id", "type", "name", "village", "contact"],
        [["v1", "Village", "一村", None, None], ["h1", "Household", NAME, "v1", PHONE]],
    )
    with open_store(tmp_path / "s.db", onto=load_ontology(grown)) as store:
        load(store, [nodes], Pseudonymiser(TEST_KEY))
        assert list(store.nodes("Household", ["contact"])["contact"]) == [pseudonym(PHONE)]
        assert list(store.links(["LOCATED_IN"], ["contact"])["contact"]) == [pseudonym(PHONE)]
