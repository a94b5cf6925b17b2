"""The :class:`Ontology`: the schema read from Turtle, with the lookups the package needs.

The bundled ontology is read once per version of its text and kept as a snapshot in the
user's cache folder (``$XDG_CACHE_HOME/lianjie``, else ``~/.cache/lianjie``), so a command
starts without importing rdflib: a tenth of a second. The Turtle file stays the single
source of truth: a changed file, or a new version of the code that reads it, is read afresh.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import unicodedata
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Codelist, LinkFamily, LinkType, NodeClass, Property, Schema

if TYPE_CHECKING:
    from rdflib import Graph


def normalise_label(text: str) -> str:
    """The form under which headers, type names and codes are matched.

    NFKC folds full-width characters (（元） and (元) match), case is ignored,
    and spaces, hyphens and underscores are treated alike.
    """
    folded = unicodedata.normalize("NFKC", str(text)).strip().casefold()
    for ch in ("-", "_"):
        folded = folded.replace(ch, " ")
    return " ".join(folded.split())


class Ontology:
    """The schema of lianjie, read from Turtle, with the lookups the package needs.

    Examples
    --------
    >>> from lianjie.ontology import load_ontology
    >>> onto = load_ontology()
    >>> onto.resolve_class("合作社")
    'Cooperative'
    >>> onto.resolve_link_type("订单收购")
    'SUPPLIES'
    >>> sorted(onto.market_link_types)[:2]
    ['EMPLOYED_BY', 'HOLDS_SHARES_IN']
    """

    def __init__(self, turtle: str, source: str = "<string>", schema: Schema | None = None) -> None:
        self.source = source
        self.turtle = turtle
        #: What the Turtle says; read from it unless given (as from a snapshot of the same text).
        self.schema = schema if schema is not None else self._read()

    def _read(self) -> Schema:
        from .parse import read_schema

        return read_schema(self.graph, self.source)

    @cached_property
    def graph(self) -> Graph:
        """The ontology as an rdflib graph, parsed on first use."""
        from .parse import parse_turtle

        return parse_turtle(self.turtle)

    # -- the schema ------------------------------------------------------

    @property
    def classes(self) -> dict[str, NodeClass]:
        return self.schema.classes

    @property
    def link_types(self) -> dict[str, LinkType]:
        return self.schema.link_types

    @property
    def properties(self) -> dict[str, Property]:
        return self.schema.properties

    @property
    def codelists(self) -> dict[str, Codelist]:
        return self.schema.codelists

    @cached_property
    def fingerprint(self) -> str:
        """A short hash of the ontology text, recorded in every store it shaped."""
        return hashlib.sha256(self.turtle.encode("utf-8")).hexdigest()[:16]

    @cached_property
    def market_link_types(self) -> frozenset[str]:
        return frozenset(n for n, lt in self.link_types.items() if lt.is_market)

    @property
    def link_families(self) -> dict[str, LinkFamily]:
        """The link families (``market``, ``support``) with their labels and drawing style."""
        return self.schema.link_families

    @cached_property
    def support_link_types(self) -> frozenset[str]:
        """Support link types whose help makes a household without market links support-only (lj:supportOnly).

        >>> sorted(load_ontology().support_link_types)
        ['FUNDS', 'PAIRS_WITH', 'SERVES', 'TRAINS']
        """
        return frozenset(n for n, lt in self.link_types.items() if lt.support_only)

    def codes_marked(self, codelist: str, mark: str) -> tuple[str, ...]:
        """The codes of a codelist whose entries carry a boolean mark (``online``, ``impliesPoor``).

        >>> load_ontology().codes_marked("ChannelKind", "online")
        ('livestream', 'online_platform', 'social_commerce')
        >>> load_ontology().codes_marked("HouseholdStatus", "impliesPoor")
        ('lifted', 'poor')
        """
        if codelist not in self.codelists:
            return ()
        return tuple(sorted(c.code for c in self.codelists[codelist].concepts if mark in c.marks))

    @cached_property
    def online_channel_kinds(self) -> tuple[str, ...]:
        """Channel kinds that sell online (lj:online)."""
        return self.codes_marked("ChannelKind", "online")

    @cached_property
    def poor_statuses(self) -> tuple[str, ...]:
        """Household statuses that make a household registered poor when its poor column is blank (lj:impliesPoor)."""
        return self.codes_marked("HouseholdStatus", "impliesPoor")

    def stored_node_properties(self, class_name: str) -> list[Property]:
        """Columns a node table of this class stores, in a fixed order (id first)."""
        props = [
            p
            for p in self.properties.values()
            if class_name in p.on_nodes and p.role is None and p.shorthand_for is None
        ]
        return sorted(props, key=lambda p: (p.name != "name", p.name))

    @cached_property
    def stored_link_properties(self) -> list[Property]:
        """Columns every link table stores, in a fixed order."""
        return sorted(
            (p for p in self.properties.values() if p.on_links and p.role is None),
            key=lambda p: p.name,
        )

    @cached_property
    def node_columns(self) -> dict[str, Property]:
        """Header text (normalised) to node property, for any header a node table may carry."""
        return self._header_index(p for p in self.properties.values() if p.on_nodes)

    @cached_property
    def link_columns(self) -> dict[str, Property]:
        """Header text (normalised) to link property."""
        return self._header_index(p for p in self.properties.values() if p.on_links)

    def _header_index(self, props) -> dict[str, Property]:
        index: dict[str, Property] = {}
        props = sorted(props, key=lambda p: (p.role is None, p.name))
        # canonical names first, so an alias never shadows another column's own name
        for p in props:
            index.setdefault(normalise_label(p.column), p)
            index.setdefault(normalise_label(p.name), p)
        for p in props:
            for header in p.headers:
                index.setdefault(normalise_label(header), p)
        return index

    @cached_property
    def _class_index(self) -> dict[str, str]:
        return self._term_index((c.name, (c.name, c.label_en, c.label_zh, *c.aliases)) for c in self.classes.values())

    @cached_property
    def _link_index(self) -> dict[str, str]:
        return self._term_index(
            (t.name, (t.name, t.label_en, t.label_zh, *t.aliases)) for t in self.link_types.values()
        )

    @staticmethod
    def _term_index(entries) -> dict[str, str]:
        entries = list(entries)
        index: dict[str, str] = {}
        for name, labels in entries:  # names and labels first, then aliases
            for label in labels[:3]:
                index.setdefault(normalise_label(label), name)
        for name, labels in entries:
            for label in labels[3:]:
                index.setdefault(normalise_label(label), name)
        return index

    def resolve_class(self, text: str) -> str | None:
        """The class a type cell names (class name, label or alias), or None."""
        return self._class_index.get(normalise_label(text))

    def resolve_link_type(self, text: str) -> str | None:
        """The link type a type cell names (name, label or alias), or None."""
        return self._link_index.get(normalise_label(text))

    @cached_property
    def _codelist_index(self) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {}
        for name, cl in self.codelists.items():
            entries = [(c.code, (c.code, c.label_en, c.label_zh, *c.aliases)) for c in cl.concepts]
            out[name] = self._term_index(entries)
        return out

    def resolve_code(self, codelist: str, text: str) -> str | None:
        """The code of a codelist that a cell names (code, label or alias), or None."""
        return self._codelist_index[codelist].get(normalise_label(text))

    def implied_mechanism(self, link_type_text: str) -> str | None:
        """A mechanism named by a link-type cell, e.g. 保底收购 is SUPPLIES by guaranteed-price purchase."""
        return self.resolve_code("Mechanism", link_type_text)

    def class_choices(self, names) -> str:
        """Human list of classes, for error messages."""
        return ", ".join(sorted(names))


_PACKAGE_TTL = "lianjie.ttl"


def load_ontology(path: str | Path | None = None) -> Ontology:
    """Read the ontology: the bundled one by default (cached), or a Turtle file."""
    if path is not None:
        p = Path(path)
        return Ontology(p.read_text(encoding="utf-8"), source=str(p))
    return _bundled()


_CACHE: dict[str, Ontology] = {}


def _bundled() -> Ontology:
    if "bundled" not in _CACHE:
        text = resources.files("lianjie.ontology").joinpath(_PACKAGE_TTL).read_text(encoding="utf-8")
        _CACHE["bundled"] = _from_snapshot(text, _PACKAGE_TTL)
    return _CACHE["bundled"]


def snapshot_path(turtle: str) -> Path:
    """Where the snapshot of this ontology text is kept.

    It is named by a hash of the text, of the code that reads it and holds it
    (``parse.py``, ``model.py``), and of the lianjie and Python versions, so any change to
    one of them reads the Turtle afresh.
    """
    from .. import __version__

    digest = hashlib.sha256(turtle.encode("utf-8"))
    for module in ("parse.py", "model.py"):
        digest.update(Path(__file__).with_name(module).read_bytes())
    digest.update(f"{__version__} {sys.version}".encode())
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "lianjie"
    return folder / f"ontology-{digest.hexdigest()[:24]}.pickle"


def _trusted(path: Path) -> bool:
    """A snapshot is read only from a file and folder that are this user's and no one else may write."""
    if not hasattr(os, "getuid"):
        return True
    for item in (path.parent, path):
        status = item.stat()
        if status.st_uid != os.getuid() or status.st_mode & 0o022:
            return False
    return True


def _from_snapshot(turtle: str, source: str) -> Ontology:
    """The ontology from its snapshot when there is one for this text, else read (and a snapshot kept).

    The snapshot only saves time: whatever goes wrong with it (no home folder, a damaged or
    foreign file, a read-only disk), the Turtle is read instead.
    """
    try:
        path: Path | None = snapshot_path(turtle)
    except Exception:  # e.g. no home folder
        path = None
    try:
        if path is not None and path.exists() and _trusted(path):
            schema = pickle.loads(path.read_bytes())
            if isinstance(schema, Schema):
                return Ontology(turtle, source, schema)
    except Exception:
        pass  # damaged: replaced below
    onto = Ontology(turtle, source)
    if path is not None:
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            partial = path.with_name(f".{path.name}.{os.getpid()}")
            partial.write_bytes(pickle.dumps(onto.schema, protocol=pickle.HIGHEST_PROTOCOL))
            partial.chmod(0o600)
            partial.replace(path)
        except Exception:
            pass  # no writable cache folder: read the Turtle every time
    return onto
