"""Stores, export formats, readers and dialects plug in through their registries, and only there."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import write_csv
from lianjie.base.errors import LianjieError, StoreError
from lianjie.cli import main
from lianjie.graph import open_store
from lianjie.graph.dialects import DIALECTS, Dialect, register_dialect
from lianjie.graph.embedded import EmbeddedStore
from lianjie.graph.registry import STORES, register_store, store_kind_for
from lianjie.graph.writers import WRITERS, register_writer
from lianjie.loaders import load
from lianjie.loaders.readers import READERS, register_reader
from lianjie.loaders.tables import NODES, read_csv
from lianjie.queries.named import named_queries


class ToyStore(EmbeddedStore):
    """An embedded file reached as ``toy://PATH``."""

    kind = "toy"

    def __init__(self, location, onto, read_only=False):
        super().__init__(location.split("://", 1)[1], onto, read_only=read_only)


@pytest.fixture
def toy_scheme():
    register_store("toy", ToyStore, schemes=["toy"])
    yield
    STORES.unregister("toy")


def test_a_registered_scheme_opens_its_store(toy_scheme, tmp_path):
    with open_store(f"toy://{tmp_path / 'a.db'}") as store:
        assert type(store) is ToyStore
        assert store.counts() == {}
    assert (tmp_path / "a.db").exists()


def test_a_scheme_nobody_registered_is_refused_by_name(tmp_path):
    with pytest.raises(StoreError, match=r"no store opens toy:// locations; .* bolt://"):
        open_store(f"toy://{tmp_path / 'a.db'}")


def test_paths_and_uris_go_to_their_stores():
    assert store_kind_for("lianjie.db").name == "embedded"
    assert store_kind_for("C:\\data\\lianjie.db").name == "embedded"
    assert store_kind_for("neo4j+s://example.org").name == "neo4j"
    assert store_kind_for("BOLT://127.0.0.1:7687").name == "neo4j"


def test_a_registered_writer_is_an_export_format(tmp_path, dataset_dir):
    seen = {}

    def write_counts(store, out):
        seen.update(store.counts())
        out.write_text(repr(sorted(store.counts().items())), "utf-8")
        return [f"counted into {out}"]

    register_writer("counts", write_counts, help="node and link counts")
    try:
        folder = dataset_dir(nodes=[["h1", "农户", "户一", "是", ""], ["c1", "销售渠道", "渠道", "", ""]])
        db = str(tmp_path / "s.db")
        assert CliRunner().invoke(main, ["load", str(folder), "--store", db]).exit_code == 0
        result = CliRunner().invoke(main, ["export", "--format", "counts", str(tmp_path / "c.txt"), "--store", db])
        assert result.exit_code == 0, result.output
        assert result.output == f"counted into {tmp_path / 'c.txt'}\n"
        assert seen == {"Household": 1, "Channel": 1}
    finally:
        WRITERS.unregister("counts")
    result = CliRunner().invoke(main, ["export", "--format", "counts", str(tmp_path / "c.txt"), "--store", db])
    assert result.exit_code == 2 and "'counts' is not one of" in result.output


def test_a_registered_reader_reads_its_suffix(tmp_path, store):
    def read(path, onto):
        return [read_csv(path, NODES, onto)]

    toy = write_csv(tmp_path / "people.toy", ["编号", "类型", "名称"], [["h1", "农户", "户一"], ["h2", "农户", "户二"]])
    with pytest.raises(LianjieError, match="unsupported file type .toy"):
        load(store, [toy])
    register_reader([".toy"], read)
    try:
        report = load(store, [toy])
    finally:
        READERS.unregister(".toy")
    assert (report.nodes_read, store.counts()) == (2, {"Household": 2})


def test_named_queries_need_a_variant_for_every_registered_dialect():
    split = [q for q in named_queries().values() if "" not in q.texts]
    assert split, "some named query has per-dialect variants"
    register_dialect(Dialect("toy"))
    try:
        with pytest.raises(LianjieError, match=f"query {split[0].name} has no variant for toy"):
            named_queries()
    finally:
        DIALECTS.unregister("toy")
    assert named_queries().keys()
