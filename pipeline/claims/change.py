"""Whether a claim states a level or a change, and in which direction."""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.claims.context import lower_at, view_for
from pipeline.claims.lexicon import (
    CHANGE_NOUNS,
    CHANGE_VERBS,
    CHANGE_VERBS_WITH_BY,
    CUT_VERBS,
)
from pipeline.claims.vocabulary import (
    CHANGE_ADVERBS,
    CHANGE_PREPOSITIONS,
    DECREASE_COMPARATIVES,
    END_POINT_PREPOSITIONS,
    INCREASE_COMPARATIVES,
    LEVEL_PREPOSITIONS,
    NOUN_AMOUNT_DEPS,
    NOUN_MODIFIER_DEPS,
    VERB_AMOUNT_DEPS,
)

# What the claim is about ----------------------------------------------------------------------


_ANCHOR_DEPS = ("pobj", "dobj", "nsubj", "nsubjpass", "attr", "npadvmod", "nummod", "amod")


def anchor_of(span: Span) -> Token:
    """The token through which the quantity hangs in the parse: "0.5" in "by 0.5 pp" even when
    the parser attached "pp" elsewhere."""
    view = view_for(span.doc)
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
    if lower_at(doc, before - 1) in CHANGE_ADVERBS and view_for(doc).dep[before - 1] != "prt" and (
        lower_at(doc, before) not in END_POINT_PREPOSITIONS
    ):
        return "increase" if lower_at(doc, before - 1) == "up" else "decrease"
    if lower_at(doc, span.end + 1) == "than":  # "40% more than a year earlier"
        comparative = lower_at(doc, span.end)
        if comparative in INCREASE_COMPARATIVES:
            return "increase"
        if comparative in DECREASE_COMPARATIVES:
            return "decrease"
    previous = lower_at(doc, span.start - 1)
    if previous in LEVEL_PREPOSITIONS:
        return None
    root = anchor_of(span)
    if root.dep_ == "nummod" and root.head.i >= span.end and not root.head.ent_type_:
        root = root.head  # "by 1,200 jobs"
    while before <= root.head.i < span.start and root.head.i != root.i:  # "more than tenfold"
        root = root.head
    if root.lower_ == "between":  # the qualifier "between" was climbed: "fall between 10 and 15%"
        return _direction(root.head, CHANGE_VERBS, CHANGE_VERBS_WITH_BY, CHANGE_NOUNS)
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in CHANGE_PREPOSITIONS:
        governor = head.head
        return _direction(governor, CHANGE_VERBS, CHANGE_VERBS_WITH_BY, CHANGE_NOUNS)
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return _direction(head.head, CHANGE_NOUNS)
    if root.dep_ in VERB_AMOUNT_DEPS and head.pos_ == "VERB":
        return _direction(head, CHANGE_VERBS, CUT_VERBS)
    if root.dep_ in NOUN_AMOUNT_DEPS and head.pos_ == "NOUN":
        return _direction(head, CHANGE_NOUNS)
    for token in span:
        if token.head.pos_ == "NOUN" and token.dep_ in NOUN_MODIFIER_DEPS and (
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
