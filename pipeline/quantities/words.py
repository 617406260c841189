"""Split a phrase into the words the quantity grammar reads: numbers, letter runs and symbols.

"HK$2.1m" is `hk`, `$`, `2.1`, `m`; "45m²" is `45`, `m`, `²`; "one-third" is `one`, `-`, `third`.
The same split serves the phrases of the data files (a unit form "km/h" is `km`, `/`, `h`) and
the text being read, so a form matches whatever the spacing and the tokenizer did with it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Digit groups split by no-break or thin spaces ("1 000 000"), or by plain spaces when there are
# at least three groups ("1 234 567") or when the second group starts with a zero ("10 000",
# "25 050": no number is written with a leading zero, so "000" cannot stand alone, while "May
# 15 300 people" stays two numbers); a digit run with its separators and decimals ("1,234.5",
# "12,34,567.89"); a decimal without its zero (".5"); a run of letters (not "²", "³" or "½",
# which stand on their own); any other visible character on its own.
_WORD = re.compile(
    r"\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?![\d,.]\d)"
    r"|\d{1,3}(?: \d{3}){2,}(?![\d,.]\d)"
    r"|(?<!\d)\d{1,3} 0\d{2}(?![\d,.]\d)"
    r"|\d+(?:[,.]\d+)*"
    r"|(?<!\d)\.\d+"
    r"|[^\W\d_\u00b2\u00b3\u00b9\u00bc-\u00be\u2150-\u215e]+"
    r"|[^\s\w]|[_\u00b2\u00b3\u00b9\u00bc-\u00be\u2150-\u215e]"
)


class Word(NamedTuple):
    """One word of a phrase: as written, lower-cased, its character offsets (end exclusive),
    and whether it touches the word before it (no space between: "45m", "$5")."""

    text: str
    lower: str
    start: int
    end: int
    attached: bool


def split_words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of `text[start:end]`, with offsets into `text`."""
    words: list[Word] = []
    previous_end = -1
    make = _make_word  # the span scanner splits every sentence with a number: keep this lean
    for match in _WORD.finditer(text, start, len(text) if end is None else end):
        found = match.group()
        first, last = match.span()
        words.append(make(Word, (found, found.lower(), first, last, first == previous_end)))
        previous_end = last
    return words


# Builds a Word from a tuple without the Python-level `__new__` of a NamedTuple.
_make_word = tuple.__new__


def form_words(form: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """A data file's form as lower-case words, and for each word after the first whether it is
    written against the one before ("km/h": all attached; "square feet": not)."""
    words = split_words(form)
    return tuple(word.lower for word in words), tuple(word.attached for word in words[1:])


def lower_at(words: list[Word], index: int) -> str:
    """The lower-case word at `index`, or "" outside the words: the grammar looks around freely."""
    return words[index].lower if 0 <= index < len(words) else ""
