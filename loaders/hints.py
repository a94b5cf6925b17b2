"""Hints that fix a problem: the id a name stands for, the closest ids, a link that reads the other way.

Closest ids are found with rapidfuzz (its C++ ``process.extract`` ranks a million ids in tens of
milliseconds, where difflib takes seconds); a load asks for at most :data:`BUDGET` of them, so a
table of thousands of unknown ids stays fast.

>>> hints = Hints(["c1", "c2", "v1"], {"平王村": [("v1", "Village")]})
>>> hints.for_missing("平王村", {"Village"})
"; the Village named '平王村' has id 'v1': give its id"
>>> hints.for_missing("c3")
"; the closest ids are 'c1', 'c2'"
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pyarrow as pa
from rapidfuzz import fuzz, process

from ..ontology import LinkType

#: How many unknown ids of one load get closest-id hints.
BUDGET = 500
#: How alike (0–100, rapidfuzz's ratio) an id must be to be offered.
CUTOFF = 50


class Hints:
    """What a load knows to offer for an id it cannot find.

    Parameters
    ----------
    ids : the ids of the dataset's nodes (pseudonyms are never offered).
    names : ``{name: [(id, class), ...]}`` of the nodes whose names are not personal.
    """

    def __init__(self, ids: Sequence[str] | pa.Array, names: dict[str, list[tuple[str, str]]]) -> None:
        self._given = ids
        self._ids: list[str] | None = None
        self.names = names
        self._asked: dict[str, str] = {}

    @property
    def ids(self) -> list[str]:
        """The ids that may be offered (a load that finds every id never makes this list)."""
        if self._ids is None:
            given = self._given.to_pylist() if isinstance(self._given, pa.Array) else self._given
            self._ids = [i for i in given if i is not None and not i.startswith("pid-")]
        return self._ids

    def for_missing(self, missing: str, classes: Iterable[str] | None = None) -> str:
        """Text to add to "no node with id …": the id of a node so named, else the closest ids; or ''."""
        if missing in self._asked:
            return self._asked[missing]
        wanted = set(classes) if classes is not None else None
        hint = ""
        named = [(i, c) for i, c in self.names.get(missing, []) if wanted is None or c in wanted]
        if named:
            shown = ", ".join(f"{i!r}" for i, _ in named[:3])
            cls = named[0][1]
            hint = f"; the {cls} named {missing!r} has id {shown}: give its id"
        elif not missing.startswith("pid-") and len(self._asked) < BUDGET and self.ids:  # ids made on first use
            close = process.extract(missing, self.ids, scorer=fuzz.ratio, limit=3, score_cutoff=CUTOFF)
            if close:
                hint = "; the closest ids are " + ", ".join(f"{c!r}" for c, _, _ in close)
        self._asked[missing] = hint
        return hint


def reversed_link(lt: LinkType, source_class: str, target_class: str) -> str:
    """Text to add when a link's classes fit its type the other way round, or ''.

    >>> from lianjie.ontology import load_ontology
    >>> reversed_link(load_ontology().link_types["PAIRS_WITH"], "Household", "AssistingUnit")
    '; this link reads the other way: a PAIRS_WITH (结对帮扶) link goes from the AssistingUnit to the Household'
    """
    if lt.allows(target_class, source_class):
        return (
            f"; this link reads the other way: a {lt.name} ({lt.label_zh}) link goes from the "
            f"{target_class} to the {source_class}"
        )
    return ""
