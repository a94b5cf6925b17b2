"""Messy county tables written by the tests themselves: a register, a ledger, a roster, organisations.

No real person's data: names are drawn from common characters and ID numbers are made up
with a valid check digit. The answers the tests expect are worked out by hand below.

Households (village 夯沙村 433125100201 unless said):

=====  =======  ==========================  ==============  ====================
id     members  户类型 / 监测对象类别          poor / monitored  linked (ledger)
=====  =======  ==========================  ==============  ====================
H01    3        一般贫困户                     poor             employed by c1
H02    2        脱贫户                         poor (lifted)    supplies c1 (保底)
H03    1        监测户 / 边缘易致贫户           monitored        member of k1 (by ID)
H04    2        脱贫户 / 脱贫不稳定户           poor, monitored  leases land to k1
H05    4        一般农户 (吕洞村 …202)          neither          served by c1 only
=====  =======  ==========================  ==============  ====================

k1 supplies c1 and c1 sells through ch1, so ch1 reaches H01-H04 and not H05 (a support
link). k1's roster claims H02, H03, H04, H05: traced H03, H04; claimed, not traced H02, H05.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import write_csv

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(n: int, region: str = "433125", born: str = "19800101") -> str:
    """A made-up resident ID number with a valid check digit."""
    body = f"{region}{born}{n:03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS)) % 11]


SURNAMES = "赵钱孙周吴郑冯陈褚卫蒋沈韩杨朱秦尤许"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀"

#: household, relation, 户类型, 监测对象类别, causes, village
HOUSEHOLDS = {
    "H01": (["户主", "配偶", "之子"], "一般贫困户", None, ["因病", "缺技术"], "夯沙村"),
    "H02": (["户主", "之女"], "脱贫户", None, ["因学"], "夯沙村"),
    "H03": (["户主"], "监测户", "边缘易致贫户", ["因灾"], "夯沙村"),
    "H04": (["户主", "配偶"], "脱贫户", "脱贫不稳定户", ["缺劳力"], "夯沙村"),
    "H05": (["户主", "配偶", "之子", "之女"], "一般农户", None, [], "吕洞村"),
}
VILLAGE_CODES = {"夯沙村": "433125100201", "吕洞村": "433125100202"}


def members() -> list[dict]:
    """One dict per person of the register, with made-up names, ID numbers and phones."""
    out, n = [], 0
    for hid, (relations, htype, category, causes, village) in HOUSEHOLDS.items():
        for k, relation in enumerate(relations):
            n += 1
            out.append(
                {
                    "household": hid,
                    "person": f"{hid}-{k + 1}",
                    "name": SURNAMES[n % len(SURNAMES)] + GIVEN[(3 * n) % len(GIVEN)] + GIVEN[n % len(GIVEN)],
                    "id_number": id_number(n),
                    "relation": relation,
                    "size": len(relations),
                    "type": htype,
                    "category": category,
                    "causes": causes if relation == "户主" else [],
                    "identified": 201403 + n,
                    "phone": f"139{n:08d}" if relation == "户主" else None,
                    "village": village,
                    "code": VILLAGE_CODES[village],
                    "health": "健康" if n % 2 else "长期慢性病",
                }
            )
    return out


def personal_values() -> list[str]:
    """Every name, ID number and phone of the register: none may reach the store or any output."""
    values = []
    for m in members():
        values += [m["name"], m["id_number"]] + ([m["phone"]] if m["phone"] else [])
    return values


def head(household: str) -> dict:
    return next(m for m in members() if m["household"] == household and m["relation"] == "户主")


REGISTER_TOP = [
    "县(市、区、旗)",
    "乡(镇)",
    "行政村",
    "户编号",
    "人编号",
    "姓名",
    "证件号码",
    "与户主关系",
    "人数",
    "户类型",
    "监测对象类别",
    "致贫原因",
    None,
    "识别监测时间",
    "户联系电话",
    "健康状况",
    "行政区划代码",
]
REGISTER_LOW = [None] * 11 + ["致贫原因1", "致贫原因2"] + [None] * 4


def _register_rows(numeric_ids: bool = False) -> list[list]:
    rows = []
    for m in members():
        causes = (m["causes"] + [None, None])[:2]
        rows.append(
            [
                "保靖县",
                "迁陵镇",
                m["village"],
                m["household"],
                m["person"],
                m["name"],
                float(m["id_number"][:17]) if numeric_ids else m["id_number"],
                m["relation"],
                m["size"],
                m["type"],
                m["category"],
                *causes,
                m["identified"],
                m["phone"],
                m["health"],
                m["code"],
            ]
        )
    return rows


def register_xlsx(path: Path, numeric_ids: bool = False) -> Path:
    """The register as the monitoring system exports it: two title rows, a two-row header with
    merged cells, 人数 as formulas (their cached values), a totals row and a notes sheet."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("监测对象信息")
    sheet.merge_range(0, 0, 0, 8, "（自定义）监测对象信息")
    sheet.write(1, 0, "导出时间：2024-01-05 09:30")
    for c, (top, low) in enumerate(zip(REGISTER_TOP, REGISTER_LOW)):
        if top == "致贫原因":
            sheet.merge_range(2, c, 2, c + 1, top)
        elif top is not None and low is None:
            sheet.merge_range(2, c, 3, c, top)
        if low is not None:
            sheet.write(3, c, low)
    for r, row in enumerate(_register_rows(numeric_ids), start=4):
        for c, value in enumerate(row):
            if c == 8:
                sheet.write_formula(r, c, f"=0+{value}", None, value)  # a formula; Excel keeps its value
            elif value is not None:
                sheet.write(r, c, value)
    last = 4 + len(members())
    sheet.write(last, 0, "合计")
    sheet.write(last, 8, len(members()))
    notes = book.add_worksheet("填表说明")
    notes.write(0, 0, "注：本表由防返贫监测信息系统导出，人数为家庭人口数。")
    book.close()
    return path


