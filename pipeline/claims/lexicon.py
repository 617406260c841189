"""Word lists the claim rules read, loaded once from `pipeline/data/` (each file's header says
what it holds)."""

from __future__ import annotations

from pathlib import Path

from pipeline.quantities.tables import read_table

DATA = Path(__file__).parent / "data"


def _change_words(role: str) -> dict[str, set[str]]:
    """{"increase": lemmas, "decrease": lemmas} of one role of change_words.tsv."""
    found: dict[str, set[str]] = {"increase": set(), "decrease": set()}
    for row in _CHANGE_ROWS:
        if row["role"] == role:
            found[row["direction"]].add(row["lemma"])
    return found


_CHANGE_ROWS = read_table("change_words.tsv", DATA)
CHANGE_VERBS = _change_words("verb")
CHANGE_VERBS_WITH_BY = _change_words("verb_with_by")
CUT_VERBS = _change_words("cut_verb")
CHANGE_NOUNS = _change_words("noun")
CHANGE_LEMMAS = {row["lemma"] for row in _CHANGE_ROWS}
# Nouns a hyphenated duration before them names rather than measures ("a 10-year bond").
INSTRUMENT_NOUNS = {row["noun"] for row in read_table("instrument_nouns.tsv", DATA)}
