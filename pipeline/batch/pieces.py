"""Split long texts into pieces of bounded length at paragraph boundaries.

spaCy slows down faster than linearly on very long texts and its parser has a length limit, so
a long document is annotated piece by piece; each piece keeps its offset in the original text so
that results can be mapped back.
"""

from __future__ import annotations

import re

_PARAGRAPH_END = re.compile(r"\n\s*\n|\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def split_text(text: str, max_chars: int) -> list[tuple[int, str]]:
    """(offset, piece) pairs covering `text` in order, each at most `max_chars` long where a
    paragraph, sentence or word boundary allows; the pieces concatenate back to `text`."""
    if len(text) <= max_chars:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > max_chars:
        end = _boundary(text, start, start + max_chars)
        pieces.append((start, text[start:end]))
        start = end
    pieces.append((start, text[start:]))
    return pieces


def _boundary(text: str, start: int, limit: int) -> int:
    """The last paragraph end before `limit`, else the last sentence end, else the last space,
    else `limit` itself."""
    window = text[start:limit]
    for pattern in (_PARAGRAPH_END, _SENTENCE_END):
        ends = [match.end() for match in pattern.finditer(window)]
        if ends and ends[-1] > 0:
            return start + ends[-1]
    space = window.rfind(" ")
    return start + space + 1 if space > 0 else limit
