"""Lingshan county (灵山县, Guangxi): the facts of 000_7924fd5261999247.txt.

Groups the article speaks of as one body (the 225 assisting units, the 500+ e-commerce
firms, the 964 resident team members) are one node each, with a ``count`` figure.
"""

from __future__ import annotations

from .case_facts import LINGSHAN, PUBLISHED, Facts

SO_FAR = PUBLISHED[LINGSHAN]

_TITLE = "灵山县通过构建“多方联动、双线销售、合作共赢”三种消费扶贫模式"
_LIFTED = "全县121个贫困村全部实现摘帽,18182户82718贫困人口实现脱贫"
_BACKERS = "依托“电商销售点”“爱心驿站”等平台和1.7万名帮扶干部自发购买"
_CHARITY = "累计帮助贫困群众销售荔枝、柑桔、番石榴和鱼等50万斤、土鸡土鸭3万羽、生猪500多头,销售额500多万元"
_LIVE = "直接由党政领导干部带头销售水果等产品10万多斤,金额多达100万元"
_NETWORK = "建立服务站17个、村级服务点200个、电子商务企业(网点)500多家"
_STARS = "涌现出以“巧妇九妹”甘有琴、“电商达人”黄忠文为代表的电商标杆人物"
_BRANDS = "千年荔园、香下人、陆鼎记等一批优秀电商扶贫品牌"
_CHAIN = (
    "累计帮助全县各地果农销售荔枝、皇帝柑、百香果、芋头等农特产品10万多吨,销售额约15亿元,"
    "直接带动3600个农民工创业,直接或间接受益贫困户5000多户"
)
_ALLIANCE = "灵山县由党群电商协会牵线电商企业、物流企业等,构建电商、旅游、电信、影院消费扶贫联盟"
_RULE_ONLINE = "电商协会商定把线上产品的销售额的3%或每寄出1件商品提成1元"
_FUND = "电商扶贫发展基金已累计超过120万元"
_INDUSTRIES = "灵山县逐步形成了“柑桔、荔枝、优质稻、甘蔗”四大扶贫主导产业"
_ONOFF = "全县线上线下销售荔枝等农特产品8万多吨,销售额超过10亿元"
_LAUNCH = "如在2019年灵山县党旗领航电商扶贫“电商+贫困户”结对销售荔枝首发仪式上"
_LAUNCH_SALES = "通过电商销售共发出“妃子笑”荔枝5000件,共5万斤,销售金额80多万元"
_FAIRS = "全县共组织展销20场次,帮助销售荔枝、百香果、茶叶、葡萄酒、禾花鱼、农家蜂蜜等产品,金额多达300万元"
_FAIR2019 = "如举办2019年灵山县荔枝文化旅游节“一村一品”扶贫名优特产联展会"
_FAIR2019_SALES = "组织121个贫困村、200多种名优特产参展,现场参观展览的客商(游客)多达一万多人次,销售成交金额约20万元"
_MATCH = "灵山县充分发挥964名驻村扶贫工作队员的“牵线员”作用"
_MATCH_WAYS = "依托电商、QQ和微信朋友圈等网络平台,联系客商收购"
_Q1 = "截至今年第一季度,全县共帮助销售柑桔、辣椒、甘蔗等农产品460多万斤,销售额达750多万元"
_PINGWANG = "如新圩镇平王村种植有柑桔1500多亩、挂果600多万斤"
_PINGWANG_SALES = (
    "驻村第一书记、村干部和帮扶单位通过联系外地客商、本地农商城批发商和借助微信等消费扶贫方式,实现柑桔销售额1800多万元"
)
_PARTY_MODEL = "灵山县推行“党支部+合作社+农户+基地”等“党建+”发展模式"
_PENSHAN = "如十三五规划贫困村——伯劳镇盆山村,采取“党支部+合作社+企业+农户”的模式"
_PENSHAN_CHAIN = "依托合作社带动群众参与,并引进加工企业进行深加工"
_DATABASE = "包含121个贫困村主导特色产业56个、农民专业合作社975家、覆盖带动2651户贫困户以及497个特色种养大户的信息"
_SPECIALTIES = "如新圩镇邓家村千年荔枝、灵城街道白水村皇帝柑、石塘镇镇安村麻竹笋、丰塘镇英榜村茶叶等"
_LIAO = "三海街道新大村的廖春兴既是村团支书,也是远近闻名的“电商达人”"
_LIAO_CHANNEL = "他不仅利用电商渠道帮助村内群众销售荔枝等农产品"


