"""Read the Turtle ontology with rdflib into an :class:`Ontology`.

This is the only place where the rest of the package learns the schema from.
"""

from __future__ import annotations

import hashlib
import unicodedata
from functools import cached_property
from importlib import resources
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef

from .model import Codelist, Concept, LinkType, NodeClass, Property, Schema

LJ = Namespace("https://w3id.org/lianjie/ontology#")
SCHEMA = Namespace("https://schema.org/")
OWL_VERSION = URIRef("http://www.w3.org/2002/07/owl#versionInfo")
OWL_ONTOLOGY = URIRef("http://www.w3.org/2002/07/owl#Ontology")
OWL_CLASS = URIRef("http://www.w3.org/2002/07/owl#Class")
OWL_DATATYPE_PROPERTY = URIRef("http://www.w3.org/2002/07/owl#DatatypeProperty")

_XSD_KINDS = {
    XSD.string: "string",
    XSD.integer: "integer",
    XSD.double: "double",
    XSD.decimal: "double",
    XSD.boolean: "boolean",
    XSD.date: "date",
}
_FAMILIES = {LJ.Market: "market", LJ.Support: "support"}


def normalise_label(text: str) -> str:
    """The form under which headers, type names and codes are matched.

    NFKC folds full-width characters (（元） and (元) match), case is ignored,
    and spaces, hyphens and underscores are treated alike.
    """
    folded = unicodedata.normalize("NFKC", str(text)).strip().casefold()
    for ch in ("-", "_"):
        folded = folded.replace(ch, " ")
    return " ".join(folded.split())


def _local(uri: URIRef) -> str:
    return str(uri).rsplit("#", 1)[-1]


