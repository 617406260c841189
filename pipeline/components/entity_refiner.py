"""`entity_refiner`: brings the model's entities to the gold conventions (docs/annotation.md).

The statistical NER finds most names but often gives group words and places the wrong label
("Kazakhs" as GPE, "Uyghur" as ORG) and the wrong edges ("President X", "Kazakh Foreign").
This component reconciles `doc.ents` with the known names `place_gazetteer` marked (a known
name keeps its known label), trims titles, articles and possessives, and makes surname mentions
of a person consistent.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.components.gazetteer import GAZETTEER_KEY
from pipeline.quantities import MAX_QUALIFIER_WORDS, qualifier_length

TITLES = {
    "president", "prime", "minister", "secretary", "chairman", "chairwoman", "chair",
    "ceo", "governor", "mayor", "senator", "sen.", "rep.", "representative", "king", "queen",
    "prince", "princess", "general", "gen.", "colonel", "col.", "mr", "mr.", "mrs", "mrs.",
    "ms", "ms.", "dr", "dr.", "professor", "prof.", "judge", "justice", "ambassador",
    "foreign", "deputy", "vice", "chief", "premier", "chancellor", "pope", "sheikh", "emir",
    "spokesman", "spokeswoman", "director", "commander", "lt.", "sir", "defense", "defence",
    "finance", "interior", "economy", "trade", "energy", "first", "lady",
}
ARTICLES = {"the", "a", "an"}
# Labels of names: they lose a leading article ("the World Bank"); dates and numbers keep it.
LABELS_WITHOUT_ARTICLE = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "EVENT", "LAW", "PRODUCT"}
# A lower-case place word after a place name is not part of it: "Xinjiang province".
PLACE_WORDS = {"province", "city", "region", "county", "district", "oblast", "prefecture",
               "state", "municipality", "governorate", "autonomous"}
HYPHENS = {"-", "–"}
NUMERIC_LABELS = {"PERCENT", "MONEY", "CARDINAL", "QUANTITY"}
# Prefixes that attach to a group word without being part of it: "anti-Chinese".
GROUP_PREFIXES = {"anti", "pro", "non", "pan", "post", "pre", "ex", "-"}
POSSESSIVES = {"'s", "’s", "'", "’"}
# A known name keeps its known label, except where the model's label is a finer reading of it.
KEEP_MODEL_LABEL = {("NORP", "LANGUAGE")}


@Language.factory(
    "entity_refiner",
    default_config={"use_gazetteer": True, "trim_titles": True, "consistent_persons": True},
    requires=["doc.ents", "doc.spans"],  # doc.spans["gazetteer"], from place_gazetteer
    assigns=["doc.ents"],
)
def make_entity_refiner(
    nlp: Language, name: str, use_gazetteer: bool, trim_titles: bool, consistent_persons: bool
) -> EntityRefiner:
    return EntityRefiner(use_gazetteer, trim_titles, consistent_persons)


class EntityRefiner:
    """Relabels, splits and trims entities; adds known names the model missed."""

    def __init__(self, use_gazetteer: bool = True, trim_titles: bool = True,
                 consistent_persons: bool = True) -> None:
        self.use_gazetteer = use_gazetteer
        self.trim_titles = trim_titles
        self.consistent_persons = consistent_persons

    def __call__(self, doc: Doc) -> Doc:
        known = list(doc.spans[GAZETTEER_KEY]) if (
            self.use_gazetteer and GAZETTEER_KEY in doc.spans
        ) else []
        entities: list[Span] = []
        original = doc.ents
        for ent in original:
            entities.extend(self._refine(ent, known))
        covered = {token for ent in entities for token in range(ent.start, ent.end)}
        entities.extend(
            span for span in known
            if not covered.intersection(range(span.start, span.end)) and not _starts_name(span)
        )
        if self.consistent_persons:
            entities = _consistent_persons(entities)
        refined = _merge_ranges(filter_spans(entities))
        if [(ent.start, ent.end, ent.label) for ent in refined] != [
            (ent.start, ent.end, ent.label) for ent in original
        ]:  # setting entities walks every token: only when something changed
            doc.set_ents(refined)  # what `doc.ents = refined` does, without copying each Span
        return doc

    def _refine(self, ent: Span, known: list[Span]) -> list[Span]:
        ent = _trim(ent, self.trim_titles)
        inside = [span for span in known if ent.start <= span.start and span.end <= ent.end]
        exact = [span for span in inside if (span.start, span.end) == (ent.start, ent.end)]
        if exact:
            if (exact[0].label_, ent.label_) in KEEP_MODEL_LABEL:
                return [ent]
            return [_relabel(ent, exact[0].label_)]
        connectors = _connectors(ent, inside) if len(inside) > 1 else None
        if connectors is not None:
            if connectors <= HYPHENS and {span.label_ for span in inside} == {"NORP"}:
                return [_relabel(ent, "NORP")]  # "Franco-German": one group word
            return inside  # "Beijing-Moscow", "Tajiks and Uzbeks": one entity each
        if inside and inside[0].start == ent.start and _rest_is_title(ent, inside[0]):
            return [inside[0]]  # "Kazakh Foreign" -> NORP "Kazakh"
        if len(inside) == 1 and inside[0].end == ent.end and all(
            token.lower_ in GROUP_PREFIXES for token in ent.doc[ent.start:inside[0].start]
        ):
            return inside  # "anti-Chinese" -> NORP "Chinese"
        possessive = _split_possessive(ent, inside)
        if possessive:
            return possessive
        return [ent]


def _trim(ent: Span, trim_titles: bool) -> Span:
    """No article before a name, no title before a person, no possessive after a name;
    a numeric expression takes its qualifier ("nearly 16 percent")."""
    doc, label = ent.doc, ent.label_
    start, end = ent.start, ent.end
    if label in LABELS_WITHOUT_ARTICLE:
        while start < end - 1 and doc[start].lower_ in ARTICLES:
            start += 1
    if label == "GPE":
        while end > start + 1 and doc[end - 1].lower_ in PLACE_WORDS and doc[end - 1].is_lower:
            end -= 1
    if label in NUMERIC_LABELS:
        preceding = doc[max(0, start - MAX_QUALIFIER_WORDS):start]
        start -= qualifier_length([token.text for token in preceding])
    if trim_titles and label == "PERSON":
        while start < end - 1 and doc[start].lower_ in TITLES:
            start += 1
    while end > start + 1 and doc[end - 1].lower_ in POSSESSIVES:
        end -= 1
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label=label)


def _starts_name(span: Span) -> bool:
    """A known word that begins a longer name: "Communist Party", "Catholic Church"."""
    following = span.doc[span.end] if span.end < len(span.doc) else None
    return following is not None and following.is_title and following.lower_ not in TITLES and (
        following.pos_ == "PROPN"
    )


def _relabel(ent: Span, label: str) -> Span:
    return ent if ent.label_ == label else Span(ent.doc, ent.start, ent.end, label=label)


def _connectors(ent: Span, inside: list[Span]) -> set[str] | None:
    """The words joining known names that make up all of `ent`; None if anything else is left."""
    covered = {token for span in inside for token in range(span.start, span.end)}
    rest = {token.lower_ for token in ent if token.i not in covered}
    return rest if rest <= HYPHENS | {"and", ",", "or"} else None


def _rest_is_title(ent: Span, name: Span) -> bool:
    rest = ent.doc[name.end:ent.end]
    return len(rest) > 0 and all(token.lower_ in TITLES for token in rest)


def _split_possessive(ent: Span, inside: list[Span]) -> list[Span]:
    """"Kazakhstan's Nazarbayev University" -> GPE "Kazakhstan" + ORG "Nazarbayev University"."""
    doc = ent.doc
    for span in inside:
        if span.start == ent.start and span.end + 1 < ent.end and (
            doc[span.end].lower_ in POSSESSIVES
        ):
            return [span, Span(doc, span.end + 1, ent.end, label=ent.label_)]
    return []


def _consistent_persons(entities: Iterable[Span]) -> list[Span]:
    """A surname alone refers to the person named in full elsewhere ("Ma Xingrui" ... "Ma")."""
    entities = list(entities)
    name_parts = {
        part
        for ent in entities if ent.label_ == "PERSON" and len(ent) > 1
        for part in (ent[0].text, ent[-1].text)
    }
    return [
        _relabel(ent, "PERSON")
        if len(ent) == 1 and ent.text in name_parts and ent.label_ in {"ORG", "GPE", "FAC",
                                                                        "PRODUCT", "NORP"}
        else ent
        for ent in entities
    ]


def _merge_ranges(entities: list[Span]) -> list[Span]:
    """"1.25 million" + "to" + "1.5 million" -> one numeric entity for the whole range."""
    merged: list[Span] = []
    for ent in sorted(entities, key=lambda span: span.start):
        previous = merged[-1] if merged else None
        if previous is not None and previous.label_ == ent.label_ and (
            ent.label_ in NUMERIC_LABELS and ent.start == previous.end + 1
            and ent.doc[previous.end].lower_ in {"to", "-", "–"}
        ):
            merged[-1] = Span(ent.doc, previous.start, ent.end, label=ent.label_)
        else:
            merged.append(ent)
    return merged
