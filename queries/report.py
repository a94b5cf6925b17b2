"""The audit as a document's content: headline figures and every table a report shows, as :class:`Result`s.

Computed from one read of the store's links as integers (:func:`view_graph`), so a store
of a million households is reported in seconds. Each table is suppressed once, here,
when ``suppress_below`` is given; the HTML page, the Excel workbook and the PDF all
render the same suppressed tables.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..graph.store import Store
from ..ontology.terms import Classes
from .engine import LinkGraph
from .models import models
from .results import Result, result
from .rollup import areas
from .viewgraph import COVERED, FRAGILE, UNCOVERED, ViewGraph, view_graph

LEVELS = ((Classes.County, "county", "县"), (Classes.Town, "town", "乡镇"), (Classes.Village, "village", "行政村"))
PROVENANCE_COLUMNS = ("synthetic", "evidence", "source_doc")
#: How many of a household's links are listed beside it.
LINKS_LISTED = 6


def report(
    store: Store,
    as_of: dt.date | None = None,
    mechanisms: Iterable[str] | None = None,
    suppress_below: int = 0,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Everything the audit report shows.

    Returns
    -------
    ``title``, ``store``, ``as_of``, ``mechanisms``, ``suppress_below``, ``generated`` (a date),
    ``headline`` (a one-row :class:`Result`) and ``sections`` (a list of :class:`Result`: coverage
    by county, town and village; uncovered and fragile households; claims; reach per channel;
    concentration; channel overlap; models; provenance of nodes and links), each suppressed.

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> store = toy_store()
    >>> content = report(store, suppress_below=5)
    >>> [s.name for s in content["sections"]][:3]  # the toy graph has villages only
    ['coverage_village', 'uncovered', 'fragile']
    """
    say = progress or (lambda message: None)
    say(f"reading links from {store.describe()}")
    vg = view_graph(
        store, as_of, mechanisms, provenance=False, link_columns=PROVENANCE_COLUMNS, node_columns_all=PROVENANCE_COLUMNS
    )
    say("computing coverage, claims, reach, overlap and models")
    sections = [
        *_coverage(vg),
        *_households(vg),
        _claims(store, as_of, mechanisms, vg.market_graph),
        _reach(vg),
        _concentration(vg),
        _overlap(vg),
        _models(vg),
        _provenance(vg),
    ]
    out = {
        "title": "Audit report 带贫联结审计报告",
        "store": store.describe(),
        "as_of": as_of.isoformat() if as_of else None,
        "mechanisms": sorted(mechanisms) if mechanisms else None,
        "suppress_below": suppress_below,
        "generated": dt.date.today().isoformat(),
        "headline": _headline(vg).suppressed(suppress_below),
        "sections": [s.suppressed(suppress_below) for s in sections],
    }
    return out


def _headline(vg: ViewGraph) -> Result:
    status = vg.status[vg.households]
    poor = int(vg.poor.sum())
    covered = int(((status == COVERED) | (status == FRAGILE)).sum())
    counts = vg.store.counts()
    links = sum(n for name, n in counts.items() if name in vg.store.onto.link_types)
    organisations = sum(len(vg.graph.rows_of(c)) for c in vg.graph.class_names if c not in _NOT_ORGANISATIONS)
    row = {
        "households": len(vg.households),
        "poor_households": poor,
        "covered_poor": covered,
        "coverage_rate": round(covered / poor, 4) if poor else None,
        "uncovered_poor": int((status == UNCOVERED).sum()),
        "fragile_poor": int((status == FRAGILE).sum()),
        **_monitored(vg, status),
        "channels": len(vg.channel_nodes),
        "organisations": organisations,
        "links": links,
    }
    columns = [
        ("households", "households", "农户", "count"),
        ("poor_households", "registered-poor households", "建档立卡户", "count"),
        ("covered_poor", "covered poor households", "有渠道覆盖的贫困户", "count"),
        ("coverage_rate", "coverage rate", "覆盖率", "derived"),
        ("uncovered_poor", "uncovered: no channel", "无渠道覆盖", "count"),
        ("fragile_poor", "fragile: one channel only", "仅一个渠道", "count"),
        ("monitored_households", "monitored households", "监测户", "count"),
        ("covered_monitored", "covered monitored households", "有渠道覆盖的监测户", "count"),
        ("channels", "sales channels", "销售渠道", "number"),
        ("organisations", "organisations", "组织", "number"),
        ("links", "links", "联结", "number"),
    ]
    return result("headline", "Headline figures", "主要数字", columns, [row])


