"""The facts of the two source articles as records, each with its file and a verbatim quote.

The records are written in the ontology's canonical names (property names, codes);
:mod:`lianjie.datasets.case_generator` turns them, together with the synthetic roster,
into the case dataset's ``nodes.csv`` and ``links.csv``.

Every figure an article gives is a :class:`FigureFact`: a ``Figure`` node with a measure
(codelist ``Measure``), a value, a unit, a bound (``exact``, ``lower`` for 多/余/超过,
``approximate`` for 约) and a period, joined by ``DESCRIBES`` links to what it is about.
Claims of households and people helped are also set on the claimant as
``claimed_households`` / ``claimed_people``, which the audit reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LINGSHAN = "000_7924fd5261999247.txt"
BAOJING = "003_9411b0f8b1674f0a.txt"
#: The publication dates: "截至目前" (so far) in an article means up to this day.
PUBLISHED = {LINGSHAN: "2020-12-08", BAOJING: "2020-05-12"}


@dataclass(frozen=True, kw_only=True)
class Stated:
    """What every fact carries: the article's file, the verbatim quote, and further properties."""

    doc: str
    quote: str
    props: dict = field(default_factory=dict)


@dataclass(frozen=True)
class NodeFact(Stated):
    """A node the article names."""

    id: str
    type: str
    name: str


@dataclass(frozen=True)
class LinkFact(Stated):
    """A link the article states."""

    source: str
    target: str
    type: str


@dataclass(frozen=True)
class FigureFact(Stated):
    """A figure the article gives, about one or more nodes (``about``)."""

    id: str
    name: str
    about: tuple[str, ...]
    measure: str
    value: float
    unit: str
    bound: str
    start: str | None = None
    end: str | None = None
    note: str | None = None


@dataclass
class Facts:
    """All facts of one article (``doc``), added through :meth:`node`, :meth:`link` and :meth:`figure`."""

    doc: str
    nodes: list[NodeFact] = field(default_factory=list)
    links: list[LinkFact] = field(default_factory=list)
    figures: list[FigureFact] = field(default_factory=list)

    def node(self, ident: str, type_: str, name: str, quote: str, **props) -> None:
        self.nodes.append(NodeFact(ident, type_, name, doc=self.doc, quote=quote, props=props))

    def link(self, source: str, target: str, type_: str, quote: str, **props) -> None:
        self.links.append(LinkFact(source, target, type_, doc=self.doc, quote=quote, props=props))

    def figure(
        self,
        ident: str,
        name: str,
        about: str | tuple[str, ...],
        measure: str,
        value: float,
        unit: str,
        bound: str,
        quote: str,
        start: str | None = None,
        end: str | None = None,
        note: str | None = None,
    ) -> None:
        about = (about,) if isinstance(about, str) else about
        self.figures.append(
            FigureFact(ident, name, about, measure, value, unit, bound, start, end, note, doc=self.doc, quote=quote)
        )


def all_facts() -> list[Facts]:
    """The facts of both articles, Lingshan first."""
    from .facts_baojing import baojing
    from .facts_lingshan import lingshan

    return [lingshan(), baojing()]
