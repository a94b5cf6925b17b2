"""A Markdown description of the ontology: every class, link type, column, alias and code.

``lianjie schema`` prints it; ``docs/schema.md`` is this text, kept current by a test.
"""

from __future__ import annotations

from .reader import Ontology

#: How the ontology's marks on codelist entries read in the description.
_MARKS = {"online": "sells online", "impliesPoor": "implies registered poor"}


def _applies(onto: Ontology, names: frozenset[str]) -> str:
    if names == frozenset(onto.classes):
        return "every class"
    return ", ".join(sorted(names))


def describe_markdown(onto: Ontology) -> str:
    out = [
        "# The lianjie schema",
        "",
        f"Generated from the ontology (`ontology/lianjie.ttl`, fingerprint `{onto.fingerprint}`) by "
        "`lianjie schema`. Any label or alias below is accepted where the canonical name is; "
        "matching ignores case, full-width forms, spaces, hyphens and underscores.",
        "",
        "## Node classes (`type` / 类型 in nodes)",
        "",
        "| class | 中文 | also accepted |",
        "|---|---|---|",
    ]
    for c in sorted(onto.classes.values(), key=lambda c: c.name):
        out.append(f"| `{c.name}` | {c.label_zh} | {', '.join(c.aliases)} |")
    out += [
        "",
        "## Link types (`type` / 联结类型 in links)",
        "",
        "Market linkages count for reach; support linkages carry help (those marked *support-only* make a "
        "household without market links of its own a support-only household). A type named by a mechanism "
        "(e.g. 保底收购) also sets that mechanism when the row gives none.",
        "",
        "| link | 中文 | family | from | to | also accepted |",
        "|---|---|---|---|---|---|",
    ]
    for t in sorted(onto.link_types.values(), key=lambda t: (t.family, t.name)):
        out.append(
            f"| `{t.name}` | {t.label_zh} | {t.family}{', support-only' if t.support_only else ''} | "
            f"{_applies(onto, t.domain)} | "
            f"{_applies(onto, t.range)} | {', '.join(t.aliases)} |"
        )
    out += ["", "## Columns", "", "| column | 中文 | also accepted | value | on |", "|---|---|---|---|---|"]
    for p in sorted(onto.properties.values(), key=lambda p: (p.role is None, p.on_links, p.name)):
        where = []
        if p.on_nodes:
            where.append(_applies(onto, p.on_nodes))
        if p.on_links:
            where.append("links")
        value = p.kind + (f" from codelist {p.codelist}" if p.codelist else "")
        if p.personal:
            value += "; personal: stored as a keyed hash"
        if p.shorthand_for:
            value += f"; the id of a {_applies(onto, p.shorthand_range)}: a {p.shorthand_for} link"
        out.append(f"| `{p.column}` | {p.label_zh} | {', '.join(p.aliases)} | {value} | {' and '.join(where)} |")
    out += ["", "## Codelists", ""]
    for cl in sorted(onto.codelists.values(), key=lambda c: c.name):
        out += [f"### {cl.name} ({cl.label_zh})", "", "| code | 中文 | English | also accepted |", "|---|---|---|---|"]
        for c in cl.concepts:
            marks = "".join(f" ({_MARKS[m]})" for m in sorted(c.marks) if m in _MARKS)
            out.append(f"| `{c.code}` | {c.label_zh} | {c.label_en}{marks} | {', '.join(c.aliases)} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