def _monitored(vg: ViewGraph, status: np.ndarray) -> dict[str, int]:
    """Monitored households (监测户) and how many a channel reaches, beside the poor."""
    table = vg.graph.nodes[Classes.Household]
    if "monitored" not in table.column_names:
        return {"monitored_households": 0, "covered_monitored": 0}
    monitored = pc.fill_null(table.column("monitored").cast(pa.bool_()), False).to_numpy(zero_copy_only=False)
    reached = vg.channels[vg.households] > 0
    return {"monitored_households": int(monitored.sum()), "covered_monitored": int((monitored & reached).sum())}


_NOT_ORGANISATIONS = {
    Classes.Household,
    Classes.Channel,
    Classes.Village,
    Classes.Town,
    Classes.County,
    Classes.Product,
    Classes.Brand,
    Classes.Model,
    Classes.Figure,
    Classes.Person,
    Classes.Cadre,
}


def _names(vg: ViewGraph, nodes: np.ndarray) -> dict[int, str | None]:
    """Names of a few nodes (read per class, by id)."""
    from .rollup import _properties

    props = _properties(vg, np.unique(nodes[nodes >= 0]))
    return {k: v.get("name") for k, v in props.items()}


def _coverage(vg: ViewGraph) -> list[Result]:
    households = vg.households[vg.poor]
    status = vg.status[households]
    out = []
    for level, en, zh in LEVELS:
        area = areas(vg, households, level)
        keys, inverse = np.unique(area, return_inverse=True)
        total = np.bincount(inverse, minlength=len(keys))
        uncovered = np.bincount(inverse, weights=status == UNCOVERED, minlength=len(keys)).astype(int)
        fragile = np.bincount(inverse, weights=status == FRAGILE, minlength=len(keys)).astype(int)
        names = _names(vg, keys)
        rows = []
        for k, n, u, f in zip(keys.tolist(), total.tolist(), uncovered.tolist(), fragile.tolist()):
            rows.append(
                {
                    "area": vg.graph.ids[k] if k >= 0 else None,
                    "name": names.get(k) if k >= 0 else "(no area)",
                    "poor_households": n,
                    "covered_poor": n - u,
                    "coverage_rate": round((n - u) / n, 4),
                    "uncovered_poor": u,
                    "fragile_poor": f,
                }
            )
        rows.sort(key=lambda r: (r["area"] is None, r["area"] or ""))
        if len(rows) == 1 and rows[0]["area"] is None:
            continue  # the store names no area of this level
        columns = [
            ("area", en, zh, "text"),
            ("name", "name", "名称", "text"),
            ("poor_households", "registered-poor households", "建档立卡户", "count"),
            ("covered_poor", "covered", "有渠道覆盖", "count"),
            ("coverage_rate", "coverage rate", "覆盖率", "derived"),
            ("uncovered_poor", "uncovered", "无渠道覆盖", "count"),
            ("fragile_poor", "fragile", "仅一个渠道", "count"),
        ]
        out.append(result(f"coverage_{en}", f"Coverage by {en}", f"按{zh}覆盖率", columns, rows))
    return out


def _links_of(vg: ViewGraph, households: np.ndarray) -> dict[int, list[str]]:
    """What links each household has, in words: ``SUPPLIES → C12``, ``PAIRS_WITH ← K1``."""
    g = vg.graph
    mine = np.zeros(g.size, dtype=bool)
    mine[households] = True
    out: dict[int, list[str]] = defaultdict(list)
    kinds = g.link_table.column("type")
    for direction, ends, other in (("→", g.src, g.dst), ("←", g.dst, g.src)):
        index = np.flatnonzero(mine[ends])
        names = kinds.take(pa.array(index)).cast(pa.string()).to_pylist()
        for h, o, t in zip(ends[index].tolist(), other[index].tolist(), names):
            if len(out[h]) < LINKS_LISTED:
                out[h].append(f"{t} {direction} {g.ids[o]}")
    return out


