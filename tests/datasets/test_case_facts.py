"""Every fact of the two articles, read back from the loaded case dataset with its quote, on every backend.

Expected values are typed here from the articles, not taken from the dataset's code.
The case dataset (about 21,000 nodes) is loaded once per backend for the module.
"""


import networkx as nx
import pandas as pd
import pytest
from conftest import TEST_KEY, backends, fresh_location
from lianjie.datasets.case_generator import CASE_DIR
from lianjie.graph import open_store
from lianjie.loaders import load
from lianjie.loaders.privacy import Pseudonymiser
from lianjie.queries import audit
from lianjie.queries.models import models

LINGSHAN, BAOJING = "000_7924fd5261999247.txt", "003_9411b0f8b1674f0a.txt"


@pytest.fixture(scope="module", params=backends())
def case(request, tmp_path_factory):
    location = fresh_location(request.param, tmp_path_factory.mktemp("case"))
    with open_store(location) as store:
        load(store, [CASE_DIR], Pseudonymiser(TEST_KEY))
        yield store


def _figures(store) -> pd.DataFrame:
    figures = store.nodes("Figure", ["measure", "value", "unit", "bound", "source_doc", "quote"])
    about = store.links(["DESCRIBES"])[["source", "target"]]
    return about.merge(figures, left_on="source", right_on="id")


