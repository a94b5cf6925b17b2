"""Read, validate and load datasets (CSV folders, Excel workbooks, JSON) into a store."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..base.checkpoints import checkpoint
from ..base.dataset import Dataset, DatasetStore, WriteSummary
from ..base.errors import DatasetError, LianjieError, Problem, Problems
from .privacy import Pseudonymiser, check_key, record_key

if TYPE_CHECKING:
    from ..ontology import Ontology


@dataclass(frozen=True)
class LoadReport:
    """What a load did."""

    nodes_read: int
    links_read: int
    summary: WriteSummary
    notices: tuple[str, ...]


def read_dataset(
    paths: Iterable[str | Path],
    onto: Ontology,
    store: DatasetStore | None = None,
    pseudonymise: Pseudonymiser | None = None,
    cap: int = 50,
    progress: Callable[[str], None] | None = None,
    roster_of: str | None = None,
    mapping: str | Path | None = None,
) -> Dataset:
    """Read and validate every table of the given paths as one dataset.

    Besides lianjie's own nodes and links, household registers, linkage ledgers and
    (with ``roster_of``, the organisation whose roster it is) rosters are recognised by
    their headers (see :mod:`lianjie.loaders.layouts`); ``mapping`` is a mapping file for
    headers that are not recognised. Links may point at nodes already in ``store``, and
    ledgers may name organisations stored before. Raises :class:`DatasetError` listing
    every problem (up to ``cap``) if anything is wrong. ``progress`` is told, in words,
    what stage the work is at.
    """
    from .layouts import finish, read_files, read_mapping
    from .validate import Validator

    say = progress or (lambda message: None)
    pseudonymise = pseudonymise or Pseudonymiser()
    problems = Problems(cap=cap)
    paths = list(paths)
    say(f"reading {', '.join(str(p) for p in paths)}")
    read = read_files(paths, onto, problems, roster_of, read_mapping(mapping, onto) if mapping else None)
    tables = finish(read, onto, store, pseudonymise, problems)
    checkpoint("read")
    say(f"validating {sum(len(t) for t in tables):,} rows")
    lookup = store.lookup_nodes if store is not None else (lambda ids: {})
    validator = Validator(onto, lookup, pseudonymise, cap=cap)
    try:
        dataset = validator.run(tables)
    except DatasetError as exc:
        if not problems:
            raise
        room = max(cap - len(problems.items), 0)
        raise DatasetError(problems.items + exc.problems[:room], problems.total + exc.total) from None
    problems.raise_if_any()
    dataset.notices[:0] = read.notices
    return dataset


def load(
    store: DatasetStore,
    paths: Iterable[str | Path],
    pseudonymise: Pseudonymiser | None = None,
    progress: Callable[[str], None] | None = None,
    roster_of: str | None = None,
    mapping: str | Path | None = None,
) -> LoadReport:
    """Validate the dataset at ``paths`` whole, then write it to ``store`` in one transaction.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from lianjie.graph import open_store
    >>> from lianjie.loaders import load
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> nodes = "编号,类型,名称,是否贫困户\\nh1,农户,户一,是\\nc1,销售渠道,县长直播,\\n"
    >>> _ = (folder / "nodes.csv").write_text(nodes, "utf-8")
    >>> _ = (folder / "links.csv").write_text("来源,目标,联结类型\\nh1,c1,销售\\n", "utf-8")
    >>> with open_store(folder / "g.db") as store:
    ...     report = load(store, [folder])
    >>> report.summary.nodes_created, report.summary.links_created
    (2, 1)
    """
    paths = list(paths)
    pseudonymise = pseudonymise or Pseudonymiser()
    check_key(store, pseudonymise, writing=True)
    chunked = _load_in_chunks(store, paths, pseudonymise, progress, roster_of, mapping)
    if chunked is not None:
        return chunked
    dataset = read_dataset(
        paths, store.onto, store, pseudonymise, progress=progress, roster_of=roster_of, mapping=mapping
    )
    checkpoint("validate")
    if not dataset.node_count and not dataset.link_count:
        raise LianjieError(f"{', '.join(map(str, paths))}: no rows to load; the tables hold headers only")
    if progress:
        progress(f"writing {dataset.node_count:,} nodes and {dataset.link_count:,} links to {store.describe()}")
    summary = store.write(dataset)
    record_key(store, pseudonymise)
    return LoadReport(dataset.node_count, dataset.link_count, summary, tuple(dataset.notices))


def _load_in_chunks(
    store: DatasetStore,
    paths: list[str | Path],
    pseudonymise: Pseudonymiser,
    progress: Callable[[str], None] | None,
    roster_of: str | None,
    mapping: str | Path | None,
) -> LoadReport | None:
    """A large dataset folder validated and written in bounded chunks (see :mod:`.stream`); None if it is not one."""
    from .ahead import ahead
    from .chunks import NotStreamable
    from .stream import ChunkedLoad, chunked_tables

    plan = chunked_tables(store, [Path(p) for p in paths], roster_of, mapping)
    if plan is None:
        return None
    tables, rows = plan
    if progress:
        progress(f"loading {', '.join(str(p) for p in paths)} in chunks of {rows:,} rows")
    work = ChunkedLoad(tables, store.onto, pseudonymise, store.stored_id_arrays, rows, progress=progress)
    try:
        summary = store.write_parts(ahead(work.parts()))  # the next part validated while one is written
    except NotStreamable:
        return None  # read whole instead; nothing was written
    if not work.nodes_read and not work.links_read:
        raise LianjieError(f"{', '.join(map(str, paths))}: no rows to load; the tables hold headers only")
    record_key(store, pseudonymise)
    return LoadReport(work.nodes_read, work.links_read, summary, tuple(work.notices))


__all__ = ["Dataset", "DatasetError", "LianjieError", "LoadReport", "Problem", "load", "read_dataset"]
