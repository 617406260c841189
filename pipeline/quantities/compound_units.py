"""What can follow a unit and make a compound of it: a rate ("$68 a barrel", "20,000 tonnes a
year", "2.4 billion gallons of jet fuel a year") or smaller units of one amount ("3 dollars 50
cents", "5 feet 2 inches").

Both start once an amount has its unit (`amounts.read_amount` calls them) and only extend it,
so they are kept out of the amount grammar itself.
"""

from __future__ import annotations

from pipeline.quantities.context_rules import CONTEXT_WORDS, Context
from pipeline.quantities.numbers import NUMBER_WORDS, read_number
from pipeline.quantities.unit_data import RATE_NOUNS, unit_info
from pipeline.quantities.units import Choice, match_unit
from pipeline.quantities.words import Word, lower_at

RATE_CONNECTORS = {"per", "a", "an", "/", "each"}
# The most words between a unit and a rate's time written after what is measured: "2 million
# barrels of crude oil a day" is barrel/day.
_RATE_GAP_WORDS = 4
# Dimensions that are never the numerator of a rate: "5% a year" stays a percent.
_NOT_RATES = {"percent", "count", "factor", "duration", "age"}


def read_rate(words: list[Word], index: int, unit: Choice,
              context: Context) -> tuple[Choice, int]:
    """"$68 a barrel", "$950 per square foot", "20,000 tonnes a year", "$1.40 a share", "a
    $70-a-share offer". Returns the unit, a rate or as it was, and the index after it."""
    if unit.dimension in _NOT_RATES or "/" in unit.code:
        return unit, index
    if lower_at(words, index) == "of":
        return _detached_rate(words, index, unit, context), index
    connector_at = index
    hyphenated = lower_at(words, index) == "-" and lower_at(words, index + 2) == "-"
    if hyphenated:  # "$70-a-share"
        connector_at = index + 1
    connector = lower_at(words, connector_at)
    if connector not in RATE_CONNECTORS or (hyphenated and connector not in {"a", "an", "per"}) \
            or (connector == "/" and not words[connector_at].attached):
        return unit, index
    denominator_at = connector_at + 1 + hyphenated
    denominator = match_unit(words, denominator_at, "after", context=context)
    if denominator is None and lower_at(words, denominator_at) in RATE_NOUNS:
        denominator = Choice(RATE_NOUNS[lower_at(words, denominator_at)], "count", "unit", 1.0, 1,
                             words[denominator_at].text)
    if denominator is None or denominator.kind == "currency":
        return unit, index
    end = denominator_at + denominator.used
    code = f"{unit.code}/{denominator.code}"
    info = unit_info(code)
    if info is None or lower_at(words, end) in CONTEXT_WORDS["time_after"]:
        return unit, index  # "$5 billion a decade ago" is no rate
    connector_text = words[connector_at].text
    text = f"{unit.text}{connector_text}{denominator.text}" if connector == "/" else (
        f"{unit.text} {connector_text} {denominator.text}")
    return Choice(code, info.dimension, unit.kind, 1.0, 0, text), end


def _detached_rate(words: list[Word], index: int, unit: Choice, context: Context) -> Choice:
    """A rate whose time is written after what is measured: "2.4 billion gallons of jet fuel
    a year" is gal/year. The quantity's words stay "2.4 billion gallons"."""
    position = index + 1
    while position < len(words) and position - index <= _RATE_GAP_WORDS and (
        words[position].text.isalpha() and lower_at(words, position) not in RATE_CONNECTORS
    ):
        position += 1
    if position == index + 1 or lower_at(words, position) not in {"a", "an", "per"}:
        return unit
    period = match_unit(words, position + 1, "after", context=context)
    if period is None or period.dimension != "duration" or (
        lower_at(words, position + 1 + period.used) in CONTEXT_WORDS["time_after"]
    ):
        return unit
    code = f"{unit.code}/{period.code}"
    info = unit_info(code)
    return unit if info is None else Choice(code, info.dimension, unit.kind, 1.0, 0, unit.text)


def add_smaller_units(words: list[Word], index: int, value: float, unit: Choice,
                      context: Context, after_between: bool) -> tuple[float, int]:
    """One amount written in units that get smaller: "3 dollars 50 cents" is 3.5 dollars,
    "5 feet 2 inches" 5.17 feet, "3 years, 2 months and 14 days" 3.2 years. After "between",
    "and" joins a range instead."""
    while True:
        added = _add_smaller_unit(words, index, value, unit, context, after_between)
        if added is None:
            return value, index
        value, index = added


def _add_smaller_unit(words: list[Word], index: int, value: float, unit: Choice,
                      context: Context, after_between: bool) -> tuple[float, int] | None:
    """The value with one smaller unit added and the index after it; None when none follows."""
    following = lower_at(words, index)
    if not (following[:1].isdecimal() or following in NUMBER_WORDS or following in {",", "and"}):
        return None  # the common case, decided before reading anything
    position = index
    if lower_at(words, position) == ",":
        position += 1
    if lower_at(words, position) == "and":
        if after_between:
            return None
        position += 1
    number = read_number(words, position)
    if number is None or number.is_share:
        return None
    smaller = match_unit(words, position + number.used, "after", context=context)
    if smaller is None:
        following = lower_at(words, position + number.used)
        if unit.kind == "currency" and position == index and 0 < number.value < 100 and (
            float(number.value).is_integer()
            and not (following[:1].isalnum() and following not in {"more", "less"})
        ):
            return value + number.value / 100, position + number.used  # "15 dollars 50"
        return None
    end = position + number.used + smaller.used
    if unit.kind == "currency" and smaller.code == unit.code and smaller.factor < 1 <= unit.factor:
        return value + number.value * smaller.factor, end
    larger_info, smaller_info = unit_info(unit.code), unit_info(smaller.code)
    if smaller.dimension == unit.dimension and larger_info is not None and (
        smaller_info is not None and larger_info.si_factor and smaller_info.si_factor
        and not larger_info.si_offset and smaller_info.si_factor < larger_info.si_factor
    ):
        return value + number.value * smaller_info.si_factor / larger_info.si_factor, end
    return None