# subject, measure, value, unit, bound, words of the article the quote holds
FIGURES = [
    ("LS", "villages_delisted", 121, "个", "exact", "121个贫困村全部实现摘帽"),
    ("LS", "households_lifted", 18182, "户", "exact", "18182户"),
    ("LS", "people_lifted", 82718, "人", "exact", "82718贫困人口"),
    ("LS-AU", "count", 225, "个", "exact", "225个市县级帮扶单位"),
    ("LS-CADRES-ALL", "count", 17000, "人", "exact", "1.7万名帮扶干部"),
    ("LS-CH-CHARITY", "sales_quantity", 500000, "斤", "exact", "荔枝、柑桔、番石榴和鱼等50万斤"),
    ("LS-CH-YIZHAN", "sales_quantity", 30000, "羽", "exact", "土鸡土鸭3万羽"),
    ("LS-AU", "sales_quantity", 500, "头", "lower", "生猪500多头"),
    ("LS-CH-SALEPOINT", "sales_amount", 5000000, "元", "lower", "销售额500多万元"),
    ("LS-CH-LIVE", "sales_quantity", 100000, "斤", "lower", "10万多斤"),
    ("LS-CH-LIVE", "sales_amount", 1000000, "元", "exact", "金额多达100万元"),
    ("LS-STATIONS", "count", 17, "个", "exact", "服务站17个"),
    ("LS-POINTS", "count", 200, "个", "exact", "村级服务点200个"),
    ("LS-ENT-ECOM", "count", 500, "个", "lower", "电子商务企业(网点)500多家"),
    ("LS-ASSOC", "members", 426, "个", "exact", "会员企业426家"),
    ("LS-ENT-10M", "count", 11, "个", "exact", "年销售额超过千万元的企业11家"),
    ("LS-ENT-10M", "annual_sales_amount", 10000000, "元", "lower", "年销售额超过千万元"),
    ("LS-ENT-ECOM", "sales_quantity", 100000, "吨", "lower", "10万多吨"),
    ("LS-ENT-ECOM", "sales_amount", 1500000000, "元", "approximate", "销售额约15亿元"),
    ("LS-ENT-ECOM", "entrepreneurs", 3600, "人", "exact", "3600个农民工创业"),
    ("LS-ENT-ECOM", "households_helped", 5000, "户", "lower", "受益贫困户5000多户"),
    ("LS-FUND", "fund_raised", 1200000, "元", "lower", "累计超过120万元"),
    ("LS", "leading_industries", 4, "个", "exact", "“柑桔、荔枝、优质稻、甘蔗”四大扶贫主导产业"),
    ("LS", "sales_quantity", 80000, "吨", "lower", "线上线下销售荔枝等农特产品8万多吨"),
    ("LS", "sales_amount", 1000000000, "元", "lower", "销售额超过10亿元"),
    ("LS-CH-LAUNCH2019", "shipments", 5000, "件", "exact", "“妃子笑”荔枝5000件"),
    ("LS-PR-FEIZIXIAO", "sales_quantity", 50000, "斤", "exact", "共5万斤"),
    ("LS-CH-LAUNCH2019", "sales_amount", 800000, "元", "lower", "销售金额80多万元"),
    ("LS-CH-LAUNCH2019", "donation_per_unit", 1, "件", "exact", "每销售1件荔枝,电商就捐出1元钱"),
    ("LS-CH-FAIRS", "count", 20, "场", "exact", "展销20场次"),
    ("LS-CH-FAIRS", "sales_amount", 3000000, "元", "exact", "金额多达300万元"),
    ("LS-CH-FAIR2019", "exhibiting_villages", 121, "个", "exact", "组织121个贫困村"),
    ("LS-CH-FAIR2019", "exhibited_products", 200, "个", "lower", "200多种名优特产"),
    ("LS-CH-FAIR2019", "visitors", 10000, "人次", "lower", "多达一万多人次"),
    ("LS-CH-FAIR2019", "sales_amount", 200000, "元", "approximate", "销售成交金额约20万元"),
    ("LS-CADRES", "count", 964, "人", "exact", "964名驻村扶贫工作队员"),
    ("LS-CADRES", "sales_quantity", 4600000, "斤", "lower", "460多万斤"),
    ("LS-CH-TRADERS", "sales_amount", 7500000, "元", "lower", "销售额达750多万元"),
    ("LS-V-PINGWANG", "planted_area", 1500, "亩", "lower", "柑桔1500多亩"),
    ("LS-V-PINGWANG", "yield", 6000000, "斤", "lower", "挂果600多万斤"),
    ("LS-V-PINGWANG", "sales_amount", 18000000, "元", "lower", "柑桔销售额1800多万元"),
    ("LS-V-PENSHAN", "planted_area", 1500, "亩", "lower", "玉兰花1500多亩"),
    ("LS-V-PENSHAN", "household_coverage", 90, "%", "exact", "覆盖全村90%的农户"),
    ("LS-V-PENSHAN", "collective_income", 80000, "元", "lower", "村级集体经济8万多元"),
    ("LS", "towns", 19, "个", "exact", "19个镇(街道)"),
    ("LS", "product_kinds", 154, "个", "exact", "154种(类)特色物产"),
    ("LS", "village_leading_industries", 56, "个", "exact", "主导特色产业56个"),
    ("LS", "cooperatives", 975, "个", "exact", "农民专业合作社975家"),
    ("LS", "households_helped", 2651, "户", "exact", "覆盖带动2651户贫困户"),
    ("LS", "large_growers", 497, "个", "exact", "497个特色种养大户"),
    ("LS-P-LIAO", "households_helped", 26, "户", "exact", "带动了26户贫困户"),
    ("LS-P-LIAO", "annual_sales_amount", 100000, "元", "lower", "每年为贫困群众销售农产品10多万元"),
    ("BJ-LINYIN", "villages_helped", 7, "个", "exact", "7个深度贫困村"),
    ("BJ-LINYIN", "households_helped", 1435, "户", "exact", "1435户建档立卡贫困户"),
    ("BJ-PR-TEA", "people_helped", 5022, "人", "exact", "共计5022人"),
    ("BJ-LINYIN", "people_income_gain", 2000, "人", "lower", "2000余贫困人口"),
    ("BJ-LINYIN", "income_gain_per_person", 3000, "元", "exact", "人均增收3000元"),
    ("BJ-YUNLAI", "households_helped", 1000, "户", "lower", "1000余户贫困户增收"),
    ("BJ-YUNLAI", "households_employed", 200, "户", "lower", "200余贫困户就业"),
    ("BJ-YUNLAI", "sales_quantity", 27600000, "斤", "exact", "销售柑橘2760万斤"),
    ("BJ-PR-CITRUS", "sales_amount", 58890000, "元", "exact", "销售额达5889万元"),
    ("BJ-CH-ONLINE", "shipments", 240000, "件", "lower", "线上发货量超过24万件"),
    ("BJ-YUNLAI", "peak_day_shipments", 8000, "件", "lower", "最大单日发货量超过8000件"),
    ("BJ-YUNLAI", "processed_quantity", 12300, "吨", "exact", "商品化处理柑橘12300吨"),
    ("BJ-YUNLAI", "processed_quantity", 40000, "吨", "lower", "累计商品化处理柑橘4万余吨"),
    ("BJ-YUNLAI", "output_value_added", 120000000, "元", "exact", "增加产值1.2亿元"),
    ("BJ-YUNLAI-BASE", "site_area", 48, "亩", "exact", "占地48亩"),
    ("BJ-YUNLAI", "work", 22000, "人次", "lower", "年总用工数22000余人次"),
    ("BJ-YUNLAI", "work_by_poor", 14000, "人次", "lower", "建档立卡户14000余人次"),
]


