"""The named models (模式) of the sources as patterns of links, found in any graph.

Two organisations are **tied** when a market link joins them in either direction (or,
where a model says so, a support link in the given direction). A household is
**attached** to an organisation when it has a direct market link to it (supplies it,
is a member, works for it, leases it land, holds shares in it). An **instance** of a
model is a tuple of distinct organisations, one per role, tied as the model says, with
at least one attached household (registered-poor, for the models ending in 贫困户) on the
roles households attach to. A model's ``households`` are the distinct households attached
to any of its instances.

党支部+合作社+农户+基地
    (party branch P, cooperative C, base B): P LEADS C; C tied to B (market, or C SERVES B);
    households attached to C or B.
党支部+合作社+企业+农户
    (P, C, enterprise E): P LEADS C; C tied to E; households attached to C or E.
公司+合作社+农户+基地
    (E, C, B): E tied to C; B tied to E or to C; households attached to C or B.
电商公共服务中心+乡村电商服务站点+贫困户
    (service centre S, service station T): S tied to T (market, or S SERVES T);
    registered-poor households attached to T.
电商公共服务中心+农村专业合作社+贫困户
    (S, C): S tied to C (market, or S SERVES C); registered-poor households attached to C.
电商公共服务中心+电商企业+贫困户
    (S, E): S tied to E (market, or S SERVES E); registered-poor households attached to E.
电商企业+溯源基地(专业合作社)+贫困户
    (e-commerce enterprise E, B): E is an enterprise a service centre SERVES or that
    SELLS_THROUGH an online, livestream or social-commerce channel; E tied to B;
    registered-poor households attached to B.

The models overlap on purpose: a pattern is what it is, whatever a source calls it.
Everything is computed on the integer graph of :mod:`lianjie.queries.engine` (links as
integer pairs, classes as blocks of integers), so every backend answers alike and a
province-scale store takes seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse

from ..graph.store import Store
from ..ontology import Ontology
from ..ontology.terms import Classes, Links, Props
from .engine import LinkGraph, link_graph


@dataclass(frozen=True)
class Tie:
    """Roles ``a`` and ``b`` joined by a market link either way, or by ``support`` links from a to b."""

    a: str
    b: str
    market: bool = True
    support: tuple[str, ...] = ()


@dataclass(frozen=True)
class Model:
    """A named model: its roles (role -> class), alternative sets of ties, and where households attach."""

    name: str
    roles: dict[str, str]
    alternatives: tuple[tuple[Tie, ...], ...]
    attach: tuple[str, ...]
    poor_only: bool
    admit: dict[str, Callable[[LinkGraph, Ontology], np.ndarray]] = field(default_factory=dict)


def read_graph(store: Store) -> LinkGraph:
    """The graph the patterns are found in: market links, LEADS and SERVES; households with
    ``poor``, channels with ``kind``."""
    types = sorted(store.onto.market_link_types | {Links.LEADS, Links.SERVES})
    columns = {Classes.Household: [Props.poor], Classes.Channel: [Props.kind]}
    return link_graph(store, types, node_columns=columns)


def _online_enterprises(g: LinkGraph, onto: Ontology) -> np.ndarray:
    """Enterprises a service centre serves, or that sell through an online, livestream or social channel."""
    online_channel = g.flagged(Classes.Channel, Props.kind, onto.online_channel_kinds)
    served = g.of_types([Links.SERVES]) & g.in_class(g.src, Classes.ServiceCenter)
    sells = g.of_types([Links.SELLS_THROUGH]) & online_channel[g.dst]
    found = np.union1d(g.dst[served], g.src[sells])
    return found[g.in_class(found, Classes.Enterprise)]


MODELS: tuple[Model, ...] = (
    Model(
        "党支部+合作社+农户+基地",
        {"P": Classes.PartyBranch, "C": Classes.Cooperative, "B": Classes.Base},
        ((Tie("P", "C", market=False, support=(Links.LEADS,)), Tie("C", "B", support=(Links.SERVES,))),),
        ("C", "B"),
        poor_only=False,
    ),
    Model(
        "党支部+合作社+企业+农户",
        {"P": Classes.PartyBranch, "C": Classes.Cooperative, "E": Classes.Enterprise},
        ((Tie("P", "C", market=False, support=(Links.LEADS,)), Tie("C", "E")),),
        ("C", "E"),
        poor_only=False,
    ),
    Model(
        "公司+合作社+农户+基地",
        {"E": Classes.Enterprise, "C": Classes.Cooperative, "B": Classes.Base},
        ((Tie("E", "C"), Tie("B", "E")), (Tie("E", "C"), Tie("B", "C"))),
        ("C", "B"),
        poor_only=False,
    ),
    Model(
        "电商公共服务中心+乡村电商服务站点+贫困户",
        {"S": Classes.ServiceCenter, "T": Classes.ServiceStation},
        ((Tie("S", "T", support=(Links.SERVES,)),),),
        ("T",),
        poor_only=True,
    ),
    Model(
        "电商公共服务中心+农村专业合作社+贫困户",
        {"S": Classes.ServiceCenter, "C": Classes.Cooperative},
        ((Tie("S", "C", support=(Links.SERVES,)),),),
        ("C",),
        poor_only=True,
    ),
    Model(
        "电商公共服务中心+电商企业+贫困户",
        {"S": Classes.ServiceCenter, "E": Classes.Enterprise},
        ((Tie("S", "E", support=(Links.SERVES,)),),),
        ("E",),
        poor_only=True,
    ),
    Model(
        "电商企业+溯源基地(专业合作社)+贫困户",
        {"E": Classes.Enterprise, "B": Classes.Base},
        ((Tie("E", "B"),),),
        ("B",),
        poor_only=True,
        admit={"E": _online_enterprises},
    ),
)


def _pairs(g: LinkGraph, onto: Ontology, model: Model, tie: Tie) -> pd.DataFrame:
    """Node pairs (columns ``tie.a``, ``tie.b``) of the roles' classes joined as the tie says."""
    src, dst = g.src, g.dst
    market = g.of_types(onto.market_link_types)
    forward = g.of_types(tie.support) | (market & tie.market)
    a, b = [src[forward]], [dst[forward]]
    if tie.market:
        a.append(dst[market])
        b.append(src[market])
    a, b = np.concatenate(a), np.concatenate(b)
    keep = g.in_class(a, model.roles[tie.a]) & g.in_class(b, model.roles[tie.b])
    return pd.DataFrame({tie.a: a[keep], tie.b: b[keep]}).drop_duplicates()


