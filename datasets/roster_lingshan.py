"""Lingshan's synthetic roster: villages, households and their ledgers, at full scale.

* 19 towns (the 6 the article names and 13 synthetic ones) and 121 poor villages
  (盆山村 and 120 synthetic ones), besides the named villages 平王村 and 新大村.
* 18,182 registered-poor households (all lifted out, 2016-2020) of 82,718 people; 300
  households in 盆山村, 60 of them poor.
* Programmes (each realising a sentence of the article), with the article's totals:
  the coops of 30 party-branch-led 党支部+合作社+农户+基地 villages, with 盆山村's
  coop, hold exactly 2,651 poor households; 盆山村's coop holds 90 % of the village's
  households on 1,536 mu; 廖春兴 pairs with 26 poor households, 22 of which sell
  through him; charity purchasing of exactly 500,000 jin, 30,000 birds and 526 pigs;
  the county head's livestream 103,800 jin for exactly 1,000,000 yuan; fairs of exactly
  3,000,000 yuan, 200,000 of them at the 2019 fair by one household of each of the 121
  poor villages; the 2019 lychee launch of exactly 50,000 jin; the matchmakers' first
  quarter of 2020, 4,636,000 jin for 7,548,000 yuan, including every poor household of
  平王村; 3,800 households supplying the e-commerce firms, which claim 5,000; 1,200
  consigning to the village service points, which sell through 供销e家.
* About 6 % of poor households are left out of every programme; the others are picked
  preferring those no programme reaches yet, so most are reached once or twice.
"""

from __future__ import annotations

from .roster import Roster, adjust, split_total

POOR_HOUSEHOLDS = 18182
POOR_PEOPLE = 82718
POOR_VILLAGES = 121
COOPERATIVE_POOR_MEMBERS = 2651
NAMED_POOR = {"LS-V-XINDA": 41, "LS-V-PINGWANG": 180, "LS-V-PENSHAN": 60}
PENSHAN_OTHERS = 240
PARTY_VILLAGES = 30
LEFT_OUT = 0.06
_SIZES = {1: 6, 2: 10, 3: 14, 4: 17, 5: 17, 6: 14, 7: 10, 8: 7, 9: 5}
_YEARS = (2016, 2017, 2018, 2019, 2020)
_INDUSTRIES = ("CITRUS", "LYCHEE", "RICE", "SUGARCANE")
_PRICE = {"CITRUS": 3, "LYCHEE": 6, "RICE": 2, "SUGARCANE": 1}
Q1 = {"start_date": "2020-01-01", "end_date": "2020-03-31"}
Y2019 = {"start_date": "2019-01-01", "end_date": "2019-12-31"}


def _places(r: Roster) -> list[str]:
    towns = ["LS-T-XINXU", "LS-T-BOLAO", "LS-T-SANHAI", "LS-T-LINGCHENG", "LS-T-SHITANG", "LS-T-FENGTANG"]
    for i in range(1, 14):
        towns.append(r.node(f"LS-T-S{i:02d}", "Town", name=f"灵山模拟乡镇{i:02d}"))
        r.link(towns[-1], "LS", "LOCATED_IN")
    villages = []
    for i in range(1, POOR_VILLAGES):
        villages.append(r.node(f"LS-V-{i:03d}", "Village", name=f"灵山模拟贫困村{i:03d}", poor_village=True))
        r.link(villages[-1], r.rng.choice(towns), "LOCATED_IN")
    return villages


def _households(r: Roster, villages: list[str]) -> tuple[dict[str, list[str]], list[str]]:
    """Registered-poor households by village, and 盆山村's other households."""
    counts = dict(NAMED_POOR)
    rest = POOR_HOUSEHOLDS - sum(NAMED_POOR.values())
    counts.update(zip(villages, split_total(r.rng, rest, len(villages), 100, 200)))
    sizes = r.rng.choices(list(_SIZES), weights=list(_SIZES.values()), k=POOR_HOUSEHOLDS)
    sizes = adjust(r.rng, sizes, POOR_PEOPLE, 1, 9)
    made, at = {}, 0
    for village, n in counts.items():
        made[village] = r.households("LS-H", village, n, sizes[at : at + n], _YEARS)
        at += n
    sizes = split_total(r.rng, 1080, PENSHAN_OTHERS, 2, 7)
    return made, r.households("LS-H", "LS-V-PENSHAN", PENSHAN_OTHERS, sizes, _YEARS, poor=False)


