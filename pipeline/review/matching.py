"""Which predictions agree with which gold records (rules: docs/annotation.md, matching), and the
scores that follow.

Matching is one-to-one and greedy in a fixed order, so the same files always give the same
figures. A prediction matched to optional gold, and optional gold left unmatched, count for
nothing: a doubtful span is neither a miss nor a false alarm. A predicted label (unit) agrees
when it is the gold's or one of its `alt_labels` (`alt_units`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pipeline.review.record_files import REQUIRED_CLAIM_FIELDS, check_fields
from pipeline.review.scores import ClaimAttributes, EntityScores, Score, ratio

VALUE_TOLERANCE = 0.001  # relative: values agree within 0.1 percent


@dataclass
class _Matching:
    """Outcome of one-to-one matching; predictions matched to optional gold are dropped."""

    pairs: list[tuple[dict, dict]]  # (prediction, required gold)
    false_positives: list[dict]
    false_negatives: list[dict]

    def score(self) -> Score:
        return Score(len(self.pairs), len(self.false_positives), len(self.false_negatives))


def _overlap(a: dict, b: dict) -> int:
    """Characters two spans share; positive exactly when start < other.end and other.start < end."""
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def _match(
    predictions: list[dict],
    gold: list[dict],
    span: Callable[[dict], dict],
    accepts: Callable[[dict, dict], bool],
) -> _Matching:
    """Greedy one-to-one matching; each prediction takes required gold first, then the largest
    overlap, then the earliest gold span. Predictions must already be in their scoring order."""
    gold_by_doc: dict[object, list[int]] = {}
    for index, record in enumerate(gold):
        gold_by_doc.setdefault(record["doc_id"], []).append(index)
    taken: set[int] = set()
    pairs, false_positives = [], []
    for prediction in predictions:
        candidates = [
            index
            for index in gold_by_doc.get(prediction["doc_id"], [])
            if index not in taken
            and _overlap(span(prediction), span(gold[index])) > 0
            and accepts(prediction, gold[index])
        ]
        if not candidates:
            false_positives.append(prediction)
            continue
        best = min(
            candidates,
            key=lambda index: (
                bool(gold[index].get("optional")),
                -_overlap(span(prediction), span(gold[index])),
                span(gold[index])["start"],
                span(gold[index])["end"],
                index,
            ),
        )
        taken.add(best)
        if not gold[best].get("optional"):
            pairs.append((prediction, gold[best]))
    false_negatives = [
        record
        for index, record in enumerate(gold)
        if index not in taken and not record.get("optional")
    ]
    return _Matching(pairs, false_positives, false_negatives)


# Entities ----------------------------------------------------------------------------------


def _entity_span(record: dict) -> dict:
    return record


def _label_fits(prediction: dict, gold: dict) -> bool:
    return prediction["label"] == gold["label"] or prediction["label"] in gold.get("alt_labels", [])


def _same_offsets(prediction: dict, gold: dict) -> bool:
    return (
        _label_fits(prediction, gold)
        and prediction["start"] == gold["start"]
        and prediction["end"] == gold["end"]
    )


def _score_entities(
    predictions: list[dict], gold: list[dict], accepts: Callable[[dict, dict], bool]
) -> EntityScores:
    """TP and FN count under the gold label, FP under the predicted label."""
    ordered = sorted(predictions, key=lambda e: (e["doc_id"], e["start"], e["end"], e["label"]))
    matching = _match(ordered, gold, _entity_span, accepts)
    tp = Counter(gold_record["label"] for _, gold_record in matching.pairs)
    fp = Counter(record["label"] for record in matching.false_positives)
    fn = Counter(record["label"] for record in matching.false_negatives)
    per_label = {label: Score(tp[label], fp[label], fn[label]) for label in tp | fp | fn}
    return EntityScores(matching.score(), per_label)


def score_entities(
    predictions: list[dict], gold: list[dict]
) -> tuple[EntityScores, EntityScores]:
    """Strict (same offsets and label) and lenient (overlap and label) entity scores."""
    return (
        _score_entities(predictions, gold, _same_offsets),
        _score_entities(predictions, gold, _label_fits),
    )


# Claims ------------------------------------------------------------------------------------


def _quantity_span(record: dict) -> dict:
    return record["quantity"]


def _number_agrees(predicted: object, gold: object) -> bool:
    """Both null, or both numbers within 0.1 percent of the gold (exactly, when the gold is 0)."""
    if predicted is None or gold is None:
        return predicted is None and gold is None
    if not all(isinstance(x, int | float) and not isinstance(x, bool) for x in (predicted, gold)):
        return False
    if gold == 0:
        return predicted == 0
    return abs(predicted - gold) <= VALUE_TOLERANCE * abs(gold)


def _values_agree(prediction: dict, gold: dict) -> bool:
    return all(_number_agrees(prediction.get(k), gold.get(k)) for k in ("value", "low", "high"))


def _unit_fits(prediction: dict, gold: dict) -> bool:
    unit = prediction.get("unit")
    return unit == gold.get("unit") or unit in (gold.get("alt_units") or [])


def _values_and_unit(prediction: dict, gold: dict) -> bool:
    return _values_agree(prediction, gold) and _unit_fits(prediction, gold)


def _values_and_change(prediction: dict, gold: dict) -> bool:
    return _values_agree(prediction, gold) and prediction.get("change") == gold.get("change")


# CQE-style figures: each a stricter criterion on top of quantity-span overlap.
CQE_CRITERIA: dict[str, Callable[[dict, dict], bool]] = {
    "value": _values_agree,
    "value_unit": _values_and_unit,
    "value_change": _values_and_change,
}


def _spans_agree(predicted: dict | None, gold: dict | None) -> bool:
    """Time and source: both absent, or both present and overlapping."""
    if predicted is None or gold is None:
        return predicted is None and gold is None
    return _overlap(predicted, gold) > 0


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _subject_token_f1(predicted: dict | None, gold: dict | None) -> float:
    """Multiset token-overlap F1: a subject is judged by its words, not by its offsets."""
    if predicted is None or gold is None:
        return 1.0 if predicted is None and gold is None else 0.0
    predicted_tokens, gold_tokens = _tokens(predicted["text"]), _tokens(gold["text"])
    if not predicted_tokens or not gold_tokens:
        return 1.0 if predicted_tokens == gold_tokens else 0.0
    common = sum((Counter(predicted_tokens) & Counter(gold_tokens)).values())
    precision = common / len(predicted_tokens)
    recall = common / len(gold_tokens)
    return ratio(2 * precision * recall, precision + recall)


def _score_attributes(pairs: list[tuple[dict, dict]]) -> ClaimAttributes:
    def share(agrees: Callable[[dict, dict], bool]) -> float:
        return ratio(sum(agrees(p, g) for p, g in pairs), len(pairs))

    return ClaimAttributes(
        matched=len(pairs),
        bound=share(lambda p, g: p.get("bound") == g.get("bound")),
        dimension=share(lambda p, g: p.get("dimension") == g.get("dimension")),
        change=share(lambda p, g: p.get("change") == g.get("change")),
        time=share(lambda p, g: _spans_agree(p.get("time"), g.get("time"))),
        source=share(lambda p, g: _spans_agree(p.get("source"), g.get("source"))),
        subject_f1=ratio(
            sum(_subject_token_f1(p.get("subject"), g.get("subject")) for p, g in pairs),
            len(pairs),
        ),
    )


def _claim_order(record: dict) -> tuple:
    quantity = record["quantity"]
    return (record["doc_id"], quantity["start"], quantity["end"], str(record.get("claim_id", "")))


def select_claims(
    predictions: Iterable[dict], gold: Iterable[dict], doc_ids: Iterable[object]
) -> tuple[list[dict], list[dict]]:
    """The predictions (in scoring order) and gold claims of the given documents, checked."""
    documents = set(doc_ids)
    predictions = [record for record in predictions if record.get("doc_id") in documents]
    gold = [record for record in gold if record.get("doc_id") in documents]
    check_fields(predictions, REQUIRED_CLAIM_FIELDS, "predicted claims")
    check_fields(gold, REQUIRED_CLAIM_FIELDS, "gold claims")
    return sorted(predictions, key=_claim_order), gold


def score_detection(
    predictions: list[dict], gold: list[dict]
) -> tuple[Score, ClaimAttributes]:
    """Claim detection (quantity overlap, values and unit agree) and the attributes of the
    matched claims; `predictions` and `gold` as `select_claims` returns them."""
    detection = _match(predictions, gold, _quantity_span, _values_and_unit)
    return detection.score(), _score_attributes(detection.pairs)


def score_claims(
    predictions: Iterable[dict], gold: Iterable[dict], doc_ids: Iterable[object]
) -> dict[str, Score]:
    """CQE-style figures (value, value_unit, value_change) of claim records on exactly the
    documents `doc_ids`: a prediction in one of them that matches no gold claim is a false
    positive even when that document has no gold claim at all (a negative test sentence)."""
    predictions, gold = select_claims(predictions, gold, doc_ids)
    return {
        name: _match(predictions, gold, _quantity_span, accepts).score()
        for name, accepts in CQE_CRITERIA.items()
    }


def claim_errors(
    predictions: Iterable[dict],
    gold: Iterable[dict],
    doc_ids: Iterable[object],
    criterion: str = "value_unit",
) -> tuple[list[dict], list[dict]]:
    """The false positives and false negatives behind one of `score_claims`' figures, for
    finding what to fix."""
    predictions, gold = select_claims(predictions, gold, doc_ids)
    matching = _match(predictions, gold, _quantity_span, CQE_CRITERIA[criterion])
    return matching.false_positives, matching.false_negatives
