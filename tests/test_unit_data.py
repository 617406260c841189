"""The unit and currency knowledge in pipeline/quantities/data/, checked against well-kept
libraries rather than by eye: pint for units and dimensions, babel's CLDR data for currencies."""

import math
from collections import defaultdict

import pint
import pytest
from babel import numbers as babel_numbers

from pipeline.quantities import units
from pipeline.quantities.data import make_currency_names
from pipeline.quantities.tables import read_table
from pipeline.quantities.words import form_words

UNIT_REGISTRY = pint.UnitRegistry()
DIMENSIONS = {row["dimension"]: row for row in read_table("dimensions.tsv")}
UNIT_ROWS = read_table("units.tsv")
ISO_4217 = set(babel_numbers.list_currencies())


def quantity(expression: str) -> pint.Quantity:
    return UNIT_REGISTRY.Quantity(UNIT_REGISTRY.parse_expression(expression))


@pytest.mark.parametrize("row", UNIT_ROWS, ids=lambda row: row["code"])
def test_every_unit_is_a_pint_unit_of_its_dimension(row):
    dimension = DIMENSIONS[row["dimension"]]
    one = quantity(row["pint"])  # raises if pint does not know the unit
    if dimension["pint"]:
        reference = quantity(dimension["pint"])
        # the same dimensionality, and the same base units: bits and radians are both
        # dimensionless to pint, but a data size must not convert to an angle
        assert one.dimensionality == reference.dimensionality, row
        assert one.to_root_units().units == reference.to_root_units().units, row


@pytest.mark.parametrize("row", [row for row in UNIT_ROWS if row["si_factor"]],
                         ids=lambda row: row["code"])
def test_si_factors_and_offsets_are_pints(row):
    si_unit = DIMENSIONS[row["dimension"]]["pint"]
    one = quantity(row["pint"])
    if row["si_offset"]:  # a temperature: convert two points
        zero = UNIT_REGISTRY.Quantity(0, one.units).to(si_unit).magnitude
        unit = UNIT_REGISTRY.Quantity(1, one.units).to(si_unit).magnitude
        assert math.isclose(float(row["si_offset"]), zero, rel_tol=1e-9)
        assert math.isclose(float(row["si_factor"]), unit - zero, rel_tol=1e-9)
    else:
        ratio = (one / quantity(si_unit)).to("dimensionless").magnitude
        assert math.isclose(float(row["si_factor"]), ratio, rel_tol=1e-9), (
            f"{row['code']}: si_factor should be {ratio:.12g} (pint)")


def test_units_without_si_factor_are_not_physical():
    for row in UNIT_ROWS:
        assert bool(row["si_factor"]) == bool(DIMENSIONS[row["dimension"]]["si_unit"]), row


def test_every_form_names_a_known_unit():
    for row in read_table("unit_forms.tsv"):
        assert units.unit_info(row["code"]) is not None, row
    for row in read_table("currencies.tsv"):
        assert row["code"] in ISO_4217, row
        assert row["position"] in {"before", "after", "both"}, row


def test_every_currency_code_is_iso_4217_in_cldr():
    for row in read_table("currency_names.tsv"):
        assert row["code"] in ISO_4217, row


def test_historical_currencies_are_known():
    """Old text says "markka" and "peseta": their codes are kept although no country uses them."""
    assert units.match_unit([*_words("420 million finnish markka")], 2, "after").code == "FIM"
    names = {row["code"]: row for row in read_table("currency_names.tsv")}
    assert names["ESP"]["singular"] == "spanish peseta" and names["ESP"]["current_in"] == ""


def test_currency_names_are_babels_current_ones():
    """currency_names.tsv is generated from babel; a babel with other CLDR data shows here."""
    committed = make_currency_names.OUTPUT.read_text(encoding="utf-8")
    assert committed == make_currency_names.render()


def test_a_form_with_two_meanings_is_flagged_ambiguous_with_a_rule():
    meanings = defaultdict(set)
    rows = [("unit_forms.tsv", row) for row in read_table("unit_forms.tsv")]
    rows += [("currencies.tsv", row) for row in read_table("currencies.tsv")]
    for _, row in rows:
        key = row["form"] if "case" in row["flags"] else row["form"].lower()
        meanings[key].add(row["code"])
    for name, row in rows:
        key = row["form"] if "case" in row["flags"] else row["form"].lower()
        if len(meanings[key]) > 1:
            assert "ambiguous" in row["flags"] and row["rule"] in units.CONTEXT_RULES, (name, row)


def test_every_rule_named_in_the_data_exists():
    for name in ("unit_forms.tsv", "currencies.tsv"):
        for row in read_table(name):
            assert row["rule"] in units.CONTEXT_RULES, (name, row)
            assert set(filter(None, row["flags"].split(","))) <= {"case", "attached",
                                                                   "ambiguous"}, row


def test_country_currencies_come_from_cldr():
    """"rupees" in a sentence on Sri Lanka is LKR: the country's currency as CLDR has it."""
    rupees = next(form for form in units.FORMS if form.words == ("rupees",))
    assert units.currency_of_country(rupees, ["sri lanka"]) == "LKR"
    assert units.currency_of_country(rupees, ["nepalese"]) == "NPR"
    assert units.currency_of_country(rupees, ["france"]) is None
    for place, code in [("sri lanka", "LKR"), ("south africa", "ZAR"), ("japan", "JPY")]:
        assert babel_numbers.get_territory_currencies(
            {"sri lanka": "LK", "south africa": "ZA", "japan": "JP"}[place])[0] == code


def test_forms_are_split_like_text():
    assert form_words("km/h") == (("km", "/", "h"), (True, True))
    assert form_words("square feet") == (("square", "feet"), (False,))


def _words(text):
    from pipeline.quantities.words import split_words

    return split_words(text)
