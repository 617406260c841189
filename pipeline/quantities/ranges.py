"""One amount or two: whether a second amount after the first makes a range ("10-15%",
"between 5 and 7", "$3-4 billion"), and the `Quantity` the amounts make.

Decides what "X to Y" is (a range, or a change and a new level after "by"), refuses what only
looks like a range (a vote "52-48", a phone number, a year), and gives a bare number the unit
of an amount coordinated with it ("45 and 50 mg").
"""

from __future__ import annotations

from pipeline.quantities.amounts import Amount, read_amount
from pipeline.quantities.context_rules import Context
from pipeline.quantities.numbers import MINUS_SIGNS
from pipeline.quantities.qualifiers import MAX_QUALIFIER_WORDS, qualifier_length, trailing_bound
from pipeline.quantities.quantity import Quantity, Reading, clean
from pipeline.quantities.words import Word, lower_at

RANGE_SEPARATORS = {"-", "–", "—", "to", "or", "through", "~"}
AGE_WORDS_BEFORE = {"aged", "age", "ages"}
# Words that, written before a number with its unit, make "X to Y" a change and a new level.
_CHANGE_FROM = {"by"}


def read_amount_or_range(words: list[Word], index: int, context: Context,
                         after_change: bool) -> Reading | None:
    """The amount at `words[index]`, or the range it opens, with a qualifier written after it;
    `after_change` as for `grammar.read_quantity`."""
    left = read_amount(words, index, context)
    if left is None:
        return None
    end = index + left.used
    previous = _word_before_qualifier(words, index)
    separator, right_start = lower_at(words, end), end + 1
    if separator == "-" and lower_at(words, end + 1) in {"to", "and", "or"}:
        separator, right_start = lower_at(words, end + 1), end + 2  # "8- to 16-meter"
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
        right = read_amount(words, right_start, context, is_money=_is_money(left))
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
        if quantity.dimension == "percent" and lower_at(words, index) in {"+", *MINUS_SIGNS}:
            # "Nikkei -0.9%", "+1.2%": a signed share is a move, as market reports write one
            quantity = quantity._replace(
                change="increase" if lower_at(words, index) == "+" else "decrease")
        return _with_trailing(words, index, Reading(quantity, left.used))
    used = right_start + right.used - index
    return _with_trailing(words, index, Reading(_range(left, right, previous), used))


def _word_before_qualifier(words: list[Word], index: int) -> str:
    """The word before a number and its qualifier: "aged" in "aged over 65", "by" in "by as
    much as 5"; the word just before it when there is no qualifier ("between", "from")."""
    preceding = [word.lower for word in words[max(0, index - MAX_QUALIFIER_WORDS):index]]
    return lower_at(words, index - 1 - qualifier_length(preceding))


def _with_unit_of_coordinate(words: list[Word], end: int, amount: Amount,
                             context: Context) -> Amount:
    """"45 and 50 mg", "3 and 4 percent": a bare number coordinated with an amount that has a
    unit has that unit (the two stay two quantities; "between" makes a range instead)."""
    if amount.unit is not None or amount.is_share or lower_at(words, end) not in {"and", "or"}:
        return amount
    other = read_amount(words, end + 1, context)
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


def _is_year(words: list[Word], index: int, amount: Amount) -> bool:
    """"in 2023 to $28 billion": a year on its own opens no range with "to"."""
    text = words[index].text
    return amount.used == 1 and amount.unit is None and len(text) == 4 and text.isdecimal() and (
        1000 <= int(text) <= 2100
    )


def _is_code(words: list[Word], start: int, end: int) -> bool:
    """Digit groups joined by hyphens or slashes three times or more, or after a "+", are a
    phone number, a date or a code, not a range: "+1-222-2222", "2024-05-17"."""
    previous = lower_at(words, start - 1)
    if previous == "+" and words[start].attached:
        return True
    if previous in {"-", "/"} and words[start].attached and start >= 2 and (
        words[start - 1].attached and words[start - 2].text[0].isdecimal()
    ):  # the last groups of "555-0147" in "202-555-0147"
        return True
    following = lower_at(words, end)
    return following in {"-", "/"} and end + 1 < len(words) and words[end].attached and (
        words[end + 1].attached and words[end + 1].text[0].isdecimal())


def _is_tally(left: Amount, right: Amount, separator: str) -> bool:
    """Two bare numbers joined by a dash, the larger first: ranges are written from low to
    high, votes and scores are not."""
    return separator in {"-", "–", "—"} and left.unit is None and right.unit is None and (
        left.scale == right.scale == 1.0 and left.number > right.number)


def _is_money(amount: Amount) -> bool:
    """Whether the amount is money: the second side of a range is then read as money
    ("$2m-3m")."""
    return amount.unit is not None and amount.unit.kind == "currency"


def _sides_agree(left: Amount, right: Amount, tight: bool) -> bool:
    """Ranges join like with like: "10 to 15 percent", "$3-4 billion", "$1.2bn-1.5bn"; not
    "12% to $5 billion" or "11 percent to 19.3 million"."""
    if left.unit is None or (right.unit is not None and left.unit.code == right.unit.code):
        return True
    if right.unit is not None and right.unit.code.split("/")[0] == left.unit.code:
        return True  # "$82 and $85 a barrel": the rate written once
    return right.unit is None and tight  # "$1.2bn-1.5bn": the currency written once


def _single(amount: Amount, previous: str) -> Quantity:
    """One amount as a Quantity."""
    unit, text, dimension = _unit_fields(amount, previous)
    return Quantity(clean(amount.number * amount.scale), None, None, unit, text,
                    dimension=dimension)


def _unit_fields(amount: Amount, previous: str) -> tuple[str, str | None, str]:
    """(unit, unit_text, dimension) of an amount: ages from "-year-old" or "aged 25"."""
    if amount.unit is None:
        if previous in AGE_WORDS_BEFORE:
            return "year", None, "age"
        return ("percent", None, "percent") if amount.is_share else ("count", None, "count")
    if amount.is_age or previous in AGE_WORDS_BEFORE and amount.unit.dimension == "duration":
        return amount.unit.code, amount.unit.text, "age"
    return amount.unit.code, amount.unit.text, amount.unit.dimension


def _range(left: Amount, right: Amount, previous: str) -> Quantity:
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
