"""Cypher as tokens: the tokeniser under :mod:`lianjie.queries.researcher`'s rewriting.

A query is cut into comments, strings, quoted names, parameters, numbers, words, spaces
and punctuation; each token knows how deep in brackets it sits and which bracket holds it.

>>> [t.text for t in tokenise("MATCH (h:农户) RETURN h") if t.kind != "space"]
['MATCH', '(', 'h', ':', '农户', ')', 'RETURN', 'h']
>>> [(t.text, t.depth, t.bracket) for t in tokenise("({a: 'x'})") if t.kind == "string"]
[("'x'", 2, '{')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


@dataclass
class Token:
    """One token: its kind, its text, how deep in brackets, the bracket around it, its rewritten text."""

    kind: str
    text: str
    depth: int = 0
    bracket: str = ""  # the innermost open bracket around the token
    new: str | None = None

    @property
    def out(self) -> str:
        return self.text if self.new is None else self.new


def tokenise(query: str) -> list[Token]:
    """The tokens of ``query``, in order; joined, their texts give the query back."""
    out: list[Token] = []
    stack: list[str] = []
    for m in _TOKEN.finditer(query):
        kind, text = m.lastgroup or "punct", m.group()
        if kind == "punct" and text in _CLOSE and stack:
            stack.pop()
        out.append(Token(kind, text, len(stack), stack[-1] if stack else ""))
        if kind == "punct" and text in _OPEN:
            stack.append(text)
    return out


def unquote(tok: Token) -> str:
    """A name as written, without its backquotes."""
    return tok.text[1:-1].replace("``", "`") if tok.kind == "quoted" else tok.text


def string_value(tok: Token) -> str:
    """The value of a string token."""
    return tok.text[1:-1].replace("\\'", "'").replace('\\"', '"')


def quote_string(value: str) -> str:
    """A value as a Cypher string."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def next_index(toks: list[Token], i: int) -> int:
    """The index of the next token that is not space or comment (len when none)."""
    i += 1
    while i < len(toks) and toks[i].kind in ("space", "comment"):
        i += 1
    return i


def prev_index(toks: list[Token], i: int) -> int:
    """The index of the previous token that is not space or comment (-1 when none)."""
    i -= 1
    while i >= 0 and toks[i].kind in ("space", "comment"):
        i -= 1
    return i
