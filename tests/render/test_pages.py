"""Network pages, opened in a real headless Chromium: what is drawn matches the query, and a user can work it.

Expected values are worked out by hand from the toy graph in ``toy_graphs.py``:

    h1 -> c1 (two SUPPLIES, 1000 + 2500) ; h2 -MEMBER_OF-> c1 ; h3 -EMPLOYED_BY-> e1 ; h4 -> e1 ;
    c1 -> ch1 ; c1 <-> e1 ; e1 -> ch2 ; h6 -> ch2 (first half of 2020) ; k1 -PAIRS_WITH-> h5 -LOCATED_IN-> v1
"""

from __future__ import annotations

import re

import pytest
from browser import fetched, open_page
from lianjie.base.errors import LianjieError
from lianjie.loaders import load
from lianjie.queries import views
from lianjie.render import write_page
from lianjie.render.style import STATUS_STYLE
from selenium.webdriver.common.by import By
from toy_graphs import LINK_HEADER, NODE_HEADER, TOY_LINKS, TOY_NODES


@pytest.fixture
def toy(store, dataset_dir):
    load(store, [dataset_dir(TOY_NODES, TOY_LINKS, NODE_HEADER, LINK_HEADER)])
    return store


def _pairs(view: dict) -> dict[tuple[str, str], dict]:
    return {(e["source"], e["target"]): e for e in view["links"]}


def test_overview_draws_every_node_with_its_status_and_merges_parallel_links(toy):
    view = views.overview(toy)
    nodes = {n["id"]: n for n in view["nodes"]}
    assert set(nodes) == {"h1", "h2", "h3", "h4", "h5", "h6", "c1", "e1", "ch1", "ch2", "k1", "v1"}
    status = {i: n.get("status") for i, n in nodes.items() if n["class"] == "Household"}
    # h1-h3 reach ch1 and ch2; h6 only ch2; h5 none; h4 is not registered poor
    assert status == {
        "h1": "covered",
        "h2": "covered",
        "h3": "covered",
        "h4": "not_poor",
        "h5": "uncovered",
        "h6": "fragile",
    }
    merged = _pairs(view)[("h1", "c1")]
    assert (merged["count"], merged["types"], merged["amount"]) == (2, {"SUPPLIES": 2}, 3500.0)
    assert _pairs(view)[("k1", "h5")]["family"] == "support"
    assert len(view["links"]) == 11  # twelve stored links, the two h1 -> c1 deliveries merged
    # c1 claims 10 households, four are traced (h1, h2 direct; h3, h4 through e1 -> c1)
    assert (nodes["c1"]["claimed"], nodes["c1"]["traced"], nodes["c1"]["gap"]) == (10, 4, 6)
    assert nodes["h1"]["chains"] == [["h1", "c1", "ch1"], ["h1", "c1", "e1", "ch2"]]


def test_channel_view_holds_exactly_the_chains_into_that_channel(toy):
    view = views.channel_view(toy, "ch1")
    assert {n["id"] for n in view["nodes"]} == {"h1", "h2", "h3", "h4", "c1", "e1", "ch1"}
    assert set(_pairs(view)) == {
        ("h1", "c1"),
        ("h2", "c1"),
        ("h3", "e1"),
        ("h4", "e1"),
        ("c1", "e1"),
        ("e1", "c1"),
        ("c1", "ch1"),
    }
    with pytest.raises(LianjieError, match="no channel with id 'c1'"):
        views.channel_view(toy, "c1")


def test_household_view_shows_chains_or_dead_ends(toy):
    reached = views.household_view(toy, "h3")
    assert {n["id"] for n in reached["nodes"]} == {"h3", "e1", "c1", "ch1", "ch2"}
    h3 = next(n for n in reached["nodes"] if n["id"] == "h3")
    assert h3["chains"] == [["h3", "e1", "c1", "ch1"], ["h3", "e1", "ch2"]]
    alone = views.household_view(toy, "h5")
    assert {n["id"] for n in alone["nodes"]} == {"h5", "k1", "v1"}
    assert set(_pairs(alone)) == {("k1", "h5"), ("h5", "v1")}
    assert "dead-end" in alone["notes"][-1]


