"""Rules for node tables: ids, classes, which properties apply, duplicates."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..base.dataset import EXTRA
from .arrays import first_rows, flat, map_distinct, strings, where
from .checks import Checks
from .columns import Columns, expected_headers, listed
from .hiding import HIDE


class NodeRules(Checks):
    """Checks and types the node tables of a dataset."""

    def _node_table(self, t: int) -> pa.Table | None:
        onto = self.onto
        table = self._tables[t]
        cols = Columns(table, onto.node_columns, self.problems)
        i_id, i_type = cols.index_of_role("node_id"), cols.index_of_role("node_type")
        for role, idx in (("node_id", i_id), ("node_type", i_type)):
            if idx is None:
                prop = next(p for p in onto.properties.values() if p.role == role)
                self.problems.add(
                    table.file, 1, None, f"no {prop.column} column; expected a header such as {expected_headers(prop)}"
                )
        if i_id is None or i_type is None:
            return None
        if cols.extras:
            self.notices.append(
                f"{table.file}: columns not in the ontology are kept as extra properties: {listed(cols.extras)}"
            )
        ids, types = table.column(i_id), table.column(i_type)
        self._flag_damaged_ids(table, i_id)
        self._report(table, where(pc.is_null(ids)), i_id, lambda r: "missing id")
        control = pc.fill_null(pc.match_substring_regex(ids, r"[\x00-\x1f\x7f]"), False)
        self._report(
            table,
            where(control),
            i_id,
            lambda r: f"the id {table.cell(i_id, r)!r} holds a control character (a line break, tab or NUL); "
            "an id is one line of visible text",
        )
        ids = pc.if_else(control, pa.scalar(None, pa.string()), ids)
        classes = map_distinct(types, lambda names: [onto.resolve_class(n) for n in names], pa.string())
        self._report(table, where(pc.is_null(types)), i_type, lambda r: "missing type")
        unknown = pc.and_(pc.is_valid(types), pc.is_null(classes))
        choices = ", ".join(f"{c.name} ({c.label_zh})" for c in onto.classes.values())
        self._report(
            table,
            where(unknown),
            i_type,
            lambda r: f"unknown node type {table.cell(i_type, r)!r}; expected one of {choices}",
        )

        keep = where(pc.and_(pc.is_valid(ids), pc.is_valid(classes)))
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
                applies = pc.is_in(kept_classes, value_set=strings(sorted(prop.on_nodes)))
                misplaced = where(pc.and_(pc.is_valid(values), pc.invert(applies)))
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
        personal_classes = strings(c.name for c in onto.classes.values() if c.personal_name)
        if "name" in columns:
            names = columns["name"]
            personal = pc.and_(pc.is_in(kept_classes, value_set=personal_classes), pc.is_valid(names))
            hide["name"] = pc.or_(hide["name"], personal) if "name" in hide else personal
        columns[EXTRA] = self._extras(table, cols, keep)
        columns.update({HIDE + name: mask for name, mask in hide.items()})
        return pa.table(columns)

    def _duplicates(self, nodes: pa.Table, codes: np.ndarray) -> np.ndarray:
        """Report ids given twice, naming where each was first given; which rows are firsts."""
        firsts = first_rows(codes)
        first = np.zeros(len(codes), dtype=bool)
        first[firsts] = True
        if first.all():
            return first
        first_row_of = dict(zip(codes[firsts].tolist(), firsts.tolist()))
        tables, rows, ids = flat(nodes, "_table"), flat(nodes, "_row"), flat(nodes, "id")
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
