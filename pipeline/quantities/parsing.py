"""The quantity grammar: from words to a value, a range, a unit and what it measures.

`read_quantity(words, index)` reads the quantity that starts at `words[index]` and says how many
words it took; the claim extractor's span scanner calls it at every place a quantity may start,
and `parse_quantity(text)` calls it on a whole phrase, so the two can never disagree. It reads,
in order: a change by a multiple ("doubled"), a multiple ("twofold"), a vague amount ("billions
of dollars"), or an amount — currency, number, scale, unit, rate ("$68 a barrel"), age
("43-year-old") — and a second amount when the first opens a range ("10-15%", "$3-4 billion").
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

from pipeline.quantities.numbers import (
    FACTOR_VERBS,
    FOLD_WORDS,
    MINUS_SIGNS,
    MONEY_ONLY_ABBREVIATIONS,
    NUMBER_WORDS,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    VAGUE_SCALES,
    VULGAR_FRACTIONS,
    read_number,
)
from pipeline.quantities.qualifiers import (
    FILLERS,
    MAX_QUALIFIER_WORDS,
    Bound,
    leading_bound,
    qualifier_length,
    trailing_bound,
)
from pipeline.quantities.units import (
    CONTEXT_WORDS,
    ISO_CODES,
    NO_CONTEXT,
    RATE_NOUNS,
    Choice,
    Context,
    after_form_first_words,
    match_unit,
    to_si,
    unit_info,
)
from pipeline.quantities.words import Word, split_words

RANGE_SEPARATORS = {"-", "–", "—", "to", "or", "through", "~"}
RATE_CONNECTORS = {"per", "a", "an", "/", "each"}
_BRACKETS = {"(": ")", "[": "]", "{": "}", "<": ">"}
# The most words between a unit and a rate's time written after what is measured: "2 million
# barrels of crude oil a day" is barrel/day.
_RATE_GAP_WORDS = 4
AGE_WORDS_BEFORE = {"aged", "age", "ages"}
# Dimensions that are never the numerator of a rate: "5% a year" stays a percent.
_NOT_RATES = {"percent", "count", "factor", "duration", "age"}
# Words that, written before a number with its unit, make "X to Y" a change and a new level.
_CHANGE_FROM = {"by"}
# Words that can add to a number written before them (`_may_follow_a_number`).
_AFTER_NUMBER_WORDS = after_form_first_words() | set(SCALE_ABBREVIATIONS) | set(_BRACKETS) | {
    "-", "of", "yo"}


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


class _Amount(NamedTuple):
    """One side of a quantity: number, scale and unit as read."""

    number: float
    scale: float
    unit: Choice | None
    is_share: bool
    used: int
    is_age: bool = False


def _lower(words: list[Word], index: int) -> str:
    return words[index].lower if 0 <= index < len(words) else ""


def clean(number: float) -> float | int:
    """Integral values as int, others rounded (to 4 decimals, or 6 significant digits below a
    hundredth): the same number always prints the same way."""
    if number == int(number) and abs(number) < 1e18:
        return int(number)
    if abs(number) >= 0.01:
        return round(number, 4)
    return float(f"{number:.6g}")


def read_quantity(words: list[Word], index: int, context: Context = NO_CONTEXT,
                  after_change: bool = False) -> Reading | None:
    """Read the quantity starting at `words[index]`; None when none starts there. The word
    before it (and its qualifier), when given, is read too: "between" lets "and" join a range,
    "aged" makes an age, "by" makes "X% to Y%" a change and a new level. `after_change` says a
    change word governs the
    quantity ("rose 4p to 245p", "up from 5% to 7%"): then "X to Y" with the unit written twice
    is also a change and a level, as is "rose from 2 to 3", while "rose 10 to 15 percent" stays
    a range."""
    word = _lower(words, index)
    if word in FACTOR_VERBS:
        factor, direction = FACTOR_VERBS[word]
        quantity = Quantity(clean(factor), None, None, "factor", words[index].text,
                            change=direction, dimension="factor")
        return Reading(quantity, 1)
    fold = _read_fold(words, index)
    if fold is not None:
        return fold
    vague = _read_vague(words, index, context)
    if vague is not None:
        return vague
    return _read_amount_or_range(words, index, context, after_change)


def _read_fold(words: list[Word], index: int) -> Reading | None:
    """"twofold", "two-fold", "3-fold", "twice"."""
    word = _lower(words, index)
    if word in FOLD_WORDS:
        return Reading(Quantity(clean(FOLD_WORDS[word]), None, None, "factor", words[index].text,
                                dimension="factor"), 1)
    if _lower(words, index + 1) != "-" or _lower(words, index + 2) != "fold":
        return None  # "3-fold", "two-fold": a one-word number, a hyphen, "fold"
    number = read_number(words, index)
    if number is not None and _lower(words, index + number.used) == "-" and (
        _lower(words, index + number.used + 1) == "fold"
    ):
        used = number.used + 2
        text = "".join(word.text for word in words[index:index + used])
        return Reading(Quantity(clean(number.value), None, None, "factor", text,
                                dimension="factor"), used)
    return None


def _read_vague(words: list[Word], index: int, context: Context) -> Reading | None:
    """"billions of dollars", "tens of thousands", "multi-billion dollar": `low` is the least
    amount the words guarantee (two of the largest scale), the bound at_least."""
    word = _lower(words, index)
    if word in {"multibillion", "multimillion"}:
        amount, position = 2 * SCALE_WORDS[word[5:]], index + 1
    elif word == "multi" and _lower(words, index + 1) == "-" and (
        _lower(words, index + 2) in SCALE_WORDS
    ):
        amount, position = 2 * SCALE_WORDS[_lower(words, index + 2)], index + 3
    elif word in VAGUE_SCALES and (word != "tens" or _lower(words, index + 1) == "of"):
        amount, position = 2.0, index
        while _lower(words, position) in VAGUE_SCALES:  # "hundreds of millions of"
            amount *= VAGUE_SCALES[_lower(words, position)]
            position += 2 if _lower(words, position + 1) == "of" and (
                _lower(words, position + 2) in VAGUE_SCALES) else 1
    else:
        return None
    if _lower(words, position) == "-":
        position += 1  # "multi-billion-dollar"
    unit_at = position + 1 if _lower(words, position) == "of" else position
    unit = match_unit(words, unit_at, "after", scale=amount, context=context)
    if unit is None:
        return Reading(Quantity(None, clean(amount), None, "count", None, "at_least"),
                       position - index)
    quantity = Quantity(None, clean(amount), None, unit.code, unit.text, "at_least",
                        dimension=unit.dimension)
    return Reading(quantity, unit_at + unit.used - index)


def _read_amount_or_range(words: list[Word], index: int, context: Context,
                          after_change: bool) -> Reading | None:
    left = _read_amount(words, index, context)
    if left is None:
        return None
    end = index + left.used
    previous = _word_before_qualifier(words, index)
    separator, right_start = _lower(words, end), end + 1
    if separator == "-" and _lower(words, end + 1) in {"to", "and", "or"}:
        separator, right_start = _lower(words, end + 1), end + 2  # "8- to 16-meter"
    # "X to Y" is a range when the unit is written once ("fell by 5 to 7 percent"); with a
    # unit on both sides after "by" or a change word it is a change and a new level ("cut by
    # 0.5 pp to 14.75%", "rose 4p to 245p"), as after a "from" that a change word governs
    joins = separator in RANGE_SEPARATORS - {"to"} or (
        separator == "to" and not (previous in _CHANGE_FROM and left.unit is not None)
        and not (after_change and (left.unit is not None or previous == "from"))
    ) or (separator == "and" and previous == "between")
    by_range = separator == "to" and previous in _CHANGE_FROM
    right = None
    if joins and not (separator == "to" and _is_year(words, index, left)):
        right = _read_amount(words, right_start, context, is_money=_is_money(left))
        if right is not None and not _sides_agree(left, right, tight=separator != "to"):
            right = None
        if right is not None and by_range and left.scale == 1.0 and (
            left.number > right.number
        ):  # "fell by 531,700 to 124.4 million": a change and the new level
            right = None
        if right is not None and _is_code(words, index, right_start + right.used):
            return None
        if right is not None and _is_tally(left, right, separator):
            return None  # "passed 52-48", "won 3-1": a vote or a score, not a range
    if right is None:
        left = _with_unit_of_coordinate(words, index + left.used, left, context)
        quantity = _single(left, previous)
        if quantity.dimension == "percent" and _lower(words, index) in {"+", *MINUS_SIGNS}:
            # "Nikkei -0.9%", "+1.2%": a signed share is a move, as market reports write one
            quantity = quantity._replace(
                change="increase" if _lower(words, index) == "+" else "decrease")
        return _with_trailing(words, index, Reading(quantity, left.used))
    used = right_start + right.used - index
    return _with_trailing(words, index, Reading(_range(left, right, previous), used))


def _word_before_qualifier(words: list[Word], index: int) -> str:
    """The word before a number and its qualifier: "aged" in "aged over 65", "by" in "by as
    much as 5"; the word just before it when there is no qualifier ("between", "from")."""
    preceding = [word.lower for word in words[max(0, index - MAX_QUALIFIER_WORDS):index]]
    return _lower(words, index - 1 - qualifier_length(preceding))


