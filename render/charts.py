"""Charts as inline SVG text: drawn into the page, so a report needs no script and no network.

Every chart takes rows already suppressed; a hidden value draws no bar and is labelled ``<N``.
"""

from __future__ import annotations

from collections.abc import Sequence

from .style import FONT_STACK, STATUS_STYLE, escape

BAR, GAP, LABEL, WIDTH = 16, 6, 230, 760
CLAIMED, TRACED = "#8e8e8e", "#2b6cb0"


def _svg(height: float, body: str, title: str, width: float = WIDTH) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" width="{width:.0f}" '
        f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" font-family=\'{FONT_STACK}\' font-size="12">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def _short(text: object, n: int = 18) -> str:
    text = "" if text is None else str(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def _hidden(below: int) -> str:
    return f"&lt;{below}" if below > 1 else ""


def status_bars(rows: Sequence[dict], label: str, title: str, below: int = 0) -> str:
    """One stacked bar per area: covered by two or more channels, by one (fragile), by none (uncovered).

    Examples
    --------
    >>> row = {"name": "一村", "poor_households": 10, "uncovered_poor": 2, "fragile_poor": 3}
    >>> svg = status_bars([row], "name", "t")
    >>> svg.count("<rect"), "一村" in svg  # three segments, three legend swatches
    (6, True)
    """
    plot = WIDTH - LABEL - 60
    parts = []
    for i, r in enumerate(rows):
        y = 24 + i * (BAR + GAP)
        parts.append(f'<text x="{LABEL - 6}" y="{y + BAR - 4}" text-anchor="end">{escape(_short(r.get(label)))}</text>')
        total, u, f = r.get("poor_households"), r.get("uncovered_poor"), r.get("fragile_poor")
        if not total or u is None or f is None:
            parts.append(f'<text x="{LABEL + 4}" y="{y + BAR - 4}" fill="#666">{_hidden(below)}</text>')
            continue
        x = LABEL
        for key, value in (("covered", total - u - f), ("fragile", f), ("uncovered", u)):
            w = plot * value / total
            if w > 0:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{BAR}" fill="{STATUS_STYLE[key][0]}" '
                    f'stroke="#555" stroke-width="0.5"><title>{escape(STATUS_STYLE[key][2])} {value:,}</title></rect>'
                )
            x += w
        rate = r.get("coverage_rate")
        parts.append(f'<text x="{LABEL + plot + 6}" y="{y + BAR - 4}">{"" if rate is None else f"{rate:.0%}"}</text>')
    legend = "".join(
        f'<rect x="{LABEL + k * 150}" y="4" width="12" height="12" fill="{STATUS_STYLE[key][0]}" stroke="#555"/>'
        f'<text x="{LABEL + k * 150 + 16}" y="14">{escape(STATUS_STYLE[key][2])}</text>'
        for k, key in enumerate(("covered", "fragile", "uncovered"))
    )
    return _svg(30 + len(rows) * (BAR + GAP), legend + "".join(parts), title)


def bars(rows: Sequence[dict], label: str, series: Sequence[tuple[str, str, str]], title: str, below: int = 0) -> str:
    """Horizontal bars, one group per row, one bar per ``(key, name, colour)`` series, on a common scale."""
    plot = WIDTH - LABEL - 70
    values = [r.get(k) for r in rows for k, _, _ in series if r.get(k) is not None]
    top = max(values, default=0) or 1
    height = BAR * len(series) / (1.5 if len(series) > 1 else 1)
    step = height + GAP
    parts = []
    for i, r in enumerate(rows):
        y = 24 + i * step
        parts.append(
            f'<text x="{LABEL - 6}" y="{y + height / 2 + 4}" text-anchor="end">{escape(_short(r.get(label)))}</text>'
        )
        h = height / len(series)
        for k, (key, name, colour) in enumerate(series):
            value = r.get(key)
            yy = y + k * h
            if value is None:
                parts.append(f'<text x="{LABEL + 4}" y="{yy + h - 2}" fill="#666">{_hidden(below)}</text>')
                continue
            w = plot * value / top
            parts.append(
                f'<rect x="{LABEL}" y="{yy:.1f}" width="{max(w, 0):.1f}" height="{h - 1:.1f}" fill="{colour}">'
                f"<title>{escape(name)} {value:,}</title></rect>"
                f'<text x="{LABEL + max(w, 0) + 4:.1f}" y="{yy + h - 3:.1f}" font-size="10">{value:,}</text>'
            )
    legend = "".join(
        f'<rect x="{LABEL + k * 200}" y="4" width="12" height="12" fill="{colour}"/>'
        f'<text x="{LABEL + k * 200 + 16}" y="14">{escape(name)}</text>'
        for k, (_, name, colour) in enumerate(series)
    )
    return _svg(30 + len(rows) * step, legend + "".join(parts), title)


def heatmap(ids: Sequence[str], rows: Sequence[dict], title: str, below: int = 0) -> str:
    """The channel overlap matrix as shaded cells (darker: more households both channels reach)."""
    n = len(ids)
    cell = max(10, min(28, 480 // max(n, 1)))
    left, topm = 150, 150
    values = [r.get(j) for r in rows for j in ids if r.get(j) is not None]
    peak = max(values, default=0) or 1
    parts = []
    for j, ident in enumerate(ids):
        x = left + j * cell + cell / 2
        parts.append(
            f'<text x="{x:.1f}" y="{topm - 6}" transform="rotate(-60 {x:.1f} {topm - 6})" font-size="10">'
            f"{escape(_short(ident, 20))}</text>"
        )
    for i, r in enumerate(rows):
        y = topm + i * cell
        parts.append(
            f'<text x="{left - 6}" y="{y + cell / 2 + 4:.1f}" text-anchor="end" font-size="10">'
            f"{escape(_short(r['channel'], 20))}</text>"
        )
        for j, ident in enumerate(ids):
            value = r.get(ident)
            shade = (
                "#eeeeee"
                if value is None
                else "#ffffff"
                if value == 0
                else f"rgba(43,108,176,{0.1 + 0.9 * value / peak:.3f})"
            )
            label = _hidden(below) if value is None else f"{value:,}"
            parts.append(
                f'<rect x="{left + j * cell}" y="{y}" width="{cell - 1}" height="{cell - 1}" '
                f'fill="{shade}" stroke="#e4e4e4">'
                f"<title>{escape(r['channel'])} ∩ {escape(ident)}: {label}</title></rect>"
            )
    height = topm + n * cell + 10
    return _svg(height, "".join(parts), title, max(WIDTH, left + n * cell + 20))
