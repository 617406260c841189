"""Units and currencies: what news writes after or before a number, and what it means.

The public unit API, for the quantity grammar and for the claim extractor:

- `match_unit(words, index, ...)`: which unit or currency is written at `words[index]`, after
  resolving ambiguous forms ("m", "R", "p", "pounds", "degrees") by their rule and the context;
- `unit_info(code)`: a unit's dimension and its conversion to SI units;
- the words that can be or begin a unit (`is_unit_word`, `unit_words`, ...).

The knowledge behind it is split by kind, each module reading only the ones before it:
`unit_data` (codes, dimensions, SI factors), `unit_forms` (how units are written) and
`context_rules` (what an ambiguous form means where it is written). Their names that callers
use through this module (`unit_info`, `ISO_CODES`, `FORMS`, `CONTEXT_RULES`,
`currency_of_country`) are imported here for them.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from pipeline.quantities.context_rules import (
    CONTEXT_RULES,
    NO_CONTEXT,
    Context,
    Situation,
    currency_of_country,
    degree_dimension,
)
from pipeline.quantities.unit_data import ISO_CODES, NOT_CURRENCY_CODES, UNITS, unit_info
from pipeline.quantities.unit_forms import FORMS, FORMS_BY_POSITION, Position, form_matches
from pipeline.quantities.words import Word

__all__ = [
    "CONTEXT_RULES", "FORMS", "ISO_CODES", "Choice", "after_form_first_words",
    "currency_of_country", "currency_prefix_words", "is_unit_word", "match_unit", "unit_info",
    "unit_words",
]


class Choice(NamedTuple):
    """A unit or currency found in a text: its code, what it measures, and how many words
    it took."""

    code: str
    dimension: str
    kind: Literal["unit", "currency"]
    factor: float  # one of what was written, in units of `code`: "cents" 0.01, "MUSD" 1e6
    used: int
    text: str


# Words ---------------------------------------------------------------------------------------


def currency_prefix_words() -> set[str]:
    """Lower-case tokens that can begin a quantity by being a currency written before it: the
    forms themselves ("$", "us$", "rm") and the first words of longer ones ("hk" of "HK $"),
    but not a common word ("us", "a").  The span scanner tries a quantity at each of them."""
    words = set()
    for form in FORMS:
        if form.position in ("before", "both"):
            words.add("".join(form.words))
            if len(form.words[0]) > 1 and form.words[0] not in {"us", "u"}:
                words.add(form.words[0])
    return words


def unit_words(dimension: str) -> set[str]:
    """The one-word forms of the units of a dimension: "duration" -> {"year", "years", ...}."""
    return {form.words[0] for form in FORMS if len(form.words) == 1 and form.kind == "unit"
            and unit_info(form.code).dimension == dimension}


def after_form_first_words() -> set[str]:
    """The lower-case words a unit or currency written after a number can begin with."""
    return set(FORMS_BY_POSITION["after"])


def is_unit_word(word: str) -> bool:
    """Whether a lower-case word is by itself a form of some unit or currency ("mw", "usd")."""
    return word.upper() in ISO_CODES or any(
        len(form.words) == 1 for form in FORMS_BY_POSITION["after"].get(word, ()))


# Matching ------------------------------------------------------------------------------------


def match_unit(words: list[Word], index: int, position: Position, *, is_money: bool = False,
               scale: float = 1.0, after_fraction: bool = False,
               context: Context = NO_CONTEXT) -> Choice | None:
    """The unit or currency written at `words[index]` on the given side of a number, the
    longest form first, with ambiguous forms resolved by their rule; None if there is none."""
    if index >= len(words):
        return None
    iso = _match_iso_code(words, index)
    if iso is not None:
        return iso
    for form in FORMS_BY_POSITION[position].get(words[index].lower, ()):
        if not form_matches(form, words, index, position):
            continue
        end = index + len(form.words)
        situation = Situation(words, index, end, is_money, scale, after_fraction, context)
        code = CONTEXT_RULES[form.rule](form, situation)
        if code is None:
            continue
        info = unit_info(code)
        dimension = degree_dimension(situation) if form.rule == "degrees" else info.dimension
        power = _power_after(words, end, code) if dimension == "length" else None
        if power is not None:  # "4 km^2", "4 km squared": an area
            code, end = power
            dimension = UNITS[code].dimension
        text = _text_of(words, index, end)
        return Choice(code, dimension, form.kind, form.factor, end - index, text)
    return None


_POWER_WORDS = {"squared": "2", "cubed": "3", "²": "2", "³": "3"}


def _power_after(words: list[Word], index: int, code: str) -> tuple[str, int] | None:
    """A length unit raised to a power: "km^2", "km squared", "m cubed" -> (code, end)."""
    word = words[index].lower if index < len(words) else ""
    if word == "^" and index + 1 < len(words) and words[index + 1].lower in {"2", "3"}:
        power, end = words[index + 1].lower, index + 2
    elif word in _POWER_WORDS:
        power, end = _POWER_WORDS[word], index + 1
    else:
        return None
    return (code + power, end) if code + power in UNITS else None


def _match_iso_code(words: list[Word], index: int) -> Choice | None:
    """An ISO 4217 code in capitals ("EUR", "USD$"), or with "M" for millions ("MUSD"):
    the Choice's `factor` carries that scale."""
    text = words[index].text
    scale = 1.0
    if len(text) == 4 and text[0] == "M" and text[1:] in ISO_CODES and text.isupper():
        text, scale = text[1:], 1e6
    if len(text) != 3 or not text.isupper() or text not in ISO_CODES or (
            text in NOT_CURRENCY_CODES):
        return None
    used = 2 if index + 1 < len(words) and words[index + 1].text == "$" and (
        words[index + 1].attached) else 1
    return Choice(text, "currency", "currency", scale, used, _text_of(words, index, index + used))


def _text_of(words: list[Word], start: int, end: int) -> str:
    """The words start..end-1 as written, joined by single spaces where they were apart."""
    parts = [words[start].text]
    for word in words[start + 1:end]:
        parts.append(word.text if word.attached else " " + word.text)
    return "".join(parts)