def test_as_of_and_mechanism_change_what_is_drawn_as_the_audit_does(toy):
    import datetime as dt

    later = views.overview(toy, as_of=dt.date(2021, 1, 1))
    h6 = next(n for n in later["nodes"] if n["id"] == "h6")
    assert h6["status"] == "uncovered"  # its only link ended in June 2020
    wages = views.overview(toy, mechanisms=["wage_employment"])
    status = {n["id"]: n.get("status") for n in wages["nodes"]}
    assert (status["h3"], status["h1"]) == ("covered", "uncovered")


def test_around_and_area_views(toy):
    around = views.around_view(toy, "e1", depth=1)
    assert {n["id"] for n in around["nodes"]} == {"e1", "c1", "h3", "h4", "ch2"}
    area = views.area_view(toy, "v1")
    assert {"v1", "h5", "k1"} <= {n["id"] for n in area["nodes"]}
    with pytest.raises(LianjieError, match="village, town or county"):
        views.area_view(toy, "h1")


# Two villages in one town: households rolled up per village and status when asked to.
PLACES_NODES = [
    ["t1", "Town", "一镇", None, None, None],
    ["v1", "Village", "一村", None, None, None],
    ["v2", "Village", "二村", None, None, None],
    ["c1", "Cooperative", "合作社一", None, None, "v1"],
    ["ch1", "Channel", "直播", None, None, None],
    *[[f"a{i}", "Household", f"户a{i}", "true", None, "v1"] for i in range(5)],  # a0-a2 reached, a3-a4 not
    *[[f"b{i}", "Household", f"户b{i}", "true" if i < 2 else "false", None, "v2"] for i in range(3)],
]
PLACES_LINKS = [
    *[[f"a{i}", "c1", "SUPPLIES", None, 100, None, None] for i in range(3)],
    ["b0", "c1", "MEMBER_OF", None, None, None, None],
    ["c1", "ch1", "SELLS_THROUGH", None, None, None, None],
    ["v1", "t1", "LOCATED_IN", None, None, None, None],
    ["v2", "t1", "LOCATED_IN", None, None, None, None],
]


@pytest.fixture
def places(store, dataset_dir):
    header = [*NODE_HEADER, "village"]
    load(store, [dataset_dir(PLACES_NODES, PLACES_LINKS, header, LINK_HEADER)])
    return store


def test_households_roll_up_per_village_and_status(places):
    view = views.overview(places, individual=0)
    groups = {n["id"]: n["count"] for n in view["nodes"] if n.get("group")}
    # v1: a0-a2 fragile (only ch1), a3-a4 uncovered; v2: b0 fragile, b1 uncovered, b2 not poor
    assert groups == {
        "group:v1:fragile": 3,
        "group:v1:uncovered": 2,
        "group:v2:fragile": 1,
        "group:v2:uncovered": 1,
        "group:v2:not_poor": 1,
    }
    links = _pairs(view)
    assert links[("group:v1:fragile", "c1")]["count"] == 3 and links[("group:v1:fragile", "c1")]["amount"] == 300.0
    hidden = views.overview(places, individual=0, suppress_below=3)
    shown = {n["id"]: (n["count"], n["label"]) for n in hidden["nodes"] if n.get("group")}
    assert shown["group:v1:fragile"] == (3, "一村 · 3")
    assert shown["group:v1:uncovered"] == (None, "一村 · <3")
    assert hidden["statuses"]["fragile"] == 4 and hidden["statuses"]["not_poor"] is None


