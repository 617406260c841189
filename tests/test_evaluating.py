"""Tests for pipeline.review.evaluating on small gold/prediction directories written per test."""

import json
from pathlib import Path

import jsonlines
import pytest

from pipeline.review.evaluating import (
    EvaluationError,
    claim_errors,
    evaluate,
    load_records,
    score_claims,
)

GOLD_DIR = Path(__file__).parent / "gold"
LABELLED_SETS = [Path(__file__).parent / name for name in ("sentences", "heldout")]
DOC = "doc1"


def ent(start: int, end: int, label: str = "ORG", doc: str = DOC, **extra) -> dict:
    return {
        "doc_id": doc,
        "text": "x" * (end - start),
        "label": label,
        "start": start,
        "end": end,
        **extra,
    }


def span(start: int, end: int) -> dict:
    return {"text": "x" * (end - start), "start": start, "end": end}


def claim(start: int, end: int, value=None, unit: str = "percent", doc: str = DOC, **extra) -> dict:
    record = {
        "doc_id": doc,
        "claim_id": f"{doc}:{start}",
        "quantity": span(start, end),
        "value": value,
        "low": None,
        "high": None,
        "unit": unit,
        "unit_text": unit,
        "dimension": "percent" if unit == "percent" else "currency",
        "counted": None,
        "bound": "exact",
        "change": None,
        "subject": None,
        "time": None,
        "source": None,
    }
    record.update(extra)
    return record


def write(directory: Path, entities=(), claims=()) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, records in (("entities.jsonl", entities), ("claims.jsonl", claims)):
        with jsonlines.open(directory / name, mode="w") as writer:
            writer.write_all(records)
    return directory


def run(tmp_path: Path, gold_entities=(), gold_claims=(), pred_entities=(), pred_claims=()):
    gold = write(tmp_path / "gold", gold_entities, gold_claims)
    pred = write(tmp_path / "pred", pred_entities, pred_claims)
    return evaluate(gold, pred)


def counts(score: dict) -> tuple[int, int, int]:
    return score["tp"], score["fp"], score["fn"]


# Entities ----------------------------------------------------------------------------------


def test_strict_needs_same_offsets_lenient_needs_overlap(tmp_path):
    gold = [ent(0, 10), ent(20, 30), ent(40, 45)]
    pred = [ent(0, 10), ent(22, 30), ent(45, 50)]  # exact, overlapping, merely touching
    result = run(tmp_path, gold, [], pred).to_dict()["entities"]
    assert counts(result["strict"]["overall"]) == (1, 2, 2)
    assert counts(result["lenient"]["overall"]) == (2, 1, 1)
    assert result["strict"]["overall"]["precision"] == 0.3333
    assert result["lenient"]["overall"]["f1"] == 0.6667


def test_label_must_match(tmp_path):
    result = run(tmp_path, [ent(0, 10, "ORG")], [], [ent(0, 10, "GPE")]).to_dict()
    assert counts(result["entities"]["strict"]["overall"]) == (0, 1, 1)
    assert counts(result["entities"]["lenient"]["overall"]) == (0, 1, 1)


def test_alt_labels_are_compatible_and_tp_counts_under_gold_label(tmp_path):
    gold = [ent(0, 10, "ORG", alt_labels=["LAW", "EVENT"]), ent(20, 30, "ORG", alt_labels=["LAW"])]
    pred = [ent(0, 10, "EVENT"), ent(20, 30, "PERSON")]
    strict = run(tmp_path, gold, [], pred).to_dict()["entities"]["strict"]
    assert counts(strict["overall"]) == (1, 1, 1)
    assert counts(strict["per_label"]["ORG"]) == (1, 0, 1)
    assert counts(strict["per_label"]["PERSON"]) == (0, 1, 0)
    assert "EVENT" not in strict["per_label"]


def test_optional_gold_is_neither_hit_miss_nor_false_alarm(tmp_path):
    gold = [ent(0, 10), ent(20, 30, optional=True), ent(40, 50, optional=True)]
    pred = [ent(0, 10), ent(20, 30)]  # second hits optional gold; third gold left unmatched
    result = run(tmp_path, gold, [], pred).to_dict()["entities"]
    for mode in ("strict", "lenient"):
        assert counts(result[mode]["overall"]) == (1, 0, 0)
        assert result[mode]["overall"]["support"] == 1
        assert result[mode]["overall"]["f1"] == 1.0


