"""Who says so: the source of a claim, in its sentence or its paragraph's first sentence."""

from __future__ import annotations

from spacy.symbols import VERB
from spacy.tokens import Doc, Span

from pipeline.claims.context import ents_of, per_sentence, sentence_of
from pipeline.claims.subject import noun_phrase
from pipeline.claims.vocabulary import (
    IDENTIFIER_WORDS,
    PRONOUNS,
    SOURCE_HEADS,
    SOURCE_KINDS,
    SOURCE_LABELS,
    SOURCE_PREPOSITIONS,
    SOURCE_VERBS,
    SUBJECT_DEPS,
)
from pipeline.components.doc_view import view_of, viewing


def source_of(span: Span) -> Span | None:
    """Who the figure is attributed to: "according to World Bank data", "the ministry said",
    "data from Kpler showed", "Fitch expects"; None when the sentence names nobody."""
    sentence = sentence_of(span)
    source = (per_sentence(sentence, "source", sentence_source)
              or per_sentence(sentence, "paragraph source", _paragraph_source))
    if source is not None and source.start <= span.start < source.end:
        return None  # the quantity is part of the phrase: "40 percent of respondents said"
    return source


def _paragraph_source(sentence: Span) -> Span | None:
    """An attribution covers the rest of its paragraph: "..., the ministry said. It added
    that ...", or a paragraph that opens with "Figures released by the government show"."""
    doc = sentence.doc
    while sentence.start > 0 and not _starts_paragraph(doc, sentence.start):
        sentence = sentence_of(doc[sentence.start - 1:sentence.start])
        source = per_sentence(sentence, "source", sentence_source)
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
                return _source_phrase(noun_phrase(objects[0]))
    verbs.sort(key=lambda verb: (verb.dep_ != "ROOT", verb.i))
    for verb in verbs:
        subject = next(
            (child for child in verb.children if child.dep_ in SUBJECT_DEPS), None
        )
        if subject is not None and subject.lower_ not in PRONOUNS:
            named = [child for child in subject.rights if child.dep_ == "appos" and child.ent_type_]
            return _source_phrase(noun_phrase(named[0] if named else subject))
    return None


def _source_phrase(phrase: Span) -> Span:
    """The one who speaks, not the kind of source: "World Bank data" -> "World Bank",
    "data from Kpler" -> "Kpler", "analysts at Fitch" -> "Fitch", "the statistics institute
    TurkStat" -> "TurkStat"."""
    doc = phrase.doc
    root = phrase.root
    if {root.lemma_.lower(), root.lower_} & SOURCE_HEADS:
        for child in root.rights:
            if child.dep_ == "prep" and child.lower_ in SOURCE_PREPOSITIONS:
                objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
                if objects:
                    return _source_phrase(noun_phrase(objects[0]))
    names = [ent for ent in ents_of(phrase) if ent.label_ in SOURCE_LABELS]
    if names and names[-1].end == phrase.end and names[-1].start > phrase.start and (
        doc[names[-1].start - 1].pos_ == "NOUN"
    ):
        return names[-1]  # "the environmental group Fundación Tierra"
    end = phrase.end
    while end > phrase.start + 1 and doc[end - 1].lower_ in SOURCE_KINDS:
        end -= 1
    return doc[phrase.start:end]
