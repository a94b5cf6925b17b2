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

import re
from dataclasses import dataclass, field

from ..base.errors import LianjieError
from ..ontology import Ontology

_TOKEN = re.compile(
    r"""
    (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<quoted>`(?:[^`]|``)*`)
  | (?P<param>\$\w+)
  | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<word>[^\W\d]\w*)
  | (?P<space>\s+)
  | (?P<punct><>|!=|<=|>=|=~|->|<-|\.\.|\S)
    """,
    re.X | re.S,
)
_OPEN, _CLOSE = "([{", ")]}"
_COMPARE = {"=", "<>", "!="}
_CLAUSE_ENDS = {"ORDER", "SKIP", "LIMIT", "UNION"}


@dataclass
class _Tok:
    kind: str
    text: str
    depth: int = 0
    bracket: str = ""  # the innermost open bracket around the token
    new: str | None = None

    @property
    def out(self) -> str:
        return self.text if self.new is None else self.new


@dataclass
class Rewritten:
    """A query in stored terms: its text, its parameters (code labels read), what was changed."""

    text: str
    params: dict
    changes: list[str] = field(default_factory=list)


def _tokens(query: str) -> list[_Tok]:
    out: list[_Tok] = []
    stack: list[str] = []
    for m in _TOKEN.finditer(query):
        kind, text = m.lastgroup or "punct", m.group()
        if kind == "punct" and text in _CLOSE and stack:
            stack.pop()
        out.append(_Tok(kind, text, len(stack), stack[-1] if stack else ""))
        if kind == "punct" and text in _OPEN:
            stack.append(text)
    return out


def _unquote(tok: _Tok) -> str:
    return tok.text[1:-1].replace("``", "`") if tok.kind == "quoted" else tok.text


def _string_value(tok: _Tok) -> str:
    return tok.text[1:-1].replace("\\'", "'").replace('\\"', '"')


