"""Which quantities are claims: not identifiers, designations, time expressions or compound
modifiers; bare numbers only when stated as a value or an age."""

from __future__ import annotations

from spacy.symbols import ADJ
from spacy.tokens import Span, Token

from pipeline.claims.change import anchor_of
from pipeline.claims.context import before_qualifier_words, has_digit_or_number_word, view_for
from pipeline.claims.lexicon import (
    INSTRUMENT_NOUNS,
)
from pipeline.claims.vocabulary import (
    _YEAR,
    AGE_NOUNS,
    AGE_VERBS,
    HYPHENED_MODIFIER_TAG_IDS,
    IDENTIFIER_WORDS,
    MONTHS,
    NAME_LABELS,
    NOT_PERSON_LABELS,
    PERIOD_DETERMINERS,
    PERIOD_WORDS,
    PERSON_NOUNS,
    PERSONAL_PRONOUNS,
    PLURAL_NOUNS,
    PLURAL_TAGS,
    PREDICATE_DEPS,
    REFERRING_DETERMINERS,
    SINGULAR_ENDINGS,
    TIME_LABELS,
    TIME_STAMP_WORDS,
    VALUE_DEPS,
    VERB_TAGS,
)
from pipeline.components.doc_view import DocView
from pipeline.quantities import (
    Quantity,
)
from pipeline.quantities.numbers import (
    FACTOR_VERBS,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    is_digits,
)
from pipeline.quantities.units import is_unit_word


def is_stated_value(span: Span, subject: Span | None) -> bool:
    """A bare number that a sentence states as the value of a noun: "His score is 200", "the
    index closed at 4,512", "the Nikkei rose to 38,500", "the score is equal to 30": the
    number hangs from a verb whose subject is that noun, not from a noun of its own."""
    if subject is None:
        return False
    token = anchor_of(span)
    for _ in range(4):
        if token.dep_ not in VALUE_DEPS or token.head.i == token.i:
            return False
        token = token.head
        if token.pos_ in VERB_TAGS:
            return subject.root in token.children or subject.root.head == token
    return False


def is_stated_age(span: Span, quantity: Quantity) -> bool:
    """"She is 45", "he turns 60", "He will be 30 by the end of the year", "the average age is
    58": a bare whole number that a person is, or turns, or that an age is."""
    if not is_possible_age(span, quantity):
        return False
    anchor = anchor_of(span)
    verb = anchor.head
    if anchor.dep_ not in PREDICATE_DEPS or verb.lemma_ not in AGE_VERBS:
        return False
    return any(child.dep_ == "nsubj" and (child.lower_ in PERSONAL_PRONOUNS
                                          or child.ent_type_ == "PERSON"
                                          or child.lemma_.lower() in AGE_NOUNS)
               for child in verb.children)


def is_age_noun(subject: Span | None) -> bool:
    """Whether what a quantity measures is an age: "the average age of farmers" (is 58)."""
    return subject is not None and subject.root.lemma_.lower() in AGE_NOUNS


def is_clause_subject(span: Span) -> bool:
    """A bare number that is the subject of its verb, its noun left out: "27 were injured"."""
    return span.end - span.start == 1 and anchor_of(span).dep_ in {"nsubj", "nsubjpass"}


def is_possible_age(span: Span, quantity: Quantity) -> bool:
    """A bare whole number of one token that a person's age could be."""
    return (quantity.unit == "count" and span.end - span.start == 1
            and isinstance(quantity.value, int) and 0 < quantity.value < 125)


def is_appositive_age(span: Span, quantity: Quantity) -> bool:
    """"Smith, 58, said", "the driver, 34, was": a bare whole number between commas right after
    a person's name, or a noun for a person, is the person's age. The name need not be tagged
    PERSON (the small model tags some surnames ORG) if the number is its apposition."""
    view = view_for(span.doc)
    start, end = span.start, span.end
    if not is_possible_age(span, quantity) or start < 2 or not (
            view.orth[start - 1] == "," and view.orth[end:end + 1] == [","]):
        return False
    person = start - 2
    if view.ent_type[person] == "PERSON":
        return True
    number, word = span.doc[start], span.doc[person]
    return number.dep_ == "appos" and number.head.i == person and (
        word.lemma_.lower() in PERSON_NOUNS
        or word.pos_ == "PROPN" and view.ent_type[person] not in NOT_PERSON_LABELS)


# Deciding what is a claim ---------------------------------------------------------------------


def is_claim(span: Span, quantity: Quantity) -> bool:
    """False for dates, names, identifiers and numbers that only refer ("the two countries")."""
    view = view_for(span.doc)
    start, end = span.start, span.end
    if any(view.ent_type[index] in NAME_LABELS and has_digit_or_number_word(view.lower[index])
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
    if is_count and any(view.ent_type[index] in TIME_LABELS for index in range(start, end)) and (
            not any(SCALE_WORDS.get(word, 0) >= 1000 for word in view.lower[start:end])):
        return False  # "the 1990s", "a couple of years ago"; a million is never a date
    if is_duration and _is_time_expression_number(view, start, end):
        return False  # "over the past 15 years", "a 10-year bond"
    if _is_hyphenated_modifier(view, end, quantity):
        return False  # "two-bedroom flats", "a two-way street"
    if is_count and quantity.value is not None:
        if quantity.value <= 1 and not is_digits(view.lower[start]):
            return False  # "one activist", "one of them"
        if previous in REFERRING_DETERMINERS and quantity.value == 2:
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
    before = before_qualifier_words(view, start)
    if view.lower_at(before - 1, "") in PERIOD_DETERMINERS:
        before -= 1  # "in the three months to June"
    previous, following = view.lower_at(before - 1, ""), view.lower_at(end, "")
    if {previous, view.lower_at(start - 1, "")} & PERIOD_WORDS:
        return True  # "over three years": the period, not a duration claim
    if following in TIME_STAMP_WORDS:
        return True  # "two years ago": a time stamp ("nine days later" is a duration)
    hyphenated = following == "-" or (view.orth[end - 2] == "-" if end - start > 1 else False)
    # "a 10-year bond" names the bond; "a five-year contract" says how long the contract runs
    return hyphenated and (view.lower_at(end, "") in INSTRUMENT_NOUNS
                           or view.lower_at(end + 1, "") in INSTRUMENT_NOUNS)


def _is_hyphenated_modifier(view: DocView, end: int, quantity: Quantity) -> bool:
    """A count joined by a hyphen to the noun it describes: "two-bedroom", "three-point"."""
    return quantity.unit == "count" and view.lower_at(end, "") == "-" and (
        end + 1 < len(view.pos) and view.pos[end + 1] in HYPHENED_MODIFIER_TAG_IDS
    )


def is_compound_modifier(span: Span, counted: Span, quantity: Quantity) -> bool:
    """"Two way trade", "a two-way street": a number that modifies a singular noun."""
    return bool(quantity.value and quantity.value > 1 and not is_plural(counted[-1]))


def is_plural(noun: Token) -> bool:
    """Plural by tag, or by form where the tagger was misled by a capital ("Homicides fell")."""
    word = noun.lower_
    return (
        noun.tag_ in PLURAL_TAGS or noun.lemma_.lower() != word
        or word in PLURAL_NOUNS
        or (word.endswith("s") and not word.endswith(SINGULAR_ENDINGS) and noun.is_title)
    )