class Ontology:
    """The schema of lianjie, read from Turtle, with the lookups the package needs.

    Examples
    --------
    >>> from lianjie.ontology import load_ontology
    >>> onto = load_ontology()
    >>> onto.resolve_class("合作社")
    'Cooperative'
    >>> onto.resolve_link_type("订单收购")
    'SUPPLIES'
    >>> sorted(onto.market_link_types)[:2]
    ['EMPLOYED_BY', 'HOLDS_SHARES_IN']
    """

    def __init__(self, turtle: str, source: str = "<string>") -> None:
        self.source = source
        self.turtle = turtle
        self.graph = Graph()
        self.graph.parse(data=turtle, format="turtle")
        self.schema = self._read()

    # -- reading ---------------------------------------------------------

    def _labels(self, subject: URIRef) -> tuple[str, str]:
        en = zh = _local(subject)
        for predicate in (RDFS.label, SKOS.prefLabel):
            for label in self.graph.objects(subject, predicate):
                if isinstance(label, Literal) and label.language == "en":
                    en = str(label)
                elif isinstance(label, Literal) and label.language == "zh":
                    zh = str(label)
        return en, zh

    def _aliases(self, subject: URIRef) -> tuple[str, ...]:
        return tuple(sorted(str(a) for a in self.graph.objects(subject, SKOS.altLabel)))

    def _flag(self, subject: URIRef, predicate: URIRef) -> bool:
        value = self.graph.value(subject, predicate)
        return bool(value is not None and value.toPython() is True)

    def _text(self, subject: URIRef, predicate: URIRef, default: str = "") -> str:
        value = self.graph.value(subject, predicate)
        return default if value is None else str(value)

    def _read(self) -> Schema:
        g = self.graph
        ontology_iri = next(g.subjects(RDF.type, OWL_ONTOLOGY))
        schema = Schema(iri=str(ontology_iri), version=self._text(ontology_iri, OWL_VERSION, "0"))

        class_uris = set(g.subjects(RDF.type, OWL_CLASS))
        parents = {c: set(g.objects(c, RDFS.subClassOf)) for c in class_uris}

        def ancestors(c: URIRef) -> set[URIRef]:
            seen: set[URIRef] = set()
            stack = list(parents.get(c, ()))
            while stack:
                p = stack.pop()
                if p not in seen:
                    seen.add(p)
                    stack.extend(parents.get(p, ()))
            return seen

        concrete = sorted(c for c in class_uris if not self._flag(c, LJ.abstract))
        for c in concrete:
            en, zh = self._labels(c)
            schema.classes[_local(c)] = NodeClass(
                name=_local(c),
                label_en=en,
                label_zh=zh,
                aliases=self._aliases(c),
                ancestors=frozenset(_local(a) for a in ancestors(c)),
                color=self._text(c, LJ.color, "#999999"),
                shape=self._text(c, LJ.shape, "dot"),
                personal_name=self._flag(c, LJ.personalName),
                comment=self._text(c, RDFS.comment),
            )
        for c in sorted(class_uris - set(concrete)):
            name = _local(c)
            schema.abstract_classes[name] = frozenset(k for k, v in schema.classes.items() if name in v.ancestors)

        def expand(uris) -> frozenset[str]:
            names: set[str] = set()
            for uri in uris:
                name = _local(uri)
                if name in schema.classes:
                    names.add(name)
                elif name in schema.abstract_classes:
                    names |= schema.abstract_classes[name]
                elif name != "Link":
                    raise ValueError(f"{self.source}: {uri} is not a class of the ontology")
            return frozenset(names)

        for lt in sorted(g.subjects(RDF.type, LJ.LinkType)):
            en, zh = self._labels(lt)
            family = _FAMILIES[g.value(lt, LJ.family)]
            schema.link_types[_local(lt)] = LinkType(
                name=_local(lt),
                family=family,
                label_en=en,
                label_zh=zh,
                aliases=self._aliases(lt),
                domain=expand(g.objects(lt, SCHEMA.domainIncludes)),
                range=expand(g.objects(lt, SCHEMA.rangeIncludes)),
                comment=self._text(lt, RDFS.comment),
            )

        for scheme in sorted(g.subjects(RDF.type, SKOS.ConceptScheme)):
            en, zh = self._labels(scheme)
            concepts = []
            for concept in sorted(g.subjects(SKOS.inScheme, scheme)):
                c_en, c_zh = self._labels(concept)
                concepts.append(
                    Concept(
                        code=self._text(concept, SKOS.notation, _local(concept)),
                        label_en=c_en,
                        label_zh=c_zh,
                        aliases=self._aliases(concept),
                    )
                )
            schema.codelists[_local(scheme)] = Codelist(_local(scheme), en, zh, tuple(concepts))

        for p in sorted(g.subjects(RDF.type, OWL_DATATYPE_PROPERTY)):
            en, zh = self._labels(p)
            domain = {_local(d) for d in g.objects(p, SCHEMA.domainIncludes)}
            codelist = g.value(p, LJ.codelist)
            shorthand = g.value(p, LJ.shorthandFor)
            xsd_range = g.value(p, RDFS.range)
            if xsd_range not in _XSD_KINDS:
                raise ValueError(f"{self.source}: {p} has no supported rdfs:range")
            schema.properties[_local(p)] = Property(
                name=_local(p),
                column=self._text(p, LJ.column, _local(p)),
                kind=_XSD_KINDS[xsd_range],
                label_en=en,
                label_zh=zh,
                aliases=self._aliases(p),
                on_nodes=expand(g.objects(p, SCHEMA.domainIncludes)),
                on_links="Link" in domain,
                codelist=_local(codelist) if codelist is not None else None,
                personal=self._flag(p, LJ.personal),
                pattern=self._text(p, LJ.pattern) or None,
                role=self._text(p, LJ.role) or None,
                shorthand_for=_local(shorthand) if shorthand is not None else None,
                shorthand_range=expand(g.objects(p, SCHEMA.rangeIncludes)),
                comment=self._text(p, RDFS.comment),
            )
        return schema

    # -- the schema ------------------------------------------------------

    @property
    def classes(self) -> dict[str, NodeClass]:
        return self.schema.classes

    @property
    def link_types(self) -> dict[str, LinkType]:
        return self.schema.link_types

    @property
    def properties(self) -> dict[str, Property]:
        return self.schema.properties

    @property
    def codelists(self) -> dict[str, Codelist]:
        return self.schema.codelists

    @cached_property
    def fingerprint(self) -> str:
        """A short hash of the ontology text, recorded in every store it shaped."""
        return hashlib.sha256(self.turtle.encode("utf-8")).hexdigest()[:16]

    @cached_property
    def market_link_types(self) -> frozenset[str]:
        return frozenset(n for n, lt in self.link_types.items() if lt.is_market)

    def stored_node_properties(self, class_name: str) -> list[Property]:
        """Columns a node table of this class stores, in a fixed order (id first)."""
        props = [
            p
            for p in self.properties.values()
            if class_name in p.on_nodes and p.role is None and p.shorthand_for is None
        ]
        return sorted(props, key=lambda p: (p.name != "name", p.name))

    @cached_property
    def stored_link_properties(self) -> list[Property]:
        """Columns every link table stores, in a fixed order."""
        return sorted(
            (p for p in self.properties.values() if p.on_links and p.role is None),
            key=lambda p: p.name,
        )

    @cached_property
    def node_columns(self) -> dict[str, Property]:
        """Header text (normalised) to node property, for any header a node table may carry."""
        return self._header_index(p for p in self.properties.values() if p.on_nodes)

    @cached_property
    def link_columns(self) -> dict[str, Property]:
        """Header text (normalised) to link property."""
        return self._header_index(p for p in self.properties.values() if p.on_links)

    def _header_index(self, props) -> dict[str, Property]:
        index: dict[str, Property] = {}
        props = sorted(props, key=lambda p: (p.role is None, p.name))
        # canonical names first, so an alias never shadows another column's own name
        for p in props:
            index.setdefault(normalise_label(p.column), p)
            index.setdefault(normalise_label(p.name), p)
        for p in props:
            for header in p.headers:
                index.setdefault(normalise_label(header), p)
        return index

    @cached_property
    def _class_index(self) -> dict[str, str]:
        return self._term_index((c.name, (c.name, c.label_en, c.label_zh, *c.aliases)) for c in self.classes.values())

    @cached_property
    def _link_index(self) -> dict[str, str]:
        return self._term_index(
            (t.name, (t.name, t.label_en, t.label_zh, *t.aliases)) for t in self.link_types.values()
        )

    @staticmethod
    def _term_index(entries) -> dict[str, str]:
        entries = list(entries)
        index: dict[str, str] = {}
        for name, labels in entries:  # names and labels first, then aliases
            for label in labels[:3]:
                index.setdefault(normalise_label(label), name)
        for name, labels in entries:
            for label in labels[3:]:
                index.setdefault(normalise_label(label), name)
        return index

    def resolve_class(self, text: str) -> str | None:
        """The class a type cell names (class name, label or alias), or None."""
        return self._class_index.get(normalise_label(text))

    def resolve_link_type(self, text: str) -> str | None:
        """The link type a type cell names (name, label or alias), or None."""
        return self._link_index.get(normalise_label(text))

    @cached_property
    def _codelist_index(self) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {}
        for name, cl in self.codelists.items():
            entries = [(c.code, (c.code, c.label_en, c.label_zh, *c.aliases)) for c in cl.concepts]
            out[name] = self._term_index(entries)
        return out

    def resolve_code(self, codelist: str, text: str) -> str | None:
        """The code of a codelist that a cell names (code, label or alias), or None."""
        return self._codelist_index[codelist].get(normalise_label(text))

    def implied_mechanism(self, link_type_text: str) -> str | None:
        """A mechanism named by a link-type cell, e.g. 保底收购 is SUPPLIES by guaranteed-price purchase."""
        return self.resolve_code("Mechanism", link_type_text)

    def class_choices(self, names) -> str:
        """Human list of classes, for error messages."""
        return ", ".join(sorted(names))


_PACKAGE_TTL = "lianjie.ttl"


def load_ontology(path: str | Path | None = None) -> Ontology:
    """Read the ontology: the bundled one by default (cached), or a Turtle file."""
    if path is not None:
        p = Path(path)
        return Ontology(p.read_text(encoding="utf-8"), source=str(p))
    return _bundled()


_CACHE: dict[str, Ontology] = {}


def _bundled() -> Ontology:
    if "bundled" not in _CACHE:
        text = resources.files("lianjie.ontology").joinpath(_PACKAGE_TTL).read_text(encoding="utf-8")
        _CACHE["bundled"] = Ontology(text, source=_PACKAGE_TTL)
    return _CACHE["bundled"]
