"""Generate ``terms.py``: term constants from the ontology, so a misspelt term fails loudly.

Run ``python -m lianjie.ontology.generate`` after editing ``lianjie.ttl``; a test
checks that the committed ``terms.py`` matches.
"""

from __future__ import annotations

from pathlib import Path

from .parse import _local
from .reader import Ontology, load_ontology


def render_terms(onto: Ontology) -> str:
    terms = sorted({_local(s) for s in onto.graph.subjects() if str(s).startswith(str(onto.schema.iri) + "#")})
    lines = [
        '"""Term constants generated from lianjie.ttl by ``python -m lianjie.ontology.generate``. Do not edit.',
        "",
        "``Classes``, ``Links`` and ``Props`` are plain names; ``LJ``, every term as an rdflib namespace, is made",
        "on first use, so that importing the names does not import rdflib.",
        '"""',
        "",
        "from __future__ import annotations",
    ]
    lines += ["", "", "class Classes:", '    """Node class names, as stored (table names and labels)."""', ""]
    lines += [f'    {c} = "{c}"' for c in sorted(onto.classes)]
    lines += ["", "", "class Links:", '    """Link type names, as stored (relationship types)."""', ""]
    lines += [f'    {t} = "{t}"' for t in sorted(onto.link_types)]
    lines += ["", "", "class Props:", '    """Property names, as stored (columns and property keys)."""', ""]
    lines += [f'    {p} = "{p}"' for p in sorted(onto.properties)]
    lines += [
        "",
        "",
        "def __getattr__(name: str):",
        '    if name != "LJ":',
        '        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")',
        "    from rdflib import URIRef",
        "    from rdflib.namespace import DefinedNamespace, Namespace",
        "",
        "    class LJ(DefinedNamespace):",
        '        """Every term of the lianjie ontology; an unknown name raises AttributeError."""',
        "",
        "        _fail = True",
        f'        _NS = Namespace("{onto.schema.iri}#")',
        "",
    ]
    lines += [f"        {t}: URIRef" for t in terms]
    lines += ["", "    globals()[name] = LJ", "    return LJ"]
    return "\n".join(lines) + "\n"


TERMS_PATH = Path(__file__).with_name("terms.py")


def main() -> None:
    TERMS_PATH.write_text(render_terms(load_ontology()), encoding="utf-8")
    print(f"wrote {TERMS_PATH}")


if __name__ == "__main__":
    main()
