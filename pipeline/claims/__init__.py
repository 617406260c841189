"""Numeric claims: a spaCy component that finds every quantity a text asserts.

`numeric_claims` reads the parse and the entities of a Doc and sets `doc._.claims`, a list of
`Claim` records (plain data: offsets and values, no spaCy objects). The value of each quantity
comes from `quantities.parse_quantity`; this module decides where a quantity is, whether it is
a claim at all, and what it is about (subject, counted noun, change, time, source).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from typing import TypeVar

from spacy.language import Language
from spacy.symbols import ADJ, ADP, DET, NOUN, PROPN, PUNCT, VERB
from spacy.tokens import Doc, Span, Token

from pipeline.claims.lexicon import (
    CHANGE_NOUNS,
    CHANGE_VERBS,
    CHANGE_VERBS_WITH_BY,
    CUT_VERBS,
    INSTRUMENT_NOUNS,
)
from pipeline.claims.spans import QuantitySpan, quantity_spans
from pipeline.components.doc_view import DocView, view_of, viewing
from pipeline.quantities import (
    MAX_QUALIFIER_WORDS,
    Quantity,
    in_si_units,
    qualifier_length,
    unit_info,
)
from pipeline.quantities.numbers import (
    DIGIT_WORDS,
    FACTOR_VERBS,
    SCALE_ABBREVIATIONS,
    TENS_WORDS,
    is_digits,
)
from pipeline.quantities.units import is_unit_word, unit_words
from pipeline.records import Claim, EntityMention, TextSpan

PERCENT_TOKENS = {"%", "percent", "pct"}
# Nouns whose value is a count: a bare number can be their value.
COUNT_NOUNS = {"number", "total", "tally", "count", "population", "toll", "headcount",
               "workforce", "membership", "turnout", "attendance", "enrolment", "enrollment",
               "caseload", "casualties", "arrivals", "deaths", "visitors"}
# Nouns that name a measure rather than the thing measured: "a record high of $24 billion".
MEASURE_NOUNS = {
    "high", "low", "record", "total", "level", "sum", "amount", "figure", "value", "rate",
    "tally", "peak", "equivalent", "worth", "estimate", "average", "maximum", "minimum",
    "number", "share", "proportion", "percentage", "portion", "part", "fraction", "majority",
    "minority", "half", "third", "quarter",
}
MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
}
# Words before a number that make it an identifier, not an amount: "page 12", "Flight 370".
IDENTIFIER_WORDS = {
    "no", "no.", "nos", "number", "page", "pages", "section", "article", "chapter",
    "paragraph", "flight", "route", "room", "line", "item", "row", "table", "figure", "fig",
    "vol", "volume", "rule", "resolution", "exit", "gate", "platform", "channel", "phase",
    "stage", "grade", "category", "class", "model", "version", "episode", "season", "lot",
    "apartment", "suite", "highway", "bus", "#", "tel", "phone", "call", "code", "term",
    "level", "track", "game", "week", "day", "round", "district", "ward", "precinct", "unit",
}
# Entity labels that are names: a number inside them belongs to the name ("Group of 20").
NAME_LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT",
               "WORK_OF_ART", "LAW", "LANGUAGE"}
TIME_PREPOSITIONS = {"in", "on", "at", "during", "over", "since", "by", "until", "through",
                     "throughout", "for", "from", "between", "within", "as", "of", "before",
                     "after", "till"}
TIME_MODIFIERS = {"past", "last", "next", "previous", "coming", "recent", "first", "final",
                  "following", "preceding", "latest"}
# Verbs that say when a figure was made public, not when it holds: "said on Friday".
REPORTING_VERBS = {"say", "report", "announce", "publish", "release", "tell", "add", "state",
                   "show", "estimate", "find", "write", "confirm", "disclose"}
# Verbs whose subject is the source of the figures in their sentence.
SOURCE_VERBS = {"say", "report", "show", "estimate", "expect", "forecast", "predict", "project",
                "find", "tell", "announce", "add", "state", "write", "calculate", "note", "warn",
                "claim", "confirm", "reveal", "indicate", "suggest", "publish", "disclose"}
SPEECH_VERBS = {"say", "report", "estimate", "announce", "state", "tell", "claim", "note",
                "add", "write", "show", "find", "calculate", "predict", "forecast", "project",
                "warn", "according"}
# Words after "according to X" that name the kind of source, not the source: "World Bank data".
SOURCE_KINDS = {"data", "figures", "statistics", "estimates", "estimate", "report", "reports",
                "survey", "study", "research", "analysis", "calculations", "numbers", "count"}
# Nouns that can be the source of a figure when they say, report or find it.
SOURCE_NOUNS = {"government", "ministry", "official", "agency", "bank", "analyst", "office",
                "committee", "company", "poll", "survey", "study", "report", "data", "census",
                "statistics", "figure", "researcher", "economist", "spokesman", "spokeswoman",
                "spokesperson", "department", "commission", "authority", "institute"}
POSSESSIVE_PRONOUNS = {"its", "their", "his", "her", "our", "my", "your"}
PERSONAL_PRONOUNS = {"he", "she", "i", "you", "we", "they"}
PRONOUNS = {"it", "they", "he", "she", "we", "i", "you", "this", "that", "these", "those",
            "which", "who", "whom", "what", "there", "its", "their"}
T = TypeVar("T")

SENTENCE_CAP = 1_000  # characters of a claim's `sentence` field at most (docs/contract.md)
# Dimensions with a physical unit that are not measures in OntoNotes' sense (they are DATEs).
NOT_MEASURES = {"duration", "age"}
TIME_UNIT_WORDS = unit_words("duration")
# Words that begin a rate's "per ..." after an amount: "$68 a barrel", "$950 per square foot".
RATE_WORDS = {"a", "an", "per", "each"}
_YEAR = re.compile(r"1[0-9]{3}|20[0-9]{2}|2100")


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


@Language.factory(
    "quantity_entities",
    requires=["doc.ents", "token.pos"],
    assigns=["doc.ents", "doc._.quantity_spans"],
)
def make_quantity_entities(nlp: Language, name: str) -> QuantityEntities:
    return QuantityEntities()


class QuantityEntities:
    """Numeric entities that agree with the quantities the text states: the span of the whole
    quantity with its qualifier, labelled by its unit ("Rs 300 crore" MONEY, "0.25 pp" and
    "about 40 per cent" PERCENT, "220 MW" QUANTITY), where the model split or mislabelled it."""

    # Dimensions and the entity label a quantity of them has (OntoNotes: physical measures,
    # temperatures included, are QUANTITY); counts, durations, ages and multiples keep the
    # model's reading.
    LABELS = {"percent": "PERCENT", "currency": "MONEY"}
    PHYSICAL = "QUANTITY"
    REPLACEABLE = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "DATE", "ORG", "NORP", "GPE",
                   "PRODUCT", "PERSON"}

    def __call__(self, doc: Doc) -> Doc:
        with viewing(doc):
            self._merge(doc)
        return doc

    def _merge(self, doc: Doc) -> None:
        owner = {token: ent for ent in doc.ents for token in range(ent.start, ent.end)}
        changed = False
        view = view_of(doc)
        for qualifier_start, start, end, _, quantity, _ in quantity_spans(doc):
            label = self.label_of(quantity)
            if label is None:
                continue
            end = self._entity_end(view, start, end, quantity)
            span = Span(doc, qualifier_start, end, label=label)
            overlapping = {owner[token] for token in range(qualifier_start, end) if token in owner}
            if overlapping == {span} or any(not self._replaceable(ent, span)
                                            for ent in overlapping):
                continue
            for ent in overlapping:
                for token in range(ent.start, ent.end):
                    owner.pop(token, None)
            owner.update((token, span) for token in range(span.start, span.end))
            changed = True
        if changed:  # setting entities walks every token: only when something changed
            doc.set_ents(sorted(set(owner.values()), key=lambda ent: ent.start))

    @staticmethod
    def _entity_end(view: DocView, start: int, end: int, quantity: Quantity) -> int:
        """An entity ends before a rate's words, as OntoNotes marks "$72.40" in "$72.40 a
        barrel"; a rate written as one unit ("km/h", "bpd") stays whole."""
        if "/" not in quantity.unit:
            return end
        return next((index for index in range(start + 1, end)
                     if view.lower[index] in RATE_WORDS), end)

    def label_of(self, quantity: Quantity) -> str | None:
        dimension = quantity.dimension.split("/")[0]  # a price "USD/barrel" is money
        if dimension in self.LABELS:
            return self.LABELS[dimension]
        info = unit_info(quantity.unit)
        if dimension not in NOT_MEASURES and info is not None and info.si_unit is not None:
            return self.PHYSICAL
        return None

    def _replaceable(self, ent: Span, span: Span) -> bool:
        """Numeric entities and unit words the model took for names ("MW" as ORG) give way;
        a name that merely touches the quantity does not."""
        if ent.label_ in {"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "DATE"}:
            return True
        return ent.label_ in self.REPLACEABLE and span.start <= ent.start and ent.end <= span.end


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
        for quantity_span in quantity_spans(doc):
            claim = self._claim(doc, quantity_span)
            if claim is not None:
                found.append((quantity_span.qualifier_start, doc[quantity_span.start:
                                                                 quantity_span.end], claim))
        # Times are chosen knowing all claims: another claim's duration is not a time, and a
        # comparison value keeps the time that follows it.
        comparisons = [span.start for qualifier, span, _ in found if _is_comparison(doc, qualifier)]
        quantities = [(span.start, span.end) for _, span, _ in found]
        claims: list[Claim] = []
        for qualifier_start, span, claim in found:
            if self.attach_time:
                time = time_of(span, comparisons, quantities)
                claim = claim._replace(time=_text_span_or_none(time))
            if claims and _restates(doc, qualifier_start, claims[-1], claim):
                claim = claim._replace(change=claims[-1].change)
            claims.append(claim)
        return claims

    def _claim(self, doc: Doc, found: QuantitySpan) -> Claim | None:
        qualifier_start, start, end, trailing_end, quantity, end_char = found
        span = doc[start:end]
        if _is_appositive_age(span, quantity) or _is_stated_age(span, quantity):
            quantity = quantity._replace(unit="year", dimension="age")  # "Smith, 58, said"
        if not is_claim(span, quantity):
            return None
        counted = counted_noun(doc[start:trailing_end]) if quantity.unit == "count" else None
        if counted is not None and _is_compound_modifier(span, counted, quantity):
            return None
        subject = subject_of(span, counted)
        if quantity.unit == "count" and counted is None and quantity.value is not None:
            counted = _counted_in_subject(subject)
            if counted is None and not _is_stated_value(span, subject):
                return None  # a bare number with neither unit nor counted noun asserts nothing
        sentence = _sentence(span)
        si_value, si_low, si_high, si_unit = in_si_units(quantity)
        quantity_text = _text_span(span, end_char)
        sentence_text, mentions = _sentence_around(sentence, quantity_text)
        return Claim(
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
            counted=_text(doc, counted.start, counted.end) if counted is not None else None,
            bound=quantity.bound,
            change=quantity.change or change_of(span, qualifier_start),
            subject=_text_span_or_none(subject),
            time=None,
            source=_text_span_or_none(source_of(span)) if self.attach_source else None,
            entities=mentions,
        )


def _is_stated_value(span: Span, subject: Span | None) -> bool:
    """A bare number that a sentence states as the value of a noun: "His score is 200", "the
    index closed at 4,512", "the Nikkei rose to 38,500", "the score is equal to 30": the
    number hangs from a verb whose subject is that noun, not from a noun of its own."""
    if subject is None:
        return False
    token = _anchor(span)
    for _ in range(4):
        if token.dep_ not in _VALUE_DEPS or token.head.i == token.i:
            return False
        token = token.head
        if token.pos_ in {"VERB", "AUX"}:
            return subject.root in token.children or subject.root.head == token
    return False


# Dependencies through which a number hangs from the verb that states it.
_VALUE_DEPS = {"attr", "dobj", "pobj", "prep", "acomp", "quantmod", "advmod", "npadvmod",
               "conj", "cc"}


def _is_stated_age(span: Span, quantity: Quantity) -> bool:
    """"She is 45", "he turns 60", "He will be 30 by the end of the year": a bare whole number
    that a person is, or turns."""
    if not _is_possible_age(span, quantity):
        return False
    anchor = _anchor(span)
    verb = anchor.head
    if anchor.dep_ not in {"attr", "dobj", "acomp"} or verb.lemma_ not in {"be", "turn"}:
        return False
    return any(child.dep_ == "nsubj" and (child.lower_ in PERSONAL_PRONOUNS
                                          or child.ent_type_ == "PERSON")
               for child in verb.children)


def _is_possible_age(span: Span, quantity: Quantity) -> bool:
    """A bare whole number of one token that a person's age could be."""
    return (quantity.unit == "count" and span.end - span.start == 1
            and isinstance(quantity.value, int) and 0 < quantity.value < 125)


def _is_appositive_age(span: Span, quantity: Quantity) -> bool:
    """"Smith, 58, said": a bare whole number between commas right after a person's name is
    the person's age."""
    view = _view(span.doc)
    start, end = span.start, span.end
    if not _is_possible_age(span, quantity):
        return False
    return (view.orth[start - 1:start] == [","] and view.orth[end:end + 1] == [","]
            and start >= 2 and view.ent_type[start - 2] == "PERSON")


def _restates(doc: Doc, qualifier_start: int, previous: Claim, claim: Claim) -> bool:
    """"rose $2.15, or 2.7%": the second figure is the same change in another unit."""
    return (
        _lower(doc, qualifier_start - 1) == "or" and _lower(doc, qualifier_start - 2) == ","
        and previous.change is not None and claim.change is None
        and previous.quantity.start >= _sentence(doc[qualifier_start:qualifier_start + 1]
                                                 ).start_char
    )


def _per_sentence(sentence: Span, name: str, compute: Callable[[Span], T]) -> T:
    """`compute(sentence)`, once per sentence while the extractor runs on its Doc."""
    cache = _view(sentence.doc).cache
    key = (name, sentence.start)
    if key not in cache:
        cache[key] = compute(sentence)
    return cache[key]


def _sentence_around(sentence: Span, quantity: TextSpan
                     ) -> tuple[TextSpan, tuple[EntityMention, ...]]:
    """The claim's `sentence` and `entities` fields: the whole sentence and its entities, or,
    for a "sentence" longer than SENTENCE_CAP characters (a table or list run together), a
    window of that size around the quantity and the entities inside it. Every claim record
    then has a bounded size, and a document's output grows linearly with its text."""
    whole = _per_sentence(sentence, "text", _text_span)
    mentions = _per_sentence(sentence, "entities", _entity_mentions)
    if whole.end - whole.start <= SENTENCE_CAP:
        return whole, mentions
    middle = (quantity.start + quantity.end) // 2
    start = max(whole.start, min(middle - SENTENCE_CAP // 2, whole.end - SENTENCE_CAP))
    start, end = min(start, quantity.start), max(start + SENTENCE_CAP, quantity.end)
    text = _view(sentence.doc).text
    starts = _per_sentence(sentence, "entity starts", lambda _: [m.start for m in mentions])
    inside = mentions[bisect_left(starts, start):bisect_left(starts, end)]
    return (TextSpan(text[start:end], start, end),
            tuple(mention for mention in inside if mention.end <= end))


def _entity_mentions(sentence: Span) -> tuple[EntityMention, ...]:
    doc = sentence.doc
    return tuple(EntityMention(_text(doc, ent.start, ent.end), ent.label_, ent.start_char,
                               ent.end_char) for ent in _ents_of(sentence))


def _ents_of(span: Span) -> list[Span]:
    """The entities wholly inside `span`. (`Span.ents` rebuilds every entity of the Doc on each
    call, which made long documents quadratic; the extractor indexes them once per Doc.)"""
    return _view(span.doc).entities_within(span.start, span.end)


def _text_span(span: Span, end_char: int | None = None) -> TextSpan:
    """Offsets and text of a span, without the whitespace tokens at its edges; `end_char`
    ends it inside its last token."""
    view, start, end = _view(span.doc), span.start, span.end
    while end > start + 1 and view.orth[end - 1].isspace():
        end -= 1
    first, last = view.char_offsets(start, end)
    if end_char is not None:
        last = min(last, end_char)
    return TextSpan(view.text[first:last], first, last)


def _view(doc: Doc) -> DocView:
    """The view attached while a component runs, or else a detached one for this call."""
    return view_of(doc) or DocView(doc)


def _sentence(span: Span) -> Span:
    """`span.sent` (the sentence of its first token), without walking the tokens again for
    every claim."""
    return _view(span.doc).sentence(span.start)


def _text(doc: Doc, start: int, end: int) -> str:
    """`doc[start:end].text`, sliced from the view's text."""
    return _view(doc).span_text(start, end)


def _text_span_or_none(span: Span | None) -> TextSpan | None:
    return _text_span(span) if span is not None and len(span) else None


# Reading tokens ------------------------------------------------------------------------------


def _lower(doc: Doc, index: int) -> str:
    return _view(doc).lower_at(index, "")


def _is_numeral_word(word: str) -> bool:
    """A number by itself: digits ("1,250", "1.2bn") or a number word ("five", "twenty")."""
    return is_digits(word) or word in DIGIT_WORDS or word in TENS_WORDS


def _has_digit_or_number_word(word: str) -> bool:
    return _is_numeral_word(word) or any(character.isdigit() for character in word)


def _is_numeral_at(view: DocView, index: int) -> bool:
    return 0 <= index < len(view.lower) and _is_numeral_word(view.lower[index])


def _quantity_starting_at(doc: Doc, index: int) -> QuantitySpan | None:
    """The quantity whose number begins at token `index`, if the scanner found one."""
    if not _is_numeral_at(_view(doc), index):
        return None
    return next((found for found in quantity_spans(doc) if found.start == index), None)


def _before_qualifier_words(view: DocView, start: int) -> int:
    """The first of the qualifier words just before token `start` ("just over" 12)."""
    return start - qualifier_length(view.orth[max(0, start - MAX_QUALIFIER_WORDS):start])


# Deciding what is a claim ---------------------------------------------------------------------


def is_claim(span: Span, quantity: Quantity) -> bool:
    """False for dates, names, identifiers and numbers that only refer ("the two countries")."""
    view = _view(span.doc)
    start, end = span.start, span.end
    if any(view.ent_type[index] in NAME_LABELS and _has_digit_or_number_word(view.lower[index])
           for index in range(start, end)):
        return False  # "Group of 20", "Apollo 11", "COP29"
    previous = view.lower_at(start - 1, "")
    is_count = quantity.unit == "count"
    is_duration = quantity.dimension == "duration"
    if (is_count or is_duration) and (
        previous in IDENTIFIER_WORDS or previous in MONTHS or view.lower_at(end, "") in MONTHS
    ):
        return False  # "page 12", "March 27"
    if is_count and end - start == 1 and _YEAR.fullmatch(view.orth[start]):
        return False  # a year: "in 1995"
    if is_count and end < len(view.orth) and _is_model_designation(view, end):
        return False  # "737 MAX", "A320neo"
    if is_count and any(view.ent_type[index] in {"DATE", "TIME"} for index in range(start, end)):
        return False  # "the 1990s", "a couple of years ago"
    if is_duration and _is_time_expression_number(view, start, end):
        return False  # "over the past 15 years", "a 10-year bond"
    if _is_hyphenated_modifier(view, end, quantity):
        return False  # "two-bedroom flats", "a two-way street"
    if is_count and quantity.value is not None:
        if quantity.value <= 1 and not is_digits(view.lower[start]):
            return False  # "one activist", "one of them"
        if previous in {"the", "both", "these", "those", "their", "its", "our", "his", "her"} and (
            quantity.value == 2
        ):
            return False  # "the two countries"
    return not (
        end - start == 1 and view.lower[start] in FACTOR_VERBS and view.pos[start] == ADJ
    )


def _is_model_designation(view: DocView, index: int) -> bool:
    """An all-capitals word right after a number names a model: "737 MAX", "5 GT"."""
    text, word = view.orth[index], view.lower[index]
    return len(text) > 1 and text.isalpha() and text.isupper() and not (
        is_unit_word(word) or word in SCALE_ABBREVIATIONS or text in SCALE_ABBREVIATIONS
    )


def _is_time_expression_number(view: DocView, start: int, end: int) -> bool:
    """A duration that places the claim in time rather than measuring an event."""
    before = _before_qualifier_words(view, start)
    if view.lower_at(before - 1, "") in {"the", "those", "these"}:
        before -= 1  # "in the three months to June"
    previous, following = view.lower_at(before - 1, ""), view.lower_at(end, "")
    if {previous, view.lower_at(start - 1, "")} & (
        TIME_MODIFIERS | {"in", "within", "over", "during", "since"}
    ):
        return True  # "over three years": the period, not a duration claim
    if following in {"ago", "from"}:
        return True  # "two years ago": a time stamp ("nine days later" is a duration)
    hyphenated = following == "-" or (view.orth[end - 2] == "-" if end - start > 1 else False)
    # "a 10-year bond" names the bond; "a five-year contract" says how long the contract runs
    return hyphenated and (view.lower_at(end, "") in INSTRUMENT_NOUNS
                           or view.lower_at(end + 1, "") in INSTRUMENT_NOUNS)


def _is_hyphenated_modifier(view: DocView, end: int, quantity: Quantity) -> bool:
    """A count joined by a hyphen to the noun it describes: "two-bedroom", "three-point"."""
    return quantity.unit == "count" and view.lower_at(end, "") == "-" and (
        end + 1 < len(view.pos) and view.pos[end + 1] in {NOUN, ADJ, PROPN}
    )


def _is_compound_modifier(span: Span, counted: Span, quantity: Quantity) -> bool:
    """"Two way trade", "a two-way street": a number that modifies a singular noun."""
    return bool(quantity.value and quantity.value > 1 and not _is_plural(counted[-1]))


def _is_plural(noun: Token) -> bool:
    """Plural by tag, or by form where the tagger was misled by a capital ("Homicides fell")."""
    word = noun.lower_
    return (
        noun.tag_ in {"NNS", "NNPS"} or noun.lemma_.lower() != word
        or word in {"people", "police", "staff", "personnel", "cattle", "livestock"}
        or (word.endswith("s") and not word.endswith(("ss", "us", "is")) and noun.is_title)
    )


def counted_noun(span: Span) -> Span | None:
    """What a count counts: "1.5 million Kazakhs", "five customs points", "dozens of people"."""
    doc, view = span.doc, _view(span.doc)
    lower = view.lower_at
    index = span.end
    if lower(index, "") in {"and", "or", "to"}:  # "45 and 50 cases": what the other counts
        other = _quantity_starting_at(doc, index + 1)
        if other is not None and other.quantity.unit == "count":
            return counted_noun(doc[other.start:other.end])
    if lower(index, "") in {"or", "plus"}:  # "30 or so refineries"
        index += 2 if lower(index, "") == "or" else 1
    if lower(index, "") in {"out", "of"}:  # "two out of the five customs points"
        probe = index + 1
        while lower(probe, "") in {"of", "the", "all", "its", "their", "our"} or (
            lower(probe + 1, "") in {"'s", "’s"}
        ):
            probe += 2 if lower(probe + 1, "") in {"'s", "’s"} else 1
        inner = _quantity_starting_at(doc, probe)
        if inner is not None:
            return counted_noun(doc[inner.start:inner.end])
        if lower(index, "") == "of":
            index = probe
    pos, length = view.pos, len(view.pos)
    while index < length and (
        pos[index] in {ADJ, DET} or view.lower[index] in {"-", "more", "other"}
    ) and index - span.end < 4:
        index += 1
    if index >= length or pos[index] not in {NOUN, PROPN} or (
        view.ent_type[index] in {"DATE", "TIME"}
    ):
        return None
    first = index
    while index + 1 < length and view.dep[index] == "compound" and (
        pos[index + 1] in {NOUN, PROPN}
    ):
        index += 1
    return doc[first:index + 1]


def _counted_in_subject(subject: Span | None) -> Span | None:
    """What a bare number counts, read from its subject: "The number of migrants rose to
    45,000" -> "migrants"; "Recorded homicides fell to 14,025" -> "homicides"; "Japan's
    population fell by 531,700" -> "population"."""
    if subject is None:
        return None
    head = subject.root
    if head.lemma_.lower() in {"number", "total", "tally", "count"}:
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                for noun in child.children:
                    if noun.dep_ == "pobj":
                        return _with_compounds(noun)
    if head.lemma_.lower() in COUNT_NOUNS or _is_plural(head):
        return _with_compounds(head)
    return None


def _with_compounds(noun: Token) -> Span:
    start = noun.i
    while start > 0 and noun.doc[start - 1].dep_ == "compound" and (
        noun.doc[start - 1].head.i in range(start, noun.i + 1)
    ):
        start -= 1
    return noun.doc[start:noun.i + 1]


# What the claim is about ----------------------------------------------------------------------


_ANCHOR_DEPS = ("pobj", "dobj", "nsubj", "nsubjpass", "attr", "npadvmod", "nummod", "amod")


def _anchor(span: Span) -> Token:
    """The token through which the quantity hangs in the parse: "0.5" in "by 0.5 pp" even when
    the parser attached "pp" elsewhere."""
    view = _view(span.doc)
    key = ("anchor", span.start, span.end)
    if key not in view.cache:  # asked for by both change_of and subject_of
        outward = [index for index in range(span.start, span.end)
                   if not span.start <= view.head[index] < span.end]
        deps = [view.dep[index] for index in outward]
        anchor = next((outward[deps.index(dep)] for dep in _ANCHOR_DEPS if dep in deps), None)
        view.cache[key] = span.root if anchor is None else span.doc[anchor]
    return view.cache[key]


def change_of(span: Span, qualifier_start: int | None = None) -> str | None:
    """"rose 12%", "grew by one-third", "a 5% increase", "down about 150,000 bpd";
    not "up from 5%" or "rose to 5%"."""
    doc = span.doc
    before = span.start if qualifier_start is None else qualifier_start
    if _lower(doc, before - 1) in {"up", "down"} and _view(doc).dep[before - 1] != "prt" and (
        _lower(doc, before) not in {"from", "to"}
    ):
        return "increase" if _lower(doc, before - 1) == "up" else "decrease"
    if _lower(doc, span.end + 1) == "than":  # "40% more than a year earlier"
        comparative = _lower(doc, span.end)
        if comparative in {"more", "higher", "greater", "bigger", "larger", "up"}:
            return "increase"
        if comparative in {"less", "fewer", "lower", "smaller", "down"}:
            return "decrease"
    previous = _lower(doc, span.start - 1)
    if previous in {"from", "to", "at"}:
        return None
    root = _anchor(span)
    if root.dep_ == "nummod" and root.head.i >= span.end and not root.head.ent_type_:
        root = root.head  # "by 1,200 jobs"
    while before <= root.head.i < span.start and root.head.i != root.i:  # "more than tenfold"
        root = root.head
    if root.lower_ == "between":  # the qualifier "between" was climbed: "fall between 10 and 15%"
        return _direction(root.head, CHANGE_VERBS, CHANGE_VERBS_WITH_BY, CHANGE_NOUNS)
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in {"by", "between"}:
        governor = head.head
        return _direction(governor, CHANGE_VERBS, CHANGE_VERBS_WITH_BY, CHANGE_NOUNS)
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return _direction(head.head, CHANGE_NOUNS)
    if root.dep_ in {"dobj", "npadvmod", "advmod", "attr"} and head.pos_ == "VERB":
        return _direction(head, CHANGE_VERBS, CUT_VERBS)
    if root.dep_ in {"nummod", "amod", "compound", "quantmod"} and head.pos_ == "NOUN":
        return _direction(head, CHANGE_NOUNS)
    for token in span:
        if token.head.pos_ == "NOUN" and token.dep_ in {"amod", "compound"} and (
            token.head.i >= span.end
        ):
            return _direction(token.head, CHANGE_NOUNS)
    return None


def _direction(token: Token, *lexicons: dict[str, set[str]]) -> str | None:
    for lexicon in lexicons:
        for direction, lemmas in lexicon.items():
            if token.lemma_.lower() in lemmas:
                return direction
    return None


def subject_of(span: Span, counted: Span | None) -> Span | None:
    """The noun phrase the quantity measures, found through the dependency parse."""
    partitive = _partitive_of(span)
    if partitive is not None:
        return partitive
    if counted is not None:  # "refugees from Ukraine", "new overnight bus routes"
        return _noun_phrase(counted[-1], exclude=span)
    token = _anchor(span)
    if token.pos_ == "VERB":  # "Transit traffic ... doubled"
        return _grammatical_subject(token)
    for _ in range(8):
        head = token.head
        if head.i == token.i:
            return None
        if head.ent_type_ in {"DATE", "TIME"}:  # "45,000 last year": the parse slipped
            token = head
            continue
        if head.pos_ in {"NOUN", "PROPN"} and not span.start <= head.i < span.end and (
            token.dep_ not in {"nsubj", "nsubjpass", "appos", "conj"}
        ):
            measured = _prepositional_object(head, span)
            if measured is not None:  # "a rise in exports", "a record high of ..."
                return measured
            if head.lemma_.lower() not in MEASURE_NOUNS | _CHANGE_NOUN_LEMMAS:
                return _noun_phrase(head, exclude=span)
        if head.pos_ in {"VERB", "AUX"} and token.lower_ in {"by", "to", "from"}:
            changed = [child for child in head.children if child.dep_ == "dobj"]
            if changed:  # "raised rates by 50 basis points", "cut its rate to 14.75%"
                return _noun_phrase(changed[0], exclude=span)
        if head.pos_ in {"VERB", "AUX"}:
            subject = _grammatical_subject(head)
            if subject is not None:
                return subject
            if head.dep_ not in {"advcl", "xcomp", "conj", "acl", "relcl", "pcomp", "ccomp"}:
                return None
            if head.dep_ == "ccomp" and head.head.lemma_ in SPEECH_VERBS:
                return None  # the subject of "said" is the source, not what is measured
        token = head
    return None


_CHANGE_NOUN_LEMMAS = set().union(*CHANGE_NOUNS.values())


def _prepositional_object(noun: Token, span: Span) -> Span | None:
    """For measure and change nouns: the object of their "of"/"in" ("a rise in exports")."""
    if noun.lemma_.lower() not in MEASURE_NOUNS | _CHANGE_NOUN_LEMMAS:
        return None
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "in"} and not _holds(child, span):
            objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
            if objects:
                return _noun_phrase(objects[0])
    return None


def _partitive_of(span: Span) -> Span | None:
    """"40 percent of Kazakh-Chinese trade" -> "Kazakh-Chinese trade"; "1 in 4 adults"."""
    doc, view = span.doc, _view(span.doc)
    is_ratio = not {"in", "out"}.isdisjoint(view.lower[span.start:span.end])
    if is_ratio and span.end < len(doc) and view.pos[span.end] in {NOUN, PROPN}:
        return _noun_phrase(doc[span.end], exclude=span)
    if _lower(doc, span.end) != "of":
        return None
    of = doc[span.end]
    objects = [child for child in of.children if child.dep_ == "pobj"]
    if not objects:
        return None
    return _noun_phrase(objects[0], exclude=span)


def _grammatical_subject(verb: Token) -> Span | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            if child.lower_ in {"which", "that", "who"} and verb.dep_ == "relcl":
                return _noun_phrase(verb.head)
            if child.lower_ in PRONOUNS:
                return None
            if child.like_num or child.lower_ in PERCENT_TOKENS | {"cent"}:
                share = _of_object(child)  # "40 per cent of adults ... and 28 per cent"
                if share is not None:
                    return share
            return _noun_phrase(child)
    return None


def _of_object(token: Token) -> Span | None:
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
            if objects:
                return _noun_phrase(objects[0])
    return None


def _noun_phrase(head: Token, exclude: Span | None = None) -> Span:
    """The head noun with its modifiers, cut at commas, clauses and the quantity itself."""
    doc = head.doc
    start, end = head.i, head.i + 1
    for child in head.lefts:
        if _holds(child, exclude) or child.dep_ == "nummod":  # "the country's 120 hospitals"
            start = child.right_edge.i + 1
        elif child.dep_ not in {"punct", "cc", "preconj"}:
            start = min(start, child.left_edge.i)
    for child in head.rights:
        if _holds(child, exclude) or child.dep_ not in {"prep", "compound", "amod", "acl"}:
            break
        if child.dep_ == "prep" and any(
            grandchild.ent_type_ in {"DATE", "TIME"} for grandchild in child.children
        ):
            break  # "temperatures over the past 12 months": the time is not the subject
        end = child.right_edge.i + 1
    if exclude is not None and start < exclude.end <= head.i:
        start = exclude.end  # "1 in 4 adults": the adults, not the share
    view = _view(doc)
    for index in range(head.i + 1, end):
        if view.orth[index] in {",", ";", "(", "—", "–"}:
            end = index
            break
    while start < head.i and (
        view.pos[start] in {DET, ADP, PUNCT} or view.lower[start] in POSSESSIVE_PRONOUNS
    ):
        start += 1
    return doc[start:end]


def _holds(token: Token, span: Span | None) -> bool:
    """True when the subtree of `token` contains part of `span`."""
    return span is not None and token.left_edge.i < span.end and span.start <= token.right_edge.i


def _is_comparison(doc: Doc, qualifier_start: int) -> bool:
    """A quantity given for comparison: "up from 54%", "compared with 3%", "versus 12"."""
    previous = _lower(doc, qualifier_start - 1)
    return previous in {"from", "versus", "vs", "vs.", "against"} or (
        previous in {"with", "to"} and _lower(doc, qualifier_start - 2) == "compared"
    )


def time_of(
    span: Span, comparisons: list[int] = (), quantities: list[tuple[int, int]] = ()
) -> Span | None:
    """The nearest date or time of the sentence, with its preposition ("In 2022"), that says
    when the claim holds: not a baseline ("from a year earlier"), not when it was reported
    ("said on Friday"), not a rate ("a year"), not another quantity ("about four hours"), and
    not beyond a quantity given for comparison ("61%, up from 54% in 2019")."""
    sentence = _sentence(span)
    quantities = _within(quantities, sentence)
    comparisons = [start for start in comparisons if sentence.start <= start < sentence.end]
    candidates = [
        candidate for ent, candidate in _per_sentence(sentence, "times", _sentence_times)
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
    for ent in _ents_of(sentence):
        if ent.label_ in {"DATE", "TIME"} and _is_time_expression(ent):
            candidate = _with_preposition(ent, sentence)
            if _is_claim_time(candidate):
                times.append((ent, candidate))
    return times


def _within(spans: list[tuple[int, int]], sentence: Span) -> list[tuple[int, int]]:
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
    before = _lower(doc, time.start - 1)
    if preposition in {"from", "of"} or before in {"than", "of"}:
        return False  # "up 5% from a year earlier", "more than in 2019", "part of the week"
    governor = time.root.head if time.root.pos_ == "ADP" else time.root
    governor = governor.head if governor.pos_ == "ADP" else governor
    # "the ministry said on Friday": a time after a reporting verb dates the report
    return not (governor.lemma_ in REPORTING_VERBS and governor.i < time.start)


def _is_time_expression(ent: Span) -> bool:
    """DATE entities that are not a time: "year-on-year", "annual", "two-day", "a year"."""
    view = _view(ent.doc)
    lower = view.lower[ent.start:ent.end]
    words = set(lower)
    if words & {"annual", "annually", "yearly", "monthly", "weekly", "daily", "quarterly"}:
        return False
    if "on" in words and "year" in words or (len(lower) == 1 and lower[0] in {"year", "years"}):
        return False
    if len(lower) == 2 and lower[0] in {"a", "an", "per"} and lower[1] in TIME_UNIT_WORDS:
        return False  # a rate: "20,000 tonnes a year"
    return not (
        len(lower) == 3 and view.orth[ent.start + 1] == "-" and lower[2] in TIME_UNIT_WORDS
    )


def source_of(span: Span) -> Span | None:
    """Who the figure is attributed to: "according to World Bank data", "the ministry said",
    "data from Kpler showed", "Fitch expects"; None when the sentence names nobody."""
    sentence = _sentence(span)
    source = (_per_sentence(sentence, "source", sentence_source)
              or _per_sentence(sentence, "paragraph source", _paragraph_source))
    if source is not None and source.start <= span.start < source.end:
        return None  # the quantity is part of the phrase: "40 percent of respondents said"
    return source


def _paragraph_source(sentence: Span) -> Span | None:
    """An attribution covers the rest of its paragraph: "..., the ministry said. It added
    that ...", or a paragraph that opens with "Figures released by the government show"."""
    doc = sentence.doc
    while sentence.start > 0 and not _starts_paragraph(doc, sentence.start):
        sentence = _sentence(doc[sentence.start - 1:sentence.start])
        source = _per_sentence(sentence, "source", sentence_source)
        if source is not None:
            return source
    return None


def _starts_paragraph(doc: Doc, index: int) -> bool:
    previous = doc[index - 1]
    return "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text)


def sentence_source(sentence: Span) -> Span | None:
    doc = sentence.doc
    view = view_of(doc)
    if view is None:
        with viewing(doc):
            return sentence_source(sentence)
    verbs = []
    for index in range(sentence.start, sentence.end):
        if view.pos[index] == VERB and view.lemma[index] in SOURCE_VERBS:
            verbs.append(doc[index])
        if view.lower[index] == "according" and index + 1 < sentence.end and (
            view.lower[index + 1] == "to"
        ):
            objects = [child for child in doc[index + 1].children if child.dep_ == "pobj"]
            if objects and objects[0].lower_ not in IDENTIFIER_WORDS:
                return _source_phrase(_noun_phrase(objects[0]))
    verbs.sort(key=lambda verb: (verb.dep_ != "ROOT", verb.i))
    for verb in verbs:
        subject = next(
            (child for child in verb.children if child.dep_ in {"nsubj", "nsubjpass"}), None
        )
        if subject is not None and subject.lower_ not in PRONOUNS:
            named = [child for child in subject.rights if child.dep_ == "appos" and child.ent_type_]
            return _source_phrase(_noun_phrase(named[0] if named else subject))
    return None


def _source_phrase(phrase: Span) -> Span:
    """The one who speaks, not the kind of source: "World Bank data" -> "World Bank",
    "data from Kpler" -> "Kpler", "analysts at Fitch" -> "Fitch", "the statistics institute
    TurkStat" -> "TurkStat"."""
    doc = phrase.doc
    root = phrase.root
    if {root.lemma_.lower(), root.lower_} & (SOURCE_KINDS | {"analyst", "economist", "tally"}):
        for child in root.rights:
            if child.dep_ == "prep" and child.lower_ in {"from", "at", "by", "of"}:
                objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
                if objects:
                    return _source_phrase(_noun_phrase(objects[0]))
    names = [ent for ent in _ents_of(phrase) if ent.label_ in {"ORG", "PERSON", "GPE", "NORP"}]
    if names and names[-1].end == phrase.end and names[-1].start > phrase.start and (
        doc[names[-1].start - 1].pos_ == "NOUN"
    ):
        return names[-1]  # "the environmental group Fundación Tierra"
    end = phrase.end
    while end > phrase.start + 1 and doc[end - 1].lower_ in SOURCE_KINDS | {"tally"}:
        end -= 1
    return doc[phrase.start:end]
