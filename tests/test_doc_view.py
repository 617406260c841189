"""The DocView's lists must say exactly what the Doc's tokens say: the claim extractor reads
them instead of the Doc, so any difference would change claims."""

import pytest
from spacy.symbols import VERB

from pipeline.components.doc_view import view_of, viewing
from pipeline.nlp import load_pipeline

TEXTS = [
    "Trade grew by one-third to a record $24 billion in 2022, the ministry said.  It added "
    "that exports rose 5%.\n\nNearly 16 percent of imports came from China.",
    "  Leading spaces,\ttabs\r\nand CRLF line ends 1,200 times.\n",
    "One sentence only",
]


@pytest.fixture(scope="module")
def docs():
    return list(load_pipeline().pipe(TEXTS))


def test_lists_match_the_tokens(docs):
    for doc in docs:
        with viewing(doc) as view:
            assert view.text == doc.text
            assert view.lower == [token.lower_ for token in doc]
            assert view.orth == [token.text for token in doc]
            assert list(view.lemma) == [token.lemma_ for token in doc]
            assert view.idx == [token.idx for token in doc]
            for start in range(len(doc)):
                span = doc[start:min(len(doc), start + 5)]
                assert view.char_offsets(span.start, span.end) == (span.start_char, span.end_char)
            assert view.like_num == [token.like_num for token in doc]
            assert list(view.dep) == [token.dep_ for token in doc]
            assert view.head == [token.head.i for token in doc]
            assert list(view.ent_type) == [token.ent_type_ for token in doc]
            assert view.ent_type[1:4] == [token.ent_type_ for token in doc[1:4]]
            assert [pos == VERB for pos in view.pos] == [token.pos_ == "VERB" for token in doc]
            assert [view.lower_at(index, "") for index in range(-2, len(doc) + 2)] == (
                ["", ""] + view.lower + ["", ""]
            )


def test_sentence_of_any_span_is_span_sent(docs):
    """Spans that cross a sentence end too: `.sent` is the sentence of the first token."""
    for doc in docs:
        with viewing(doc) as view:
            for start in range(len(doc)):
                for end in range(start + 1, min(len(doc), start + 12) + 1):
                    expected = doc[start:end].sent
                    found = view.sentence(start)
                    assert (found.start, found.end) == (expected.start, expected.end)


def test_entities_within_a_range(docs):
    doc = docs[0]
    with viewing(doc) as view:
        for start in range(len(doc)):
            for end in range(start, len(doc) + 1, 3):
                expected = [ent for ent in doc.ents if start <= ent.start and ent.end <= end]
                assert view.entities_within(start, end) == expected


def test_view_is_detached_after_the_block_and_a_previous_one_restored(docs):
    doc = docs[2]
    assert view_of(doc) is None
    with viewing(doc) as outer:
        with viewing(doc) as inner:
            assert view_of(doc) is inner is not outer
        assert view_of(doc) is outer
    assert view_of(doc) is None
    with pytest.raises(RuntimeError), viewing(doc):
        raise RuntimeError
    assert view_of(doc) is None
