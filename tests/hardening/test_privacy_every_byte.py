"""Names, ID numbers, phones and bank accounts never appear in the clear in any byte lianjie writes:
store files, exports, pages, reports, JSON, messages; on Neo4j, in anything sent to the server.
A positive control shows the search finds a planted clear value in each place it looks."""

from __future__ import annotations

import json
import random
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lianjie.cli import main
from neo4j import Session
from neo4j._sync.work.transaction import TransactionBase

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _secrets() -> dict[str, str]:
    """Fresh values for every run, so nothing an earlier run left can be mistaken for a leak."""
    rng = random.Random()
    first17 = (
        f"450721{rng.randint(1960, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    )
    check = "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]
    given = "".join(rng.choice("秀英桂兰志强建华淑珍德明玉梅") for _ in range(2))
    return {
        "name": "覃" + given,
        "id_number": first17 + check,
        "phone": f"139{rng.randint(0, 99_999_999):08d}",
        "bank": f"6222{rng.randint(0, 10**15 - 1):015d}",
        "member": "韦" + given,
    }


def _unstored(id_number: str) -> str:
    """An id number one digit away from a stored one: the last digit changed, never kept."""
    return id_number[:-1] + ("1" if id_number[-1] == "0" else "0")


def _forms(value: str) -> list[bytes]:
    """How a value may sit in a file: UTF-8, UTF-16, JSON's ASCII escapes."""
    return [value.encode(), value.encode("utf-16-le"), json.dumps(value)[1:-1].encode()]


def _blobs(path: Path):
    data = path.read_bytes()
    yield str(path), data
    if zipfile.is_zipfile(path):  # .xlsx and friends are zip archives: look inside
        with zipfile.ZipFile(path) as z:
            for member in z.namelist():
                yield f"{path}!{member}", z.read(member)


def find_clear(secrets: dict[str, str], texts: dict[str, str], folders: list[Path]) -> list[str]:
    """Every place (output, file, archive member) holding any secret in any of its forms."""
    hits = []
    blobs = [(name, text.encode()) for name, text in texts.items()]
    for folder in folders:
        files = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*") if p.is_file())
        for path in files:
            blobs += list(_blobs(path))
    for where, data in blobs:
        for kind, value in secrets.items():
            if any(form in data for form in _forms(value)):
                hits.append(f"{kind} in {where}")
    return hits


def _dataset(folder: Path, s: dict[str, str], broken: bool = False) -> Path:
    folder.mkdir(parents=True)
    poor = "也许" if broken else "是"
    rows = [
        "编号,类型,名称,是否贫困户,身份证号,联系电话,银行卡号,备注,所在村",
        f"{s['id_number']},农户,{s['name']},{poor},{s['id_number']},{s['phone']},{s['bank']},外出务工,v1",
        f"{s['phone']},农户,{s['member']},是,,,,,v1",
        "v1,行政村,平王村,,,,,,",
        "c1,合作社,荔枝合作社,,,,,,v1",
        "ch,销售渠道,县长直播,,,,,,",
    ]
    links = [
        "来源,目标,联结类型,联结方式,金额",
        f"{s['id_number']},c1,供货,订单收购,1200",
        f"{s['phone']},c1,入社,,",
        "c1,ch,销售,,",
    ]
    if broken:
        links.append(f"{s['id_number']},nowhere,供货,,")
        other = _unstored(s["id_number"])
        rows.append(f"x{other},农户,{s['name']},是,{other},{s['phone']}0,,,v1")
    (folder / "nodes.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "links.csv").write_text("\n".join(links) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def sent(monkeypatch):
    """Every query and parameter lianjie sends a Neo4j server, as text."""
    texts: list[str] = []
    run, tx_run = Session.run, TransactionBase.run

    def record(query, parameters, kwargs):
        texts.append(str(query) + json.dumps([parameters, kwargs], ensure_ascii=False, default=str))

    def spy(self, query, parameters=None, **kwargs):
        record(query, parameters, kwargs)
        return run(self, query, parameters, **kwargs)

    def tx_spy(self, query, parameters=None, **kwargs):
        record(query, parameters, kwargs)
        return tx_run(self, query, parameters, **kwargs)

    monkeypatch.setattr(Session, "run", spy)
    monkeypatch.setattr(TransactionBase, "run", tx_spy)
    return texts


def test_no_identifier_in_any_byte_lianjie_writes(store_location, tmp_path, sent):
    s = _secrets()
    out = tmp_path / "out"
    out.mkdir()
    runner = CliRunner()
    texts: dict[str, str] = {}

    def cli(*args: str, ok: bool = True) -> None:
        result = runner.invoke(main, [*args])
        texts[" ".join(args)] = result.output
        assert (result.exit_code == 0) == ok, result.output

    store = ["--store", store_location]
    cli("load", str(_dataset(tmp_path / "ds", s)), *store)
    cli("load", str(_dataset(tmp_path / "broken", s, broken=True)), *store, ok=False)
    for command in ("reach", "audit", "coverage", "models", "overlap", "info"):
        cli(command, *store, "--json")
    cli("audit", *store)
    cli("reach", *store, "--households")
    for who in (s["id_number"], s["phone"]):
        cli("paths", who, *store, "--json")
        cli("paths", who, *store)
    cli("paths", _unstored(s["id_number"]), *store, ok=False)  # not stored: the message must not echo it
    cli("cypher", "MATCH (n) RETURN n", *store, "--json")
    cli("cypher", "MATCH (a)-[e]->(b) RETURN a, e, b", *store)
    cli("export", *store, "--format", "neo4j-admin", str(out / "admin"))
    cli("export", *store, "--format", "turtle", str(out / "graph.ttl"))
    cli("export", *store, "--format", "graphml", str(out / "graph.graphml"))
    cli("draw", *store, "--out", str(out / "network.html"))
    cli("report", *store, "--out", str(out / "report.html"), "--xlsx", str(out / "report.xlsx"))
    folders = [out]
    if not store_location.startswith("bolt"):  # the database file and every file beside it that it made
        store_file = Path(store_location)
        folders += [p for p in store_file.parent.iterdir() if p.name.lstrip(".").startswith(store_file.name)]
        assert store_file in folders and store_file.stat().st_size > 0
    assert len(list(out.rglob("*.*"))) >= 8

    hits = find_clear(s, texts | {"sent to Neo4j": "\n".join(sent)}, folders)
    assert hits == []

    # positive control: the same search finds a clear value planted in each kind of place
    control = tmp_path / "control"
    control.mkdir()
    (control / "page.html").write_text(f"<td>{s['name']}</td>", encoding="utf-8")
    with zipfile.ZipFile(control / "book.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/sharedStrings.xml", f"<t>{s['phone']}</t>")
    (control / "data.json").write_text(json.dumps({"id": s["id_number"], "bank": s["bank"]}), encoding="utf-8")
    sent.clear()
    cli("cypher", "RETURN $v AS v", *store, "--param", f"v={s['member']}")
    found = find_clear(
        s,
        {
            "sent": "\n".join(sent)
            if store_location.startswith("bolt")
            else texts["cypher RETURN $v AS v --store " + store_location + " --param v=" + s["member"]]
        },
        [control],
    )
    assert sorted(hit.split(" in ")[0] for hit in found) == ["bank", "id_number", "member", "name", "phone"]
