"""Paragraph boundaries: a spaCy component that starts a new sentence after every line break.

News text puts headlines, standfirsts and paragraphs on lines of their own, often without a
final full stop; the parser would otherwise run a headline into the next line's sentence.
Runs before the parser, which keeps the boundaries it is given.
"""

from __future__ import annotations

from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("paragraph_boundaries", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    # spaCy keeps at most one plain space as a token's trailing whitespace; a line break is
    # always a whitespace token of its own, so only those need looking at.
    spaces = doc.to_array(IS_SPACE).nonzero()[0].tolist() if len(doc) else []
    for index in spaces:
        if index + 1 < len(doc) and "\n" in doc[index].text:
            doc[index + 1].is_sent_start = True
    return doc
