"""Load a county's own tables, end to end: a household register and a linkage ledger as workbooks.

    python benchmarks/registers.py --persons 1000000 --ledger 500000 [--format xlsx|csv] [--data DIR]

Generates (once, cached under ``--data``) a synthetic register of ``--persons`` people in
households of one to six (three on average), as the monitoring system exports it (title rows,
``户编号``, ``与户主关系``, 17 columns), a ledger of ``--ledger`` rows naming 2,000 organisations
in words with money and years as people type them, and the organisations in lianjie's own
form. No real person: names are drawn from common characters, ID numbers are made up with a
valid check digit. Then it times, each as its own ``lianjie`` process (start-up included):

* ``lianjie load orgs/ register.xlsx ledger.xlsx`` into a fresh embedded store, and
* ``lianjie audit`` on the result,

printing wall time, rows per second (register and ledger rows), peak memory (max RSS) and
the CPU time the process used (on a shared machine, wall time also counts the waits).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import timing

_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
_CHECK = np.array(list("10X98765432"))
_SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_GIVEN = list("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国红梅玉珍春生福海林云飞鹏辉")
_TYPES = np.array(["脱贫户", "脱贫户", "脱贫户", "一般贫困户", "监测户", "一般农户", "一般农户", "一般农户"])
_CATEGORIES = np.array(["脱贫不稳定户", "边缘易致贫户", "突发严重困难户"])
_CAUSES = np.array(["因病", "因残", "因学", "因灾", "缺土地", "缺水", "缺技术", "缺劳力", "缺资金", "交通条件落后"])
_RELATIONS = np.array(["配偶", "之子", "之女", "孙子", "母亲"])
_MODES = np.array(
    ["吸纳就业方式带贫", "务工", "订单收购", "产品保底价回收方式带贫", "土地流转", "入股分红", "资产收益", "入社",
     "技术指导", "培训"]
)  # fmt: skip
REGISTER_HEADER = ["县(市、区、旗)", "乡(镇)", "行政村", "户编号", "人编号", "姓名", "证件号码", "与户主关系", "人数",
                   "户类型", "监测对象类别", "致贫原因1", "致贫原因2", "识别监测时间", "户联系电话", "健康状况",
                   "行政区划代码"]  # fmt: skip
LEDGER_HEADER = ["序号", "经营主体带贫名称", "户编号", "户主姓名", "带动方式", "带动增收（元）", "年度"]


def _id_numbers(n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` made-up resident ID numbers with a valid check digit."""
    region = rng.integers(0, 50, n) + 433100
    born = rng.integers(0, 365 * 60, n).astype("timedelta64[D]") + np.datetime64("1950-01-01")
    days = np.datetime_as_string(born).astype("U10")
    seq = rng.integers(0, 1000, n)
    body = np.char.add(
        np.char.add(region.astype("U6"), np.char.replace(days, "-", "")), np.char.zfill(seq.astype("U3"), 3)
    )
    digits = body.view("U1").reshape(n, 17).astype(np.int64)
    return np.char.add(body, _CHECK[(digits * _WEIGHTS).sum(axis=1) % 11])


def _names(n: int, rng: np.random.Generator) -> np.ndarray:
    s = np.array(_SURNAMES)[rng.integers(0, len(_SURNAMES), n)]
    g = np.array(_GIVEN)
    return np.char.add(np.char.add(s, g[rng.integers(0, len(g), n)]), g[rng.integers(0, len(g), n)])


