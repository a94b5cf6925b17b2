"""Plain data classes describing the schema read from the Turtle ontology."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Concept:
    """One entry of a codelist: its stored code plus every label that resolves to it."""

    code: str
    label_en: str
    label_zh: str
    aliases: tuple[str, ...] = ()
    #: Terms this entry stands for elsewhere in the ontology (``skos:related``): a link
    #: type's name, or another codelist's code, e.g. a linkage mode's link type and mechanism.
    related: tuple[str, ...] = ()
    #: The ontology's boolean marks that are true of this entry (``online``, ``impliesPoor``).
    marks: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Codelist:
    name: str
    label_en: str
    label_zh: str
    concepts: tuple[Concept, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.concepts)


@dataclass(frozen=True)
class Property:
    """A column a table may carry, on nodes, on links or both."""

    name: str
    column: str
    kind: str
    label_en: str
    label_zh: str
    aliases: tuple[str, ...]
    on_nodes: frozenset[str]
    on_links: bool
    codelist: str | None = None
    personal: bool = False
    pattern: str | None = None
    role: str | None = None
    shorthand_for: str | None = None
    shorthand_range: frozenset[str] = frozenset()
    comment: str = ""

    @property
    def headers(self) -> tuple[str, ...]:
        """Every header text that names this column."""
        return (self.column, self.name, self.label_en, self.label_zh, *self.aliases)


@dataclass(frozen=True)
class NodeClass:
    name: str
    label_en: str
    label_zh: str
    aliases: tuple[str, ...]
    ancestors: frozenset[str]
    color: str
    shape: str
    personal_name: bool = False
    comment: str = ""


@dataclass(frozen=True)
class LinkFamily:
    """A family of link types (market, support): its labels and how its links are drawn."""

    name: str
    label_en: str
    label_zh: str
    color: str
    shape: str
    comment: str = ""


@dataclass(frozen=True)
class LinkType:
    name: str
    family: str
    label_en: str
    label_zh: str
    aliases: tuple[str, ...]
    domain: frozenset[str]
    range: frozenset[str]
    comment: str = ""
    #: A support link type whose help counts for ``support_only`` (lj:supportOnly).
    support_only: bool = False

    @property
    def is_market(self) -> bool:
        return self.family == "market"

    def allows(self, source_class: str, target_class: str) -> bool:
        return source_class in self.domain and target_class in self.range


@dataclass
class Schema:
    """Everything the rest of the package knows about the domain."""

    iri: str
    version: str
    classes: dict[str, NodeClass] = field(default_factory=dict)
    abstract_classes: dict[str, frozenset[str]] = field(default_factory=dict)
    link_types: dict[str, LinkType] = field(default_factory=dict)
    properties: dict[str, Property] = field(default_factory=dict)
    codelists: dict[str, Codelist] = field(default_factory=dict)
    link_families: dict[str, LinkFamily] = field(default_factory=dict)
