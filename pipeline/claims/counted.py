"""The counted noun of a count ("300 families"), in the quantity's phrase or its subject."""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.claims.context import quantity_starting_at, view_for
from pipeline.claims.filters import is_plural
from pipeline.claims.vocabulary import (
    AMOUNT_JOINERS,
    COUNT_NOUNS,
    COUNT_OF_NOUNS,
    COUNTED_MODIFIER_TAG_IDS,
    COUNTED_MODIFIER_WORDS,
    HYPHENS,
    NOUN_TAG_IDS,
    PARTITIVE_DETERMINERS,
    PARTITIVE_WORDS,
    POSSESSIVE_ENDINGS,
    TIME_LABELS,
    TRAILING_QUALIFIERS,
)
from pipeline.components.doc_view import DocView


def counted_noun(span: Span) -> Span | None:
    """What a count counts: "1.5 million Kazakhs", "five customs points", "dozens of people"."""
    doc, view = span.doc, view_for(span.doc)
    lower = view.lower_at
    index = span.end
    if lower(index, "") in AMOUNT_JOINERS:  # "45 and 50 cases": what the other counts
        other = quantity_starting_at(doc, index + 1)
        if other is not None and other.quantity.unit == "count":
            return counted_noun(doc[other.start:other.end])
    if lower(index, "") in TRAILING_QUALIFIERS:  # "30 or so refineries"
        index += 2 if lower(index, "") == "or" else 1
    if lower(index, "") in PARTITIVE_WORDS:  # "two out of the five customs points"
        probe = index + 1
        while lower(probe, "") in PARTITIVE_DETERMINERS or (
            lower(probe + 1, "") in POSSESSIVE_ENDINGS
        ):
            probe += 2 if lower(probe + 1, "") in POSSESSIVE_ENDINGS else 1
        inner = quantity_starting_at(doc, probe)
        if inner is not None:
            return counted_noun(doc[inner.start:inner.end])
        if lower(index, "") == "of":
            index = probe
    pos, length = view.pos, len(view.pos)
    while index - span.end < 4:
        if index < length and (pos[index] in COUNTED_MODIFIER_TAG_IDS
                               or view.lower[index] in COUNTED_MODIFIER_WORDS):
            index += 1
        elif _is_hyphened_modifier(view, index):
            index += 3
        else:
            break
    if index >= length or pos[index] not in NOUN_TAG_IDS or (
        view.ent_type[index] in TIME_LABELS
    ):
        return None
    first = index
    while index + 1 < length and view.dep[index] == "compound" and (
        pos[index + 1] in NOUN_TAG_IDS
    ):
        index += 1
    return doc[first:index + 1]


def _is_hyphened_modifier(view: DocView, index: int) -> bool:
    """Whether tokens `index`..`index + 2` are a hyphened modifier before a noun: "five million
    self-employed workers", "20 low-income families" (the noun after it is what is counted)."""
    return index + 3 < len(view.pos) and view.orth[index + 1] in HYPHENS and (
        view.pos[index + 3] in NOUN_TAG_IDS)


def counted_in_subject(subject: Span | None) -> Span | None:
    """What a bare number counts, read from its subject: "The number of migrants rose to
    45,000" -> "migrants"; "Recorded homicides fell to 14,025" -> "homicides"; "Japan's
    population fell by 531,700" -> "population"."""
    if subject is None:
        return None
    head = subject.root
    if head.lemma_.lower() in COUNT_OF_NOUNS:
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                for noun in child.children:
                    if noun.dep_ == "pobj":
                        return with_compounds(noun)
    if head.lemma_.lower() in COUNT_NOUNS or is_plural(head):
        return with_compounds(head)
    return None


def is_count_noun(subject: Span | None) -> bool:
    """Whether a subject is a noun whose value is a count ("population", "death toll"), not a
    plural that could as well be measured ("waves", "walls")."""
    return subject is not None and subject.root.lemma_.lower() in COUNT_NOUNS


def with_compounds(noun: Token) -> Span:
    start = noun.i
    while start > 0 and noun.doc[start - 1].dep_ == "compound" and (
        noun.doc[start - 1].head.i in range(start, noun.i + 1)
    ):
        start -= 1
    return noun.doc[start:noun.i + 1]