def _with_unit_of_coordinate(words: list[Word], end: int, amount: _Amount,
                             context: Context) -> _Amount:
    """"45 and 50 mg", "3 and 4 percent": a bare number coordinated with an amount that has a
    unit has that unit (the two stay two quantities; "between" makes a range instead)."""
    if amount.unit is not None or amount.is_share or _lower(words, end) not in {"and", "or"}:
        return amount
    other = _read_amount(words, end + 1, context)
    if other is None or other.unit is None or other.scale != amount.scale:
        return amount  # "2 and 3 million tonnes" does not say whether 2 is millions
    return amount._replace(unit=other.unit, is_age=other.is_age)


def _with_trailing(words: list[Word], index: int, reading: Reading) -> Reading:
    """A qualifier after the quantity: "30 or so", "500 or more", "5,000-plus"."""
    start = index + reading.used
    following = [word.lower for word in words[start:start + 3]]
    hyphen = 1 if following[:2] == ["-", "plus"] else 0
    bound, length = trailing_bound(following[hyphen:])
    if not length:
        return reading
    return Reading(reading.quantity._replace(bound=bound), reading.used, hyphen + length)


def _is_year(words: list[Word], index: int, amount: _Amount) -> bool:
    """"in 2023 to $28 billion": a year on its own opens no range with "to"."""
    text = words[index].text
    return amount.used == 1 and amount.unit is None and len(text) == 4 and text.isdecimal() and (
        1000 <= int(text) <= 2100
    )