def test_organisations_too_many_are_grouped_per_village(store, dataset_dir):
    """c1 sits in v1 and c2 in v2; c3 and c4 sit nowhere: c3 takes v2 (two of its three households), c4 v1."""
    nodes = [
        *PLACES_NODES,
        ["c2", "Cooperative", "合作社二", None, None, "v2"],
        ["c3", "Cooperative", "合作社三", None, None, None],
        ["c4", "Cooperative", "合作社四", None, None, None],
    ]
    links = [
        *PLACES_LINKS,
        *[[h, "c3", "SUPPLIES", None, 10, None, None] for h in ("b0", "b1", "a0")],
        *[[h, "c4", "MEMBER_OF", None, None, None, None] for h in ("a3", "a4")],
        ["c2", "ch1", "SELLS_THROUGH", None, None, None, None],
    ]
    load(store, [dataset_dir(nodes, links, [*NODE_HEADER, "village"], LINK_HEADER)])
    assert not any(n.get("group") for n in views.overview(store)["nodes"] if n["class"] == "Cooperative")
    view = views.overview(store, individual=0, organisations=3)
    groups = {n["id"]: n["count"] for n in view["nodes"] if n["class"] == "Cooperative"}
    assert groups == {"group:Cooperative:v1": 2, "group:Cooperative:v2": 2}  # c1 + c4, c2 + c3; none alone
    counts = {pair: e["count"] for pair, e in _pairs(view).items()}
    # a0-a2 supply c1 (v1) and a0 supplies c3 (v2); a3, a4 (uncovered) join c4; b0 joins c1 and supplies c3
    assert counts[("group:v1:fragile", "group:Cooperative:v1")] == 3
    assert counts[("group:v1:fragile", "group:Cooperative:v2")] == 1
    assert counts[("group:v1:uncovered", "group:Cooperative:v1")] == 2
    assert counts[("group:v2:fragile", "group:Cooperative:v1")] == 1
    assert counts[("group:Cooperative:v1", "ch1")] == counts[("group:Cooperative:v2", "ch1")] == 1
    assert any("one node per class and village" in note for note in view["notes"])


def test_page_works_offline_in_chromium(toy, browser, tmp_path):
    page = write_page(toy.onto, views.overview(toy), tmp_path / "overview.html")
    html = open(page["path"], encoding="utf-8").read()
    assert re.search(r'http-equiv="Content-Security-Policy" content="default-src \'none\'', html)
    assert "<script src=" not in html and "<link " not in html
    console = open_page(browser, page["path"])
    assert [e for e in console if e["level"] in ("SEVERE", "WARNING")] == []
    assert fetched(browser) == []
    drawn = browser.execute_script("return window.lianjie.nodes.getIds()")
    assert sorted(drawn) == sorted(["h1", "h2", "h3", "h4", "h5", "h6", "c1", "e1", "ch1", "ch2", "k1", "v1"])
    assert browser.execute_script("return window.lianjie.edges.length") == 11
    colour = browser.execute_script(
        "var n = window.lianjie.nodes; return ['h5','h6','h1','h4'].map(i => n.get(i).color.background)"
    )
    assert colour == [STATUS_STYLE[s][0] for s in ("uncovered", "fragile", "covered", "not_poor")]
    # c1 claims 10 households and traces 4: ringed; e1 claims 3 and traces 4: not
    rings = browser.execute_script(
        "var n = window.lianjie.nodes; return [n.get('c1').borderWidth, n.get('e1').borderWidth]"
    )
    assert rings == [3, None]


