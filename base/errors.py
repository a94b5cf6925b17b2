"""Errors a user can cause and fix, and the problems of a dataset (file, line, column, what was expected)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: How many problems a failed load lists one by one (the rest are counted, grouped and kept).
DEFAULT_CAP = 50
#: How many problems a load keeps for ``--problems FILE.csv``; past it, they are only counted.
DEFAULT_KEEP = 1_000_000
#: How many problems the message of a :class:`DatasetError` carries (``str(error)``).
IN_MESSAGE = 5

_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'")
_LINE = re.compile(r"\bline \d+")


_ID_NUMBER = re.compile(r"(?<![\w-])\d{17}[\dXx](?!\w)")
_MOBILE = re.compile(r"(?<![\w-])(?:\+?86)?1[3-9]\d{9}(?!\w)")


def mask_identifiers(message: str) -> str:
    """A message with any ID or mobile number in it replaced by what it is, so no problem shows one.

    >>> mask_identifiers("'430124199003070011' is not a whole number")
    "'[an ID number]' is not a whole number"
    """
    if not any(ch.isdigit() for ch in message):
        return message
    return _MOBILE.sub("[a phone number]", _ID_NUMBER.sub("[an ID number]", message))


@dataclass(frozen=True)
class Problem:
    """One problem: where it is, what is wrong, and the kind of problem it is (for grouping).

    Without a ``kind``, the message stands for it with its quoted values left out, so
    "'x' is not a date" and "'y' is not a date" are one kind.
    """

    file: str
    line: int | None
    column: str | None
    message: str
    kind: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"

    @property
    def group(self) -> str:
        return self.kind or _LINE.sub("line …", _QUOTED.sub("'…'", self.message))


@dataclass(frozen=True)
class ProblemGroup:
    """Problems of one kind in one column of one file: how many, and the first few."""

    file: str
    column: str | None
    kind: str
    count: int
    examples: tuple[Problem, ...]

    def __str__(self) -> str:
        where = f"{self.file}, column {self.column}" if self.column else self.file
        cells = "cell" if self.column else "problem"
        shown = "; ".join(_example(p) for p in self.examples)
        return f"{self.count} {cells}{'s' if self.count != 1 else ''} in {where}: {self.kind} (e.g. {shown})"


def _example(p: Problem) -> str:
    """One problem of a group, shortened to what differs: its line and quoted values, or its message."""
    detail = ", ".join(_QUOTED.findall(p.message)) if p.kind is None else ""
    return (f"line {p.line}: " if p.line is not None else "") + (detail or p.message)


def group_problems(problems: list[Problem], examples: int = 2) -> list[ProblemGroup]:
    """Problems grouped by file, column and kind, the largest group first (ties in order of appearance)."""
    groups: dict[tuple, list[Problem]] = {}
    for p in problems:
        groups.setdefault((p.file, p.column, p.group), []).append(p)
    out = []
    for (f, c, k), ps in groups.items():
        unlike: dict[str, Problem] = {}  # examples that differ, when there are such
        for p in ps:
            unlike.setdefault(_example(p).partition(": ")[2] or p.message, p)
            if len(unlike) == examples:
                break
        out.append(ProblemGroup(f, c, k, len(ps), tuple(unlike.values())))
    return sorted(out, key=lambda g: -g.count)


@dataclass
class Problems:
    """Collects every problem (up to ``keep``, counting past it); a report lists the first ``cap``."""

    cap: int = DEFAULT_CAP
    items: list[Problem] = field(default_factory=list)
    total: int = 0
    keep: int = DEFAULT_KEEP

    def add(self, file: str, line: int | None, column: str | None, message: str, kind: str | None = None) -> None:
        self.total += 1
        if len(self.items) < self.keep:
            self.items.append(Problem(file, line, column, mask_identifiers(message), kind))

    @property
    def full(self) -> bool:
        """No more problems are kept (they are still counted)."""
        return len(self.items) >= self.keep

    def __bool__(self) -> bool:
        return self.total > 0

    def raise_if_any(self) -> None:
        """Raise a :class:`DatasetError` of the problems, in order of file and line, if there are any."""
        if self.total:
            files = {f: i for i, f in enumerate(dict.fromkeys(p.file for p in self.items))}
            ordered = sorted(self.items, key=lambda p: (files[p.file], p.line or 0))
            raise DatasetError(ordered, self.total, shown=self.cap)


class LianjieError(Exception):
    """An error a user can cause and fix; the CLI prints it as one clear message."""


class DatasetError(LianjieError):
    """A dataset failed validation; nothing was written.

    ``problems`` holds every problem found (up to :data:`DEFAULT_KEEP`; ``total`` counts
    them all), ``groups()`` the same grouped by kind, and the message the first few and
    the count.

    Examples
    --------
    >>> error = DatasetError([Problem("links.csv", 2, "6 (开始)", "'2019.13' is not a date")] * 3)
    >>> print(error)
    3 problems in the dataset; nothing was loaded: links.csv, line 2, column 6 (开始): '2019.13' is not a date; ...
    >>> print(error.groups()[0])
    3 cells in links.csv, column 6 (开始): '…' is not a date (e.g. line 2: '2019.13')
    """

    def __init__(self, problems: list[Problem], total: int | None = None, shown: int = DEFAULT_CAP) -> None:
        self.problems = list(problems)
        self.total = len(self.problems) if total is None else total
        #: How many problems a report lists one by one.
        self.shown = shown
        super().__init__(self.message())

    def summary(self) -> str:
        n = self.total
        return f"{n} problem{'s' if n != 1 else ''} in the dataset; nothing was loaded"

    def message(self) -> str:
        """The summary, the first problems and how many more there are."""
        first = "; ".join(str(p) for p in self.problems[:IN_MESSAGE])
        more = self.total - min(IN_MESSAGE, len(self.problems))
        return f"{self.summary()}: {first}" + (f" ... and {more} more" if more else "")

    def groups(self) -> list[ProblemGroup]:
        return group_problems(self.problems)

    def report(self, first: int | None = None) -> str:
        """The problems by kind with examples, then the ``first`` ones (default :attr:`shown`) one by one,
        then the summary."""
        first = self.shown if first is None else first
        lines = []
        groups = self.groups()
        if len(groups) > 1 or (groups and groups[0].count > 1):
            lines.append("By kind:")
            lines += [f"  {g}" for g in groups]
            lines.append("First problems:" if self.total > 1 else "The problem:")
        lines += [str(p) for p in self.problems[:first]]
        if self.total > min(first, len(self.problems)):
            lines.append(f"... and {self.total - min(first, len(self.problems))} more")
        lines.append(self.summary())
        return "\n".join(lines)


class StoreError(LianjieError):
    """The store cannot do what was asked (missing, unreachable, refused)."""


class StoreBusyError(StoreError):
    """Another command reads or writes the store, and it stayed busy for as long as we waited."""


class ReadOnlyError(StoreError):
    """A write was attempted through a read-only session."""