def _places(f: Facts) -> None:
    f.node("LS", "County", "灵山县", _TITLE)
    f.link("LS", "M-LS-THREE", "APPLIES", _TITLE)
    f.node("M-LS-THREE", "Model", "“多方联动、双线销售、合作共赢”三种消费扶贫模式", _TITLE)
    f.figure(
        "F-LS-VILLAGES-DELISTED", "贫困村全部摘帽", "LS", "villages_delisted", 121, "个", "exact", _LIFTED, end=SO_FAR
    )
    f.figure("F-LS-HOUSEHOLDS-LIFTED", "脱贫户数", "LS", "households_lifted", 18182, "户", "exact", _LIFTED, end=SO_FAR)
    f.figure("F-LS-PEOPLE-LIFTED", "脱贫人口", "LS", "people_lifted", 82718, "人", "exact", _LIFTED, end=SO_FAR)
    towns = {
        "XINXU": ("新圩镇", _PINGWANG),
        "BOLAO": ("伯劳镇", _PENSHAN),
        "SANHAI": ("三海街道", _LIAO),
        "LINGCHENG": ("灵城街道", _SPECIALTIES),
        "SHITANG": ("石塘镇", _SPECIALTIES),
        "FENGTANG": ("丰塘镇", _SPECIALTIES),
    }
    for key, (name, quote) in towns.items():
        f.node(f"LS-T-{key}", "Town", name, quote)
        f.link(f"LS-T-{key}", "LS", "LOCATED_IN", "灵山县在全县范围内,收集19个镇(街道)154种(类)特色物产信息")
    villages = [
        ("PINGWANG", "平王村", "XINXU", _PINGWANG, {}),
        ("PENSHAN", "盆山村", "BOLAO", _PENSHAN, {"poor_village": True}),
        ("XINDA", "新大村", "SANHAI", _LIAO, {}),
        ("DENGJIA", "邓家村", "XINXU", _SPECIALTIES, {}),
        ("BAISHUI", "白水村", "LINGCHENG", _SPECIALTIES, {}),
        ("ZHENAN", "镇安村", "SHITANG", _SPECIALTIES, {}),
        ("YINGBANG", "英榜村", "FENGTANG", _SPECIALTIES, {}),
    ]
    for key, name, town, quote, props in villages:
        f.node(f"LS-V-{key}", "Village", name, quote, **props)
        f.link(f"LS-V-{key}", f"LS-T-{town}", "LOCATED_IN", quote)
    f.figure(
        "F-LS-DB-TOWNS",
        "扶贫信息数据库：镇(街道)",
        "LS",
        "towns",
        19,
        "个",
        "exact",
        "收集19个镇(街道)154种(类)特色物产信息",
    )
    f.figure(
        "F-LS-DB-PRODUCTS",
        "扶贫信息数据库：特色物产",
        "LS",
        "product_kinds",
        154,
        "个",
        "exact",
        "收集19个镇(街道)154种(类)特色物产信息",
    )
    f.figure(
        "F-LS-DB-INDUSTRIES",
        "扶贫信息数据库：贫困村主导特色产业",
        "LS",
        "village_leading_industries",
        56,
        "个",
        "exact",
        _DATABASE,
    )
    f.figure(
        "F-LS-DB-COOPERATIVES", "扶贫信息数据库：农民专业合作社", "LS", "cooperatives", 975, "个", "exact", _DATABASE
    )
    f.figure(
        "F-LS-DB-HOUSEHOLDS",
        "扶贫信息数据库：合作社覆盖带动贫困户",
        "LS",
        "households_helped",
        2651,
        "户",
        "exact",
        _DATABASE,
        note="poor households the 975 cooperatives cover and drive",
    )
    f.figure("F-LS-DB-GROWERS", "扶贫信息数据库：特色种养大户", "LS", "large_growers", 497, "个", "exact", _DATABASE)


