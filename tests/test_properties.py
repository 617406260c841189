"""Property tests: for any text the job does not crash and every offset it writes indexes the
text; value normalization never crashes and does not depend on spacing or thousands separators.

Hypothesis runs with a fixed seed (derandomize) and a bounded number of examples, so CI sees the
same cases every time; a failure prints the smallest text that shows it.
"""


from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.batch.finding import InputDocument
from pipeline.batch.work import RunOptions, process_batch
from pipeline.quantities import Quantity, parse_quantity

CI_SETTINGS = settings(derandomize=True, database=None, deadline=None,
                       suppress_health_check=[HealthCheck.too_slow])

# Pieces of news writing about numbers, mixed with arbitrary characters, so that the generated
# texts reach the quantity parser and the claim extractor, not only the tokenizer.
FRAGMENTS = [
    "$", "€", "£", "Rs", "US$", "12", "3.5", "1,250", "2022", "0.25", "½", "٣", "one-third",
    "two", "dozens of", "percent", "%", "per cent", "pp", "bn", " billion", " million", "crore",
    "lakh", "tonnes", "km", "about ", "nearly ", "more than ", "rose ", "fell ", " to ", " by ",
    " from ", "between ", " and ", " in 2021", " last year", "twice", "half", "a third of",
    " people", " jobs", "China", "Kazakhstan's", "the ministry said", "according to ", "-", "–",
    "(", ")", "\"", "’", ". ", ", ", " ", "\u00a0", "\t", "\n", "\r\n", "\n\n",
]
news_like_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=60
).map("".join)


def spans_of(entities: list[dict], claims: list[dict]) -> list[dict]:
    fields = ("sentence", "quantity", "subject", "time", "source")
    return entities + [span for claim in claims for span in
                       [claim[field] for field in fields if claim[field]] + claim["entities"]]


@settings(CI_SETTINGS, max_examples=120)
@given(text=news_like_text)
def test_any_text_is_processed_and_every_offset_indexes_it(text):
    # Small pieces, so that splitting long documents is exercised too.
    [(record, entities, claims)] = process_batch([InputDocument("doc", text)],
                                                 RunOptions(max_chars=120))
    assert record["status"] == "ok" and record["chars"] == len(text)
    for span in spans_of(entities, claims):
        assert text[span["start"]:span["end"]] == span["text"]
    for claim in claims:
        assert claim["sentence"]["start"] <= claim["quantity"]["start"]
        assert claim["quantity"]["end"] <= claim["sentence"]["end"]


@settings(CI_SETTINGS, max_examples=400)
@given(text=st.one_of(st.text(), news_like_text))
def test_value_normalization_never_crashes(text):
    result = parse_quantity(text)
    assert result is None or isinstance(result, Quantity)


def normalized(quantity: Quantity | None) -> Quantity | None:
    """The quantity with its unit as written reduced to single spaces."""
    if quantity is None or quantity.unit_text is None:
        return quantity
    return quantity._replace(unit_text=" ".join(quantity.unit_text.split()))


qualifiers = st.sampled_from(["", "about", "nearly", "more than", "up to", "at least"])
currencies = st.sampled_from(["", "$", "US$", "€", "Rs"])
scales = st.sampled_from(["", "million", "billion", "trillion", "crore"])
units = st.sampled_from(["", "percent", "people", "tonnes", "dollars", "euros", "km"])
spaces = st.text(alphabet=" \t\u00a0", min_size=1, max_size=3)


@settings(CI_SETTINGS, max_examples=300)
@given(qualifier=qualifiers, currency=currencies, number=st.integers(0, 10**12),
       decimals=st.sampled_from(["", ".5", ".25"]), scale=scales, unit=units,
       gaps=st.lists(spaces, min_size=6, max_size=6))
def test_value_is_the_same_whatever_the_spacing_and_thousands_separators(
    qualifier, currency, number, decimals, scale, unit, gaps
):
    words = [qualifier, f"{currency}{number}{decimals}", scale, unit]
    plain = " ".join(word for word in words if word)
    grouped = " ".join(word for word in [qualifier, f"{currency}{number:,}{decimals}", scale, unit]
                       if word)
    spaced = gaps[0] + "".join(word + gap for word, gap in zip(
        [word for word in words if word], gaps[1:], strict=False))
    expected = normalized(parse_quantity(plain))
    assert expected is not None
    assert normalized(parse_quantity(grouped)) == expected
    assert normalized(parse_quantity(spaced)) == expected
