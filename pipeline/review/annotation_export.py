"""A run's predictions as pre-annotated review tasks, one builder per tool, and the task file
each tool loads.

A prediction folder holds offsets, not texts, so the caller passes the texts; each one is
checked against the sha256 the run recorded, so that no span lands on a text that has changed.
Entities become labelled spans and each claim's quantity a CLAIM span; the rest of each claim
travels in the task as data the tool keeps untouched (`claims`, or `data.claims` in Label
Studio).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from pipeline.records import text_hash
from pipeline.review.annotation_schema import (
    CLAIM_ATTRIBUTES,
    CLAIM_LABEL,
    Span,
    check_tool,
    offsets,
)
from pipeline.review.strict_json import json_objects


def export_tasks(pred_dir: Path, texts: dict[str, str], tool: str) -> list[dict]:
    """One task per document of `pred_dir/documents.jsonl` with status ok, in that order;
    `texts` maps doc_id -> text."""
    build = _BUILDERS[check_tool(tool)]
    pred_dir = Path(pred_dir)
    documents = json_objects(pred_dir / "documents.jsonl")
    entities: dict[str, list[dict]] = {}
    claims: dict[str, list[dict]] = {}
    for found, name in ((entities, "entities.jsonl"), (claims, "claims.jsonl")):
        for record in json_objects(pred_dir / name):
            found.setdefault(record["doc_id"], []).append(record)
    model_version = _model_version(pred_dir)
    tasks = []
    for record in documents:
        if record.get("status") != "ok":
            continue
        doc_id = record["doc_id"]
        text = texts.get(doc_id)
        if text is None:
            raise ValueError(f"{pred_dir / 'documents.jsonl'}: no text given for {doc_id!r}")
        if record.get("sha256") and text_hash(text) != record["sha256"]:
            raise ValueError(f"{pred_dir / 'documents.jsonl'}: the text given for {doc_id!r} is "
                             "not the one the run saw (sha256 differs)")
        doc_claims = sorted(claims.get(doc_id, []), key=lambda claim: offsets(claim["quantity"]))
        spans = sorted(
            [(entity["start"], entity["end"], entity["label"]) for entity in
             entities.get(doc_id, [])]
            + [(*offsets(claim["quantity"]), CLAIM_LABEL) for claim in doc_claims]
        )
        carried = [_carried(claim) for claim in doc_claims]
        tasks.append(build(doc_id, text, spans, carried, model_version))
    return tasks


def _carried(claim: dict) -> dict:
    """The claim as the gold records it, less doc_id and claim_id (renumbered on import)."""
    return {"quantity": claim["quantity"], **{name: claim.get(name) for name in CLAIM_ATTRIBUTES}}


def _model_version(pred_dir: Path) -> str:
    """Label Studio shows which model made a prediction; run.json says which one did."""
    try:
        run = json.loads((pred_dir / "run.json").read_text(encoding="utf-8"))
        model = run["model"]
        return f"{model['name']} {model['version']} / pipeline {run['pipeline_version']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "pipeline"


def _prodigy_task(doc_id: str, text: str, spans: list[Span], claims: list[dict],
                  model_version: str) -> dict:
    return {
        "text": text,
        "spans": [{"start": start, "end": end, "label": label} for start, end, label in spans],
        "meta": {"doc_id": doc_id},
        "claims": claims,
    }


def _doccano_task(doc_id: str, text: str, spans: list[Span], claims: list[dict],
                  model_version: str) -> dict:
    """doccano keeps keys other than text and label as the example's metadata and writes them
    back at the top level of its export."""
    return {"text": text, "label": [list(span) for span in spans], "doc_id": doc_id,
            "claims": claims}


def _label_studio_task(doc_id: str, text: str, spans: list[Span], claims: list[dict],
                       model_version: str) -> dict:
    result = [
        {
            "id": f"span-{number}",
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]},
        }
        for number, (start, end, label) in enumerate(spans, start=1)
    ]
    return {
        "data": {"text": text, "doc_id": doc_id, "claims": claims},
        "predictions": [{"model_version": model_version, "result": result}],
    }


_BUILDERS: dict[str, Callable[[str, str, list[Span], list[dict], str], dict]] = {
    "prodigy": _prodigy_task,
    "doccano": _doccano_task,
    "label-studio": _label_studio_task,
}


def write_tasks(tasks: list[dict], path: Path, tool: str) -> None:
    """JSON Lines for Prodigy and doccano, one JSON list for Label Studio; UTF-8 as is."""
    check_tool(tool)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        if tool == "label-studio":
            handle.write(json.dumps(tasks, ensure_ascii=False, indent=2) + "\n")
        else:
            handle.writelines(json.dumps(task, ensure_ascii=False) + "\n" for task in tasks)
