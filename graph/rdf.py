"""Export a store as linked data (RDF) in the ontology's own terms, with rdflib."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import quote

import pandas as pd
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import XSD

from ..base.kinds import KINDS
from .convert import is_missing
from .store import Store

DATA = Namespace("https://w3id.org/lianjie/data/")
#: The datatype of each value kind's literals (text is a plain literal), from :data:`lianjie.base.kinds.KINDS`.
_XSD = {k.name: None if k.name == "string" else XSD[k.xsd] for k in KINDS.values()}


def _literal(value: object, kind: str) -> Literal | None:
    if is_missing(value):
        return None
    if kind == "date":
        value = pd.Timestamp(value).date() if not isinstance(value, dt.date) else value
    if kind == "integer":
        value = int(value)
    if kind == "boolean":
        value = bool(value)
    return Literal(value, datatype=_XSD[kind]) if _XSD[kind] else Literal(str(value))


def _node(ident: str) -> URIRef:
    return DATA[quote(ident, safe="")]


def to_rdf(store: Store) -> Graph:
    """Every node as ``data:ID a lj:Class`` with its properties; every link as a direct triple
    ``data:SOURCE lj:TYPE data:TARGET`` and, for its attributes, a ``lj:Link`` resource
    (``data:link/KEY``) with ``lj:source``, ``lj:target``, ``lj:linkType`` and the properties.

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> store = toy_store()
    >>> from rdflib import Namespace
    >>> graph = to_rdf(store)
    >>> lj, data = Namespace(store.onto.schema.iri + "#"), Namespace("https://w3id.org/lianjie/data/")
    >>> (data.c1, lj.SELLS_THROUGH, data.ch1) in graph
    True
    """
    onto = store.onto
    lj = Namespace(onto.schema.iri + "#")
    graph = Graph()
    graph.bind("lj", lj)
    graph.bind("data", DATA)
    for cls in sorted(onto.classes):
        props = onto.stored_node_properties(cls)
        frame = store.nodes(cls, [p.name for p in props])
        for rec in frame.to_dict("records"):
            subject = _node(rec["id"])
            graph.add((subject, RDF.type, lj[cls]))
            graph.add((subject, lj.id, Literal(rec["id"])))
            for p in props:
                literal = _literal(rec[p.name], p.kind)
                if literal is not None:
                    graph.add((subject, lj[p.name], literal))
    props = onto.stored_link_properties
    links = store.links(onto.link_types, ["key", *(p.name for p in props)])
    for rec in links.to_dict("records"):
        source, target = _node(rec["source"]), _node(rec["target"])
        graph.add((source, lj[rec["type"]], target))
        link = DATA[f"link/{rec['key']}"]
        graph.add((link, RDF.type, lj.Link))
        graph.add((link, lj.source, source))
        graph.add((link, lj.target, target))
        graph.add((link, lj.linkType, lj[rec["type"]]))
        for p in props:
            literal = _literal(rec[p.name], p.kind)
            if literal is not None:
                graph.add((link, lj[p.name], literal))
    return graph


def write_turtle(store: Store, out: Path) -> list[str]:
    """The ``turtle`` export format: :func:`to_rdf` written to the file ``out``."""
    graph = to_rdf(store)
    out.parent.mkdir(parents=True, exist_ok=True)
    graph.serialize(destination=str(out), format="turtle")
    return [f"wrote {len(graph):,} triples to {out}"]
