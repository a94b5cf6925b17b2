"""The lianjie ontology (Turtle) and its Python view.

The Turtle file ``lianjie.ttl`` is the single source of truth; :func:`load_ontology`
reads it with rdflib. ``terms`` holds generated constants for its terms.
"""

from .model import Codelist, Concept, LinkFamily, LinkType, NodeClass, Property, Schema
from .reader import Ontology, load_ontology, normalise_label

__all__ = [
    "Codelist",
    "Concept",
    "LinkFamily",
    "LinkType",
    "NodeClass",
    "Ontology",
    "Property",
    "Schema",
    "load_ontology",
    "normalise_label",
]
