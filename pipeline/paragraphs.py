"""Paragraph boundaries: a spaCy component that starts a new sentence after every line break.

News text puts headlines, standfirsts and paragraphs on lines of their own, often without a
final full stop; the parser would otherwise run a headline into the next line's sentence.
Runs before the parser, which keeps the boundaries it is given.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if "\n" in token.text_with_ws[len(token.text):] or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc
