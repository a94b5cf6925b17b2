"""Building blocks of the synthetic roster: rows, exact totals and weighted picks, all deterministic.

Every row a :class:`Roster` makes is marked ``synthetic``. Randomness comes only from the
``random.Random`` passed in, so one seed gives one roster.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

#: Causes of poverty (codes of the PovertyCause codelist) and their weights in the roster.
CAUSES = {
    "illness": 30,
    "lack_skills": 18,
    "lack_funds": 14,
    "lack_labour": 10,
    "disability": 9,
    "education": 7,
    "lack_land": 3,
    "disaster": 3,
    "poor_transport": 2,
    "low_motivation": 2,
    "lack_water": 1,
    "other": 1,
}


def split_total(rng: random.Random, total: int, n: int, low: int, high: int) -> list[int]:
    """``n`` whole numbers in ``[low, high]`` that add up to exactly ``total``.

    Examples
    --------
    >>> parts = split_total(random.Random(1), 100, 7, 5, 30)
    >>> sum(parts), len(parts), min(parts) >= 5, max(parts) <= 30
    (100, 7, True, True)
    """
    spread = [rng.random() for _ in range(n)]
    scale = (total - n * low) / (sum(spread) or 1)
    return adjust(rng, [low + min(high - low, round(s * scale)) for s in spread], total, low, high)


def adjust(rng: random.Random, parts: list[int], total: int, low: int, high: int) -> list[int]:
    """Add or take 1 from randomly chosen parts, kept in ``[low, high]``, until they add up to ``total``."""
    n = len(parts)
    if not n * low <= total <= n * high:
        raise ValueError(f"{n} parts in [{low}, {high}] cannot add up to {total}")
    diff = total - sum(parts)
    while diff:
        i = rng.randrange(n)
        step = 1 if diff > 0 else -1
        if low <= parts[i] + step <= high:
            parts[i] += step
            diff -= step
    return parts


def priced(rng: random.Random, quantities: Sequence[int], total: int, jitter: float = 0.2) -> list[int]:
    """Whole-yuan amounts for ``quantities`` at a common price give or take ``jitter``, adding up to ``total``."""
    raw = [q * (1 + rng.uniform(-jitter, jitter)) for q in quantities]
    scale = total / sum(raw)
    amounts = [max(1, round(x * scale)) for x in raw]
    return adjust(rng, amounts, total, 1, max(amounts) + total)


def pick(rng: random.Random, pool: Sequence[str], k: int, weight: dict[str, float] | None = None) -> list[str]:
    """``k`` distinct items of ``pool``, more likely the heavier (weighted sampling without replacement)."""
    if k > len(pool):
        raise ValueError(f"cannot pick {k} of {len(pool)}")
    weight = weight or {}
    keyed = sorted(pool, key=lambda item: rng.random() ** (1.0 / weight.get(item, 1.0)), reverse=True)
    return keyed[:k]


@dataclass
class Roster:
    """Synthetic node and link rows, and how many programmes already reach each household."""

    rng: random.Random
    nodes: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)
    programmes: dict[str, int] = field(default_factory=dict)
    numbered: dict[str, int] = field(default_factory=dict)

    def node(self, ident: str, type_: str, **props) -> str:
        self.nodes.append({"id": ident, "type": type_, **props, "synthetic": True})
        return ident

    def link(self, source: str, target: str, type_: str, **props) -> None:
        self.links.append({"source": source, "target": target, "type": type_, **props, "synthetic": True})

    def households(
        self, prefix: str, village: str, count: int, sizes: list[int], exit_years: Sequence[int], poor: bool = True
    ) -> list[str]:
        """``count`` households of one village, numbered on from those already made with ``prefix``."""
        start = self.numbered.get(prefix, 0) + 1
        self.numbered[prefix] = start + count - 1
        made = []
        for i, size in zip(range(start, start + count), sizes):
            props = {"poor": poor, "status": "lifted" if poor else "general", "size": size, "village": village}
            if poor:
                props["cause"] = self.rng.choices(list(CAUSES), weights=list(CAUSES.values()))[0]
                props["exit_year"] = self.rng.choice(exit_years)
            made.append(self.node(f"{prefix}{i:05d}", "Household", **props))
            self.programmes[made[-1]] = 0
        return made

    def preferring_unreached(self, pool: Sequence[str], k: int) -> list[str]:
        """Pick ``k`` households of ``pool``, much more likely those fewer programmes reach; count them as reached."""
        weight = {h: (6.0, 2.0, 1.0)[min(self.programmes[h], 2)] for h in pool}
        chosen = pick(self.rng, pool, k, weight)
        self.reached(chosen)
        return chosen

    def reached(self, households: Sequence[str]) -> None:
        for h in households:
            self.programmes[h] += 1

    def deliveries(
        self,
        households: Sequence[str],
        target: str | Sequence[str],
        type_: str,
        quantity: tuple[int, int, int] | None = None,
        amount: int | tuple[int, int, int] | None = None,
        **props,
    ) -> None:
        """One link from each household to ``target`` (or to the target at the same position).

        ``quantity=(total, low, high)`` makes the quantities add up to exactly ``total``, each in
        ``[low, high]``; ``amount=total`` then prices them at a common price give or take 20 %,
        adding up to exactly ``total``; ``amount=(total, low, high)`` without quantities splits the
        amount alone.
        """
        n = len(households)
        quantities = split_total(self.rng, *quantity[:1], n, *quantity[1:]) if quantity else [None] * n
        if amount is None:
            amounts = [None] * n
        elif isinstance(amount, tuple):
            amounts = split_total(self.rng, amount[0], n, amount[1], amount[2])
        else:
            amounts = priced(self.rng, quantities, amount)
        targets = [target] * n if isinstance(target, str) else list(target)
        for h, to, q, a in zip(households, targets, quantities, amounts):
            extra = {k: v for k, v in (("quantity", q), ("amount", a)) if v is not None}
            self.link(h, to, type_, **props, **extra)
