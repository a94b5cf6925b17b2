"""Find organisations by name and households by ID number, in the same load or in the store.

A ledger names the organisation in words and may name the household only by its head's
ID number; both are looked up here once every file of a load has been read. Names match
after trimming and folding full-width forms, case and spaces; an unknown name is answered
with the closest known ones.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pyarrow as pa

from ...ontology import Ontology, normalise_label
from ..readings import normalise_id
from ..tables import NODES, RawTable
from .headers import fold

if TYPE_CHECKING:
    from ...base.dataset import DatasetStore
    from ..privacy import Pseudonymiser
    from .register import RegisterRead


def organisation_classes(onto: Ontology) -> frozenset[str]:
    """Classes a ledger or roster may name as the organisation: those that can make a claim."""
    lt = onto.link_types.get("CLAIMS")
    return lt.domain if lt is not None else frozenset(onto.abstract_classes.get("Organisation", ()))


class Directory:
    """Organisations (by id and by folded name) and households (by ID number) a load can refer to."""

    def __init__(
        self,
        onto: Ontology,
        tables: Iterable[RawTable],
        registers: Iterable[RegisterRead],
        store: DatasetStore | None,
        pseudonymise: Pseudonymiser,
    ) -> None:
        self.onto = onto
        self.store = store
        self.pseudonymise = pseudonymise
        self.classes = organisation_classes(onto)
        self.by_id: dict[str, str] = {}
        self.by_name: dict[str, dict[str, str]] = {}  # folded name -> {id: name as written}
        self._tables = [t for t in tables if t.kind == NODES]
        self._registers = list(registers)
        self._id_numbers: dict[str, str] | None = None
        self._stored_id_numbers: dict[str, str] | None = None
        self._read_tables()
        self._read_store()

    def _add(self, node_id: str, name: str | None, cls: str) -> None:
        self.by_id.setdefault(node_id, cls)
        if name:
            self.by_name.setdefault(fold(name), {}).setdefault(node_id, name)

    def _read_tables(self) -> None:
        roles = {"node_id": None, "node_type": None}
        for table in self._tables:
            index = {}
            for i, header in enumerate(table.headers):
                prop = self.onto.node_columns.get(normalise_label(header))
                if prop is not None and (prop.role in roles or prop.name == "name"):
                    index.setdefault(prop.role or prop.name, i)
            if "node_id" not in index or "node_type" not in index:
                continue
            ids = table.column(index["node_id"]).to_pylist()
            types = table.column(index["node_type"]).to_pylist()
            names = table.column(index["name"]).to_pylist() if "name" in index else [None] * len(ids)
            resolved = {t: self.onto.resolve_class(t) for t in set(types) if t is not None}
            for node_id, t, name in zip(ids, types, names):
                cls = resolved.get(t)
                if node_id is not None and cls in self.classes:
                    self._add(normalise_id(node_id), name, cls)

    def _nodes(self, cls: str, columns: list[str]):
        """A stored class's nodes (a frame with ``id`` and ``columns``), if the store can list them."""
        reader = getattr(self.store, "nodes", None)
        return reader(cls, columns) if reader is not None else None

    def _read_store(self) -> None:
        for cls in sorted(self.classes):
            frame = self._nodes(cls, ["name"])
            if frame is None:
                return
            for node_id, name in zip(frame["id"], frame["name"]):
                self._add(str(node_id), None if name is None or name != name else str(name), cls)

    # -- organisations -------------------------------------------------------

    def organisation(self, text: str) -> tuple[str | None, str]:
        """The id an organisation cell names (by name, or by id), and a message when there is none."""
        key = fold(text)
        found = self.by_name.get(key)
        if found and len(found) == 1:
            return next(iter(found)), ""
        if found:
            listed = ", ".join(f"{i} ({n})" for i, n in sorted(found.items()))
            return None, f"the name {text!r} belongs to {len(found)} organisations: {listed}; give the id instead"
        node_id = normalise_id(text)
        if node_id in self.by_id:
            return node_id, ""
        return None, f"no organisation named {text!r} in this load or the store{self._closest(key)}"

    def _closest(self, key: str) -> str:
        close = difflib.get_close_matches(key, list(self.by_name), n=3, cutoff=0.4)
        if not close:
            if not self.by_name:
                return "; load the organisations (a nodes table with their ids, types and names) in the same call"
            return ""
        names = [next(iter(self.by_name[k].values())) for k in close]
        return "; the closest known: " + ", ".join(names)

    # -- households ----------------------------------------------------------

    def household_by_id_number(self, number: str) -> str | None:
        """The household a member's ID number belongs to: in this load's registers, else in the store."""
        key = normalise_id(number).upper()
        if self._id_numbers is None:
            self._id_numbers = {}
            for reg in self._registers:
                for n, h in zip(reg.id_numbers.to_pylist(), reg.id_households.to_pylist()):
                    if n and h:
                        self._id_numbers.setdefault(n.upper(), h)
        found = self._id_numbers.get(key)
        if found is not None:
            return found
        if self._stored_id_numbers is None:
            frame = self._nodes("Household", ["id_number"])
            if frame is None:
                return None
            self._stored_id_numbers = {
                str(p): str(i) for i, p in zip(frame["id"], frame["id_number"]) if isinstance(p, str)
            }
        return self._stored_id_numbers.get(self.pseudonymise(key))


def strings(values: list[str | None]) -> pa.Array:
    return pa.array(values, pa.string())
