"""Read the Turtle ontology with rdflib into a :class:`~lianjie.ontology.model.Schema`.

This is the only place where the package learns the schema from, and the only part of
it that needs rdflib; :func:`lianjie.ontology.load_ontology` keeps what it reads in a
snapshot, so commands start without importing rdflib at all.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef

from ..base.kinds import KINDS
from .model import Codelist, Concept, LinkFamily, LinkType, NodeClass, Property, Schema

LJ = Namespace("https://w3id.org/lianjie/ontology#")
SCHEMA = Namespace("https://schema.org/")
OWL_VERSION = URIRef("http://www.w3.org/2002/07/owl#versionInfo")
OWL_ONTOLOGY = URIRef("http://www.w3.org/2002/07/owl#Ontology")
OWL_CLASS = URIRef("http://www.w3.org/2002/07/owl#Class")
OWL_DATATYPE_PROPERTY = URIRef("http://www.w3.org/2002/07/owl#DatatypeProperty")

#: The value kind of each XSD datatype a property's range may be (from :data:`lianjie.base.kinds.KINDS`).
_XSD_KINDS = {XSD[x]: k.name for k in KINDS.values() for x in (k.xsd, *k.xsd_also)}
#: Boolean marks a codelist entry may carry, by the name :attr:`Concept.marks` holds.
_CONCEPT_MARKS = ("online", "impliesPoor")


def _local(uri: URIRef) -> str:
    return str(uri).rsplit("#", 1)[-1]


def parse_turtle(turtle: str) -> Graph:
    graph = Graph()
    graph.parse(data=turtle, format="turtle")
    return graph


def read_schema(graph: Graph, source: str = "<string>") -> Schema:
    """The schema a parsed ontology describes; ``source`` names it in errors."""
    return _Reader(graph, source).read()


class _Reader:
    def __init__(self, graph: Graph, source: str) -> None:
        self.graph = graph
        self.source = source

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

    def _related(self, subject: URIRef) -> tuple[str, ...]:
        """``skos:related`` terms by the name they are used under: a concept's notation, else the local name."""
        out = []
        for term in self.graph.objects(subject, SKOS.related):
            notation = self.graph.value(term, SKOS.notation)
            out.append(str(notation) if notation is not None else _local(term))
        return tuple(sorted(out))

    def _flag(self, subject: URIRef, predicate: URIRef) -> bool:
        value = self.graph.value(subject, predicate)
        return bool(value is not None and value.toPython() is True)

    def _text(self, subject: URIRef, predicate: URIRef, default: str = "") -> str:
        value = self.graph.value(subject, predicate)
        return default if value is None else str(value)

    def read(self) -> Schema:
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

        for fam in sorted(g.subjects(RDF.type, LJ.LinkFamily)):
            en, zh = self._labels(fam)
            name = _local(fam).lower()
            schema.link_families[name] = LinkFamily(
                name=name,
                label_en=en,
                label_zh=zh,
                color=self._text(fam, LJ.color, "#999999"),
                shape=self._text(fam, LJ.shape, "line"),
                comment=self._text(fam, RDFS.comment),
            )
        for lt in sorted(g.subjects(RDF.type, LJ.LinkType)):
            en, zh = self._labels(lt)
            family = _local(g.value(lt, LJ.family)).lower()
            if family not in schema.link_families:
                raise ValueError(f"{self.source}: {lt} has no lj:family of a lj:LinkFamily")
            schema.link_types[_local(lt)] = LinkType(
                name=_local(lt),
                family=family,
                label_en=en,
                label_zh=zh,
                aliases=self._aliases(lt),
                domain=expand(g.objects(lt, SCHEMA.domainIncludes)),
                range=expand(g.objects(lt, SCHEMA.rangeIncludes)),
                comment=self._text(lt, RDFS.comment),
                support_only=self._flag(lt, LJ.supportOnly),
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
                        related=self._related(concept),
                        marks=frozenset(m for m in _CONCEPT_MARKS if self._flag(concept, LJ[m])),
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
