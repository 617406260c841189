"""The output contract as plain data: the records a run writes, their field order, and the
helpers every stage shares (the text hash, a JSON Lines reader). No spaCy import: the batch and
review sides read this without loading a model.

The field order of each file is defined here once; `Claim.to_dict`, the writers, the tests and
the check of `schemas/` against the contract all read it from here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

# Records are NamedTuples, not frozen dataclasses: made for every claim, and a frozen
# dataclass pays for `object.__setattr__` on each field.


class TextSpan(NamedTuple):
    """A piece of the document: its text and character offsets (end exclusive)."""

    text: str
    start: int
    end: int


class EntityMention(NamedTuple):
    text: str
    label: str
    start: int
    end: int


class Claim(NamedTuple):
    """One quantity the text asserts, with what it measures; fields as in docs/annotation.md."""

    sentence: TextSpan
    quantity: TextSpan
    value: float | None
    low: float | None
    high: float | None
    unit: str
    unit_text: str | None
    dimension: str
    si_value: float | None
    si_low: float | None
    si_high: float | None
    si_unit: str | None
    counted: str | None
    bound: str
    change: str | None
    subject: TextSpan | None
    time: TextSpan | None
    source: TextSpan | None
    entities: tuple[EntityMention, ...]

    def to_dict(self) -> dict:
        """The claim as JSON-ready data, fields in contract order (built by hand: `asdict` was
        a tenth of the pipeline's own time)."""
        return {
            "sentence": _span_dict(self.sentence), "quantity": _span_dict(self.quantity),
            "value": self.value, "low": self.low, "high": self.high, "unit": self.unit,
            "unit_text": self.unit_text, "dimension": self.dimension, "si_value": self.si_value,
            "si_low": self.si_low, "si_high": self.si_high, "si_unit": self.si_unit,
            "counted": self.counted, "bound": self.bound,
            "change": self.change, "subject": _span_dict(self.subject),
            "time": _span_dict(self.time), "source": _span_dict(self.source),
            "entities": [{"text": entity.text, "label": entity.label, "start": entity.start,
                          "end": entity.end} for entity in self.entities],
        }


def _span_dict(span: TextSpan | None) -> dict | None:
    return None if span is None else {"text": span.text, "start": span.start, "end": span.end}


# One document's output records: its documents.jsonl record, its entities, its claims.
DocumentResult = tuple[dict, list[dict], list[dict]]

# Field order of each output file, as the contract lists them.
DOCUMENT_FIELDS = ("doc_id", "status", "error", "chars", "sha256", "n_entities", "n_claims",
                   "meta")
ENTITY_FIELDS = ("doc_id", "text", "label", "start", "end")
CLAIM_FIELDS = ("doc_id", "claim_id", *Claim._fields)
SPAN_FIELDS = ("sentence", "quantity", "subject", "time", "source")  # claim fields that are spans


def text_hash(text: str) -> str:
    """The sha256 of a document's text, as `documents.jsonl` records it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_jsonl(path: Path) -> Iterator[dict]:
    """The records of a JSON Lines file, blank lines skipped."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)
