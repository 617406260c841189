"""Evaluate pipeline output against hand-labelled gold (`pipeline evaluate`).

Both directories hold `entities.jsonl` and `claims.jsonl` in the output contract's format; the
gold may also mark records `"optional": true`, give entities `"alt_labels"` and give claims
`"alt_units"`: a predicted label (unit) agrees when it is the gold's or one of its alternatives,
for a mention that honestly has more than one reading ("Dollar" with no country: USD, or any
other dollar). Only the gold's documents are scored, so a prediction run over a larger corpus
can be compared with a small gold set: those of its `corpus.jsonl` when the gold folder has one
(so that a document with no quantity at all still counts its predictions as false alarms),
and every document with a gold entity or claim. `score_claims` does the same for claim records
in memory, over the documents it is given.

This module is the entry point and the public face of the evaluation; the work is done in
`record_files` (reading and checking the files), `matching` (the matching rules and scores),
`scores` (the figures) and `evaluation_report` (the tables).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pipeline.review.evaluation_report import Report
from pipeline.review.matching import (
    claim_errors,
    score_claims,
    score_detection,
    score_entities,
    select_claims,
)
from pipeline.review.record_files import (
    CLAIMS_FILE,
    CORPUS_FILE,
    ENTITIES_FILE,
    REQUIRED_CLAIM_FIELDS,
    REQUIRED_ENTITY_FIELDS,
    EvaluationError,
    load_checked,
    load_records,
)
from pipeline.review.scores import Score

__all__ = [
    "EvaluationError",
    "Report",
    "Score",
    "claim_errors",
    "evaluate",
    "load_records",
    "score_claims",
]


def _gold_documents(gold_dir: Path, gold_records: Iterable[dict]) -> set[object]:
    """The documents a gold folder covers: those of its corpus.jsonl, if it has one, and every
    document with a gold entity or claim."""
    documents = {record["doc_id"] for record in gold_records}
    if (Path(gold_dir) / CORPUS_FILE).is_file():
        documents |= {record["id"] for record in load_checked(gold_dir, CORPUS_FILE, ("id",))}
    return documents


def evaluate(gold_dir: Path, pred_dir: Path) -> Report:
    """Score the predictions in pred_dir on the documents that the gold in gold_dir covers."""
    gold_entities = load_checked(gold_dir, ENTITIES_FILE, REQUIRED_ENTITY_FIELDS)
    gold_claims = load_checked(gold_dir, CLAIMS_FILE, REQUIRED_CLAIM_FIELDS)
    pred_entities = load_checked(pred_dir, ENTITIES_FILE, REQUIRED_ENTITY_FIELDS)
    pred_claims = load_checked(pred_dir, CLAIMS_FILE, REQUIRED_CLAIM_FIELDS)

    documents = _gold_documents(gold_dir, gold_entities + gold_claims)
    pred_entities = [record for record in pred_entities if record["doc_id"] in documents]
    pred_claims, gold_claims = select_claims(pred_claims, gold_claims, documents)

    strict, lenient = score_entities(pred_entities, gold_entities)
    detection, attributes = score_detection(pred_claims, gold_claims)
    return Report(
        documents=len(documents),
        entities_strict=strict,
        entities_lenient=lenient,
        claims=detection,
        attributes=attributes,
        cqe=score_claims(pred_claims, gold_claims, documents),
    )
