"""Rules for links: their ends, their type and the classes it allows; shorthand columns on node rows."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..base.dataset import EXTRA
from ..ontology import normalise_label
from .arrays import first_rows, flat, map_distinct, strings, where
from .checks import Checks
from .columns import Columns, expected_headers, listed
from .hints import reversed_link

_SEP = "\x1f"


class LinkRules(Checks):
    """Checks and types the link tables of a dataset and the links node rows give in shorthand."""

    def _link_table(self, t: int, end_class: dict[tuple[int, int], pa.Array]) -> pa.Table | None:
        """One links table checked and typed; ``end_class`` holds the class of each end, by (table, column)."""
        onto = self.onto
        table = self._tables[t]
        cols = Columns(table, onto.link_columns, self.problems)
        idx = {role: cols.index_of_role(role) for role in ("link_source", "link_target", "link_type")}
        for role, i in idx.items():
            if i is None:
                prop = next(p for p in onto.properties.values() if p.role == role)
                self.problems.add(
                    table.file, 1, None, f"no {prop.column} column; expected a header such as {expected_headers(prop)}"
                )
        if None in idx.values():
            return None
        if cols.extras:
            self.notices.append(
                f"{table.file}: columns not in the ontology are kept as extra properties: {listed(cols.extras)}"
            )
        i_src, i_dst, i_type = idx["link_source"], idx["link_target"], idx["link_type"]
        sources, targets = self._link_ends(t, i_src), self._link_ends(t, i_dst)
        self._flag_damaged_ids(table, i_src)
        self._flag_damaged_ids(table, i_dst)
        types = table.column(i_type)
        link_types = map_distinct(types, lambda names: [onto.resolve_link_type(n) for n in names], pa.string())
        bad = np.zeros(len(table), dtype=bool)
        for i, col, what in ((i_src, sources, "source"), (i_dst, targets, "target"), (i_type, types, "type")):
            miss = pc.is_null(col).to_numpy(zero_copy_only=False)
            bad |= miss
            self._report(table, where(miss), i, lambda r, w=what: f"missing {w}")
        unknown = pc.and_(pc.is_valid(types), pc.is_null(link_types)).to_numpy(zero_copy_only=False)
        choices = ", ".join(f"{t.name} ({t.label_zh})" for t in onto.link_types.values())
        self._report(
            table,
            where(unknown),
            i_type,
            lambda r: f"unknown link type {table.cell(i_type, r)!r}; expected one of {choices}",
        )
        bad |= unknown

        src_class, dst_class = end_class[(t, i_src)], end_class[(t, i_dst)]
        for i, ends, classes in ((i_src, sources, src_class), (i_dst, targets, dst_class)):
            dangling = pc.and_(pc.is_valid(ends), pc.is_null(classes)).to_numpy(zero_copy_only=False)
            self._report(
                table,
                where(dangling),
                i,
                lambda r, e=ends: (
                    f"no node with id {e[r].as_py()!r} in the dataset or the store{self._hint(e[r].as_py())}"
                ),
                "ids found nowhere",
            )
            bad |= dangling

        checked = ~bad
        rows = where(checked)
        triples = pc.dictionary_encode(pc.binary_join_element_wise(link_types, src_class, dst_class, _SEP).take(rows))
        codes = triples.indices.to_numpy(zero_copy_only=False)
        names = triples.dictionary.to_pylist()
        for code in codes[first_rows(codes)]:  # in order of first appearance
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
                lambda r, lt=lt, side=side, allowed=allowed, s=s, d=d: (
                    f"a link of type {lt.name} cannot have a "
                    f"{(src_class if side == 'source' else dst_class)[r].as_py()} as its {side}; expected one of "
                    f"{onto.class_choices(allowed)}{reversed_link(lt, s, d)}"
                ),
                f"{lt.name} links from a {s} to a {d}" + (" (the other way round)" if reversed_link(lt, s, d) else ""),
            )
            checked[group] = False

        keep = where(checked)
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
            implied = map_distinct(
                types.take(keep), lambda names: [onto.implied_mechanism(n) for n in names], pa.string()
            )
            current = columns.get("mechanism", pa.nulls(len(keep), pa.string()))
            columns["mechanism"] = pc.coalesce(current, implied)
        columns[EXTRA] = self._extras(table, cols, keep)
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
            classes = flat(rows, "class")
            good = pc.and_(
                pc.is_in(tclass, value_set=strings(sorted(prop.shorthand_range))),
                pc.is_in(classes, value_set=strings(sorted(lt.domain))),
            )
            for r in where(pc.invert(good)):
                table = self._tables[rows.column("_table")[r].as_py()]
                col = next(i for i, h in enumerate(table.headers) if onto.node_columns.get(normalise_label(h)) is prop)
                target, target_class = targets[r].as_py(), tclass[r].as_py()
                expected = onto.class_choices(prop.shorthand_range)
                if target_class is None:
                    hint = self._hint(target, prop.shorthand_range)
                    msg = f"no {expected} with id {target!r} in the dataset or the store{hint}"
                elif target_class not in prop.shorthand_range:
                    msg = f"{target!r} is a {target_class}, expected the id of a {expected}"
                else:
                    msg = f"a {classes[r].as_py()} cannot be {lt.name} a {target_class}"
                self.problems.add(table.file, table.line_of(rows.column("_row")[r].as_py()), table.column_of(col), msg)
            g = rows.filter(good).combine_chunks()
            frame = {
                "source": flat(g, "id"),
                "target": targets.filter(good),
                "type": pa.repeat(pa.scalar(lt.name, pa.string()), g.num_rows),
                "source_class": flat(g, "class"),
                "target_class": tclass.filter(good),
            }
            for column in shared:
                values = flat(g, column)
                personal = onto.properties[column].personal and values.type == pa.string()
                frame[column] = self._pseudonyms(values) if personal else values  # still clear on the nodes
            out.append(pa.table(frame))
        return out