@pytest.mark.parametrize(
    "subject, measure, value, unit, bound, words", FIGURES, ids=[f"{f[0]}-{f[1]}-{f[3]}" for f in FIGURES]
)
def test_figure(case, articles, subject, measure, value, unit, bound, words):
    figures = _figures(case)
    found = figures[
        (figures["target"] == subject)
        & (figures["measure"] == measure)
        & (figures["unit"] == unit)
        & figures["quote"].str.contains(words, regex=False)
    ]
    assert len(found) == 1, found
    row = found.iloc[0]
    assert (row["value"], row["bound"]) == (value, bound)
    assert row["quote"] in articles[row["source_doc"]]


# id, claimed households, claimed people, words of the quote
CLAIMS = [
    ("BJ-LINYIN", 1435, 5022, "1435户建档立卡贫困户共计5022人"),
    ("BJ-YUNLAI", 1000, None, "1000余户贫困户"),
    ("LS-ENT-ECOM", 5000, None, "电子商务企业(网点)"),
    ("LS-P-LIAO", 26, None, "廖春兴"),
]


@pytest.mark.parametrize("ident, households, people, words", CLAIMS, ids=[c[0] for c in CLAIMS])
def test_claims_are_on_the_claimant(case, ident, households, people, words):
    frames = [case.nodes(cls, ["claimed_households", "claimed_people", "quote"]) for cls in ("Enterprise", "Person")]
    row = pd.concat(frames).set_index("id").loc[ident]
    assert row["claimed_households"] == households
    assert (None if pd.isna(row["claimed_people"]) else row["claimed_people"]) == people
    assert words in row["quote"]


# source, rate, yuan per unit, unit, words of the quote
FUND_RULES = [
    ("LS-ENT-ECOM", 0.03, None, None, "线上产品的销售额的3%"),
    ("LS-ENT-ECOM", None, 1, "件", "每寄出1件商品提成1元"),
    ("LS-ENT-CINEMA", None, 1, "场", "看一场电影捐1元"),
    ("LS-ENT-TOURISM", None, 1, "张", "购买一张旅游公司门票捐1元"),
    ("LS-ENT-TOURISM", None, 8, "张", "购买1张景区扶贫套票捐8元"),
    ("LS-CH-GXEJ", 0.03, None, None, "供销e家销售额"),
    ("LS-ASSOC", 0.03, None, None, "电商协会会员费的3%"),
]


@pytest.mark.parametrize("source, rate, unit_amount, unit, words", FUND_RULES, ids=[r[4] for r in FUND_RULES])
def test_fund_rule(case, source, rate, unit_amount, unit, words):
    rules = case.links(["DONATES_TO"], ["rate", "unit_amount", "unit", "quote"])
    rules = rules[
        (rules["source"] == source) & (rules["target"] == "LS-FUND") & rules["quote"].str.contains(words, regex=False)
    ]
    got = {
        tuple(None if pd.isna(row[c]) else row[c] for c in ("rate", "unit_amount", "unit"))
        for _, row in rules.iterrows()
    }
    assert (rate, unit_amount, unit) in got


