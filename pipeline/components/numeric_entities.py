"""`quantity_entities`: quantities the NER missed or cut short become entities (MONEY,
PERCENT, QUANTITY, CARDINAL), so that entity and claim spans agree."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.claims.spans import quantity_spans
from pipeline.claims.vocabulary import NOT_MEASURES, RATE_WORDS
from pipeline.components.doc_view import DocView, view_of, viewing
from pipeline.quantities import (
    Quantity,
    unit_info,
)


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