def _households(vg: ViewGraph) -> list[Result]:
    households = vg.households
    status = vg.status[households]
    out = []
    for code, name, en, zh in (
        (UNCOVERED, "uncovered", "Uncovered registered-poor households", "无渠道覆盖的建档立卡户"),
        (FRAGILE, "fragile", "Fragile registered-poor households (one channel)", "仅一个渠道覆盖的建档立卡户"),
    ):
        chosen = households[status == code]
        village = areas(vg, chosen, Classes.Village)
        links = _links_of(vg, chosen)
        names = _names(vg, np.unique(village))
        channel = {}
        if code == FRAGILE and len(chosen):
            rows = vg.by_channel[chosen]
            channel = dict(zip(chosen.tolist(), vg.channel_nodes[rows.indices].tolist()))
        rows = []
        for h, v in zip(chosen.tolist(), village.tolist()):
            row = {
                "household": vg.graph.ids[h],
                "village": vg.graph.ids[v] if v >= 0 else None,
                "village_name": names.get(v) if v >= 0 else None,
            }
            if code == FRAGILE:
                row["channel"] = vg.graph.ids[channel[h]]
            row["links"] = "; ".join(links.get(h, [])) or "(none)"
            rows.append(row)
        rows.sort(key=lambda r: r["household"])
        columns = [
            ("household", "household", "农户", "text"),
            ("village", "village", "行政村", "text"),
            ("village_name", "village name", "村名", "text"),
            *([("channel", "the one channel", "唯一渠道", "text")] if code == FRAGILE else []),
            ("links", "links it has", "已有联结", "text"),
        ]
        out.append(result(name, en, zh, columns, rows))
    return out


def _claims(
    store: Store, as_of: dt.date | None, mechanisms: Iterable[str] | None, graph: LinkGraph | None = None
) -> Result:
    """Claims against traces exactly as the audit gives them (:func:`lianjie.queries.reach.claims`),
    a roster's claimed households with no market path counted beside them."""
    from .reach import claims

    rows = [
        {
            **{k: c[k] for k in ("id", "name", "type", "claimed", "traced", "traced_poor", "gap")},
            "not_traced": len(c["claimed_not_traced"]) if "claimed_not_traced" in c else None,
        }
        for c in claims(store, as_of, mechanisms=mechanisms, graph=graph)
    ]
    columns = [
        ("id", "organisation", "组织", "text"),
        ("name", "name", "名称", "text"),
        ("type", "class", "类型", "text"),
        ("claimed", "claimed households", "声称带动户数", "number"),
        ("traced", "traced households", "追溯户数", "count"),
        ("traced_poor", "traced registered-poor households", "追溯贫困户数", "count"),
        ("gap", "gap (claimed - traced)", "差额", "derived"),
        ("not_traced", "on its roster, no market path", "名单内未追溯到户数", "count"),
    ]
    return result("claims", "Claimed vs traced households", "声称与追溯带动户数", columns, rows)


def _reach(vg: ViewGraph) -> Result:
    by_channel = vg.by_channel[vg.households].tocsc()
    rows = []
    channels = vg.graph.records(Classes.Channel)
    position = {int(c): j for j, c in enumerate(vg.channel_nodes)}
    poor = vg.poor
    for c in channels:
        j = position[c["node"]]
        reached = by_channel.indices[by_channel.indptr[j] : by_channel.indptr[j + 1]]
        rows.append(
            {
                "channel": c["id"],
                "name": c.get("name"),
                "kind": c.get("kind"),
                "households": len(reached),
                "poor_households": int(poor[reached].sum()),
            }
        )
    columns = [
        ("channel", "channel", "渠道", "text"),
        ("name", "name", "名称", "text"),
        ("kind", "kind", "渠道类型", "text"),
        ("households", "households reached", "覆盖农户", "count"),
        ("poor_households", "registered-poor households reached", "覆盖贫困户", "count"),
    ]
    return result("reach", "Reach per channel", "各渠道覆盖", columns, rows)


