"""The figures an evaluation produces: counts of matches and what follows from them.

Kept apart from matching (which produces them) and from the printed tables (which show them), so
that `bench/` and the quality gate can read the same figures the report prints.
"""

from __future__ import annotations

from dataclasses import dataclass


def ratio(numerator: float, denominator: float) -> float:
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
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return ratio(2 * self.precision * self.recall, self.precision + self.recall)

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