def register_xls(path: Path) -> Path:
    """The same register in the old binary .xls format, one header row."""
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("监测对象")
    sheet.write(0, 0, "监测对象信息")
    header = [h or "致贫原因2" for h in REGISTER_TOP]
    header[11] = "致贫原因1"
    for c, h in enumerate(header):
        sheet.write(1, c, h)
    for r, row in enumerate(_register_rows(), start=2):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    book.save(str(path))
    return path


def register_csv(path: Path, encoding: str = "gb18030") -> Path:
    header = [h or "致贫原因2" for h in REGISTER_TOP]
    header[11] = "致贫原因1"
    rows = [["监测对象信息"] + [None] * (len(header) - 1), header, *_register_rows()]
    return write_csv(path, rows[0], rows[1:], encoding=encoding)


def organisations(folder: Path) -> Path:
    """The organisations in lianjie's own form: an enterprise, a cooperative supplying it, a channel."""
    write_csv(
        folder / "nodes.csv",
        ["编号", "类型", "名称"],
        [
            ["c1", "企业", "林茵茶业（保靖）有限公司"],
            ["k1", "合作社", "夯沙村茶叶专业合作社"],
            ["ch1", "销售渠道", "县长直播带货"],
        ],
    )
    write_csv(folder / "links.csv", ["来源", "目标", "联结类型"], [["k1", "c1", "订单收购"], ["c1", "ch1", "销售"]])
    return folder


LEDGER_HEADER = [
    "序号",
    "经营主体带贫名称",
    "户编号",
    "户主姓名",
    "身份证号",
    "带动方式",
    "带动增收（元）",
    "土地流转面积（亩）",
    "年度",
]


def ledger_rows() -> list[list]:
    h3 = head("H03")
    return [
        [1, "林茵茶业（保靖）有限公司", "H01", head("H01")["name"], None, "吸纳就业方式带贫", "1,200", None, "2021"],
        [
            2,
            " 林茵茶业（保靖）有限公司\u3000",
            "H02",
            head("H02")["name"],
            None,
            "产品保底价回收方式带贫",
            "1.2万",
            None,
            "2021年3月",
        ],
        [3, "夯沙村茶叶专业合作社", None, h3["name"], h3["id_number"], "入社", None, None, "2022/6/1"],
        [4, "夯沙村茶叶专业合作社", "H04", head("H04")["name"], None, "土地流转", "3000元", 2.5, "202103"],
        [5, "林茵茶业(保靖)有限公司", "H05", head("H05")["name"], None, "技术指导", "-", None, dt.date(2021, 5, 1)],
    ]


def ledger_xlsx(path: Path, rows: list[list] | None = None) -> Path:
    """The ledger as an enterprise fills it in: a title row, names in words, money and years as typed."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "台账"
    sheet.append(["保靖县2021年经营主体带贫台账"])
    sheet.merge_cells("A1:I1")
    sheet.append(LEDGER_HEADER)
    for row in rows if rows is not None else ledger_rows():
        sheet.append(row)
    sheet.append([])
    sheet.append(["填表人：某某"])
    book.save(path)
    return path


def roster_xlsx(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "带贫名单"
    sheet.append(["夯沙村茶叶专业合作社带贫名单"])
    sheet.append(["序号", "户编号", "户主姓名", "所在村"])
    for n, hid in enumerate(["H02", "H03", "H04", "H05"], start=1):
        sheet.append([n, hid, head(hid)["name"], "夯沙村"])
    book.save(path)
    return path


def county(folder: Path) -> dict[str, Path]:
    """Every table of the county, written into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "orgs": organisations(folder / "orgs"),
        "register": register_xlsx(folder / "register.xlsx"),
        "ledger": ledger_xlsx(folder / "ledger.xlsx"),
        "roster": roster_xlsx(folder / "roster.xlsx"),
    }