def _tuples(g: LinkGraph, onto: Ontology, model: Model) -> pd.DataFrame:
    """Every tuple of organisations (as integers), one per role, tied as one of the model's alternatives says."""
    found = []
    for ties in model.alternatives:
        frame = _pairs(g, onto, model, ties[0])
        for tie in ties[1:]:
            frame = frame.merge(_pairs(g, onto, model, tie), on=[c for c in (tie.a, tie.b) if c in frame.columns])
        found.append(frame)
    frame = pd.concat(found, ignore_index=True)[list(model.roles)].drop_duplicates()
    for role, admitted in model.admit.items():
        frame = frame[frame[role].isin(admitted(g, onto))]
    return frame.reset_index(drop=True)


def _attachment(g: LinkGraph, onto: Ontology, poor_only: bool) -> sparse.csr_array:
    """Nodes x nodes: entry (org, household) when the household has a direct market link to the org."""
    market = g.of_types(onto.market_link_types)
    src, dst = g.src[market], g.dst[market]
    keep = g.in_class(src, Classes.Household)
    if poor_only:
        keep &= g.flagged(Classes.Household, Props.poor)[src]
    n = g.size
    matrix = sparse.csr_array((np.ones(int(keep.sum()), dtype=bool), (dst[keep], src[keep])), shape=(n, n))
    matrix.sum_duplicates()
    return matrix