def _products(f: Facts) -> None:
    for key, name, quote in [
        ("LYCHEE", "荔枝", _CHARITY),
        ("CITRUS", "柑桔", _CHARITY),
        ("GUAVA", "番石榴", _CHARITY),
        ("FISH", "鱼", _CHARITY),
        ("POULTRY", "土鸡土鸭", _CHARITY),
        ("PIG", "生猪", _CHARITY),
        ("RICE", "优质稻", _INDUSTRIES),
        ("SUGARCANE", "甘蔗", _INDUSTRIES),
        ("FEIZIXIAO", "“妃子笑”荔枝", _LAUNCH_SALES),
        ("MAGNOLIA", "玉兰花", "将玉兰花种植培育成了脱贫致富支柱产业"),
        ("QIANNIAN", "千年荔枝", _SPECIALTIES),
        ("EMPEROR", "皇帝柑", _SPECIALTIES),
        ("BAMBOO", "麻竹笋", _SPECIALTIES),
        ("TEA", "茶叶", _SPECIALTIES),
    ]:
        f.node(f"LS-PR-{key}", "Product", name, quote)
    for key in ("CITRUS", "LYCHEE", "RICE", "SUGARCANE"):
        f.link("LS", f"LS-PR-{key}", "PRODUCES", _INDUSTRIES)
    f.figure("F-LS-LEADING-INDUSTRIES", "四大扶贫主导产业", "LS", "leading_industries", 4, "个", "exact", _INDUSTRIES)
    f.link("LS-V-PINGWANG", "LS-PR-CITRUS", "PRODUCES", _PINGWANG)
    f.link("LS-V-PENSHAN", "LS-PR-MAGNOLIA", "PRODUCES", "将玉兰花种植培育成了脱贫致富支柱产业")
    f.link("LS-V-XINDA", "LS-PR-LYCHEE", "PRODUCES", "还带动了26户贫困户发展荔枝产业")
    specialties = [("DENGJIA", "QIANNIAN"), ("BAISHUI", "EMPEROR"), ("ZHENAN", "BAMBOO"), ("YINGBANG", "TEA")]
    for village, product in specialties:
        f.link(f"LS-V-{village}", f"LS-PR-{product}", "PRODUCES", _SPECIALTIES)
    for key, name in [("QIANNIAN", "千年荔园"), ("XIANGXIAREN", "香下人"), ("LUDINGJI", "陆鼎记")]:
        f.node(f"LS-B-{key}", "Brand", name, _BRANDS)
        f.link(f"LS-B-{key}", "LS", "LOCATED_IN", _BRANDS)
    for key, name in [("MEILI", "魅荔灵山"), ("GANMEI", "柑美灵山")]:
        f.node(f"LS-B-{key}", "Brand", name, "全县打造了“魅荔灵山”“柑美灵山”等农产品品牌")
        f.link(f"LS-B-{key}", "LS", "LOCATED_IN", "全县打造了“魅荔灵山”“柑美灵山”等农产品品牌")


