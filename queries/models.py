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
Everything is computed in pandas over :meth:`Store.links`, so every backend answers alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from ..graph.store import Store
from ..ontology.terms import Classes, Links

ONLINE_KINDS = ("online_platform", "livestream", "social_commerce")


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
    admit: dict[str, Callable[[Graph], set[str]]] = field(default_factory=dict)


@dataclass
class Graph:
    """What the patterns need of a store: node classes, links, registered-poor households, channel kinds."""

    classes: pd.Series
    links: pd.DataFrame
    poor: set[str]
    channel_kind: pd.Series
    market: frozenset[str]

    @classmethod
    def read(cls, store: Store) -> Graph:
        onto = store.onto
        classes = pd.Series(store.node_classes(), dtype=object)
        types = sorted(onto.market_link_types | {Links.LEADS, Links.SERVES})
        links = store.links(types)[["source", "target", "type"]].drop_duplicates()
        households = store.nodes(Classes.Household, ["poor"])
        poor = set(households["id"][households["poor"].astype("boolean").fillna(False).to_numpy(dtype=bool)])
        channels = store.nodes(Classes.Channel, ["kind"])
        return cls(classes, links, poor, channels.set_index("id")["kind"], onto.market_link_types)

    def class_of(self, ids: pd.Series) -> pd.Series:
        return ids.map(self.classes)


def _online_enterprises(g: Graph) -> set[str]:
    """Enterprises a service centre serves, or that sell through an online, livestream or social channel."""
    links = g.links
    served = links[(links["type"] == Links.SERVES) & (g.class_of(links["source"]) == Classes.ServiceCenter)]
    sells = links[(links["type"] == Links.SELLS_THROUGH) & links["target"].map(g.channel_kind).isin(ONLINE_KINDS)]
    found = set(served["target"]) | set(sells["source"])
    return {i for i in found if g.classes.get(i) == Classes.Enterprise}


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


def _pairs(g: Graph, model: Model, tie: Tie) -> pd.DataFrame:
    """Node pairs (columns ``tie.a``, ``tie.b``) of the roles' classes joined as the tie says."""
    links = g.links
    forward = links["type"].isin(tie.support) | (links["type"].isin(g.market) & tie.market)
    parts = [links.loc[forward, ["source", "target"]].set_axis([tie.a, tie.b], axis=1)]
    if tie.market:
        backward = links.loc[links["type"].isin(g.market), ["target", "source"]]
        parts.append(backward.set_axis([tie.a, tie.b], axis=1))
    pairs = pd.concat(parts, ignore_index=True)
    keep = (g.class_of(pairs[tie.a]) == model.roles[tie.a]) & (g.class_of(pairs[tie.b]) == model.roles[tie.b])
    return pairs[keep].drop_duplicates()


def _tuples(g: Graph, model: Model) -> pd.DataFrame:
    """Every tuple of organisations, one per role, tied as one of the model's alternatives says."""
    found = []
    for ties in model.alternatives:
        frame = _pairs(g, model, ties[0])
        for tie in ties[1:]:
            frame = frame.merge(_pairs(g, model, tie), on=[c for c in (tie.a, tie.b) if c in frame.columns])
        found.append(frame)
    frame = pd.concat(found, ignore_index=True)[list(model.roles)].drop_duplicates()
    for role, admitted in model.admit.items():
        frame = frame[frame[role].isin(admitted(g))]
    return frame.reset_index(drop=True)


def _attached(g: Graph, poor_only: bool) -> pd.DataFrame:
    """``household``, ``org``: every direct market link from a household (registered-poor when asked)."""
    links = g.links[g.links["type"].isin(g.market)]
    links = links[g.class_of(links["source"]) == Classes.Household]
    if poor_only:
        links = links[links["source"].isin(g.poor)]
    return links[["source", "target"]].set_axis(["household", "org"], axis=1).drop_duplicates()


def instances(g: Graph, model: Model) -> pd.DataFrame:
    """The model's instances (one column per role) with ``households``, the set each attaches."""
    tuples = _tuples(g, model)
    attached = _attached(g, model.poor_only)
    reached = pd.concat(
        [
            tuples.reset_index(names="instance").merge(attached, left_on=role, right_on="org")[
                ["instance", "household"]
            ]
            for role in model.attach
        ],
        ignore_index=True,
    )
    by_instance = reached.groupby("instance")["household"].agg(lambda s: set(s))
    tuples["households"] = tuples.index.map(by_instance)
    tuples["households"] = tuples["households"].map(lambda s: s if isinstance(s, set) else set())
    return tuples


def models(store: Store, with_instances: bool = False) -> list[dict]:
    """For each named model, its instances and the distinct households they reach.

    Parameters
    ----------
    store : the store to read.
    with_instances : also list each instance (its organisations by role) and its household count.

    Returns
    -------
    One dict per model, in the order of :data:`MODELS`: ``model`` (its name), ``roles``
    (role -> class), ``instances`` (count), ``households`` (distinct households reached),
    ``poor_only`` (whether only registered-poor households count), and ``incomplete``:
    tuples tied as the model says but with no household attached, where the model breaks.

    Examples
    --------
    >>> models(store)[0]  # doctest: +SKIP
    {'model': '党支部+合作社+农户+基地', 'roles': {...}, 'instances': 30, 'households': 2754, 'poor_only': False, ...}
    """
    g = Graph.read(store)
    out = []
    for model in MODELS:
        found = instances(g, model)
        complete = found[found["households"].map(len) > 0]
        item = {
            "model": model.name,
            "roles": dict(model.roles),
            "instances": len(complete),
            "households": len(set().union(*complete["households"])) if len(complete) else 0,
            "poor_only": model.poor_only,
            "incomplete": len(found) - len(complete),
        }
        if with_instances:
            item["instance_list"] = [
                {**{role: row[role] for role in model.roles}, "households": len(row["households"])}
                for _, row in complete.sort_values(list(model.roles)).iterrows()
            ]
        out.append(item)
    return out


def model_instances(store: Store, name: str) -> list[dict]:
    """The complete instances of one named model: ``roles`` (role -> node id) and ``households`` (ids, sorted).

    Examples
    --------
    >>> model_instances(store, "电商公共服务中心+乡村电商服务站点+贫困户")[0]  # doctest: +SKIP
    {'roles': {'S': 'SC-BJ', 'T': 'ST-BJ-1'}, 'households': ['pid-...', ...]}
    """
    model = next(m for m in MODELS if m.name == name)
    found = instances(Graph.read(store), model)
    found = found[found["households"].map(len) > 0].sort_values(list(model.roles))
    return [
        {"roles": {role: row[role] for role in model.roles}, "households": sorted(row["households"])}
        for _, row in found.iterrows()
    ]
