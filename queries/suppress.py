"""Small-count suppression for tables that leave the research team.

A count of one or two households in a village can point at a family. Published
tables therefore often hide counts below a threshold; a rate or gap computed from a
hidden count would reveal it, so those go too. Zero stays visible: it names nobody.
"""

from __future__ import annotations

from collections.abc import Sequence


def suppress(rows: list[dict], counts: Sequence[str], below: int, dependent: Sequence[str] = ()) -> list[dict]:
    """Copies of ``rows`` with counts from 1 to ``below - 1`` set to ``None``.

    Fields in ``dependent`` (rates, shares, gaps) are set to ``None`` in every row
    where any count was hidden. ``below`` of 0 or 1 hides nothing.

    Examples
    --------
    >>> suppress([{"area": "v1", "poor": 3, "covered": 2, "rate": 0.67}], ["poor", "covered"], 5, ["rate"])
    [{'area': 'v1', 'poor': None, 'covered': None, 'rate': None}]
    >>> suppress([{"area": "v2", "poor": 40, "covered": 0, "rate": 0.0}], ["poor", "covered"], 5, ["rate"])
    [{'area': 'v2', 'poor': 40, 'covered': 0, 'rate': 0.0}]
    """
    if below <= 1:
        return [dict(row) for row in rows]
    out = []
    for row in rows:
        row = dict(row)
        hidden = [name for name in counts if row.get(name) is not None and 0 < row[name] < below]
        for name in hidden:
            row[name] = None
        if hidden:
            row.update(dict.fromkeys(dependent))
        out.append(row)
    return out
