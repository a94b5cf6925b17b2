"""Baojing county (保靖县, Hunan): the facts of 003_9411b0f8b1674f0a.txt.

The article names the four models of the county's e-commerce public service centre
without naming the stations, cooperatives and bases in them; each of those roles is
one node (乡村电商服务站点, 农村专业合作社, 电商企业, 溯源基地) quoting the model.
"""

from __future__ import annotations

from .case_facts import BAOJING, PUBLISHED, Facts

SO_FAR = PUBLISHED[BAOJING]

_CENTER = "以保靖县电子商务公共服务中心为纽带,联动当地优势企业、合作社、创业者"
_ACTORS = "联动县电商公共服务中心、电商服务站点、电商企业、农村专业合作社等主体"
_SYSTEMS = "依托供应链体系、质量追溯体系、品牌营销体系、电商培训体系、县域物流配送体系、电商公共服务体系等六大体系"
_M_STATION = "“电商公共服务中心+乡村电商服务站点+贫困户”"
_M_COOP = "“电商公共服务中心+农村专业合作社+贫困户”"
_M_ENT = "打造“电商公共服务中心+电商企业+贫困户”电商扶贫模式"
_M_BASE = "“电商企业+溯源基地(专业合作社)+贫困户”"
_M_COMPANY = "推动“公司+合作社+农户+基地”模式在企业的应用"
_YUNLAI_MODEL = "湘西韵莱农业就是以此种模式为基础"
_LINYIN = "帮扶了保靖县7个深度贫困村、1435户建档立卡贫困户共计5022人发展保靖黄金茶产业"
_LINYIN_GAIN = "助力2000余贫困人口实现人均增收3000元"
_YUNLAI = "带动保靖县1000余户贫困户增收,200余贫困户就业"
_ECOM = "这两家企业都是保靖县的本土企业,也是保靖县电子商务进农村综合示范项目重点培育的电商企业"
_OUTLETS = "仓储物流和销售配送(线上+线下+出口)"
_PROJECT = "着力打造占地48亩的现代化万吨柑橘仓储初加工及销售项目"
_SALES = "2018年至2019年,湘西韵莱农业销售柑橘2760万斤,销售额达5889万元"
_WORK = "年总用工数22000余人次,其中建档立卡户14000余人次"
_LIVE = "(2019年湘西椪柑原产地县长直播带货)"


def _centre(f: Facts) -> None:
    f.node("BJ", "County", "保靖县", "作为曾经的国家级贫困县,保靖县扶贫工作任务重、难度大")
    f.node("BJ-CENTER", "ServiceCenter", "保靖县电子商务公共服务中心", _CENTER)
    f.node("BJ-STATION", "ServiceStation", "乡村电商服务站点", _M_STATION)
    f.node("BJ-COOP", "Cooperative", "农村专业合作社", _M_COOP)
    f.node("BJ-ENT-ECOM", "Enterprise", "电商企业", _ACTORS)
    f.node("BJ-BASE", "Base", "溯源基地(专业合作社)", _M_BASE)
    f.node("BJ-CH-ONLINE", "Channel", "线上销售（电商平台）", _OUTLETS, kind="online_platform")
    f.link("BJ-CENTER", "BJ-STATION", "SERVES", _M_STATION)
    f.link("BJ-CENTER", "BJ-COOP", "SERVES", _M_COOP)
    f.link("BJ-CENTER", "BJ-ENT-ECOM", "SERVES", _M_ENT)
    f.link("BJ-BASE", "BJ-ENT-ECOM", "SUPPLIES", _M_BASE)
    f.link("BJ-ENT-ECOM", "BJ-CH-ONLINE", "SELLS_THROUGH", "让保靖农特产搭乘电商“快车”")
    for ident, name, quote in [
        ("M-CENTER-STATION-HH", "电商公共服务中心+乡村电商服务站点+贫困户", _M_STATION),
        ("M-CENTER-COOP-HH", "电商公共服务中心+农村专业合作社+贫困户", _M_COOP),
        ("M-CENTER-ENT-HH", "电商公共服务中心+电商企业+贫困户", _M_ENT),
        ("M-ENT-BASE-HH", "电商企业+溯源基地(专业合作社)+贫困户", _M_BASE),
    ]:
        f.node(ident, "Model", name, quote)
        f.link("BJ", ident, "APPLIES", quote)
    f.node("M-CO-COOP-HH-BASE", "Model", "公司+合作社+农户+基地", _M_COMPANY)
    f.link("BJ", "M-CO-COOP-HH-BASE", "APPLIES", _M_COMPANY)
    for key, name in [
        ("SUPPLY", "供应链体系"),
        ("TRACE", "质量追溯体系"),
        ("BRAND", "品牌营销体系"),
        ("TRAINING", "电商培训体系"),
        ("LOGISTICS", "县域物流配送体系"),
        ("SERVICE", "电商公共服务体系"),
    ]:
        f.node(f"M-BJ-SYS-{key}", "Model", name, _SYSTEMS)
        f.link("BJ", f"M-BJ-SYS-{key}", "APPLIES", _SYSTEMS)


