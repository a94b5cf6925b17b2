"""Colours, shapes and fonts of every page, from the ontology's styles plus the audit overlay.

Node classes take ``lj:color`` and ``lj:shape`` from the ontology. Households are coloured
by their audit status instead, in colours chosen far (CIE Lab distance of 25 or more) from
every class colour, so a status never reads as a class.
"""

from __future__ import annotations

import html

from ..ontology import Ontology
from ..ontology.terms import Classes

#: Audit status of a household: (colour, English, 中文).
STATUS_STYLE = {
    "uncovered": ("#ff0033", "uncovered: no channel", "无渠道覆盖"),
    "fragile": ("#ffea00", "fragile: one channel", "仅一个渠道"),
    "covered": ("#00e5a0", "covered: two or more channels", "两个以上渠道"),
    "not_poor": ("#ffffff", "not registered poor", "非建档立卡户"),
}
#: The ring drawn round an organisation tracing under half the households it claims.
GAP_RING = "#1a1a1a"
#: Fonts with Chinese glyphs first, so labels render wherever one is installed.
FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", '
    '"Hiragino Sans GB", "WenQuanYi Micro Hei", "Noto Serif CJK SC", sans-serif'
)


def class_style(onto: Ontology, name: str) -> dict:
    """``color``, ``shape``, ``label_zh`` and ``label_en`` of a class, as the ontology gives them."""
    c = onto.classes[name]
    return {"color": c.color, "shape": c.shape, "label_zh": c.label_zh, "label_en": c.label_en}


def legend_items(onto: Ontology, classes: set[str], statuses: set[str], gap: bool) -> list[dict]:
    """The legend: each class drawn (households by status), the link families, the claim ring."""
    items = []
    for name in sorted(classes, key=lambda n: (n != Classes.Household, onto.classes[n].label_en)):
        if name == Classes.Household:
            for status in STATUS_STYLE:
                if status in statuses:
                    color, en, zh = STATUS_STYLE[status]
                    items.append(
                        {
                            "kind": "status",
                            "key": status,
                            "color": color,
                            "shape": "dot",
                            "text": f"农户 {zh} · household {en}",
                        }
                    )
            continue
        s = class_style(onto, name)
        items.append(
            {
                "kind": "class",
                "key": name,
                "color": s["color"],
                "shape": s["shape"],
                "text": f"{s['label_zh']} {s['label_en']}",
            }
        )
    for name, family in onto.link_families.items():  # colour, line and labels from the ontology (lj:LinkFamily)
        items.append(
            {
                "kind": "family",
                "key": name,
                "color": family.color,
                "shape": family.shape,
                "text": f"{family.label_zh} {family.label_en}",
            }
        )
    if gap:
        items.append(
            {
                "kind": "gap",
                "key": "gap",
                "color": GAP_RING,
                "shape": "ring",
                "text": "追溯户数不到声称的一半 traces under half the households it claims",
            }
        )
    return items


def escape(text: object) -> str:
    return html.escape("" if text is None else str(text))
