"""The word lists the claim rules read, loaded once from `data/word_lists.tsv` (its header says
what each list holds and which rules read it), and the few derived from other data."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.quantities.tables import read_table
from pipeline.quantities.units import unit_words

_LISTS: dict[str, set[str]] = {}
for _row in read_table("word_lists.tsv", Path(__file__).parent / "data"):
    _LISTS.setdefault(_row["list"], set()).add(_row["word"])

PERCENT_TOKENS = _LISTS["PERCENT_TOKENS"]
COUNT_NOUNS = _LISTS["COUNT_NOUNS"]
MEASURE_NOUNS = _LISTS["MEASURE_NOUNS"]
MONTHS = _LISTS["MONTHS"]
IDENTIFIER_WORDS = _LISTS["IDENTIFIER_WORDS"]
NAME_LABELS = _LISTS["NAME_LABELS"]
TIME_PREPOSITIONS = _LISTS["TIME_PREPOSITIONS"]
TIME_MODIFIERS = _LISTS["TIME_MODIFIERS"]
REPORTING_VERBS = _LISTS["REPORTING_VERBS"]
SOURCE_VERBS = _LISTS["SOURCE_VERBS"]
SPEECH_VERBS = _LISTS["SPEECH_VERBS"]
SOURCE_KINDS = _LISTS["SOURCE_KINDS"]
POSSESSIVE_PRONOUNS = _LISTS["POSSESSIVE_PRONOUNS"]
PERSONAL_PRONOUNS = _LISTS["PERSONAL_PRONOUNS"]
PRONOUNS = _LISTS["PRONOUNS"]
NOT_MEASURES = _LISTS["NOT_MEASURES"]
RATE_WORDS = _LISTS["RATE_WORDS"]

# Words that name a duration ("years", "days"), from the unit data.
TIME_UNIT_WORDS = unit_words("duration")
# A number that may be a year.
_YEAR = re.compile(r"1[0-9]{3}|20[0-9]{2}|2100")
