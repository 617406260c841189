"""One side of a quantity: [sign] [currency] number [scale] [unit] [rate], read into an `Amount`.

"$5m", "-$2.1bn", "45 kg", "3/4 cup", "a quarter of a percentage point", "43-year-old": the
amount grammar that `ranges` reads once or twice (the two sides of "10-15%"). What may extend a
unit (rates, smaller units) is in `compound_units`.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from pipeline.quantities.compound_units import add_smaller_units, read_rate
from pipeline.quantities.context_rules import Context
from pipeline.quantities.numbers import (
    MINUS_SIGNS,
    MONEY_ONLY_ABBREVIATIONS,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    VULGAR_FRACTIONS,
    read_number,
)
from pipeline.quantities.unit_data import ISO_CODES
from pipeline.quantities.units import Choice, after_form_first_words, match_unit
from pipeline.quantities.words import Word, lower_at

_BRACKETS = {"(": ")", "[": "]", "{": "}", "<": ">"}
# Words that can add to a number written before them (`_may_follow_a_number`).
_AFTER_NUMBER_WORDS = after_form_first_words() | set(SCALE_ABBREVIATIONS) | set(_BRACKETS) | {
    "-", "of", "yo", "a", "an"}


class Amount(NamedTuple):
    """One side of a quantity: number, scale and unit as read."""

    number: float
    scale: float
    unit: Choice | None
    is_share: bool
    used: int
    is_age: bool = False


def read_amount(words: list[Word], index: int, context: Context,
                is_money: bool = False) -> Amount | None:
    """[sign] [currency] number [scale] [unit] [rate], as one side of a quantity."""
    position = index
    sign = 1.0
    if lower_at(words, position) in MINUS_SIGNS and _prefix_at(words, position + 1, context):
        sign, position = -1.0, position + 1  # "-$5m"
    prefix = None if lower_at(words, position)[:1].isdecimal() else _prefix_at(words, position,
                                                                               context)
    if prefix is not None:
        position += prefix.used
    number = read_number(words, position)
    if number is None:
        return None
    position += number.used
    if prefix is None and not is_money and not _may_follow_a_number(words, position):
        # nothing after the number can add to it ("45 people", "in 2019,"): the common case
        return Amount(sign * number.value / number.scale, number.scale, None, number.is_share,
                      position - index)
    prefix_scale = prefix.factor if prefix is not None else 1.0  # "MUSD": millions
    unit = prefix
    money = prefix is not None or is_money
    scale, position = _read_scale(words, position, prefix_scale, money or _unit_follows(
        words, position, context))
    # the number without its scale words: "4 billion" is 4 at a scale of a billion
    value = sign * number.value / number.scale
    scale *= number.scale
    is_share = number.is_share and scale == 1.0
    if number.is_share and scale != 1.0:
        value, is_share = value / 100, False  # "two thirds of a million": a part of the scale
    if is_share and lower_at(words, position) == "of" and lower_at(words, position + 1) in {
            "a", "an"} and SCALE_WORDS.get(lower_at(words, position + 2), 0) >= 1000:
        # "two thirds of a million": a part of the scale, not a share
        scale *= SCALE_WORDS[lower_at(words, position + 2)]
        value, is_share, position = value / 100, False, position + 3
    part = _part_of_one_unit(words, position, context) if is_share else None
    if part is not None:  # "a quarter of a percentage point" is 0.25 points
        unit_after, end = part
        return Amount(value / 100, scale, unit_after, False, end - index)
    written_fraction = _is_fraction(words, index, position)
    if prefix is None:
        unit_at = position + 1 if lower_at(words, position) == "-" and words[position].attached \
            else position
        choice = match_unit(words, unit_at, "after", is_money=money, scale=scale,
                            after_fraction=written_fraction, context=context)
        closing = 0
        if choice is None and lower_at(words, unit_at) in _BRACKETS:  # "20 (kg)", "20 [kg]"
            choice = match_unit(words, unit_at + 1, "after", context=context)
            closer = _BRACKETS[lower_at(words, unit_at)]
            if choice is not None and lower_at(words, unit_at + 1 + choice.used) == closer:
                unit_at, closing = unit_at + 1, 1
            else:
                choice = None
        if choice is not None and is_share and not written_fraction and (
            lower_at(words, unit_at + choice.used) == "-"
        ):  # "one-third year-on-year" is a third, not a third of a year
            choice = None
        if choice is not None:
            unit, position = choice, unit_at + choice.used + closing
            if is_share:  # "3/4 cup", "½ teaspoon": a fraction of the unit, not a share
                value, is_share = value / 100, False
            value = value * choice.factor
            if choice.kind == "currency" and scale == 1.0:  # "75 USD million"
                scale, position = _read_scale(words, position, 1.0, True)
                if SCALE_WORDS.get(lower_at(words, position), 0) >= 1000:
                    scale, position = scale * SCALE_WORDS[lower_at(words, position)], position + 1
            if scale == 1.0:
                value, position = add_smaller_units(words, position, value, choice, context,
                                                    lower_at(words, index - 1) == "between")
    is_age = False
    if unit is not None and unit.dimension == "duration":
        is_age, position = _read_age_words(words, position)
    elif unit is None and lower_at(words, position) == "yo":
        unit = Choice("year", "age", "unit", 1.0, 1, words[position].text)
        is_age, position = True, position + 1
    if unit is not None:
        unit, position = read_rate(words, position, unit, context)
    if not math.isfinite(value * scale):
        return None  # scales multiplied past any real amount ("1e300 trillion")
    return Amount(value, scale, unit, is_share and unit is None, position - index, is_age)


def _part_of_one_unit(words: list[Word], index: int, context: Context
                      ) -> tuple[Choice, int] | None:
    """The unit of a fraction of one unit, and where it ends: "a quarter of a percentage point",
    "half a mile", "half an hour" (only "half" leaves out the "of")."""
    article = index + 1 if lower_at(words, index) == "of" else index
    if lower_at(words, article) not in {"a", "an"} or (
            article == index and lower_at(words, index - 1) != "half"):
        return None
    unit = match_unit(words, article + 1, "after", context=context)
    return None if unit is None else (unit, article + 1 + unit.used)


def _may_follow_a_number(words: list[Word], index: int) -> bool:
    """Whether the word at `index` can add to the number before it: a scale, a unit or
    currency, a hyphen, a bracket, "of" ("a quarter of a point"), "a"/"an" ("half an hour"),
    "yo"; or any word written
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
    word = lower_at(words, following)
    if word in MINUS_SIGNS:
        word = lower_at(words, following + 1)
    return choice if word[:1].isdecimal() or word[:1] == "." or word in SCALE_WORDS or (
        read_number(words, following) is not None
    ) else None


