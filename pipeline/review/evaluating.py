"""Evaluate pipeline output against hand-labelled gold (matching rules: ANNOTATION.md section 3).

Both directories hold `entities.jsonl` and `claims.jsonl` in the output contract's format; the
gold may also mark records `"optional": true`, give entities `"alt_labels"` and give claims
`"alt_units"`: a predicted label (unit) agrees when it is the gold's or one of its alternatives,
for a mention that honestly has more than one reading ("Dollar" with no country: USD, or any
other dollar). Only the gold's documents are scored, so a prediction run over a larger corpus
can be compared with a small gold set: those of its `corpus.jsonl` when the gold folder has one
(so that a document with no quantity at all still counts its predictions as false alarms),
and every document with a gold entity or claim. `score_claims` does the same for claim records
in memory, over the documents it is given.

Matching is one-to-one and greedy in a fixed order, so the same files always give the same
figures. A prediction matched to optional gold, and optional gold left unmatched, count for
nothing: a doubtful span is neither a miss nor a false alarm.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import jsonlines

ENTITIES_FILE = "entities.jsonl"
CLAIMS_FILE = "claims.jsonl"
CORPUS_FILE = "corpus.jsonl"
VALUE_TOLERANCE = 0.001  # relative: values agree within 0.1 percent

ENTITY_FIELDS = ("doc_id", "label", "start", "end")
CLAIM_FIELDS = ("doc_id", "quantity.start", "quantity.end")


class EvaluationError(Exception):
    """A gold or prediction file is missing or unreadable; the message names the file."""


def load_records(directory: Path, name: str) -> list[dict]:
    """Read one JSON Lines file, turning a missing or malformed file into an EvaluationError."""
    path = Path(directory) / name
    if not path.is_file():
        raise EvaluationError(f"{name} not found: {path} does not exist or is not a file")
    try:
        with path.open(encoding="utf-8") as handle:
            return list(jsonlines.Reader(handle).iter(type=dict, skip_empty=True))
    except jsonlines.InvalidLineError as error:
        raise EvaluationError(f"{path}: {error}") from error
    except UnicodeDecodeError as error:
        raise EvaluationError(f"{path}: not UTF-8: {error}") from error


def _has(record: dict, dotted: str) -> bool:
    for key in dotted.split("."):
        if not isinstance(record, dict) or key not in record:
            return False
        record = record[key]
    return True


def _check_fields(records: list[dict], fields: Iterable[str], path: Path | str) -> None:
    """Fail early, naming the file and record, rather than with a KeyError deep in matching."""
    for number, record in enumerate(records, start=1):
        missing = [name for name in fields if not _has(record, name)]
        if missing:
            raise EvaluationError(f"{path}: record {number} lacks {', '.join(missing)}")


# Scores ------------------------------------------------------------------------------------


def _ratio(numerator: float, denominator: float) -> float:
    """0/0 is 0.0: an empty category scores nothing, and its support shows why."""
    return numerator / denominator if denominator else 0.0


@dataclass(frozen=True)
class Score:
    """Counts of one comparison; precision, recall and F1 follow from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        """Number of required gold items: what recall is out of."""
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return _ratio(2 * self.precision * self.recall, self.precision + self.recall)

    def to_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "support": self.support,
        }


@dataclass(frozen=True)
class EntityScores:
    """One matching mode (strict or lenient): overall and per label."""

    overall: Score
    per_label: dict[str, Score]

    def to_dict(self) -> dict:
        return {
            "overall": self.overall.to_dict(),
            "per_label": {
                label: self.per_label[label].to_dict() for label in sorted(self.per_label)
            },
        }


@dataclass(frozen=True)
class ClaimAttributes:
    """How well the matched claims (true positives only) got their other fields right."""

    matched: int = 0
    bound: float = 0.0
    dimension: float = 0.0
    change: float = 0.0
    time: float = 0.0
    source: float = 0.0
    subject_f1: float = 0.0

    def to_dict(self) -> dict:
        return {
            "matched": self.matched,
            "bound_accuracy": round(self.bound, 4),
            "dimension_accuracy": round(self.dimension, 4),
            "change_accuracy": round(self.change, 4),
            "time_accuracy": round(self.time, 4),
            "source_accuracy": round(self.source, 4),
            "subject_token_f1": round(self.subject_f1, 4),
        }