def _backing(f: Facts) -> None:
    f.node("LS-AU", "AssistingUnit", "市县级帮扶单位", "推动全县225个市县级帮扶单位")
    f.figure("F-LS-AU-COUNT", "市县级帮扶单位", "LS-AU", "count", 225, "个", "exact", "推动全县225个市县级帮扶单位")
    f.node("LS-CADRES-ALL", "Cadre", "帮扶干部", _BACKERS)
    f.figure("F-LS-CADRES-COUNT", "帮扶干部", "LS-CADRES-ALL", "count", 17000, "人", "exact", _BACKERS)
    f.node("LS-CH-CHARITY", "Channel", "爱心认购", "通过组织开展“爱心认购”等活动", kind="charity_purchase")
    f.node("LS-CH-SALEPOINT", "Channel", "电商销售点", _BACKERS, kind="online_platform")
    f.node("LS-CH-YIZHAN", "Channel", "爱心驿站", _BACKERS, kind="charity_purchase")
    buyers = ("LS-AU", "LS-CADRES-ALL", "LS-CH-CHARITY", "LS-CH-SALEPOINT", "LS-CH-YIZHAN")
    f.figure(
        "F-LS-CHARITY-JIN",
        "荔枝、柑桔、番石榴和鱼等销量",
        (*buyers, "LS-PR-LYCHEE", "LS-PR-CITRUS", "LS-PR-GUAVA", "LS-PR-FISH"),
        "sales_quantity",
        500000,
        "斤",
        "exact",
        _CHARITY,
        end=SO_FAR,
    )
    f.figure(
        "F-LS-CHARITY-POULTRY",
        "土鸡土鸭销量",
        (*buyers, "LS-PR-POULTRY"),
        "sales_quantity",
        30000,
        "羽",
        "exact",
        _CHARITY,
        end=SO_FAR,
    )
    f.figure(
        "F-LS-CHARITY-PIGS",
        "生猪销量",
        (*buyers, "LS-PR-PIG"),
        "sales_quantity",
        500,
        "头",
        "lower",
        _CHARITY,
        end=SO_FAR,
    )
    f.figure(
        "F-LS-CHARITY-AMOUNT", "后盾帮扶销售额", buyers, "sales_amount", 5000000, "元", "lower", _CHARITY, end=SO_FAR
    )
    f.node(
        "LS-CH-LIVE",
        "Channel",
        "县长直播带货",
        "通过开展“县长直播带货”销售农产品活动",
        kind="livestream",
        start_date="2020-01-01",
        end_date="2020-12-31",
    )
    f.figure(
        "F-LS-LIVE-JIN",
        "县长直播带货销量",
        "LS-CH-LIVE",
        "sales_quantity",
        100000,
        "斤",
        "lower",
        _LIVE,
        start="2020-01-01",
        end=SO_FAR,
        note="during the epidemic (疫情防控期间) of 2020",
    )
    f.figure(
        "F-LS-LIVE-AMOUNT",
        "县长直播带货金额",
        "LS-CH-LIVE",
        "sales_amount",
        1000000,
        "元",
        "exact",
        _LIVE,
        start="2020-01-01",
        end=SO_FAR,
        note="多达 (as much as) read as the stated value",
    )


