"""Hostile and broken input, table-driven, on both stores: each file either loads exactly what it
says, or is refused in one clear line naming the file (and line and column where there is one),
and the store keeps exactly what it held."""

from __future__ import annotations

import codecs
import csv
import io
import json
import random
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hardening_support import contents
from lianjie.cli import main
from lianjie.graph import open_store
from lianjie.loaders import load
from lianjie.loaders.readings import normalise_id
from toy_graphs import LINK_HEADER, NODE_HEADER, TOY_LINKS, TOY_NODES

ZH_NODES = "编号,类型,名称,是否贫困户\nq1,农户,张三,是\nq2,销售渠道,县长直播,\n"
ZH_LINKS = "来源,目标,联结类型\nq1,q2,销售\n"
#: Ids that are legal but awkward: each must come back as given (spaces around an id are trimmed, full-width folded).
ODD_IDS = ['h"quote', "h\\back\\slash", "h🙂emoji", "ｈ全角１", "h'single", "h) DETACH DELETE (x"]


def _folder(root: Path, nodes: bytes | None = None, links: bytes | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    if nodes is not None:
        (root / "nodes.csv").write_bytes(nodes)
    if links is not None:
        (root / "links.csv").write_bytes(links)
    return root


def _file(root: Path, name: str, data: bytes) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / name).write_bytes(data)
    return root / name


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _zip_bomb(path: Path) -> Path:
    """A workbook whose sheet unpacks to 96 MB of blanks from well under a megabyte."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b" " * (1 << 20)
            for _ in range(96):
                member.write(block)
    return path


def _corrupt_xlsx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    return path


GARBAGE = random.Random(11).randbytes(4096)

# name -> (how to make the input under a folder, None when it loads / a regex its one error line matches)
CASES = {
    "GBK": (lambda d: _folder(d, ZH_NODES.encode("gbk"), ZH_LINKS.encode("gbk")), None),
    "GB18030": (lambda d: _folder(d, ZH_NODES.encode("gb18030"), ZH_LINKS.encode("gb18030")), None),
    "UTF-16 with BOM": (lambda d: _folder(d, ZH_NODES.encode("utf-16"), ZH_LINKS.encode("utf-16")), None),
    "UTF-16LE without BOM": (lambda d: _folder(d, ZH_NODES.encode("utf-16-le"), ZH_LINKS.encode("utf-16-le")), None),
    "UTF-16BE without BOM": (lambda d: _folder(d, ZH_NODES.encode("utf-16-be"), ZH_LINKS.encode("utf-16-be")), None),
    "UTF-8 with BOM": (lambda d: _folder(d, codecs.BOM_UTF8 + ZH_NODES.encode(), ZH_LINKS.encode()), None),
    "CRLF": (
        lambda d: _folder(d, ZH_NODES.replace("\n", "\r\n").encode(), ZH_LINKS.replace("\n", "\r\n").encode()),
        None,
    ),
    "CR": (lambda d: _folder(d, ZH_NODES.replace("\n", "\r").encode(), ZH_LINKS.replace("\n", "\r").encode()), None),
    "Latin-1": (
        lambda d: _folder(d, "id,type,name\nq1,Household,Café Müller\nq2,Channel,Crème\n".encode("latin-1")),
        r"nodes\.csv, line 2, column 17: byte 0xE9 is neither UTF-8 nor GB18030 text",
    ),
    "Big5": (
        lambda d: _folder(d, "編號,類型,名稱\nq1,農戶,張三\n".encode("big5")),
        r"nodes\.csv, line 1: no id column; expected a header such as",
    ),
    "empty file": (lambda d: _folder(d, b""), r"nodes\.csv: the file is empty; expected a header line"),
    "header only": (lambda d: _folder(d, b"id,type,name\n", b"source,target,type\n"), r"no rows to load"),
    "binary garbage as .csv": (lambda d: _file(d, "table.csv", GARBAGE), r"table\.csv: not a text table"),
    "binary garbage as .xlsx": (lambda d: _file(d, "book.xlsx", GARBAGE), r"book\.xlsx: cannot open the workbook"),
    "corrupt .xlsx": (lambda d: _corrupt_xlsx(d / "book.xlsx") if d.mkdir() is None else None, r"book\.xlsx: "),
    "xlsx zip bomb": (
        lambda d: _zip_bomb(d / "bomb.xlsx") if d.mkdir() is None else None,
        r"bomb\.xlsx: xl/worksheets/sheet1\.xml would unpack to 96 MB",
    ),
    "NUL byte in a CSV": (lambda d: _folder(d, b"id,type\nq\x001,Household\n"), r"nodes\.csv: not a text table"),
    "10 MB cell": (
        lambda d: _folder(d, ("id,type,name\nq1,Channel," + "长" * (10 << 20 // 3) + "\nq2,Channel,x\n").encode()),
        None,
    ),
    "10,000 columns": (
        lambda d: _folder(
            d,
            _csv(
                [
                    ["id", "type", *(f"c{i}" for i in range(10_000))],
                    ["q1", "Channel", *("v",) * 10_000],
                    ["q2", "Channel"],
                ]
            ),
        ),
        None,
    ),
    "a line break in an id": (
        lambda d: _folder(d, _csv([["id", "type"], ["q\n1", "Channel"], ["q2", "Channel"]])),
        r"nodes\.csv, line 2, column 1 \(id\): the id 'q\\n1' holds a control character",
    ),
    "NUL in a JSON id": (
        lambda d: _file(d, "x.json", json.dumps({"nodes": [{"id": "q\u00001", "type": "Channel"}]}).encode()),
        r"x\.json, line \d+, column \"id\": the id 'q\\x001' holds a control character",
    ),
    "quotes, backslashes, emoji, full-width and Cypher in ids": (
        lambda d: _folder(
            d,
            _csv([["id", "type"], *([i, "Channel"] for i in ODD_IDS), ["  q-spaced  ", "Household"]]),
            _csv([["source", "target", "type"], *(["q-spaced", i, "SELLS_THROUGH"] for i in ODD_IDS)]),
        ),
        None,
    ),
    "JSON nested 100,000 deep": (
        lambda d: _file(d, "deep.json", ('{"nodes": ' + "[" * 100_000 + "]" * 100_000 + "}").encode()),
        r"deep\.json: the JSON is nested too deeply",
    ),
    "JSON with NaN": (
        lambda d: _file(d, "nan.json", b'{"nodes": [\n {"id": "q1", "type": "Channel",\n  "name": NaN}]}'),
        r"nan\.json, line 3, column 11: NaN is not a value",
    ),
    "JSON that is not an object": (
        lambda d: _file(d, "list.json", b"[1, 2, 3]"),
        r"list\.json, line 1: expected an object",
    ),
    "JSON record that is not an object": (
        lambda d: _file(d, "rec.json", b'{"nodes": [\n  "q1"\n]}'),
        r"rec\.json, line 2: nodes\[0\] must be an object",
    ),
}


@pytest.fixture
def holding(store_location, dataset_dir):
    """A store that already holds the toy graph: a refused load must leave it exactly so."""
    with open_store(store_location) as s:
        load(s, [dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER, name="toy")])
    return store_location


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_input(case, holding, tmp_path, dataset_dir):
    make, refused = CASES[case]
    target = make(tmp_path / "input")
    target = target if target is not None else next((tmp_path / "input").iterdir())
    before = contents(holding)
    result = CliRunner().invoke(main, ["load", str(target), "--store", holding])
    assert "Traceback" not in result.output and not isinstance(result.exception, (RecursionError, MemoryError))
    if refused is not None:
        assert result.exit_code == 1, result.output
        errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
        assert len(errors) == 1
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert any(re.search(refused, line) for line in lines), result.output
        assert all(len(line) < 600 for line in lines)
        assert contents(holding) == before
        return
    assert result.exit_code == 0, result.output
    reference = str(tmp_path / "reference.db")
    with open_store(reference) as s:
        load(s, [dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER, name="toy")])
        if case.startswith(("GB", "UTF", "CR")):
            load(s, [_folder(tmp_path / "canonical", ZH_NODES.encode(), ZH_LINKS.encode())])
        else:
            load(s, [target])  # the same bytes into the embedded store: the stores must agree
    assert contents(holding) == contents(reference)
    if case.startswith("quotes"):
        with open_store(holding, read_only=True) as s:
            # full-width letters and digits are folded (ｈ全角１ is h全角1: one id however it is typed)
            stored = [normalise_id(i) for i in ODD_IDS]
            assert "h全角1" in stored
            rows = s.cypher("MATCH (n:Channel) WHERE n.id IN $ids RETURN n.id AS id", {"ids": stored})
            assert sorted(r["id"] for r in rows) == sorted(stored)
            assert s.cypher("MATCH (n:Household {id: 'q-spaced'}) RETURN count(n) AS n") == [{"n": 1}]