# class, name, words of the quote
NAMED = [
    ("County", "灵山县", "灵山县"),
    ("County", "保靖县", "保靖县"),
    ("Person", "巧妇9妹（甘有琴）", "甘有琴"),
    ("Person", "黄忠文", "黄忠文"),
    ("Person", "廖春兴", "廖春兴"),
    ("Brand", "千年荔园", "千年荔园"),
    ("Brand", "香下人", "香下人"),
    ("Brand", "陆鼎记", "陆鼎记"),
    ("Channel", "县长直播带货", "县长直播带货"),
    ("Channel", "2019年湘西椪柑原产地县长直播带货", "2019年湘西椪柑原产地县长直播带货"),
    ("Channel", "2019年“电商+贫困户”结对销售荔枝首发仪式", "结对销售荔枝首发仪式"),
    ("Channel", "2019年灵山县荔枝文化旅游节“一村一品”扶贫名优特产联展会", "扶贫名优特产联展会"),
    ("Channel", "爱心认购", "爱心认购"),
    ("Channel", "爱心驿站", "爱心驿站"),
    ("Channel", "电商销售点", "电商销售点"),
    ("Channel", "供销e家", "供销e家"),
    ("Channel", "惠农网", "惠农网"),
    ("Channel", "微信朋友圈", "微信朋友圈"),
    ("Channel", "大型超市专柜", "专柜"),
    ("Channel", "贫困村名优特产展销会", "名优特产展销会"),
    ("Fund", "电商扶贫发展基金", "电商扶贫发展基金"),
    ("Association", "电商、旅游、电信、影院消费扶贫联盟", "电商、旅游、电信、影院消费扶贫联盟"),
    ("Association", "党群电商协会", "党群电商协会"),
    ("AssistingUnit", "市县级帮扶单位", "市县级帮扶单位"),
    ("Cadre", "驻村扶贫工作队员", "驻村扶贫工作队员"),
    ("Enterprise", "保靖县林茵茶业有限责任公司", "1435户"),
    ("Enterprise", "湘西韵莱农业发展有限责任公司", "1000余户贫困户增收"),
    ("ServiceCenter", "保靖县电子商务公共服务中心", "保靖县电子商务公共服务中心"),
    ("ServiceStation", "乡村电商服务站点", "乡村电商服务站点"),
    ("Cooperative", "农村专业合作社", "农村专业合作社"),
    ("Base", "溯源基地(专业合作社)", "溯源基地(专业合作社)"),
    ("Product", "“妃子笑”荔枝", "妃子笑"),
    ("Product", "玉兰花", "玉兰花"),
    ("Product", "保靖黄金茶", "保靖黄金茶"),
    ("Product", "优质稻", "优质稻"),
    ("Product", "甘蔗", "甘蔗"),
    ("Product", "湘西椪柑", "湘西椪柑"),
    ("Village", "盆山村", "盆山村"),
    ("Village", "平王村", "平王村"),
    ("Village", "新大村", "新大村"),
    ("PartyBranch", "盆山村党支部", "党支部+合作社+企业+农户"),
    ("Model", "党支部+合作社+农户+基地", "党支部+合作社+农户+基地"),
    ("Model", "党支部+合作社+企业+农户", "党支部+合作社+企业+农户"),
    ("Model", "公司+合作社+农户+基地", "公司+合作社+农户+基地"),
    ("Model", "电商公共服务中心+乡村电商服务站点+贫困户", "电商公共服务中心+乡村电商服务站点+贫困户"),
    ("Model", "电商公共服务中心+农村专业合作社+贫困户", "电商公共服务中心+农村专业合作社+贫困户"),
    ("Model", "电商公共服务中心+电商企业+贫困户", "电商公共服务中心+电商企业+贫困户"),
    ("Model", "电商企业+溯源基地(专业合作社)+贫困户", "电商企业+溯源基地(专业合作社)+贫困户"),
    *[
        ("Model", s, s)
        for s in ("供应链体系", "质量追溯体系", "品牌营销体系", "电商培训体系", "县域物流配送体系", "电商公共服务体系")
    ],
]


@pytest.mark.parametrize("cls, name, words", NAMED, ids=[n[1] for n in NAMED])
def test_named_actor(case, articles, cls, name, words):
    found = case.nodes(cls, ["name", "source_doc", "quote"])
    found = found[found["name"] == name]
    assert len(found) == 1
    row = found.iloc[0]
    assert words in row["quote"] and row["quote"] in articles[row["source_doc"]]


