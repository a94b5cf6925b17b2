"""Errors a user can cause and fix, and the problems of a dataset (file, line, column, what was expected)."""

from __future__ import annotations

from dataclasses import dataclass, field

#: How many problems a failed load lists before it only counts the rest.
DEFAULT_CAP = 50


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


@dataclass
class Problems:
    """Collects problems up to a cap and keeps counting past it."""

    cap: int = DEFAULT_CAP
    items: list[Problem] = field(default_factory=list)
    total: int = 0

    def add(self, file: str, line: int | None, column: str | None, message: str) -> None:
        self.total += 1
        if len(self.items) < self.cap:
            self.items.append(Problem(file, line, column, message))

    @property
    def full(self) -> bool:
        return len(self.items) >= self.cap

    def __bool__(self) -> bool:
        return self.total > 0

    def raise_if_any(self) -> None:
        if self.total:
            raise DatasetError(self.items, self.total)


class LianjieError(Exception):
    """An error a user can cause and fix; the CLI prints it as one clear message."""


class DatasetError(LianjieError):
    """A dataset failed validation; nothing was written."""

    def __init__(self, problems: list[Problem], total: int | None = None) -> None:
        self.problems = list(problems)
        self.total = len(self.problems) if total is None else total
        super().__init__(self.summary())

    def summary(self) -> str:
        n = self.total
        return f"{n} problem{'s' if n != 1 else ''} in the dataset; nothing was loaded"

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        if self.total > len(self.problems):
            lines.append(f"... and {self.total - len(self.problems)} more")
        lines.append(self.summary())
        return "\n".join(lines)


class StoreError(LianjieError):
    """The store cannot do what was asked (missing, unreachable, refused)."""


class StoreBusyError(StoreError):
    """Another command reads or writes the store, and it stayed busy for as long as we waited."""


class ReadOnlyError(StoreError):
    """A write was attempted through a read-only session."""
