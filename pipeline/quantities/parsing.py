"""`parse_quantity(text)`: the quantity of a whole phrase, its qualifier included.

The phrase-level entry point (the annotation tools, the tests): it skips the qualifiers and
filler words before the number ("nearly", "between", "aged") and lets the grammar
(`grammar.read_quantity`) read the rest, so a phrase and the same words in a sentence are read
alike.
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.quantities.grammar import read_quantity
from pipeline.quantities.qualifiers import FILLERS, Bound, leading_bound
from pipeline.quantities.quantity import Quantity
from pipeline.quantities.words import split_words


@lru_cache(maxsize=65536)
def parse_quantity(text: str) -> Quantity | None:
    """Parse a whole phrase, qualifier included ("nearly $1.2bn", "between 10 and 15 percent");
    None when it holds no quantity. Cached: the same phrases recur across a corpus."""
    words = split_words(text)
    lower = [word.lower for word in words]
    bound: Bound = "exact"
    index = 0
    while index < len(words):
        phrase_bound, length = leading_bound(lower[index:])
        if length:
            bound = phrase_bound if phrase_bound != "exact" else bound
            index += length
        elif lower[index] in FILLERS | {"between", "from", "aged", "age", "ages"} and (
            index + 1 < len(words)
        ) and read_quantity(words, index) is None:
            index += 1
        else:
            break
    reading = read_quantity(words, index)
    if reading is None:
        return None
    quantity = reading.quantity
    if reading.trailing or bound == "exact":
        return quantity
    return quantity._replace(bound=bound)
