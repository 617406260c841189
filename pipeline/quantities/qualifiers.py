"""Qualifiers: the words around a number that say how exact it is ("nearly", "more than",
"or so"), from data/qualifiers.tsv. A claim's `bound` comes from here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pipeline.quantities.tables import read_table

Bound = Literal["exact", "approximate", "at_most", "at_least"]

_ROWS = read_table("qualifiers.tsv")
# Phrases before the number, by first word, longest first: (words, bound).
_BEFORE: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _row in _ROWS:
    if _row["position"] == "before" and _row["bound"] != "filler":
        _words = tuple(_row["phrase"].split())
        _BEFORE.setdefault(_words[0], []).append((_words, _row["bound"]))
for _options in _BEFORE.values():
    _options.sort(key=lambda option: -len(option[0]))
AFTER = [(tuple(row["phrase"].split()), row["bound"]) for row in _ROWS
         if row["position"] == "after"]
_AFTER_FIRST_WORDS = {phrase[0] for phrase, _ in AFTER}
FILLERS = {row["phrase"] for row in _ROWS if row["bound"] == "filler"}
EMPHASIS_WORDS = {row["phrase"] for row in _ROWS
                  if row["position"] == "before" and row["bound"] == "exact"}
_PHRASES = {" ".join(words) for options in _BEFORE.values() for words, _ in options}
_LAST_WORDS = {phrase.split()[-1] for phrase in _PHRASES}
# The most words `qualifier_length` looks at (callers pass no more): the longest phrase, and an
# emphasis word before it ("just more than or equal to").
MAX_QUALIFIER_WORDS = 1 + max(len(phrase.split()) for phrase in _PHRASES)


def leading_bound(words: Sequence[str]) -> tuple[Bound, int]:
    """The bound of the qualifier phrase at the start of `words` (lower case), and its length
    in words; ("exact", 0) when there is none. An emphasis word gives "exact"."""
    for phrase, bound in _BEFORE.get(words[0] if words else "", ()):
        if len(words) > len(phrase) and tuple(words[: len(phrase)]) == phrase:
            return bound, len(phrase)  # type: ignore[return-value]
    return "exact", 0


def trailing_bound(words: Sequence[str]) -> tuple[Bound, int]:
    """The bound of a qualifier written after the number ("500 or more"), and its length."""
    if not words or words[0] not in _AFTER_FIRST_WORDS:
        return "exact", 0
    for phrase, bound in AFTER:
        if tuple(words[: len(phrase)]) == phrase:
            return bound, len(phrase)  # type: ignore[return-value]
    return "exact", 0


def qualifier_length(preceding: Sequence[str]) -> int:
    """How many of the words just before a number form its qualifier ("just over" -> 2)."""
    # Asked at every quantity and numeric entity, and most have none: every qualifier ends
    # with the last word of a phrase, so look no further otherwise.
    if not preceding or preceding[-1].lower() not in _LAST_WORDS:
        return 0
    words = [word.lower() for word in preceding]
    for length in range(min(len(words), MAX_QUALIFIER_WORDS), 0, -1):
        tail = words[-length:]
        if " ".join(tail) in _PHRASES or (
            tail[0] in EMPHASIS_WORDS and qualifier_length(tail[1:]) == length - 1
        ):
            return length
    return 0