def test_links_stated_by_the_articles(case):
    links = case.links(case.onto.link_types, ["synthetic"])
    stated = set(zip(links["source"], links["target"], links["type"]))
    assert {
        ("LS-PB-PENSHAN", "LS-COOP-PENSHAN", "LEADS"),
        ("LS-COOP-PENSHAN", "LS-ENT-PENSHAN", "SUPPLIES"),
        ("BJ-CENTER", "BJ-LINYIN", "SERVES"),
        ("BJ-CENTER", "BJ-YUNLAI", "SERVES"),
        ("BJ-CENTER", "BJ-STATION", "SERVES"),
        ("BJ-CENTER", "BJ-COOP", "SERVES"),
        ("BJ-BASE", "BJ-ENT-ECOM", "SUPPLIES"),
        ("LS-P-LIAO", "LS-CH-ONLINE", "SELLS_THROUGH"),
        ("LS-CH-FAIR2019", "LS-CH-FAIRS", "SELLS_THROUGH"),
        ("LS-ENT-CINEMA", "LS-ALLIANCE", "JOINS"),
        ("LS", "M-PB-COOP-HH-BASE", "APPLIES"),
        ("LS-V-PENSHAN", "M-PB-COOP-ENT-HH", "APPLIES"),
        ("BJ-YUNLAI", "M-CO-COOP-HH-BASE", "APPLIES"),
    } <= stated
    assert {("LS", f"LS-PR-{p}", "PRODUCES") for p in ("CITRUS", "LYCHEE", "RICE", "SUGARCANE")} <= stated


def test_no_fact_without_its_file_and_verbatim_quote(case, articles):
    onto = case.onto
    frames = [case.nodes(cls, ["synthetic", "source_doc", "quote"]) for cls in onto.classes]
    frames.append(case.links(onto.link_types, ["synthetic", "source_doc", "quote"]))
    checked = 0
    for frame in frames:
        facts = frame[frame["synthetic"].astype("boolean").fillna(False) == False]  # noqa: E712
        assert facts["source_doc"].notna().all() and facts["quote"].notna().all(), facts
        for doc, quote in zip(facts["source_doc"], facts["quote"]):
            assert quote in articles[doc]
        checked += len(facts)
    assert checked > 350


# --- the synthetic roster agrees with the articles ---------------------------------------------------


def _located(case) -> dict[str, str]:
    located = case.links(["LOCATED_IN"])
    return dict(zip(located["source"], located["target"]))


def _county_of(ident: str, located: dict[str, str]) -> str | None:
    while ident in located:
        ident = located[ident]
    return ident


def _households(case) -> pd.DataFrame:
    households = case.nodes("Household", ["poor", "size"])
    located = _located(case)
    households["village"] = households["id"].map(located)
    households["county"] = households["id"].map(lambda h: _county_of(h, located))
    return households


def test_lingshan_poor_households_and_people(case):
    households = _households(case)
    poor = households[(households["county"] == "LS") & households["poor"].astype(bool)]
    assert (len(poor), int(poor["size"].sum())) == (18182, 82718)


def test_lingshan_poor_villages(case):
    villages = case.nodes("Village", ["poor_village"])
    located = _located(case)
    poor = villages[villages["poor_village"].astype("boolean").fillna(False).to_numpy(dtype=bool)]
    assert sum(_county_of(v, located) == "LS" for v in poor["id"]) == 121


def test_linyin_claims_are_the_households_of_its_seven_villages(case):
    paired = case.links(["PAIRS_WITH"])
    villages = set(paired["target"][paired["source"] == "BJ-LINYIN"])
    households = _households(case)
    theirs = households[households["village"].isin(villages) & households["poor"].astype(bool)]
    assert (len(villages), len(theirs), int(theirs["size"].sum())) == (7, 1435, 5022)
    bought = case.links(["SUPPLIES"], ["mechanism"])
    assert set(bought["mechanism"][bought["target"] == "BJ-LINYIN"].dropna()) == {"cash_purchase"}


def test_yunlai_employment_and_person_times(case):
    work = case.links(["EMPLOYED_BY"], ["quantity", "unit"])
    work = work[work["target"] == "BJ-YUNLAI"]
    assert set(work["unit"]) == {"人次"}
    poor = set(case.nodes("Household", ["poor"]).query("poor")["id"])
    by_poor = work[work["source"].isin(poor)]
    assert 200 <= by_poor["source"].nunique() < 300
    assert 22000 <= work["quantity"].sum() < 23000
    assert 14000 <= by_poor["quantity"].sum() < 15000


def _ledger(case, targets, **where) -> pd.DataFrame:
    links = case.links(["SUPPLIES"], ["quantity", "unit", "amount", "start_date", "end_date"])
    links = links[links["target"].isin(targets)]
    for column, value in where.items():
        links = links[links[column].astype(str).str.startswith(value)]
    return links


