"""When a claim holds: the nearest date or time of its sentence that says so."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span

from pipeline.claims.context import ents_of, lower_at, per_sentence, sentence_of, view_for
from pipeline.claims.vocabulary import (
    COMPARED_PREPOSITIONS,
    COMPARISON_WORDS,
    FREQUENCY_WORDS,
    NOT_TIME_PRECEDERS,
    NOT_TIME_PREPOSITIONS,
    REPORTING_VERBS,
    TIME_LABELS,
    TIME_PREPOSITIONS,
    TIME_RATE_WORDS,
    TIME_UNIT_WORDS,
    YEAR_WORDS,
)


def is_comparison(doc: Doc, qualifier_start: int) -> bool:
    """A quantity given for comparison: "up from 54%", "compared with 3%", "versus 12"."""
    previous = lower_at(doc, qualifier_start - 1)
    return previous in COMPARISON_WORDS or (
        previous in COMPARED_PREPOSITIONS and lower_at(doc, qualifier_start - 2) == "compared"
    )


def time_of(
    span: Span, comparisons: list[int] = (), quantities: list[tuple[int, int]] = ()
) -> Span | None:
    """The nearest date or time of the sentence, with its preposition ("In 2022"), that says
    when the claim holds: not a baseline ("from a year earlier"), not when it was reported
    ("said on Friday"), not a rate ("a year"), not another quantity ("about four hours"), and
    not beyond a quantity given for comparison ("61%, up from 54% in 2019")."""
    sentence = sentence_of(span)
    quantities = within(quantities, sentence)
    comparisons = [start for start in comparisons if sentence.start <= start < sentence.end]
    candidates = [
        candidate for ent, candidate in per_sentence(sentence, "times", _sentence_times)
        if (ent.end <= span.start or ent.start >= span.end)
        and not any(start < ent.end and ent.start < end for start, end in quantities)
        and not any(min(ent.end, span.end) <= start < max(ent.start, span.start)
                    for start in comparisons)
    ]
    if not candidates:
        return None

    def distance(candidate: Span) -> tuple[int, int]:
        if candidate.start >= span.end:
            return candidate.start - span.end, 0
        return span.start - candidate.end, 1

    return min(candidates, key=distance)


def _sentence_times(sentence: Span) -> list[tuple[Span, Span]]:
    """The DATE and TIME entities of a sentence that can say when a claim holds, each with
    the phrase that would be given as its time (with its preposition)."""
    times = []
    for ent in ents_of(sentence):
        if ent.label_ in TIME_LABELS and is_time_expression(ent):
            candidate = _with_preposition(ent, sentence)
            if _is_claim_time(candidate):
                times.append((ent, candidate))
    return times


def within(spans: list[tuple[int, int]], sentence: Span) -> list[tuple[int, int]]:
    """The (sorted) token spans that start inside `sentence`, found by bisection."""
    first = bisect_left(spans, (sentence.start, -1))
    last = bisect_left(spans, (sentence.end, -1))
    return spans[first:last]


def _with_preposition(ent: Span, sentence: Span) -> Span:
    if ent.start > sentence.start and ent.doc[ent.start - 1].lower_ in TIME_PREPOSITIONS:
        return ent.doc[ent.start - 1:ent.end]
    return ent


def _is_claim_time(time: Span) -> bool:
    doc = time.doc
    preposition = time[0].lower_ if time[0].lower_ in TIME_PREPOSITIONS else ""
    before = lower_at(doc, time.start - 1)
    if preposition in NOT_TIME_PREPOSITIONS or before in NOT_TIME_PRECEDERS:
        return False  # "up 5% from a year earlier", "more than in 2019", "part of the week"
    governor = time.root.head if time.root.pos_ == "ADP" else time.root
    governor = governor.head if governor.pos_ == "ADP" else governor
    # "the ministry said on Friday": a time after a reporting verb dates the report
    return not (governor.lemma_ in REPORTING_VERBS and governor.i < time.start)


def is_time_expression(ent: Span) -> bool:
    """DATE entities that are not a time: "year-on-year", "annual", "two-day", "a year"."""
    view = view_for(ent.doc)
    lower = view.lower[ent.start:ent.end]
    words = set(lower)
    if words & FREQUENCY_WORDS:
        return False
    if "on" in words and "year" in words or (len(lower) == 1 and lower[0] in YEAR_WORDS):
        return False
    if len(lower) == 2 and lower[0] in TIME_RATE_WORDS and lower[1] in TIME_UNIT_WORDS:
        return False  # a rate: "20,000 tonnes a year"
    return not (
        len(lower) == 3 and view.orth[ent.start + 1] == "-" and lower[2] in TIME_UNIT_WORDS
    )
