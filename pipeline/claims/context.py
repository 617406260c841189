"""What the claim rules read around a quantity: its sentence (or a window of a long one),
the entities in it, and the tokens next to it, through the Doc's `DocView`."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from typing import TypeVar

from spacy.tokens import Doc, Span

from pipeline.claims.spans import QuantitySpan, quantity_spans
from pipeline.components.doc_view import DocView, view_of
from pipeline.quantities import (
    MAX_QUALIFIER_WORDS,
    qualifier_length,
)
from pipeline.quantities.numbers import (
    DIGIT_WORDS,
    TENS_WORDS,
    is_digits,
)
from pipeline.records import EntityMention, TextSpan

T = TypeVar("T")

SENTENCE_CAP = 1_000  # characters of a claim's `sentence` field at most (docs/contract.md)


def per_sentence(sentence: Span, name: str, compute: Callable[[Span], T]) -> T:
    """`compute(sentence)`, once per sentence while the extractor runs on its Doc."""
    cache = view_for(sentence.doc).cache
    key = (name, sentence.start)
    if key not in cache:
        cache[key] = compute(sentence)
    return cache[key]


def sentence_around(sentence: Span, quantity: TextSpan
                    ) -> tuple[TextSpan, tuple[EntityMention, ...]]:
    """The claim's `sentence` and `entities` fields: the whole sentence and its entities, or,
    for a "sentence" longer than SENTENCE_CAP characters (a table or list run together), a
    window of that size around the quantity and the entities inside it. Every claim record
    then has a bounded size, and a document's output grows linearly with its text."""
    whole = per_sentence(sentence, "text", text_span)
    mentions = per_sentence(sentence, "entities", entity_mentions)
    if whole.end - whole.start <= SENTENCE_CAP:
        return whole, mentions
    middle = (quantity.start + quantity.end) // 2
    start = max(whole.start, min(middle - SENTENCE_CAP // 2, whole.end - SENTENCE_CAP))
    start, end = min(start, quantity.start), max(start + SENTENCE_CAP, quantity.end)
    text = view_for(sentence.doc).text
    starts = per_sentence(sentence, "entity starts", lambda _: [m.start for m in mentions])
    inside = mentions[bisect_left(starts, start):bisect_left(starts, end)]
    return (TextSpan(text[start:end], start, end),
            tuple(mention for mention in inside if mention.end <= end))


def entity_mentions(sentence: Span) -> tuple[EntityMention, ...]:
    doc = sentence.doc
    return tuple(EntityMention(text_of(doc, ent.start, ent.end), ent.label_, ent.start_char,
                               ent.end_char) for ent in ents_of(sentence))


def ents_of(span: Span) -> list[Span]:
    """The entities wholly inside `span`. (`Span.ents` rebuilds every entity of the Doc on each
    call, which made long documents quadratic; the extractor indexes them once per Doc.)"""
    return view_for(span.doc).entities_within(span.start, span.end)


def text_span(span: Span, end_char: int | None = None) -> TextSpan:
    """Offsets and text of a span, without the whitespace tokens at its edges; `end_char`
    ends it inside its last token."""
    view, start, end = view_for(span.doc), span.start, span.end
    while end > start + 1 and view.orth[end - 1].isspace():
        end -= 1
    first, last = view.char_offsets(start, end)
    if end_char is not None:
        last = min(last, end_char)
    return TextSpan(view.text[first:last], first, last)


def view_for(doc: Doc) -> DocView:
    """The view attached while a component runs, or else a detached one for this call."""
    return view_of(doc) or DocView(doc)


def sentence_of(span: Span) -> Span:
    """`span.sent` (the sentence of its first token), without walking the tokens again for
    every claim."""
    return view_for(span.doc).sentence(span.start)


def text_of(doc: Doc, start: int, end: int) -> str:
    """`doc[start:end].text`, sliced from the view's text."""
    return view_for(doc).span_text(start, end)


def text_span_or_none(span: Span | None) -> TextSpan | None:
    return text_span(span) if span is not None and len(span) else None


# Reading tokens ------------------------------------------------------------------------------


def lower_at(doc: Doc, index: int) -> str:
    return view_for(doc).lower_at(index, "")


def is_numeral_word(word: str) -> bool:
    """A number by itself: digits ("1,250", "1.2bn") or a number word ("five", "twenty")."""
    return is_digits(word) or word in DIGIT_WORDS or word in TENS_WORDS


def has_digit_or_number_word(word: str) -> bool:
    return is_numeral_word(word) or any(character.isdigit() for character in word)


def is_numeral_at(view: DocView, index: int) -> bool:
    return 0 <= index < len(view.lower) and is_numeral_word(view.lower[index])


def quantity_starting_at(doc: Doc, index: int) -> QuantitySpan | None:
    """The quantity whose number begins at token `index`, if the scanner found one."""
    if not is_numeral_at(view_for(doc), index):
        return None
    return next((found for found in quantity_spans(doc) if found.start == index), None)


def before_qualifier_words(view: DocView, start: int) -> int:
    """The first of the qualifier words just before token `start` ("just over" 12)."""
    return start - qualifier_length(view.orth[max(0, start - MAX_QUALIFIER_WORDS):start])
