"""Units and currencies: what news writes after or before a number, and what it means.

The knowledge is in `data/` (units.tsv, unit_forms.tsv, currencies.tsv, currency_names.tsv,
dimensions.tsv, context_words.tsv, rate_nouns.tsv); this module loads it once and answers two
questions for the quantity grammar (parsing.py), which serves both the span scanner of the claim
extractor and `parse_quantity`:

- `match_unit(words, index, ...)`: which unit or currency is written at `words[index]`, after
  resolving ambiguous forms ("m", "R", "p", "pounds", "degrees") by their rule and the context;
- `unit_info(code)`: a unit's dimension and its conversion to SI units.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from functools import cache
from typing import Literal, NamedTuple, Protocol

from pipeline.quantities.tables import read_table
from pipeline.quantities.words import Word, form_words, split_words

Position = Literal["before", "after"]


# Dimensions and units ------------------------------------------------------------------------


class UnitInfo(NamedTuple):
    """What a unit code measures and how to convert its values to SI units."""

    code: str
    dimension: str
    si_unit: str | None
    si_factor: float | None
    si_offset: float = 0.0


def _load_units() -> dict[str, UnitInfo]:
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


# Forms ---------------------------------------------------------------------------------------


class Form(NamedTuple):
    """One written form of a unit or currency, from unit_forms.tsv or currencies.tsv."""

    words: tuple[str, ...]
    attached: tuple[bool, ...]  # for each word after the first: written against the previous
    written: tuple[str, ...]    # the words as the data file writes them, for `case` forms
    code: str
    kind: Literal["unit", "currency"]
    position: Literal["before", "after", "both"]
    factor: float               # one of the form in the code's unit: a cent 0.01 USD, else 1
    case: bool
    needs_attached: bool        # written against the number ("245p")
    rule: str


class Choice(NamedTuple):
    """A unit or currency found in a text: its code, what it measures, and how many words
    it took."""

    code: str
    dimension: str
    kind: Literal["unit", "currency"]
    factor: float  # one of what was written, in units of `code`: "cents" 0.01, "MUSD" 1e6
    used: int
    text: str


def _form(text: str, code: str, kind: str, position: str, factor: str, flags: str,
          rule: str) -> Form:
    words, attached = form_words(text)
    if kind == "currency" and len(words) == 2 and words[1] == "$" and len(words[0]) > 1:
        attached = (False,)  # "HK$" is also written "HK $"; "A$" and "C$" only together
    flag_set = set(filter(None, flags.split(",")))
    written = tuple(word.text for word in split_words(text))
    return Form(words, attached, written, code, kind, position, float(factor or 1),
                "case" in flag_set, "attached" in flag_set, rule)


def _load_forms() -> list[Form]:
    forms = [_form(row["form"], row["code"], "unit", "after", "", row["flags"], row["rule"])
             for row in read_table("unit_forms.tsv")]
    forms += [_form(row["form"], row["code"], "currency", row["position"], row["minor"],
                    row["flags"], row["rule"]) for row in read_table("currencies.tsv")]
    written = {form.words for form in forms}
    for row in CURRENCY_NAMES:  # CLDR's English names: "swiss francs", "finnish markka"
        for name in {row["singular"], row["plural"]} - {""}:
            form = _form(name, row["code"], "currency", "after", "", "", "")
            if form.words not in written:
                forms.append(form)
                written.add(form.words)
    return forms


FORMS = _load_forms()


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
    return set(_FORMS_BY_POSITION["after"])


def is_unit_word(word: str) -> bool:
    """Whether a lower-case word is by itself a form of some unit or currency ("mw", "usd")."""
    return word.upper() in ISO_CODES or any(
        len(form.words) == 1 for form in _FORMS_BY_POSITION["after"].get(word, ()))


def _index(forms: list[Form], position: Position) -> dict[str, list[Form]]:
    """Forms by first word, longest first, for one side of the number."""
    by_word: dict[str, list[Form]] = {}
    for form in forms:
        if form.position in (position, "both"):
            by_word.setdefault(form.words[0], []).append(form)
    for candidates in by_word.values():
        candidates.sort(key=lambda form: -len(form.words))
    return by_word


_FORMS_BY_POSITION = {"before": _index(FORMS, "before"), "after": _index(FORMS, "after")}


def _matches(form: Form, words: list[Word], index: int, position: Position) -> bool:
    end = index + len(form.words)
    if end > len(words):
        return False
    if form.needs_attached and not (  # "245p" after its number, "R25" before it
        words[index].attached if position == "after" else end < len(words) and words[end].attached
    ):
        return False
    for offset, expected in enumerate(form.words):
        word = words[index + offset]
        if word.lower != expected or (form.case and word.text != form.written[offset]):
            return False
        if offset and form.attached[offset - 1] and not word.attached:
            return False
    following = words[end] if end < len(words) else None
    if following is None or not following.attached:
        return True
    # a unit ends a word ("m" is not the unit in "24703m212"); a currency before the number
    # may touch it ("$5"), not a letter ("USDA")
    first = following.text[0]
    return not (first.isalpha() or (position == "after" and first.isdigit()))


# Context -------------------------------------------------------------------------------------


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
    words = situation.words
    return words[index].lower if 0 <= index < len(words) else ""


def _about(situation: Situation, rule: str) -> bool:
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
    (the dimension is decided by `_degree_dimension`); else "two degrees in economics"."""
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


_NAMES_BY_CODE = {row["code"]: (row["singular"], row["plural"], set(row["current_in"].split("|")))
                  for row in CURRENCY_NAMES}


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


def _degree_dimension(situation: Situation) -> str:
    return "temperature" if _about(situation, "temperature") else "angle"


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
    for form in _FORMS_BY_POSITION[position].get(words[index].lower, ()):
        if not _matches(form, words, index, position):
            continue
        end = index + len(form.words)
        situation = Situation(words, index, end, is_money, scale, after_fraction, context)
        code = CONTEXT_RULES[form.rule](form, situation)
        if code is None:
            continue
        info = unit_info(code)
        dimension = _degree_dimension(situation) if form.rule == "degrees" else info.dimension
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
