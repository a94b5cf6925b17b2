"""The audit report as one HTML document: headline figures, charts drawn in SVG, tables; no script at all."""

from __future__ import annotations

from pathlib import Path

from ..queries.results import Result
from .charts import CLAIMED, TRACED, bars, heatmap, status_bars
from .style import FONT_STACK, escape

#: Rows a long list shows in the page; the workbook holds them all.
LISTED = 500
#: Bars a chart shows at most.
CHARTED = 40

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'"
)

CSS = """
body { font-family: FONT_STACK; color: #222; margin: 24px auto; max-width: 1100px; padding: 0 16px; line-height: 1.45; }
h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 17px; margin-top: 28px; border-bottom: 1px solid #ddd; }
.meta { color: #666; font-size: 13px; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 14px 0; }
.card { border: 1px solid #ddd; border-radius: 4px; padding: 8px 12px; min-width: 140px; }
.card b { display: block; font-size: 20px; } .card span { color: #555; font-size: 12px; }
table { border-collapse: collapse; font-size: 12px; margin: 8px 0; }
th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f4f4f4; font-weight: 600; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: #555; font-size: 12px; } svg { display: block; margin: 8px 0; max-width: 100%; height: auto; }
nav a { margin-right: 10px; font-size: 13px; } .wide { overflow-x: auto; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } svg, table { break-inside: auto; } }
"""


def _table(r: Result, limit: int | None = LISTED) -> str:
    rows = r.rows if limit is None else r.rows[:limit]
    head = "".join(f"<th>{escape(c.zh)}<br>{escape(c.en)}</th>" for c in r.columns)
    body = []
    for row in rows:
        cells = []
        for c in r.columns:
            cls = ' class="n"' if c.kind != "text" else ""
            cells.append(f"<td{cls}>{escape(r.cell(row, c.key))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = ""
    if limit is not None and len(r.rows) > limit:
        more = (
            f'<p class="note">The first {limit:,} of {len(r.rows):,} rows; the Excel workbook (--xlsx) holds them all. '
            f"前 {limit:,} 行，共 {len(r.rows):,} 行；完整名单见 Excel。</p>"
        )
    return f"<div class='wide'><table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>{more}"


def _chart(r: Result, below: int) -> str:
    """The chart a section carries, if any."""
    name = r.name
    if name.startswith("coverage_"):
        rows = sorted(r.rows, key=lambda x: (x["coverage_rate"] is None, x["coverage_rate"] or 0))[:CHARTED]
        title = r.title + (f" (the {CHARTED} lowest)" if len(r.rows) > CHARTED else "")
        return status_bars(rows, "name", title, below)
    if name == "claims":
        rows = sorted(r.rows, key=lambda x: -(x["claimed"] or 0))[:CHARTED]
        series = [("claimed", "声称 claimed", CLAIMED), ("traced", "追溯 traced", TRACED)]
        return bars(rows, "name", series, r.title, below)
    if name == "reach":
        rows = sorted(r.rows, key=lambda x: -(x["households"] or 0))[:CHARTED]
        series = [("households", "覆盖农户 households", "#7a9cc6"), ("poor_households", "覆盖贫困户 poor", TRACED)]
        return bars(rows, "name", series, r.title, below)
    if name == "overlap" and len(r.rows) <= 60:
        return heatmap([row["channel"] for row in r.rows], r.rows, r.title, below)
    return ""


def render_report(content: dict) -> str:
    """The report's HTML text, from :func:`lianjie.queries.report.report`."""
    below = content["suppress_below"]
    head = content["headline"]
    cards = "".join(
        f"<div class='card'><b>{escape(head.cell(head.rows[0], c.key))}</b>"
        f"<span>{escape(c.zh)} {escape(c.en)}</span></div>"
        for c in head.columns
    )
    meta = [f"store 数据库: {content['store']}", f"generated 生成: {content['generated']}"]
    if content.get("as_of"):
        meta.append(f"as of 截至: {content['as_of']}")
    if content.get("mechanisms"):
        meta.append("mechanisms 联结方式: " + ", ".join(content["mechanisms"]))
    if below > 1:
        meta.append(f"household counts from 1 to {below - 1} hidden (<{below}) 小于 {below} 的户数已隐去")
    nav = "".join(f'<a href="#{escape(s.name)}">{escape(s.title_zh)}</a>' for s in content["sections"])
    sections = []
    for s in content["sections"]:
        limit = None if s.name in ("overlap", "provenance", "models") else LISTED
        sections.append(
            f'<section id="{escape(s.name)}"><h2>{escape(s.title)}</h2>'
            + (f'<p class="note">{escape(s.note)}</p>' if s.note else "")
            + _chart(s, below)
            + _table(s, limit)
            + "</section>"
        )
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f"<title>{escape(content['title'])}</title><style>{CSS.replace('FONT_STACK', FONT_STACK)}</style></head><body>"
        f"<h1>{escape(content['title'])}</h1><p class='meta'>{' · '.join(escape(m) for m in meta)}</p>"
        f"<div class='cards'>{cards}</div><nav>{nav}</nav>{''.join(sections)}</body></html>"
    )


def write_report(content: dict, path: str | Path) -> dict:
    """Write the report page; returns ``{"path", "bytes", "sections"}``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = render_report(content)
    path.write_text(text, encoding="utf-8")
    return {"path": str(path), "bytes": len(text.encode()), "sections": len(content["sections"])}
