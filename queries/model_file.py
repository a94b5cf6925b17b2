"""Models of one's own: patterns defined in a small TOML file, found and counted beside the named ones.

A researcher's county has its own models (e.g. 公司+合作社+农户 without a base). Each
``[[model]]`` of the file gives its roles (role -> class, by any of the class's names),
the ties between roles and the roles households attach to, in the terms of
:mod:`lianjie.queries.models`::

    [[model]]
    name = "公司+合作社+农户"
    roles = { E = "企业", C = "合作社" }
    ties = [["E", "C"]]              # a market link between E and C, either way
    attach = ["C", "E"]              # households with a direct market link to C or E
    poor_only = false                # true: only registered-poor households count

    [[model]]
    name = "党支部领办合作社+农户"
    roles = { P = "党支部", C = "合作社" }
    ties = [{ from = "P", to = "C", links = ["领办"], market = false }]   # P LEADS C
    attach = ["C"]

``ties`` is one set of ties that must all hold; ``alternatives = [[...], [...]]`` gives
several, any of which will do. ``lianjie models --define FILE`` (or ``LIANJIE_MODELS``,
several files separated by ``:``) lists and counts them after the built-in ones.

>>> from lianjie.ontology import load_ontology
>>> parse_models('[[model]]\\nname = "公司+合作社+农户"\\nroles = {E = "企业", C = "合作社"}\\n'
...              'ties = [["E", "C"]]\\nattach = ["C"]', load_ontology(), "my.toml")[0].roles
{'E': 'Enterprise', 'C': 'Cooperative'}
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable
from pathlib import Path

from ..base.errors import LianjieError
from ..ontology import Ontology
from .models import Model, Tie

#: Files of models to define, separated by ``os.pathsep``, when ``--define`` is not given.
ENV = "LIANJIE_MODELS"


def _fail(where: str, message: str) -> LianjieError:
    return LianjieError(f"{where}: {message}")


def _tie(spec, roles: dict[str, str], onto: Ontology, where: str) -> Tie:
    if isinstance(spec, list) and len(spec) == 2 and all(isinstance(s, str) for s in spec):
        a, b, market, links = spec[0], spec[1], True, []
    elif isinstance(spec, dict):
        unknown = set(spec) - {"from", "to", "links", "market"}
        if unknown:
            raise _fail(where, f"unknown key {sorted(unknown)[0]!r} in a tie; expected from, to, links, market")
        a, b = spec.get("from"), spec.get("to")
        links, market = spec.get("links", []), spec.get("market", True)
        if not isinstance(links, list) or not isinstance(market, bool):
            raise _fail(where, "a tie's links is a list of link types and market is true or false")
    else:
        raise _fail(where, f"a tie is [ROLE, ROLE] or {{from = ROLE, to = ROLE, links = [...]}}, not {spec!r}")
    for role in (a, b):
        if role not in roles:
            raise _fail(where, f"a tie names the role {role!r}, which is not in roles ({', '.join(roles)})")
    support = []
    for name in links:
        lt = onto.resolve_link_type(str(name))
        if lt is None:
            raise _fail(where, f"no link type called {name!r}")
        support.append(lt)
    if not market and not support:
        raise _fail(where, "a tie with market = false needs links")
    return Tie(a, b, market=market, support=tuple(support))


def parse_models(text: str, onto: Ontology, source: str) -> list[Model]:
    """The models a TOML text defines; ``source`` names it in errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(source, f"not valid TOML: {exc}") from None
    entries = data.get("model")
    if not isinstance(entries, list) or not entries:
        raise _fail(source, "no [[model]] tables; each model is a [[model]] with name, roles, ties and attach")
    out = []
    for n, entry in enumerate(entries, start=1):
        where = f"{source}, model {n}"
        name = entry.get("name")
        if not isinstance(name, str) or not name:
            raise _fail(where, "a model needs a name")
        where = f"{source}, model {name!r}"
        unknown = set(entry) - {"name", "roles", "ties", "alternatives", "attach", "poor_only"}
        if unknown:
            raise _fail(where, f"unknown key {sorted(unknown)[0]!r}; expected name, roles, ties, attach, poor_only")
        raw_roles = entry.get("roles")
        if not isinstance(raw_roles, dict) or not raw_roles:
            raise _fail(where, 'roles is a table of role = class, e.g. roles = { E = "企业", C = "合作社" }')
        roles = {}
        for role, label in raw_roles.items():
            cls = onto.resolve_class(str(label))
            if cls is None:
                raise _fail(where, f"role {role}: no class called {label!r}")
            roles[role] = cls
        if "ties" in entry and "alternatives" in entry:
            raise _fail(where, "give ties or alternatives, not both")
        alternatives = entry.get("alternatives", [entry.get("ties", [])])
        if not isinstance(alternatives, list) or not all(isinstance(a, list) and a for a in alternatives):
            raise _fail(where, "ties is a non-empty list of ties; alternatives a list of such lists")
        ties = tuple(tuple(_tie(t, roles, onto, where) for t in alt) for alt in alternatives)
        for alt in ties:
            tied = {r for t in alt for r in (t.a, t.b)}
            if tied != set(roles):
                missing = sorted(set(roles) - tied)
                raise _fail(where, f"the ties leave role {missing[0]} unjoined: every role needs a tie")
        attach = entry.get("attach", [])
        if not isinstance(attach, list) or not attach or any(a not in roles for a in attach):
            raise _fail(where, f"attach lists the roles households attach to, from {', '.join(roles)}")
        poor_only = entry.get("poor_only", False)
        if not isinstance(poor_only, bool):
            raise _fail(where, "poor_only is true or false")
        out.append(Model(name, roles, ties, tuple(attach), poor_only))
    return out


def read_models(paths: Iterable[str | Path], onto: Ontology) -> list[Model]:
    """The models the files define, in order; with no files, those of ``LIANJIE_MODELS``."""
    paths = list(paths)
    if not paths and os.environ.get(ENV):
        paths = [p for p in os.environ[ENV].split(os.pathsep) if p]
    out: list[Model] = []
    for path in paths:
        p = Path(path)
        if not p.is_file():
            raise LianjieError(f"{p}: no such models file")
        out += parse_models(p.read_text(encoding="utf-8"), onto, str(p))
    names = [m.name for m in out]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise LianjieError(f"the model {twice[0]!r} is defined twice")
    return out
