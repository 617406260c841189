"""The quantity grammar: from words to a value, a range, a unit and what it measures.

`read_quantity(words, index)` reads the quantity that starts at `words[index]` and says how many
words it took; the claim extractor's span scanner calls it at every place a quantity may start,
and `parse_quantity(text)` calls it on a whole phrase, so the two can never disagree. It reads,
in order: a change by a multiple ("doubled"), a multiple ("twofold"), a vague amount ("billions
of dollars"), or an amount — currency, number, scale, unit, rate ("$68 a barrel"), age
("43-year-old") — and a second amount when the first opens a range ("10-15%", "$3-4 billion").
The amounts are read by `amounts` and `compound_units`, the ranges by `ranges`.
"""

from __future__ import annotations

from pipeline.quantities.context_rules import NO_CONTEXT, Context
from pipeline.quantities.numbers import (
    FACTOR_VERBS,
    FOLD_WORDS,
    SCALE_WORDS,
    VAGUE_SCALES,
    read_number,
)
from pipeline.quantities.quantity import Quantity, Reading, clean
from pipeline.quantities.ranges import read_amount_or_range
from pipeline.quantities.units import match_unit
from pipeline.quantities.words import Word, lower_at


def read_quantity(words: list[Word], index: int, context: Context = NO_CONTEXT,
                  after_change: bool = False) -> Reading | None:
    """Read the quantity starting at `words[index]`; None when none starts there. The word
    before it (and its qualifier), when given, is read too: "between" lets "and" join a range,
    "aged" makes an age, "by" makes "X% to Y%" a change and a new level. `after_change` says a
    change word governs the quantity ("rose 4p to 245p", "up from 5% to 7%"): then "X to Y" with
    the unit written twice is also a change and a level, as is "rose from 2 to 3", while "rose
    10 to 15 percent" stays a range."""
    word = lower_at(words, index)
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
    return read_amount_or_range(words, index, context, after_change)


def _read_fold(words: list[Word], index: int) -> Reading | None:
    """"twofold", "two-fold", "3-fold", "twice"."""
    word = lower_at(words, index)
    if word in FOLD_WORDS:
        return Reading(Quantity(clean(FOLD_WORDS[word]), None, None, "factor", words[index].text,
                                dimension="factor"), 1)
    if lower_at(words, index + 1) != "-" or lower_at(words, index + 2) != "fold":
        return None  # "3-fold", "two-fold": a one-word number, a hyphen, "fold"
    number = read_number(words, index)
    if number is not None and lower_at(words, index + number.used) == "-" and (
        lower_at(words, index + number.used + 1) == "fold"
    ):
        used = number.used + 2
        text = "".join(word.text for word in words[index:index + used])
        return Reading(Quantity(clean(number.value), None, None, "factor", text,
                                dimension="factor"), used)
    return None


def _read_vague(words: list[Word], index: int, context: Context) -> Reading | None:
    """"billions of dollars", "tens of thousands", "multi-billion dollar": `low` is the least
    amount the words guarantee (two of the largest scale), the bound at_least."""
    word = lower_at(words, index)
    if word in {"multibillion", "multimillion"}:
        amount, position = 2 * SCALE_WORDS[word[5:]], index + 1
    elif word == "multi" and lower_at(words, index + 1) == "-" and (
        lower_at(words, index + 2) in SCALE_WORDS
    ):
        amount, position = 2 * SCALE_WORDS[lower_at(words, index + 2)], index + 3
    elif word in VAGUE_SCALES and (word != "tens" or lower_at(words, index + 1) == "of"):
        amount, position = 2.0, index
        while lower_at(words, position) in VAGUE_SCALES:  # "hundreds of millions of"
            amount *= VAGUE_SCALES[lower_at(words, position)]
            position += 2 if lower_at(words, position + 1) == "of" and (
                lower_at(words, position + 2) in VAGUE_SCALES) else 1
    else:
        return None
    if lower_at(words, position) == "-":
        position += 1  # "multi-billion-dollar"
    unit_at = position + 1 if lower_at(words, position) == "of" else position
    unit = match_unit(words, unit_at, "after", scale=amount, context=context)
    if unit is None:
        return Reading(Quantity(None, clean(amount), None, "count", None, "at_least"),
                       position - index)
    quantity = Quantity(None, clean(amount), None, unit.code, unit.text, "at_least",
                        dimension=unit.dimension)
    return Reading(quantity, unit_at + unit.used - index)
