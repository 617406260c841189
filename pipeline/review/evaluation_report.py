"""All figures of one evaluation together, as `pipeline evaluate` shows them: text tables for
the terminal, a dict for `--json`, and the reasons a `--min-f1` quality gate fails."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.review.scores import ClaimAttributes, EntityScores, Score


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
        """The entity, claim and attribute tables, a blank line between them."""
        return "\n".join(
            [
                *_entity_table(self.documents, self.entities_strict, self.entities_lenient),
                "",
                *_claim_table(self.cqe),
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


def _claim_table(cqe: dict[str, Score]) -> list[str]:
    lines = [
        "Claims",
        f"{'match on':<16} {'P':>7} {'R':>7} {'F1':>7} {'TP':>5} {'FP':>5} {'FN':>5}",
    ]
    # "detection" (the JSON report's key) is the value+unit match: one row, named for what it
    # asks of a prediction, not printed twice
    shown = {"value": "value", "value_unit": "value+unit", "value_change": "value+change"}
    for key, score in cqe.items():
        name = shown.get(key, key)
        lines.append(f"{name:<16} {_prf(score)} {score.tp:>5} {score.fp:>5} {score.fn:>5}")
    lines.append("(claim detection is the value+unit match: quantity spans overlap, value and "
                 "unit agree)")
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
