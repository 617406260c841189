"""Write currency_names.tsv from babel's copy of the Unicode CLDR: the English name of every
currency that some country has used since 1900, and the countries that use it today.

Run from the repository root with babel installed (it is in the test extra):

    .venv/bin/python pipeline/quantities/data/make_currency_names.py

tests/test_unit_data.py regenerates the table in memory and fails when the committed file differs,
so a babel upgrade that changes CLDR's names shows up as a failing test, not as silent drift.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

OUTPUT = Path(__file__).with_name("currency_names.tsv")
SINCE = datetime.date(1900, 1, 1)

HEADER = """\
# currency_names.tsv: the English names of currencies, generated from babel {babel} (Unicode CLDR
# {cldr}) by make_currency_names.py; do not edit by hand, run the script again.
#
# code: ISO 4217 code (historical codes included: old text says "markka" and "peseta").
# singular, plural: CLDR's English display names, lower-cased ("sri lankan rupee"); a name that
#   CLDR gives to two codes is kept for the code still in use.
# current_in: English names of the countries that use the currency today (empty for one no
#   country uses now), lower-cased and joined by "|": "rupees" in a story on Sri Lanka is LKR.
code\tsingular\tplural\tcurrent_in
"""


def currency_rows() -> list[tuple[str, str, str, str]]:
    """One row per currency a country has used since 1900, sorted by code."""
    from babel import Locale, numbers

    english = Locale("en")
    territories = {code: name for code, name in english.territories.items() if code.isalpha()}
    ever: set[str] = set()
    current: dict[str, set[str]] = {}
    for territory, name in territories.items():
        ever.update(numbers.get_territory_currencies(
            territory, start_date=SINCE, end_date=datetime.date.today(), tender=True))
        for code in numbers.get_territory_currencies(territory, tender=True):
            current.setdefault(code, set()).add(name.lower())
    rows = []
    names_taken: dict[str, str] = {}
    # codes in use first, so that a name CLDR gives twice stays with the living currency
    for code in sorted(ever, key=lambda code: (code not in current, code)):
        singular = numbers.get_currency_name(code, locale="en").lower()
        plural = numbers.get_currency_name(code, count=2, locale="en").lower()
        if "(" in singular or singular in names_taken:
            singular = plural = ""  # "turkish lira (1922–2005)": only its code is usable
        else:
            names_taken[singular] = code
        rows.append((code, singular, plural, "|".join(sorted(current.get(code, ())))))
    return sorted(rows)


def render() -> str:
    import babel
    from babel.core import get_global

    header = HEADER.format(babel=babel.__version__, cldr=get_global("cldr").get("version", "?"))
    return header + "".join("\t".join(row) + "\n" for row in currency_rows())


if __name__ == "__main__":
    OUTPUT.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {OUTPUT}\n")
