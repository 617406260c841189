"""Where the quantities of a Doc are: token spans, each with its parsed `Quantity`.

The scanner tries every token that can start a quantity (a digit, a number word, a currency
sign, "doubled", "billions", ...), lets the quantity grammar (`quantities.read_quantity`) read as
far as it can from there over the sentence's words, and maps the words it read back to tokens.
The grammar is the one `parse_quantity` uses, so a span and its value never disagree. What only
the parse can tell (is "half" a share or "the first half"? is "double" a verb?) is decided here,
before the grammar runs; what makes a quantity a claim is decided in claims.py.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection
from typing import NamedTuple

from spacy.symbols import VERB
from spacy.tokens import Doc

from pipeline.claims.lexicon import CHANGE_LEMMAS
from pipeline.claims.vocabulary import (
    ARTICLE_NUMBERS,
    CHANGE_ADVERBS,
    DISTANCE_EVENT_NOUNS,
    FACTOR_TAG_IDS,
    HYPHENS,
    INDEFINITE_ARTICLES,
    MULTIPLIER_ADVERBS,
    MULTIPLIER_COMPLEMENTS,
    PART_DETERMINERS,
    PARTICLE_UP_VERBS,
    PERIOD_FRACTIONS,
    PLACE_LABELS,
    PLURAL_TAGS,
    SHARE_DEPS,
    SHARE_FOLLOWERS,
    SHARE_PRECEDERS,
    START_WORDS,
    VAGUE_SCALE_TAG_IDS,
)
from pipeline.components.doc_view import DocView, view_of, viewing
from pipeline.quantities import (
    MAX_QUALIFIER_WORDS,
    Quantity,
    Word,
    clean,
    qualifier_length,
    read_quantity,
)
from pipeline.quantities.numbers import (
    DENOMINATORS,
    FACTOR_VERBS,
    FOLD_WORDS,
    NUMBER_WORDS,
    SCALE_WORDS,
    VAGUE_SCALES,
)
from pipeline.quantities.qualifiers import leading_bound
from pipeline.quantities.units import ISO_CODES, currency_prefix_words
from pipeline.quantities.words import split_words

# How far after a quantity's first token a "to" may join a second amount ("between 1.25 million
# and 1.5 million": the longest amounts take about six tokens).
_TO_LOOKAHEAD = 8


class QuantitySpan(NamedTuple):
    """A quantity in a Doc: its qualifier's first token ("nearly"), its own tokens [start,
    end), the end of a qualifier written after it ("30 or so"), its parsed value, and the
    character its text ends at (before a full stop its last token holds: "£61m.")."""

    qualifier_start: int
    start: int
    end: int
    trailing_end: int
    quantity: Quantity
    end_char: int


if not Doc.has_extension("quantity_spans"):
    Doc.set_extension("quantity_spans", default=None)


def quantity_spans(doc: Doc) -> list[QuantitySpan]:
    """`find_quantity_spans`, computed once per Doc: they depend on the tokens only (and on
    the entities naming places, which no later component changes)."""
    if doc._.quantity_spans is None:
        doc._.quantity_spans = find_quantity_spans(doc)
    return doc._.quantity_spans


def find_quantity_spans(doc: Doc) -> list[QuantitySpan]:
    """Every quantity mention of the Doc, in text order, none overlapping."""
    view = view_of(doc)
    if view is None:
        with viewing(doc):
            return find_quantity_spans(doc)
    spans: list[QuantitySpan] = []
    free = 0  # tokens before this belong to a quantity already found
    for index in _possible_starts(view):
        if index < free or not _may_start(view, index):
            continue
        found = _read_at(view, index)
        if found is not None:
            spans.append(found)
            free = found.end
    return spans


_STARTERS = (
    FACTOR_VERBS.keys() | FOLD_WORDS.keys() | VAGUE_SCALES.keys() | currency_prefix_words()
    | START_WORDS
)

# A second character that lets a token start an amount: "A$5", "£5bn", "A380".
_SECOND_CHARACTERS = {"$", *"0123456789"}


# Currency codes written before a number, alone or for millions ("EUR", "MUSD"), or against
# it in one token with a scale ("EUR5bn", "USD50m": the tokenizer keeps those whole).
_CODE_STARTERS = ISO_CODES | {"M" + code for code in ISO_CODES}


def _possible_starts(view: DocView) -> list[int]:
    """The tokens that can start a quantity: a cheap test of every token (in one comprehension,
    as it runs on every token) before the grammar reads the few that pass. spaCy's like_num
    also holds for ordinals ("first", "third"), which start no quantity on their own."""
    return [
        index for index, (word, text, like_num)
        in enumerate(zip(view.lower, view.orth, view.like_num, strict=True))
        if (like_num and (word in NUMBER_WORDS or not text.isalpha())) or word in _STARTERS
        or text[:1].isdigit() or text[-1:].isdigit() or text[1:2] in _SECOND_CHARACTERS
        or text in _CODE_STARTERS or (text[3:4].isdigit() and text[:3] in ISO_CODES)
    ]


def _may_start(view: DocView, index: int) -> bool:
    """What the grammar cannot see: whether a word that can be a quantity is one here."""
    if _is_designation(view, index):
        return False
    word = view.lower[index]
    following = view.lower_at(index + 1, "")
    if word in FACTOR_VERBS:
        return view.pos[index] in FACTOR_TAG_IDS  # "doubled", not "a double murder"
    if word in MULTIPLIER_ADVERBS:
        return following in MULTIPLIER_COMPLEMENTS  # "twice the size", not "met twice"
    if word in VAGUE_SCALES:
        return view.pos[index] in VAGUE_SCALE_TAG_IDS
    if word in PERIOD_FRACTIONS:  # "half of", "half a million", "a quarter million"
        return following in SCALE_WORDS or word == "half" and _is_share(view, index) and (
            view.lower_at(index - 1, "") not in PART_DETERMINERS)
    if word in INDEFINITE_ARTICLES:
        return following in ARTICLE_NUMBERS or (
            following in DENOMINATORS and (_is_share(view, index + 1)
                                           or view.lower_at(index + 2, "") in SCALE_WORDS
                                           or view.lower_at(index - 1, "") == "by"))
    return True


def _is_designation(view: DocView, index: int) -> bool:
    """A number written against a hyphen after letters or another number: it names something
    ("F-16", "COVID-19", "mid-2019") or ends a tally that is no range ("passed 52-48"); a
    range's second number never starts a quantity of its own."""
    if index < 2 or view.orth[index - 1] not in HYPHENS:
        return False
    before = view.orth[index - 2]
    return (before.isalpha() or before[-1:].isdecimal()) and (
        _touches(view, index - 2) and _touches(view, index - 1))


