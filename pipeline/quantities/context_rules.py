"""The rules that decide what an ambiguous unit or currency form means where it is written.

"m", "R", "p", "pounds", "degrees", "in" and "rupees" each mean different things in different
sentences; a form's `rule` (a column of the data files) names one of `CONTEXT_RULES`, which
reads the words around the form and what the sentence and the story say (`Context`) and gives
the code the form means there, or None. Kept apart from the forms and from `units.match_unit`,
which applies the rules, so that each rule can be read and tested on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import cache
from typing import NamedTuple, Protocol

from pipeline.quantities.tables import read_table
from pipeline.quantities.unit_data import CURRENCY_NAMES
from pipeline.quantities.unit_forms import Form
from pipeline.quantities.words import Word


class Context(Protocol):
    """What the sentence and the story around a quantity say, for ambiguous forms."""

    def places(self) -> Collection[str]:
        """Lower-case names of the countries and nationalities named in the sentence."""

    def story_places(self) -> Collection[str]:
        """The same for the whole story."""

    def words(self) -> Collection[str]:
        """The lower-case words of the sentence."""


class NoContext:
    """A phrase on its own: nothing around it is known."""

    def places(self) -> Collection[str]:
        return ()

    def story_places(self) -> Collection[str]:
        return ()

    def words(self) -> Collection[str]:
        return ()


NO_CONTEXT = NoContext()
CONTEXT_WORDS: dict[str, set[str]] = {}
for _row in read_table("context_words.tsv"):
    CONTEXT_WORDS.setdefault(_row["rule"], set()).add(_row["word"])


class Situation(NamedTuple):
    """Where a form was found: the words, the form's first and past-last word, whether the
    amount is money already ("$2.1m"), its scale and whether its number is a fraction."""

    words: list[Word]
    start: int
    end: int
    is_money: bool
    scale: float
    after_fraction: bool
    context: Context


def _word(situation: Situation, index: int) -> str:
    """The lower-case word at `index`, "" outside the words."""
    words = situation.words
    return words[index].lower if 0 <= index < len(words) else ""


def _about(situation: Situation, rule: str) -> bool:
    """Whether the sentence has one of the words of a context_words.tsv rule."""
    return not CONTEXT_WORDS[rule].isdisjoint(situation.context.words())


# Context rules (named in the data files' `rule` column): each gives the code a form means here,
# or None when it does not mean this unit here.

def _country(form: Form, situation: Situation) -> str | None:
    return currency_of_country(form, situation.context.places()) or form.code


def _story(form: Form, situation: Situation) -> str | None:
    return form.code if _uses(form.code, situation.context.story_places()) else None


def _pence(form: Form, situation: Situation) -> str | None:
    is_uk = _uses("GBP", situation.context.story_places())
    return form.code if is_uk or _about(situation, "share_price") else None


def _cents(form: Form, situation: Situation) -> str | None:
    return None if _about(situation, "temperature") else _country(form, situation)


def _pounds(form: Form, situation: Situation) -> str | None:
    is_money = (situation.scale >= 1e6 or _word(situation, situation.end) == "sterling"
                or situation.is_money)
    return form.code if is_money == (form.kind == "currency") else None


def _scale_m(form: Form, situation: Situation) -> str | None:
    return None if situation.is_money else form.code


def _temperature(form: Form, situation: Situation) -> str | None:
    is_initialism = _word(situation, situation.end) == "." and (
        _word(situation, situation.end + 1).isalpha())  # "the 2021 C.P.I."
    return form.code if _about(situation, "temperature") and not is_initialism else None


def _degrees(form: Form, situation: Situation) -> str | None:
    """A temperature or an angle, when the sentence says which or the degree sign is written
    (the dimension is decided by `degree_dimension`); else "two degrees in economics"."""
    if form.words[0] in {"°", "º"} or _about(situation, "temperature") or _about(
            situation, "angle"):
        return form.code
    return None


def _inch(form: Form, situation: Situation) -> str | None:
    feet = {"ft", "feet", "foot", "′"}
    before_number = _word(situation, situation.start - 2)
    if situation.after_fraction or _word(situation, situation.start - 1) in feet or (
        before_number in feet or (before_number == "and" and _word(situation, situation.start - 3)
                                  in feet)
    ):
        return form.code
    following = _word(situation, situation.end)
    if following in CONTEXT_WORDS["measure"]:
        return form.code
    # a preposition always has an object: "in" before a full stop or a comma is inches
    return form.code if form.words == ("in",) and following in {"", ".", ",", ";", ")"} else None


def _always(form: Form, situation: Situation) -> str | None:
    return form.code


def _dram(form: Form, situation: Situation) -> str | None:
    return None if _uses("AMD", situation.context.story_places()) else form.code


CONTEXT_RULES: dict[str, Callable[[Form, Situation], str | None]] = {
    "": _always, "country": _country, "story": _story, "story_only": _story, "pence": _pence,
    "cents": _cents, "pounds": _pounds, "scale_m": _scale_m, "temperature": _temperature,
    "degrees": _degrees, "inch": _inch, "ton": _always, "percent_pc": _always, "dram": _dram,
}


def degree_dimension(situation: Situation) -> str:
    """What "degrees" measure in this sentence: a temperature, else an angle."""
    return "temperature" if _about(situation, "temperature") else "angle"


# Currencies of places ----------------------------------------------------------------------

_NAMES_BY_CODE = {row["code"]: (row["singular"], row["plural"], set(row["current_in"].split("|")))
                  for row in CURRENCY_NAMES}


def _uses(code: str, places: Collection[str]) -> bool:
    """Whether one of `places` (countries or nationalities) uses the currency `code`."""
    return any(currency_of_place(place, (code,)) for place in places)


@cache
def _family(form: Form) -> tuple[str, ...]:
    """The currencies a currency word can mean: those whose English name ends with it, or with
    the name of its default currency ("Rs" -> every rupee)."""
    endings = {form.words[-1]}
    default = _NAMES_BY_CODE.get(form.code)
    if default is not None and default[0]:
        endings.add(default[0].split()[-1])
    return tuple(code for code, (singular, plural, _) in _NAMES_BY_CODE.items()
                 if singular and (singular.split()[-1] in endings or plural.split()[-1] in endings))


def currency_of_country(form: Form, places: Collection[str]) -> str | None:
    """The currency a shared currency word means beside the places named: "rupees" and
    "Nepal" or "Nepalese" -> NPR."""
    candidates = _family(form)
    for place in places:
        code = currency_of_place(place, candidates)
        if code is not None:
            return code
    return None


def currency_of_place(place: str, candidates: Collection[str]) -> str | None:
    """Which of `candidates` a country ("sri lanka") or nationality ("sri lankan") uses."""
    place = place.lower()
    for code in candidates:
        singular, _, countries = _NAMES_BY_CODE.get(code, ("", "", set()))
        if place in countries or (singular and singular.startswith(place + " ")):
            return code
    return None