def _chain(f: Facts) -> None:
    f.node("LS-P-QIAOFU", "Person", "巧妇9妹（甘有琴）", _STARS)
    f.node("LS-P-HUANG", "Person", "黄忠文", _STARS)
    f.node("LS-CH-ONLINE", "Channel", "电商渠道（网店、电商平台）", _LIAO_CHANNEL, kind="online_platform")
    f.link("LS-P-QIAOFU", "LS-CH-ONLINE", "SELLS_THROUGH", "灵山县借助网红“巧妇9妹”和县内电商企业的优势")
    f.link("LS-P-HUANG", "LS-CH-ONLINE", "SELLS_THROUGH", _STARS)
    f.node("LS-STATIONS", "ServiceStation", "服务站", _NETWORK)
    f.node("LS-POINTS", "ServiceStation", "村级服务点", _NETWORK)
    f.node("LS-ENT-ECOM", "Enterprise", "电子商务企业（网点）", _NETWORK, claimed_households=5000)
    f.figure("F-LS-STATIONS-COUNT", "服务站", "LS-STATIONS", "count", 17, "个", "exact", _NETWORK)
    f.figure("F-LS-POINTS-COUNT", "村级服务点", "LS-POINTS", "count", 200, "个", "exact", _NETWORK)
    f.figure("F-LS-ECOM-COUNT", "电子商务企业(网点)", "LS-ENT-ECOM", "count", 500, "个", "lower", _NETWORK)
    f.link(
        "LS-ENT-ECOM",
        "LS-CH-ONLINE",
        "SELLS_THROUGH",
        "打造农产品扶贫销售链条,建立服务站17个、村级服务点200个、电子商务企业(网点)500多家",
    )
    f.node("LS-ASSOC", "Association", "党群电商协会", _ALLIANCE)
    f.link("LS-ENT-ECOM", "LS-ASSOC", "JOINS", "共有电商协会会员企业426家")
    f.figure(
        "F-LS-ASSOC-MEMBERS", "电商协会会员企业", "LS-ASSOC", "members", 426, "个", "exact", "共有电商协会会员企业426家"
    )
    f.node("LS-ENT-10M", "Enterprise", "年销售额超过千万元的会员企业", "其中,年销售额超过千万元的企业11家")
    f.link("LS-ENT-10M", "LS-ASSOC", "JOINS", "共有电商协会会员企业426家,其中,年销售额超过千万元的企业11家")
    f.figure(
        "F-LS-10M-COUNT",
        "年销售额超过千万元的会员企业",
        "LS-ENT-10M",
        "count",
        11,
        "个",
        "exact",
        "其中,年销售额超过千万元的企业11家",
    )
    f.figure(
        "F-LS-10M-SALES",
        "会员企业年销售额",
        "LS-ENT-10M",
        "annual_sales_amount",
        10000000,
        "元",
        "lower",
        "其中,年销售额超过千万元的企业11家",
        note="each of the 11 enterprises",
    )
    f.figure(
        "F-LS-CHAIN-TONS",
        "电商扶贫销售链条销量",
        "LS-ENT-ECOM",
        "sales_quantity",
        100000,
        "吨",
        "lower",
        _CHAIN,
        end=SO_FAR,
    )
    f.figure(
        "F-LS-CHAIN-AMOUNT",
        "电商扶贫销售链条销售额",
        "LS-ENT-ECOM",
        "sales_amount",
        1500000000,
        "元",
        "approximate",
        _CHAIN,
        end=SO_FAR,
    )
    f.figure(
        "F-LS-CHAIN-ENTREPRENEURS",
        "带动农民工创业",
        "LS-ENT-ECOM",
        "entrepreneurs",
        3600,
        "人",
        "exact",
        _CHAIN,
        end=SO_FAR,
    )
    f.figure(
        "F-LS-CHAIN-HOUSEHOLDS",
        "直接或间接受益贫困户",
        "LS-ENT-ECOM",
        "households_helped",
        5000,
        "户",
        "lower",
        _CHAIN,
        end=SO_FAR,
    )


