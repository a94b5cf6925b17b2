"""Coverage by area, concentration, overlap and support-only households, worked out by hand."""

import pytest
from lianjie.base.errors import LianjieError
from lianjie.loaders import load
from lianjie.queries.coverage import concentration, coverage, overlap, support_only
from toy_graphs import LINK_HEADER, NODE_HEADER, TOY_LINKS, TOY_NODES

AREA_HEADER = ["id", "type", "name", "poor", "village"]
# county K > towns T1 (villages V1, V2) and T2 (village V3); f has no village
AREA_NODES = [
    ["K", "County", "县", None, None],
    ["T1", "Town", "一镇", None, None],
    ["T2", "Town", "二镇", None, None],
    ["V1", "Village", "一村", None, None],
    ["V2", "Village", "二村", None, None],
    ["V3", "Village", "三村", None, None],
    ["a", "Household", "a", "true", "V1"],
    ["b", "Household", "b", "true", "V1"],
    ["c", "Household", "c", "true", "V2"],
    ["d", "Household", "d", "false", "V2"],
    ["e", "Household", "e", "true", "V3"],
    ["f", "Household", "f", "true", None],
    ["q", "Cooperative", "社", None, None],
    ["ch", "Channel", "渠道", None, None],
]
AREA_LINKS = [
    ["T1", "K", "LOCATED_IN"],
    ["T2", "K", "LOCATED_IN"],
    ["V1", "T1", "LOCATED_IN"],
    ["V2", "T1", "LOCATED_IN"],
    ["V3", "T2", "LOCATED_IN"],
    ["a", "q", "SUPPLIES"],
    ["c", "q", "SUPPLIES"],
    ["d", "q", "SUPPLIES"],
    ["f", "ch", "SUPPLIES"],
    ["q", "ch", "SELLS_THROUGH"],
]


@pytest.fixture
def areas(store, dataset_dir):
    load(store, [dataset_dir(AREA_NODES, AREA_LINKS, AREA_HEADER, ["source", "target", "type"])])
    return store


@pytest.fixture
def toy(store, dataset_dir):
    load(store, [dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER)])
    return store


def _rates(rows):
    return {r["area"]: (r["poor_households"], r["covered_poor"], r["coverage_rate"]) for r in rows}


def test_coverage_by_village_town_and_county(areas):
    assert _rates(coverage(areas, "village")) == {
        "V1": (2, 1, 0.5),
        "V2": (1, 1, 1.0),
        "V3": (1, 0, 0.0),
        None: (1, 1, 1.0),
    }
    assert _rates(coverage(areas, "town")) == {"T1": (3, 2, 0.6667), "T2": (1, 0, 0.0), None: (1, 1, 1.0)}
    assert _rates(coverage(areas, "County")) == {"K": (4, 2, 0.5), None: (1, 1, 1.0)}
    with pytest.raises(LianjieError, match="coverage is by village, town, county"):
        coverage(areas, "province")


def test_concentration_on_channels_and_enterprises(toy):
    channels = concentration(toy)
    # poor households reached: ch1 3 (h1 h2 h3), ch2 4 (h1 h2 h3 h6); shares 3/7 and 4/7
    assert channels["top_share"] == round(4 / 7, 4)
    assert channels["hhi"] == round(25 / 49, 4)
    assert [s["id"] for s in channels["shares"]] == ["ch2", "ch1"]
    enterprises = concentration(toy, "Enterprise")
    assert (enterprises["top_share"], enterprises["hhi"]) == (1.0, 1.0)


def test_overlap_matrix(toy):
    result = overlap(toy)
    assert result["channels"] == ["ch1", "ch2"]
    assert result["matrix"] == [[3, 3], [3, 4]]
    everyone = overlap(toy, poor_only=False)
    assert everyone["matrix"] == [[4, 4], [4, 5]]


def test_support_only(toy):
    assert support_only(toy) == [{"household": "h5", "poor": True, "support": ["PAIRS_WITH"]}]
