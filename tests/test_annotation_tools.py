"""Pre-annotation for Prodigy, doccano and Label Studio, and the corrected export read back as
gold. No model is loaded: the predictions are the committed `output/` folder (texts: `corpus/`)
and a small handmade folder."""

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.batch.reading import read_documents
from pipeline.cli import app
from pipeline.review.annotation_tools import (
    FORMATS,
    export_tasks,
    import_annotations,
    write_tasks,
)
from pipeline.review.evaluating import evaluate, load_records

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "output"
SUFFIX = {"prodigy": "jsonl", "doccano": "jsonl", "label-studio": "json"}
# Output fields that are not gold: the claim's sentence and the entities of that sentence.
NOT_GOLD = ("sentence", "entities", "si_value", "si_low", "si_high", "si_unit")


def gold_claim_keys() -> list[str]:
    """The key order of the committed gold, without the optional mark a tool cannot give."""
    first = load_records(REPO / "tests" / "gold", "claims.jsonl")[0]
    return [key for key in first if key != "optional"]


def round_trip(tasks: list[dict], tool: str, tmp_path: Path) -> tuple[Path, tuple[int, int]]:
    path = tmp_path / f"tasks.{SUFFIX[tool]}"
    write_tasks(tasks, path, tool)
    gold = tmp_path / "gold"
    # these tests check the conversion, so untouched pre-annotations are taken as they are
    return gold, import_annotations(path, tool, gold, accept_unreviewed=True)[:2]


# Round trip of the committed output ---------------------------------------------------------


@pytest.mark.parametrize("tool", FORMATS)
def test_unchanged_round_trip_gives_the_output_back(tool, tmp_path):
    """Entities are compared on all their fields (doc_id, text, label, start, end); claims on
    every field but `sentence` and `entities`, which gold does not record. Order and key
    order are compared too."""
    texts = {doc.doc_id: doc.text for doc in read_documents([REPO / "corpus"])}
    tasks = export_tasks(OUTPUT, texts, tool)
    assert len(tasks) == 2

    gold, counts = round_trip(tasks, tool, tmp_path)

    entities = load_records(OUTPUT, "entities.jsonl")
    claims = [{key: value for key, value in claim.items() if key not in NOT_GOLD}
              for claim in load_records(OUTPUT, "claims.jsonl")]
    assert counts == (len(entities), len(claims)) == (197, 22)
    assert load_records(gold, "entities.jsonl") == entities
    gold_claims = load_records(gold, "claims.jsonl")
    assert gold_claims == claims
    assert all(list(claim) == gold_claim_keys() for claim in gold_claims)

    report = evaluate(gold, OUTPUT)
    assert report.entities_strict.overall.f1 == 1.0
    assert report.claims.f1 == 1.0
    assert report.attributes.bound == report.attributes.time == 1.0


@pytest.mark.parametrize("tool", FORMATS)
def test_task_files_are_utf8_as_is(tool, tmp_path):
    texts = {doc.doc_id: doc.text for doc in read_documents([REPO / "corpus"])}
    path = tmp_path / f"tasks.{SUFFIX[tool]}"
    write_tasks(export_tasks(OUTPUT, texts, tool), path, tool)
    written = path.read_text(encoding="utf-8")
    assert "China’s" in written
    if tool == "label-studio":
        assert isinstance(json.loads(written), list)
        assert written.startswith("[\n  {")
    else:
        assert len(written.splitlines()) == 2


# A small handmade document, corrected by an "annotator" ------------------------------------

DOC = "acme-1"
TEXT = ("Acme Corp said sales in France rose 25 percent to about $3 billion in 2023, "
        "and it hired 120 engineers.")


def at(phrase: str) -> dict:
    start = TEXT.index(phrase)
    return {"text": phrase, "start": start, "end": start + len(phrase)}


def entity(phrase: str, label: str) -> dict:
    span = at(phrase)
    return {"doc_id": DOC, "text": phrase, "label": label, "start": span["start"],
            "end": span["end"]}


def triple(phrase: str, label: str) -> tuple[int, int, str]:
    span = at(phrase)
    return span["start"], span["end"], label


