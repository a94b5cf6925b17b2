"""Every value a dataset carries stays text in lianjie's HTML pages, in a real headless Chromium."""

from __future__ import annotations

import pytest
from browser import browser, open_page  # noqa: F401  (the fixture)
from click.testing import CliRunner
from lianjie.cli import main

PAYLOAD = "<img src=x onerror=alert(1)>"
#: Each sets a flag if it ever runs as code; none may.
RUNNERS = [
    '<img src=x onerror="window.__ran=(window.__ran||0)+1">',
    "</script><script>window.__ran=(window.__ran||0)+1</script>",
    '"><svg onload="window.__ran=(window.__ran||0)+1">',
    "'-alert(1)-'",
    "{{7*7}}${alert(1)}",
]

COUNT_INJECTED = """
return [...document.querySelectorAll('*')].filter(
  e => [...e.attributes].some(a => a.name.toLowerCase().startsWith('on'))
).length + document.querySelectorAll('img[src="x"], iframe').length
"""


@pytest.fixture
def hostile_store(tmp_path, store_location):
    names = [PAYLOAD, *RUNNERS]
    rows = ["id,type,name,poor,note,claimed_households"]
    rows += [f"h{i},Household,户{i},true,," for i in range(3)]
    rows += [f'"c{i}",Cooperative,"{n.replace(chr(34), chr(34) * 2)}",,,5' for i, n in enumerate(names)]
    rows += ['"ch<b>1</b>",Channel,"' + PAYLOAD + '",,"' + RUNNERS[0].replace('"', '""') + '",']
    links = ["source,target,type,mechanism,source_doc,quote"]
    links += [
        f'h{i},c{i},SUPPLIES,order_purchase,"{RUNNERS[2].replace(chr(34), chr(34) * 2)}","{PAYLOAD}"' for i in range(3)
    ]
    links += [f'c{i},"ch<b>1</b>",SELLS_THROUGH,,,' for i in range(len(names))]
    folder = tmp_path / "ds"
    folder.mkdir()
    (folder / "nodes.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "links.csv").write_text("\n".join(links) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["load", str(folder), "--store", store_location])
    assert result.exit_code == 0, result.output
    return store_location


def _no_code_ran(driver) -> None:
    assert driver.execute_script("return window.__ran || 0") == 0
    assert driver.execute_script(COUNT_INJECTED) == 0
    driver.switch_to.window(driver.current_window_handle)  # an alert() would be open here and fail this


def test_a_hostile_name_stays_text_in_every_page(hostile_store, tmp_path, browser):  # noqa: F811
    runner = CliRunner()
    pages = {
        "network": ["draw", "--store", hostile_store, "--out", str(tmp_path / "network.html")],
        "household": ["draw", "--store", hostile_store, "--household", "h1", "--out", str(tmp_path / "h1.html")],
        "channel": ["draw", "--store", hostile_store, "--channel", "ch<b>1</b>", "--out", str(tmp_path / "ch.html")],
        "report": ["report", "--store", hostile_store, "--out", str(tmp_path / "report.html")],
    }
    for name, args in pages.items():
        result = runner.invoke(main, args)
        assert result.exit_code == 0, (name, result.output)
        page = tmp_path / args[-1].rsplit("/", 1)[-1]
        if name == "report":
            browser.get(page.resolve().as_uri())
        else:
            open_page(browser, page)
        _no_code_ran(browser)
        if name == "report":  # the channel's name is shown, as the very characters it is
            assert PAYLOAD in browser.execute_script("return document.body.innerText"), name
        else:  # the drawn network keeps it as text for labels and tooltips
            texts = browser.execute_script(
                "return window.lianjie.nodes.get().map(n => [n.label, typeof n.title === 'string' ? n.title : "
                "(n.title && n.title.innerText) || ''].join(' ')).join('\\n')"
            )
            # labels are cut to a few characters each side: the literal characters are still there
            assert f"{PAYLOAD[:5]}…{PAYLOAD[-6:]}" in texts or PAYLOAD in texts, (name, texts[:500])


def test_the_checks_catch_a_value_written_raw(tmp_path, browser):  # noqa: F811
    """Positive control: a page that writes the same values raw is caught by the same checks."""
    page = tmp_path / "raw.html"
    page.write_text("<html><body><p>" + RUNNERS[0] + RUNNERS[2] + "</p></body></html>", encoding="utf-8")
    browser.get(page.resolve().as_uri())
    with pytest.raises(AssertionError):
        _no_code_ran(browser)
    assert browser.execute_script(COUNT_INJECTED) >= 2
