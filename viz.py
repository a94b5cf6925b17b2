"""Interactive network pages (pyvis), styled from the ontology, that work offline."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

from pyvis.network import Network

from .graph.store import Store

#: pyvis links Bootstrap from a CDN even with inlined vis-network; the network does not need it.
_CDN_TAG = re.compile(r"<(link|script)[^>]+cdn\.jsdelivr\.net[^>]*>(\s*</script>)?", re.IGNORECASE)


def _legend(store: Store, classes: Iterable[str]) -> str:
    onto = store.onto
    items = []
    for name in sorted(classes):
        c = onto.classes[name]
        items.append(
            f'<span style="display:inline-block;margin:2px 8px"><span style="display:inline-block;width:10px;'
            f'height:10px;border-radius:5px;background:{c.color}"></span> {html.escape(c.label_zh)} '
            f"{html.escape(c.label_en)}</span>"
        )
    items.append('<span style="margin:2px 8px">── market linkage 市场联结</span>')
    items.append('<span style="margin:2px 8px">- - support linkage 帮扶联结</span>')
    return (
        '<div id="lianjie-legend" style="font:13px sans-serif;padding:6px;border-bottom:1px solid #ddd">'
        + "".join(items)
        + "</div>"
    )


def _choose_nodes(names: dict[str, tuple[str, object]], links, max_nodes: int) -> list[str]:
    """Every organisation, channel and place first; then linked households and the rest, up to ``max_nodes``.

    A county has tens of thousands of households; a readable page keeps the structure
    (who links to whom) and a share of the households hanging on it.
    """
    linked = dict.fromkeys([*links["source"], *links["target"]])
    individual = {"Household", "Figure"}
    order = [i for i in linked if i in names and names[i][0] not in individual]
    order += [i for i in names if names[i][0] not in individual and i not in linked]
    order += [i for i in linked if i in names and names[i][0] in individual]
    order += [i for i in names if names[i][0] in individual and i not in linked]
    return list(dict.fromkeys(order))[:max_nodes]


def render_network(
    store: Store,
    path: str | Path,
    link_types: Iterable[str] | None = None,
    title: str = "lianjie network",
    max_nodes: int = 3000,
) -> dict:
    """Write the store's graph (or the given link types) as one self-contained HTML page.

    Node colour and shape come from the ontology (``lj:color``, ``lj:shape``); market
    links are solid, support links dashed. Stores larger than ``max_nodes`` keep every
    organisation, channel and place and as many households as fit, and the page says so.

    Returns ``{"path", "nodes", "links", "truncated"}``.
    """
    onto = store.onto
    types = sorted(onto.link_types if link_types is None else link_types)
    links = store.links(types, ["mechanism", "amount"])
    names: dict[str, tuple[str, str | None]] = {}
    for cls in onto.classes:
        for rec in store.nodes(cls, ["name"]).itertuples(index=False):
            names[rec.id] = (cls, rec.name)
    keep = _choose_nodes(names, links, max_nodes)
    kept = set(keep)
    truncated = len(kept) < len(names)

    net = Network(height="780px", width="100%", directed=True, cdn_resources="in_line", heading="")
    net.barnes_hut(gravity=-6000, spring_length=120)
    for ident in keep:
        cls, name = names[ident]
        c = onto.classes[cls]
        label = name if isinstance(name, str) and name else ident
        net.add_node(
            ident,
            label=label if len(label) <= 16 else label[:15] + "…",
            title=f"{c.label_zh} {c.label_en}\nid: {ident}\n{label}",
            color=c.color,
            shape=c.shape,
        )
    shown_links = 0
    for rec in links.itertuples(index=False):
        if rec.source not in kept or rec.target not in kept:
            continue
        lt = onto.link_types[rec.type]
        detail = [f"{lt.label_zh} {lt.name}"]
        if isinstance(rec.mechanism, str):
            detail.append(rec.mechanism)
        if rec.amount == rec.amount and rec.amount is not None:
            detail.append(f"{rec.amount:,.0f} 元")
        net.add_edge(rec.source, rec.target, title=" | ".join(detail), dashes=not lt.is_market, color="#888888")
        shown_links += 1

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    page = net.generate_html(notebook=False)
    page = _CDN_TAG.sub("", page)
    header = f'<h3 style="font:600 16px sans-serif;margin:8px">{html.escape(title)}</h3>'
    if truncated:
        header += f'<p style="font:13px sans-serif;margin:8px">Showing {len(keep)} of {len(names)} nodes.</p>'
    page = page.replace("<body>", "<body>" + header + _legend(store, {names[i][0] for i in keep}), 1)
    path.write_text(page, encoding="utf-8")
    return {"path": str(path), "nodes": len(keep), "links": shown_links, "truncated": truncated}