def test_prediction_prefers_required_gold_over_larger_optional_overlap(tmp_path):
    gold = [ent(0, 10, optional=True), ent(8, 20)]
    lenient = run(tmp_path, gold, [], [ent(0, 10)]).to_dict()["entities"]["lenient"]
    assert counts(lenient["overall"]) == (1, 0, 0)


def test_per_label_counts_fp_under_predicted_and_fn_under_gold_label(tmp_path):
    gold = [ent(0, 5, "PERSON"), ent(10, 15, "GPE"), ent(20, 25, "GPE")]
    pred = [ent(0, 5, "ORG"), ent(10, 15, "GPE"), ent(30, 35, "DATE")]
    per_label = run(tmp_path, gold, [], pred).to_dict()["entities"]["strict"]["per_label"]
    assert list(per_label) == ["DATE", "GPE", "ORG", "PERSON"]
    assert counts(per_label["PERSON"]) == (0, 0, 1)
    assert counts(per_label["ORG"]) == (0, 1, 0)
    assert counts(per_label["GPE"]) == (1, 0, 1)
    assert per_label["GPE"]["support"] == 2
    assert per_label["GPE"]["precision"] == 1.0
    assert per_label["GPE"]["recall"] == 0.5
    assert counts(per_label["DATE"]) == (0, 1, 0)
    # 0/0 is reported as 0.0, with the support showing why.
    assert per_label["DATE"]["recall"] == 0.0
    assert per_label["DATE"]["support"] == 0


def test_one_gold_entity_matches_one_prediction_only(tmp_path):
    lenient = run(tmp_path, [ent(0, 10)], [], [ent(0, 5), ent(3, 10)]).to_dict()
    assert counts(lenient["entities"]["lenient"]["overall"]) == (1, 1, 0)


# Claims ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold_value", "pred_value", "matches"),
    [
        (1000, 1000, True),
        (1000, 1000.5, True),  # 0.05 percent off
        (1000, 999.5, True),
        (1000, 1010, False),  # 1 percent off
        (1000, 990, False),
        (33.333, 33.3333, True),
        (0, 0, True),
        (0, 0.0001, False),
        (1000, None, False),
        (None, 1000, False),
    ],
)
def test_claim_value_tolerance(tmp_path, gold_value, pred_value, matches):
    report = run(tmp_path, [], [claim(0, 10, gold_value)], [], [claim(0, 10, pred_value)])
    expected = (1, 0, 0) if matches else (0, 1, 1)
    assert counts(report.to_dict()["claims"]["detection"]) == expected


def test_claim_unit_mismatch_is_no_detection(tmp_path):
    report = run(tmp_path, [], [claim(0, 10, 100, "USD")], [], [claim(0, 10, 100, "EUR")])
    result = report.to_dict()["claims"]
    assert counts(result["detection"]) == (0, 1, 1)
    assert counts(result["cqe"]["value"]) == (1, 0, 0)  # units ignored
    assert result["attributes"]["matched"] == 0


def test_claim_quantity_spans_must_overlap(tmp_path):
    report = run(tmp_path, [], [claim(0, 10, 5)], [], [claim(10, 20, 5)])
    assert counts(report.to_dict()["claims"]["detection"]) == (0, 1, 1)


@pytest.mark.parametrize(
    ("low", "high", "value", "matches"),
    [
        (1_250_000, 1_500_000, None, True),
        (1_250_500, 1_499_000, None, True),  # both bounds within 0.1 percent
        (1_250_000, 1_515_000, None, False),  # high 1 percent off
        (1_237_500, 1_500_000, None, False),  # low 1 percent off
        (1_250_000, None, None, False),  # one side missing
        (None, None, 1_375_000, False),  # a point value for a range
    ],
)
def test_range_needs_both_bounds(tmp_path, low, high, value, matches):
    gold = claim(0, 20, None, "count", low=1_250_000, high=1_500_000)
    pred = claim(0, 20, value, "count", low=low, high=high)
    report = run(tmp_path, [], [gold], [], [pred])
    expected = (1, 0, 0) if matches else (0, 1, 1)
    assert counts(report.to_dict()["claims"]["detection"]) == expected