def _quote_string(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


class _Rewriter:
    def __init__(self, onto: Ontology, dialect: str, params: dict) -> None:
        self.onto = onto
        self.dialect = dialect
        self.params = dict(params)
        self.changes: list[str] = []
        self.stored = {p.name for p in onto.stored_link_properties} | {"id", "extra", "key"}
        for cls in onto.classes:
            self.stored |= {p.name for p in onto.stored_node_properties(cls)}

    # -- helpers ---------------------------------------------------------------------------------

    @staticmethod
    def _next(toks: list[_Tok], i: int) -> int:
        """The index of the next token that is not space or comment (len when none)."""
        i += 1
        while i < len(toks) and toks[i].kind in ("space", "comment"):
            i += 1
        return i

    @staticmethod
    def _prev(toks: list[_Tok], i: int) -> int:
        i -= 1
        while i >= 0 and toks[i].kind in ("space", "comment"):
            i -= 1
        return i

    def _label(self, tok: _Tok, link: bool) -> None:
        text = _unquote(tok)
        resolved = self.onto.resolve_link_type(text) if link else self.onto.resolve_class(text)
        if resolved is None:
            if not text.isascii():
                what = "link type" if link else "class"
                names = self.onto.link_types if link else self.onto.classes
                choices = ", ".join(f"{n} ({getattr(v, 'label_zh', n)})" for n, v in names.items())
                raise LianjieError(f"no {what} called {text!r}; the {what}s are: {choices}")
            return
        if resolved != text:
            tok.new = resolved
            self.changes.append(f"{text} → {resolved}")

    def _property(self, tok: _Tok) -> str | None:
        """Rewrite a property name in place; the stored name it is."""
        text = _unquote(tok)
        if text in self.stored:
            return text
        prop = self.onto.node_columns.get(_norm(text)) or self.onto.link_columns.get(_norm(text))
        if prop is None:
            return None
        if prop.shorthand_for:
            lt = prop.shorthand_for
            raise LianjieError(
                f"{text} is not stored as a property: it is a {lt} link; read it with "
                f"MATCH (n)-[:{lt}]->(v:Village) ... RETURN n.id, v.id (or OPTIONAL MATCH to keep nodes without one)"
            )
        name = "id" if prop.role == "node_id" else prop.name if prop.name in self.stored else None
        if name and name != text:
            tok.new = name
            self.changes.append(f"{text} → {name}")
        return name

    def _code(self, tok: _Tok, resolve) -> None:
        """Rewrite a string token (or the parameter it is) through ``resolve`` when it names a code."""
        if tok.kind == "string":
            value = _string_value(tok)
            code = resolve(value)
            if code is not None and code != value:
                tok.new = _quote_string(code)
                self.changes.append(f"'{value}' → '{code}'")
        elif tok.kind == "param":
            name = tok.text[1:]
            value = self.params.get(name)
            if isinstance(value, str):
                code = resolve(value)
                if code is not None and code != value:
                    self.params[name] = code
                    self.changes.append(f"${name} '{value}' → '{code}'")
            elif isinstance(value, list):
                self.params[name] = [(resolve(v) or v) if isinstance(v, str) else v for v in value]

    def _resolver(self, prop: str | None):
        if prop is None or prop not in self.onto.properties:
            return None
        codelist = self.onto.properties[prop].codelist
        if not codelist:
            return None
        return lambda text, c=codelist: self.onto.resolve_code(c, text)

    # -- passes ----------------------------------------------------------------------------------

    def variables(self, toks: list[_Tok]) -> tuple[set[str], set[str]]:
        """Variables bound to nodes and to links in the query's patterns."""
        nodes, links = set(), set()
        for i, tok in enumerate(toks):
            if tok.kind == "punct" and tok.text in "([":
                j = self._next(toks, i)
                if j < len(toks) and toks[j].kind in ("word", "quoted"):
                    k = self._next(toks, j)
                    if k < len(toks) and toks[k].text in (":", ")", "]", "{", "*"):
                        if (
                            tok.text == "("
                            and toks[k].text in (":", "{")
                            or (tok.text == "(" and toks[k].text == ")" and self._is_pattern(toks, i, k))
                        ):
                            nodes.add(_unquote(toks[j]))
                        elif tok.text == "[":
                            links.add(_unquote(toks[j]))
        return nodes, links

    def _is_pattern(self, toks: list[_Tok], open_: int, close: int) -> bool:
        """``(x)`` is a node pattern when a link arrow or MATCH sits beside it, not a call or grouping."""
        before = self._prev(toks, open_)
        after = self._next(toks, close)
        if before >= 0 and toks[before].kind == "word" and toks[before].text.upper() not in ("MATCH", "OPTIONAL"):
            return False  # count(x), exists(x) ...
        near = {toks[before].text if before >= 0 else "", toks[after].text if after < len(toks) else ""}
        return bool(near & {"-", "->", "<-", "MATCH", "match", ","}) or (
            before >= 0 and toks[before].text.upper() == "MATCH"
        )

    def labels(self, toks: list[_Tok]) -> None:
        for i, tok in enumerate(toks):
            if tok.kind != "punct" or tok.text not in (":", "|") or tok.bracket == "{":
                continue
            j = self._next(toks, i)
            if j >= len(toks) or toks[j].kind not in ("word", "quoted"):
                continue
            if tok.text == "|":
                if tok.bracket != "[":
                    continue
                # [:A|B] or [:A|:B]: a link alternative only after a label
                p = self._prev(toks, i)
                if p < 0 or toks[p].kind not in ("word", "quoted"):
                    continue
            if tok.bracket == "[":
                self._label(toks[j], link=True)
            else:
                self._label(toks[j], link=False)

    def properties(self, toks: list[_Tok]) -> None:
        for i, tok in enumerate(toks):
            if tok.kind == "punct" and tok.text == "." and i + 1 < len(toks) and toks[i + 1].kind in ("word", "quoted"):
                p = self._prev(toks, i)
                if p >= 0 and toks[p].kind in ("word", "quoted") or toks[p].text in (")", "]"):
                    self._property(toks[i + 1])
            elif tok.bracket == "{" and tok.kind in ("word", "quoted"):
                j = self._next(toks, i)
                p = self._prev(toks, i)
                if j < len(toks) and toks[j].text == ":" and p >= 0 and toks[p].text in ("{", ","):
                    self._property(tok)

    def codes(self, toks: list[_Tok], nodes: set[str], links: set[str]) -> None:
        for i, tok in enumerate(toks):
            if tok.kind not in ("string", "param"):
                continue
            resolve = self._compared_with(toks, i, nodes, links)
            if resolve is not None:
                self._code(tok, resolve)

    def _stored_name(self, tok: _Tok) -> str:
        return tok.new if tok.new is not None else _unquote(tok)

    def _side(self, toks: list[_Tok], k: int, forward: bool, nodes: set[str], links: set[str]):
        """What a comparison's other side, ending (or starting) at token ``k``, resolves codes with."""
        if k < 0 or k >= len(toks):
            return None
        step = self._next if forward else self._prev
        if forward:  # x.prop  or  type(x)
            if toks[k].kind == "word" and toks[k].text.lower() in ("type", "label", "labels"):
                return self._function_resolver(toks, k, nodes, links)
            j = step(toks, k)
            if j < len(toks) and toks[j].text == "." and j + 1 < len(toks):
                return self._resolver(self._stored_name(toks[j + 1]))
            return None
        if toks[k].kind in ("word", "quoted"):
            d = self._prev(toks, k)
            if d >= 0 and toks[d].text == ".":
                return self._resolver(self._stored_name(toks[k]))
            return None
        if toks[k].text == ")":  # type(x) = '...'
            o = k
            while o >= 0 and not (toks[o].text == "(" and toks[o].depth == toks[k].depth):
                o -= 1
            f = self._prev(toks, o)
            if f >= 0 and toks[f].kind == "word" and toks[f].text.lower() in ("type", "label", "labels"):
                return self._function_resolver(toks, f, nodes, links)
        return None

    def _function_resolver(self, toks: list[_Tok], f: int, nodes: set[str], links: set[str]):
        name = toks[f].text.lower()
        o = self._next(toks, f)
        v = self._next(toks, o)
        var = _unquote(toks[v]) if v < len(toks) else ""
        if name == "type" or (name == "label" and var in links):
            return self.onto.resolve_link_type
        return self.onto.resolve_class

    def _compared_with(self, toks: list[_Tok], i: int, nodes: set[str], links: set[str]):
        p = self._prev(toks, i)
        if p >= 0 and toks[p].text in _COMPARE:
            return self._side(toks, self._prev(toks, p), False, nodes, links)
        if p >= 0 and toks[p].text == ":" and toks[p].bracket == "{":
            key = self._prev(toks, p)
            return self._resolver(self._stored_name(toks[key])) if key >= 0 else None
        n = self._next(toks, i)
        if n < len(toks) and toks[n].text in _COMPARE:
            return self._side(toks, self._next(toks, n), True, nodes, links)
        if n < len(toks) and toks[n].kind == "word" and toks[n].text.upper() == "IN":
            return self._side(toks, self._next(toks, n), True, nodes, links)
        # an item of a list: x.prop IN ['a', 'b']
        if toks[i].bracket == "[":
            o = i
            while o >= 0 and not (toks[o].text == "[" and toks[o].depth == toks[i].depth - 1):
                o -= 1
            kw = self._prev(toks, o)
            if kw >= 0 and toks[kw].kind == "word" and toks[kw].text.upper() == "IN":
                return self._side(toks, self._prev(toks, kw), False, nodes, links)
        return None

    def functions(self, toks: list[_Tok], nodes: set[str], links: set[str]) -> None:
        for i, tok in enumerate(toks):
            if tok.kind != "word" or tok.text.lower() not in ("type", "label", "labels"):
                continue
            o = self._next(toks, i)
            if o >= len(toks) or toks[o].text != "(":
                continue
            p = self._prev(toks, i)
            if p >= 0 and toks[p].text in (".", ":"):
                continue
            v = self._next(toks, o)
            c = self._next(toks, v)
            if v >= len(toks) or c >= len(toks) or toks[c].text != ")":
                continue
            var, name = toks[v].text, tok.text.lower()
            if self.dialect == "embedded":
                if name == "type":
                    tok.new = "label"
                elif name == "labels":
                    tok.new, toks[o].new, toks[c].new = "", "[label(", ")]"
            else:
                rel = var in links or (name == "type")
                if name == "label" and rel:
                    tok.new = "type"
                elif name in ("label", "labels") and not rel:
                    tok.new, toks[o].new = "", "[__l IN labels("
                    toks[c].new = ") WHERE __l <> 'Node']" + ("[0]" if name == "label" else "")

    def returns(self, toks: list[_Tok]) -> None:
        """Name each RETURN item without ``AS`` as it was written."""
        i = 0
        while i < len(toks):
            tok = toks[i]
            if tok.kind == "word" and tok.depth == 0 and tok.text.upper() == "RETURN":
                j = self._next(toks, i)
                if j < len(toks) and toks[j].kind == "word" and toks[j].text.upper() == "DISTINCT":
                    j = self._next(toks, j)
                items: list[list[int]] = [[]]
                while j < len(toks):
                    t = toks[j]
                    if t.depth == 0 and (
                        (t.kind == "word" and t.text.upper() in _CLAUSE_ENDS) or (t.kind == "punct" and t.text == ";")
                    ):
                        break
                    if t.depth == 0 and t.kind == "punct" and t.text == ",":
                        items.append([])
                    else:
                        items[-1].append(j)
                    j += 1
                for item in items:
                    words = [toks[k] for k in item if toks[k].kind not in ("space", "comment")]
                    if not words or any(w.kind == "word" and w.depth == 0 and w.text.upper() == "AS" for w in words):
                        continue
                    if len(words) == 1 and words[0].text == "*":
                        continue
                    last = max(k for k in item if toks[k].kind not in ("space", "comment"))
                    first = min(k for k in item if toks[k].kind not in ("space", "comment"))
                    written = "".join(toks[k].text for k in range(first, last + 1))
                    if len(words) == 1 and words[0].kind == "word" and words[0].new is None:
                        continue  # a bare variable is named as written already
                    toks[last].new = toks[last].out + " AS `" + written.replace("`", "``") + "`"
                i = j
            else:
                i += 1


def _norm(text: str) -> str:
    from ..ontology import normalise_label

    return normalise_label(text)


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
    r = _Rewriter(onto, dialect, params or {})
    toks = _tokens(query)
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