def _fund(f: Facts) -> None:
    f.node("LS-ALLIANCE", "Association", "电商、旅游、电信、影院消费扶贫联盟", _ALLIANCE)
    f.link("LS-ASSOC", "LS-ALLIANCE", "JOINS", _ALLIANCE)
    for key, name in [("LOGISTICS", "物流企业"), ("TOURISM", "旅游公司"), ("TELECOM", "电信企业"), ("CINEMA", "影院")]:
        f.node(f"LS-ENT-{key}", "Enterprise", name, _ALLIANCE if key != "TOURISM" else "购买一张旅游公司门票捐1元")
    for member in ("LS-ENT-ECOM", "LS-ENT-LOGISTICS", "LS-ENT-TOURISM", "LS-ENT-TELECOM", "LS-ENT-CINEMA"):
        f.link(member, "LS-ALLIANCE", "JOINS", _ALLIANCE)
    f.node("LS-FUND", "Fund", "电商扶贫发展基金", "筹措扶贫发展资金,建立电商扶贫发展基金")
    f.figure(
        "F-LS-FUND-RAISED", "电商扶贫发展基金累计", "LS-FUND", "fund_raised", 1200000, "元", "lower", _FUND, end=SO_FAR
    )
    f.link("LS-ENT-ECOM", "LS-FUND", "DONATES_TO", _RULE_ONLINE, rate=0.03, note="share of online sales")
    f.link("LS-ENT-ECOM", "LS-FUND", "DONATES_TO", _RULE_ONLINE, unit_amount=1, unit="件", note="per parcel sent")
    f.link("LS-ENT-CINEMA", "LS-FUND", "DONATES_TO", "看一场电影捐1元", unit_amount=1, unit="场", note="per film seen")
    f.link(
        "LS-ENT-TOURISM",
        "LS-FUND",
        "DONATES_TO",
        "购买一张旅游公司门票捐1元",
        unit_amount=1,
        unit="张",
        note="per ticket of the tourism company",
    )
    f.link(
        "LS-ENT-TOURISM",
        "LS-FUND",
        "DONATES_TO",
        "购买1张景区扶贫套票捐8元",
        unit_amount=8,
        unit="张",
        note="per scenic-spot poverty-alleviation package ticket",
    )
    f.node("LS-CH-GXEJ", "Channel", "供销e家", "以党群服务中心、“供销e家”、惠农网等为载体", kind="online_platform")
    f.node("LS-CH-HUINONG", "Channel", "惠农网", "以党群服务中心、“供销e家”、惠农网等为载体", kind="online_platform")
    f.link(
        "LS-CH-GXEJ",
        "LS-FUND",
        "DONATES_TO",
        "供销e家销售额和电商协会会员费的3%捐助",
        rate=0.03,
        note="share of 供销e家 sales",
    )
    f.link(
        "LS-ASSOC",
        "LS-FUND",
        "DONATES_TO",
        "供销e家销售额和电商协会会员费的3%捐助",
        rate=0.03,
        note="share of the association's membership fees",
    )


