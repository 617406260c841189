"""Value normalization on phrases written the way news English writes numbers.

None of these phrases comes from the seed articles; each case is (phrase, expected fields).
"""

import pytest

from pipeline.quantities import in_si_units, parse_quantity, qualifier_length
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
    ("phrase", "value", "unit"),
    [
        ("half a percentage point", 0.5, "percentage_point"),
        ("a quarter of a percentage point", 0.25, "percentage_point"),
        ("half a mile", 0.5, "mile"),
        ("half an hour", 0.5, "hour"),
        ("half a million", 500000, "count"),
    ],
)
def test_a_fraction_of_one_unit_is_that_unit_not_a_share(phrase, value, unit):
    assert fields(phrase) == (value, None, None, unit)


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


# Every dimension news measures in, as news writes it (phrases written for this project) ------


def measure(phrase: str) -> tuple:
    quantity = parse_quantity(phrase)
    assert quantity is not None, phrase
    return quantity.value, quantity.unit, quantity.dimension


@pytest.mark.parametrize(
    ("phrase", "value", "unit", "dimension"),
    [
        ("a 10 km stretch", 10, "km", "length"),
        ("6 miles", 6, "mile", "length"),
        ("12 ft", 12, "ft", "length"),
        ("3.5 metres", 3.5, "m", "length"),
        ("a 55-inch screen", 55, "in", "length"),
        ("45 sq m", 45, "m2", "area"),
        ("45m2", 45, "m2", "area"),
        ("45 m²", 45, "m2", "area"),
        ("2,000 square feet", 2000, "ft2", "area"),
        ("1,200 hectares", 1200, "ha", "area"),
        ("4 km squared", 4, "km2", "area"),
        ("75ml", 75, "ml", "volume"),
        ("2.5 litres", 2.5, "l", "volume"),
        ("3/4 cup", 0.75, "cup", "volume"),
        ("1 million cubic metres", 1000000, "m3", "volume"),
        ("120 kg", 120, "kg", "mass"),
        ("200lbs", 200, "lb", "mass"),
        ("5 ounces", 5, "oz", "mass"),
        ("65 mph", 65, "mph", "speed"),
        ("100 km/h", 100, "km/h", "speed"),
        ("30 knots", 30, "kn", "speed"),
        ("250 hp", 250, "hp", "power"),
        ("1.2 GW", 1.2, "GW", "power"),
        ("300 MWh", 300, "MWh", "energy"),
        ("2,000 calories", 2000, "kcal", "energy"),
        ("320 Nm", 320, "N*m", "torque"),
        ("280 lb-ft", 280, "lbf*ft", "torque"),
        ("40 MPa", 40, "MPa", "pressure"),
        ("35 psi", 35, "psi", "pressure"),
        ("60 Hz", 60, "Hz", "frequency"),
        ("3.2 GHz", 3.2, "GHz", "frequency"),
        ("512GB", 512, "GB", "data"),
        ("1 TB", 1, "TB", "data"),
        ("100 Mbps", 100, "Mbit/s", "data_rate"),
        ("2.5 A", 2.5, "A", "current"),
        ("400 kV", 400, "kV", "voltage"),
        ("52 mpg", 52, "mpg", "fuel_economy"),
        ("5.4 l/100km", 5.4, "l/100km", "fuel_consumption"),
        ("2.5 A/cm2", 2.5, "A/cm2", "current_density"),
    ],
)
def test_physical_measures(phrase, value, unit, dimension):
    assert measure(phrase) == (value, unit, dimension)


@pytest.mark.parametrize(
    ("phrase", "si_value", "si_unit"),
    [
        ("250 hp", 186424.967896, "W"),
        ("186 kW", 186000.0, "W"),
        ("65 mph", 29.0576, "m/s"),
        ("10 km", 10000.0, "m"),
        ("30 °C", 303.15, "K"),
        ("98.6 degrees Fahrenheit", 310.15, "K"),
        ("2 hours 30 minutes", 9000.0, "s"),
    ],
)
def test_si_values_compare_across_units(phrase, si_value, si_unit):
    quantity = parse_quantity(phrase)
    assert in_si_units(quantity)[0] == pytest.approx(si_value)
    assert in_si_units(quantity)[3] == si_unit