def _unit_follows(words: list[Word], index: int, context: Context) -> bool:
    """Whether a currency, or another unit in its plural, follows a short scale that is also a
    length, making it the scale million, not metres: "30 m euros", "5m dollars", "3m tonnes",
    "2.5m barrels a day"; but "a 7.62mm barrel" is a calibre."""
    following = index + 1
    if lower_at(words, index) not in MONEY_ONLY_ABBREVIATIONS or following >= len(words) or (
            words[following].attached):  # "5 m/s"
        return False
    choice = match_unit(words, following, "after", context=context)
    return choice is not None and (choice.kind == "currency" or _is_plural(choice.text))


def _is_plural(form: str) -> bool:
    """A unit as written is plural when it ends in "s" or is an abbreviation (no vowel: "km",
    "bbl"), which stays the same in the plural."""
    last = form.split()[-1].lower()
    return last.endswith("s") or not any(letter in "aeiouy" for letter in last)


def _read_scale(words: list[Word], index: int, scale: float, is_money: bool) -> tuple[float, int]:
    """Short scales after a number ("1.2bn", "5k", "3mil", and "m" beside money), and a scale
    word after a hyphen ("$5-billion")."""
    if lower_at(words, index) == "-" and SCALE_WORDS.get(lower_at(words, index + 1), 0) >= 1000:
        return scale * SCALE_WORDS[lower_at(words, index + 1)], index + 2
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


def _read_age_words(words: list[Word], index: int) -> tuple[bool, int]:
    """"five years old", "43-year-old", "3 years of age"."""
    position = index + 1 if lower_at(words, index) == "-" else index
    if lower_at(words, position) == "old":
        return True, position + 1
    if lower_at(words, position) == "of" and lower_at(words, position + 1) == "age":
        return True, position + 2
    return False, index
