"""What a claim is about: the noun phrase the quantity measures."""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.claims.change import anchor_of
from pipeline.claims.context import before_qualifier_words, lower_at, view_for
from pipeline.claims.lexicon import (
    CHANGE_NOUNS,
)
from pipeline.claims.vocabulary import (
    CLAUSE_DEPS,
    MEASURE_NOUNS,
    MEASURE_PREPOSITIONS,
    NOT_MEASURED_DEPS,
    NOUN_TAG_IDS,
    NOUN_TAGS,
    OBJECT_CHANGE_PREPOSITIONS,
    PERCENT_TOKENS,
    PHRASE_BREAKS,
    PHRASE_EXCLUDED_DEPS,
    PHRASE_EXTENDING_DEPS,
    PHRASE_TRIM_TAG_IDS,
    POSSESSIVE_PRONOUNS,
    PRONOUNS,
    RATIO_WORDS,
    RELATIVE_PRONOUNS,
    SPEECH_VERBS,
    SUBJECT_DEPS,
    TIME_LABELS,
    VERB_TAGS,
)


def subject_of(span: Span, counted: Span | None) -> Span | None:
    """The noun phrase the quantity measures, found through the dependency parse."""
    partitive = _partitive_of(span)
    if partitive is not None:
        return partitive
    if counted is not None:  # "refugees from Ukraine", "new overnight bus routes"
        return noun_phrase(counted[-1], exclude=span)
    qualifier_start = before_qualifier_words(view_for(span.doc), span.start)
    owner = _noun_before_of(span) if qualifier_start == span.start else None
    if owner is not None:  # "revenue of €400 million", whatever the parser attached "of" to
        return noun_phrase(owner, exclude=span)
    token = anchor_of(span)
    if token.pos_ == "VERB":  # "Transit traffic ... doubled"
        return _grammatical_subject(token)
    for _ in range(8):
        head = token.head
        if head.i == token.i:
            return None
        if head.ent_type_ in TIME_LABELS or qualifier_start <= head.i < span.start:
            token = head  # "45,000 last year": the parse slipped; "in excess of": a qualifier
            continue
        if head.pos_ in NOUN_TAGS and not span.start <= head.i < span.end and (
            token.dep_ not in NOT_MEASURED_DEPS
        ):
            measured = _prepositional_object(head, span)
            if measured is not None:  # "a rise in exports", "a record high of ..."
                return measured
            if head.lemma_.lower() not in _MEASURE_OR_CHANGE_NOUNS:
                return noun_phrase(head, exclude=span)
        if head.pos_ in VERB_TAGS and token.lower_ in OBJECT_CHANGE_PREPOSITIONS:
            changed = [child for child in head.children if child.dep_ == "dobj"]
            if changed:  # "raised rates by 50 basis points", "cut its rate to 14.75%"
                return noun_phrase(changed[0], exclude=span)
        if head.pos_ in VERB_TAGS:
            subject = _grammatical_subject(head)
            if subject is not None:
                return subject
            if head.dep_ not in CLAUSE_DEPS:
                return None
            if head.dep_ == "ccomp" and head.head.lemma_ in SPEECH_VERBS:
                return None  # the subject of "said" is the source, not what is measured
        token = head
    return None


_CHANGE_NOUN_LEMMAS = set().union(*CHANGE_NOUNS.values())
# Nouns whose "of"/"in" object, not themselves, is what an amount measures.
_MEASURE_OR_CHANGE_NOUNS = MEASURE_NOUNS | _CHANGE_NOUN_LEMMAS


def _noun_before_of(span: Span) -> Token | None:
    """The noun written just before the "of" that introduces the amount, when it is what the
    amount measures ("revenue of €400 million", "a budget of £3bn"); not a measure or change
    noun ("a record high of", "an increase of"), whose subject lies elsewhere. The caller
    makes sure no qualifier ends with that "of" ("in excess of $5m")."""
    doc = span.doc
    start = span.start
    if start < 2 or doc[start - 1].lower_ != "of":
        return None
    noun = doc[start - 2]
    if noun.pos_ not in NOUN_TAGS or noun.lemma_.lower() in _MEASURE_OR_CHANGE_NOUNS:
        return None
    return noun


def _prepositional_object(noun: Token, span: Span) -> Span | None:
    """For measure and change nouns: the object of their "of"/"in" ("a rise in exports")."""
    if noun.lemma_.lower() not in _MEASURE_OR_CHANGE_NOUNS:
        return None
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in MEASURE_PREPOSITIONS and not holds(child, span):
            objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
            if objects:
                return noun_phrase(objects[0])
    return None


def _partitive_of(span: Span) -> Span | None:
    """"40 percent of Kazakh-Chinese trade" -> "Kazakh-Chinese trade"; "1 in 4 adults"."""
    doc, view = span.doc, view_for(span.doc)
    is_ratio = not RATIO_WORDS.isdisjoint(view.lower[span.start:span.end])
    if is_ratio and span.end < len(doc) and view.pos[span.end] in NOUN_TAG_IDS:
        return noun_phrase(doc[span.end], exclude=span)
    if lower_at(doc, span.end) != "of":
        return None
    of = doc[span.end]
    objects = [child for child in of.children if child.dep_ == "pobj"]
    if not objects:
        return None
    return noun_phrase(objects[0], exclude=span)


def _grammatical_subject(verb: Token) -> Span | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return noun_phrase(verb.head)
            if child.lower_ in PRONOUNS:
                return None
            if child.like_num or child.lower_ in PERCENT_TOKENS:
                share = _of_object(child)  # "40 per cent of adults ... and 28 per cent"
                if share is not None:
                    return share
            return noun_phrase(child)
    return None


def _of_object(token: Token) -> Span | None:
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
            if objects:
                return noun_phrase(objects[0])
    return None


def noun_phrase(head: Token, exclude: Span | None = None) -> Span:
    """The head noun with its modifiers, cut at commas, clauses and the quantity itself."""
    doc = head.doc
    start, end = head.i, head.i + 1
    for child in head.lefts:
        if holds(child, exclude) or child.dep_ == "nummod":  # "the country's 120 hospitals"
            start = child.right_edge.i + 1
        elif child.dep_ not in PHRASE_EXCLUDED_DEPS:
            start = min(start, child.left_edge.i)
    for child in head.rights:
        if holds(child, exclude) or child.dep_ not in PHRASE_EXTENDING_DEPS:
            break
        if child.dep_ == "prep" and any(
            grandchild.ent_type_ in TIME_LABELS for grandchild in child.children
        ):
            break  # "temperatures over the past 12 months": the time is not the subject
        end = child.right_edge.i + 1
    if exclude is not None and start < exclude.end <= head.i:
        start = exclude.end  # "1 in 4 adults": the adults, not the share
    view = view_for(doc)
    for index in range(head.i + 1, end):
        if view.orth[index] in PHRASE_BREAKS:
            end = index
            break
    while start < head.i and (
        view.pos[start] in PHRASE_TRIM_TAG_IDS or view.lower[start] in POSSESSIVE_PRONOUNS
    ):
        start += 1
    return doc[start:end]


def holds(token: Token, span: Span | None) -> bool:
    """True when the subtree of `token` contains part of `span`."""
    return span is not None and token.left_edge.i < span.end and span.start <= token.right_edge.i