@pytest.mark.parametrize(
    ("pred_unit", "matches"), [("USD", True), ("CAD", True), ("HKD", True), ("EUR", False)]
)
def test_claim_unit_may_be_one_of_the_gold_alternatives(tmp_path, pred_unit, matches):
    gold = claim(0, 10, 100, "USD", alt_units=["CAD", "HKD"])  # "$100" with no country named
    result = run(tmp_path, [], [gold], [], [claim(0, 10, 100, pred_unit)]).to_dict()["claims"]
    expected = (1, 0, 0) if matches else (0, 1, 1)
    assert counts(result["detection"]) == expected
    assert counts(result["cqe"]["value_unit"]) == expected
    assert counts(result["cqe"]["value"]) == (1, 0, 0)


def test_alternative_units_of_one_gold_do_not_widen_another(tmp_path):
    gold = [claim(0, 10, 100, "USD", alt_units=["CAD"]), claim(20, 30, 100, "USD")]
    pred = [claim(0, 10, 100, "CAD"), claim(20, 30, 100, "CAD")]
    result = run(tmp_path, [], gold, [], pred).to_dict()["claims"]
    assert counts(result["detection"]) == (1, 1, 1)


def test_one_gold_claim_matches_one_prediction_only(tmp_path):
    report = run(tmp_path, [], [claim(0, 10, 40)], [], [claim(0, 6, 40), claim(4, 10, 40)])
    result = report.to_dict()["claims"]
    assert counts(result["detection"]) == (1, 1, 0)
    assert result["attributes"]["matched"] == 1


def test_optional_gold_claim_is_ignored(tmp_path):
    gold = [
        claim(0, 10, 40),
        claim(20, 30, 2, "day", optional=True),
        claim(40, 50, 3, "day", optional=True),
    ]
    pred = [claim(0, 10, 40), claim(20, 30, 2, "day", bound="at_least")]
    result = run(tmp_path, [], gold, [], pred).to_dict()["claims"]
    assert counts(result["detection"]) == (1, 0, 0)
    assert result["attributes"]["matched"] == 1
    assert result["attributes"]["bound_accuracy"] == 1.0  # the optional pair is not scored


def test_claim_prefers_largest_quantity_overlap(tmp_path):
    gold = [claim(0, 4, 7, bound="exact"), claim(5, 20, 7, bound="approximate")]
    pred = [claim(3, 15, 7, bound="approximate")]
    result = run(tmp_path, [], gold, [], pred).to_dict()["claims"]
    assert counts(result["detection"]) == (1, 0, 1)
    assert result["attributes"]["bound_accuracy"] == 1.0


def test_matching_does_not_depend_on_file_order(tmp_path):
    gold = [claim(0, 10, 5, bound="exact")]
    late_and_wrong = claim(5, 15, 5, bound="approximate")
    exact = claim(0, 10, 5, bound="exact")
    first = run(tmp_path / "a", [], gold, [], [late_and_wrong, exact]).to_dict()
    second = run(tmp_path / "b", [], gold, [], [exact, late_and_wrong]).to_dict()
    assert first == second
    assert first["claims"]["attributes"]["bound_accuracy"] == 1.0


def test_attributes_over_matched_claims_hand_worked(tmp_path):
    gold = [
        claim(
            0,
            10,
            1,
            subject={"text": "Kazakh-Chinese trade", "start": 20, "end": 40},
            source=span(50, 60),
        ),
        claim(
            100,
            110,
            2,
            change=None,
            time=span(90, 97),
            subject={"text": "imports of grain", "start": 120, "end": 136},
        ),
        claim(200, 210, 3, change="decrease", time=span(180, 190), source=span(220, 230)),
        claim(
            300,
            310,
            4,
            change="increase",
            time=span(280, 290),
            subject={"text": "exports", "start": 320, "end": 327},
        ),
        claim(400, 410, 5, optional=True),
    ]
    pred = [
        # subject F1: P 1/1, R 1/3 -> 0.5; everything else right
        claim(0, 10, 1, subject={"text": "trade", "start": 35, "end": 40}, source=span(55, 70)),
        # bound, change and time wrong; source right (both null); subject P 3/5, R 1 -> 0.75
        claim(
            100,
            110,
            2,
            bound="approximate",
            change="increase",
            subject={"text": "China's imports of grain", "start": 112, "end": 136},
        ),
        # time present on both sides but not overlapping -> wrong; subject both null -> 1.0;
        # dimension wrong
        claim(200, 210, 3, change="decrease", time=span(190, 195), source=span(225, 226),
              dimension="factor"),
        # change wrong; source only predicted -> wrong; subject only in gold -> 0.0
        claim(300, 310, 4, change="decrease", time=span(285, 295), source=span(330, 340)),
        # matched to optional gold, unmatched (unit): neither is scored for attributes
        claim(400, 410, 5, bound="at_most", change="increase"),
        claim(500, 510, 6, "USD", bound="at_most"),
    ]
    result = run(tmp_path, [], gold, [], pred).to_dict()["claims"]
    assert counts(result["detection"]) == (4, 1, 0)
    assert result["attributes"] == {
        "matched": 4,
        "bound_accuracy": 0.75,
        "dimension_accuracy": 0.75,
        "change_accuracy": 0.5,
        "time_accuracy": 0.5,
        "source_accuracy": 0.75,
        "subject_token_f1": 0.5625,
    }