def test_charity_purchasing_totals(case):
    ledger = _ledger(case, ["LS-CH-CHARITY", "LS-CH-SALEPOINT", "LS-CH-YIZHAN"])
    totals = ledger.groupby("unit")["quantity"].sum()
    assert (totals["斤"], totals["羽"]) == (500000, 30000)
    assert 500 <= totals["头"] < 600
    assert 5_000_000 <= ledger["amount"].sum() < 6_000_000


def test_county_head_livestream_totals(case):
    ledger = _ledger(case, ["LS-CH-LIVE"])
    assert 100000 <= ledger["quantity"].sum() < 110000
    assert ledger["amount"].sum() == 1_000_000


def test_fairs_totals_and_the_121_villages_of_2019(case):
    assert _ledger(case, ["LS-CH-FAIRS", "LS-CH-FAIR2019"])["amount"].sum() == 3_000_000
    fair = _ledger(case, ["LS-CH-FAIR2019"])
    assert fair["amount"].sum() == 200_000
    households = _households(case).set_index("id")
    villages = case.nodes("Village", ["poor_village"]).set_index("id")["poor_village"]
    from_villages = households.loc[fair["source"], "village"]
    assert from_villages.nunique() == 121 and villages[from_villages.unique()].all()


def test_lychee_launch_total(case):
    assert _ledger(case, ["LS-CH-LAUNCH2019"])["quantity"].sum() == 50000


def test_first_quarter_matchmaking_totals_include_every_poor_household_of_pingwang(case):
    q1 = _ledger(case, ["LS-CH-TRADERS", "LS-CH-WECHAT"], start_date="2020-01-01", end_date="2020-03-31")
    assert 4_600_000 <= q1["quantity"].sum() < 4_700_000
    assert 7_500_000 <= q1["amount"].sum() < 7_600_000
    households = _households(case)
    pingwang = households[(households["village"] == "LS-V-PINGWANG") & households["poor"].astype(bool)]
    assert len(pingwang) > 0 and set(pingwang["id"]) <= set(q1["source"])


def test_lingshan_cooperatives_hold_2651_poor_households(case):
    members = case.links(["MEMBER_OF"])
    households = _households(case)
    poor_ls = set(households["id"][(households["county"] == "LS") & households["poor"].astype(bool)])
    assert members["source"][members["source"].isin(poor_ls)].nunique() == 2651


def test_penshan_magnolia_covers_nine_tenths_of_households(case):
    members = case.links(["MEMBER_OF"], ["quantity", "unit"])
    members = members[members["target"] == "LS-COOP-PENSHAN"]
    households = _households(case)
    village = households[households["village"] == "LS-V-PENSHAN"]
    assert members["source"].nunique() / len(village) == 0.9
    assert set(members["unit"]) == {"亩"} and 1500 <= members["quantity"].sum() < 1600


def test_liao_pairs_with_26_poor_households_and_the_fund_grants_stay_within_it(case):
    paired = case.links(["PAIRS_WITH"])
    assert (paired["source"] == "LS-P-LIAO").sum() == 26
    grants = case.links(["FUNDS"], ["amount"])
    assert 0 < grants["amount"].sum() <= 1_200_000


# --- models and audit on the case dataset -------------------------------------------------------------


def test_every_model_has_instances_reaching_households(case):
    found = models(case, with_instances=True)
    assert len(found) == 7
    for model in found:
        assert model["instances"] >= 1 and model["households"] >= 1, model
    penshan = next(m for m in found if m["model"] == "党支部+合作社+企业+农户")
    assert penshan["instance_list"][0] | {"households": 0} == {
        "P": "LS-PB-PENSHAN",
        "C": "LS-COOP-PENSHAN",
        "E": "LS-ENT-PENSHAN",
        "households": 0,
    }


def test_audit_lists_linyin_claim_against_its_trace(case):
    market = case.links(case.onto.market_link_types)
    graph = nx.DiGraph(list(zip(market["source"], market["target"])))
    households = set(case.nodes("Household", [])["id"])
    traced = len(nx.ancestors(graph, "BJ-LINYIN") & households)
    result = audit(case)
    claim = next(c for c in result["claims"] if c["id"] == "BJ-LINYIN")
    assert (claim["claimed"], claim["traced"], claim["gap"]) == (1435, traced, 1435 - traced)
    assert 0 < traced < 1435
    assert len(result["uncovered_poor"]) > 0 and len(result["single_channel_poor"]) > 0
