"""One self-contained network page for a view (see :mod:`lianjie.queries.views`).

The drawing library is vis-network, the one pyvis (the house library) ships: the page
inlines pyvis's copy rather than going through pyvis's page template, which links
Bootstrap from a CDN and leaves no room for a layout computed in advance, a strict
Content-Security-Policy, search, filters or a details panel.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from functools import cache
from importlib import resources
from pathlib import Path

from ..ontology import Ontology
from ..ontology.terms import Classes
from .layout import positions
from .style import FONT_STACK, GAP_RING, STATUS_STYLE, class_style, escape, legend_items

LABEL_CHARS = 12
#: Above this many nodes a page drops arrowheads and node hover (as page.js does).
BIG = 1500


@cache
def vis_network_js() -> str:
    """The vis-network bundle pyvis ships (a standalone build: no network, no other files)."""
    lib = resources.files("pyvis").joinpath("templates", "lib")
    versions = sorted((p for p in lib.iterdir() if p.name.startswith("vis-")), key=lambda p: p.name)
    return versions[-1].joinpath("vis-network.min.js").read_text(encoding="utf-8")


@cache
def _asset(name: str) -> str:
    return resources.files("lianjie.render").joinpath(name).read_text(encoding="utf-8")


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def csp(scripts: list[str]) -> str:
    """A policy that runs only the given inline scripts and fetches nothing at all."""
    hashes = " ".join(_sha256(s) for s in scripts)
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data: blob:; "
        "font-src data:; connect-src 'none'; media-src 'none'; frame-src 'none'; worker-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def _short(label: str) -> str:
    """A label that fits: long names keep their head and their tail, where numbered names differ.

    Examples
    --------
    >>> _short("灵山模拟贫困村014 · 1,234"), _short("县长直播带货")
    ('灵山模拟…村014 · 1,234', '县长直播带货')
    """
    if len(label) <= LABEL_CHARS:
        return label
    name, sep, count = label.partition(" · ")
    keep = max(LABEL_CHARS - len(sep) - len(count) - 1, 8)
    if len(name) > keep:
        name = name[: keep // 2] + "…" + name[-(keep - keep // 2) :]
    return name + sep + count


def _payload(onto: Ontology, view: dict) -> dict:
    """What the page's script reads: nodes with position and style, links with width, labels."""
    xy = positions(view)
    counts = [n.get("count") or 1 for n in view["nodes"] if n.get("group")]
    biggest = max(counts) if counts else 1
    nodes = []
    for node, (x, y) in zip(view["nodes"], xy):
        cls = node["class"]
        style = class_style(onto, cls)
        item = {k: node[k] for k in node if k not in ("label",)}
        item.update(label=node["label"], short=_short(node["label"]), x=x, y=y, shape=style["shape"])
        item["classLabel"] = f"{style['label_zh']} {style['label_en']}"
        if node.get("status"):
            color, en, zh = STATUS_STYLE[node["status"]]
            item.update(color=color, border="#4d4d4d", shape="dot", statusLabel=f"{zh} · {en}")
        else:
            item.update(color=style["color"], border=style["color"])
        if short_of_claim(node):
            item.update(ring=True, border=GAP_RING)
        if node.get("group"):
            item["size"] = 8 + 22 * math.sqrt((node.get("count") or 1) / biggest)
            if cls != Classes.Household:
                item["shape"] = style["shape"]
        elif cls == Classes.Channel:
            item["size"] = 16
        elif cls == Classes.Household:
            item["size"] = 7
        else:
            item["size"] = 11
        if item["shape"] in (
            "box",
            "ellipse",
            "text",
            "database",
            "circle",
        ):  # label-inside shapes grow; keep them small
            item["shape"] = {"box": "square", "ellipse": "dot", "text": "dot", "database": "square", "circle": "dot"}[
                item["shape"]
            ]
        nodes.append(item)
    opacity = 0.85 if len(view["links"]) < 300 else 0.55 if len(view["links"]) < 2000 else 0.35
    biggest_link = max((e["count"] for e in view["links"]), default=1)
    links = [
        {**e, "width": round(1 + 3 * math.log1p(e["count"] - 1) / math.log1p(max(biggest_link - 1, 1)), 1)}
        for e in view["links"]
    ]
    return {
        "nodes": nodes,
        "links": links,
        "font": FONT_STACK,
        "colors": {name: _blend(f.color, opacity) for name, f in onto.link_families.items()},
        "linkLabels": {name: f"{lt.label_zh} {name}" for name, lt in onto.link_types.items()},
        "suppress_below": view.get("suppress_below", 0),
    }