def instances(g: LinkGraph, onto: Ontology, model: Model) -> tuple[pd.DataFrame, sparse.csr_array]:
    """The model's tuples (one integer column per role) with ``households``, the distinct households each
    attaches, and the instances x households matrix of who is attached."""
    tuples = _tuples(g, onto, model)
    attached = _attachment(g, onto, model.poor_only)
    rows = None
    for role in model.attach:
        part = attached[tuples[role].to_numpy()]
        rows = part if rows is None else rows + part
    if rows is None or not len(tuples):
        rows = sparse.csr_array((len(tuples), g.size), dtype=bool)
    rows = sparse.csr_array(rows, dtype=bool)
    tuples["households"] = np.diff(rows.indptr)
    return tuples, rows


def models(
    store: Store, with_instances: bool = False, graph: LinkGraph | None = None, defined: Sequence[Model] = ()
) -> list[dict]:
    """For each named model, its instances and the distinct households they reach.

    Parameters
    ----------
    store : the store to read.
    with_instances : also list each instance (its organisations by role) and its household count.
    graph : the integer graph to use, when one was read already (market links, LEADS and SERVES;
        households with ``poor``, channels with ``kind``).
    defined : models of one's own (see :mod:`lianjie.queries.model_file`), found after the named ones.

    Returns
    -------
    One dict per model, in the order of :data:`MODELS` then ``defined``: ``model`` (its name),
    ``defined`` (whether the user defined it), ``roles``
    (role -> class), ``instances`` (count), ``households`` (distinct households reached),
    ``poor_only`` (whether only registered-poor households count), and ``incomplete``:
    tuples tied as the model says but with no household attached, where the model breaks.

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> store = toy_store()
    >>> [(m["model"], m["instances"], m["households"]) for m in models(store) if m["instances"]]
    [('党支部+合作社+农户+基地', 1, 2), ('党支部+合作社+企业+农户', 1, 4), ('公司+合作社+农户+基地', 1, 2)]
    """
    g = graph if graph is not None else read_graph(store)
    ids = g.ids if with_instances else None
    out = []
    for model in (*MODELS, *defined):
        found, attached = instances(g, store.onto, model)
        complete = found["households"].to_numpy() > 0
        reached = attached[complete]
        item = {
            "model": model.name,
            "defined": model not in MODELS,
            "roles": dict(model.roles),
            "instances": int(complete.sum()),
            "households": len(np.unique(reached.indices)),
            "poor_only": model.poor_only,
            "incomplete": int((~complete).sum()),
        }
        if with_instances:
            rows = found[complete]
            listed = [
                {**{role: ids[row[role]] for role in model.roles}, "households": int(row["households"])}
                for _, row in rows.iterrows()
            ]
            item["instance_list"] = sorted(listed, key=lambda r: [r[role] for role in model.roles])
        out.append(item)
    return out


def model_instances(store: Store, name: str) -> list[dict]:
    """The complete instances of one named model: ``roles`` (role -> node id) and ``households`` (ids, sorted).

    Examples
    --------
    >>> from lianjie.datasets.toy import toy_store
    >>> store = toy_store()
    >>> model_instances(store, "党支部+合作社+农户+基地")
    [{'roles': {'P': 'p1', 'C': 'c1', 'B': 'b1'}, 'households': ['h1', 'h2']}]
    """
    model = next(m for m in MODELS if m.name == name)
    g = read_graph(store)
    found, attached = instances(g, store.onto, model)
    ids = g.ids
    out = []
    for i, row in found.iterrows():
        if row["households"]:
            households = attached[[i]].indices
            out.append({"roles": {role: ids[row[role]] for role in model.roles}, "households": sorted(ids[households])})
    return sorted(out, key=lambda r: list(r["roles"].values()))
