"""Quality on the peers' public quantity test suites: the pipeline and quantulum3 side by side,
both scored under our conventions (bench/peers.py, docs/peers.md).

    .venv/bin/python bench/quality.py [--suite currency ...] [--json figures.json] [--errors]

For each suite the documents go through `pipeline.batch.job.run_job` (what `pipeline run` calls; the
model is loaded once for all suites) and through quantulum3's parser; quantulum3's quantities
become claim records with bench/peer_units.tsv. Both tools' claims are kept only where they are
of the suite's dimensions (a spec labels only its own model's type, so a claim of another type
is neither a hit nor a false alarm there) and scored on every document of the suite, negative
records included, with `pipeline.review.evaluating.score_claims`. `--errors` lists the
pipeline's false positives and false negatives (value and unit), which is what to read to find
what to fix.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import warnings
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path[:0] = [str(BENCH), str(REPO)]

import peers  # noqa: E402

from pipeline.review.evaluating import claim_errors, score_claims  # noqa: E402

TOOLS = ("pipeline", "quantulum3")
CRITERIA = {"value": "value", "value_unit": "value+unit", "value_change": "value+change"}

# quantulum3's entity names for units that peer_units.tsv does not map (its output on odd text:
# "dollar dollar", "degree angle farad"): what they measure, in our dimension names.
QUANTULUM_ENTITIES = {
    "currency": "currency",
    "dimensionless": "count",
    "length": "length",
    "area": "area",
    "volume": "volume",
    "mass": "mass",
    "time": "duration",
    "temperature": "temperature",
    "speed": "speed",
    "energy": "energy",
    "power": "power",
    "frequency": "frequency",
    "data storage": "data",
    "angle": "angle",
}


# The two tools -----------------------------------------------------------------------------


def run_pipeline(suites: list[peers.Suite], work_dir: Path) -> dict[str, list[dict]]:
    """Claims of `pipeline run` on each suite's documents, one model load for all suites."""
    from pipeline.batch.job import run_job

    claims = {}
    for suite in suites:
        folder = work_dir / suite.name
        folder.mkdir(parents=True)
        peers.write_jsonl(folder / "corpus.jsonl", suite.documents)
        run_job([folder / "corpus.jsonl"], folder / "out")
        lines = (folder / "out" / "claims.jsonl").read_text(encoding="utf-8").splitlines()
        claims[suite.name] = [json.loads(line) for line in lines if line.strip()]
    return claims


def quantulum_claim(doc_id: str, text: str, quantity: object, number: int) -> dict:
    """One quantulum3 Quantity as a claim record, by the rules used for its test cases' gold:
    the unit through peer_units.tsv (minor units and multiples converted), money by its ISO
    code, value+/-uncertainty as low/high. quantulum3 tells no changes."""
    unit_name = quantity.unit.name
    mapping = peers.peer_units().get(("quantulum3", unit_name))
    currency = getattr(quantity.unit, "currency_code", None)
    if mapping and mapping.code:
        unit, multiplier, dimension = mapping.code, mapping.multiplier, None
    elif currency:
        unit, multiplier, dimension = currency, 1.0, "currency"
    else:  # not a unit of ours: a wrong unit, of the dimension quantulum3 gives it
        unit, multiplier = f"quantulum3:{unit_name}", 1.0
        dimension = QUANTULUM_ENTITIES.get(quantity.unit.entity.name, "unknown")
    value, low, high = peers.quantity_bounds(quantity.value, quantity.uncertainty)
    start, end = quantity.span
    return {
        "doc_id": doc_id,
        "claim_id": f"{doc_id}:q{number}",
        "quantity": {"text": text[start:end], "start": start, "end": end},
        "value": peers.scaled(value, multiplier),
        "low": peers.scaled(low, multiplier),
        "high": peers.scaled(high, multiplier),
        "unit": unit,
        "dimension": dimension or peers.dimension_of(unit),
        "change": None,
    }


def run_quantulum(suites: list[peers.Suite]) -> dict[str, list[dict]]:
    """quantulum3's quantities on each suite's documents, as claim records."""
    logging.getLogger("quantulum3").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its classifier warns about scikit-learn versions
        from quantulum3 import parser

        claims = {}
        for suite in suites:
            claims[suite.name] = [
                quantulum_claim(document["id"], document["text"], quantity, number)
                for document in suite.documents
                for number, quantity in enumerate(parser.parse(document["text"]), start=1)
            ]
    return claims


# Scoring -----------------------------------------------------------------------------------