def _is_code(words: list[Word], start: int, end: int) -> bool:
    """Digit groups joined by hyphens or slashes three times or more, or after a "+", are a
    phone number, a date or a code, not a range: "+1-222-2222", "2024-05-17"."""
    previous = _lower(words, start - 1)
    if previous == "+" and words[start].attached:
        return True
    if previous in {"-", "/"} and words[start].attached and start >= 2 and (
        words[start - 1].attached and words[start - 2].text[0].isdecimal()
    ):  # the last groups of "555-0147" in "202-555-0147"
        return True
    following = _lower(words, end)
    return following in {"-", "/"} and end + 1 < len(words) and words[end].attached and (
        words[end + 1].attached and words[end + 1].text[0].isdecimal())


def _is_tally(left: _Amount, right: _Amount, separator: str) -> bool:
    """Two bare numbers joined by a dash, the larger first: ranges are written from low to
    high, votes and scores are not."""
    return separator in {"-", "–", "—"} and left.unit is None and right.unit is None and (
        left.scale == right.scale == 1.0 and left.number > right.number)


def _is_money(amount: _Amount) -> bool:
    return amount.unit is not None and amount.unit.kind == "currency"


def _sides_agree(left: _Amount, right: _Amount, tight: bool) -> bool:
    """Ranges join like with like: "10 to 15 percent", "$3-4 billion", "$1.2bn-1.5bn"; not
    "12% to $5 billion" or "11 percent to 19.3 million"."""
    if left.unit is None or (right.unit is not None and left.unit.code == right.unit.code):
        return True
    if right.unit is not None and right.unit.code.split("/")[0] == left.unit.code:
        return True  # "$82 and $85 a barrel": the rate written once
    return right.unit is None and tight  # "$1.2bn-1.5bn": the currency written once


