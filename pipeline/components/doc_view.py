"""A Doc's tokens as plain Python lists, for components that look at each token many times.

Indexing a Doc makes a new `Token` object on every access, and reading a string attribute
decodes it again: about a microsecond each. The claim extractor reads every token a dozen times,
so most of its time went there. While a component runs, `viewing(doc)` attaches a `DocView`
whose lists are built once, on first use, and detaches it afterwards, so that no copy outlives
a change to the Doc. Functions that also run outside a component (in tests, say) fall back to
the Doc when `view_of(doc)` is None.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property

from spacy.attrs import (
    DEP,
    ENT_TYPE,
    HEAD,
    IDX,
    LEMMA,
    LIKE_NUM,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    SPACY,
)
from spacy.lang import lex_attrs
from spacy.strings import StringStore
from spacy.tokens import Doc, Span

_KEY = "pipeline.components.doc_view"


class DocView:
    """Token attributes of one Doc as lists indexed by token position, and a cache for values
    computed once per Doc (per sentence, say) while the component runs."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.cache: dict = {}
        self._sentences: dict[tuple[int, int], Span] = {}

    @cached_property
    def text(self) -> str:
        """`doc.text`, built from the token strings instead of a `Token` per token."""
        spaces = self.doc.to_array(SPACY).tolist()
        pieces = zip(self.orth, spaces, strict=True)
        return "".join([orth + " " if space else orth for orth, space in pieces])

    @cached_property
    def idx(self) -> list[int]:
        """Character offset of each token in `text`."""
        return self.doc.to_array(IDX).tolist()

    def char_offsets(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of tokens [start, end) in `text` (end exclusive, no trailing
        whitespace), as `doc[start:end].start_char, .end_char`; `end` > `start`."""
        return self.idx[start], self.idx[end - 1] + len(self.orth[end - 1])

    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text`, sliced from `text` ("" for an empty range)."""
        if start >= end:
            return ""
        first, last = self.char_offsets(start, end)
        return self.text[first:last]

    @cached_property
    def lower(self) -> list[str]:
        if self.doc.vocab.lex_attr_getters.get(LOWER) is lex_attrs.lower:
            return [text.lower() for text in self.orth]  # what that getter does, but cheaper
        return self._strings(LOWER)

    @cached_property
    def lower_at(self) -> Callable[[int, str], str]:
        """`lower_at(index, "")`: the lower form of token `index`, or the default for an index
        outside the Doc (a dict's `get`: the cheapest look-up that is safe at both ends)."""
        return dict(enumerate(self.lower)).get

    @cached_property
    def orth(self) -> list[str]:
        return self._strings(ORTH)

    @cached_property
    def lemma(self) -> Sequence[str]:
        return self._decoded_on_access(LEMMA)

    @cached_property
    def dep(self) -> Sequence[str]:
        return self._decoded_on_access(DEP)

    @cached_property
    def head(self) -> list[int]:
        """Index of each token's head (`token.head.i`)."""
        # Offsets relative to the token, negative ones stored in to_array's uint64.
        offsets = self.doc.to_array(HEAD).view("int64").tolist()
        return [index + offset for index, offset in enumerate(offsets)]

    @cached_property
    def ent_type(self) -> Sequence[str]:
        return self._decoded_on_access(ENT_TYPE)

    @cached_property
    def pos(self) -> list[int]:
        """Universal POS tags as `spacy.symbols` ids (compare with `spacy.symbols.VERB`)."""
        return self.doc.to_array(POS).tolist()

    @cached_property
    def like_num(self) -> list[bool]:
        return [bool(flag) for flag in self.doc.to_array(LIKE_NUM).tolist()]

    @cached_property
    def entities(self) -> tuple[list[int], list[Span]]:
        """The Doc's entities as they are when first asked for, with their start tokens."""
        entities = list(self.doc.ents)
        return [entity.start for entity in entities], entities

    def entities_within(self, start: int, end: int) -> list[Span]:
        """The entities wholly inside tokens [start, end), found by bisection."""
        starts, entities = self.entities
        found = []
        for entity in entities[bisect_left(starts, start):]:
            if entity.start >= end:
                break
            if entity.end <= end:
                found.append(entity)
        return found

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Indexes of the tokens that start a sentence."""
        flags = self.doc.to_array(SENT_START).tolist()
        return [index for index, flag in enumerate(flags) if flag == 1]

    def sentence(self, index: int) -> Span:
        """`doc[index].sent`, found by bisection: from the last sentence start at or before
        `index` to the next one. (A span's `.sent` is the sentence of its first token.)"""
        starts = self.sentence_starts
        following = bisect_right(starts, index)
        key = (starts[following - 1] if following > 0 else 0,
               starts[following] if following < len(starts) else len(self.doc))
        if key not in self._sentences:
            self._sentences[key] = self.doc[key[0]:key[1]]
        return self._sentences[key]

    def _decoded_on_access(self, attribute: int) -> Sequence[str]:
        """For attributes read at a few tokens only: decoding a string costs as much as
        reading it, so each is decoded when asked for instead of all up front."""
        return _Strings(self.doc.to_array(attribute).tolist(), self.doc.vocab.strings)

    def _strings(self, attribute: int) -> list[str]:
        strings = self.doc.vocab.strings
        return [strings[key] for key in self.doc.to_array(attribute).tolist()]


class _Strings(Sequence[str]):
    """Token strings of one attribute, kept as hash keys and decoded when read."""

    def __init__(self, keys: list[int], strings: StringStore) -> None:
        self._keys = keys
        self._decode = strings.__getitem__

    def __len__(self) -> int:
        return len(self._keys)

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self._decode(key) for key in self._keys[index]]
        return self._decode(self._keys[index])


@contextmanager
def viewing(doc: Doc) -> Iterator[DocView]:
    """Attach a fresh `DocView` to `doc` for the duration of the block."""
    previous = doc.user_data.get(_KEY)
    view = doc.user_data[_KEY] = DocView(doc)
    try:
        yield view
    finally:
        if previous is None:
            del doc.user_data[_KEY]
        else:
            doc.user_data[_KEY] = previous


def view_of(doc: Doc) -> DocView | None:
    """The view attached by `viewing`, or None outside it."""
    return doc.user_data.get(_KEY)
