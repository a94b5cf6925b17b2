"""Where layouts plug in: a :class:`~lianjie.loaders.layouts.headers.Layout` and the function that reads it.

A layout is recognised by its headers: the :class:`Layout` names the ontology codelist whose
concepts are its fields (their labels the headers) and the fields that identify it. Once a
sheet is recognised, the function registered for the layout turns its rows (a
:class:`~lianjie.loaders.layouts.grid.Grid`) into tables in lianjie's own form, at once or,
when it needs the whole load (organisations named in words), later through ``pending``.
The household register, the linkage ledger and the roster are registered this way; a new
layout is its codelist in the ontology, one function and one call:

>>> from lianjie.loaders.layouts.registry import LayoutRead, register_layout, unregister_layout, layout_names
>>> from lianjie.loaders.layouts.headers import Layout
>>> register_layout(Layout("toy", "RosterColumn", "toy list", key=(("household_id",),), required=(),
...                        on_request=True), lambda grid, onto, problems, roster_of: LayoutRead())
>>> "toy" in layout_names()
True
>>> unregister_layout("toy")
>>> layout_names()
['register', 'ledger', 'roster']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...base.plugins import Registry
from .headers import LAYOUTS, Layout

if TYPE_CHECKING:
    from ...base.errors import Problems
    from ...ontology import Ontology
    from ..tables import RawTable
    from .grid import Grid


@dataclass
class LayoutRead:
    """What reading one recognised sheet gave.

    ``tables`` are ready; ``pending`` (an object with ``finish(onto, directory, problems)``)
    makes more tables once the whole load is read; ``members`` holds the ID numbers of the
    people a register lists and the household each belongs to, for ledgers that name a
    household by ID number (kept in memory only).
    """

    tables: list[RawTable] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    pending: Any = None
    members: Any = None


ReadLayout = Callable[["Grid", "Ontology", "Problems", "str | None"], LayoutRead]

#: Each layout's reading function, by layout name.
LAYOUT_READERS: Registry[ReadLayout] = Registry("layout")


def register_layout(layout: Layout, read: ReadLayout | str, stored_as: Mapping[str, str] | None = None) -> None:
    """Recognise ``layout`` by its headers and read it with ``read(grid, onto, problems, roster_of)``.

    ``stored_as`` says, for ``lianjie inspect``, what each field becomes.
    """
    LAYOUTS[layout.name] = layout
    LAYOUT_READERS.register(layout.name, read, stored_as=dict(stored_as or {}))


def unregister_layout(name: str) -> None:
    LAYOUTS.pop(name, None)
    LAYOUT_READERS.unregister(name)


def layout_names() -> list[str]:
    return LAYOUT_READERS.names()


def stored_as(name: str) -> dict[str, str]:
    return LAYOUT_READERS.info(name).get("stored_as", {}) if name in LAYOUT_READERS else {}