@pytest.mark.parametrize("phrase", ["$5 billion", "40 percent", "1,200 jobs", "tripled"])
def test_no_si_value_without_a_physical_unit(phrase):
    assert in_si_units(parse_quantity(phrase)) == (None, None, None, None)


@pytest.mark.parametrize(
    ("phrase", "value", "unit", "dimension"),
    [
        ("minus 5 °C", -5, "degC", "temperature"),
        ("−5°C", -5, "degC", "temperature"),
        ("98.6 degrees Fahrenheit", 98.6, "degF", "temperature"),
        ("40 degrees Celsius", 40, "degC", "temperature"),
        ("a 43-year-old", 43, "year", "age"),
        ("five years old", 5, "year", "age"),
        ("18 months of age", 18, "month", "age"),
        ("11 years", 11, "year", "duration"),
        ("nine days", 9, "day", "duration"),
        ("3 years, 2 months and 15 days", 3.2077, "year", "duration"),
    ],
)
def test_temperatures_ages_and_durations(phrase, value, unit, dimension):
    assert measure(phrase) == (value, unit, dimension)


def test_an_age_range_after_aged():
    quantity = parse_quantity("aged 25 to 40")
    assert (quantity.low, quantity.high, quantity.unit, quantity.dimension) == (
        25, 40, "year", "age")


@pytest.mark.parametrize(
    ("phrase", "value", "unit"),
    [
        ("$68 a barrel", 68, "USD/barrel"),
        ("$950 per square foot", 950, "USD/ft2"),
        ("$1.40 a share", 1.4, "USD/share"),
        ("a $70-a-share offer", 70, "USD/share"),
        ("£90,000 a week", 90000, "GBP/week"),
        ("20,000 tonnes a year", 20000, "t/year"),
        ("2 million barrels of crude a day", 2000000, "barrel/day"),
        ("150,000 bpd", 150000, "barrel/day"),
        ("$1,900 an ounce", 1900, "USD/oz"),
    ],
)
def test_prices_and_rates_take_the_rate_as_unit(phrase, value, unit):
    quantity = parse_quantity(phrase.removeprefix("a ").removesuffix(" offer"))
    assert (quantity.value, quantity.unit) == (value, unit)


@pytest.mark.parametrize(
    "phrase", ["5% a year", "10,000 visitors a year", "$5 billion a decade ago"]
)
def test_shares_counts_and_time_stamps_form_no_rate(phrase):
    assert "/" not in parse_quantity(phrase).unit


