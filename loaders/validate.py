"""Validate raw tables against the ontology and turn them into typed, store-ready batches.

Nothing here writes: a dataset either passes whole, or every problem (up to a cap)
is reported with its file, line and column and the store is never touched.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..ontology import Ontology, Property, normalise_label
from .errors import Problems
from .privacy import Pseudonymiser, looks_personal
from .tables import LINKS, NODES, RawTable
from .values import parse_column

#: The structural columns every stored table has besides the ontology's properties.
EXTRA = "extra"
LINK_KEY = "key"

NodeLookup = Callable[[Iterable[str]], dict[str, str]]
#: A cheap, vectorised first sieve for ids that may be ID or mobile numbers (checked exactly after).
_PERSONAL_SHAPE = r"\d{17}[\dXx]|(?:\+?86)?1[3-9]\d{9}"


@dataclass
class Dataset:
    """A validated dataset: node frames by class, link frames by (type, source class, target class)."""

    nodes: dict[str, pd.DataFrame] = field(default_factory=dict)
    links: dict[tuple[str, str, str], pd.DataFrame] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)

    @property
    def node_count(self) -> int:
        return sum(len(f) for f in self.nodes.values())

    @property
    def link_count(self) -> int:
        return sum(len(f) for f in self.links.values())


class _Columns:
    """How a table's headers map onto the ontology's properties."""

    def __init__(self, table: RawTable, index: dict[str, Property], problems: Problems) -> None:
        self.props: dict[str, tuple[int, Property]] = {}
        self.extras: dict[str, int] = {}
        for i, header in enumerate(table.headers):
            if not header:
                if table.rows[i].notna().any():
                    problems.add(table.file, 1, table.column_of(i), "column has values but no header")
                continue
            prop = index.get(normalise_label(header))
            if prop is None:
                self.extras[header] = i
            elif prop.name in self.props:
                first = self.props[prop.name][0]
                problems.add(
                    table.file,
                    1,
                    table.column_of(i),
                    f"names the same field ({prop.column}) as column {table.column_of(first)}",
                )
            else:
                self.props[prop.name] = (i, prop)

    def index_of_role(self, role: str) -> int | None:
        return next((i for i, p in self.props.values() if p.role == role), None)


def _expected_headers(prop: Property) -> str:
    return ", ".join(dict.fromkeys([prop.column, prop.label_zh, *prop.aliases[:3]]))


def _extras_json(table: RawTable, extras: dict[str, int], rows: pd.Index) -> pd.Series:
    if not extras:
        return pd.Series([None] * len(rows), index=rows, dtype=object)
    sub = table.rows.loc[rows, list(extras.values())]
    sub.columns = list(extras)
    out = []
    for rec in sub.to_dict("records"):
        kept = {k: v for k, v in rec.items() if v is not None}
        out.append(json.dumps(kept, ensure_ascii=False, sort_keys=True) if kept else None)
    return pd.Series(out, index=rows, dtype=object)


class Validator:
    """Checks a whole dataset before anything is written.

    Parameters
    ----------
    onto : the ontology the dataset is checked against.
    lookup : returns ``{id: class}`` for ids already in the store (links may point at them).
    pseudonymise : replaces direct personal identifiers by keyed hashes.
    """

    def __init__(self, onto: Ontology, lookup: NodeLookup, pseudonymise: Pseudonymiser, cap: int = 50) -> None:
        self.onto = onto
        self.lookup = lookup
        self.pseudonymise = pseudonymise
        self.problems = Problems(cap=cap)
        self.notices: list[str] = []

    # -- helpers -----------------------------------------------------------

    def _report(self, table: RawTable, rows: Iterable[int], col: int | None, message: Callable[[int], str]) -> None:
        for r in rows:
            if self.problems.full:
                self.problems.total += 1
                continue
            column = table.column_of(col) if col is not None else None
            self.problems.add(table.file, table.line_of(r), column, message(r))

    def _protect_ids(self, values: pd.Series) -> pd.Series:
        """Ids that are themselves ID or mobile numbers never reach the store in the clear."""
        unique = pd.Series(values.dropna().unique(), dtype=object)
        candidates = unique[unique.astype(str).str.fullmatch(_PERSONAL_SHAPE)]
        personal = [v for v in candidates if looks_personal(v)]
        if not personal:
            return values
        mapping = {v: self.pseudonymise(v) for v in personal}
        replaced = values.map(mapping)
        return replaced.where(replaced.notna(), values)

    def _typed(
        self, table: RawTable, cols: _Columns, rows: pd.Index, prop_names: Iterable[str]
    ) -> dict[str, pd.Series]:
        out: dict[str, pd.Series] = {}
        for name in prop_names:
            if name not in cols.props:
                continue
            i, prop = cols.props[name]
            values, bad, expected = parse_column(table.rows.loc[rows, i], prop, self.onto)
            if bad.any():
                raw = table.rows[i]
                self._report(
                    table, bad[bad].index, i, lambda r, raw=raw, expected=expected: f"{raw[r]!r} is not {expected}"
                )
            if prop.personal:
                values = values.map(lambda v: self.pseudonymise(v) if isinstance(v, str) else v)
            out[name] = values
        return out

    # -- nodes -------------------------------------------------------------

    def _node_table(self, table: RawTable) -> pd.DataFrame | None:
        onto = self.onto
        cols = _Columns(table, onto.node_columns, self.problems)
        i_id, i_type = cols.index_of_role("node_id"), cols.index_of_role("node_type")
        for role, idx in (("node_id", i_id), ("node_type", i_type)):
            if idx is None:
                prop = next(p for p in onto.properties.values() if p.role == role)
                self.problems.add(
                    table.file, 1, None, f"no {prop.column} column; expected a header such as {_expected_headers(prop)}"
                )
        if i_id is None or i_type is None:
            return None
        if cols.extras:
            self.notices.append(
                f"{table.file}: columns not in the ontology are kept as extra properties: {', '.join(cols.extras)}"
            )
        rows = table.rows
        ids, types = rows[i_id], rows[i_type]
        missing = ids.isna()
        self._report(table, missing[missing].index, i_id, lambda r: "missing id")
        type_of = {t: onto.resolve_class(t) for t in types.dropna().unique()}
        classes = types.map(type_of)
        no_type = types.isna()
        self._report(table, no_type[no_type].index, i_type, lambda r: "missing type")
        unknown = types.notna() & classes.isna()
        choices = ", ".join(f"{c.name} ({c.label_zh})" for c in onto.classes.values())
        self._report(
            table,
            unknown[unknown].index,
            i_type,
            lambda r: f"unknown node type {types[r]!r}; expected one of {choices}",
        )

        ok = ~(missing | classes.isna())
        keep = rows.index[ok]
        frame = pd.DataFrame({"id": self._protect_ids(ids[keep]), "class": classes[keep]}, index=keep)
        frame["_table"] = id(table)
        node_props = [p for p in cols.props if cols.props[p][1].role is None]
        typed = self._typed(table, cols, keep, node_props)
        for name, values in typed.items():
            prop = onto.properties[name]
            if prop.shorthand_for is None:
                applies = frame["class"].isin(prop.on_nodes)
                misplaced = values.notna() & ~applies
                if misplaced.any():
                    i = cols.props[name][0]
                    self._report(
                        table,
                        misplaced[misplaced].index,
                        i,
                        lambda r, p=prop: (
                            f"{p.column} does not apply to a {frame.at[r, 'class']}; it applies to "
                            f"{onto.class_choices(p.on_nodes)}"
                        ),
                    )
                values = values.where(applies, None) if values.dtype == object else values.where(applies)
            frame[name] = values
        personal_classes = [c.name for c in onto.classes.values() if c.personal_name]
        if "name" in frame:
            hide = frame["class"].isin(personal_classes) & frame["name"].notna()
            if hide.any():
                frame.loc[hide, "name"] = frame.loc[hide, "name"].map(self.pseudonymise)
        frame[EXTRA] = _extras_json(table, cols.extras, keep)
        return frame

    # -- links -------------------------------------------------------------

    def _link_table(self, table: RawTable, node_class: dict[str, str]) -> pd.DataFrame | None:
        onto = self.onto
        cols = _Columns(table, onto.link_columns, self.problems)
        idx = {role: cols.index_of_role(role) for role in ("link_source", "link_target", "link_type")}
        for role, i in idx.items():
            if i is None:
                prop = next(p for p in onto.properties.values() if p.role == role)
                self.problems.add(
                    table.file, 1, None, f"no {prop.column} column; expected a header such as {_expected_headers(prop)}"
                )
        if None in idx.values():
            return None
        if cols.extras:
            self.notices.append(
                f"{table.file}: columns not in the ontology are kept as extra properties: {', '.join(cols.extras)}"
            )
        rows = table.rows
        i_src, i_dst, i_type = idx["link_source"], idx["link_target"], idx["link_type"]
        sources, targets = self._protect_ids(rows[i_src]), self._protect_ids(rows[i_dst])
        types = rows[i_type]
        type_of = {t: onto.resolve_link_type(t) for t in types.dropna().unique()}
        link_types = types.map(type_of)
        bad = False
        for i, col, what in ((i_src, sources, "source"), (i_dst, targets, "target"), (i_type, types, "type")):
            miss = col.isna()
            bad |= miss
            self._report(table, miss[miss].index, i, lambda r, w=what: f"missing {w}")
        unknown = types.notna() & link_types.isna()
        choices = ", ".join(f"{t.name} ({t.label_zh})" for t in onto.link_types.values())
        self._report(
            table,
            unknown[unknown].index,
            i_type,
            lambda r: f"unknown link type {types[r]!r}; expected one of {choices}",
        )
        bad |= unknown

        src_class = sources.map(node_class)
        dst_class = targets.map(node_class)
        for i, ends, classes in ((i_src, sources, src_class), (i_dst, targets, dst_class)):
            dangling = ends.notna() & classes.isna()
            self._report(
                table,
                dangling[dangling].index,
                i,
                lambda r, e=ends: f"no node with id {e[r]!r} in the dataset or the store",
            )
            bad |= dangling

        checked = ~bad
        triples = pd.DataFrame({"t": link_types, "s": src_class, "d": dst_class})[checked]
        for (t, s, d), group in triples.groupby(["t", "s", "d"], sort=False):
            lt = onto.link_types[t]
            if not lt.allows(s, d):
                side, allowed = ("source", lt.domain) if s not in lt.domain else ("target", lt.range)
                col = i_src if side == "source" else i_dst
                self._report(
                    table,
                    group.index,
                    col,
                    lambda r, lt=lt, side=side, allowed=allowed: (
                        f"a link of type {lt.name} cannot have a "
                        f"{src_class[r] if side == 'source' else dst_class[r]} as its {side}; expected one of "
                        f"{onto.class_choices(allowed)}"
                    ),
                )
                checked.loc[group.index] = False

        keep = rows.index[checked]
        frame = pd.DataFrame(
            {
                "source": sources[keep],
                "target": targets[keep],
                "type": link_types[keep],
                "source_class": src_class[keep],
                "target_class": dst_class[keep],
            },
            index=keep,
        )
        link_props = [p.name for p in onto.stored_link_properties]
        typed = self._typed(table, cols, keep, link_props)
        for name, values in typed.items():
            frame[name] = values
        if "mechanism" in onto.properties:
            implied = types[keep].map({t: onto.implied_mechanism(t) for t in types[keep].unique()})
            current = frame["mechanism"] if "mechanism" in frame else pd.Series(None, index=keep, dtype=object)
            frame["mechanism"] = current.where(current.notna(), implied).astype(object)
        frame[EXTRA] = _extras_json(table, cols.extras, keep)
        return frame

    def _shorthand_links(self, nodes: pd.DataFrame, node_class: dict[str, str]) -> list[pd.DataFrame]:
        """``village`` on a node row becomes a LOCATED_IN link to that village."""
        onto = self.onto
        out = []
        shared = [p.name for p in onto.stored_link_properties if p.name in nodes and p.name != "note"]
        for prop in onto.properties.values():
            if prop.shorthand_for is None or prop.name not in nodes:
                continue
            rows = nodes[nodes[prop.name].notna()]
            if rows.empty:
                continue
            targets = self._protect_ids(rows[prop.name])
            tclass = targets.map(node_class)
            lt = onto.link_types[prop.shorthand_for]
            good = tclass.isin(prop.shorthand_range) & rows["class"].isin(lt.domain)
            for r in rows.index[~good]:
                table = self._tables[rows.at[r, "_table"]]
                col = next(i for i, h in enumerate(table.headers) if onto.node_columns.get(normalise_label(h)) is prop)
                if tclass[r] is None or pd.isna(tclass[r]):
                    expected = onto.class_choices(prop.shorthand_range)
                    msg = f"no {expected} with id {targets[r]!r} in the dataset or the store"
                elif tclass[r] not in prop.shorthand_range:
                    expected = onto.class_choices(prop.shorthand_range)
                    msg = f"{targets[r]!r} is a {tclass[r]}, expected the id of a {expected}"
                else:
                    msg = f"a {rows.at[r, 'class']} cannot be {lt.name} a {tclass[r]}"
                self.problems.add(table.file, table.line_of(r), table.column_of(col), msg)
            g = rows[good]
            frame = pd.DataFrame(
                {
                    "source": g["id"].to_numpy(),
                    "target": targets[good].to_numpy(),
                    "type": lt.name,
                    "source_class": g["class"].to_numpy(),
                    "target_class": tclass[good].to_numpy(),
                }
            )
            for name in shared:
                frame[name] = g[name].to_numpy()
            frame["mechanism"] = None
            frame[EXTRA] = None
            out.append(frame)
        return out

    # -- the whole dataset -------------------------------------------------

    def run(self, tables: list[RawTable]) -> Dataset:
        onto = self.onto
        self._tables = {id(t): t for t in tables}
        node_frames = [f for t in tables if t.kind == NODES for f in [self._node_table(t)] if f is not None]
        nodes = pd.concat(node_frames) if node_frames else pd.DataFrame(columns=["id", "class", "_table"])
        nodes = nodes.reset_index(names="_row")

        dup = nodes["id"].duplicated(keep="first")
        if dup.any():
            first = nodes[~dup].set_index("id")
            for r in nodes.index[dup]:
                t = self._tables[nodes.at[r, "_table"]]
                ident = nodes.at[r, "id"]
                ft = self._tables[first.at[ident, "_table"]]
                self.problems.add(
                    t.file,
                    t.line_of(nodes.at[r, "_row"]),
                    t.column_of(0),
                    f"duplicate id {ident!r}; first given at {ft.file}, line {ft.line_of(first.at[ident, '_row'])}",
                )
            nodes = nodes[~dup]

        in_dataset = dict(zip(nodes["id"], nodes["class"]))
        link_ids: set[str] = set()
        for t in tables:
            if t.kind == LINKS:
                cols = _Columns(t, onto.link_columns, Problems())
                for role in ("link_source", "link_target"):
                    i = cols.index_of_role(role)
                    if i is not None:
                        link_ids.update(self._protect_ids(t.rows[i]).dropna().unique())
        for prop in onto.properties.values():
            if prop.shorthand_for and prop.name in nodes:
                link_ids.update(self._protect_ids(nodes[prop.name]).dropna().unique())
        in_store = self.lookup(set(in_dataset) | link_ids)

        for r, ident, cls in nodes[["id", "class"]].itertuples():
            stored = in_store.get(ident)
            if stored is not None and stored != cls:
                t = self._tables[nodes.at[r, "_table"]]
                self.problems.add(
                    t.file,
                    t.line_of(nodes.at[r, "_row"]),
                    None,
                    f"id {ident!r} is already a {stored} in the store, not a {cls}",
                )

        node_class = {**in_store, **in_dataset}

        link_frames = [f for t in tables if t.kind == LINKS for f in [self._link_table(t, node_class)] if f is not None]
        link_frames += self._shorthand_links(nodes, node_class)
        self.problems.raise_if_any()

        dataset = Dataset(notices=self.notices)
        if "poor" in onto.properties and "Household" in onto.classes:
            households = nodes["class"] == "Household"
            poor = nodes["poor"] if "poor" in nodes else pd.Series(None, index=nodes.index, dtype=object)
            status = nodes["status"] if "status" in nodes else pd.Series(None, index=nodes.index, dtype=object)
            implied = status.isin(["poor", "lifted"])
            nodes["poor"] = poor.where(poor.notna() | ~households, implied & households).astype(object)
            nodes.loc[~households, "poor"] = None
        for cls, group in nodes.groupby("class", sort=True):
            columns = ["id"] + [p.name for p in onto.stored_node_properties(cls)] + [EXTRA]
            dataset.nodes[cls] = group.reindex(columns=columns).reset_index(drop=True)

        if link_frames:
            links = pd.concat([f for f in link_frames if not f.empty] or link_frames, ignore_index=True)
            prop_names = [p.name for p in onto.stored_link_properties]
            links = links.reindex(
                columns=["source", "target", "type", "source_class", "target_class", *prop_names, EXTRA]
            )
            links[LINK_KEY] = link_keys(links, prop_names)
            links = links.drop_duplicates(LINK_KEY)
            for (t, s, d), group in links.groupby(["type", "source_class", "target_class"], sort=True):
                frame = group[["source", "target", LINK_KEY, *prop_names, EXTRA]].reset_index(drop=True)
                dataset.links[(t, s, d)] = frame
        return dataset


def _canonical(values: pd.Series) -> pd.Series:
    """The parsed values of one column as text, the same whichever file format they came from."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.strftime("%Y-%m-%d").fillna("")
    if pd.api.types.is_float_dtype(values) or pd.api.types.is_integer_dtype(values):
        numbers = values.astype("Float64")
        return numbers.astype("string").fillna("").str.replace(r"\.0$", "", regex=True)
    return values.astype("string").fillna("")


def link_keys(links: pd.DataFrame, prop_names: list[str]) -> np.ndarray:
    """A link's identity: its type, ends and every attribute. Identical links share a key."""
    columns = [links["type"], links["source"], links["target"], *(links[name] for name in [*prop_names, EXTRA])]
    texts = [_canonical(c.reset_index(drop=True)) for c in columns]
    joined = texts[0].str.cat(texts[1:], sep="\x1f").str.encode("utf-8")
    return np.array([hashlib.blake2b(b, digest_size=16).hexdigest() for b in joined], dtype=object)