def test_cqe_figures_use_stricter_criteria(tmp_path):
    gold = [claim(0, 10, 100, "USD"), claim(20, 30, 5, "percent", change="increase")]
    pred = [claim(0, 10, 100, "EUR"), claim(20, 30, 5, "percent", change=None)]
    cqe = run(tmp_path, [], gold, [], pred).to_dict()["claims"]["cqe"]
    assert list(cqe) == ["value", "value_unit", "value_change"]
    assert counts(cqe["value"]) == (2, 0, 0)
    assert counts(cqe["value_unit"]) == (1, 1, 1)
    assert counts(cqe["value_change"]) == (1, 1, 1)
    assert cqe["value_unit"]["f1"] == 0.5


# Documents, files and the report -----------------------------------------------------------


def test_documents_not_in_gold_are_ignored(tmp_path):
    gold_entities = [ent(0, 10)]
    gold_claims = [claim(0, 10, 40, doc="doc2")]  # doc2 is in the gold through its claims only
    pred_entities = [ent(0, 10), ent(0, 10, doc="elsewhere"), ent(50, 60, doc="doc2")]
    pred_claims = [claim(0, 10, 40, doc="doc2"), claim(0, 10, 40, doc="elsewhere")]
    result = run(tmp_path, gold_entities, gold_claims, pred_entities, pred_claims).to_dict()
    assert result["documents"] == 2
    assert counts(result["entities"]["strict"]["overall"]) == (1, 1, 0)
    assert counts(result["claims"]["detection"]) == (1, 0, 0)


def write_corpus(directory: Path, doc_ids) -> None:
    with jsonlines.open(directory / "corpus.jsonl", mode="w") as writer:
        writer.write_all({"id": doc_id, "text": "x" * 60} for doc_id in doc_ids)


def test_documents_of_the_gold_corpus_are_scored_even_without_gold(tmp_path):
    gold = write(tmp_path / "gold", [], [claim(0, 10, 40)])
    pred = write(
        tmp_path / "pred",
        [ent(0, 10, doc="negative")],
        [claim(0, 10, 40), claim(20, 30, 5, doc="negative"), claim(0, 10, 1, doc="elsewhere")],
    )
    without_corpus = evaluate(gold, pred).to_dict()
    assert without_corpus["documents"] == 1
    assert counts(without_corpus["claims"]["detection"]) == (1, 0, 0)

    write_corpus(gold, [DOC, "negative"])  # a sentence with no quantity, and so no gold
    result = evaluate(gold, pred).to_dict()
    assert result["documents"] == 2
    assert counts(result["claims"]["detection"]) == (1, 1, 0)
    assert counts(result["claims"]["cqe"]["value"]) == (1, 1, 0)
    assert counts(result["entities"]["strict"]["overall"]) == (0, 1, 0)


def test_gold_corpus_record_without_id_raises_evaluation_error(tmp_path):
    gold = write(tmp_path / "gold", [], [claim(0, 10, 40)])
    (gold / "corpus.jsonl").write_text('{"text": "no id"}\n', encoding="utf-8")
    with pytest.raises(EvaluationError, match="corpus.jsonl: record 1 lacks id"):
        evaluate(gold, write(tmp_path / "pred"))


@pytest.mark.parametrize("directory", LABELLED_SETS, ids=lambda path: path.name)
def test_every_document_of_the_labelled_sets_has_gold(directory):
    # So reading their corpus.jsonl leaves the published figures as they were.
    corpus = {record["id"] for record in load_records(directory, "corpus.jsonl")}
    labelled = {
        record["doc_id"]
        for name in ("entities.jsonl", "claims.jsonl")
        for record in load_records(directory, name)
    }
    assert corpus == labelled


