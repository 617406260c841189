"""A quantity in SI units, so that "250 hp" and "186 kW" compare in one query.

Apart from the grammar: the claim extractor converts the quantities it keeps, and the grammar
never needs SI values to read one.
"""

from __future__ import annotations

from pipeline.quantities.quantity import Quantity
from pipeline.quantities.unit_data import to_si, unit_info


def in_si_units(quantity: Quantity) -> tuple[float | None, float | None, float | None,
                                             str | None]:
    """(si_value, si_low, si_high, si_unit): a physical quantity in SI units, so that "250 hp"
    and "186 kW" compare in one query; all None without a physical unit."""
    values = [to_si(number, quantity.unit, quantity.dimension)
              for number in (quantity.value, quantity.low, quantity.high)]
    if all(value is None for value in values):
        return None, None, None, None
    info = unit_info(quantity.unit)
    return values[0], values[1], values[2], info.si_unit if info is not None else None
