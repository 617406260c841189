"""`place_gazetteer`: marks the known names of `data/gazetteer.tsv` (countries, capitals,
cities, demonyms, ethnic and religious groups, regions) in `doc.spans["gazetteer"]`, without
touching `doc.ents`; `entity_refiner` then reconciles the model's entities with them."""

from __future__ import annotations

import csv
from pathlib import Path

from spacy.language import Language
from spacy.pipeline import SpanRuler

GAZETTEER_PATH = Path(__file__).parent / "data" / "gazetteer.tsv"
GAZETTEER_KEY = "gazetteer"


def read_gazetteer(path: Path = GAZETTEER_PATH) -> list[dict]:
    """SpanRuler patterns from the gazetteer file: one phrase pattern per surface form."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [{"label": row["label"], "pattern": row["name"]} for row in rows]


@Language.factory(
    "place_gazetteer",
    default_config={"gazetteer_path": None},
    assigns=["doc.spans"],
)
def make_place_gazetteer(nlp: Language, name: str, gazetteer_path: str | None) -> SpanRuler:
    ruler = SpanRuler(nlp, name, spans_key=GAZETTEER_KEY, overwrite=True)
    # Phrase patterns match on the text alone: tokenize them without running the whole model
    # over 2,000 names (SpanRuler would), which took seconds at every worker start.
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(
            read_gazetteer(Path(gazetteer_path) if gazetteer_path else GAZETTEER_PATH)
        )
    return ruler