def _sales(f: Facts) -> None:
    f.figure(
        "F-LS-ONOFF-TONS",
        "线上线下销量",
        ("LS", "LS-PR-LYCHEE"),
        "sales_quantity",
        80000,
        "吨",
        "lower",
        _ONOFF,
        end=SO_FAR,
    )
    f.figure(
        "F-LS-ONOFF-AMOUNT",
        "线上线下销售额",
        ("LS", "LS-PR-LYCHEE"),
        "sales_amount",
        1000000000,
        "元",
        "lower",
        _ONOFF,
        end=SO_FAR,
    )
    f.node(
        "LS-CH-LAUNCH2019",
        "Channel",
        "2019年“电商+贫困户”结对销售荔枝首发仪式",
        _LAUNCH,
        kind="online_platform",
        start_date="2019-01-01",
        end_date="2019-12-31",
    )
    launch = ("LS-CH-LAUNCH2019", "LS-PR-FEIZIXIAO")
    f.figure(
        "F-LS-LAUNCH-PARCELS",
        "首发仪式发货",
        launch,
        "shipments",
        5000,
        "件",
        "exact",
        _LAUNCH_SALES,
        start="2019-01-01",
        end="2019-12-31",
    )
    f.figure(
        "F-LS-LAUNCH-JIN",
        "首发仪式销量",
        launch,
        "sales_quantity",
        50000,
        "斤",
        "exact",
        _LAUNCH_SALES,
        start="2019-01-01",
        end="2019-12-31",
    )
    f.figure(
        "F-LS-LAUNCH-AMOUNT",
        "首发仪式销售金额",
        launch,
        "sales_amount",
        800000,
        "元",
        "lower",
        _LAUNCH_SALES,
        start="2019-01-01",
        end="2019-12-31",
    )
    f.figure(
        "F-LS-LAUNCH-DONATION",
        "每件荔枝捐款",
        launch,
        "donation_per_unit",
        1,
        "件",
        "exact",
        "每销售1件荔枝,电商就捐出1元钱助力扶贫",
        note="yuan per parcel sold",
    )
    f.node(
        "LS-CH-FAIRS",
        "Channel",
        "贫困村名优特产展销会",
        "灵山县通过举办“灵山荔枝文化旅游节—贫困村名优特产展销会”",
        kind="fair",
    )
    f.figure("F-LS-FAIRS-COUNT", "展销场次", "LS-CH-FAIRS", "count", 20, "场", "exact", _FAIRS, end=SO_FAR)
    f.figure(
        "F-LS-FAIRS-AMOUNT",
        "展销金额",
        "LS-CH-FAIRS",
        "sales_amount",
        3000000,
        "元",
        "exact",
        _FAIRS,
        end=SO_FAR,
        note="多达 (as much as) read as the stated value",
    )
    f.node(
        "LS-CH-FAIR2019",
        "Channel",
        "2019年灵山县荔枝文化旅游节“一村一品”扶贫名优特产联展会",
        _FAIR2019,
        kind="fair",
        start_date="2019-01-01",
        end_date="2019-12-31",
    )
    f.link("LS-CH-FAIR2019", "LS-CH-FAIRS", "SELLS_THROUGH", _FAIR2019)
    year = {"start": "2019-01-01", "end": "2019-12-31"}
    f.figure(
        "F-LS-FAIR2019-VILLAGES",
        "参展贫困村",
        "LS-CH-FAIR2019",
        "exhibiting_villages",
        121,
        "个",
        "exact",
        _FAIR2019_SALES,
        **year,
    )
    f.figure(
        "F-LS-FAIR2019-PRODUCTS",
        "参展名优特产",
        "LS-CH-FAIR2019",
        "exhibited_products",
        200,
        "个",
        "lower",
        _FAIR2019_SALES,
        **year,
    )
    f.figure(
        "F-LS-FAIR2019-VISITORS",
        "参观客商(游客)",
        "LS-CH-FAIR2019",
        "visitors",
        10000,
        "人次",
        "lower",
        _FAIR2019_SALES,
        **year,
    )
    f.figure(
        "F-LS-FAIR2019-AMOUNT",
        "联展会销售成交金额",
        "LS-CH-FAIR2019",
        "sales_amount",
        200000,
        "元",
        "approximate",
        _FAIR2019_SALES,
        **year,
    )
    f.node(
        "LS-CH-SUPERMARKET",
        "Channel",
        "大型超市专柜",
        "开展“贫困村特色物产进超市”行动,对接大型超市“开辟”专柜",
        kind="supermarket",
    )


def _matchmakers(f: Facts) -> None:
    f.node("LS-CADRES", "Cadre", "驻村扶贫工作队员", _MATCH)
    f.figure("F-LS-MATCHMAKERS-COUNT", "驻村扶贫工作队员", "LS-CADRES", "count", 964, "人", "exact", _MATCH)
    f.node("LS-CH-TRADERS", "Channel", "外地客商、本地农商城批发商和商贩", _PINGWANG_SALES, kind="trader")
    f.node("LS-CH-WECHAT", "Channel", "微信朋友圈", _MATCH_WAYS, kind="social_commerce")
    q1 = ("LS-CADRES", "LS-CH-TRADERS", "LS-CH-WECHAT")
    f.figure(
        "F-LS-Q1-JIN",
        "第一季度帮助销售",
        q1,
        "sales_quantity",
        4600000,
        "斤",
        "lower",
        _Q1,
        start="2020-01-01",
        end="2020-03-31",
    )
    f.figure(
        "F-LS-Q1-AMOUNT",
        "第一季度销售额",
        q1,
        "sales_amount",
        7500000,
        "元",
        "lower",
        _Q1,
        start="2020-01-01",
        end="2020-03-31",
    )
    f.link("LS-CADRES", "LS-V-PINGWANG", "PAIRS_WITH", _PINGWANG_SALES)
    f.link("LS-AU", "LS-V-PINGWANG", "PAIRS_WITH", _PINGWANG_SALES)
    f.figure(
        "F-LS-PINGWANG-AREA",
        "平王村柑桔种植面积",
        ("LS-V-PINGWANG", "LS-PR-CITRUS"),
        "planted_area",
        1500,
        "亩",
        "lower",
        _PINGWANG,
    )
    f.figure(
        "F-LS-PINGWANG-YIELD",
        "平王村柑桔挂果",
        ("LS-V-PINGWANG", "LS-PR-CITRUS"),
        "yield",
        6000000,
        "斤",
        "lower",
        _PINGWANG,
    )
    f.figure(
        "F-LS-PINGWANG-AMOUNT",
        "平王村柑桔销售额",
        ("LS-V-PINGWANG", "LS-CH-TRADERS", "LS-CH-WECHAT"),
        "sales_amount",
        18000000,
        "元",
        "lower",
        _PINGWANG_SALES,
        start="2020-01-01",
        end=SO_FAR,
        note="during the epidemic (疫情防控期间) of 2020",
    )


