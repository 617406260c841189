"""Quantities as English news writes them: numbers, units and currencies, read into values.

Pure string rules, no spaCy: every rule can be tested on phrases alone, and the knowledge is in
`data/` (one file per kind of knowledge, each with a header saying what it holds). The modules,
in the order a phrase goes through them:

- `words`: splits a phrase into the words the grammar reads ("HK$2.1m" -> hk, $, 2.1, m);
- `numbers`: reads a number ("twenty-five", "1,250", "10 1/2", "two-thirds");
- `qualifiers`: the words that say how exact it is ("nearly", "or more");
- `units`: which unit or currency a form means, resolved by context where it is ambiguous, and
  its dimension and SI conversion;
- `parsing`: the grammar that puts them together (`read_quantity`, `parse_quantity`).
"""

from pipeline.quantities.parsing import (
    Quantity,
    Reading,
    clean,
    in_si_units,
    parse_quantity,
    read_quantity,
)
from pipeline.quantities.qualifiers import MAX_QUALIFIER_WORDS, qualifier_length
from pipeline.quantities.units import NO_CONTEXT, Context, match_unit, to_si, unit_info
from pipeline.quantities.words import Word, split_words

__all__ = [
    "MAX_QUALIFIER_WORDS", "NO_CONTEXT", "Context", "Quantity", "Reading", "Word", "clean",
    "in_si_units", "match_unit", "parse_quantity", "qualifier_length", "read_quantity",
    "split_words", "to_si", "unit_info",
]