def generate(persons: int, ledger_rows: int, folder: Path, fmt: str = "xlsx", seed: int = 11) -> dict[str, Path]:
    """Write orgs/, register.FMT and ledger.FMT into ``folder`` (kept: a second call reuses them)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"orgs": folder / "orgs", "register": folder / f"register.{fmt}", "ledger": folder / f"ledger.{fmt}"}
    if all(p.exists() for p in paths.values()):
        return paths
    rng = np.random.default_rng(seed)
    sizes = []
    total = 0
    while total < persons:
        k = int(min(rng.integers(1, 6) + (rng.random() < 0.1), persons - total))
        sizes.append(k)
        total += k
    sizes = np.array(sizes)
    households = len(sizes)
    household_of = np.repeat(np.arange(households), sizes)
    first = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    rank = np.arange(persons) - np.repeat(first, sizes)
    villages = 300
    village_of = rng.integers(0, villages, households)
    v = village_of[household_of]
    town = v // 15
    hh_ids = np.char.add("H", np.char.zfill(np.arange(households).astype("U8"), 8))
    htype = _TYPES[rng.integers(0, len(_TYPES), households)]
    category = np.where(htype == "监测户", _CATEGORIES[rng.integers(0, 3, households)], "")
    cause1 = np.where(np.isin(htype, ["一般农户"]), "", _CAUSES[rng.integers(0, len(_CAUSES), households)])
    cause2 = np.where(rng.random(households) < 0.3, _CAUSES[rng.integers(0, len(_CAUSES), households)], "")
    head = rank == 0
    columns = [
        np.full(persons, "保靖县"),
        np.char.add(np.char.add("第", town.astype("U2")), "镇"),
        np.char.add(np.char.add("第", v.astype("U3")), "村"),
        hh_ids[household_of],
        np.char.add(np.char.add(hh_ids[household_of], "-"), (rank + 1).astype("U1")),
        _names(persons, rng),
        _id_numbers(persons, rng),
        np.where(head, "户主", _RELATIONS[rng.integers(0, len(_RELATIONS), persons)]),
        sizes[household_of].astype("U1"),
        htype[household_of],
        category[household_of],
        np.where(head, cause1[household_of], ""),
        np.where(head, cause2[household_of], ""),
        (201401 + rng.integers(0, 8, persons) * 100 + rng.integers(0, 12, persons)).astype("U6"),
        np.where(head, np.char.add("139", np.char.zfill(np.arange(persons).astype("U8"), 8)), ""),
        np.where(rng.random(persons) < 0.8, "健康", "长期慢性病"),
        np.char.add(np.char.add("433125", (100 + town).astype("U3")), (201 + v % 15).astype("U3")),
    ]
    register = [c.tolist() for c in columns]

    orgs = 2000
    org_names = [f"保靖县第{i}号{'茶叶专业合作社' if i % 3 else '农业发展有限公司'}" for i in range(orgs)]
    paths["orgs"].mkdir(exist_ok=True)
    with open(paths["orgs"] / "nodes.csv", "w", encoding="utf-8") as fh:
        fh.write("编号,类型,名称\n")
        for i, name in enumerate(org_names):
            fh.write(f"o{i},{'合作社' if i % 3 else '企业'},{name}\n")
        for c in range(20):
            fh.write(f"ch{c},销售渠道,渠道{c}\n")
    with open(paths["orgs"] / "links.csv", "w", encoding="utf-8") as fh:
        fh.write("来源,目标,联结类型\n")
        for i in range(orgs):
            if i % 3:  # cooperatives supply an enterprise
                fh.write(f"o{i},o{(i // 3) * 3},订单收购\n")
            else:
                fh.write(f"o{i},ch{i % 20},销售\n")
    # a cooperative's member link must point at a cooperative: 入社 rows name one
    who = rng.integers(0, households, ledger_rows)
    mode = _MODES[rng.integers(0, len(_MODES), ledger_rows)]
    org = rng.integers(0, orgs, ledger_rows)
    coop = org % 3 != 0
    org = np.where((mode == "入社") & ~coop, org + 1, org)
    amount = rng.integers(200, 30000, ledger_rows)
    money = np.where(
        amount % 3 == 0,
        np.char.add(amount.astype("U6"), "元"),
        np.where(
            amount % 3 == 1,
            [f"{a:,}" for a in amount.tolist()],
            np.char.add((amount / 10000).round(2).astype("U6"), "万"),
        ),
    )
    years = np.char.add((2019 + org % 4).astype("U4"), "年")
    months = np.char.add(np.char.add(years, (1 + org % 12).astype("U2")), "月")
    year = np.where(rng.random(ledger_rows) < 0.5, years, months)
    ledger = [
        list(range(1, ledger_rows + 1)),
        [org_names[o] for o in org.tolist()],
        hh_ids[who].tolist(),
        np.array(register[5])[first[who]].tolist(),
        mode.tolist(),
        money.tolist(),
        year.tolist(),
    ]
    _write(paths["register"], "监测对象", ["（自定义）监测对象信息", "导出时间：2024-01-05"], REGISTER_HEADER, register)
    _write(paths["ledger"], "台账", ["保靖县经营主体带贫台账"], LEDGER_HEADER, ledger)
    return paths


def _write(path: Path, sheet: str, titles: list[str], header: list[str], columns: list[list]) -> None:
    rows = zip(*columns)
    if path.suffix == ".csv":
        import csv

        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            for t in titles:
                writer.writerow([t])
            writer.writerow(header)
            writer.writerows(rows)
        return
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = book.add_worksheet(sheet)
    for r, t in enumerate(titles):
        ws.write_string(r, 0, t)
    ws.write_row(len(titles), 0, header)
    for r, row in enumerate(rows, start=len(titles) + 1):
        ws.write_row(r, 0, row)
    book.close()


def run_cli(label: str, args: list[str], rows: int | None = None) -> float:
    """Run one ``lianjie`` command; print wall time, rows/s and peak memory; its wall time."""
    return timing.run_cli(label, args, rows, width=44).seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--ledger", type=int, default=500_000)
    parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    parser.add_argument("--data", type=Path, default=Path(__file__).with_name("data"))
    args = parser.parse_args()
    folder = args.data / f"county-p{args.persons}-l{args.ledger}"
    start = time.perf_counter()
    paths = generate(args.persons, args.ledger, folder, args.format)
    print(f"data: {folder} ({time.perf_counter() - start:.1f} s to make or find)", flush=True)
    rows = args.persons + args.ledger
    with tempfile.TemporaryDirectory() as work:
        store = str(Path(work) / "county.db")
        print(f"register of {args.persons:,} persons + ledger of {args.ledger:,} rows ({args.format}):")
        load = run_cli(
            "lianjie load orgs/ register ledger", ["load", *(str(p) for p in paths.values()), "--store", store], rows
        )
        audit = run_cli("lianjie audit", ["audit", "--store", store, "--json"])
    print(f"load: {load:.1f} s, {rows / load:,.0f} rows/s; audit: {audit:.2f} s")


if __name__ == "__main__":
    main()
