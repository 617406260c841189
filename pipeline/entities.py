"""Entity refinement: a spaCy component that puts the model's entities into the gold conventions.

The statistical NER gets names right more often than it gets their edges and labels right. This
component applies the general conventions of ANNOTATION.md: no titles in PERSON spans, no
article in front of GPE/ORG spans, no possessive "'s" inside a name.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

TITLES = {
    "president", "prime", "minister", "secretary", "chairman", "chairwoman", "chair",
    "ceo", "governor", "mayor", "senator", "sen.", "rep.", "representative", "king", "queen",
    "prince", "princess", "general", "gen.", "colonel", "col.", "mr", "mr.", "mrs", "mrs.",
    "ms", "ms.", "dr", "dr.", "professor", "prof.", "judge", "justice", "ambassador",
    "foreign", "deputy", "vice", "chief", "premier", "chancellor", "pope", "sheikh", "emir",
    "general-secretary", "spokesman", "spokeswoman", "director", "commander", "lt.", "sir",
}
ARTICLE_LABELS = {"GPE", "ORG", "LOC", "NORP", "FAC", "PERSON"}


@Language.factory(
    "entity_refiner",
    default_config={"trim_titles": True, "trim_articles": True, "trim_possessives": True},
    requires=["doc.ents"],
    assigns=["doc.ents"],
)
def make_entity_refiner(
    nlp: Language, name: str, trim_titles: bool, trim_articles: bool, trim_possessives: bool
) -> EntityRefiner:
    return EntityRefiner(trim_titles, trim_articles, trim_possessives)


class EntityRefiner:
    """Trims entity spans to the name itself; never adds or drops an entity."""

    def __init__(self, trim_titles: bool = True, trim_articles: bool = True,
                 trim_possessives: bool = True) -> None:
        self.trim_titles = trim_titles
        self.trim_articles = trim_articles
        self.trim_possessives = trim_possessives

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = [self.refine(ent) for ent in doc.ents]
        return doc

    def refine(self, ent: Span) -> Span:
        start, end = ent.start, ent.end
        doc = ent.doc
        if self.trim_articles and ent.label_ in ARTICLE_LABELS:
            while start < end - 1 and doc[start].lower_ in {"the", "a", "an"}:
                start += 1
        if self.trim_titles and ent.label_ == "PERSON":
            while start < end - 1 and doc[start].lower_ in TITLES:
                start += 1
        if self.trim_possessives:
            while end > start + 1 and doc[end - 1].lower_ in {"'s", "’s", "'", "’"}:
                end -= 1
        if (start, end) == (ent.start, ent.end):
            return ent
        return Span(doc, start, end, label=ent.label_, kb_id=ent.kb_id_)