PREDICTED_ENTITIES = [
    entity("Acme Corp", "PERSON"),  # relabelled to ORG
    entity("France", "GPE"),  # deleted
    entity("25 percent", "PERCENT"),
    entity("about $3 billion", "MONEY"),
    entity("2023", "DATE"),
    entity("120", "CARDINAL"),
]
KEPT_CLAIM = {
    "doc_id": DOC, "claim_id": f"{DOC}:1", "sentence": at(TEXT), "quantity": at("$3 billion"),
    "value": 3000000000, "low": None, "high": None, "unit": "USD", "unit_text": "$",
    "dimension": "currency", "si_value": None, "si_low": None, "si_high": None, "si_unit": None,
    "counted": None, "bound": "approximate", "change": None, "subject": at("sales"),
    "time": at("in 2023"), "source": at("Acme Corp"), "entities": [],
}
DELETED_CLAIM = KEPT_CLAIM | {
    "claim_id": f"{DOC}:2", "quantity": at("120 engineers"), "value": 120, "unit": "count",
    "unit_text": None, "dimension": "count", "counted": "engineers", "bound": "exact",
    "subject": at("engineers"),
    "time": None,
}


def annotator(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Delete "France", relabel "Acme Corp" as ORG, delete the claim "120 engineers", add the
    missed claim "25 percent"."""
    dropped = {triple("France", "GPE"), triple("120 engineers", "CLAIM")}
    edited = [
        triple("Acme Corp", "ORG") if span == triple("Acme Corp", "PERSON") else span
        for span in spans
        if span not in dropped
    ]
    return [*edited, triple("25 percent", "CLAIM")]


def expected_claims() -> list[dict]:
    added = {
        "doc_id": DOC, "claim_id": f"{DOC}:1", "quantity": at("25 percent"), "value": 25,
        "low": None, "high": None, "unit": "percent", "unit_text": "percent",
        "dimension": "percent", "counted": None, "bound": "exact", "change": None,
        "subject": None, "time": None, "source": None,
    }
    kept = {key: value for key, value in KEPT_CLAIM.items() if key not in NOT_GOLD}
    return [added, kept | {"claim_id": f"{DOC}:2"}]


def expected_entities() -> list[dict]:
    return [entity("Acme Corp", "ORG"), entity("25 percent", "PERCENT"),
            entity("about $3 billion", "MONEY"), entity("2023", "DATE"), entity("120", "CARDINAL")]


def write_jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")


@pytest.fixture
def predictions(tmp_path) -> Path:
    """A prediction folder for TEXT, plus a failed document that gets no task."""
    folder = tmp_path / "pred"
    folder.mkdir()
    write_jsonl(folder / "documents.jsonl", [
        {"doc_id": "broken", "status": "error", "error": "empty file", "chars": None,
         "sha256": None, "n_entities": 0, "n_claims": 0},
        {"doc_id": DOC, "status": "ok", "error": None, "chars": len(TEXT),
         "sha256": hashlib.sha256(TEXT.encode("utf-8")).hexdigest(), "n_entities": 6,
         "n_claims": 2},
    ])
    write_jsonl(folder / "entities.jsonl", PREDICTED_ENTITIES)
    write_jsonl(folder / "claims.jsonl", [KEPT_CLAIM, DELETED_CLAIM])
    return folder


# Each tool's export after review, made from the exported task by `annotator`.


def prodigy_export(task: dict) -> dict:
    """`prodigy db-out` of a spans.manual session: tokens added, spans with token indices."""
    tokens = [{"text": m.group(), "start": m.start(), "end": m.end(), "id": number, "ws": True}
              for number, m in enumerate(re.finditer(r"\w+|[^\w\s]", task["text"]))]
    first = {token["start"]: token["id"] for token in tokens}
    last = {token["end"]: token["id"] for token in tokens}
    spans = [(span["start"], span["end"], span["label"]) for span in task["spans"]]
    return task | {
        "_input_hash": -1402711111, "_task_hash": 993351216, "tokens": tokens,
        "spans": [{"start": start, "end": end, "token_start": first[start],
                   "token_end": last[end], "label": label}
                  for start, end, label in annotator(spans)],
        "_view_id": "spans_manual", "answer": "accept", "_timestamp": 1700000000,
        "_annotator_id": "gold-ann", "_session_id": "gold-ann",
    }


def doccano_export(task: dict) -> dict:
    """doccano's JSONL export: its id, the text, the metadata at top level, sorted label."""
    meta = {key: value for key, value in task.items() if key not in ("text", "label")}
    spans = sorted(annotator([tuple(span) for span in task["label"]]))
    return {"id": 12, "text": task["text"], **meta, "label": [list(span) for span in spans],
            "Comments": []}


def doccano_relations_export(task: dict) -> dict:
    """doccano's export from a project with relations: `entities` objects, not triples."""
    exported = doccano_export(task)
    triples = exported.pop("label")
    entities = [{"id": 100 + number, "label": label, "start_offset": start, "end_offset": end}
                for number, (start, end, label) in enumerate(triples)]
    return exported | {"entities": entities, "relations": []}


def label_studio_export(task: dict) -> dict:
    """Label Studio's JSON export: a first annotation left as predicted, then the corrected
    one, which is the one that counts."""
    predicted = task["predictions"][0]["result"]
    by_span = {(item["value"]["start"], item["value"]["end"], item["value"]["labels"][0]): item
               for item in predicted}
    result = []
    for number, (start, end, label) in enumerate(annotator(list(by_span))):
        item = by_span.get((start, end, label))
        if item is None:
            item = {"id": f"new{number}", "from_name": "label", "to_name": "text",
                    "type": "labels", "origin": "manual",
                    "value": {"start": start, "end": end, "text": TEXT[start:end],
                              "labels": [label]}}
        result.append(item)
    stale = {"id": 1, "completed_by": 1, "result": predicted, "was_cancelled": False}
    final = {"id": 2, "completed_by": 1, "result": result, "was_cancelled": False,
             "ground_truth": False, "lead_time": 42.5}
    return {"id": 7, "annotations": [stale, final], "drafts": [],
            "predictions": [task["predictions"][0] | {"id": 3, "score": None}],
            "data": task["data"], "meta": {}, "project": 1}


EXPORTS: dict[str, tuple[str, Callable[[dict], dict]]] = {
    "prodigy": ("prodigy", prodigy_export),
    "doccano": ("doccano", doccano_export),
    "doccano-relations": ("doccano", doccano_relations_export),
    "label-studio": ("label-studio", label_studio_export),
}


@pytest.mark.parametrize("shape", EXPORTS)
def test_corrections_reach_the_gold(shape, predictions, tmp_path):
    tool, review = EXPORTS[shape]
    tasks = export_tasks(predictions, {DOC: TEXT}, tool)
    assert len(tasks) == 1  # the failed document gets no task

    gold, counts = round_trip([review(task) for task in tasks], tool, tmp_path)

    assert counts == (5, 2)
    assert load_records(gold, "entities.jsonl") == expected_entities()
    assert load_records(gold, "claims.jsonl") == expected_claims()


def test_prodigy_rejected_and_ignored_tasks_are_skipped(predictions, tmp_path):
    task = export_tasks(predictions, {DOC: TEXT}, "prodigy")[0]
    other = {"text": "Berlin is big.", "spans": [{"start": 0, "end": 6, "label": "GPE"}]}
    tasks = [task | {"answer": "accept"},
             other | {"meta": {"doc_id": "b"}, "answer": "reject"},
             other | {"meta": {"doc_id": "c"}, "answer": "ignore"}]
    gold, counts = round_trip(tasks, "prodigy", tmp_path)
    assert counts == (6, 2)
    assert {record["doc_id"] for record in load_records(gold, "entities.jsonl")} == {DOC}


def test_label_studio_falls_back_to_predictions_and_skips_skipped_tasks(predictions, tmp_path):
    task = export_tasks(predictions, {DOC: TEXT}, "label-studio")[0]
    skipped = {"data": {"text": "Berlin is big.", "doc_id": "b"},
               "annotations": [{"result": [], "was_cancelled": True}]}
    gold, counts = round_trip([task | {"annotations": []}, skipped], "label-studio", tmp_path)
    assert counts == (6, 2)
    claims = load_records(gold, "claims.jsonl")
    assert [claim["counted"] for claim in claims] == [None, "engineers"]


# Bad input ----------------------------------------------------------------------------------

BAD_EXPORTS = [
    ("prodigy", '{"text": "Hi", "meta": {"doc_id": "a"}}\n{"meta": {"doc_id": "b"}}\n',
     'line 2: no "text"'),
    ("prodigy", '{"text": "Hi", "meta": {"doc_id": "a"}, '
                '"spans": [{"start": 0, "end": 9, "label": "ORG"}]}\n',
     "line 1: span [0, 9] does not lie in the text"),
    ("prodigy", '{"text": "Hi", "meta": {"doc_id": "a"}, "answer": "maybe"}\n',
     "line 1: answer 'maybe'"),
    ("doccano", '{"text": "Hi", "doc_id": "a", "label": []}\n\nnot json\n',
     "line 3: invalid JSON"),
    ("doccano", '{"text": "Hi", "label": [[0, 2, "ORG"]]}\n', 'line 1: no "doc_id"'),
    ("doccano", '{"text": "Hi", "doc_id": "a", "label": [[0, 2]]}\n',
     "line 1: label is not a list of [start, end, label]"),
    ("label-studio", '{"data": {"text": "Hi", "doc_id": "a"}}', "not a Label Studio export"),
    ("label-studio", '[{"data": {"text": "Hi", "doc_id": "a"}}, {"data": {"doc_id": "b"}}]',
     'task 2: no "text"'),
    ("label-studio", '[{"data": {"text": "Hi", "doc_id": "a"}, "annotations": '
                     '[{"result": [{"type": "labels", "value": {"start": 0, "end": 2}}]}]}]',
     "task 1: a result has no value with labels"),
]


@pytest.mark.parametrize(("tool", "content", "message"), BAD_EXPORTS)
def test_bad_export_names_file_and_place(tool, content, message, tmp_path):
    path = tmp_path / f"export.{SUFFIX[tool]}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(f"{path}: {message}")):
        import_annotations(path, tool, tmp_path / "gold")
    assert not (tmp_path / "gold").exists()


def test_missing_export_file_and_unknown_tool(tmp_path):
    with pytest.raises(ValueError, match=re.escape(f"{tmp_path / 'none.jsonl'}: cannot read")):
        import_annotations(tmp_path / "none.jsonl", "prodigy", tmp_path / "gold")
    with pytest.raises(ValueError, match="unknown annotation tool 'brat'"):
        export_tasks(OUTPUT, {}, "brat")


def test_export_refuses_a_missing_or_changed_text(predictions):
    with pytest.raises(ValueError, match="no text given for 'acme-1'"):
        export_tasks(predictions, {}, "doccano")
    with pytest.raises(ValueError, match="not the one the run saw"):
        export_tasks(predictions, {DOC: TEXT.replace("Acme", "Acne")}, "doccano")


# Guarding the gold ----------------------------------------------------------------------------


def _tasks_file(tool: str, tmp_path: Path, reviewed: bool) -> Path:
    """One task per tool, as the pipeline exported it, optionally marked as reviewed the way
    each tool marks it (doccano's export has no mark)."""
    text = "Exports rose 5% in May."
    if tool == "prodigy":
        task = {"text": text, "meta": {"doc_id": "a"},
                "spans": [{"start": 13, "end": 15, "label": "CLAIM"}]}
        tasks = [task | {"answer": "accept"} if reviewed else task]
    elif tool == "label-studio":
        result = [{"type": "labels", "value": {"start": 13, "end": 15, "labels": ["CLAIM"]}}]
        task = {"data": {"text": text, "doc_id": "a"}, "predictions": [{"result": result}]}
        tasks = [task | {"annotations": [{"result": result}]} if reviewed else task]
    else:
        tasks = [{"doc_id": "a", "text": text, "label": [[13, 15, "CLAIM"]]}]
    path = tmp_path / f"tasks.{SUFFIX[tool]}"
    write_tasks(tasks, path, tool)
    return path


@pytest.mark.parametrize("tool", FORMATS)
def test_import_refuses_to_overwrite_gold_unless_forced(tool, tmp_path):
    path = _tasks_file(tool, tmp_path, reviewed=True)
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "claims.jsonl").write_text("hand-labelled\n")
    result = CliRunner().invoke(app, ["import", str(path), "--format", tool, "--gold", str(gold)])
    assert result.exit_code == 2
    assert f"gold folder {gold} is not empty" in result.stderr and "--force" in result.stderr
    assert (gold / "claims.jsonl").read_text() == "hand-labelled\n"
    forced = CliRunner().invoke(app, ["import", str(path), "--format", tool, "--gold",
                                      str(gold), "--force"])
    assert forced.exit_code == 0, forced.stderr
    assert json.loads((gold / "claims.jsonl").read_text())["value"] == 5


@pytest.mark.parametrize("tool", ["prodigy", "label-studio"])
def test_import_refuses_unreviewed_tasks_by_default(tool, tmp_path):
    path = _tasks_file(tool, tmp_path, reviewed=False)
    gold = tmp_path / "gold"
    result = CliRunner().invoke(app, ["import", str(path), "--format", tool, "--gold", str(gold)])
    assert result.exit_code == 2
    assert "1 task(s) were never reviewed" in result.stderr
    assert not gold.exists()
    accepted = CliRunner().invoke(app, ["import", str(path), "--format", tool, "--gold",
                                        str(gold), "--accept-unreviewed"])
    assert accepted.exit_code == 0, accepted.stderr
    assert "1 task(s) taken without review" in accepted.stderr


@pytest.mark.parametrize("tool", FORMATS)
def test_reviewed_tasks_import_and_incomplete_claims_are_counted(tool, tmp_path):
    path = _tasks_file(tool, tmp_path, reviewed=True)
    summary = import_annotations(path, tool, tmp_path / "gold")
    assert (summary.claims, summary.unreviewed, summary.incomplete) == (1, 0, 0)
