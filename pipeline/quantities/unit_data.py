"""The units and currencies of `data/`, and what each measures.

Loads units.tsv, dimensions.tsv, currency_names.tsv, rate_nouns.tsv and the "not a currency
code" words once, and answers what a unit code (or a currency, or a rate of them) measures and
how its values convert to SI units. It knows nothing of how units are written: that is
`unit_forms`; everything above it in the package reads these tables from here.
"""

from __future__ import annotations

import math
from functools import cache
from typing import NamedTuple

from pipeline.quantities.tables import read_table


class UnitInfo(NamedTuple):
    """What a unit code measures and how to convert its values to SI units."""

    code: str
    dimension: str
    si_unit: str | None
    si_factor: float | None
    si_offset: float = 0.0


def _load_units() -> dict[str, UnitInfo]:
    """units.tsv by code, each with the SI unit of its dimension."""
    si_units = {row["dimension"]: row["si_unit"] or None for row in read_table("dimensions.tsv")}
    units = {}
    for row in read_table("units.tsv"):
        factor = float(row["si_factor"]) if row["si_factor"] else None
        units[row["code"]] = UnitInfo(row["code"], row["dimension"], si_units[row["dimension"]],
                                      factor, float(row["si_offset"] or 0))
    return units


UNITS = _load_units()
DIMENSIONS = {row["dimension"] for row in read_table("dimensions.tsv")}
# Named dimensions of rates: (numerator's, denominator's) -> name, e.g. length/duration -> speed.
_RATE_DIMENSIONS = {tuple(row["rate_of"].split("/")): row["dimension"]
                    for row in read_table("dimensions.tsv") if row["rate_of"]}
CURRENCY_NAMES = read_table("currency_names.tsv")
ISO_CODES = {row["code"] for row in CURRENCY_NAMES}
# Codes that are also English words in capitals ("ALL 5 solutions"): only with a currency sign.
NOT_CURRENCY_CODES = {row["word"].upper() for row in read_table("context_words.tsv")
                      if row["rule"] == "not_currency_code"}
RATE_NOUNS = {row["noun"]: row["code"] for row in read_table("rate_nouns.tsv")}


@cache
def unit_info(code: str) -> UnitInfo | None:
    """The dimension and SI conversion of a unit code, a currency or a rate ("USD/barrel",
    "barrel/day"); None for a code that is none of these."""
    if code in UNITS:
        return UNITS[code]
    if code in ISO_CODES:
        return UnitInfo(code, "currency", None, None)
    numerator, slash, denominator = code.rpartition("/")
    if not slash:
        return None
    top = unit_info(numerator)
    bottom = unit_info(denominator) or (
        UnitInfo(denominator, "count", None, None) if denominator in RATE_NOUNS.values() else None
    )
    if top is None or bottom is None:
        return None
    dimension = _RATE_DIMENSIONS.get((top.dimension, bottom.dimension),
                                     f"{top.dimension}/{bottom.dimension}")
    if top.si_factor is None or bottom.si_factor is None or top.si_offset or bottom.si_offset:
        return UnitInfo(code, dimension, None, None)
    return UnitInfo(code, dimension, f"{top.si_unit}/{bottom.si_unit}",
                    top.si_factor / bottom.si_factor)


def to_si(value: float | None, code: str, dimension: str | None = None) -> float | None:
    """`value` of unit `code` in the SI unit of its dimension; None without a physical unit
    (money, shares, counts) or when the dimension is overridden to one without a scale (a
    temperature in "degrees")."""
    info = unit_info(code)
    if value is None or info is None or info.si_factor is None:
        return None
    if dimension is not None and dimension != info.dimension and dimension != "age":
        return None
    converted = value * info.si_factor + info.si_offset
    if not math.isfinite(converted):  # beyond a float: no SI value rather than Infinity
        return None
    # ten significant digits: stable output, and "3 nm" is not rounded away to 0 m
    return float(f"{converted:.10g}")
