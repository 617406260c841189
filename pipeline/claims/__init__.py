"""Numeric claims: the `numeric_claims` component, which finds every quantity a text asserts.

It reads the parse and the entities of a Doc and sets `doc._.claims`, a list of `Claim`
records (plain data: offsets and values, no spaCy objects), in stages: find the quantity spans
(`spans`), drop those that are no claims (`filters`), attach what each is about (`counted`,
`subject`, `change`, `time`, `source`), set the extension. The value of each quantity comes from
`pipeline.quantities`; what the rules read around it comes from `context`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.claims.change import change_of
from pipeline.claims.context import (
    lower_at,
    sentence_around,
    sentence_of,
    text_of,
    text_span,
    text_span_or_none,
    view_for,
)
from pipeline.claims.counted import counted_in_subject, counted_noun, is_count_noun
from pipeline.claims.filters import (
    is_age_noun,
    is_appositive_age,
    is_claim,
    is_clause_subject,
    is_compound_modifier,
    is_possible_age,
    is_stated_age,
    is_stated_value,
)
from pipeline.claims.source import source_of
from pipeline.claims.spans import QuantitySpan, as_millions, is_short_metres, quantity_spans
from pipeline.claims.subject import subject_of
from pipeline.claims.time import is_comparison, time_of
from pipeline.components.doc_view import viewing
from pipeline.quantities import (
    in_si_units,
)
from pipeline.records import Claim

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)


@Language.factory(
    "numeric_claims",
    default_config={"attach_time": True, "attach_source": True},
    requires=["token.dep", "token.pos", "doc.sents", "doc.ents"],
    assigns=["doc._.claims", "doc._.quantity_spans"],
)


def make_claim_extractor(
    nlp: Language, name: str, attach_time: bool, attach_source: bool
) -> ClaimExtractor:
    return ClaimExtractor(attach_time=attach_time, attach_source=attach_source)



class ClaimExtractor:
    """Sets `doc._.claims`; usable on any parsed Doc with entities, with or without the CLI."""

    def __init__(self, attach_time: bool = True, attach_source: bool = True) -> None:
        self.attach_time = attach_time
        self.attach_source = attach_source

    def __call__(self, doc: Doc) -> Doc:
        doc._.claims = self.extract(doc)
        return doc

    def extract(self, doc: Doc) -> list[Claim]:
        with viewing(doc):  # Spans must not outlive this call in the Doc's data
            return self._extract(doc)

    def _extract(self, doc: Doc) -> list[Claim]:
        found = []
        view = view_for(doc)
        # what the last count counted, and where its sentence starts: "9 people died and 27"
        last_counted: Span | None = None
        counted_in = -1
        for quantity_span in quantity_spans(doc):
            sentence_start = view.sentence(quantity_span.start).start
            made = self._claim(doc, quantity_span,
                               last_counted if counted_in == sentence_start else None)
            if made is not None:
                claim, counted = made
                if counted is not None:
                    last_counted, counted_in = counted, sentence_start
                found.append((quantity_span.qualifier_start, doc[quantity_span.start:
                                                                 quantity_span.end], claim))
        # Times are chosen knowing all claims: another claim's duration is not a time, and a
        # comparison value keeps the time that follows it.
        comparisons = [span.start for qualifier, span, _ in found if is_comparison(doc, qualifier)]
        quantities = [(span.start, span.end) for _, span, _ in found]
        claims: list[Claim] = []
        for qualifier_start, span, claim in found:
            if self.attach_time:
                time = time_of(span, comparisons, quantities)
                claim = claim._replace(time=text_span_or_none(time))
            if claims and _restates(doc, qualifier_start, claims[-1], claim):
                claim = claim._replace(change=claims[-1].change)
            if claims and _shares_rate(doc, claims[-1], claim):
                claims[-1] = claims[-1]._replace(unit=claim.unit, dimension=claim.dimension)
            claims.append(claim)
        return claims

    def _claim(self, doc: Doc, found: QuantitySpan, last_counted: Span | None
               ) -> tuple[Claim, Span | None] | None:
        """The claim of a quantity, and the noun it counts; `last_counted` is what the count
        before it in the sentence counted, for a number that leaves its noun out."""
        qualifier_start, start, end, trailing_end, quantity, end_char = found
        span = doc[start:end]
        if is_appositive_age(span, quantity) or is_stated_age(span, quantity):
            quantity = quantity._replace(unit="year", dimension="age")  # "Smith, 58, said"
        if not is_claim(span, quantity):
            return None
        counted = counted_noun(doc[start:trailing_end]) if quantity.unit == "count" else None
        if counted is not None and is_compound_modifier(span, counted, quantity):
            return None
        subject = subject_of(span, counted)
        if counted is None and is_count_noun(subject) and is_short_metres(quantity):
            quantity = as_millions(quantity)  # "the population grew to 67.3m"
        if counted is None and is_age_noun(subject) and is_possible_age(span, quantity):
            quantity = quantity._replace(unit="year", dimension="age")  # "the average age is 58"
        if quantity.unit == "count" and counted is None and quantity.value is not None:
            counted = counted_in_subject(subject)
            if counted is None and last_counted is not None and is_clause_subject(span):
                counted = last_counted  # "Nine people died and 27 were injured"
                subject = subject_of(span, counted)
            if counted is None and not is_stated_value(span, subject):
                return None  # a bare number with neither unit nor counted noun asserts nothing
        sentence = sentence_of(span)
        si_value, si_low, si_high, si_unit = in_si_units(quantity)
        quantity_text = text_span(span, end_char)
        sentence_text, mentions = sentence_around(sentence, quantity_text)
        claim = Claim(
            sentence=sentence_text,
            quantity=quantity_text,
            value=quantity.value,
            low=quantity.low,
            high=quantity.high,
            unit=quantity.unit,
            unit_text=quantity.unit_text,
            dimension=quantity.dimension,
            si_value=si_value,
            si_low=si_low,
            si_high=si_high,
            si_unit=si_unit,
            counted=text_of(doc, counted.start, counted.end) if counted is not None else None,
            bound=quantity.bound,
            change=quantity.change or change_of(span, qualifier_start),
            subject=text_span_or_none(subject),
            time=None,
            source=text_span_or_none(source_of(span)) if self.attach_source else None,
            entities=mentions,
        )
        return claim, counted



def _shares_rate(doc: Doc, previous: Claim, claim: Claim) -> bool:
    """"from $7.25 to $15 an hour": the rate written once, after the second amount, is the
    first one's too (amounts with no SI value only, so no SI field goes stale)."""
    text, start = doc.text, previous.quantity.start
    return ("/" in claim.unit and claim.unit.split("/", 1)[0] == previous.unit
            and previous.si_unit is None and claim.si_unit is None
            and text[previous.quantity.end:claim.quantity.start].strip().lower() == "to"
            and text[max(0, start - 32):start].rstrip().lower().endswith("from"))


def _restates(doc: Doc, qualifier_start: int, previous: Claim, claim: Claim) -> bool:
    """"rose $2.15, or 2.7%": the second figure is the same change in another unit."""
    return (
        lower_at(doc, qualifier_start - 1) == "or" and lower_at(doc, qualifier_start - 2) == ","
        and previous.change is not None and claim.change is None
        and previous.quantity.start >= sentence_of(doc[qualifier_start:qualifier_start + 1]
                                                 ).start_char
    )
