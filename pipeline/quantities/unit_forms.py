"""How units and currencies are written: the forms of unit_forms.tsv, currencies.tsv and CLDR's
currency names, and whether a form is written at a given place in a text.

A form says only what it may mean (its code and the rule that decides); whether it means that
here is for `context_rules`, and choosing among the forms at a place is `units.match_unit`.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from pipeline.quantities.tables import read_table
from pipeline.quantities.unit_data import CURRENCY_NAMES
from pipeline.quantities.words import Word, form_words, split_words

Position = Literal["before", "after"]


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


def _form(text: str, code: str, kind: str, position: str, factor: str, flags: str,
          rule: str) -> Form:
    """A Form from a data file's row: its form split into words, and its flags."""
    words, attached = form_words(text)
    if kind == "currency" and len(words) == 2 and words[1] == "$" and len(words[0]) > 1:
        attached = (False,)  # "HK$" is also written "HK $"; "A$" and "C$" only together
    flag_set = set(filter(None, flags.split(",")))
    written = tuple(word.text for word in split_words(text))
    return Form(words, attached, written, code, kind, position, float(factor or 1),
                "case" in flag_set, "attached" in flag_set, rule)


def _load_forms() -> list[Form]:
    """Every form: units, currency signs and codes, then CLDR names not already written."""
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


def _index(forms: list[Form], position: Position) -> dict[str, list[Form]]:
    """Forms by first word, longest first, for one side of the number."""
    by_word: dict[str, list[Form]] = {}
    for form in forms:
        if form.position in (position, "both"):
            by_word.setdefault(form.words[0], []).append(form)
    for candidates in by_word.values():
        candidates.sort(key=lambda form: -len(form.words))
    return by_word


FORMS_BY_POSITION = {"before": _index(FORMS, "before"), "after": _index(FORMS, "after")}


def form_matches(form: Form, words: list[Word], index: int, position: Position) -> bool:
    """Whether `form` is written at `words[index]` on the given side of a number, as a whole
    word and with its words attached where the form attaches them."""
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