def test_score_claims_scores_exactly_the_given_documents():
    gold = [claim(0, 10, 100, "USD"), claim(20, 30, 5, change="increase", doc="doc2")]
    pred = [
        claim(0, 10, 100, "EUR"),  # value right, unit wrong
        claim(20, 30, 5, doc="doc2"),  # change missed
        claim(0, 5, 7, doc="negative"),  # a false alarm in a document with no gold
        claim(0, 5, 7, doc="not scored"),
    ]
    scores = score_claims(pred, gold, [DOC, "doc2", "negative"])
    assert list(scores) == ["value", "value_unit", "value_change"]
    assert (scores["value"].tp, scores["value"].fp, scores["value"].fn) == (2, 1, 0)
    assert (scores["value_unit"].tp, scores["value_unit"].fp, scores["value_unit"].fn) == (1, 2, 1)
    assert (scores["value_change"].tp, scores["value_change"].fp) == (1, 2)
    only_doc2 = score_claims(pred, gold, ["doc2"])
    assert (only_doc2["value"].tp, only_doc2["value"].fp, only_doc2["value"].fn) == (1, 0, 0)


def test_score_claims_agrees_with_evaluate(tmp_path):
    gold = [claim(0, 10, 100, "USD", alt_units=["CAD"]), claim(20, 30, 5, optional=True)]
    pred = [claim(0, 10, 100, "CAD"), claim(20, 30, 5), claim(40, 50, 1)]
    report = run(tmp_path, [], gold, [], pred).to_dict()["claims"]["cqe"]
    scores = score_claims(pred, gold, [DOC])
    assert {name: score.to_dict() for name, score in scores.items()} == report


def test_score_claims_names_a_record_without_its_span():
    with pytest.raises(EvaluationError, match="predicted claims: record 1 lacks quantity.end"):
        score_claims([{"doc_id": DOC, "quantity": {"start": 0}}], [], [DOC])


def test_claim_errors_lists_false_positives_and_negatives():
    gold = [claim(0, 10, 100, "USD"), claim(20, 30, 5, optional=True), claim(40, 50, 3)]
    pred = [claim(0, 10, 100, "EUR"), claim(20, 30, 5), claim(0, 5, 7, doc="negative")]
    false_positives, false_negatives = claim_errors(pred, gold, [DOC, "negative"])
    assert [(p["doc_id"], p["unit"]) for p in false_positives] == [
        (DOC, "EUR"),
        ("negative", "percent"),
    ]
    assert [g["quantity"]["start"] for g in false_negatives] == [0, 40]
    false_positives, false_negatives = claim_errors(pred, gold, [DOC], "value")
    assert false_positives == []
    assert [g["quantity"]["start"] for g in false_negatives] == [40]


def test_load_records_reads_jsonlines(tmp_path):
    write(tmp_path, [ent(0, 10), ent(20, 30, "GPE")])
    records = load_records(tmp_path, "entities.jsonl")
    assert [record["label"] for record in records] == ["ORG", "GPE"]