@dataclass(frozen=True)
class Report:
    """All figures of one evaluation."""

    documents: int
    entities_strict: EntityScores
    entities_lenient: EntityScores
    claims: Score
    attributes: ClaimAttributes
    cqe: dict[str, Score]

    def to_dict(self) -> dict:
        return {
            "documents": self.documents,
            "entities": {
                "strict": self.entities_strict.to_dict(),
                "lenient": self.entities_lenient.to_dict(),
            },
            "claims": {
                "detection": self.claims.to_dict(),
                "attributes": self.attributes.to_dict(),
                "cqe": {name: score.to_dict() for name, score in self.cqe.items()},
            },
        }

    def format_table(self) -> str:
        return "\n".join(
            [
                *_entity_table(self.documents, self.entities_strict, self.entities_lenient),
                "",
                *_claim_table(self.claims, self.cqe),
                "",
                *_attribute_table(self.attributes),
            ]
        )

    def failures(self, min_f1: float) -> list[str]:
        """Reasons to fail a quality gate; compared at the 4 decimals the report shows."""
        checks = [
            ("claim detection F1", self.claims.f1),
            ("entity F1 (lenient, overall)", self.entities_lenient.overall.f1),
        ]
        return [
            f"{name} {round(value, 4):.4f} is below the minimum {min_f1:.4f}"
            for name, value in checks
            if round(value, 4) < min_f1
        ]


def _prf(score: Score) -> str:
    return f"{score.precision:>7.4f} {score.recall:>7.4f} {score.f1:>7.4f}"


def _entity_table(documents: int, strict: EntityScores, lenient: EntityScores) -> list[str]:
    lines = [
        f"Entities ({documents} documents)",
        f"{'':<16} {'':>7}   {'strict':<23}   {'lenient':<23}".rstrip(),
        f"{'label':<16} {'support':>7}   {'P':>7} {'R':>7} {'F1':>7}   {'P':>7} {'R':>7} {'F1':>7}",
    ]
    rows = [("overall", strict.overall, lenient.overall)] + [
        (label, strict.per_label.get(label, Score()), lenient.per_label.get(label, Score()))
        for label in sorted(set(strict.per_label) | set(lenient.per_label))
    ]
    for label, strict_score, lenient_score in rows:
        lines.append(
            f"{label:<16} {lenient_score.support:>7}   {_prf(strict_score)}   {_prf(lenient_score)}"
        )
    return lines


def _claim_table(detection: Score, cqe: dict[str, Score]) -> list[str]:
    lines = [
        "Claims",
        f"{'match on':<16} {'P':>7} {'R':>7} {'F1':>7} {'TP':>5} {'FP':>5} {'FN':>5}",
    ]
    for name, score in [("detection", detection), *cqe.items()]:
        lines.append(f"{name:<16} {_prf(score)} {score.tp:>5} {score.fp:>5} {score.fn:>5}")
    return lines


def _attribute_table(attributes: ClaimAttributes) -> list[str]:
    return [
        f"Matched claims: {attributes.matched}",
        f"{'bound accuracy':<20} {attributes.bound:.4f}",
        f"{'dimension accuracy':<20} {attributes.dimension:.4f}",
        f"{'change accuracy':<20} {attributes.change:.4f}",
        f"{'time accuracy':<20} {attributes.time:.4f}",
        f"{'source accuracy':<20} {attributes.source:.4f}",
        f"{'subject token-F1':<20} {attributes.subject_f1:.4f}",
    ]


# Matching ----------------------------------------------------------------------------------


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
    return _ratio(2 * precision * recall, precision + recall)