def _penshan(r: Roster, poor: list[str], others: list[str]) -> int:
    """盆山村: 90 % of households in the coop on 1,536 mu; 12 work for the processor. Returns poor members."""
    households = poor + others
    members = sorted(r.rng.sample(households, len(households) * 9 // 10))
    r.reached(members)
    r.deliveries(members, "LS-COOP-PENSHAN", "MEMBER_OF", quantity=(1536, 2, 9), unit="亩")
    workers = r.preferring_unreached(poor, 12)
    r.deliveries(
        workers,
        "LS-ENT-PENSHAN",
        "EMPLOYED_BY",
        amount=(118000, 6000, 15000),
        mechanism="wage_employment",
        start_date="2020-01-01",
        end_date="2020-12-08",
    )
    r.link("LS-ENT-PENSHAN", "LS-CH-TRADERS", "SELLS_THROUGH")
    return len(set(members) & set(poor))


def _xinda(r: Roster, households: list[str]) -> None:
    """新大村: 廖春兴 pairs with 26 poor households; 22 of them sell through him, 103,600 yuan in 2019."""
    paired = sorted(r.rng.sample(households, 26))
    for h in paired:
        r.link("LS-P-LIAO", h, "PAIRS_WITH", mechanism="pairing")
    sellers = sorted(r.rng.sample(paired, 22))
    r.reached(sellers)
    r.deliveries(sellers, "LS-P-LIAO", "SUPPLIES", amount=(103600, 2000, 8000), mechanism="consignment", **Y2019)


def _party_villages(r: Roster, villages: list[str], households: dict[str, list[str]], members_total: int) -> None:
    """党支部+合作社+农户+基地 in 30 poor villages: the branch leads the coop, the coop sells to the base."""
    chosen = sorted(r.rng.sample(villages, PARTY_VILLAGES))
    for j, (village, members_n) in enumerate(zip(chosen, split_total(r.rng, members_total, PARTY_VILLAGES, 60, 100))):
        num = village.rsplit("-", 1)[1]
        product = _INDUSTRIES[j % len(_INDUSTRIES)]
        branch = r.node(f"LS-PB-{num}", "PartyBranch", name=f"灵山模拟贫困村{num}党支部", village=village)
        coop = r.node(f"LS-COOP-{num}", "Cooperative", name=f"灵山模拟贫困村{num}合作社", village=village)
        base = r.node(f"LS-BASE-{num}", "Base", name=f"灵山模拟贫困村{num}基地", village=village)
        r.link(branch, coop, "LEADS")
        r.link(coop, base, "SUPPLIES")
        r.link(village, f"LS-PR-{product}", "PRODUCES")
        outlet = ("LS-ENT-ECOM", "LS-CH-SUPERMARKET", "LS-CH-TRADERS")[j % 3]
        r.link(base, outlet, "SUPPLIES" if outlet == "LS-ENT-ECOM" else "SELLS_THROUGH")
        if j % 5 == 0 and outlet != "LS-CH-SUPERMARKET":
            r.link(base, "LS-CH-SUPERMARKET", "SELLS_THROUGH")
        members = sorted(r.rng.sample(households[village], members_n))
        r.reached(members)
        for h in members:
            r.link(h, coop, "MEMBER_OF")
        sellers = sorted(r.rng.sample(members, members_n * 7 // 10))
        quantity = sum(r.rng.randint(300, 3000) for _ in sellers)
        r.deliveries(
            sellers,
            base,
            "SUPPLIES",
            quantity=(quantity, 300, 3000),
            amount=quantity * _PRICE[product],
            mechanism="order_purchase",
            unit="斤",
        )


def _county_wide(r: Roster, pool: list[str], pingwang: list[str], poor_villages: dict[str, list[str]]) -> None:
    """The programmes open to every poor household not left out."""
    ecom = r.preferring_unreached(pool, 3800)
    r.deliveries(ecom, "LS-ENT-ECOM", "SUPPLIES", amount=(15200000, 800, 12000), mechanism="order_purchase")
    _charity(r, pool)
    live = r.preferring_unreached(pool, 1500)
    r.deliveries(
        live,
        "LS-CH-LIVE",
        "SUPPLIES",
        quantity=(103800, 40, 250),
        amount=1000000,
        unit="斤",
        mechanism="consignment",
        start_date="2020-02-01",
        end_date="2020-04-30",
    )
    in_pool = set(pool)
    fair2019 = [r.preferring_unreached([h for h in hs if h in in_pool], 1)[0] for hs in poor_villages.values()]
    r.deliveries(fair2019, "LS-CH-FAIR2019", "SUPPLIES", amount=(200000, 600, 3000), mechanism="consignment", **Y2019)
    fairs = r.preferring_unreached(pool, 2500)
    r.deliveries(fairs, "LS-CH-FAIRS", "SUPPLIES", amount=(2800000, 500, 4000), mechanism="consignment")
    launch = r.preferring_unreached(pool, 150)
    points = r.preferring_unreached(pool, 1200)
    r.deliveries(points, "LS-POINTS", "SUPPLIES", mechanism="consignment")
    r.link("LS-POINTS", "LS-CH-GXEJ", "SELLS_THROUGH")
    r.deliveries(
        launch,
        "LS-CH-LAUNCH2019",
        "SUPPLIES",
        quantity=(50000, 150, 600),
        unit="斤",
        mechanism="order_purchase",
        **Y2019,
    )
    r.reached(pingwang)
    elsewhere = set(pingwang)
    matched = pingwang + r.preferring_unreached([h for h in pool if h not in elsewhere], 5000)
    channels = r.rng.choices(["LS-CH-TRADERS", "LS-CH-WECHAT"], weights=[7, 3], k=len(matched))
    r.deliveries(
        matched,
        channels,
        "SUPPLIES",
        quantity=(4636000, 200, 2500),
        amount=7548000,
        unit="斤",
        mechanism="cash_purchase",
        **Q1,
    )


def _charity(r: Roster, pool: list[str]) -> None:
    """爱心认购, 电商销售点, 爱心驿站: exactly 500,000 jin, 30,000 birds and 526 pigs, 5.0-6.0 million yuan."""
    buyers = r.preferring_unreached(pool, 6500)
    channels = ["LS-CH-CHARITY", "LS-CH-SALEPOINT", "LS-CH-YIZHAN"]

    def deliver(households: list[str], quantity: tuple[int, int, int], unit: str, price: int) -> None:
        to = r.rng.choices(channels, weights=[5, 3, 2], k=len(households))
        r.deliveries(
            households,
            to,
            "SUPPLIES",
            quantity=quantity,
            amount=quantity[0] * price,
            unit=unit,
            mechanism="charity_purchase",
        )

    deliver(buyers[:5600], (500000, 40, 250), "斤", 5)
    deliver(buyers[5600:] + buyers[:100], (30000, 10, 80), "羽", 66)
    deliver(sorted(r.rng.sample(buyers, 140)), (526, 1, 8), "头", 1800)


def _support(r: Roster, villages: list[str], households: list[str]) -> None:
    """Pairing of every poor village, and grants of the e-commerce poverty fund."""
    for village in ["LS-V-PENSHAN", *villages]:
        r.link("LS-AU", village, "PAIRS_WITH", mechanism="pairing")
        r.link("LS-CADRES", village, "PAIRS_WITH", mechanism="pairing")
    for grantees, total, low, high in ((villages, 600000, 20000, 40000), (households, 160000, 1000, 3000)):
        n = 20 if grantees is villages else 80
        for grantee, amount in zip(sorted(r.rng.sample(grantees, n)), split_total(r.rng, total, n, low, high)):
            r.link("LS-FUND", grantee, "FUNDS", amount=amount)


def lingshan_roster(r: Roster) -> None:
    """Add Lingshan's synthetic places, households and links to ``r``."""
    villages = _places(r)
    households, penshan_others = _households(r, villages)
    poor_members = _penshan(r, households["LS-V-PENSHAN"], penshan_others)
    _xinda(r, households["LS-V-XINDA"])
    _party_villages(r, villages, households, COOPERATIVE_POOR_MEMBERS - poor_members)
    poor = [h for hs in households.values() for h in hs]
    pingwang = set(households["LS-V-PINGWANG"])
    unreached = [h for h in poor if r.programmes[h] == 0 and h not in pingwang]
    left_out = set(r.rng.sample(unreached, round(LEFT_OUT * len(poor))))
    pool = [h for h in poor if h not in left_out]
    poor_villages = {v: households[v] for v in ["LS-V-PENSHAN", *villages]}
    _county_wide(r, pool, households["LS-V-PINGWANG"], poor_villages)
    _support(r, villages, poor)