def test_search_and_click_show_details_provenance_and_chains(toy, browser, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page = write_page(toy.onto, views.overview(toy), tmp_path / "overview.html")
    open_page(browser, page["path"])
    box = browser.find_element(By.ID, "search")
    box.send_keys("合作社")
    results = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#results li")]
    assert results == ["合作社一 · c1"]
    box.send_keys(Keys.ENTER)
    assert browser.execute_script("return window.lianjie.network.getSelectedNodes()") == ["c1"]
    details = browser.find_element(By.ID, "details").text
    assert "合作社一" in details and "10" in details and "4" in details  # claimed 10, traced 4
    # a real click on household h1 where the canvas draws it
    browser.execute_script("window.lianjie.network.fit({animation: false})")
    x, y = browser.execute_script(
        "var p = window.lianjie.network.getPositions(['h1']).h1; var d = window.lianjie.network.canvasToDOM(p);"
        "return [d.x, d.y]"
    )
    canvas = browser.find_element(By.CSS_SELECTOR, "#network canvas")
    size = canvas.size
    ActionChains(browser).move_to_element_with_offset(
        canvas, x - size["width"] / 2, y - size["height"] / 2
    ).click().perform()
    chains = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#chains li")]
    assert chains == ["h1 → 合作社一 (c1) → 直播 (ch1)", "h1 → 合作社一 (c1) → 企业一 (e1) → 超市 (ch2)"]


def test_filters_hide_a_class_and_a_link_family(toy, browser, tmp_path):
    from selenium.webdriver.common.by import By

    page = write_page(toy.onto, views.overview(toy), tmp_path / "overview.html")
    open_page(browser, page["path"])
    browser.find_element(By.CSS_SELECTOR, '#legend input[data-key="family:support"]').click()
    hidden = browser.execute_script(
        "return window.lianjie.edges.get({filter: e => e.hidden}).map(e => e.from + '>' + e.to)"
    )
    assert sorted(hidden) == ["h5>v1", "k1>h5"]
    browser.find_element(By.CSS_SELECTOR, '#legend input[data-key="class:Channel"]').click()
    hidden = browser.execute_script("return window.lianjie.nodes.get({filter: n => n.hidden}).map(n => n.id)")
    assert sorted(hidden) == ["ch1", "ch2"]


def test_chinese_labels_render_as_glyphs(browser, tmp_path, onto):
    """Two different characters drawn in the page's font stack differ; missing glyphs would draw the same box."""
    view = {
        "view": "t",
        "title": "农户 合作社",
        "nodes": [{"id": "x", "class": "Channel", "label": "直播"}],
        "links": [],
    }
    page = write_page(onto, view, tmp_path / "cjk.html")
    open_page(browser, page["path"])
    same = browser.execute_script(
        """
        function draw(ch) {
          var c = document.createElement('canvas'); c.width = 40; c.height = 40;
          var g = c.getContext('2d'); g.font = '28px ' + window.lianjie.data.font; g.fillText(ch, 4, 32);
          return c.toDataURL();
        }
        return draw('农') === draw('户');
        """
    )
    assert same is False
    assert browser.execute_script("return document.fonts.check('16px \"Noto Sans CJK SC\"')") is True


def test_a_large_page_draws_every_node_and_link_in_its_first_frame(browser, tmp_path, onto):
    nodes = [{"id": f"c{i}", "class": "Cooperative", "label": f"社{i}"} for i in range(1600)]
    nodes += [{"id": f"ch{j}", "class": "Channel", "label": f"渠道{j}"} for j in range(4)]
    links = [
        {"source": f"c{i}", "target": f"ch{k}", "family": "market", "types": {"SELLS_THROUGH": 1}, "count": 1}
        for i in range(1600)
        for k in (i % 4, (i + 1) % 4)
    ]
    view = {"view": "t", "title": "large", "nodes": nodes, "links": links, "notes": []}
    page = write_page(onto, view, tmp_path / "large.html")
    console = open_page(browser, page["path"], timeout=120)
    assert browser.execute_script("return window.lianjie.isComplete()") is True
    drawn = browser.execute_script("var l = window.lianjie; return [l.nodes.length, l.edges.length, l.links.drawn()]")
    assert drawn == [1604, 3200, 3200]
    assert [e for e in console + browser.get_log("browser") if e["level"] == "SEVERE"] == []
    assert "without arrowheads" in open(page["path"], encoding="utf-8").read()


def test_a_click_on_a_link_shows_its_merged_counts(toy, browser, tmp_path):
    """Links are drawn by the page's own layer: a click half-way along h1 -> c1 finds that merged link."""
    page = write_page(toy.onto, views.overview(toy), tmp_path / "overview.html")
    open_page(browser, page["path"])
    x, y = browser.execute_script(
        "var net = window.lianjie.network, p = net.getPositions(['h1', 'c1']);"
        "var d = net.canvasToDOM({x: (p.h1.x + p.c1.x) / 2, y: (p.h1.y + p.c1.y) / 2}); return [d.x, d.y]"
    )
    _click_canvas(browser, x, y)
    details = browser.find_element(By.ID, "details").text
    assert "h1 → 合作社一 (c1)" in details and "SUPPLIES ×2" in details and "3,500" in details
    chosen = browser.execute_script(
        "var l = window.lianjie; return l.edges.get(l.links.selected()).map(e => e.from + '>' + e.to)"
    )
    assert chosen == ["h1>c1"]
    # a click on empty canvas far from any link selects nothing
    _click_canvas(browser, 5, 5)
    assert browser.execute_script("return window.lianjie.links.selected()") == []


def _click_canvas(browser, x: float, y: float) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    canvas = browser.find_element(By.CSS_SELECTOR, "#network canvas")
    size = canvas.size
    ActionChains(browser).move_to_element_with_offset(
        canvas, x - size["width"] / 2, y - size["height"] / 2
    ).click().perform()


def _lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* of an sRGB colour (D65)."""
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92 for c in rgb)
    x, y, z = (
        (r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047,
        r * 0.2126 + g * 0.7152 + b * 0.0722,
        (r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883,
    )
    f = [v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116 for v in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def test_audit_colours_stay_clear_of_every_class_colour(onto):
    classes = [c.color for name, c in onto.classes.items() if name != "Household"]
    for status in ("uncovered", "fragile", "covered"):
        mine = _lab(STATUS_STYLE[status][0])
        nearest = min(sum((a - b) ** 2 for a, b in zip(mine, _lab(c))) ** 0.5 for c in classes)
        assert nearest >= 25, (status, nearest)


INSIDE = """
var net = window.lianjie.network, c = document.querySelector('#network canvas').getBoundingClientRect(), out = [];
net.body.data.nodes.getIds().forEach(function (id) {
  var b = net.getBoundingBox(id);
  var tl = net.canvasToDOM({x: b.left, y: b.top}), br = net.canvasToDOM({x: b.right, y: b.bottom});
  if (tl.x < 0 || tl.y < 0 || br.x > c.width || br.y > c.height) { out.push(id); }
});
return out;
"""


@pytest.mark.parametrize("width", [1500, 1280, 900])
def test_every_node_and_its_label_is_inside_the_window_after_load(browser, tmp_path, onto, width):
    """A household's chain ends at a channel with a long name, rightmost: its label must not run off the edge."""
    long_name = "电商渠道（县电商公共服务中心、电商平台、微信朋友圈）"
    view = {
        "view": "household",
        "title": "农户 h1",
        "nodes": [
            {"id": "v1", "class": "Village", "label": "新大村"},
            {"id": "h1", "class": "Household", "label": "h1", "status": "fragile"},
            {"id": "p1", "class": "Person", "label": "廖春兴"},
            {"id": "ch1", "class": "Channel", "label": long_name},
            {"id": "ch2", "class": "Channel", "label": "微信朋友圈"},
        ],
        "links": [
            {"source": "h1", "target": "v1", "family": "support", "types": {"LOCATED_IN": 1}, "count": 1},
            {"source": "h1", "target": "p1", "family": "market", "types": {"SUPPLIES": 1}, "count": 1},
            {"source": "p1", "target": "ch1", "family": "market", "types": {"SELLS_THROUGH": 1}, "count": 1},
            {"source": "h1", "target": "ch2", "family": "market", "types": {"SUPPLIES": 1}, "count": 1},
        ],
    }
    page = write_page(onto, view, tmp_path / "household.html")
    size = browser.get_window_size()
    browser.set_window_size(width, 900)
    try:
        open_page(browser, page["path"])
        assert browser.execute_script("return window.lianjie.nodes.length") == 5
        assert browser.execute_script(INSIDE) == []
        browser.execute_script("window.lianjie.network.moveTo({position: {x: 5000, y: 0}, scale: 3})")
        browser.find_element(By.ID, "fit").click()  # the fit button brings every node back in
        assert browser.execute_script(INSIDE) == []
    finally:
        browser.set_window_size(size["width"], size["height"])