def _concentration(vg: ViewGraph) -> Result:
    matrix = vg.by_channel[vg.households[vg.poor]]
    counts = np.bincount(matrix.indices, minlength=len(vg.channel_nodes))
    total = counts.sum()
    shares = counts / total if total else np.zeros(len(counts))
    order = np.argsort(-shares, kind="stable")
    rows = [
        {
            "channel": vg.graph.ids[vg.channel_nodes[i]],
            "poor_households": int(counts[i]),
            "share": round(float(shares[i]), 4),
        }
        for i in order
    ]
    top = round(float(shares.max()), 4) if len(shares) else None
    hhi = round(float((shares**2).sum()), 4) if total else None
    columns = [
        ("channel", "channel", "渠道", "text"),
        ("poor_households", "registered-poor households reached", "覆盖贫困户", "count"),
        ("share", "share", "占比", "derived"),
    ]
    note = f"Top share 最大占比 {top}; Herfindahl-Hirschman index HHI {hhi} (1/n even, 1 one channel)."
    return result("concentration", "Concentration of reach on channels", "渠道集中度", columns, rows, note)


def _overlap(vg: ViewGraph) -> Result:
    matrix = vg.by_channel[vg.households[vg.poor]].astype(np.int64)
    both = (matrix.T @ matrix).toarray()
    ids = [vg.graph.ids[c] for c in vg.channel_nodes]
    rows = [{"channel": ids[i], **{ids[j]: int(both[i, j]) for j in range(len(ids))}} for i in range(len(ids))]
    columns = [("channel", "channel", "渠道", "text"), *((i, i, "", "count") for i in ids)]
    note = "Registered-poor households each pair of channels both reach; the diagonal is each channel's own reach."
    return result("overlap", "Channel overlap", "渠道重叠", columns, rows, note)


def _models(vg: ViewGraph) -> Result:
    rows = [
        {
            "model": m["model"],
            "instances": m["instances"],
            "households": m["households"],
            "poor_only": "poor only 仅贫困户" if m["poor_only"] else "all 全部",
            "incomplete": m["incomplete"],
        }
        for m in models(vg.store, graph=vg.graph)
    ]
    columns = [
        ("model", "model", "模式", "text"),
        ("instances", "instances", "实例数", "number"),
        ("households", "households reached", "带动农户", "count"),
        ("poor_only", "households counted", "计入农户", "text"),
        ("incomplete", "incomplete (no household attached)", "不完整实例", "number"),
    ]
    return result("models", "Models found by their pattern", "按联结模式识别的模式", columns, rows)


def _provenance(vg: ViewGraph) -> Result:
    onto = vg.store.onto
    evidence = list(onto.codelists["EvidenceKind"].codes) if "EvidenceKind" in onto.codelists else []
    rows = []

    def tally(kind: str, name: str, table: pa.Table) -> None:
        synthetic = pc.fill_null(table.column("synthetic").cast(pa.bool_()), False)
        source = table.column("source_doc").cast(pa.string())
        row = {"records": kind, "class": name, "count": table.num_rows}
        row["synthetic"] = int(pc.sum(synthetic).as_py() or 0)
        row["sourced"] = int(pc.sum(pc.fill_null(pc.greater(pc.utf8_length(source), 0), False)).as_py() or 0)
        counts = pc.value_counts(table.column("evidence").cast(pa.string()))
        found = dict(zip(counts.field("values").to_pylist(), counts.field("counts").to_pylist()))
        for code in evidence:
            row[code] = int(found.get(code, 0))
        row["no_evidence"] = int(found.get(None, 0))
        rows.append(row)

    for cls in onto.classes:
        if not vg.graph.nodes[cls].num_rows:
            continue
        tally("nodes 节点", cls, vg.graph.nodes[cls])
    links = vg.graph.link_table
    kinds = links.column("type").cast(pa.string())
    for t in sorted(set(pc.unique(kinds).to_pylist())):
        tally("links 联结", t, links.filter(pc.equal(kinds, t)))
    columns = [
        ("records", "records", "记录", "text"),
        ("class", "class or link type", "类别", "text"),
        ("count", "records", "条数", "number"),
        ("synthetic", "synthetic", "合成", "number"),
        ("sourced", "with a source document", "有出处", "number"),
        *((code, code, "", "number") for code in evidence),
        ("no_evidence", "no evidence kind", "无证据类型", "number"),
    ]
    return result("provenance", "Data provenance", "数据来源", columns, rows)
