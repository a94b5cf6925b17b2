"""Drawing and reporting at scale: the overview page, the audit report, and a 5,000-node page in Chromium.

    python benchmarks/draw.py --households 1000000 [--data benchmarks/data] [--repeat N] [--keep DIR]

Generates the dataset (benchmarks/generate.py; cached under ``--data``) and loads it into an
embedded store unless one is there already, then times, each step in its own process (so
peak memory is that step's own, start-up included):

* the overview view and page (``lianjie.queries.views.overview`` + ``lianjie.render.write_page``);
* the audit report: content, HTML page and Excel workbook;
* a page of 5,000 drawn nodes opened in Debian's headless Chromium through chromedriver:
  time from navigation until the network has drawn once with its layout (positions are
  computed in advance, physics is off, so that is when it is interactive; a page this large
  then adds its links in slices between frames: the time until all are drawn is printed too;
  page times count from navigation, as the browser's performance clock does), and then the
  time from a user's wheel zoom and drag on the canvas until it has redrawn (the selenium
  round trip included).

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
            view = overview(s, max_nodes=5000)
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


def interactive(page: str, repeat: int = 3) -> list[dict]:
    """Open ``page`` in headless Chromium: time to first drawn frame, then a zoom's and a pan's redraw."""
    os.environ["SE_OFFLINE"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

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
            while not driver.execute_script("return !!(window.lianjie && window.lianjie.isReady())"):
                time.sleep(0.02)
            ready = time.perf_counter() - start
            in_page = driver.execute_script("return window.lianjieReady") / 1000
            early = _user_redraw(driver, "wheel")  # while the links are still being added
            while not driver.execute_script("return window.lianjie.isComplete()"):
                time.sleep(0.02)
            complete = driver.execute_script("return window.lianjieComplete") / 1000
            redraw = [_user_redraw(driver, "wheel"), _user_redraw(driver, "drag")]
            out.append(
                {
                    "ready_s": ready,
                    "in_page_s": in_page,
                    "early_zoom_ms": early,
                    "complete_s": complete,
                    "zoom_ms": redraw[0],
                    "pan_ms": redraw[1],
                    "nodes": driver.execute_script("return window.lianjie.nodes.length"),
                    "links": driver.execute_script("return window.lianjie.edges.length"),
                }
            )
    finally:
        driver.quit()
    return out


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
        ActionChains(driver).scroll_from_origin(ScrollOrigin.from_element(canvas), 0, -200).perform()
    else:
        ActionChains(driver).click_and_hold(canvas).move_by_offset(150, 40).release().perform()
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
    for _ in range(args.repeat):
        for name in ("overview", "report", "page5000"):
            info = measured(name, str(store), str(out))
            extra = f"{info.get('nodes', '')} nodes, {info.get('links', '')} links, " if "nodes" in info else ""
            extra += f"{info['bytes'] / 1e6:.1f} MB page"
            if "xlsx_bytes" in info:
                extra += f", {info['xlsx_bytes'] / 1e6:.1f} MB workbook"
            print(f"  {name:<34} {info['seconds']:7.2f} s {info['peak_mb']:7,.0f} MB  {extra}", flush=True)
    for run in interactive(str(out / "page5000.html"), repeat=max(3, args.repeat)):
        print(
            f"  {'5,000-node page in Chromium':<34} {run['ready_s']:7.2f} s            "
            f"{run['nodes']} nodes drawn ({run['in_page_s']:.2f} s page time; a wheel zoom then redraws in "
            f"{run['early_zoom_ms']:.0f} ms), all {run['links']} links by {run['complete_s']:.2f} s page time; "
            f"then wheel zoom {run['zoom_ms']:.0f} ms, drag {run['pan_ms']:.0f} ms to redraw",
            flush=True,
        )
    print(f"reference workload {calibrate():.2f} s; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