def dimension(claim: dict) -> str | None:
    """The claim's dimension; derived from its unit while the pipeline does not write one."""
    return claim.get("dimension") or peers.dimension_of(claim.get("unit"))


def in_scope(suite: peers.Suite, claims: list[dict]) -> list[dict]:
    return [claim for claim in claims if suite.in_scope(dimension(claim))]


def score_suite(suite: peers.Suite, predictions: dict[str, list[dict]]) -> dict:
    """The figures of one suite for each tool."""
    figures = {
        "documents": len(suite.documents),
        "gold_claims": sum(not claim.get("optional") for claim in suite.claims),
        "optional_claims": sum(bool(claim.get("optional")) for claim in suite.claims),
        "decisions": suite.decisions_applied,
        "cqe_value_f1": suite.spec.cqe_value_f1,
    }
    for tool in TOOLS:
        scores = score_claims(in_scope(suite, predictions[tool]), suite.claims, suite.doc_ids)
        figures[tool] = {name: score.to_dict() for name, score in scores.items()}
    return figures


def markdown_table(figures: dict[str, dict]) -> str:
    header = ["suite", "documents", "gold claims"]
    header += [f"{tool} {label} F1" for tool in TOOLS for label in CRITERIA.values()]
    header += ["CQE value F1 (published)"]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for name, suite in figures.items():
        cells = [name, str(suite["documents"]), str(suite["gold_claims"])]
        cells += [f"{suite[tool][criterion]['f1']:.3f}" for tool in TOOLS for criterion in CRITERIA]
        cells += [f"{suite['cqe_value_f1']:.2f}" if suite["cqe_value_f1"] else ""]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


# Errors ------------------------------------------------------------------------------------


def describe(claim: dict) -> str:
    if claim.get("value") is not None:
        amount = f"{claim['value']:g}"
    else:
        amount = f"{claim.get('low')}..{claim.get('high')}"
    change = f" {claim['change']}" if claim.get("change") else ""
    return f"{amount} {claim.get('unit')}{change} {claim['quantity']['text']!r}"


def overlapping(claim: dict, others: list[dict]) -> list[dict]:
    span = claim["quantity"]
    return [
        other for other in others
        if other["doc_id"] == claim["doc_id"]
        and other["quantity"]["start"] < span["end"] and span["start"] < other["quantity"]["end"]
    ]


def error_report(suite: peers.Suite, predicted: list[dict]) -> list[str]:
    """The pipeline's misses and false alarms on value and unit, each with what the other side
    had on the same words (a prediction out of the suite's dimensions is marked so)."""
    scored = in_scope(suite, predicted)
    false_positives, false_negatives = claim_errors(scored, suite.claims, suite.doc_ids)
    lines = [f"### {suite.name}: {len(false_negatives)} missed, "
             f"{len(false_positives)} false alarms (value+unit)"]
    for gold in false_negatives:
        seen = [
            describe(claim) + ("" if suite.in_scope(dimension(claim)) else " [not scored]")
            for claim in overlapping(gold, predicted)
        ]
        lines.append(f"- missed {gold['doc_id']} gold {describe(gold)}; "
                     f"predicted {'; '.join(seen) or 'nothing'}")
    for claim in false_positives:
        gold = [describe(record) for record in overlapping(claim, suite.claims)]
        lines.append(f"- false alarm {claim['doc_id']} predicted {describe(claim)}; "
                     f"gold {'; '.join(gold) or 'nothing'}")
    return lines


# Main --------------------------------------------------------------------------------------


def measure(names: list[str] | None, show_errors: bool = False) -> tuple[dict, list[str]]:
    """Figures per suite, and the error listing when asked for."""
    suites = peers.load_suites(names)
    with tempfile.TemporaryDirectory(prefix="peer-quality-") as work:
        predictions = {"pipeline": run_pipeline(suites, Path(work))}
    predictions["quantulum3"] = run_quantulum(suites)
    figures, errors = {}, []
    for suite in suites:
        figures[suite.name] = score_suite(
            suite, {tool: predictions[tool][suite.name] for tool in TOOLS}
        )
        if show_errors:
            errors += ["", *error_report(suite, predictions["pipeline"][suite.name])]
    return figures, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--suite", action="append", choices=list(peers.SUITES),
                        help="a suite to measure (repeatable; default: all)")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--errors", action="store_true",
                        help="list the pipeline's false positives and false negatives")
    args = parser.parse_args(argv)
    if not peers.peers_available():
        print(f"cannot measure: {peers.ABSENT_REASON}", file=sys.stderr)
        return 2
    figures, errors = measure(args.suite, args.errors)
    print(markdown_table(figures))
    for line in errors:
        print(line)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
