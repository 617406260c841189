"""What the quantity grammar produces: a `Quantity`, the `Reading` that says which words it
spans, and `clean`, which makes the same number always print the same way.

Kept apart from the grammar so that its parts (`grammar`, `ranges`, `parsing`, `si_units`) and
the claim extractor share these types without importing one another.
"""

from __future__ import annotations

from typing import NamedTuple

from pipeline.quantities.qualifiers import Bound


class Quantity(NamedTuple):
    """A parsed quantity: `value` for one number, `low`/`high` for a range or the known side of
    a vague amount; `unit` a code of data/units.tsv, an ISO 4217 code or a rate of them."""

    value: float | int | None
    low: float | int | None
    high: float | int | None
    unit: str
    unit_text: str | None
    bound: Bound = "exact"
    change: str | None = None
    dimension: str = "count"


class Reading(NamedTuple):
    """A quantity read from words: the quantity, the words it spans, and the words of a
    qualifier written after it ("or so"), which belong to its bound but not to its span."""

    quantity: Quantity
    used: int
    trailing: int = 0


def clean(number: float) -> float | int:
    """Integral values as int, others rounded (to 4 decimals, or 6 significant digits below a
    hundredth): the same number always prints the same way."""
    if number == int(number) and abs(number) < 1e18:
        return int(number)
    if abs(number) >= 0.01:
        return round(number, 4)
    return float(f"{number:.6g}")