def _products(f: Facts) -> None:
    for key, name, quote in [
        ("TEA", "保靖黄金茶", _LINYIN),
        ("FRESHTEA", "鲜茶", "一直坚持以现金收购贫困户的鲜茶"),
        ("CITRUS", "柑橘", "以柑橘和猕猴桃等水果为发展重点"),
        ("KIWI", "猕猴桃", "以柑橘和猕猴桃等水果为发展重点"),
        ("PONKAN", "湘西椪柑", _LIVE),
    ]:
        f.node(f"BJ-PR-{key}", "Product", name, quote)
    f.link("BJ", "BJ-PR-PONKAN", "PRODUCES", _LIVE)


def _linyin(f: Facts) -> None:
    f.node(
        "BJ-LINYIN", "Enterprise", "保靖县林茵茶业有限责任公司", _LINYIN, claimed_households=1435, claimed_people=5022
    )
    f.link("BJ-CENTER", "BJ-LINYIN", "SERVES", "林茵茶业入驻保靖县电子商务公共服务中心,成为首批入驻企业")
    f.link("BJ-LINYIN", "BJ-CH-ONLINE", "SELLS_THROUGH", _ECOM)
    f.link("BJ-LINYIN", "BJ-PR-TEA", "PRODUCES", _LINYIN)
    about = ("BJ-LINYIN", "BJ-PR-TEA")
    f.figure(
        "F-BJ-LINYIN-VILLAGES",
        "林茵茶业帮扶深度贫困村",
        about,
        "villages_helped",
        7,
        "个",
        "exact",
        _LINYIN,
        end=SO_FAR,
    )
    f.figure(
        "F-BJ-LINYIN-HOUSEHOLDS",
        "林茵茶业帮扶建档立卡贫困户",
        about,
        "households_helped",
        1435,
        "户",
        "exact",
        _LINYIN,
        end=SO_FAR,
    )
    f.figure(
        "F-BJ-LINYIN-PEOPLE", "林茵茶业帮扶贫困人口", about, "people_helped", 5022, "人", "exact", _LINYIN, end=SO_FAR
    )
    f.figure(
        "F-BJ-LINYIN-GAIN-PEOPLE",
        "林茵茶业助力增收人口",
        "BJ-LINYIN",
        "people_income_gain",
        2000,
        "人",
        "lower",
        _LINYIN_GAIN,
        end=SO_FAR,
    )
    f.figure(
        "F-BJ-LINYIN-GAIN",
        "林茵茶业助力人均增收",
        "BJ-LINYIN",
        "income_gain_per_person",
        3000,
        "元",
        "exact",
        _LINYIN_GAIN,
        end=SO_FAR,
    )