def _read_amount(words: list[Word], index: int, context: Context,
                 is_money: bool = False) -> _Amount | None:
    """[sign] [currency] number [scale] [unit] [rate], as one side of a quantity."""
    position = index
    sign = 1.0
    if _lower(words, position) in MINUS_SIGNS and _prefix_at(words, position + 1, context):
        sign, position = -1.0, position + 1  # "-$5m"
    prefix = None if _lower(words, position)[:1].isdecimal() else _prefix_at(words, position,
                                                                              context)
    if prefix is not None:
        position += prefix.used
    number = read_number(words, position)
    if number is None:
        return None
    position += number.used
    if prefix is None and not is_money and not _may_follow_a_number(words, position):
        # nothing after the number can add to it ("45 people", "in 2019,"): the common case
        return _Amount(sign * number.value / number.scale, number.scale, None, number.is_share,
                       position - index)
    prefix_scale = prefix.factor if prefix is not None else 1.0  # "MUSD": millions
    unit = prefix
    money = prefix is not None or is_money
    scale, position = _read_scale(words, position, prefix_scale, money or _money_follows(
        words, position, context))
    # the number without its scale words: "4 billion" is 4 at a scale of a billion
    value = sign * number.value / number.scale
    scale *= number.scale
    is_share = number.is_share and scale == 1.0
    if number.is_share and scale != 1.0:
        value, is_share = value / 100, False  # "two thirds of a million": a part of the scale
    if is_share and _lower(words, position) == "of" and _lower(words, position + 1) in {"a", "an"}:
        unit_after = match_unit(words, position + 2, "after", context=context)
        if unit_after is not None:  # "a quarter of a percentage point" is 0.25 points
            return _Amount(value / 100, scale, unit_after, False,
                           position + 2 + unit_after.used - index)
    written_fraction = _is_fraction(words, index, position)
    if prefix is None:
        unit_at = position + 1 if _lower(words, position) == "-" and words[position].attached \
            else position
        choice = match_unit(words, unit_at, "after", is_money=money, scale=scale,
                            after_fraction=written_fraction, context=context)
        closing = 0
        if choice is None and _lower(words, unit_at) in _BRACKETS:  # "20 (kg)", "20 [kg]"
            choice = match_unit(words, unit_at + 1, "after", context=context)
            closer = _BRACKETS[_lower(words, unit_at)]
            if choice is not None and _lower(words, unit_at + 1 + choice.used) == closer:
                unit_at, closing = unit_at + 1, 1
            else:
                choice = None
        if choice is not None and is_share and not written_fraction and (
            _lower(words, unit_at + choice.used) == "-"
        ):  # "one-third year-on-year" is a third, not a third of a year
            choice = None
        if choice is not None:
            unit, position = choice, unit_at + choice.used + closing
            if is_share:  # "3/4 cup", "½ teaspoon": a fraction of the unit, not a share
                value, is_share = value / 100, False
            value = value * choice.factor
            if choice.kind == "currency" and scale == 1.0:  # "75 USD million"
                scale, position = _read_scale(words, position, 1.0, True)
                if SCALE_WORDS.get(_lower(words, position), 0) >= 1000:
                    scale, position = scale * SCALE_WORDS[_lower(words, position)], position + 1
            if scale == 1.0:
                value, position = _add_smaller_units(words, position, value, choice, context,
                                                     _lower(words, index - 1) == "between")
    is_age = False
    if unit is not None and unit.dimension == "duration":
        is_age, position = _read_age_words(words, position)
    elif unit is None and _lower(words, position) == "yo":
        unit = Choice("year", "age", "unit", 1.0, 1, words[position].text)
        is_age, position = True, position + 1
    if unit is not None:
        unit, position = _read_rate(words, position, unit, context)
    if not math.isfinite(value * scale):
        return None  # scales multiplied past any real amount ("1e300 trillion")
    return _Amount(value, scale, unit, is_share and unit is None, position - index, is_age)


