"""Cypher in the researcher's terms: Chinese labels, code labels and portable functions on both stores.

A query as a researcher writes it is rewritten, token by token, into the stored terms
before it runs; nothing inside a string is touched unless it is compared with a coded
property. :func:`rewrite` does the following (``lianjie cypher --raw`` skips it all):

* **Class and link labels** in any of the ontology's names, labels or aliases:
  ``(h:农户)`` is ``(h:Household)``, ``[:供货|入社]`` is ``[:SUPPLIES|MEMBER_OF]``. An
  unknown non-ASCII label is refused, naming the labels there are (a store would
  otherwise answer nothing, silently).
* **Property names** as table headers say them: ``h.名称`` is ``h.name``, ``r.开始`` (or
  ``r.start``) is ``r.start_date``, ``{编号: 'h1'}`` is ``{id: 'h1'}``.
* **Codes by label**: a string compared with a coded property (``=``, ``<>``, ``IN [...]``,
  or a map ``{mechanism: ...}``) is read as its codelist does on load, so
  ``r.mechanism = '订单收购'`` finds ``order_purchase``; the same for parameters
  (``r.mechanism = $m`` with ``m=订单收购``), and for ``type(r) = '供货'``.
* **Functions that differ**: ``type(r)``, ``label(x)`` and ``labels(n)`` work on both
  stores; ``labels(n)`` never lists Neo4j's shared ``Node`` label.
* **Result columns** are named as written: ``RETURN count(h)`` gives a column ``count(h)``
  on both stores (the embedded one would say ``COUNT(h._ID)``).
* ``village`` (所在村) is not a stored property but a ``LOCATED_IN`` link; a query reading
  it is refused with the query that does.

Examples
--------
>>> from lianjie.ontology import load_ontology
>>> onto = load_ontology()
>>> rewrite("MATCH (h:农户)-[r:供货]->(c) WHERE r.mechanism = '订单收购' RETURN count(h)", onto, "neo4j").text
"MATCH (h:Household)-[r:SUPPLIES]->(c) WHERE r.mechanism = 'order_purchase' RETURN count(h) AS `count(h)`"
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..ontology import Ontology
from .cypher_terms import Rewriter
from .cypher_tokens import tokenise

__all__ = ["Rewritten", "rewrite", "run_cypher"]


@dataclass
class Rewritten:
    """A query in stored terms: its text, its parameters (code labels read), what was changed."""

    text: str
    params: dict
    changes: list[str] = field(default_factory=list)


def rewrite(query: str, onto: Ontology, dialect: str, params: dict | None = None) -> Rewritten:
    """``query`` in the stored terms of the ``dialect`` (``"embedded"`` or ``"neo4j"``).

    See the module's description for what is rewritten. Raises :class:`LianjieError`
    for a Chinese label the ontology does not know and for ``village`` read as a property.

    Examples
    --------
    >>> from lianjie.ontology import load_ontology
    >>> onto = load_ontology()
    >>> rewrite("MATCH (n:合作社) RETURN labels(n), n.名称", onto, "neo4j").text
    "MATCH (n:Cooperative) RETURN [__l IN labels(n) WHERE __l <> 'Node'] AS `labels(n)`, n.name AS `n.名称`"
    >>> rewrite("MATCH ()-[r]->() WHERE type(r) = '入社' RETURN count(*)", onto, "embedded").text
    "MATCH ()-[r]->() WHERE label(r) = 'MEMBER_OF' RETURN count(*) AS `count(*)`"
    >>> rewrite("MATCH (a)-[r]->(b) WHERE r.mechanism = $m RETURN a.id", onto, "neo4j", {"m": "务工"}).params
    {'m': 'wage_employment'}
    """
    r = Rewriter(onto, dialect, params or {})
    toks = tokenise(query)
    nodes, links = r.variables(toks)
    r.labels(toks)
    r.properties(toks)
    r.codes(toks, nodes, links)
    r.functions(toks, nodes, links)
    r.returns(toks)
    return Rewritten("".join(t.out for t in toks), r.params, r.changes)


def run_cypher(store, query: str, params: dict | None = None, write: bool = False, raw: bool = False) -> list[dict]:
    """Run a query written in the researcher's terms (see :func:`rewrite`); ``raw`` runs it as written."""
    if raw:
        return store.cypher(query, params or {}, write=write)
    done = rewrite(query, store.onto, store.kind, params)
    return store.cypher(done.text, done.params, write=write)