def _yunlai(f: Facts) -> None:
    f.node("BJ-YUNLAI", "Enterprise", "湘西韵莱农业发展有限责任公司", _YUNLAI, claimed_households=1000)
    f.node("BJ-YUNLAI-COOP", "Cooperative", "湘西韵莱农业的合作社（原文未具名）", _YUNLAI_MODEL)
    f.node("BJ-YUNLAI-BASE", "Base", "湘西韵莱万吨柑橘仓储初加工及销售项目", _PROJECT)
    f.link("BJ-CENTER", "BJ-YUNLAI", "SERVES", "同期入驻公共服务中心的湘西韵莱农业发展有限责任公司")
    f.link("BJ-YUNLAI", "M-CO-COOP-HH-BASE", "APPLIES", _YUNLAI_MODEL)
    for key in ("CITRUS", "KIWI"):
        f.link("BJ-YUNLAI", f"BJ-PR-{key}", "PRODUCES", "以柑橘和猕猴桃等水果为发展重点")
    f.node("BJ-CH-OFFLINE", "Channel", "线下销售", _OUTLETS, kind="trader")
    f.node("BJ-CH-EXPORT", "Channel", "出口", _OUTLETS, kind="other")
    f.node(
        "BJ-CH-LIVE",
        "Channel",
        "2019年湘西椪柑原产地县长直播带货",
        _LIVE,
        kind="livestream",
        start_date="2019-01-01",
        end_date="2019-12-31",
    )
    for channel in ("BJ-CH-ONLINE", "BJ-CH-OFFLINE", "BJ-CH-EXPORT"):
        f.link("BJ-YUNLAI", channel, "SELLS_THROUGH", _OUTLETS)
    f.figure(
        "F-BJ-YUNLAI-HOUSEHOLDS",
        "湘西韵莱带动贫困户增收",
        "BJ-YUNLAI",
        "households_helped",
        1000,
        "户",
        "lower",
        _YUNLAI,
        end=SO_FAR,
    )
    f.figure(
        "F-BJ-YUNLAI-EMPLOYED",
        "湘西韵莱带动贫困户就业",
        "BJ-YUNLAI",
        "households_employed",
        200,
        "户",
        "lower",
        _YUNLAI,
        end=SO_FAR,
    )
    years = {"start": "2018-01-01", "end": "2019-12-31"}
    citrus = ("BJ-YUNLAI", "BJ-PR-CITRUS")
    f.figure("F-BJ-YUNLAI-JIN", "湘西韵莱柑橘销量", citrus, "sales_quantity", 27600000, "斤", "exact", _SALES, **years)
    f.figure(
        "F-BJ-YUNLAI-AMOUNT", "湘西韵莱柑橘销售额", citrus, "sales_amount", 58890000, "元", "exact", _SALES, **years
    )
    f.figure(
        "F-BJ-YUNLAI-PARCELS",
        "湘西韵莱线上发货量",
        ("BJ-YUNLAI", "BJ-CH-ONLINE"),
        "shipments",
        240000,
        "件",
        "lower",
        "其中线上发货量超过24万件",
        **years,
    )
    f.figure(
        "F-BJ-YUNLAI-PEAK",
        "湘西韵莱最大单日发货量",
        ("BJ-YUNLAI", "BJ-CH-ONLINE"),
        "peak_day_shipments",
        8000,
        "件",
        "lower",
        "最大单日发货量超过8000件",
        **years,
    )
    f.figure(
        "F-BJ-YUNLAI-PROCESSED",
        "湘西韵莱商品化处理柑橘",
        citrus,
        "processed_quantity",
        12300,
        "吨",
        "exact",
        "商品化处理柑橘12300吨",
        **years,
    )
    f.figure(
        "F-BJ-YUNLAI-WORK",
        "湘西韵莱年总用工",
        "BJ-YUNLAI",
        "work",
        22000,
        "人次",
        "lower",
        _WORK,
        **years,
        note="a year's total (年总用工数)",
    )
    f.figure(
        "F-BJ-YUNLAI-WORK-POOR",
        "湘西韵莱建档立卡户用工",
        "BJ-YUNLAI",
        "work_by_poor",
        14000,
        "人次",
        "lower",
        _WORK,
        **years,
        note="of the year's total, by registered-poor people",
    )
    f.figure(
        "F-BJ-YUNLAI-PROCESSED-TOTAL",
        "湘西韵莱累计商品化处理柑橘",
        citrus,
        "processed_quantity",
        40000,
        "吨",
        "lower",
        "公司累计商品化处理柑橘4万余吨",
        end=SO_FAR,
    )
    f.figure(
        "F-BJ-YUNLAI-VALUE-ADDED",
        "湘西韵莱为种植和销售环节增加产值",
        "BJ-YUNLAI",
        "output_value_added",
        120000000,
        "元",
        "exact",
        "为种植环节和销售环节增加产值1.2亿元",
        end=SO_FAR,
    )
    f.figure(
        "F-BJ-YUNLAI-SITE", "柑橘仓储初加工及销售项目占地", "BJ-YUNLAI-BASE", "site_area", 48, "亩", "exact", _PROJECT
    )


def baojing() -> Facts:
    """Every fact of the Baojing article."""
    f = Facts(BAOJING)
    for part in (_centre, _products, _linyin, _yunlai):
        part(f)
    return f