def _touches(view: DocView, index: int) -> bool:
    """Whether token `index` is written against the next one, with no space."""
    return view.idx[index] + len(view.orth[index]) == view.idx[index + 1]


def _is_share(view: DocView, index: int) -> bool:
    """"half of", "by half", "a quarter said": a fraction word used as a share, not a period
    ("the first half", "a quarter later")."""
    return (
        view.lower_at(index + 1, "") in SHARE_FOLLOWERS
        or view.lower_at(index - 1, "") in SHARE_PRECEDERS  # "by half", "more than half"
        or view.dep[index] in SHARE_DEPS
    )


def _read_at(view: DocView, index: int) -> QuantitySpan | None:
    """The quantity that starts at token `index`, read over the words of its sentence."""
    sentence = view.sentence(index)
    # the grammar reads the word before a number and its qualifier ("by as much as 5")
    words, starts = _sentence_words(view, max(sentence.start, index - MAX_QUALIFIER_WORDS - 1),
                                    sentence.start, sentence.end)
    start_char = view.idx[index]
    position = bisect_left(starts, start_char)
    if position >= len(words) or starts[position] != start_char:
        return None
    # "X to Y" needs the parse to tell a range from a change and a level; most have no "to"
    after_change = "to" in view.lower[index + 1:min(sentence.end, index + _TO_LOOKAHEAD)] and (
        _after_change(view, index))
    reading = read_quantity(words, position, _sentence_context(view, sentence.start,
                                                               sentence.end), after_change)
    if reading is None:
        return None
    end_char = words[position + reading.used - 1].end
    end = _token_end(view, end_char, sentence.end)
    if end is None:
        return None
    trailing_end = end
    if reading.trailing:
        trailing_end = _token_end(view, words[position + reading.used + reading.trailing - 1].end,
                                  sentence.end) or end
    qualifier_start = _qualifier_start(view, index)
    quantity = reading.quantity
    if _counts_millions(view, quantity, end):
        quantity = as_millions(quantity)
    if not reading.trailing and qualifier_start < index:
        bound, _ = leading_bound([*view.lower[qualifier_start:index], ""])
        if bound != "exact":
            quantity = quantity._replace(bound=bound)
    return QuantitySpan(qualifier_start, index, end, trailing_end, quantity, end_char)


def _counts_millions(view: DocView, quantity: Quantity, end: int) -> bool:
    """"4.5m passengers", "5m self-employed workers", "1m of the 3m doses", "a 1.5m-strong
    workforce": a short "m" that counts a plural noun, or a group's strength, is millions, as
    beside money; the grammar, which sees no parts of speech, reads metres there."""
    if not is_short_metres(quantity) or end >= len(view.orth):
        return False
    if view.orth[end] in HYPHENS and view.lower_at(end + 1, "") == "strong":
        return True
    doc = view.doc
    counted = [doc[end]]
    if view.lower[end] == "of":  # a partitive: its object is what is counted
        counted = [child for child in doc[end].children if child.dep_ == "pobj"]
    elif doc[end - 1].head.i > end:  # the noun the amount modifies, past its adjectives
        counted.append(doc[end - 1].head)
    return any(noun.tag_ in PLURAL_TAGS and noun.lower_ not in DISTANCE_EVENT_NOUNS
               for noun in counted)


