"""Drawing and reporting at scale: the overview page, the audit report, and a 5,000-node page in Chromium.

    python benchmarks/draw.py --households 1000000 [--data benchmarks/data] [--repeat N] [--keep DIR]

Generates the dataset (benchmarks/generate.py; cached under ``--data``) and loads it into an
embedded store unless one is there already, then times, each step in its own process (so
peak memory is that step's own, start-up included):

* the overview view and page (``lianjie.queries.views.overview`` + ``lianjie.render.write_page``);
* the audit report: content, HTML page and Excel workbook;
* a page of 5,000 drawn nodes opened in Debian's headless Chromium through chromedriver:
  the time from navigation until every node and every link is drawn (positions are computed
  in advance and physics is off, so nothing moves after that frame; page time counts from
  navigation as the browser's performance clock does), then the time from a user's wheel
  zoom and drag on the canvas until it has redrawn (the selenium round trip included), and a
  search typed into the box until it has selected a node. Best and worst of the repeats are
  printed with the load average.

It prints wall time, peak memory (max RSS) and output sizes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


def _step(name: str, store: str, out: str) -> dict:
    """One measured step, run in this process (the parent measures its memory)."""
    from lianjie.graph import open_store
    from lianjie.queries.report import report
    from lianjie.queries.views import overview
    from lianjie.render import write_page, write_report, write_xlsx

    with open_store(store, read_only=True) as s:
        if name == "overview":
            view = overview(s)
            info = write_page(s.onto, view, Path(out) / "overview.html")
        elif name == "page5000":
            # the most a page may draw: organisations are cut to the most linked, not grouped per area
            view = overview(s, max_nodes=5000, organisations=10**9)
            info = write_page(s.onto, view, Path(out) / "page5000.html")
        elif name == "report":
            content = report(s)
            info = write_report(content, Path(out) / "report.html")
            info["xlsx"] = write_xlsx(content, Path(out) / "report.xlsx")["path"]
            info["xlsx_bytes"] = os.path.getsize(info["xlsx"])
        else:
            raise SystemExit(f"unknown step {name}")
    return info


def measured(name: str, store: str, out: str) -> dict:
    """Run a step as a child process; its wall time, peak memory and what it wrote."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, __file__, "--step", name, "--store", store, "--out", out],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    stdout, stderr = proc.stdout.read().decode(), proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{name} failed: {stderr.strip()[-2000:]}")
    info = json.loads(stdout.strip().splitlines()[-1])
    info.update(seconds=elapsed, peak_mb=usage.ru_maxrss / 1024)
    return info