def _may_follow_a_number(words: list[Word], index: int) -> bool:
    """Whether the word at `index` can add to the number before it: a scale, a unit or
    currency, a hyphen, a bracket, "of" ("a quarter of a point"), "yo"; or any word written
    against the number ("45m2")."""
    if index >= len(words):
        return False
    word = words[index]
    return word.attached or word.lower in _AFTER_NUMBER_WORDS or word.text in SCALE_ABBREVIATIONS \
        or word.text in ISO_CODES or word.text[1:] in ISO_CODES


def _prefix_at(words: list[Word], index: int, context: Context) -> Choice | None:
    """A currency written before the number ("$", "HK$", "EUR", "RM"), and only one that a
    number follows."""
    choice = match_unit(words, index, "before", context=context)
    if choice is None or choice.kind != "currency":
        return None
    following = index + choice.used
    word = _lower(words, following)
    if word in MINUS_SIGNS:
        word = _lower(words, following + 1)
    return choice if word[:1].isdecimal() or word[:1] == "." or word in SCALE_WORDS or (
        read_number(words, following) is not None
    ) else None


def _money_follows(words: list[Word], index: int, context: Context) -> bool:
    """Whether a currency follows a short scale: "30 m euros", "5m dollars"."""
    word = _lower(words, index)
    if word not in MONEY_ONLY_ABBREVIATIONS:
        return False
    choice = match_unit(words, index + 1, "after", context=context)
    return choice is not None and choice.kind == "currency"


def _read_scale(words: list[Word], index: int, scale: float, is_money: bool) -> tuple[float, int]:
    """Short scales after a number ("1.2bn", "5k", "3mil", and "m" beside money), and a scale
    word after a hyphen ("$5-billion")."""
    if _lower(words, index) == "-" and SCALE_WORDS.get(_lower(words, index + 1), 0) >= 1000:
        return scale * SCALE_WORDS[_lower(words, index + 1)], index + 2
    while index < len(words):
        word = words[index]
        key = word.text if word.text in SCALE_ABBREVIATIONS else word.lower
        if key not in SCALE_ABBREVIATIONS or (key in MONEY_ONLY_ABBREVIATIONS and not is_money):
            break
        following = words[index + 1] if index + 1 < len(words) else None
        if following is not None and following.attached and following.text[0].isalnum():
            break  # "5km" is not 5k and "m"
        scale *= SCALE_ABBREVIATIONS[key]
        index += 1
    return scale, index


def _is_fraction(words: list[Word], start: int, end: int) -> bool:
    """Whether the words hold a fraction written with digits or a fraction sign ("3/4", "½")."""
    return any(word.text == "/" or word.text in VULGAR_FRACTIONS for word in words[start:end])


def _add_smaller_units(words: list[Word], index: int, value: float, unit: Choice,
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
    following = _lower(words, index)
    if not (following[:1].isdecimal() or following in NUMBER_WORDS or following in {",", "and"}):
        return None  # the common case, decided before reading anything
    position = index
    if _lower(words, position) == ",":
        position += 1
    if _lower(words, position) == "and":
        if after_between:
            return None
        position += 1
    number = read_number(words, position)
    if number is None or number.is_share:
        return None
    smaller = match_unit(words, position + number.used, "after", context=context)
    if smaller is None:
        following = _lower(words, position + number.used)
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


def _read_age_words(words: list[Word], index: int) -> tuple[bool, int]:
    """"five years old", "43-year-old", "3 years of age"."""
    position = index + 1 if _lower(words, index) == "-" else index
    if _lower(words, position) == "old":
        return True, position + 1
    if _lower(words, position) == "of" and _lower(words, position + 1) == "age":
        return True, position + 2
    return False, index


def _read_rate(words: list[Word], index: int, unit: Choice,
               context: Context) -> tuple[Choice, int]:
    """"$68 a barrel", "$950 per square foot", "20,000 tonnes a year", "$1.40 a share", "a
    $70-a-share offer". Returns the unit, a rate or as it was, and the index after it."""
    if unit.dimension in _NOT_RATES or "/" in unit.code:
        return unit, index
    if _lower(words, index) == "of":
        return _detached_rate(words, index, unit, context), index
    connector_at = index
    hyphenated = _lower(words, index) == "-" and _lower(words, index + 2) == "-"
    if hyphenated:  # "$70-a-share"
        connector_at = index + 1
    connector = _lower(words, connector_at)
    if connector not in RATE_CONNECTORS or (hyphenated and connector not in {"a", "an", "per"}) \
            or (connector == "/" and not words[connector_at].attached):
        return unit, index
    denominator_at = connector_at + 1 + hyphenated
    denominator = match_unit(words, denominator_at, "after", context=context)
    if denominator is None and _lower(words, denominator_at) in RATE_NOUNS:
        denominator = Choice(RATE_NOUNS[_lower(words, denominator_at)], "count", "unit", 1.0, 1,
                             words[denominator_at].text)
    if denominator is None or denominator.kind == "currency":
        return unit, index
    end = denominator_at + denominator.used
    code = f"{unit.code}/{denominator.code}"
    info = unit_info(code)
    if info is None or _lower(words, end) in CONTEXT_WORDS["time_after"]:
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
        words[position].text.isalpha() and _lower(words, position) not in RATE_CONNECTORS
    ):
        position += 1
    if position == index + 1 or _lower(words, position) not in {"a", "an", "per"}:
        return unit
    period = match_unit(words, position + 1, "after", context=context)
    if period is None or period.dimension != "duration" or (
        _lower(words, position + 1 + period.used) in CONTEXT_WORDS["time_after"]
    ):
        return unit
    code = f"{unit.code}/{period.code}"
    info = unit_info(code)
    return unit if info is None else Choice(code, info.dimension, unit.kind, 1.0, 0, unit.text)