def test_missing_file_raises_evaluation_error_naming_the_path(tmp_path):
    with pytest.raises(EvaluationError, match="entities.jsonl"):
        load_records(tmp_path, "entities.jsonl")
    gold = write(tmp_path / "gold", [ent(0, 10)], [])
    pred = tmp_path / "pred"
    pred.mkdir()
    (pred / "entities.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(EvaluationError) as caught:
        evaluate(gold, pred)
    assert str(pred / "claims.jsonl") in str(caught.value)


def test_malformed_or_incomplete_record_raises_evaluation_error(tmp_path):
    gold = write(tmp_path / "gold", [ent(0, 10)], [])
    pred = write(tmp_path / "pred", [], [])
    (pred / "entities.jsonl").write_text('{"doc_id": "doc1", "label": "ORG"\n', encoding="utf-8")
    with pytest.raises(EvaluationError, match="entities.jsonl"):
        evaluate(gold, pred)
    write(pred, [{"doc_id": DOC, "label": "ORG", "start": 0}], [])
    with pytest.raises(EvaluationError, match="end"):
        evaluate(gold, pred)
    write(pred, [], [{"doc_id": DOC, "quantity": {"start": 0}}])
    with pytest.raises(EvaluationError, match="quantity.end"):
        evaluate(gold, pred)


def test_failures_below_and_above_threshold(tmp_path):
    # entities: P 1/2, R 1/1 -> F1 0.6667; claims: P 1, R 1/2 -> F1 0.6667
    report = run(
        tmp_path,
        [ent(0, 10)],
        [claim(0, 10, 1), claim(20, 30, 2)],
        [ent(0, 10), ent(20, 30)],
        [claim(0, 10, 1)],
    )
    assert report.failures(0.6) == []
    assert report.failures(0.6667) == []
    reasons = report.failures(0.7)
    assert len(reasons) == 2
    assert any("claim" in reason and "0.6667" in reason for reason in reasons)
    assert any("entit" in reason and "0.6667" in reason for reason in reasons)


def test_failures_names_only_the_failing_figure(tmp_path):
    report = run(tmp_path, [ent(0, 10)], [claim(0, 10, 1)], [ent(0, 10)], [claim(0, 10, 2)])
    reasons = report.failures(0.5)
    assert len(reasons) == 1
    assert "claim" in reasons[0]


def test_to_dict_structure_and_rounding(tmp_path):
    report = run(
        tmp_path,
        [ent(0, 10), ent(20, 30), ent(40, 50)],
        [claim(0, 10, 1)],
        [ent(0, 10)],
        [claim(0, 10, 1)],
    )
    result = report.to_dict()
    assert json.loads(json.dumps(result)) == result
    assert list(result) == ["documents", "entities", "claims"]
    assert list(result["entities"]) == ["strict", "lenient"]
    assert list(result["entities"]["strict"]) == ["overall", "per_label"]
    assert list(result["claims"]) == ["detection", "attributes", "cqe"]
    overall = result["entities"]["strict"]["overall"]
    assert list(overall) == ["precision", "recall", "f1", "tp", "fp", "fn", "support"]
    assert overall["recall"] == 0.3333
    assert overall["f1"] == 0.5


def test_format_table_shows_the_figures(tmp_path):
    report = run(
        tmp_path,
        [ent(0, 10, "PERSON"), ent(20, 30, "PERSON"), ent(40, 50, "GPE")],
        [claim(0, 10, 1, subject={"text": "a b", "start": 0, "end": 3})],
        [ent(0, 10, "PERSON"), ent(22, 30, "PERSON"), ent(60, 70, "GPE")],
        [claim(0, 10, 1, bound="approximate", subject={"text": "a", "start": 0, "end": 1})],
    )
    table = report.format_table()
    lines = table.splitlines()
    person = next(line for line in lines if line.startswith("PERSON"))
    assert person.split() == [
        "PERSON",
        "2",
        "0.5000",
        "0.5000",
        "0.5000",
        "1.0000",
        "1.0000",
        "1.0000",
    ]
    overall = next(line for line in lines if line.startswith("overall"))
    assert overall.split()[1:] == ["3", "0.3333", "0.3333", "0.3333", "0.6667", "0.6667", "0.6667"]
    detection = next(line for line in lines if line.startswith("value+unit"))
    assert detection.split() == ["value+unit", "1.0000", "1.0000", "1.0000", "1", "0", "0"]
    assert "Matched claims: 1" in table
    assert next(line for line in lines if line.startswith("bound accuracy")).endswith("0.0000")
    assert next(line for line in lines if line.startswith("subject token-F1")).endswith("0.6667")


def test_gold_against_itself_is_perfect():
    report = evaluate(GOLD_DIR, GOLD_DIR)
    result = report.to_dict()
    gold_claims = load_records(GOLD_DIR, "claims.jsonl")
    required_claims = sum(not record.get("optional") for record in gold_claims)
    for mode in ("strict", "lenient"):
        entities = result["entities"][mode]
        scores = [entities["overall"], *entities["per_label"].values()]
        for score in scores:
            assert (score["precision"], score["recall"], score["f1"]) == (1.0, 1.0, 1.0)
            assert score["fp"] == score["fn"] == 0
    for score in [result["claims"]["detection"], *result["claims"]["cqe"].values()]:
        assert (score["f1"], score["fp"], score["fn"]) == (1.0, 0, 0)
        assert score["tp"] == required_claims
    assert set(result["claims"]["attributes"].values()) == {required_claims, 1.0}
    assert report.failures(1.0) == []
