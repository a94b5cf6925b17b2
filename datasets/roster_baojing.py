"""Baojing's synthetic roster: the villages and households behind the two enterprises' claims.

* 林茵茶业's 7 deeply poor villages hold exactly its 1,435 registered-poor households of
  5,022 people; 林茵 pairs with each village and buys fresh tea for cash (Jan-May 2020) from
  1,180 of them; the 农村专业合作社 (200 members) sells to 林茵; 200 lease land to or
  supply the 溯源基地.
* 湘西韵莱's 9 citrus villages hold 1,046 registered-poor households: 620 supply it
  (2018-2019), 230 are members of its cooperative, 60 lease land to its processing base,
  and 213 are employed by it for 14,326 person-times in 2019; the other 8,134 of its
  22,460 person-times are worked by people outside the register, one synthetic Person.
* 320 poor households of both areas sell through the 乡村电商服务站点.
* About 5 % of poor households are left out of every programme.
Baojing's villages are placed in the county directly: the article names no town.
"""

from __future__ import annotations

from .roster import Roster, adjust, split_total

LINYIN_VILLAGES = 7
LINYIN_HOUSEHOLDS = 1435
LINYIN_PEOPLE = 5022
YUNLAI_VILLAGES = 9
YUNLAI_HOUSEHOLDS = 1046
YUNLAI_POOR_WORKERS = 213
POOR_PERSON_TIMES = 14326
ALL_PERSON_TIMES = 22460
LEFT_OUT = 0.05
_SIZES = {1: 10, 2: 18, 3: 20, 4: 18, 5: 14, 6: 10, 7: 6, 8: 4}
_YEARS = (2015, 2016, 2017, 2018, 2019)
SPRING_2020 = {"start_date": "2020-01-01", "end_date": "2020-05-12"}
YEARS_2018_2019 = {"start_date": "2018-01-01", "end_date": "2019-12-31"}
Y2019 = {"start_date": "2019-01-01", "end_date": "2019-12-31"}


def _villages(
    r: Roster, key: str, name: str, count: int, households: int, people: int | None, poor_village: bool | None
) -> list[str]:
    sizes = r.rng.choices(list(_SIZES), weights=list(_SIZES.values()), k=households)
    if people is not None:
        sizes = adjust(r.rng, sizes, people, 1, 8)
    made, at = [], 0
    for i, n in enumerate(split_total(r.rng, households, count, households // count - 40, households // count + 40), 1):
        props = {"name": f"{name}{i}"} | ({"poor_village": poor_village} if poor_village is not None else {})
        village = r.node(f"BJ-V-{key}{i}", "Village", **props)
        r.link(village, "BJ", "LOCATED_IN")
        made += r.households("BJ-H", village, n, sizes[at : at + n], _YEARS)
        at += n
    return made


def _linyin(r: Roster, pool: list[str]) -> None:
    villages = [f"BJ-V-L{i}" for i in range(1, LINYIN_VILLAGES + 1)]
    for village in villages:
        r.link("BJ-LINYIN", village, "PAIRS_WITH", mechanism="pairing")
    tea = r.preferring_unreached(pool, 1180)
    r.deliveries(
        tea,
        "BJ-LINYIN",
        "SUPPLIES",
        quantity=(354000, 60, 540),
        amount=4248000,
        unit="斤",
        mechanism="cash_purchase",
        **SPRING_2020,
    )
    for h in r.preferring_unreached(pool, 200):
        r.link(h, "BJ-COOP", "MEMBER_OF")
    r.link("BJ-COOP", "BJ-LINYIN", "SUPPLIES")
    base = r.preferring_unreached(pool, 200)
    r.deliveries(
        base[:140],
        "BJ-BASE",
        "LEASES_LAND_TO",
        quantity=(280, 1, 3),
        amount=224000,
        unit="亩",
        mechanism="land_rent",
        **Y2019,
    )
    r.deliveries(
        base[140:],
        "BJ-BASE",
        "SUPPLIES",
        quantity=(18000, 100, 500),
        amount=216000,
        unit="斤",
        mechanism="order_purchase",
        **SPRING_2020,
    )


def _yunlai(r: Roster, pool: list[str]) -> None:
    r.link("BJ-YUNLAI-COOP", "BJ-YUNLAI", "SUPPLIES")
    r.link("BJ-YUNLAI-BASE", "BJ-YUNLAI", "SUPPLIES")
    r.link("BJ-YUNLAI", "BJ-CH-LIVE", "SELLS_THROUGH")
    fruit = r.preferring_unreached(pool, 620)
    r.deliveries(
        fruit,
        "BJ-YUNLAI",
        "SUPPLIES",
        quantity=(2480000, 1000, 7000),
        amount=5456000,
        unit="斤",
        mechanism="order_purchase",
        **YEARS_2018_2019,
    )
    for h in r.preferring_unreached(pool, 230):
        r.link(h, "BJ-YUNLAI-COOP", "MEMBER_OF")
    land = r.preferring_unreached(pool, 60)
    r.deliveries(
        land,
        "BJ-YUNLAI-BASE",
        "LEASES_LAND_TO",
        quantity=(150, 1, 4),
        amount=120000,
        unit="亩",
        mechanism="land_rent",
        **Y2019,
    )
    workers = r.preferring_unreached(pool, YUNLAI_POOR_WORKERS)
    r.deliveries(
        workers,
        "BJ-YUNLAI",
        "EMPLOYED_BY",
        quantity=(POOR_PERSON_TIMES, 20, 120),
        amount=POOR_PERSON_TIMES * 110,
        unit="人次",
        mechanism="wage_employment",
        **Y2019,
    )
    others = r.node("BJ-P-WORKERS", "Person", name="湘西韵莱的其他务工人员（非建档立卡户）")
    r.link(
        others,
        "BJ-YUNLAI",
        "EMPLOYED_BY",
        quantity=ALL_PERSON_TIMES - POOR_PERSON_TIMES,
        unit="人次",
        mechanism="wage_employment",
        **Y2019,
    )


def baojing_roster(r: Roster) -> None:
    """Add Baojing's synthetic villages, households and links to ``r``."""
    linyin = _villages(r, "L", "保靖模拟深度贫困村", LINYIN_VILLAGES, LINYIN_HOUSEHOLDS, LINYIN_PEOPLE, True)
    yunlai = _villages(r, "Y", "保靖模拟柑橘村", YUNLAI_VILLAGES, YUNLAI_HOUSEHOLDS, None, None)
    left_out = set(r.rng.sample(linyin + yunlai, round(LEFT_OUT * (len(linyin) + len(yunlai)))))
    _linyin(r, [h for h in linyin if h not in left_out])
    _yunlai(r, [h for h in yunlai if h not in left_out])
    station = r.preferring_unreached([h for h in linyin + yunlai if h not in left_out], 320)
    r.deliveries(station, "BJ-STATION", "SUPPLIES", mechanism="consignment")
    r.link("BJ-STATION", "BJ-CH-ONLINE", "SELLS_THROUGH")
