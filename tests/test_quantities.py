"""Value normalization on phrases written the way news English writes numbers.

None of these phrases comes from the seed articles; each case is (phrase, expected fields).
"""

import pytest

from pipeline.quantities import parse_quantity, qualifier_length
from pipeline.quantities.qualifiers import _PHRASES as _QUALIFIER_PHRASES


def fields(phrase: str) -> tuple:
    quantity = parse_quantity(phrase)
    assert quantity is not None, phrase
    return quantity.value, quantity.low, quantity.high, quantity.unit


@pytest.mark.parametrize(
    ("phrase", "value", "unit"),
    [
        ("1,250", 1250, "count"),
        ("12,500,000", 12500000, "count"),
        ("3.75", 3.75, "count"),
        ("1.25 million", 1250000, "count"),
        ("2.3 billion", 2300000000, "count"),
        ("4 trillion", 4000000000000, "count"),
        ("650 thousand", 650000, "count"),
        ("half a million", 500000, "count"),
        ("Rs 300 crore", 3000000000, "INR"),
        ("5 lakh", 500000, "count"),
    ],
)
def test_digits_and_scale_words(phrase, value, unit):
    assert fields(phrase) == (value, None, None, unit)


@pytest.mark.parametrize(
    ("phrase", "value", "unit", "unit_text"),
    [
        ("$1.2bn", 1200000000, "USD", "$"),
        ("€40m", 40000000, "EUR", "€"),
        ("£3.5 million", 3500000, "GBP", "£"),
        ("US$5 billion", 5000000000, "USD", "US$"),
        ("3.5 trillion tenge", 3500000000000, "KZT", "tenge"),
        ("200 million yuan", 200000000, "CNY", "yuan"),
        ("80 billion rubles", 80000000000, "RUB", "rubles"),
        ("USD 45 million", 45000000, "USD", "USD"),
        ("12 billion euros", 12000000000, "EUR", "euros"),
        ("400 million Canadian dollars", 400000000, "CAD", "Canadian dollars"),
        ("$5-billion", 5000000000, "USD", "$"),
        ("¥2.1 trillion", 2100000000000, "JPY", "¥"),
        ("2 billion pounds", 2000000000, "GBP", "pounds"),
    ],
)
def test_currencies(phrase, value, unit, unit_text):
    quantity = parse_quantity(phrase)
    assert (quantity.value, quantity.unit, quantity.unit_text) == (value, unit, unit_text)


@pytest.mark.parametrize(
    ("phrase", "value", "unit"),
    [
        ("40%", 40, "percent"),
        ("40 per cent", 40, "percent"),
        ("12.5 percent", 12.5, "percent"),
        ("five percentage points", 5, "percentage_point"),
        ("0.5 pp", 0.5, "percentage_point"),
        ("25 basis points", 25, "basis_point"),
    ],
)
def test_percent_and_points(phrase, value, unit):
    assert fields(phrase) == (value, None, None, unit)


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("twelve", 12),
        ("twenty-five", 25),
        ("one hundred and five", 105),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a dozen", 6),
        ("a couple of", 2),
        ("three million", 3000000),
        ("a million", 1000000),
    ],
)
def test_number_words(phrase, value):
    assert fields(phrase) == (value, None, None, "count")


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("one-third", 33.3333),
        ("a third", 33.3333),
        ("two-thirds", 66.6667),
        ("half", 50),
        ("three-quarters", 75),
        ("a quarter", 25),
        ("a fifth", 20),
        ("one in five", 20),
    ],
)
def test_fractions_are_percent(phrase, value):
    assert fields(phrase) == (value, None, None, "percent")


@pytest.mark.parametrize(
    ("phrase", "low", "high", "unit"),
    [
        ("1.25 million to 1.5 million", 1250000, 1500000, "count"),
        ("between 10 and 15 percent", 10, 15, "percent"),
        ("10-15%", 10, 15, "percent"),
        ("$3-4 billion", 3000000000, 4000000000, "USD"),
        ("20 to 30 million", 20000000, 30000000, "count"),
        ("$2 billion to $3 billion", 2000000000, 3000000000, "USD"),
        ("two or three", 2, 3, "count"),
        ("500,000 to 1 million", 500000, 1000000, "count"),
    ],
)
def test_ranges(phrase, low, high, unit):
    assert fields(phrase) == (None, low, high, unit)


@pytest.mark.parametrize(
    ("phrase", "low", "unit"),
    [
        ("billions of dollars", 2000000000, "USD"),
        ("multi-billion dollar", 2000000000, "USD"),
        ("multimillion-dollar", 2000000, "USD"),
        ("tens of thousands", 20000, "count"),
        ("hundreds of", 200, "count"),
        ("dozens", 24, "count"),
        ("hundreds of thousands", 200000, "count"),
    ],
)
def test_vague_amounts_give_the_known_lower_bound(phrase, low, unit):
    quantity = parse_quantity(phrase)
    assert (quantity.value, quantity.low, quantity.high, quantity.unit) == (None, low, None, unit)
    assert quantity.bound == "at_least"


@pytest.mark.parametrize(
    ("phrase", "bound"),
    [
        ("almost $23 billion", "at_most"),
        ("nearly 40 percent", "at_most"),
        ("just under 2,000", "at_most"),
        ("less than 1 percent", "at_most"),
        ("up to 300", "at_most"),
        ("at most 12", "at_most"),
        ("no more than five", "at_most"),
        ("more than a dozen", "at_least"),
        ("over 5,000", "at_least"),
        ("just over 5.4 percent", "at_least"),
        ("at least 30", "at_least"),
        ("exceeding $1 billion", "at_least"),
        ("in excess of 200", "at_least"),
        ("about 70 percent", "approximate"),
        ("around two dozen", "approximate"),
        ("roughly 1,000", "approximate"),
        ("some 500", "approximate"),
        ("an estimated 1.2 million", "approximate"),
        ("approximately 3 percent", "approximate"),
        ("10,000 or so", "approximate"),
        ("Fully 40 percent", "exact"),
        ("a record 9 percent", "exact"),
    ],
)
def test_bounds_from_qualifiers(phrase, bound):
    assert parse_quantity(phrase).bound == bound


@pytest.mark.parametrize(
    ("phrase", "value", "change"),
    [
        ("doubled", 2, "increase"),
        ("tripled", 3, "increase"),
        ("quadrupled", 4, "increase"),
        ("halved", 0.5, "decrease"),
        ("twofold", 2, None),
        ("three-fold", 3, None),
    ],
)
def test_multiples_are_factors(phrase, value, change):
    quantity = parse_quantity(phrase)
    assert (quantity.value, quantity.unit, quantity.change) == (value, "factor", change)


@pytest.mark.parametrize(
    ("phrase", "value", "unit"),
    [
        ("700 km", 700, "km"),
        ("3 million barrels", 3000000, "barrel"),
        ("two-day", 2, "day"),
        ("15 years", 15, "year"),
        ("40,000 tonnes", 40000, "t"),
    ],
)
def test_measures_and_durations(phrase, value, unit):
    assert fields(phrase) == (value, None, None, unit)


@pytest.mark.parametrize("phrase", ["", "   ", "the", "billion", "percent", "record high", "-"])
def test_no_number_gives_none(phrase):
    assert parse_quantity(phrase) is None


def test_unit_text_keeps_the_case_as_written():
    assert parse_quantity("5 billion US Dollars").unit_text == "US Dollars"


@pytest.mark.parametrize("phrase, length", [
    ("rose by nearly", 1), ("trade of just over", 2), ("an estimated", 2),
    ("a total of more than", 2), ("accounted for fully", 1), ("up by only about", 2),
    ("exports of", 0), ("the", 0), ("", 0), ("said that roughly", 1),
])
def test_qualifier_length_counts_the_words_of_the_qualifier_before_a_number(phrase, length):
    assert qualifier_length(phrase.split()) == length


def test_every_qualifier_phrase_is_found_whole_and_after_an_emphasis_word():
    for phrase in _QUALIFIER_PHRASES:
        words = phrase.split()
        assert qualifier_length(["figures", "of", *words]) >= len(words), phrase
        assert qualifier_length(["figures", "Just", *words]) >= len(words), phrase