def interactive(page: str, repeat: int = 3, query: str = "CH1") -> list[dict]:
    """Open ``page`` in headless Chromium and time what makes it interactive, ``repeat`` times.

    Interactive means: every node and every link drawn (the links layer counts the links it
    stroked in the last frame), then a wheel zoom and a drag on the canvas each answered by a
    redraw, and a search typed into the box finding and selecting a node.
    """
    os.environ["SE_OFFLINE"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1600,1000"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    out = []
    try:
        for _ in range(repeat):
            driver.get("about:blank")
            start = time.perf_counter()
            driver.get(Path(page).resolve().as_uri())  # returns once the page has loaded
            while not driver.execute_script("return !!(window.lianjie && window.lianjie.isComplete())"):
                time.sleep(0.02)
            drawn = time.perf_counter() - start
            counts = driver.execute_script(
                "var l = window.lianjie; return [l.nodes.length, l.edges.length, l.links.drawn()]"
            )
            redraw = [_user_redraw(driver, "wheel"), _user_redraw(driver, "drag")]
            frame = driver.execute_script(FRAME)
            box = driver.find_element(By.ID, "search")
            box.clear()
            t0 = time.perf_counter()
            box.send_keys(query + Keys.ENTER)
            while not driver.execute_script("return window.lianjie.network.getSelectedNodes().length"):
                time.sleep(0.01)
            found = time.perf_counter() - t0
            out.append(
                {
                    "drawn_s": drawn,
                    "in_page_s": driver.execute_script("return window.lianjieComplete") / 1000,
                    "zoom_ms": redraw[0],
                    "pan_ms": redraw[1],
                    "frame_ms": frame,
                    "search_ms": found * 1000,
                    "nodes": counts[0],
                    "links": counts[1],
                    "links_drawn": counts[2],
                    "load": os.getloadavg()[0],
                }
            )
    finally:
        driver.quit()
    return out


#: Milliseconds one full redraw takes, after a pan (median of five, each drawn synchronously).
FRAME = """
var net = window.lianjie.network, times = [];
for (var i = 0; i < 5; i++) {
  var p = net.getViewPosition();
  net.moveTo({position: {x: p.x + 40, y: p.y + 10}, animation: false});
  var t = performance.now(); net.redraw(); times.push(performance.now() - t);
}
return times.sort(function (a, b) { return a - b; })[2];
"""


def _user_redraw(driver, gesture: str) -> float:
    """Milliseconds from a user's wheel zoom or drag on the canvas until the network has redrawn."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.actions.wheel_input import ScrollOrigin
    from selenium.webdriver.common.by import By

    canvas = driver.find_element(By.CSS_SELECTOR, "#network canvas")
    driver.execute_script(
        "window.t0 = performance.now(); window.t1 = null;"
        "window.lianjie.network.once('afterDrawing', function () { window.t1 = performance.now(); });"
    )
    if gesture == "wheel":
        ActionChains(driver, duration=0).scroll_from_origin(ScrollOrigin.from_element(canvas), 0, -200).perform()
    else:  # pointer moves take no time of their own (selenium's default is 250 ms each)
        ActionChains(driver, duration=0).click_and_hold(canvas).move_by_offset(150, 40).release().perform()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        done = driver.execute_script("return window.t1 === null ? null : window.t1 - window.t0")
        if done is not None:
            return done
        time.sleep(0.01)
    return float("nan")


def _ensure_store(households: int, data: Path, store: Path) -> None:
    if store.exists():
        return
    sys.path.insert(0, str(HERE))
    from generate import generate

    folder = data / f"h{households}"
    if not (folder / "links.csv").exists():
        nodes, links = generate(households)
        folder.mkdir(parents=True, exist_ok=True)
        nodes.to_csv(folder / "nodes.csv", index=False)
        links.to_csv(folder / "links.csv", index=False)
    subprocess.run(["lianjie", "load", str(folder), "--store", str(store)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--data", type=Path, default=HERE / "data")
    parser.add_argument("--store", default=None, help="an existing store to use instead of generating one")
    parser.add_argument("--out", default=None, help="where pages are written (default: a folder beside the store)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--step", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--page-only", action="store_true", help="only open the 5,000-node page already written")
    args = parser.parse_args()
    if args.step:
        print(json.dumps(_step(args.step, args.store, args.out), default=str))
        return
    store = Path(args.store) if args.store else args.data / f"draw-{args.households}.db"
    _ensure_store(args.households, args.data, store)
    out = Path(args.out or f"{store}.pages")
    out.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(HERE))
    from run import calibrate

    print(f"store {store}; pages in {out}; reference workload {calibrate():.2f} s (0.25 s when the machine is quiet)")
    print(f"  {'step':<34} {'wall':>8} {'peak':>9}  output")
    for _ in range(0 if args.page_only else args.repeat):
        for name in ("overview", "report", "page5000"):
            info = measured(name, str(store), str(out))
            extra = f"{info.get('nodes', '')} nodes, {info.get('links', '')} links, " if "nodes" in info else ""
            extra += f"{info['bytes'] / 1e6:.1f} MB page"
            if "xlsx_bytes" in info:
                extra += f", {info['xlsx_bytes'] / 1e6:.1f} MB workbook"
            print(f"  {name:<34} {info['seconds']:7.2f} s {info['peak_mb']:7,.0f} MB  {extra}", flush=True)
    runs = interactive(str(out / "page5000.html"), repeat=max(5, args.repeat))
    for run in runs:
        print(
            f"  {'5,000-node page in Chromium':<34} {run['drawn_s']:7.2f} s            "
            f"{run['nodes']} nodes and {run['links_drawn']} of {run['links']} links drawn "
            f"({run['in_page_s']:.2f} s page time); wheel zoom {run['zoom_ms']:.0f} ms, drag "
            f"{run['pan_ms']:.0f} ms to redraw (one frame {run['frame_ms']:.0f} ms); "
            f"search {run['search_ms']:.0f} ms; load {run['load']:.1f}",
            flush=True,
        )
    for name, key in (("best", min), ("worst", max)):
        pick = key(runs, key=lambda r: r["drawn_s"])
        print(
            f"  {name} of {len(runs)}: all drawn {pick['drawn_s']:.2f} s (load {pick['load']:.1f}); over all runs, "
            + ", ".join(f"{k} {key(r[k + '_ms'] for r in runs):.0f} ms" for k in ("zoom", "pan", "frame", "search"))
        )
    print(f"reference workload {calibrate():.2f} s; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