@pytest.mark.parametrize(
    ("phrase", "value", "unit", "unit_text"),
    [
        ("RM4.20", 4.2, "MYR", "RM"),
        ("EUR30m", 30000000, "EUR", "EUR"),
        ("HK$2.1m", 2100000, "HKD", "HK$"),
        ("S$3mil", 3000000, "SGD", "S$"),
        ("A$1.5bn", 1500000000, "AUD", "A$"),
        ("115USD", 115, "USD", "USD"),
        ("30 MUSD", 30000000, "USD", "MUSD"),
        ("40 sen", 0.4, "MYR", "sen"),
        ("50 cents", 0.5, "USD", "cents"),
        ("75 kopecks", 0.75, "RUB", "kopecks"),
        ("420 million Finnish markka", 420000000, "FIM", "Finnish markka"),
        ("10,000 Swiss francs", 10000, "CHF", "Swiss francs"),
        ("3 dollars 50 cents", 3.5, "USD", "dollars"),
        ("$2.174T", 2174000000000, "USD", "$"),
        ("100元", 100, "CNY", "元"),
        ("₦500m", 500000000, "NGN", "₦"),
    ],
)
def test_currencies_as_markets_write_them(phrase, value, unit, unit_text):
    quantity = parse_quantity(phrase)
    assert (quantity.value, quantity.unit, quantity.unit_text) == (value, unit, unit_text)


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("ninety five", 95),
        ("three hundred and forty-two thousand", 342000),
        ("two million five hundred thousand", 2500000),
        ("four thousand three hundred and twenty-one", 4321),
        ("two point five", 2.5),
        ("one and a half", 1.5),
        ("two and a half million", 2500000),
        ("half a million", 500000),
        ("a million and a half", 1500000),
        ("3 million and a half", 3500000),
        ("five billion and three quarters", 5750000000),
        ("one billion and a half million", 1000500000),
        ("two thirds of a million", 666666.6667),
        ("three halves", 1.5),
        ("twenty-three fifths", 4.6),
        ("a quarter million", 250000),
        ("2.56 lakh crore", 2560000000000),
        ("1 000 000", 1000000),
        ("10 000", 10000),
        ("25 050", 25050),
        ("12,34,567", 1234567),
        ("1.3e6", 1300000),
        ("10 1/2", 10.5),
        ("10½", 10.5),
    ],
)
def test_numbers_of_any_size_and_form(phrase, value):
    assert fields(phrase) == (value, None, None, "count")


@pytest.mark.parametrize(
    ("phrase", "value", "change"),
    [
        ("-0.9%", -0.9, "decrease"),
        ("+1.2%", 1.2, "increase"),
        ("minus 3 percent", -3, None),
        ("negative 2", -2, None),
    ],
)
def test_signed_values(phrase, value, change):
    quantity = parse_quantity(phrase)
    assert (quantity.value, quantity.change) == (value, change)


@pytest.mark.parametrize(
    ("phrase", "low", "high", "unit"),
    [
        ("from $150 to $2 million", 150, 2000000, "USD"),
        ("from 2 to 3.5 degrees Celsius", 2, 3.5, "degC"),
        ("1,800 - 2,200 calories", 1800, 2200, "kcal"),
        ("$82 and $85 a barrel", 82, 85, "USD/barrel"),
        ("5k-20k", 5000, 20000, "count"),
        ("1.2bn-1.5bn", 1200000000, 1500000000, "count"),
        ("10–15 km", 10, 15, "km"),
    ],
)
def test_ranges_said_as_ranges(phrase, low, high, unit):
    assert fields(phrase.replace("$82 and", "between $82 and")) == (None, low, high, unit)


@pytest.mark.parametrize(
    "phrase",
    ["192.168.1.2", "+1-222-2222", "2024-05-17", "9/11", "24/7", "$" + "1" + "0" * 400],
)
def test_codes_dates_and_absurd_digits_are_no_quantity(phrase):
    quantity = parse_quantity(phrase)
    assert quantity is None or quantity.low is None and quantity.unit != "percent", quantity


@pytest.mark.parametrize(
    ("phrase", "unit"),
    [
        ("12m", "m"),  # metres on its own
        ("$12m", "USD"),  # a million with money
        ("12M", "count"),  # capital M is always the scale
        ("100 mb", "Mbit"),
        ("100 MB", "MB"),
        ("2 1/2 in thick", "in"),
        ("5 ft 2 in", "ft"),
    ],
)
def test_ambiguous_forms_resolved_inside_the_phrase(phrase, unit):
    assert parse_quantity(phrase).unit == unit


@pytest.mark.parametrize("phrase", ["²", "1e²", "2.48×10−²", "10²", "٣ people", "1٣٣٣ x", "3 ³"])
def test_digits_of_other_scripts_and_superscripts_never_break_the_reading(phrase):
    quantity = parse_quantity(phrase)
    assert quantity is None or isinstance(quantity.value, int | float)
