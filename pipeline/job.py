"""The batch job: read -> annotate -> write, streaming in batches, in input order."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from pipeline import __version__
from pipeline.nlp import DEFAULT_MODEL, Annotation, annotate, load_pipeline, model_description
from pipeline.reading import InputDocument, read_documents
from pipeline.writing import OutputWriter

CLAIM_FIELDS = (
    "sentence", "quantity", "value", "low", "high", "unit", "unit_text", "counted", "bound",
    "change", "subject", "time", "source", "entities",
)


@dataclass(frozen=True)
class RunSummary:
    documents: int
    failed: int
    entities: int
    claims: int
    seconds: float


def run_job(
    inputs: list[Path],
    out_dir: Path,
    model: str = DEFAULT_MODEL,
    batch_size: int = 64,
    refine_entities: bool = True,
) -> RunSummary:
    """Process every input document and write the output files into `out_dir`."""
    started = time.perf_counter()
    nlp = load_pipeline(model, refine_entities=refine_entities)
    loaded = time.perf_counter()
    counts = {"documents": 0, "failed": 0, "entities": 0, "claims": 0}
    with OutputWriter(out_dir) as writer:
        for batch in _batches(read_documents(inputs), batch_size):
            readable = [document for document in batch if document.error is None]
            annotations = iter(annotate(nlp, (d.text for d in readable), batch_size))
            for document in batch:
                annotation = next(annotations) if document.error is None else None
                record, entities, claims = document_records(document, annotation)
                writer.write_document(record, entities, claims)
                counts["documents"] += 1
                counts["failed"] += document.error is not None
                counts["entities"] += len(entities)
                counts["claims"] += len(claims)
        finished = time.perf_counter()
        writer.commit({
            "pipeline_version": __version__,
            "model": model_description(nlp),
            "options": {
                "model": model, "batch_size": batch_size, "refine_entities": refine_entities,
            },
            "inputs": [str(path) for path in inputs],
            "counts": counts,
            "timings": {
                "load_seconds": round(loaded - started, 3),
                "process_seconds": round(finished - loaded, 3),
            },
        })
    return RunSummary(seconds=time.perf_counter() - started, **counts)


def document_records(
    document: InputDocument, annotation: Annotation | None
) -> tuple[dict, list[dict], list[dict]]:
    """The output records of one document, with doc_id and claim_id filled in."""
    if annotation is None:
        return _document_record(document, "error", 0, 0), [], []
    entities = [{"doc_id": document.doc_id, **entity} for entity in annotation.entities]
    claims = [
        {"doc_id": document.doc_id, "claim_id": f"{document.doc_id}:{number}",
         **{field: claim[field] for field in CLAIM_FIELDS}}
        for number, claim in enumerate(annotation.claims, start=1)
    ]
    return _document_record(document, "ok", len(entities), len(claims)), entities, claims


def _document_record(document: InputDocument, status: str, n_entities: int, n_claims: int) -> dict:
    text = document.text or ""
    return {
        "doc_id": document.doc_id,
        "status": status,
        "error": document.error,
        "chars": len(text),
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest() if document.text else None,
        "n_entities": n_entities,
        "n_claims": n_claims,
    }


def _batches(documents: Iterable[InputDocument], size: int) -> Iterator[list[InputDocument]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch
