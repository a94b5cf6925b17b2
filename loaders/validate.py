"""Validate raw tables against the ontology and turn them into typed, store-ready batches.

Nothing here writes: a dataset either passes whole, or every problem (up to a cap)
is reported with its file, line and column and the store is never touched.

Columns stay in Arrow from reading to writing, so a million households cost seconds:
work per cell is done by ``pyarrow.compute``, and the ontology's Python rules (type names,
codes, numbers, dates, pseudonyms) run once per distinct value of a column and are spread
back over its cells with ``take``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..graph.keys import first_of_each, row_identity
from ..graph.schema import EXTRA
from ..ontology import Ontology, Property, normalise_label
from .errors import Problems
from .privacy import PendingPseudonyms, Pseudonymiser, looks_personal
from .tables import LINKS, NODES, RawTable
from .values import parse_column

#: How each of the ontology's value kinds is held in a :class:`Dataset` (and stored).
ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "integer": pa.int64(),
    "double": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
}

NodeLookup = Callable[[Iterable[str]], dict[str, str]]


class Ids:
    """Distinct ids for a :data:`NodeLookup`: iterating gives them as ``str``, made only when asked.

    A store that works in Arrow may read :attr:`array` instead, and one that finds itself
    empty need not read them at all.
    """

    def __init__(self, array: pa.Array) -> None:
        self.array = array

    def __iter__(self) -> Iterator[str]:
        return iter(self.array.to_pylist())

    def __len__(self) -> int:
        return len(self.array)


#: A cheap, vectorised first sieve for ids that may be ID or mobile numbers (checked exactly after).
#: RE2's \p{Nd} is any decimal digit, as Python's \d is.
_PERSONAL_SHAPE = r"^(?:\p{Nd}{17}[\p{Nd}Xx]|(?:\+?86)?1[3-9]\p{Nd}{9})$"
_SEP = "\x1f"
#: Marks, per personal column of a node table, the cells to pseudonymise once links are checked.
_HIDE = "_hide:"


@dataclass
class Dataset:
    """A validated dataset: node tables by class, link tables by (type, source class, target class).

    Every table is a ``pyarrow.Table`` typed as stored (:data:`ARROW_TYPES`), null where a
    cell was blank. A node table holds ``id``, the class's stored properties (in
    ``Ontology.stored_node_properties`` order) and ``extra``; a link table holds ``source``,
    ``target``, every stored link property and ``extra``. No two links of a dataset are
    identical (see :mod:`lianjie.graph.keys`).
    """

    nodes: dict[str, pa.Table] = field(default_factory=dict)
    links: dict[tuple[str, str, str], pa.Table] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)

    @property
    def node_count(self) -> int:
        return sum(t.num_rows for t in self.nodes.values())

    @property
    def link_count(self) -> int:
        return sum(t.num_rows for t in self.links.values())


def node_schema(onto: Ontology, class_name: str) -> list[tuple[str, str]]:
    """``(column, value kind)`` of a :class:`Dataset` node table of this class."""
    props = onto.stored_node_properties(class_name)
    return [("id", "string")] + [(p.name, p.kind) for p in props] + [(EXTRA, "string")]


def link_schema(onto: Ontology) -> list[tuple[str, str]]:
    """``(column, value kind)`` of every :class:`Dataset` link table."""
    props = [(p.name, p.kind) for p in onto.stored_link_properties]
    return [("source", "string"), ("target", "string"), *props, (EXTRA, "string")]


# -- small Arrow helpers -------------------------------------------------------


def _where(mask: pa.Array | pa.ChunkedArray | np.ndarray) -> np.ndarray:
    """Positions where a boolean mask is true (null counts as false)."""
    if isinstance(mask, np.ndarray):
        return np.flatnonzero(mask)
    return np.flatnonzero(pc.fill_null(mask, False).to_numpy(zero_copy_only=False))


def _strings(values: Iterable[str | None]) -> pa.Array:
    return pa.array(list(values), pa.string())


def _map_distinct(values: pa.Array, fn: Callable[[list], Sequence | pa.Array], type: pa.DataType) -> pa.Array:
    """``fn`` applied to each distinct non-null value once, spread back over the cells; null stays null."""
    encoded = pc.dictionary_encode(values)
    mapped = fn(encoded.dictionary.to_pylist())
    if not isinstance(mapped, pa.Array):
        mapped = pa.array(mapped, type)
    return mapped.take(encoded.indices)


def _col(table: pa.Table, name: str) -> pa.Array:
    column = table.column(name)
    return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()


def _column(table: pa.Table, name: str, kind: str) -> pa.Array:
    """A column as its stored type, all null when the table lacks it."""
    if name not in table.column_names:
        return pa.nulls(table.num_rows, ARROW_TYPES[kind])
    values = _col(table, name)
    return values if values.type == ARROW_TYPES[kind] else values.cast(ARROW_TYPES[kind])


def _shape(table: pa.Table, columns: list[tuple[str, str]]) -> pa.Table:
    return pa.table([_column(table, n, k) for n, k in columns], names=[n for n, _ in columns])


def _typed_array(values: pd.Series, kind: str) -> pa.Array:
    """What :func:`parse_column` returned, as an Arrow array of the stored type."""
    if kind == "date":
        return pa.array(values, from_pandas=True).cast(pa.date32())
    return pa.array(values.astype(object).tolist(), ARROW_TYPES[kind], from_pandas=True)


def _first_rows(codes: np.ndarray) -> np.ndarray:
    """The position where each distinct code first appears, in order of appearance."""
    return np.sort(np.unique(codes, return_index=True)[1])


def _groups(by: pa.Array) -> dict[str, slice | np.ndarray]:
    """The rows holding each text of ``by`` (no nulls): a slice when they are contiguous."""
    encoded = pc.dictionary_encode(by)
    labels = encoded.dictionary.to_pylist()
    if len(labels) == 1:
        return {labels[0]: slice(0, len(by))}
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    out: dict[str, slice | np.ndarray] = {}
    for code, label in enumerate(labels):
        rows = np.flatnonzero(codes == code)
        out[label] = slice(rows[0], rows[-1] + 1) if rows[-1] - rows[0] + 1 == len(rows) else rows
    return out


def _pick(table: pa.Table, rows: slice | np.ndarray) -> pa.Table:
    if isinstance(rows, slice):
        return table.slice(rows.start, rows.stop - rows.start)
    return table.take(rows)


class _IdIndex:
    """Every id a dataset names (node ids, then link ends and shorthand targets), encoded in one pass.

    Each distinct id gets a code; duplicates, the class of every link end and the ids to look
    up in the store then follow by integer arithmetic instead of a hash table per question.
    """

    def __init__(self, pieces: list[pa.Array]) -> None:
        encoded = pc.dictionary_encode(pa.concat_arrays(pieces) if pieces else pa.array([], pa.string()))
        self.ids: pa.Array = encoded.dictionary
        codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False)
        bounds = np.cumsum([0, *(len(p) for p in pieces)])
        #: The code of each id of each piece, -1 for a null.
        self.codes = [codes[a:b] for a, b in zip(bounds[:-1], bounds[1:])]

    @staticmethod
    def spread(by_code: pa.Array, codes: np.ndarray) -> pa.Array:
        """A value per entry, from a value per code (null for a null id)."""
        return by_code.take(pa.array(codes, mask=codes < 0))


class _Columns:
    """How a table's headers map onto the ontology's properties."""

    def __init__(self, table: RawTable, index: dict[str, Property], problems: Problems) -> None:
        self.props: dict[str, tuple[int, Property]] = {}
        self.extras: dict[str, int] = {}
        for i, header in enumerate(table.headers):
            if not header:
                if table.rows.column(i).null_count < len(table):
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


def _extras_json(table: RawTable, extras: dict[str, int], rows: np.ndarray) -> pa.Array:
    """Columns not in the ontology, one JSON object per row (null when the row gives none)."""
    if not extras:
        return pa.nulls(len(rows), pa.string())
    names = list(extras)
    cells = [table.rows.column(i).take(rows).to_pylist() for i in extras.values()]
    out = []
    for rec in zip(*cells):
        kept = {k: v for k, v in zip(names, rec) if v is not None}
        out.append(json.dumps(kept, ensure_ascii=False, sort_keys=True) if kept else None)
    return pa.array(out, pa.string())


class _Hiding:
    """The personal cells of a node table, pseudonymised in the background while links are checked.

    Cells are marked by ``_hide:`` columns; :meth:`apply` swaps them for their pseudonyms and
    drops the marks. Leaving the ``with`` block by an error stops the work.
    """

    def __init__(self, nodes: pa.Table, pseudonymise: Pseudonymiser) -> None:
        self.names = [c[len(_HIDE) :] for c in nodes.column_names if c.startswith(_HIDE)]
        self.pending: PendingPseudonyms | None = None
        if self.names:
            parts = [_col(nodes, n).filter(pc.fill_null(_col(nodes, _HIDE + n), False)) for n in self.names]
            self.distinct = pc.unique(pa.concat_arrays(parts)).drop_null()
            self.pending = pseudonymise.start(self.distinct)

    def __enter__(self) -> _Hiding:
        return self

    def __exit__(self, kind, error, trace) -> None:
        if error is not None and self.pending is not None:
            self.pending.cancel()

    def apply(self, nodes: pa.Table) -> pa.Table:
        if self.pending is None:
            return nodes
        pseudonyms = self.pending.result()
        for name in self.names:
            values = _col(nodes, name)
            mask = pc.and_(pc.fill_null(_col(nodes, _HIDE + name), False), pc.is_valid(values))
            hashed = pseudonyms.take(pc.index_in(values, value_set=self.distinct))
            nodes = nodes.set_column(nodes.column_names.index(name), name, pc.if_else(mask, hashed, values))
        return nodes.drop_columns([_HIDE + name for name in self.names])


class Validator:
    """Checks a whole dataset before anything is written.

    Parameters
    ----------
    onto : the ontology the dataset is checked against.
    lookup : returns ``{id: class}`` for ids already in the store (links may point at them);
        it is handed :class:`Ids`.
    pseudonymise : replaces direct personal identifiers by keyed hashes.
    """

    def __init__(self, onto: Ontology, lookup: NodeLookup, pseudonymise: Pseudonymiser, cap: int = 50) -> None:
        self.onto = onto
        self.lookup = lookup
        self.pseudonymise = pseudonymise
        self.problems = Problems(cap=cap)
        self.notices: list[str] = []
        self._tables: list[RawTable] = []
        self._ends: dict[tuple[int, int], pa.Array] = {}

    # -- helpers -----------------------------------------------------------

    def _report(self, table: RawTable, rows: Sequence[int], col: int | None, message: Callable[[int], str]) -> None:
        column = table.column_of(col) if col is not None else None
        for n, r in enumerate(rows):
            if self.problems.full:
                self.problems.total += len(rows) - n
                return
            r = int(r)
            self.problems.add(table.file, table.line_of(r), column, message(r))

    def _pseudonyms(self, values: pa.Array) -> pa.Array:
        return _map_distinct(values, self.pseudonymise.many, pa.string())

    def _protect_ids(self, values: pa.Array) -> pa.Array:
        """Ids that are themselves ID or mobile numbers never reach the store in the clear."""
        shaped = pc.match_substring_regex(values, _PERSONAL_SHAPE)
        if not pc.any(shaped).as_py():
            return values
        candidates = pc.unique(values.filter(shaped)).to_pylist()
        personal = [v for v in candidates if looks_personal(v)]
        if not personal:
            return values
        pseudonyms = _strings(self.pseudonymise(v) for v in personal)
        return pc.coalesce(pseudonyms.take(pc.index_in(values, value_set=_strings(personal))), values)

    def _link_ends(self, t: int, col: int) -> pa.Array:
        """A link table's source or target column, ids protected; worked out once."""
        if (t, col) not in self._ends:
            self._ends[(t, col)] = self._protect_ids(self._tables[t].column(col))
        return self._ends[(t, col)]

    def _parse(self, raw: pa.Array, prop: Property) -> tuple[pa.Array, pa.Array | None, str]:
        """Type one column's cells; also the cells that do not parse, and what was expected."""
        if prop.kind == "string" and not prop.codelist and not prop.pattern:
            return raw, None, "text"
        encoded = pc.dictionary_encode(raw)
        distinct = pd.Series(encoded.dictionary.to_pylist(), dtype=object)
        values, bad, expected = parse_column(distinct, prop, self.onto)
        typed = _typed_array(values, prop.kind).take(encoded.indices)
        return typed, pa.array(bad.to_numpy(dtype=bool)).take(encoded.indices), expected

    def _typed(
        self,
        table: RawTable,
        cols: _Columns,
        rows: np.ndarray,
        prop_names: Iterable[str],
        hide: dict[str, pa.Array] | None = None,
    ) -> dict[str, pa.Array]:
        """Typed columns; personal ones are pseudonymised, or, given ``hide``, marked there for later."""
        out: dict[str, pa.Array] = {}
        for name in prop_names:
            if name not in cols.props:
                continue
            i, prop = cols.props[name]
            values, bad, expected = self._parse(table.column(i).take(rows), prop)
            if bad is not None:
                self._report(
                    table,
                    rows[_where(bad)],
                    i,
                    lambda r, i=i, expected=expected: f"{table.cell(i, r)!r} is not {expected}",
                )
            if prop.personal and values.type == pa.string():
                if hide is None:
                    values = self._pseudonyms(values)
                else:
                    hide[name] = pc.is_valid(values)
            out[name] = values
        return out

    # -- nodes -------------------------------------------------------------

    def _node_table(self, t: int) -> pa.Table | None:
        onto = self.onto
        table = self._tables[t]
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
        ids, types = table.column(i_id), table.column(i_type)
        self._report(table, _where(pc.is_null(ids)), i_id, lambda r: "missing id")
        classes = _map_distinct(types, lambda names: [onto.resolve_class(n) for n in names], pa.string())
        self._report(table, _where(pc.is_null(types)), i_type, lambda r: "missing type")
        unknown = pc.and_(pc.is_valid(types), pc.is_null(classes))
        choices = ", ".join(f"{c.name} ({c.label_zh})" for c in onto.classes.values())
        self._report(
            table,
            _where(unknown),
            i_type,
            lambda r: f"unknown node type {table.cell(i_type, r)!r}; expected one of {choices}",
        )

        keep = _where(pc.and_(pc.is_valid(ids), pc.is_valid(classes)))
        kept_classes = classes.take(keep)
        columns: dict[str, pa.Array] = {
            "id": self._protect_ids(ids.take(keep)),
            "class": kept_classes,
            "_row": pa.array(keep, pa.int64()),
            "_table": pa.array(np.full(len(keep), t), pa.int64()),
        }
        node_props = [p for p in cols.props if cols.props[p][1].role is None]
        hide: dict[str, pa.Array] = {}
        for name, values in self._typed(table, cols, keep, node_props, hide).items():
            prop = onto.properties[name]
            if prop.shorthand_for is None:
                applies = pc.is_in(kept_classes, value_set=_strings(sorted(prop.on_nodes)))
                misplaced = _where(pc.and_(pc.is_valid(values), pc.invert(applies)))
                if len(misplaced):
                    self._report(
                        table,
                        keep[misplaced],
                        cols.props[name][0],
                        lambda r, p=prop: (
                            f"{p.column} does not apply to a {classes[r].as_py()}; it applies to "
                            f"{onto.class_choices(p.on_nodes)}"
                        ),
                    )
                values = pc.if_else(applies, values, pa.scalar(None, values.type))
            columns[name] = values
        personal_classes = _strings(c.name for c in onto.classes.values() if c.personal_name)
        if "name" in columns:
            names = columns["name"]
            personal = pc.and_(pc.is_in(kept_classes, value_set=personal_classes), pc.is_valid(names))
            hide["name"] = pc.or_(hide["name"], personal) if "name" in hide else personal
        columns[EXTRA] = _extras_json(table, cols.extras, keep)
        columns.update({_HIDE + name: mask for name, mask in hide.items()})
        return pa.table(columns)

    # -- links -------------------------------------------------------------

    def _link_table(self, t: int, end_class: dict[tuple[int, int], pa.Array]) -> pa.Table | None:
        """One links table checked and typed; ``end_class`` holds the class of each end, by (table, column)."""
        onto = self.onto
        table = self._tables[t]
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
        i_src, i_dst, i_type = idx["link_source"], idx["link_target"], idx["link_type"]
        sources, targets = self._link_ends(t, i_src), self._link_ends(t, i_dst)
        types = table.column(i_type)
        link_types = _map_distinct(types, lambda names: [onto.resolve_link_type(n) for n in names], pa.string())
        bad = np.zeros(len(table), dtype=bool)
        for i, col, what in ((i_src, sources, "source"), (i_dst, targets, "target"), (i_type, types, "type")):
            miss = pc.is_null(col).to_numpy(zero_copy_only=False)
            bad |= miss
            self._report(table, _where(miss), i, lambda r, w=what: f"missing {w}")
        unknown = pc.and_(pc.is_valid(types), pc.is_null(link_types)).to_numpy(zero_copy_only=False)
        choices = ", ".join(f"{t.name} ({t.label_zh})" for t in onto.link_types.values())
        self._report(
            table,
            _where(unknown),
            i_type,
            lambda r: f"unknown link type {table.cell(i_type, r)!r}; expected one of {choices}",
        )
        bad |= unknown

        src_class, dst_class = end_class[(t, i_src)], end_class[(t, i_dst)]
        for i, ends, classes in ((i_src, sources, src_class), (i_dst, targets, dst_class)):
            dangling = pc.and_(pc.is_valid(ends), pc.is_null(classes)).to_numpy(zero_copy_only=False)
            self._report(
                table,
                _where(dangling),
                i,
                lambda r, e=ends: f"no node with id {e[r].as_py()!r} in the dataset or the store",
            )
            bad |= dangling

        checked = ~bad
        rows = _where(checked)
        triples = pc.dictionary_encode(pc.binary_join_element_wise(link_types, src_class, dst_class, _SEP).take(rows))
        codes = triples.indices.to_numpy(zero_copy_only=False)
        names = triples.dictionary.to_pylist()
        for code in codes[_first_rows(codes)]:  # in order of first appearance
            name, s, d = names[code].split(_SEP)
            lt = onto.link_types[name]
            if lt.allows(s, d):
                continue
            side, allowed = ("source", lt.domain) if s not in lt.domain else ("target", lt.range)
            group = rows[codes == code]
            self._report(
                table,
                group,
                i_src if side == "source" else i_dst,
                lambda r, lt=lt, side=side, allowed=allowed: (
                    f"a link of type {lt.name} cannot have a "
                    f"{(src_class if side == 'source' else dst_class)[r].as_py()} as its {side}; expected one of "
                    f"{onto.class_choices(allowed)}"
                ),
            )
            checked[group] = False

        keep = _where(checked)
        columns: dict[str, pa.Array] = {
            "source": sources.take(keep),
            "target": targets.take(keep),
            "type": link_types.take(keep),
            "source_class": src_class.take(keep),
            "target_class": dst_class.take(keep),
        }
        link_props = [p.name for p in onto.stored_link_properties]
        columns.update(self._typed(table, cols, keep, link_props))
        if "mechanism" in onto.properties:
            implied = _map_distinct(
                types.take(keep), lambda names: [onto.implied_mechanism(n) for n in names], pa.string()
            )
            current = columns.get("mechanism", pa.nulls(len(keep), pa.string()))
            columns["mechanism"] = pc.coalesce(current, implied)
        columns[EXTRA] = _extras_json(table, cols.extras, keep)
        return pa.table(columns)

    def _shorthand_links(self, nodes: pa.Table, shorthand: dict[str, tuple[pa.Array, pa.Array]]) -> list[pa.Table]:
        """``village`` on a node row becomes a LOCATED_IN link to that village.

        ``shorthand`` holds each shorthand column of ``nodes`` (ids protected) and the class of each id.
        """
        onto = self.onto
        out = []
        shared = [p.name for p in onto.stored_link_properties if p.name in nodes.column_names and p.name != "note"]
        for name, (protected, target_classes) in shorthand.items():
            prop = onto.properties[name]
            given = pc.is_valid(protected)
            rows = nodes.select(["id", "class", "_table", "_row", *shared]).filter(given).combine_chunks()
            if not rows.num_rows:
                continue
            targets, tclass = protected.filter(given), target_classes.filter(given)
            lt = onto.link_types[prop.shorthand_for]
            classes = _col(rows, "class")
            good = pc.and_(
                pc.is_in(tclass, value_set=_strings(sorted(prop.shorthand_range))),
                pc.is_in(classes, value_set=_strings(sorted(lt.domain))),
            )
            for r in _where(pc.invert(good)):
                table = self._tables[rows.column("_table")[r].as_py()]
                col = next(i for i, h in enumerate(table.headers) if onto.node_columns.get(normalise_label(h)) is prop)
                target, target_class = targets[r].as_py(), tclass[r].as_py()
                expected = onto.class_choices(prop.shorthand_range)
                if target_class is None:
                    msg = f"no {expected} with id {target!r} in the dataset or the store"
                elif target_class not in prop.shorthand_range:
                    msg = f"{target!r} is a {target_class}, expected the id of a {expected}"
                else:
                    msg = f"a {classes[r].as_py()} cannot be {lt.name} a {target_class}"
                self.problems.add(table.file, table.line_of(rows.column("_row")[r].as_py()), table.column_of(col), msg)
            g = rows.filter(good).combine_chunks()
            frame = {
                "source": _col(g, "id"),
                "target": targets.filter(good),
                "type": pa.repeat(pa.scalar(lt.name, pa.string()), g.num_rows),
                "source_class": _col(g, "class"),
                "target_class": tclass.filter(good),
            }
            for column in shared:
                values = _col(g, column)
                personal = onto.properties[column].personal and values.type == pa.string()
                frame[column] = self._pseudonyms(values) if personal else values  # still clear on the nodes
            out.append(pa.table(frame))
        return out

    # -- the whole dataset -------------------------------------------------

    def _duplicates(self, nodes: pa.Table, codes: np.ndarray) -> np.ndarray:
        """Report ids given twice, naming where each was first given; which rows are firsts."""
        first_rows = _first_rows(codes)
        first = np.zeros(len(codes), dtype=bool)
        first[first_rows] = True
        if first.all():
            return first
        first_row_of = dict(zip(codes[first_rows].tolist(), first_rows.tolist()))
        tables, rows, ids = _col(nodes, "_table"), _col(nodes, "_row"), _col(nodes, "id")
        for r in np.flatnonzero(~first):
            if self.problems.full:
                self.problems.total += 1
                continue
            t, f = self._tables[tables[r].as_py()], first_row_of[codes[r]]
            ft = self._tables[tables[f].as_py()]
            self.problems.add(
                t.file,
                t.line_of(rows[r].as_py()),
                t.column_of(0),
                f"duplicate id {ids[r].as_py()!r}; first given at {ft.file}, line {ft.line_of(rows[f].as_py())}",
            )
        return first

    def run(self, tables: list[RawTable]) -> Dataset:
        onto = self.onto
        self._tables = list(tables)
        node_frames = [
            f for t, raw in enumerate(tables) if raw.kind == NODES for f in [self._node_table(t)] if f is not None
        ]
        if node_frames:
            nodes = pa.concat_tables(node_frames, promote_options="default").combine_chunks()
        else:
            nodes = pa.table({"id": [], "class": [], "_row": [], "_table": []}, schema=_EMPTY_NODES)
        link_cols = {
            t: _Columns(raw, onto.link_columns, Problems()) for t, raw in enumerate(tables) if raw.kind == LINKS
        }
        ends = {
            (t, i): self._link_ends(t, i)
            for t, cols in link_cols.items()
            for i in (cols.index_of_role("link_source"), cols.index_of_role("link_target"))
            if i is not None
        }
        shorthand = {
            p.name: self._protect_ids(_col(nodes, p.name))
            for p in onto.properties.values()
            if p.shorthand_for and p.name in nodes.column_names
        }
        index = _IdIndex([_col(nodes, "id"), *ends.values(), *shorthand.values()])
        node_codes, end_codes = index.codes[0], index.codes[1:]

        first = self._duplicates(nodes, node_codes)
        if not first.all():
            nodes, node_codes = nodes.filter(pa.array(first)), node_codes[first]
        with _Hiding(nodes, self.pseudonymise) as hiding:
            classes = _col(nodes, "class")
            row_of_code = np.full(len(index.ids), -1, dtype=np.int64)
            row_of_code[node_codes] = np.arange(len(node_codes))
            class_by_code = _IdIndex.spread(classes, row_of_code)

            in_store = self.lookup(Ids(index.ids))
            if in_store:
                stored = _strings(in_store.values()).take(pc.index_in(index.ids, value_set=_strings(in_store)))
                stored_class = _IdIndex.spread(stored, node_codes)
                clash = pc.and_(pc.is_valid(stored_class), pc.not_equal(stored_class, classes))
                tables_of, rows_of, ids = _col(nodes, "_table"), _col(nodes, "_row"), _col(nodes, "id")
                for r in _where(clash):
                    t = self._tables[tables_of[r].as_py()]
                    self.problems.add(
                        t.file,
                        t.line_of(rows_of[r].as_py()),
                        None,
                        f"id {ids[r].as_py()!r} is already a {stored_class[r].as_py()} in the store, "
                        f"not a {classes[r].as_py()}",
                    )
                class_by_code = pc.coalesce(class_by_code, stored)  # the dataset's class wins

            end_class = {key: _IdIndex.spread(class_by_code, codes) for key, codes in zip(ends, end_codes)}
            targets = {  # aligned with the nodes kept
                name: (values.filter(first), _IdIndex.spread(class_by_code, codes[first]))
                for (name, values), codes in zip(shorthand.items(), end_codes[len(ends) :])
            }
            link_frames = [f for t in link_cols for f in [self._link_table(t, end_class)] if f is not None]
            link_frames += self._shorthand_links(nodes, targets)
            self.problems.raise_if_any()
            dataset = Dataset(notices=self.notices)
            if link_frames:
                dataset.links = self._link_batches(link_frames)
            nodes = hiding.apply(nodes)
        if "poor" in onto.properties and "Household" in onto.classes:
            households = pc.equal(classes, "Household")
            poor = _column(nodes, "poor", "boolean")
            implied = pc.is_in(_column(nodes, "status", "string"), value_set=_strings(["poor", "lifted"]))
            poor = pc.if_else(households, pc.coalesce(poor, implied), pa.scalar(None, pa.bool_()))
            nodes = nodes.drop_columns(["poor"]) if "poor" in nodes.column_names else nodes
            nodes = nodes.append_column("poor", poor)
        by_class = _groups(classes)
        for cls in sorted(by_class):
            schema = node_schema(onto, cls)
            wanted_columns = [n for n, _ in schema if n in nodes.column_names]
            dataset.nodes[cls] = _shape(_pick(nodes.select(wanted_columns), by_class[cls]), schema)
        return dataset

    def _link_batches(self, frames: list[pa.Table]) -> dict[tuple[str, str, str], pa.Table]:
        """Links grouped by (type, source class, target class), identical ones dropped (the first kept)."""
        onto = self.onto
        columns = [("source", "string"), ("target", "string"), ("type", "string")]
        columns += [("source_class", "string"), ("target_class", "string")]
        columns += [(p.name, p.kind) for p in onto.stored_link_properties] + [(EXTRA, "string")]
        links = pa.concat_tables([_shape(f, columns) for f in frames])
        schema = [name for name, _ in link_schema(onto)]
        first = first_of_each(row_identity(links.select(["type", *schema])))
        ends = links.select(["type", "source_class", "target_class"])
        triple = row_identity(ends)
        names = ends.take(np.flatnonzero(first_of_each(triple))).to_pylist()
        out: dict[tuple[str, str, str], pa.Table] = {}
        stored = links.select(schema)
        for code, name in sorted(enumerate(names), key=lambda item: tuple(item[1].values())):
            rows = np.flatnonzero((triple == code) & first)  # never empty: a triple's first row is kept
            if rows[-1] - rows[0] + 1 == len(rows):
                rows = slice(rows[0], rows[-1] + 1)
            out[(name["type"], name["source_class"], name["target_class"])] = _pick(stored, rows).combine_chunks()
        return out


_EMPTY_NODES = pa.schema([("id", pa.string()), ("class", pa.string()), ("_row", pa.int64()), ("_table", pa.int64())])