def is_short_metres(quantity: Quantity) -> bool:
    """Whether the grammar read metres from a short "m", which may be the scale million."""
    return quantity.unit == "m" and quantity.unit_text == "m"


def as_millions(quantity: Quantity) -> Quantity:
    """A quantity read in metres as millions of a count: the "m" was the scale."""
    value, low, high = (None if number is None else clean(number * 1_000_000)
                        for number in (quantity.value, quantity.low, quantity.high))
    return quantity._replace(value=value, low=low, high=high, unit="count", unit_text=None,
                             dimension="count")


def _sentence_words(view: DocView, first: int, start: int, end: int
                    ) -> tuple[list[Word], list[int]]:
    """The words of the sentence of tokens [start, end) from token `first` on (a little before
    its first quantity), and their start offsets, split once for all its quantities."""
    key = ("split words", start)
    if key not in view.cache:
        words = split_words(view.text, view.idx[first], _end_char(view, end - 1))
        view.cache[key] = words, [word.start for word in words]
    return view.cache[key]


def _end_char(view: DocView, token: int) -> int:
    return view.idx[token] + len(view.orth[token])


def _token_end(view: DocView, end_char: int, limit: int) -> int | None:
    """The token after the one that holds the character before `end_char`; None when
    `end_char` falls inside a token before a letter or digit ("1990s" is not the number 1990
    and something; "£61m." at a sentence's end is "£61m", "500 USD,100" is "500 USD")."""
    token = bisect_left(view.idx, end_char, hi=limit) - 1
    rest = view.orth[token][end_char - view.idx[token]:]
    if rest[:1].isalnum():
        return None
    return token + 1


def _after_change(view: DocView, index: int) -> bool:
    """Whether a change word governs the quantity at `index`: "rose 4p to 245p", "up from 5%",
    "increased from 2 to 3": then "X to Y" is a change and a new level, not a range (the
    quantity grammar still joins "rose 10 to 15 percent", where the unit is written once)."""
    before = index - qualifier_length(view.orth[max(0, index - MAX_QUALIFIER_WORDS):index])
    previous = view.lower_at(before - 1, "")
    if previous == "from":
        if view.lower_at(before - 2, "") in CHANGE_ADVERBS:
            return True
        head = view.head[before - 1]
        return view.lemma[head].lower() in CHANGE_LEMMAS or view.lower[head] in CHANGE_ADVERBS
    return previous in CHANGE_ADVERBS or (
        before > 0 and view.pos[before - 1] == VERB
        and view.lemma[before - 1].lower() in CHANGE_LEMMAS
    )


def _qualifier_start(view: DocView, start: int) -> int:
    """Include qualifier words before the quantity ("nearly", "just over", "an estimated"),
    but not the "up to" of a verb that rises ("edged up to 4.1%" is a level, not "at most")."""
    if view.lower_at(start - 1, "") == "between":
        return start - 1
    first = start - qualifier_length(view.orth[max(0, start - MAX_QUALIFIER_WORDS):start])
    if view.lower_at(first, "") == "up" and _rises(view, first - 1):
        return start
    return first


def _rises(view: DocView, index: int) -> bool:
    """Whether token `index` (or the one before a "back") is a verb whose particle is "up"."""
    if view.lower_at(index, "") == "back":
        index -= 1
    return index >= 0 and view.pos[index] == VERB and (
        view.lemma[index].lower() in PARTICLE_UP_VERBS)


def _sentence_context(view: DocView, start: int, end: int) -> _SentenceContext:
    """One context per sentence, shared by its quantities."""
    key = ("context", start)
    if key not in view.cache:
        view.cache[key] = _SentenceContext(view, start, end)
    return view.cache[key]


class _SentenceContext:
    """What the sentence and story around a quantity say, for ambiguous units; each part is
    computed on first use and kept for the sentence's other quantities."""

    def __init__(self, view: DocView, start: int, end: int) -> None:
        self.view, self.start, self.end = view, start, end

    def places(self) -> Collection[str]:
        return self._cached(("place names", self.start), lambda: _place_names(
            self.view, self.start, self.end))

    def story_places(self) -> Collection[str]:
        return self._cached(("place names", None), lambda: _place_names(
            self.view, 0, len(self.view.orth)))

    def words(self) -> Collection[str]:
        return self._cached(("word set", self.start), lambda: set(
            self.view.lower[self.start:self.end]))

    def _cached(self, key: tuple, compute):
        cache = self.view.cache
        if key not in cache:
            cache[key] = compute()
        return cache[key]


def _place_names(view: DocView, start: int, end: int) -> list[str]:
    return [view.span_text(ent.start, ent.end).lower() for ent in view.entities_within(start, end)
            if ent.label_ in PLACE_LABELS]