def _party(f: Facts) -> None:
    f.node("M-PB-COOP-HH-BASE", "Model", "党支部+合作社+农户+基地", _PARTY_MODEL)
    f.link("LS", "M-PB-COOP-HH-BASE", "APPLIES", _PARTY_MODEL)
    f.node("M-PB-COOP-ENT-HH", "Model", "党支部+合作社+企业+农户", _PENSHAN)
    f.link("LS-V-PENSHAN", "M-PB-COOP-ENT-HH", "APPLIES", _PENSHAN)
    f.node("LS-PB-PENSHAN", "PartyBranch", "盆山村党支部", _PENSHAN, village="LS-V-PENSHAN")
    f.node("LS-COOP-PENSHAN", "Cooperative", "盆山村合作社", _PENSHAN_CHAIN, village="LS-V-PENSHAN")
    f.node("LS-ENT-PENSHAN", "Enterprise", "盆山村引进的加工企业", _PENSHAN_CHAIN, village="LS-V-PENSHAN")
    f.link("LS-PB-PENSHAN", "LS-COOP-PENSHAN", "LEADS", _PENSHAN)
    f.link("LS-COOP-PENSHAN", "LS-ENT-PENSHAN", "SUPPLIES", _PENSHAN_CHAIN)
    f.figure(
        "F-LS-PENSHAN-AREA",
        "盆山村玉兰花种植面积",
        ("LS-V-PENSHAN", "LS-PR-MAGNOLIA"),
        "planted_area",
        1500,
        "亩",
        "lower",
        "全村种植玉兰花1500多亩",
    )
    f.figure(
        "F-LS-PENSHAN-COVERAGE",
        "玉兰花覆盖农户",
        "LS-V-PENSHAN",
        "household_coverage",
        90,
        "%",
        "exact",
        "覆盖全村90%的农户",
    )
    f.figure(
        "F-LS-PENSHAN-COLLECTIVE",
        "盆山村村级集体经济",
        "LS-V-PENSHAN",
        "collective_income",
        80000,
        "元",
        "lower",
        "实现村级集体经济8万多元",
    )


def _liao(f: Facts) -> None:
    f.node("LS-P-LIAO", "Person", "廖春兴", _LIAO, village="LS-V-XINDA", claimed_households=26)
    f.link("LS-P-LIAO", "LS-CH-ONLINE", "SELLS_THROUGH", _LIAO_CHANNEL)
    f.figure(
        "F-LS-LIAO-HOUSEHOLDS",
        "廖春兴带动贫困户",
        "LS-P-LIAO",
        "households_helped",
        26,
        "户",
        "exact",
        "还带动了26户贫困户发展荔枝产业",
    )
    f.figure(
        "F-LS-LIAO-ANNUAL",
        "廖春兴每年为贫困群众销售农产品",
        "LS-P-LIAO",
        "annual_sales_amount",
        100000,
        "元",
        "lower",
        "每年为贫困群众销售农产品10多万元",
    )


def lingshan() -> Facts:
    """Every fact of the Lingshan article."""
    f = Facts(LINGSHAN)
    for part in (_places, _products, _backing, _chain, _fund, _sales, _matchmakers, _party, _liao):
        part(f)
    return f