def _score_attributes(pairs: list[tuple[dict, dict]]) -> ClaimAttributes:
    def share(agrees: Callable[[dict, dict], bool]) -> float:
        return _ratio(sum(agrees(p, g) for p, g in pairs), len(pairs))

    return ClaimAttributes(
        matched=len(pairs),
        bound=share(lambda p, g: p.get("bound") == g.get("bound")),
        dimension=share(lambda p, g: p.get("dimension") == g.get("dimension")),
        change=share(lambda p, g: p.get("change") == g.get("change")),
        time=share(lambda p, g: _spans_agree(p.get("time"), g.get("time"))),
        source=share(lambda p, g: _spans_agree(p.get("source"), g.get("source"))),
        subject_f1=_ratio(
            sum(_subject_token_f1(p.get("subject"), g.get("subject")) for p, g in pairs),
            len(pairs),
        ),
    )


def _claim_order(record: dict) -> tuple:
    quantity = record["quantity"]
    return (record["doc_id"], quantity["start"], quantity["end"], str(record.get("claim_id", "")))


def _claims_of(
    predictions: Iterable[dict], gold: Iterable[dict], doc_ids: Iterable[object]
) -> tuple[list[dict], list[dict]]:
    """The predictions (in scoring order) and gold claims of the given documents, checked."""
    documents = set(doc_ids)
    predictions = [record for record in predictions if record.get("doc_id") in documents]
    gold = [record for record in gold if record.get("doc_id") in documents]
    _check_fields(predictions, CLAIM_FIELDS, "predicted claims")
    _check_fields(gold, CLAIM_FIELDS, "gold claims")
    return sorted(predictions, key=_claim_order), gold


def score_claims(
    predictions: Iterable[dict], gold: Iterable[dict], doc_ids: Iterable[object]
) -> dict[str, Score]:
    """CQE-style figures (value, value_unit, value_change) of claim records on exactly the
    documents `doc_ids`: a prediction in one of them that matches no gold claim is a false
    positive even when that document has no gold claim at all (a negative test sentence)."""
    predictions, gold = _claims_of(predictions, gold, doc_ids)
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
    predictions, gold = _claims_of(predictions, gold, doc_ids)
    matching = _match(predictions, gold, _quantity_span, CQE_CRITERIA[criterion])
    return matching.false_positives, matching.false_negatives


# Entry point -------------------------------------------------------------------------------


def _load(directory: Path, name: str, fields: Iterable[str]) -> list[dict]:
    records = load_records(directory, name)
    _check_fields(records, fields, Path(directory) / name)
    return records


def _gold_documents(gold_dir: Path, gold_records: Iterable[dict]) -> set[object]:
    """The documents a gold folder covers: those of its corpus.jsonl, if it has one, and every
    document with a gold entity or claim."""
    documents = {record["doc_id"] for record in gold_records}
    if (Path(gold_dir) / CORPUS_FILE).is_file():
        documents |= {record["id"] for record in _load(gold_dir, CORPUS_FILE, ("id",))}
    return documents


def evaluate(gold_dir: Path, pred_dir: Path) -> Report:
    """Score the predictions in pred_dir on the documents that the gold in gold_dir covers."""
    gold_entities = _load(gold_dir, ENTITIES_FILE, ENTITY_FIELDS)
    gold_claims = _load(gold_dir, CLAIMS_FILE, CLAIM_FIELDS)
    pred_entities = _load(pred_dir, ENTITIES_FILE, ENTITY_FIELDS)
    pred_claims = _load(pred_dir, CLAIMS_FILE, CLAIM_FIELDS)

    documents = _gold_documents(gold_dir, gold_entities + gold_claims)
    pred_entities = [record for record in pred_entities if record["doc_id"] in documents]
    pred_claims, gold_claims = _claims_of(pred_claims, gold_claims, documents)

    detection = _match(pred_claims, gold_claims, _quantity_span, _values_and_unit)
    cqe = score_claims(pred_claims, gold_claims, documents)
    return Report(
        documents=len(documents),
        entities_strict=_score_entities(pred_entities, gold_entities, _same_offsets),
        entities_lenient=_score_entities(pred_entities, gold_entities, _label_fits),
        claims=detection.score(),
        attributes=_score_attributes(detection.pairs),
        cqe=cqe,
    )
