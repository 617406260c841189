"""Quantities as English news writes them: numbers, units and currencies, read into values.

Pure string rules, no spaCy: every rule can be tested on phrases alone, and the knowledge is in
`data/` (one file per kind of knowledge, each with a header saying what it holds). The modules,
in the order a phrase goes through them (each imports only modules before it):

- `tables`: reads the data files;
- `words`: splits a phrase into the words the grammar reads ("HK$2.1m" -> hk, $, 2.1, m);
- `numbers`: reads a number ("twenty-five", "1,250", "10 1/2", "two-thirds");
- `qualifiers`: the words that say how exact it is ("nearly", "or more");
- `unit_data`: unit codes, their dimensions and SI conversion (`unit_info`, `to_si`);
- `unit_forms`: how each unit and currency is written;
- `context_rules`: what an ambiguous form ("m", "R", "p", "pounds", "degrees") means where it
  is written, from the sentence and the story;
- `units`: the unit API: `match_unit` and the words that can be units;
- `quantity`: what the grammar produces (`Quantity`, `Reading`);
- `compound_units`: rates ("$68 a barrel") and smaller units ("5 feet 2 inches") after a unit;
- `amounts`: one side of a quantity: sign, currency, number, scale, unit;
- `ranges`: one amount or a range of two, and the `Quantity` they make;
- `grammar`: `read_quantity`, the quantity that starts at a word;
- `parsing`: `parse_quantity`, the quantity of a whole phrase;
- `si_units`: `in_si_units`, a quantity in SI units.
"""

from pipeline.quantities.context_rules import NO_CONTEXT, Context
from pipeline.quantities.grammar import read_quantity
from pipeline.quantities.parsing import parse_quantity
from pipeline.quantities.qualifiers import MAX_QUALIFIER_WORDS, qualifier_length
from pipeline.quantities.quantity import Quantity, Reading, clean
from pipeline.quantities.si_units import in_si_units
from pipeline.quantities.unit_data import to_si, unit_info
from pipeline.quantities.units import match_unit
from pipeline.quantities.words import Word, split_words

__all__ = [
    "MAX_QUALIFIER_WORDS", "NO_CONTEXT", "Context", "Quantity", "Reading", "Word", "clean",
    "in_si_units", "match_unit", "parse_quantity", "qualifier_length", "read_quantity",
    "split_words", "to_si", "unit_info",
]
