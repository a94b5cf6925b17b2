"""The passes that put a researcher's Cypher into stored terms (see :mod:`lianjie.queries.researcher`).

Each pass walks the tokens of :mod:`lianjie.queries.cypher_tokens` and rewrites some in place:
labels, property names, codes compared with coded properties, the functions that differ
between stores, and the names of result columns.
"""

from __future__ import annotations

from ..base.errors import LianjieError
from ..ontology import Ontology, normalise_label
from .cypher_tokens import Token, next_index, prev_index, quote_string, string_value, unquote

_COMPARE = {"=", "<>", "!="}
_CLAUSE_ENDS = {"ORDER", "SKIP", "LIMIT", "UNION"}


class Rewriter:
    """One query's rewriting: the ontology, the target dialect, the parameters and what was changed."""

    def __init__(self, onto: Ontology, dialect: str, params: dict) -> None:
        self.onto = onto
        self.dialect = dialect
        self.params = dict(params)
        self.changes: list[str] = []
        self.stored = {p.name for p in onto.stored_link_properties} | {"id", "extra", "key"}
        for cls in onto.classes:
            self.stored |= {p.name for p in onto.stored_node_properties(cls)}

    # -- helpers ---------------------------------------------------------------------------------

    _next = staticmethod(next_index)
    _prev = staticmethod(prev_index)

    def _label(self, tok: Token, link: bool) -> None:
        text = unquote(tok)
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

    def _property(self, tok: Token) -> str | None:
        """Rewrite a property name in place; the stored name it is."""
        text = unquote(tok)
        if text in self.stored:
            return text
        prop = self.onto.node_columns.get(normalise_label(text)) or self.onto.link_columns.get(normalise_label(text))
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

    def _code(self, tok: Token, resolve) -> None:
        """Rewrite a string token (or the parameter it is) through ``resolve`` when it names a code."""
        if tok.kind == "string":
            value = string_value(tok)
            code = resolve(value)
            if code is not None and code != value:
                tok.new = quote_string(code)
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

    def variables(self, toks: list[Token]) -> tuple[set[str], set[str]]:
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
                            nodes.add(unquote(toks[j]))
                        elif tok.text == "[":
                            links.add(unquote(toks[j]))
        return nodes, links

    def _is_pattern(self, toks: list[Token], open_: int, close: int) -> bool:
        """``(x)`` is a node pattern when a link arrow or MATCH sits beside it, not a call or grouping."""
        before = self._prev(toks, open_)
        after = self._next(toks, close)
        if before >= 0 and toks[before].kind == "word" and toks[before].text.upper() not in ("MATCH", "OPTIONAL"):
            return False  # count(x), exists(x) ...
        near = {toks[before].text if before >= 0 else "", toks[after].text if after < len(toks) else ""}
        return bool(near & {"-", "->", "<-", "MATCH", "match", ","}) or (
            before >= 0 and toks[before].text.upper() == "MATCH"
        )

    def labels(self, toks: list[Token]) -> None:
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

    def properties(self, toks: list[Token]) -> None:
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

    def codes(self, toks: list[Token], nodes: set[str], links: set[str]) -> None:
        for i, tok in enumerate(toks):
            if tok.kind not in ("string", "param"):
                continue
            resolve = self._compared_with(toks, i, nodes, links)
            if resolve is not None:
                self._code(tok, resolve)

    def _stored_name(self, tok: Token) -> str:
        return tok.new if tok.new is not None else unquote(tok)

    def _side(self, toks: list[Token], k: int, forward: bool, nodes: set[str], links: set[str]):
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

    def _function_resolver(self, toks: list[Token], f: int, nodes: set[str], links: set[str]):
        name = toks[f].text.lower()
        o = self._next(toks, f)
        v = self._next(toks, o)
        var = unquote(toks[v]) if v < len(toks) else ""
        if name == "type" or (name == "label" and var in links):
            return self.onto.resolve_link_type
        return self.onto.resolve_class

    def _compared_with(self, toks: list[Token], i: int, nodes: set[str], links: set[str]):
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

    def functions(self, toks: list[Token], nodes: set[str], links: set[str]) -> None:
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

    def returns(self, toks: list[Token]) -> None:
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
