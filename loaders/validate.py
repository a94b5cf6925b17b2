"""Validate raw tables against the ontology and turn them into typed, store-ready batches.

Nothing here writes: a dataset either passes whole, or every problem (up to a cap)
is reported with its file, line and column and the store is never touched.

Columns stay in Arrow from reading to writing, so a million households cost seconds:
work per cell is done by ``pyarrow.compute``, and the ontology's Python rules (type names,
codes, numbers, dates, pseudonyms) run once per distinct value of a column and are spread
back over its cells with ``take``.

The work is split by job: :mod:`.arrays` (Arrow helpers), :mod:`.columns` (headers),
:mod:`.hiding` (pseudonyms), :mod:`.checks` (cells), :mod:`.node_rules`, :mod:`.link_rules`,
:mod:`.domain` (rules such as status implies poor) and :mod:`.batches` (store-ready tables);
this module runs them in order.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..base.dataset import Dataset, Ids, NodeLookup, link_schema, node_schema
from ..base.errors import Problems
from ..base.kinds import ARROW_TYPES
from ..ontology import Ontology
from .arrays import IdIndex, flat, strings, where
from .batches import link_batches, node_batches
from .columns import Columns
from .domain import imply_poor
from .hiding import Hiding
from .link_rules import LinkRules
from .node_rules import NodeRules
from .privacy import Pseudonymiser
from .tables import LINKS, NODES, RawTable

_EMPTY_NODES = pa.schema([("id", pa.string()), ("class", pa.string()), ("_row", pa.int64()), ("_table", pa.int64())])


class Validator(NodeRules, LinkRules):
    """Checks a whole dataset before anything is written.

    Parameters
    ----------
    onto : the ontology the dataset is checked against.
    lookup : returns ``{id: class}`` for ids already in the store (links may point at them),
        or a table of ``id`` and ``class``; it is handed :class:`Ids`.
    pseudonymise : replaces direct personal identifiers by keyed hashes.
    cap : the most problems kept in full.
    distinct_links : give identical links once; a load in chunks says False and drops them
        across chunks itself.
    """

    def __init__(
        self,
        onto: Ontology,
        lookup: NodeLookup,
        pseudonymise: Pseudonymiser,
        cap: int = 50,
        distinct_links: bool = True,
    ) -> None:
        super().__init__(onto, lookup, pseudonymise, cap)
        self.distinct_links = distinct_links

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
            t: Columns(raw, onto.link_columns, Problems()) for t, raw in enumerate(tables) if raw.kind == LINKS
        }
        ends = {
            (t, i): self._link_ends(t, i)
            for t, cols in link_cols.items()
            for i in (cols.index_of_role("link_source"), cols.index_of_role("link_target"))
            if i is not None
        }
        shorthand = {
            p.name: self._protect_ids(flat(nodes, p.name))
            for p in onto.properties.values()
            if p.shorthand_for and p.name in nodes.column_names
        }
        index = IdIndex([flat(nodes, "id"), *ends.values(), *shorthand.values()])
        node_codes, end_codes = index.codes[0], index.codes[1:]

        first = self._duplicates(nodes, node_codes)
        if not first.all():
            nodes, node_codes = nodes.filter(pa.array(first)), node_codes[first]
        self._know_nodes(nodes)
        with Hiding(nodes, self.pseudonymise) as hiding:
            classes = flat(nodes, "class")
            row_of_code = np.full(len(index.ids), -1, dtype=np.int64)
            row_of_code[node_codes] = np.arange(len(node_codes))
            class_by_code = IdIndex.spread(classes, row_of_code)

            in_store = self.lookup(Ids(index.ids))
            if isinstance(in_store, dict):  # a store's {id: class}; a chunked load hands a table
                in_store = pa.table({"id": strings(in_store), "class": strings(in_store.values())})
            if in_store.num_rows:
                known = flat(in_store, "class")
                stored = known.take(pc.index_in(index.ids, value_set=flat(in_store, "id")))
                stored_class = IdIndex.spread(stored, node_codes)
                clash = pc.and_(pc.is_valid(stored_class), pc.not_equal(stored_class, classes))
                tables_of, rows_of, ids = flat(nodes, "_table"), flat(nodes, "_row"), flat(nodes, "id")
                for r in where(clash):
                    t = self._tables[tables_of[r].as_py()]
                    self.problems.add(
                        t.file,
                        t.line_of(rows_of[r].as_py()),
                        None,
                        f"id {ids[r].as_py()!r} is already a {stored_class[r].as_py()} in the store, "
                        f"not a {classes[r].as_py()}",
                    )
                class_by_code = pc.coalesce(class_by_code, stored)  # the dataset's class wins

            end_class = {key: IdIndex.spread(class_by_code, codes) for key, codes in zip(ends, end_codes)}
            targets = {  # aligned with the nodes kept
                name: (values.filter(first), IdIndex.spread(class_by_code, codes[first]))
                for (name, values), codes in zip(shorthand.items(), end_codes[len(ends) :])
            }
            link_frames = [f for t in link_cols for f in [self._link_table(t, end_class)] if f is not None]
            link_frames += self._shorthand_links(nodes, targets)
            self.problems.raise_if_any()
            dataset = Dataset(notices=self.notices)
            if link_frames:
                dataset.links = link_batches(onto, link_frames, self.distinct_links)
            nodes = hiding.apply(nodes)
        nodes = imply_poor(onto, nodes, classes)
        dataset.nodes = node_batches(onto, nodes, classes)
        return dataset


__all__ = ["ARROW_TYPES", "Dataset", "Ids", "NodeLookup", "Validator", "link_schema", "node_schema"]