def short_of_claim(node: dict) -> bool:
    """Whether an organisation traces fewer than half the households it claims (the ring the page draws).

    Every claim in a county may exceed its trace a little; the ring marks the ones far off.

    Examples
    --------
    >>> short_of_claim({"claimed": 1435, "traced": 700}), short_of_claim({"claimed": 1435, "traced": 1244})
    (True, False)
    """
    claimed, traced = node.get("claimed"), node.get("traced")
    return claimed is not None and traced is not None and traced * 2 < claimed


def _blend(colour: str, opacity: float) -> str:
    """``colour`` laid at ``opacity`` on white, as an opaque colour (cheaper to draw than transparency)."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * opacity):02x}" for c in rgb)


def _legend(onto: Ontology, view: dict) -> str:
    classes = {n["class"] for n in view["nodes"]}
    statuses = {n["status"] for n in view["nodes"] if n.get("status")}
    gap = any(short_of_claim(n) for n in view["nodes"])
    parts = []
    for item in legend_items(onto, classes, statuses, gap):
        key = {"status": "status:", "class": "class:", "family": "family:"}.get(item["kind"])
        data_key = escape(f"{key}{item['key']}")
        box = f'<input type="checkbox" checked data-key="{data_key}" aria-label="show {data_key}">' if key else ""
        swatch = f'<span class="sw {escape(item["shape"])}" style="--c:{escape(item["color"])}"></span>'
        parts.append(f"<label>{box}{swatch}{escape(item['text'])}</label>")
    return "".join(parts)


def _summary(view: dict) -> str:
    bits = [f"{len(view['nodes']):,} nodes drawn", f"{len(view['links']):,} links (merged)"]
    if view.get("households") is not None:
        bits.append(f"{view['households']:,} households")
    statuses = view.get("statuses") or {}
    for status, n in statuses.items():
        if n:
            bits.append(f"{STATUS_STYLE[status][2]} {n:,}")
    if view.get("as_of"):
        bits.append(f"as of {view['as_of']}")
    if view.get("mechanisms"):
        bits.append("mechanisms: " + ", ".join(view["mechanisms"]))
    if view.get("suppress_below"):
        bits.append(f"counts below {view['suppress_below']} hidden")
    return " · ".join(escape(b) for b in bits)


def render_page(onto: Ontology, view: dict) -> str:
    """The page's HTML text."""
    payload = json.dumps(_payload(onto, view), ensure_ascii=False, separators=(",", ":"))
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    library, layer, script = vis_network_js(), _asset("links.js"), _asset("page.js")
    notes = list(view.get("notes", []))
    if len(view["nodes"]) > BIG:
        notes.append("A large page: links are drawn without arrowheads (they point right, toward the market).")
    notes = "".join(f"<li>{escape(n)}</li>" for n in notes)
    return _asset("page.html").format(
        csp=csp([library, layer, script]),
        title=escape(view["title"]),
        css=_asset("page.css").replace("FONT_STACK", FONT_STACK),
        summary=_summary(view),
        notes=f"<ul class='notes'>{notes}</ul>" if notes else "",
        legend=_legend(onto, view),
        data=payload,
        library=library,
        layer=layer,
        script=script,
    )


def write_page(onto: Ontology, view: dict, path: str | Path) -> dict:
    """Write a view as one self-contained HTML page; returns ``{"path", "nodes", "links", "bytes"}``.

    Examples
    --------
    >>> from lianjie.ontology import load_ontology
    >>> import tempfile, os
    >>> view = {"view": "demo", "title": "两户 two households", "nodes": [
    ...     {"id": "h1", "class": "Household", "label": "h1", "status": "uncovered", "count": 1},
    ...     {"id": "ch1", "class": "Channel", "label": "直播", "count": 1}], "links": []}
    >>> out = write_page(load_ontology(), view, os.path.join(tempfile.mkdtemp(), "p.html"))
    >>> (out["nodes"], out["links"])
    (2, 0)
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = render_page(onto, view)
    path.write_text(text, encoding="utf-8")
    return {"path": str(path), "nodes": len(view["nodes"]), "links": len(view["links"]), "bytes": len(text.encode())}