def _single(amount: _Amount, previous: str) -> Quantity:
    unit, text, dimension = _unit_fields(amount, previous)
    return Quantity(clean(amount.number * amount.scale), None, None, unit, text,
                    dimension=dimension)


def _unit_fields(amount: _Amount, previous: str) -> tuple[str, str | None, str]:
    """(unit, unit_text, dimension) of an amount: ages from "-year-old" or "aged 25"."""
    if amount.unit is None:
        if previous in AGE_WORDS_BEFORE:
            return "year", None, "age"
        return ("percent", None, "percent") if amount.is_share else ("count", None, "count")
    if amount.is_age or previous in AGE_WORDS_BEFORE and amount.unit.dimension == "duration":
        return amount.unit.code, amount.unit.text, "age"
    return amount.unit.code, amount.unit.text, amount.unit.dimension


def _range(left: _Amount, right: _Amount, previous: str) -> Quantity:
    """Both sides as one range: a scale or unit written once applies to both ("$3-4 billion",
    "10-15%", "1.2bn-1.5bn")."""
    if left.scale == 1.0 and right.scale != 1.0 and left.number <= right.number:
        left = left._replace(scale=right.scale)
    if right.unit is not None and (left.unit is None or "/" in right.unit.code):
        left = left._replace(unit=right.unit, is_age=right.is_age)
    if right.unit is None and left.unit is not None:
        right = right._replace(unit=left.unit)
    if left.is_share or right.is_share:
        left, right = left._replace(is_share=True), right._replace(is_share=True)
    unit, text, dimension = _unit_fields(right if right.unit is not None else left, previous)
    if left.is_age:
        dimension = "age"
    low, high = sorted((left.number * left.scale, right.number * right.scale))
    return Quantity(None, clean(low), clean(high), unit, text, dimension=dimension)


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


@lru_cache(maxsize=65536)
def parse_quantity(text: str) -> Quantity | None:
    """Parse a whole phrase, qualifier included ("nearly $1.2bn", "between 10 and 15 percent");
    None when it holds no quantity. Cached: the same phrases recur across a corpus."""
    words = split_words(text)
    lower = [word.lower for word in words]
    bound: Bound = "exact"
    index = 0
    while index < len(words):
        phrase_bound, length = leading_bound(lower[index:])
        if length:
            bound = phrase_bound if phrase_bound != "exact" else bound
            index += length
        elif lower[index] in FILLERS | {"between", "from", "aged", "age", "ages"} and (
            index + 1 < len(words)
        ) and read_quantity(words, index) is None:
            index += 1
        else:
            break
    reading = read_quantity(words, index)
    if reading is None:
        return None
    quantity = reading.quantity
    if reading.trailing or bound == "exact":
        return quantity
    return quantity._replace(bound=bound)
