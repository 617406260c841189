"""Loading the pipeline and annotating texts: the vocabulary stays bounded, results are plain."""

import pytest

from pipeline import nlp as nlp_module
from pipeline.nlp import annotate, load_pipeline


@pytest.fixture
def fresh_nlp(monkeypatch):
    """A pipeline of its own, with a small warm-up budget so the test is quick."""
    monkeypatch.setattr(nlp_module, "VOCABULARY_WARM_UP_CHARS", 100)
    return load_pipeline()


def novel_words(batch: int) -> list[str]:
    """Texts whose words the vocabulary cannot have seen before."""
    return [" ".join(f"zq{batch}x{number}word" for number in range(50)) + "." for _ in range(3)]


def test_vocabulary_stops_growing_after_the_warm_up(fresh_nlp):
    annotate(fresh_nlp, ["The minister said exports rose 12 percent to $3 billion in 2023."] * 3)
    after_warm_up = len(fresh_nlp.vocab.strings)
    for batch in range(5):
        annotate(fresh_nlp, novel_words(batch))
    assert len(fresh_nlp.vocab.strings) == after_warm_up


def test_warm_up_keeps_the_words_it_saw(fresh_nlp):
    before = len(fresh_nlp.vocab.strings)
    annotate(fresh_nlp, novel_words(0))
    assert len(fresh_nlp.vocab.strings) > before
    assert "zq0x7word" in fresh_nlp.vocab.strings


def test_results_are_the_same_inside_and_outside_memory_zones(fresh_nlp):
    text = "Trade grew by one-third to a record $24 billion in 2022, the ministry said."
    first = annotate(fresh_nlp, [text] * 10)
    later = annotate(fresh_nlp, [text])
    assert first[0] == later[0]
    assert later[0].claims and later[0].entities
